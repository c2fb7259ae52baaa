"""Request/response schemas of the websites API."""

from typing import Any

from ninja import Field, Schema


class WebsiteOut(Schema):
    id: int
    name: str
    domain: str | None
    subdomain: str | None


class FieldErrorOut(Schema):
    field: str = Field(description="Where the problem is, e.g. 'body.page_intent' or 'query.limit'.")
    message: str


class ErrorOut(Schema):
    """The one error shape of the API (config/api.py)."""

    detail: str = Field(description="What went wrong and what to do about it, for a person.")
    code: str = Field(description="Machine-readable: not_found, invalid_input, rate_limited …")
    errors: list[FieldErrorOut] | None = Field(None, description="Per-field problems of an invalid request.")
    retryable: bool | None = Field(None, description="Whether the same request may succeed later.")
    details: Any = Field(None, description="Extra facts about the error (retry_after, conflicting task …).")


# Any request can be too large (413) or carry a character PostgreSQL cannot store in a header, the path or a
# query parameter (422), so every operation documents both; callers add what their handler can answer.
ALWAYS = (413, 422)
AUTHENTICATED = (*ALWAYS, 401)
JSON_BODY = (*AUTHENTICATED, 400, 415)


def error_responses(*statuses: int) -> dict[int, type[ErrorOut]]:
    """``response=`` entries documenting each error status with the error schema."""
    return {status: ErrorOut for status in sorted(set(statuses))}
