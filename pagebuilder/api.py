"""Page API: start a generation or a site plan (a proposed sitemap), poll its task, read a website's pages with
their versions, and change them (edit, publish, submit for review, unpublish, undo, restore, delete) as editors can."""

from django.http import HttpRequest
from django.utils import timezone
from ninja import Header, Router, Status

from pagebuilder.answers import answer_task
from pagebuilder.page_actions import page_action
from pagebuilder.pages import page_detail, page_summaries
from pagebuilder.review import attach_reviews
from pagebuilder.schemas import (
    AnswersIn,
    GenerationStartedOut,
    PageActionOut,
    PageEditIn,
    PageGenerateIn,
    PageOut,
    PageSummaryOut,
    SitePlanIn,
    TaskOut,
    VersionOut,
)
from pagebuilder.services import GenerationInput, poll_task, start_generation, start_site_plan, task_for_client
from websites.access import website_for_client
from websites.models import AiTask
from websites.schemas import AUTHENTICATED, JSON_BODY, error_responses

pages_router = Router(tags=["pages"])
tasks_router = Router(tags=["tasks"])
IDEMPOTENCY_KEY = Header(None, max_length=255, description="Repeat a request safely for 24 h.")


@pages_router.post(
    "/{int:website_id}/pages/generate",
    response={202: GenerationStartedOut, **error_responses(*JSON_BODY, 402, 403, 404, 409, 429)},
    summary="Start generating a page (202; poll GET /tasks/{task_id}; 402 past the monthly AI budget)",
)
def generate_page(
    request: HttpRequest,
    website_id: int,
    payload: PageGenerateIn,
    idempotency_key: str | None = IDEMPOTENCY_KEY,
):
    website = website_for_client(request.auth, website_id)
    started = start_generation(
        website,
        GenerationInput(**payload.dict()),
        api_client=request.auth,
        idempotency_key=idempotency_key,
    )
    task = started.task
    message = (
        f"Page generation started. Poll GET /api/v1/tasks/{task.pk} for progress."
        if started.created
        else f"This Idempotency-Key already started task {task.pk}; poll GET /api/v1/tasks/{task.pk}."
    )
    return Status(
        202,
        {
            "task_id": task.pk,
            "status": task.status,
            "estimated_duration_seconds": started.estimated_duration_seconds,
            "message": message,
        },
    )


@pages_router.post(
    "/{int:website_id}/site/plan",
    response={202: GenerationStartedOut, **error_responses(*JSON_BODY, 402, 403, 404, 409, 429)},
    summary="Propose a sitemap for the whole site (202; the task's result holds {sitemap}; 402 past the AI budget)",
    tags=["site"],
)
def plan_site(
    request: HttpRequest, website_id: int, payload: SitePlanIn, idempotency_key: str | None = IDEMPOTENCY_KEY
):
    website = website_for_client(request.auth, website_id)
    started = start_site_plan(
        website, payload.intent, provider=payload.provider, api_client=request.auth, idempotency_key=idempotency_key
    )
    task = started.task
    message = (
        f"Site plan started. Poll GET /api/v1/tasks/{task.pk} for the sitemap."
        if started.created
        else f"This Idempotency-Key already started task {task.pk}; poll GET /api/v1/tasks/{task.pk}."
    )
    estimate = started.estimated_duration_seconds
    return Status(202, {"task_id": task.pk, "status": task.status, "estimated_duration_seconds": estimate,
                        "message": message})  # fmt: skip


def task_out(task: AiTask) -> dict:
    end = task.completed_at or timezone.now()
    started = task.started_at or task.created_at
    waiting = task.public_status == "needs_input"
    return {
        "task_id": task.pk,
        "status": task.public_status,
        "questions": (task.result or {}).get("questions") if waiting else None,
        "phase": task.phase,
        "progress": task.progress or 0,
        "message": task.message,
        "elapsed_seconds": round((end - started).total_seconds(), 2) if started else None,
        "result": task.result if task.status == AiTask.Status.COMPLETED else None,
        "error": task.error if task.status == AiTask.Status.FAILED and not waiting else None,
    }


@tasks_router.get(
    "/{uuid:task_id}",
    response={200: TaskOut, **error_responses(*AUTHENTICATED, 404)},
    summary="A task's status, phase, progress and result",
)
def get_task(request: HttpRequest, task_id):
    task = task_for_client(request.auth, task_id)
    return task_out(poll_task(task))


@tasks_router.post(
    "/{uuid:task_id}/answers",
    response={202: TaskOut, **error_responses(*JSON_BODY, 402, 404, 409)},
    summary="Answer the questions of a task that needs input (or skip them); the generation continues",
)
def answer_questions(request: HttpRequest, task_id, payload: AnswersIn):
    task = task_for_client(request.auth, task_id)
    answers = [a.dict() for a in payload.answers or []]
    return Status(202, task_out(answer_task(task, answers, skip=payload.skip).task))


@pages_router.get(
    "/{int:website_id}/pages",
    response={200: list[PageSummaryOut], **error_responses(*AUTHENTICATED, 403, 404)},
    summary="A website's pages and drafts",
)
def list_pages(request: HttpRequest, website_id: int):
    website = website_for_client(request.auth, website_id)
    return [
        {
            "slug": page.slug,
            "name": page.live.name if page.live else (page.draft.title if page.draft else page.slug),
            "published": page.published,
            "seo_title": page.live.seo_title if page.live else (page.draft.seo_title if page.draft else None),
            "updated_at": page.updated_at,
            "versions": page.versions,
            "latest_version_id": page.draft.pk if page.draft else None,
            "draft_differs_from_published": page.draft_differs,
        }
        for page in page_summaries(website)
    ]


@pages_router.get(
    "/{int:website_id}/pages/{slug}",
    response={200: PageOut, **error_responses(*AUTHENTICATED, 403, 404)},
    summary="One page: live payload, draft, versions",
)
def get_page(request: HttpRequest, website_id: int, slug: str):
    website = website_for_client(request.auth, website_id)
    page = page_detail(website, slug)
    live, draft = page.live, page.draft
    return {
        "slug": slug,
        "name": live.name if live else (draft or page.versions[0]).title,
        "published": page.published,
        "design_payload": live.design_payload if live else None,
        "seo_title": live.seo_title if live else None,
        "seo_description": live.seo_description if live else None,
        "draft": {
            "version_id": draft.pk,
            "design_payload": draft.design_payload,
            "seo_title": draft.seo_title,
            "seo_description": draft.seo_description,
            "created_at": draft.created_at,
        }
        if draft
        else None,
        "versions": attach_reviews(page.versions),
    }


CHANGED = {200: PageActionOut, **error_responses(*AUTHENTICATED, 403, 404, 409, 429)}


def action_out(task: AiTask, created: bool) -> Status:
    """A finished page action's answer; a queued one (an edit a model plans) answers 202 with its task."""
    if task.status in (AiTask.Status.PENDING, AiTask.Status.PROCESSING):
        message = f"The edit is queued. Poll GET /api/v1/tasks/{task.pk} for its result."
        return Status(202, {"task_id": task.pk, "status": task.status, "estimated_duration_seconds": 30,
                            "message": message})  # fmt: skip
    result = task.result or {}
    return Status(200, {"task_id": task.pk, "action": (task.input or {}).get("action", ""), **result,
                        "message": result.get("message") or task.error or "", "replayed": not created})  # fmt: skip


@pages_router.post(
    "/{int:website_id}/pages/{slug}/edits",
    response={**CHANGED, 202: GenerationStartedOut, **error_responses(*JSON_BODY, 402)},
    summary="Change a page by a message or operations (200 when applied at once; 202 when a model plans it)",
)
def edit_page(
    request: HttpRequest, website_id: int, slug: str, payload: PageEditIn, idempotency_key: str | None = IDEMPOTENCY_KEY
):
    website = website_for_client(request.auth, website_id)
    params = {k: v for k, v in payload.dict().items() if v is not None}
    return action_out(*page_action(website, slug, "edit", params, api_client=request.auth,
                                   idempotency_key=idempotency_key))  # fmt: skip


def _simple_action(action: str, summary: str, *, method=pages_router.post, tail: str = ""):
    """One endpoint per action without a body: publish, unpublish, undo, delete."""

    @method(
        f"/{{int:website_id}}/pages/{{slug}}{tail}", response=CHANGED, summary=summary, operation_id=f"page_{action}"
    )
    def endpoint(request: HttpRequest, website_id: int, slug: str, idempotency_key: str | None = IDEMPOTENCY_KEY):
        website = website_for_client(request.auth, website_id)
        return action_out(*page_action(website, slug, action, {}, api_client=request.auth,
                                       idempotency_key=idempotency_key))  # fmt: skip

    return endpoint


publish_page = _simple_action(
    "publish", "Publish the page's draft (the key needs the publish permission; what was live is kept as a version)",
    tail="/publish")  # fmt: skip
submit_page = _simple_action("submit", "Submit the page's draft for review (a reviewer or owner publishes it)",
                             tail="/submit")  # fmt: skip
unpublish_page = _simple_action("unpublish", "Take the page off the live site (its versions are kept)",
                                tail="/unpublish")  # fmt: skip
undo_page = _simple_action("undo", "Take the last change back (the version before it is the draft again)",
                           tail="/undo")  # fmt: skip
delete_page = _simple_action("delete", "Delete the page softly: not live, no draft; restore a version to undo it",
                             method=pages_router.delete)  # fmt: skip


@pages_router.get(
    "/{int:website_id}/pages/{slug}/versions",
    response={200: list[VersionOut], **error_responses(*AUTHENTICATED, 403, 404)},
    summary="A page's versions, newest first",
)
def list_versions(request: HttpRequest, website_id: int, slug: str):
    website = website_for_client(request.auth, website_id)
    return attach_reviews(page_detail(website, slug).versions)


@pages_router.post(
    "/{int:website_id}/pages/{slug}/versions/{int:version_id}/restore",
    response=CHANGED,
    summary="Make a version the draft again (as a new version)",
)
def restore_page_version(
    request: HttpRequest, website_id: int, slug: str, version_id: int, idempotency_key: str | None = IDEMPOTENCY_KEY
):
    website = website_for_client(request.auth, website_id)
    return action_out(*page_action(website, slug, "restore", {"version_id": version_id}, api_client=request.auth,
                                   idempotency_key=idempotency_key))  # fmt: skip
