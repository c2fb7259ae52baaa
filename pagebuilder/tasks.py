"""django-q2 entry points: run one page generation or one queued page edit, and recover tasks whose worker
was lost.

``recover_lost_generations`` runs every minute from a django-q2 schedule (created by a data migration) and
also whenever a caller polls a task that has gone silent, so recovery does not depend on the scheduler alone.
"""

import logging

from django.conf import settings
from django_q.tasks import async_task

from pagebuilder.models import GENERATION_TASK_TYPE
from pagebuilder.refine import refine_page
from pagebuilder.workflow import run_task
from websites import jobs
from websites.models import AiTask, Website
from websites.webhooks.queueing import enqueue_webhook, recover_stalled_deliveries, task_payload

log = logging.getLogger(__name__)
RUN_FUNC = "pagebuilder.tasks.run_generation"
EDIT_FUNC = "pagebuilder.tasks.run_edit"


def enqueue(task_id) -> None:
    async_task(RUN_FUNC, str(task_id), task_name=f"generate-{task_id}", group="page-generation")


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


def run_generation(task_id: str) -> str:
    """Claim and run one generation; a task another worker holds or that already ended is left alone."""
    task = jobs.claim(task_id)
    if task is None:
        log.info("Generation %s is not pending; nothing to do", task_id)
        return "skipped"
    run_task(task)
    notify(task)
    return task.status


def notify(task: AiTask) -> None:
    """Queue the webhook of a finished task, if its request named one."""
    url = (task.input or {}).get("webhook_url")
    if not url or task.status not in (AiTask.Status.COMPLETED, AiTask.Status.FAILED):
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


def recover_lost_generations() -> dict:
    """The minute schedule: lost generations (and stalled webhook deliveries) are put back or failed."""
    recover_stalled_deliveries()
    requeued, failed = jobs.recover_lost(GENERATION_TASK_TYPE, settings.GENERATION_STALE_AFTER_SECONDS)
    for task_id in requeued:
        enqueue(task_id)
    for task in AiTask.objects.filter(pk__in=failed):
        notify(task)
    return {"requeued": [str(i) for i in requeued], "failed": [str(i) for i in failed]}
