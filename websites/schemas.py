"""Request/response schemas of the websites API."""

from datetime import datetime
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
    code: str = Field(description="Machine-readable: not_found, invalid_input, rate_limited, budget_exceeded …")
    errors: list[FieldErrorOut] | None = Field(None, description="Per-field problems of an invalid request.")
    retryable: bool | None = Field(None, description="Whether the same request may succeed later.")
    details: Any = Field(None, description="Extra facts about the error (retry_after, conflicting task …).")


# Any request can name a Host this server does not answer to (400, Django's DisallowedHost), be too large (413)
# or carry a character PostgreSQL cannot store in a header, the path or a query parameter (422), so every
# operation documents all three; callers add what their handler can answer.
ALWAYS = (400, 413, 422)
AUTHENTICATED = (*ALWAYS, 401)
JSON_BODY = (*AUTHENTICATED, 400, 415)


def error_responses(*statuses: int) -> dict[int, type[ErrorOut]]:
    """``response=`` entries documenting each error status with the error schema."""
    return {status: ErrorOut for status in sorted(set(statuses))}


class FactIn(Schema):
    kind: str = Field(..., max_length=32, description="testimonial, team_member, pricing_plan, faq, opening_hours, …")
    data: dict[str, Any] = Field(..., description="The kind's fields (GET /websites/{id}/facts/kinds lists them).")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "kind": "team_member",
                    "data": {"name": "Ana Ruiz", "role": "Founder", "bio": "Teaches prenatal yoga."},
                },
                {
                    "kind": "pricing_plan",
                    "data": {"name": "Drop-in", "price": "18", "currency": "USD", "period": "class"},
                },
            ]
        }
    }


class FactOut(Schema):
    id: int
    kind: str
    data: dict[str, Any]
    position: int
    source: str
    created_at: datetime
    updated_at: datetime


class FactFieldOut(Schema):
    name: str
    label: str
    type: str
    required: bool
    max_length: int
    max_items: int
    choices: list[str]


class FactKindOut(Schema):
    key: str
    label: str
    plural: str
    single: bool = Field(description="One per website: a new one replaces the old.")
    example: str
    fields: list[FactFieldOut]
