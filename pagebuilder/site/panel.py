"""What the site builder's sitemap panel shows: each planned page with its state (``site.state``), what the last
build said about it (SEO report, error, questions), the build's live progress while it runs, and whether the
editor may publish the whole site; and the chat's sitemap proposal card.
"""

from dataclasses import dataclass

from pagebuilder.models import Message
from pagebuilder.review import may_publish_directly
from pagebuilder.rollout import builder_refusal
from pagebuilder.site.plans import PAGE_TYPES, SECTION_TYPES, current_plan, is_building
from pagebuilder.site.state import site_state
from websites.models import AiTask, Website

STATE_LABELS = {
    "needs_input": "Waiting for data",
    "planned": "Planned",
    "building": "Building",
    "failed": "Failed",
    "draft": "Built — draft",
    "published": "Published",
}
RUNNING = (AiTask.Status.PENDING, AiTask.Status.PROCESSING)
REVIEW_NEEDED = (
    "{name} requires review before publishing: submit the built pages for review (all at once here, or each from "
    "its page); a reviewer or an owner publishes them."
)


def panel_context(website: Website, user) -> dict:
    plan = current_plan(website)
    if plan is None:
        return {"plan": None, "rows": [], "builder_off": builder_refusal(website.pk)}
    state = site_state(website)
    build_task = AiTask.objects.filter(pk=plan.build_task_id).first() if plan.build_task_id else None
    result = (build_task.result or {}) if build_task and build_task.status == AiTask.Status.COMPLETED else {}
    built = {page["slug"]: page for page in result.get("pages") or []}
    rows = [_row(page, built.get(page["slug"]) or {}, index, len(state["pages"])) for index, page in
            enumerate(state["pages"])]  # fmt: skip
    building = is_building(plan)
    current = (build_task.phase or "").split(":")[0] if building and build_task else ""
    may_publish = may_publish_directly(user, website)
    return {
        "plan": plan,
        "rows": rows,
        "building": building,
        "build_task": build_task,
        "build_failed": build_task is not None and build_task.status == AiTask.Status.FAILED,
        "current_slug": current,
        "notes": result.get("notes") or [],
        "any_built": any(row["version_id"] for row in rows),
        "may_publish": may_publish,
        "publish_refusal": "" if may_publish else REVIEW_NEEDED.format(name=website.name),
        "page_types": PAGE_TYPES,
        "builder_off": builder_refusal(website.pk),
    }


def _row(page: dict, built: dict, index: int, count: int) -> dict:
    report = built.get("seo_report") if page["state"] in ("draft", "published") else None
    return {
        **page,
        "state_label": STATE_LABELS.get(page["state"], page["state"]),
        "questions": page.get("needs") or built.get("questions") or [],
        "build_error": built.get("error") or page.get("error") or "",
        "addable_sections": sorted(SECTION_TYPES - set(page.get("sections") or [])),
        # The SEO report partial (builder/page.html#seo-report) reads ``view.result.seo_report``.
        "seo_view": {"result": {"seo_report": report}} if report else None,
        "first": index == 0,
        "last": index == count - 1,
    }


@dataclass(frozen=True)
class PlanCard:
    """What a sitemap proposal message shows: its task's progress, then the proposal or why it failed."""

    task: AiTask | None
    running: bool
    failed: bool
    pages: list[dict]
    notes: list[str]


def plan_card(message: Message) -> PlanCard:
    task = AiTask.objects.filter(pk=message.task_id).first()
    status = task.status if task else AiTask.Status.FAILED
    result = (task.result or {}) if task and status == AiTask.Status.COMPLETED else {}
    sitemap = result.get("sitemap") or {}
    return PlanCard(task, status in RUNNING, status == AiTask.Status.FAILED, sitemap.get("pages") or [],
                    sitemap.get("notes") or [])  # fmt: skip


def with_cards(messages: list[Message]) -> list[Message]:
    """The messages, each sitemap proposal with its ``card`` for the template."""
    for message in messages:
        if message.kind == Message.Kind.GENERATION:
            message.card = plan_card(message)
    return messages
