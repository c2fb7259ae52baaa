"""When webhook attempts run: a stored delivery's first attempt, its retries, and stalled deliveries queued again.

Attempts are django-q2 tasks (``deliver``). A retry is a ONCE ``Schedule`` whose ``next_run`` lies in the
future (the cluster's scheduler looks about every 30 s), so no worker sleeps between attempts.
"""

import json
import logging
from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django_q.models import Schedule
from django_q.tasks import async_task

from websites.models import WebhookDelivery

log = logging.getLogger(__name__)

# Stored in django-q2's queue and Schedule rows, so it must stay importable (websites/webhooks/__init__.py).
DELIVER_FUNC = "websites.webhooks.deliver"

RETRY_BASE_DELAY_S = 30
RETRY_FACTOR = 4
MAX_RETRY_DELAY_S = 3600
STALLED_AFTER_S = 300  # far longer than one attempt can take (three phases of WEBHOOK_TIMEOUT at most 60 s)


def task_payload(
    *, task_id: UUID | str, status: str, website_id: int | None, page_category_slug: str | None, summary: str
) -> dict:
    """The payload of a page-generation task's webhook."""
    return {
        "task_id": str(task_id),
        "status": status,
        "website_id": website_id,
        "page_category_slug": page_category_slug,
        "summary": summary,
    }


def enqueue_webhook(*, task_id: UUID | str, website_id: int | None, url: str, payload: dict) -> WebhookDelivery:
    """Store a delivery and queue its first attempt once the current transaction (if any) commits.

    ``url`` must have passed ``targets.check_webhook_url``; it is checked again before every attempt.
    """
    delivery = WebhookDelivery.objects.create(
        task_id=task_id,
        website_id=website_id,
        url=url,
        payload=json.loads(json.dumps(payload, cls=DjangoJSONEncoder)),  # stored exactly as it will be sent
    )
    # After commit: before it, a worker could not see the delivery yet, and a rollback must send nothing.
    transaction.on_commit(lambda: queue_attempt(delivery.id))
    return delivery


def queue_attempt(delivery_id: int) -> None:
    """Queue an attempt now; a broker that is down leaves the delivery pending for the stalled-delivery sweep."""
    try:
        async_task(DELIVER_FUNC, delivery_id)
    except Exception:  # the broker is down: the delivery stays pending, visible in the admin
        log.exception("Could not queue webhook delivery %s", delivery_id)


def retry_delay(attempt: int) -> int:
    """Seconds to wait after failed attempt number ``attempt`` (1-based): 30 s, 2 min, 8 min, … at most an hour."""
    return min(RETRY_BASE_DELAY_S * RETRY_FACTOR ** (attempt - 1), MAX_RETRY_DELAY_S)


def schedule_retry(delivery_id: int, attempt: int, at: datetime) -> None:
    """Schedule attempt number ``attempt`` of a delivery for ``at`` (in the caller's transaction)."""
    Schedule.objects.create(
        name=f"webhook {delivery_id} attempt {attempt}",
        func=DELIVER_FUNC,
        args=repr((delivery_id,)),
        schedule_type=Schedule.ONCE,
        repeats=-1,  # a ONCE schedule with negative repeats is deleted after it runs
        next_run=at,
    )


def recover_stalled_deliveries(stalled_after: int = STALLED_AFTER_S) -> list[int]:
    """Queue again the deliveries nothing will move on: a first attempt the broker never got, or an attempt
    whose worker died before recording it (counted, no retry scheduled). One with no attempts left fails."""
    cutoff = timezone.now() - timedelta(seconds=stalled_after)
    stalled = WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING, next_attempt_at__isnull=True)
    stalled = stalled.filter(attempts=0, created_at__lt=cutoff) | stalled.filter(
        attempts__gt=0, last_attempt_at__lt=cutoff
    )
    recovered = []
    for delivery in stalled:
        # Re-checked row by row: an attempt may have moved the delivery on since the query above.
        still = WebhookDelivery.objects.filter(pk=delivery.pk, status=WebhookDelivery.Status.PENDING)
        if delivery.attempts > settings.WEBHOOK_MAX_RETRIES:
            still.update(status=WebhookDelivery.Status.FAILED)
            log.warning("Webhook delivery %s stalled after its last attempt; marked failed", delivery.pk)
        elif still.filter(next_attempt_at__isnull=True).update(next_attempt_at=timezone.now()):
            # next_attempt_at set marks an attempt as due, so the queued run's claim accepts it.
            log.warning("Webhook delivery %s stalled; queued again", delivery.pk)
            queue_attempt(delivery.pk)
        recovered.append(delivery.pk)
    return recovered
