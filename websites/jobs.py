"""The job runner's bookkeeping on ``ai_tasks``: claim, progress, finish, and recovery of lost work.

Every write is a single UPDATE in autocommit, so the API and the builder's progress card see each phase the
moment it starts. Progress never goes backwards. A task is claimed atomically (pending → processing), so a
message the broker delivers twice runs once; a task whose worker died (processing, no update for
``stale_after`` seconds) is put back once and then failed with "worker lost", never left processing; a task
pending that long may have lost its queue message (a broker restarted without persistence, a worker host died
holding prefetched messages), so it is sent again — a duplicate message runs nothing, as ``claim`` decides.
"""

import logging
from datetime import timedelta

from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from websites.models import AiTask

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 2  # the first run and one retry after a lost worker
WORKER_LOST = "The worker running this task stopped (worker lost) and the retry was lost too; start it again."


def create_task(*, task_type: str, website_id: int, input: dict, message: str) -> AiTask:
    return AiTask.objects.create(
        task_type=task_type, website_id=website_id, status=AiTask.Status.PENDING, progress=0, input=input,
        message=message, phase="queued",
    )  # fmt: skip


def claim(task_id) -> AiTask | None:
    """Move a pending task to processing and return it; None when another worker has it or it is done."""
    now = timezone.now()
    claimed = AiTask.objects.filter(pk=task_id, status=AiTask.Status.PENDING).update(
        status=AiTask.Status.PROCESSING, attempts=F("attempts") + 1, started_at=now, error=None
    )
    return AiTask.objects.get(pk=task_id) if claimed else None


def record_phase(task: AiTask, phase: str, progress: int, message: str) -> None:
    """Record the phase a person sees; progress is clamped to 0–100 and never decreases."""
    progress = max(0, min(100, int(progress)))
    AiTask.objects.filter(pk=task.pk, status=AiTask.Status.PROCESSING).update(
        phase=phase, progress=Greatest(F("progress"), progress), message=message
    )
    task.phase, task.progress, task.message = phase, max(task.progress or 0, progress), message


def complete(task: AiTask, result: dict, message: str) -> None:
    now = timezone.now()
    AiTask.objects.filter(pk=task.pk).update(
        status=AiTask.Status.COMPLETED, phase="completed", progress=100, message=message, result=result,
        error=None, completed_at=now,
    )  # fmt: skip
    task.status, task.phase, task.progress, task.result, task.completed_at = "completed", "completed", 100, result, now
    task.message = message


def ask(task: AiTask, result: dict, message: str) -> None:
    """Stop the task to wait for the editor's answers (``result`` holds the questions). Stored as failed in the
    ``needs_input`` phase: a consumer that knows only the four statuses sees a task that produced no page."""
    now, phase = timezone.now(), AiTask.NEEDS_INPUT_PHASE
    AiTask.objects.filter(pk=task.pk).update(
        status=AiTask.Status.FAILED, phase=phase, message=message[:500], error=message, result=result, completed_at=now
    )
    task.status, task.phase, task.result, task.message = AiTask.Status.FAILED, phase, result, message
    task.error, task.completed_at = message, now


def requeue(task: AiTask, input: dict, message: str) -> bool:
    """A task waiting for input back in the queue with ``input``; False when it was not waiting (anymore)."""
    waiting = AiTask.objects.filter(pk=task.pk, status=AiTask.Status.FAILED, phase=AiTask.NEEDS_INPUT_PHASE)
    changed = waiting.update(
        status=AiTask.Status.PENDING, phase="queued", progress=0, input=input, message=message, result=None,
        error=None, completed_at=None,
    )  # fmt: skip
    if changed:
        task.status, task.phase, task.progress, task.input, task.message = "pending", "queued", 0, input, message
        task.result, task.error, task.completed_at = None, None, None
    return bool(changed)


def fail(task: AiTask, error: str, *, phase: str | None = None) -> None:
    now = timezone.now()
    AiTask.objects.filter(pk=task.pk).update(
        status=AiTask.Status.FAILED, phase="failed", message=error[:500], error=error, completed_at=now
    )
    task.status, task.phase, task.error, task.completed_at = "failed", "failed", error, now


def lost_tasks(task_type: str, stale_after: int):
    cutoff = timezone.now() - timedelta(seconds=stale_after)
    return AiTask.objects.filter(task_type=task_type, status=AiTask.Status.PROCESSING, updated_at__lt=cutoff)


def recover_lost(task_type: str, stale_after: int) -> tuple[list, list]:
    """Requeue lost tasks with attempts left (returns their ids first) and fail the others."""
    requeued, failed = [], []
    for task in lost_tasks(task_type, stale_after):
        if (task.attempts or 0) < MAX_ATTEMPTS:
            still_lost = AiTask.objects.filter(pk=task.pk, status=AiTask.Status.PROCESSING, updated_at=task.updated_at)
            changed = still_lost.update(
                status=AiTask.Status.PENDING, phase="queued", message="The worker was lost; trying again."
            )
            if changed:
                requeued.append(task.pk)
        else:
            fail(task, WORKER_LOST)
            failed.append(task.pk)
    if requeued or failed:
        log.warning("Recovered lost %s tasks: requeued %s, failed %s", task_type, requeued, failed)
    return requeued, failed


def stranded_pending(task_type: str, stale_after: int) -> list:
    """Ids of pending tasks silent for ``stale_after`` seconds, for the caller to send to the queue again.

    Each is stamped (``updated_at``) by a compare-and-set, so sweeps running at once (a schedule on several
    clusters, a poll) send it once, and the next sweep waits another ``stale_after`` before sending it again.
    """
    cutoff = timezone.now() - timedelta(seconds=stale_after)
    silent = AiTask.objects.filter(task_type=task_type, status=AiTask.Status.PENDING, updated_at__lt=cutoff)
    stranded = []
    for pk, updated_at in silent.values_list("pk", "updated_at"):
        unchanged = AiTask.objects.filter(pk=pk, status=AiTask.Status.PENDING, updated_at=updated_at)
        if unchanged.update(updated_at=timezone.now()):
            stranded.append(pk)
    if stranded:
        log.warning("Sending %s pending %s tasks to the queue again: %s", len(stranded), task_type, stranded)
    return stranded
