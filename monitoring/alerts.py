"""Alerts: evaluated every minute by a django-q2 schedule (``evaluate_alerts``) over the last
ALERT_WINDOW_MINUTES, with thresholds from settings (defaults from the plan: generation failure rate over 5 %,
mean generation time over 180 s, API 5xx rate over 1 %).

A rule fires only on a minimum sample (ALERT_MIN_GENERATIONS, ALERT_MIN_REQUESTS), so one failure in a quiet
hour pages no one. ``AlertState`` remembers what fires, so the start and the end of an alert are each logged at
WARNING once, and sent once to ALERT_WEBHOOK_URL (signed and retried like page webhooks, through the same SSRF
guard). The health endpoint and the dashboard read the firing states.
"""

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Avg, Count, Q, Sum
from django.utils import timezone

from monitoring.models import AlertState, Operation, RequestTally
from websites.errors import AppError
from websites.webhooks.queueing import enqueue_webhook
from websites.webhooks.targets import check_webhook_url

log = logging.getLogger(__name__)
EVALUATE_FUNC = "monitoring.alerts.evaluate_alerts"


@dataclass(frozen=True)
class Reading:
    """One rule's measurement: its value, the sample it rests on, and whether it fires."""

    name: str
    value: float | None
    sample: int
    fires: bool
    detail: str


def _generation_failures(since: datetime) -> Reading:
    counts = Operation.objects.filter(kind=Operation.Kind.GENERATION, created_at__gte=since).aggregate(
        total=Count("id"), failed=Count("id", filter=Q(outcome=Operation.Outcome.FAILED))
    )
    total, limit = counts["total"], settings.ALERT_GENERATION_FAILURE_RATE
    rate = counts["failed"] / total if total else None
    fires = total >= settings.ALERT_MIN_GENERATIONS and rate is not None and rate > limit
    detail = f"{counts['failed']} of {total} generations failed ({_pct(rate)}; alert above {_pct(limit)})"
    return Reading("generation_failure_rate", rate, total, fires, detail)


def _generation_time(since: datetime) -> Reading:
    done = Operation.objects.filter(
        kind=Operation.Kind.GENERATION, outcome=Operation.Outcome.COMPLETED, created_at__gte=since
    ).aggregate(total=Count("id"), mean_ms=Avg("duration_ms"))
    total, limit = done["total"], settings.ALERT_GENERATION_AVG_SECONDS
    mean = done["mean_ms"] / 1000 if done["mean_ms"] is not None else None
    fires = total >= settings.ALERT_MIN_GENERATIONS and mean is not None and mean > limit
    shown = "n/a" if mean is None else f"{mean:.1f} s"
    detail = f"Generations took {shown} on average over {total} pages (alert above {limit:g} s)"
    return Reading("generation_avg_seconds", mean, total, fires, detail)


def _api_errors(since: datetime) -> Reading:
    minute = since.replace(second=0, microsecond=0)
    counts = RequestTally.objects.filter(minute__gte=minute).aggregate(
        total=Sum("count"), errors=Sum("count", filter=Q(status__gte=500))
    )
    total, errors, limit = counts["total"] or 0, counts["errors"] or 0, settings.ALERT_API_ERROR_RATE
    rate = errors / total if total else None
    fires = total >= settings.ALERT_MIN_REQUESTS and rate is not None and rate > limit
    detail = f"{errors} of {total} API requests answered 5xx ({_pct(rate)}; alert above {_pct(limit)})"
    return Reading("api_error_rate", rate, total, fires, detail)


RULES: tuple[Callable[[datetime], Reading], ...] = (_generation_failures, _generation_time, _api_errors)


def _pct(rate: float | None) -> str:
    return "n/a" if rate is None else f"{rate * 100:.1f} %"


def evaluate_alerts(now: datetime | None = None) -> list[str]:
    """Measure every rule, record it, log and notify each change; return the names of the firing alerts."""
    now = now or timezone.now()
    since = now - timedelta(minutes=settings.ALERT_WINDOW_MINUTES)
    firing = []
    for rule in RULES:
        reading = rule(since)
        _apply(reading, now)
        if reading.fires:
            firing.append(reading.name)
    return firing


def _apply(reading: Reading, now: datetime) -> None:
    """Store the reading; when it changes the alert's state, log it and notify, once, under a row lock (two
    clusters evaluating in the same minute cannot both announce it)."""
    with transaction.atomic():
        AlertState.objects.get_or_create(name=reading.name)
        state = AlertState.objects.select_for_update().get(name=reading.name)
        started, ended = reading.fires and not state.firing, state.firing and not reading.fires
        if started:
            state.firing, state.since = True, now
            log.warning("Alert %s is firing: %s", reading.name, reading.detail)
        elif ended:
            log.warning("Alert %s resolved: %s (firing since %s)", reading.name, reading.detail, state.since)
            state.firing = False
        state.value, state.detail, state.evaluated_at = reading.value, reading.detail[:300], now
        state.save()
        if started or ended:
            _notify(state, "alert.firing" if started else "alert.resolved", now)
        if ended:
            AlertState.objects.filter(pk=state.pk).update(since=None)


def _notify(state: AlertState, event: str, now: datetime) -> None:
    """Send the change to ALERT_WEBHOOK_URL, if set (a URL the SSRF guard refuses is logged, not sent)."""
    url = settings.ALERT_WEBHOOK_URL
    if not url:
        return
    try:
        url = check_webhook_url(url)
    except AppError as error:
        log.error("ALERT_WEBHOOK_URL is refused, so alert %s was not sent: %s", state.name, error.message)
        return
    payload = {
        "event": event,
        "alert": state.name,
        "firing": state.firing,
        "since": state.since.isoformat() if state.since else None,
        "at": now.isoformat(),
        "value": state.value,
        "detail": state.detail,
    }
    event_id = uuid.uuid5(uuid.NAMESPACE_URL, f"alert:{state.name}:{state.since.isoformat()}:{event}")
    enqueue_webhook(task_id=event_id, website_id=None, url=url, payload=payload)


def firing_alerts() -> list[AlertState]:
    return list(AlertState.objects.filter(firing=True).order_by("since", "name"))
