"""Starting a site build: the sitemap to build (the one sent, else the site's current one), the checks a page
generation gets (rollout, idempotency key, one request at a time per client, the monthly AI budget for Claude,
the publish permission), the task row and its queue message."""

from django.db import transaction

from monitoring.budgets import ensure_within_budget
from pagebuilder.idempotency import once, request_fingerprint
from pagebuilder.models import SitePlan
from pagebuilder.review import decide_publish, may_publish_directly
from pagebuilder.rollout import require_builder
from pagebuilder.services import ESTIMATED_SECONDS, Started, clean_provider
from pagebuilder.site.plans import is_building, require_plan, save_pages
from pagebuilder.tasks import SITE_BUILD_TASK_TYPE, enqueue_after_commit, enqueue_site_build
from websites import jobs
from websites.errors import Conflict, Forbidden, InvalidInput, NotFound
from websites.models import AiTask, ApiClient, Website
from websites.webhooks.targets import check_webhook_url


def start_site_build(
    website: Website,
    *,
    pages: list | None = None,
    only: list[str] | None = None,
    publish: bool | None = False,
    provider: str | None = None,
    webhook_url: str | None = None,
    api_client: ApiClient | None = None,
    user=None,
    idempotency_key: str | None = None,
) -> Started:
    """Queue a build of the site's sitemap (``pages``: an edited sitemap to store first; ``only``: the slugs to
    rebuild, the others keep their drafts and get the same navigation)."""
    require_builder(website.pk)
    provider = clean_provider(provider)
    publish = _may_publish(website, publish, api_client, user)
    webhook = check_webhook_url(webhook_url) if webhook_url else None
    fingerprint = request_fingerprint({"website_id": website.pk, "task_type": SITE_BUILD_TASK_TYPE, "pages": pages,
                                       "only": only, "publish": publish, "provider": provider})  # fmt: skip

    def create() -> AiTask:
        plan = save_pages(website, pages, user=user, api_client=api_client) if pages is not None else None
        plan = _buildable(plan or require_plan(website), only)
        ensure_within_budget(website, "site_build", provider=provider)
        task = jobs.create_task(
            task_type=SITE_BUILD_TASK_TYPE,
            website_id=website.pk,
            input={
                "site_plan_id": plan.pk,
                "only": only or [],
                "publish": publish,
                "provider": provider,
                "webhook_url": webhook,
                "api_client_id": api_client.pk if api_client else None,
                "user_id": user.pk if user else None,
            },
            message="Waiting for a worker to build the site",
        )
        _mark_building(plan, task, only)
        enqueue_after_commit(task.pk, send=enqueue_site_build)
        return task

    task, created = once(website, create, fingerprint=fingerprint, api_client=api_client, user=user,
                         idempotency_key=idempotency_key)  # fmt: skip
    pages_count = len(only or require_plan(website).pages)
    return Started(task, created, ESTIMATED_SECONDS.get(provider, 60) * max(pages_count, 1))


def _may_publish(website: Website, publish: bool | None, api_client: ApiClient | None, user) -> bool:
    publish = decide_publish(publish, api_client)
    if publish and user is not None and not may_publish_directly(user, website):
        raise Forbidden(f"{website.name} requires review before publishing: build the site, then submit its pages.")
    return publish


def _buildable(plan: SitePlan, only: list[str] | None) -> SitePlan:
    with transaction.atomic():
        plan = SitePlan.objects.select_for_update().get(pk=plan.pk)
        if is_building(plan):
            raise Conflict(f"The site is being built already (task {plan.build_task_id}); wait for it to finish.")
        slugs = {page["slug"] for page in plan.pages}
        unknown = sorted(set(only or []) - slugs)
        if unknown:
            raise NotFound(f"The sitemap has no page {', '.join('/' + s for s in unknown[:5])}.")
        if not any(not page.get("needs") for page in plan.pages if not only or page["slug"] in only):
            raise InvalidInput(
                "Every page to build waits for data the site lacks; answer the pages' questions (Site facts) first."
            )
    return plan


def _mark_building(plan: SitePlan, task: AiTask, only: list[str] | None) -> None:
    states = dict(plan.page_states or {})
    for page in plan.pages:
        if (not only or page["slug"] in only) and not page.get("needs"):
            states[page["slug"]] = {"status": "building", "task_id": str(task.pk)}
    SitePlan.objects.filter(pk=plan.pk).update(status=SitePlan.Status.BUILDING, build_task_id=task.pk,
                                               page_states=states)  # fmt: skip
