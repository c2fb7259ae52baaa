"""Request/response schemas of the page generation API."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Schema


class PageGenerateIn(Schema):
    page_intent: str = Field(
        ..., min_length=1, max_length=2000, pattern=r"\S", description="What the page is for, in plain words."
    )
    page_category_slug: str = Field(..., min_length=1, max_length=100, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    additional_context: str | None = Field(
        None, max_length=10000, description="Facts for the page, one per line (see the README's fact labels)."
    )
    webhook_url: str | None = Field(
        None,
        min_length=8,
        max_length=2000,
        pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#@]+",
        json_schema_extra={"format": "uri"},
        description="An http(s) URL on the public internet, called with the result (signed).",
    )
    publish: bool | None = Field(
        None,
        description="Write the page to page_categories when done (a version is kept). Needs the API client's "
        "publish permission (true without it: 403); left out, the page is published when the client has it.",
    )
    save_facts: bool = Field(
        False, description="Save the facts found in additional_context to the website, so later pages know them."
    )

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "page_intent": "An about page for our family bakery",
                    "page_category_slug": "about-us",
                    "additional_context": "Hours: Tue-Sun 7:00-15:00",
                    "publish": False,
                }
            ]
        }
    }


class SitePlanIn(Schema):
    intent: str = Field(
        ...,
        min_length=1,
        max_length=2000,
        pattern=r"\S",
        description="What the whole site is for, in plain words; name pages you want (prices, team, gallery, …).",
    )
    provider: Literal["offline", "anthropic"] | None = Field(
        None,
        description="Who plans it: anthropic (Claude) or offline; left out, the server's default (LLM_PROVIDER). "
        "A Claude plan counts against the website's monthly AI budget (402 past it).",
    )

    model_config = {"json_schema_extra": {"examples": [{"intent": "A website for our yoga studio with our prices"}]}}


class GenerationStartedOut(Schema):
    task_id: UUID
    status: str
    estimated_duration_seconds: int
    message: str


class TaskOut(Schema):
    task_id: UUID
    status: str = Field(description="pending, processing, completed, failed, or needs_input (answer its questions).")
    phase: str | None
    progress: int
    message: str | None
    elapsed_seconds: float | None
    result: dict | None = None
    error: str | None = None
    questions: list[dict] | None = Field(
        None, description="With needs_input: what the page needs (id, text, kind, example); POST …/answers."
    )


class VersionOut(Schema):
    id: int
    source: str
    summary: str
    title: str
    published: bool
    undone: bool
    task_id: UUID | None
    created_at: datetime
    review_status: str | None = Field(
        None,
        description="Its newest review: pending, approved, rejected (sent back) or withdrawn; null if never submitted.",
    )
    review_comment: str | None = Field(None, description="What the reviewer said when sending it back.")

    @staticmethod
    def resolve_review_status(version) -> str | None:
        review = getattr(version, "review", None)
        return review.status if review else None

    @staticmethod
    def resolve_review_comment(version) -> str | None:
        review = getattr(version, "review", None)
        return (review.comment or None) if review else None


class PageSummaryOut(Schema):
    slug: str
    name: str
    published: bool
    seo_title: str | None
    updated_at: datetime | None
    versions: int
    latest_version_id: int | None
    draft_differs_from_published: bool


class PageOut(Schema):
    slug: str
    name: str
    published: bool
    design_payload: dict | None
    seo_title: str | None
    seo_description: str | None
    draft: dict | None
    versions: list[VersionOut]


class PageEditIn(Schema):
    message: str | None = Field(None, max_length=2000, description="What to change, in words (as in the chat).")
    operations: list[dict] | None = Field(
        None, max_length=10, description="Edit operations, applied all or none (see the README's chat commands)."
    )

    model_config = {
        "json_schema_extra": {
            "examples": [
                {"message": "move the faq above the cta"},
                {"operations": [{"op": "set_text", "section": "hero", "path": "title", "value": "Fresh bread daily"},
                                {"op": "remove", "section": "testimonials"}]},
            ]
        }
    }  # fmt: skip


class PageActionOut(Schema):
    task_id: UUID = Field(description="The task recording this change (GET /tasks/{task_id} shows it again).")
    action: str
    changed: bool
    message: str
    summary: str | None = None
    version_id: int | None = Field(None, description="The page's draft version after the change.")
    published: bool | None = None
    replayed: bool = Field(False, description="True when an earlier request with this Idempotency-Key made it.")


class AnswerIn(Schema):
    question_id: str = Field(..., max_length=40)
    answer: str = Field(..., min_length=1, max_length=2000, description="Free text, read like any facts.")


class AnswersIn(Schema):
    answers: list[AnswerIn] | None = Field(None, max_length=10)
    skip: bool = Field(False, description="Build the page without the sections the questions were about.")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {"answers": [{"question_id": "pricing", "answer": "Drop-in class $18, monthly unlimited $89/month"}]},
                {"skip": True},
            ]
        }
    }
