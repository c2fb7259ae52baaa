"""Page generation API: start a generation, poll its task, read a website's pages with their versions."""

from django.http import HttpRequest
from django.utils import timezone
from ninja import Header, Router, Status

from pagebuilder.pages import page_detail, page_summaries
from pagebuilder.schemas import GenerationStartedOut, PageGenerateIn, PageOut, PageSummaryOut, TaskOut
from pagebuilder.services import GenerationInput, poll_task, start_generation, task_for_client
from websites.access import website_for_client
from websites.errors import NotFound
from websites.models import AiTask
from websites.schemas import AUTHENTICATED, JSON_BODY, error_responses

pages_router = Router(tags=["pages"])
tasks_router = Router(tags=["tasks"])


@pages_router.post(
    "/{int:website_id}/pages/generate",
    response={202: GenerationStartedOut, **error_responses(*JSON_BODY, 403, 404, 409, 429)},
    summary="Start generating a page (202; poll GET /tasks/{task_id})",
)
def generate_page(
    request: HttpRequest,
    website_id: int,
    payload: PageGenerateIn,
    idempotency_key: str | None = Header(None, max_length=255, description="Repeat a request safely for 24 h."),
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


def task_out(task: AiTask) -> dict:
    end = task.completed_at or timezone.now()
    started = task.started_at or task.created_at
    return {
        "task_id": task.pk,
        "status": task.status,
        "phase": task.phase,
        "progress": task.progress or 0,
        "message": task.message,
        "elapsed_seconds": round((end - started).total_seconds(), 2) if started else None,
        "result": task.result if task.status == AiTask.Status.COMPLETED else None,
        "error": task.error if task.status == AiTask.Status.FAILED else None,
    }


@tasks_router.get(
    "/{uuid:task_id}",
    response={200: TaskOut, **error_responses(*AUTHENTICATED, 404)},
    summary="A task's status, phase, progress and result",
)
def get_task(request: HttpRequest, task_id):
    task = task_for_client(request.auth, task_id)
    return task_out(poll_task(task))


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
    if page is None:
        raise NotFound(f"Website {website_id} has no page or draft with slug {slug!r}.")
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
        "versions": page.versions,
    }
