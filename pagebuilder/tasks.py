"""django-q2 entry points: run one page generation, one queued page edit or one site plan (a proposed sitemap),
and recover tasks whose worker was lost.

``recover_lost_generations`` runs every minute from a django-q2 schedule (created by a data migration) and
also whenever a caller polls a task that has gone silent, so recovery does not depend on the scheduler alone.
It also sends pending generations whose queue message was lost (``jobs.stranded_pending``) again, which is what
makes a Redis restart without persistence, or a worker host dying with prefetched messages, lose no task.
"""

import logging
import time

from django.conf import settings
from django.db import transaction
from django_q.tasks import async_task

from pagebuilder.models import GENERATION_TASK_TYPE
from pagebuilder.refine import refine_page
from pagebuilder.site.build import run_site_task
from pagebuilder.site.planning import run_plan_task
from pagebuilder.workflow import run_task
from websites import jobs
from websites.models import AiTask, Website
from websites.webhooks.queueing import enqueue_webhook, recover_stalled_deliveries, task_payload

log = logging.getLogger(__name__)
RUN_FUNC = "pagebuilder.tasks.run_generation"
EDIT_FUNC = "pagebuilder.tasks.run_edit"
SITE_PLAN_FUNC = "pagebuilder.tasks.run_site_plan"
SITE_PLAN_TASK_TYPE = "site_plan"
SITE_BUILD_FUNC = "pagebuilder.tasks.run_site_build"
SITE_BUILD_TASK_TYPE = "site_build"


def enqueue(task_id) -> None:
    async_task(RUN_FUNC, str(task_id), task_name=f"generate-{task_id}", group="page-generation")


def enqueue_after_commit(task_id, send=enqueue) -> None:
    """Queue a task (a generation unless ``send`` says otherwise) once its row is committed. A broker that is down
    (Redis restarting) is logged, not raised: the task is stored pending, so the caller gets its task id and the
    recovery sweep sends it."""
    transaction.on_commit(lambda: send(task_id), robust=True)


def enqueue_edit(task_id) -> None:
    async_task(EDIT_FUNC, str(task_id), task_name=f"edit-{task_id}", group="page-edit")


def run_edit(task_id: str) -> str:
    """Claim and run one queued edit (a message a model plans): completed with the outcome, or failed with the
    reply saying why nothing changed."""
    task = jobs.claim(task_id)
    if task is None:
        log.info("Edit %s is not pending; nothing to do", task_id)
        return "skipped"
    request = task.input or {}
    website = Website.objects.filter(pk=task.website_id).first()
    if website is None:
        jobs.fail(task, f"Website {task.website_id} no longer exists.")
        return task.status
    outcome = refine_page(website, request["slug"], request["message"], provider_name=request.get("provider"))
    if outcome.changed:
        jobs.complete(task, outcome.as_result(), outcome.reply)
    else:
        jobs.fail(task, outcome.reply)
    return task.status


def enqueue_site_plan(task_id) -> None:
    async_task(SITE_PLAN_FUNC, str(task_id), task_name=f"site-plan-{task_id}", group="site-plan")


def run_site_plan(task_id: str) -> str:
    """Claim and run one site plan (``pagebuilder.site.planning``): completed with ``{"sitemap": …}``, or failed
    saying why."""
    task = jobs.claim(task_id)
    if task is None:
        log.info("Site plan %s is not pending; nothing to do", task_id)
        return "skipped"
    website = Website.objects.filter(pk=task.website_id).first()
    if website is None:
        jobs.fail(task, f"Website {task.website_id} no longer exists.")
        return task.status
    run_plan_task(task, website)
    return task.status


def enqueue_site_build(task_id) -> None:
    async_task(SITE_BUILD_FUNC, str(task_id), task_name=f"site-build-{task_id}", group="site-build")


def run_site_build(task_id: str) -> str:
    """Claim and run one site build (``pagebuilder.site.build``), then send its one webhook."""
    task = jobs.claim(task_id)
    if task is None:
        log.info("Site build %s is not pending; nothing to do", task_id)
        return "skipped"
    run_site_task(task)
    notify(task)
    return task.status


def run_generation(task_id: str) -> str:
    """Claim and run one generation; a task another worker holds or that already ended is left alone."""
    task = jobs.claim(task_id)
    if task is None:
        log.info("Generation %s is not pending; nothing to do", task_id)
        return "skipped"
    if settings.GENERATION_DEBUG_DELAY_SECONDS:
        # DEBUG only (settings refuse it otherwise): holds a claimed task, to watch progress or kill its worker.
        time.sleep(settings.GENERATION_DEBUG_DELAY_SECONDS)
    run_task(task)
    notify(task)
    return task.status


def notify(task: AiTask) -> None:
    """Queue the webhook of a finished task, if its request named one."""
    url = (task.input or {}).get("webhook_url")
    if not url or task.status not in (AiTask.Status.COMPLETED, AiTask.Status.FAILED):
        return
    if task.task_type == SITE_BUILD_TASK_TYPE:
        summary = task.message if task.status == AiTask.Status.COMPLETED else f"Failed: {task.error}"
        payload = task_payload(task_id=task.pk, status=task.public_status, website_id=task.website_id,
                               page_category_slug=None, summary=str(summary))  # fmt: skip
        payload["pages"] = [_page_outcome(page) for page in (task.result or {}).get("pages") or []]
        enqueue_webhook(task_id=task.pk, website_id=task.website_id, url=url, payload=payload)
        return
    if task.status == AiTask.Status.COMPLETED:
        result = task.result or {}
        sections = ", ".join(s["semantic_type"] for s in result.get("sections", []))
        summary = f"{task.message} Sections: {sections}." if sections else str(task.message)
    elif task.public_status == "needs_input":
        summary = f"Needs input: {task.message} Answer with POST /api/v1/tasks/{task.pk}/answers."
    else:
        summary = f"Failed: {task.error}"
    enqueue_webhook(
        task_id=task.pk,
        website_id=task.website_id,
        url=url,
        payload=task_payload(
            task_id=task.pk,
            status=task.public_status,
            website_id=task.website_id,
            page_category_slug=(task.input or {}).get("page_category_slug"),
            summary=summary,
        ),
    )


def _page_outcome(page: dict) -> dict:
    """One page of a site build as its webhook reports it."""
    report = page.get("seo_report") or {}
    return {
        "slug": page["slug"],
        "status": page["status"],
        "version_id": page.get("version_id"),
        "error": page.get("error"),
        "seo_passed": report.get("passed") if report else None,
    }


def recover_lost_generations() -> dict:
    """The minute schedule: lost generations and site plans (and stalled webhook deliveries) are put back or
    failed, and pending ones whose queue message was lost are sent again."""
    recover_stalled_deliveries()
    stale_after = settings.GENERATION_STALE_AFTER_SECONDS
    requeued, failed, resent = [], [], []
    kinds = ((GENERATION_TASK_TYPE, enqueue), (SITE_PLAN_TASK_TYPE, enqueue_site_plan),
             (SITE_BUILD_TASK_TYPE, enqueue_site_build))  # fmt: skip
    for task_type, send in kinds:
        back, lost = jobs.recover_lost(task_type, stale_after)
        stranded = jobs.stranded_pending(task_type, stale_after)
        for task_id in [*back, *stranded]:
            send(task_id)
        requeued, failed, resent = [*requeued, *back], [*failed, *lost], [*resent, *stranded]
    for task in AiTask.objects.filter(pk__in=failed):
        notify(task)
    return {
        "requeued": [str(i) for i in requeued],
        "failed": [str(i) for i in failed],
        "resent": [str(i) for i in resent],
    }
