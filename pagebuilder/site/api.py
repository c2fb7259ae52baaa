"""The whole-site API: build the sitemap (edited or as proposed), read the site with each page's state, and
publish every page at once. Proposing a sitemap is ``POST …/site/plan`` in ``pagebuilder.api``."""

from django.http import HttpRequest
from ninja import Router, Status

from pagebuilder.api import IDEMPOTENCY_KEY
from pagebuilder.schemas import GenerationStartedOut
from pagebuilder.site.publishing import publish_site
from pagebuilder.site.schemas import SiteBuildIn, SiteOut, SitePublishedOut
from pagebuilder.site.starting import start_site_build
from pagebuilder.site.state import site_state
from websites.access import website_for_client
from websites.schemas import AUTHENTICATED, JSON_BODY, error_responses

site_router = Router(tags=["site"])


@site_router.post(
    "/{int:website_id}/site/build",
    response={202: GenerationStartedOut, **error_responses(*JSON_BODY, 402, 403, 404, 409, 429)},
    summary="Build every page of the sitemap in one task (202; poll GET /tasks/{task_id})",
)
def build_site(request: HttpRequest, website_id: int, payload: SiteBuildIn,
               idempotency_key: str | None = IDEMPOTENCY_KEY):  # fmt: skip
    website = website_for_client(request.auth, website_id)
    pages = [page.dict() for page in payload.sitemap.pages] if payload.sitemap else None
    started = start_site_build(website, pages=pages, only=payload.pages, publish=payload.publish,
                               webhook_url=payload.webhook_url, api_client=request.auth,
                               idempotency_key=idempotency_key)  # fmt: skip
    task = started.task
    message = (
        f"Site build started. Poll GET /api/v1/tasks/{task.pk} for progress, GET /api/v1/websites/{website_id}/site "
        "for each page."
        if started.created
        else f"This Idempotency-Key already started task {task.pk}; poll GET /api/v1/tasks/{task.pk}."
    )
    estimate = started.estimated_duration_seconds
    return Status(202, {"task_id": task.pk, "status": task.status, "estimated_duration_seconds": estimate,
                        "message": message})  # fmt: skip


@site_router.get(
    "/{int:website_id}/site",
    response={200: SiteOut, **error_responses(*AUTHENTICATED, 403, 404)},
    summary="The current sitemap with each page's state",
)
def read_site(request: HttpRequest, website_id: int):
    return site_state(website_for_client(request.auth, website_id))


@site_router.post(
    "/{int:website_id}/site/publish",
    response={200: SitePublishedOut, **error_responses(*AUTHENTICATED, 403, 404, 409)},
    summary="Publish every built page of the sitemap in one transaction (all or none)",
)
def publish_whole_site(request: HttpRequest, website_id: int):
    website = website_for_client(request.auth, website_id)
    versions = publish_site(website, api_client=request.auth)
    slugs = [version.slug for version in versions]
    return {"published": slugs, "message": f"Published {len(slugs)} pages: {', '.join('/' + s for s in slugs)}."}
