"""Starting a page generation: validation of the request, rollout, the task row (through ``idempotency.once``)
and the queue message. The API, the builder UI and the CLI all start generations here; a site plan (a proposed
sitemap, ``sitemap.py``) starts the same way. Also: which tasks an API client may see, and polling one (with
recovery of a lost worker)."""

from dataclasses import dataclass, replace
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from monitoring.budgets import ensure_within_budget
from pagebuilder.fact_reading import read_facts
from pagebuilder.idempotency import once, request_fingerprint
from pagebuilder.models import GENERATION_TASK_TYPE, GenerationRequest
from pagebuilder.pages import SLUG, SLUG_MAX
from pagebuilder.providers import PROVIDER_NAMES
from pagebuilder.review import decide_publish
from pagebuilder.rollout import require_builder
from pagebuilder.tasks import SITE_PLAN_TASK_TYPE, enqueue_after_commit, enqueue_site_plan, recover_lost_generations
from websites import jobs
from websites.api_clients import api_client_may_use
from websites.errors import InvalidInput, NotFound
from websites.models import AiTask, ApiClient, SiteFact, Website
from websites.site_facts import save_found
from websites.text import require_storable
from websites.webhooks.targets import check_webhook_url

INTENT_MAX, CONTEXT_MAX = 2000, 10000
ESTIMATED_SECONDS = {"offline": 5, "anthropic": 90}


def clean_intent(text: str | None, field: str) -> str:
    """What someone asked for, stripped and checked: storable and 1 to INTENT_MAX characters."""
    intent = require_storable((text or "").strip(), field)
    if not 1 <= len(intent) <= INTENT_MAX:
        raise InvalidInput(f"{field} must be 1 to {INTENT_MAX} characters (got {len(intent)}).")
    return intent


def clean_provider(name: str | None) -> str:
    """The provider a request names, or ``settings.LLM_PROVIDER``; InvalidInput for an unknown name."""
    provider = name or settings.LLM_PROVIDER
    if provider not in PROVIDER_NAMES:
        raise InvalidInput(f"provider must be one of {', '.join(PROVIDER_NAMES)}, not {str(provider)[:40]!r}.")
    return provider


@dataclass(frozen=True)
class GenerationInput:
    page_intent: str
    page_category_slug: str
    additional_context: str = ""
    webhook_url: str | None = None
    publish: bool | None = True  # None: publish when the API client may (``review.decide_publish``)
    provider: str | None = None
    save_facts: bool = False

    def cleaned(self) -> "GenerationInput":
        """The same request, stripped and checked; raises InvalidInput saying what to fix."""
        intent = clean_intent(self.page_intent, "page_intent")
        slug = (self.page_category_slug or "").strip()
        if not SLUG.match(slug) or len(slug) > SLUG_MAX:
            raise InvalidInput(
                f"page_category_slug {slug[:60]!r} is not a slug: use lowercase letters, digits and single "
                f"hyphens, at most {SLUG_MAX} characters (e.g. 'about-us')."
            )
        context = require_storable((self.additional_context or "").strip(), "additional_context")
        if len(context) > CONTEXT_MAX:
            raise InvalidInput(f"additional_context is {len(context)} characters; at most {CONTEXT_MAX}.")
        provider = clean_provider(self.provider)
        webhook = check_webhook_url(self.webhook_url) if self.webhook_url else None
        return GenerationInput(intent, slug, context, webhook, bool(self.publish), provider, bool(self.save_facts))

    def fingerprint(self, website_id: int) -> str:
        body = {"website_id": website_id, **self.__dict__}
        return request_fingerprint(body)


@dataclass(frozen=True)
class Started:
    task: AiTask
    created: bool
    estimated_duration_seconds: int


def start_generation(
    website: Website,
    request: GenerationInput,
    *,
    api_client: ApiClient | None = None,
    user=None,
    idempotency_key: str | None = None,
) -> Started:
    """Create and queue a generation task, or return the one an earlier request with this key created. A Claude
    generation that would pass the website's monthly AI budget is refused (402) before the task exists; a repeated
    request with an earlier key gets its task whatever the budget says now."""
    require_builder(website.pk)
    request = replace(request, publish=decide_publish(request.publish, api_client)).cleaned()

    def create() -> AiTask:
        ensure_within_budget(website, "generation", provider=request.provider)
        task = jobs.create_task(
            task_type=GENERATION_TASK_TYPE,
            website_id=website.pk,
            input={
                **request.__dict__,
                "api_client_id": api_client.pk if api_client else None,
                "user_id": user.pk if user else None,
            },
            message="Waiting for a worker to start the generation",
        )
        if request.save_facts:
            found = read_facts(request.additional_context, request.provider, website=website).extraction.facts
            save_found(website, [(f.kind, f.data) for f in found], source=SiteFact.Source.API)
        enqueue_after_commit(task.pk)
        return task

    task, created = once(website, create, fingerprint=request.fingerprint(website.pk), api_client=api_client,
                         user=user, idempotency_key=idempotency_key)  # fmt: skip
    return Started(task, created, ESTIMATED_SECONDS.get(request.provider, 60))


def start_site_plan(
    website: Website,
    intent: str,
    *,
    provider: str | None = None,
    api_client: ApiClient | None = None,
    user=None,
    idempotency_key: str | None = None,
) -> Started:
    """Create and queue a site plan task (its result holds the proposed sitemap), with the checks of a page
    generation: rollout, idempotency key, one request at a time per client and the rate limit. ``provider`` plans
    it (default ``settings.LLM_PROVIDER``); a Claude plan that would pass the website's monthly AI budget is refused
    (402) before the task exists, an offline one costs nothing."""
    require_builder(website.pk)
    intent = clean_intent(intent, "intent")
    provider = clean_provider(provider)
    fingerprint = request_fingerprint(
        {"website_id": website.pk, "task_type": SITE_PLAN_TASK_TYPE, "intent": intent, "provider": provider}
    )

    def create() -> AiTask:
        ensure_within_budget(website, "site_plan", provider=provider)
        task = jobs.create_task(
            task_type=SITE_PLAN_TASK_TYPE,
            website_id=website.pk,
            input={
                "intent": intent,
                "provider": provider,
                "api_client_id": api_client.pk if api_client else None,
                "user_id": user.pk if user else None,
            },
            message="Waiting for a worker to propose the sitemap",
        )
        enqueue_after_commit(task.pk, send=enqueue_site_plan)
        return task

    task, created = once(website, create, fingerprint=fingerprint, api_client=api_client, user=user,
                         idempotency_key=idempotency_key)  # fmt: skip
    return Started(task, created, ESTIMATED_SECONDS.get(provider, 60))


def task_visible_to(task: AiTask, api_client: ApiClient) -> bool:
    """A client sees the tasks it started, and tasks editors started on websites it may act on."""
    request = GenerationRequest.objects.filter(task_id=task.pk).first()
    if request is not None and request.api_client_id is not None:
        return request.api_client_id == api_client.pk
    return task.website_id is not None and api_client_may_use(api_client, task.website_id)


def task_for_client(api_client: ApiClient, task_id) -> AiTask:
    """The task if this client may see it; NotFound otherwise, so another client's task is not revealed."""
    task = AiTask.objects.filter(pk=task_id).first()
    if task is None or not task_visible_to(task, api_client):
        raise NotFound(f"No task {task_id} belongs to this API client.")
    return task


def poll_task(task: AiTask) -> AiTask:
    """The task as it stands; a processing or pending one silent for GENERATION_STALE_AFTER_SECONDS is first
    recovered, so a lost worker or queue message is noticed on polling even if the scheduler is not running."""
    silent_since = timezone.now() - timedelta(seconds=settings.GENERATION_STALE_AFTER_SECONDS)
    silent = task.status in (AiTask.Status.PROCESSING, AiTask.Status.PENDING) and task.updated_at < silent_since
    if silent:
        recover_lost_generations()
        task.refresh_from_db()
    return task
