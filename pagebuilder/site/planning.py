"""Running one site plan task: the sitemap proposed by the task's provider (``Provider.plan_site``: Claude, or the
offline planner), with the offline planner taking over when Claude is unavailable and ``CLAUDE_OFFLINE_FALLBACK``
is on (as a page's structure does, ``workflow._structure``); one monitoring ``Operation`` per plan, with the
model calls' tokens and cost, whether it completed or failed.

The task's result: ``{"sitemap": Sitemap.as_dict(), "provider": who planned it, "fallback": {from, reason} or
None, "usage": {calls, input_tokens, output_tokens, cost_usd}}``.
"""

import logging
import time
from dataclasses import asdict, dataclass, field, replace

from django.conf import settings

from pagebuilder.operation_metrics import record_site_plan
from pagebuilder.providers import get_provider
from pagebuilder.site.plan_request import site_plan_request
from pagebuilder.site.plans import record_proposal
from pagebuilder.site.sitemap import Sitemap
from pagebuilder.structure import ModelUsage
from pagebuilder.workflow import usage_summary
from websites import jobs
from websites.errors import AppError
from websites.models import AiTask, Website

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlanOutcome:
    sitemap: Sitemap
    usage: list[ModelUsage] = field(default_factory=list)
    fallback: dict | None = None  # {"from": provider, "reason": why} when planned offline instead

    def as_result(self) -> dict:
        return {"sitemap": self.sitemap.as_dict(), "provider": self.sitemap.provider, "fallback": self.fallback,
                "usage": usage_summary(self.usage)}  # fmt: skip


def plan_sitemap(website: Website, intent: str, provider_name: str | None = None) -> PlanOutcome:
    """The sitemap ``provider_name``'s planner proposes (default ``settings.LLM_PROVIDER``); planned offline, with
    a note, when Claude is unavailable (retries spent on 429/5xx/overloaded, a timeout, a lost connection) and
    ``CLAUDE_OFFLINE_FALLBACK`` is on. AppError otherwise (a refusal, a malformed answer), usage in ``details``."""
    request = site_plan_request(website, intent)
    provider = get_provider(provider_name)
    try:
        sitemap, usage = provider.plan_site(request)
        return PlanOutcome(sitemap, list(usage))
    except AppError as error:
        if provider.name == "offline" or not error.retryable or not settings.CLAUDE_OFFLINE_FALLBACK:
            raise
        reason, paid = error.message, paid_usage(error)
    log.warning("%s was unavailable; planning the site offline instead: %s", provider.display_name, reason)
    sitemap, _ = get_provider("offline").plan_site(request)
    note = f"Planned offline because {provider.display_name} was unavailable: {reason}"
    return PlanOutcome(replace(sitemap, notes=(*sitemap.notes, note)), paid, {"from": provider.name, "reason": reason})


def paid_usage(error: AppError) -> list[ModelUsage]:
    """The model calls a failed step paid for (``details["usage"]``)."""
    details = error.details if isinstance(error.details, dict) else {}
    return [ModelUsage(**entry) for entry in details.get("usage") or []]


def run_plan_task(task: AiTask, website: Website) -> None:
    """Plan the site for a claimed task: completed with the outcome's result, or failed saying why; recorded as
    one ``Operation`` either way."""
    request = task.input or {}
    provider = request.get("provider") or "offline"  # tasks queued before plans had a provider were offline
    started = time.monotonic()
    jobs.record_phase(task, "planning", 10, "Reading the site's data and proposing pages")
    try:
        outcome = plan_sitemap(website, request.get("intent", ""), provider)
    except AppError as error:
        calls = [asdict(usage) for usage in paid_usage(error)]
        record_site_plan(task, started, provider=provider, calls=calls, error=error.message)
        jobs.fail(task, error.message)
        return
    except Exception:
        log.exception("Site plan %s crashed", task.pk)
        message = "The site planner hit an internal error; the team has the details. Try again."
        record_site_plan(task, started, provider=provider, calls=[], error=message)
        jobs.fail(task, message)
        return
    sitemap = outcome.sitemap
    calls = [asdict(usage) for usage in outcome.usage]
    record_site_plan(task, started, provider=sitemap.provider, calls=calls, fallback=outcome.fallback is not None)
    waiting = sum(1 for page in sitemap.pages if page.needs)
    message = f"Proposed {len(sitemap.pages)} pages" + (f"; {waiting} need data first." if waiting else ".")
    if outcome.fallback:
        message += " Planned offline: Claude was unavailable."
    plan = record_proposal(website, sitemap, task_id=task.pk, user_id=request.get("user_id"),
                           api_client_id=request.get("api_client_id"))  # fmt: skip
    jobs.complete(task, {**outcome.as_result(), "site_plan_id": plan.pk}, message)
