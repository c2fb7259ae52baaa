"""Sending a webhook: one attempt per ``deliver`` run, recorded as a ``WebhookAttempt``, the next one scheduled.

Any 2xx answer is success; anything else, a timeout or a connection error is a failed attempt, retried until
``WEBHOOK_MAX_RETRIES`` retries have failed. A URL the SSRF guard refuses at delivery is recorded, not retried.
"""

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from websites.errors import AppError, InvalidInput
from websites.models import WebhookAttempt, WebhookDelivery
from websites.webhooks.queueing import retry_delay, schedule_retry
from websites.webhooks.signing import DELIVERY_HEADER, encode_body, signature_headers
from websites.webhooks.targets import IPAddress, Target, Unresolvable, check_target, parse_url

log = logging.getLogger(__name__)

RESPONSE_EXCERPT_BYTES = 300

# Replaced by tests: an httpx.MockTransport stands in for the receiver.
_transport: httpx.BaseTransport | None = None


@dataclass(frozen=True)
class _Outcome:
    succeeded: bool = False
    retry: bool = True
    status_code: int | None = None
    error: str = ""
    address: IPAddress | None = None


def deliver(delivery_id: int) -> None:
    """django-q2 entry point: one attempt at a delivery, recorded; the next one scheduled if this one failed."""
    delivery = _claim(delivery_id)
    if delivery is None:
        return
    started_at, clock = timezone.now(), time.monotonic()
    try:
        outcome = _attempt(delivery)
    except Exception as error:  # a bug here must not leave the delivery claimed and silent
        log.exception("Webhook delivery %s: attempt %s crashed", delivery.id, delivery.attempts)
        outcome = _Outcome(error=f"internal error: {type(error).__name__}: {error}")
    _record(delivery, outcome, started_at, duration_ms=round((time.monotonic() - clock) * 1000))


def _claim(delivery_id: int) -> WebhookDelivery | None:
    """Count the attempt before making it, under a row lock, so that a duplicate run finds nothing to do."""
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None:
            log.warning("Webhook delivery %s does not exist (deleted?); nothing to send", delivery_id)
            return None
        due = delivery.attempts == 0 or delivery.next_attempt_at is not None
        if delivery.status != WebhookDelivery.Status.PENDING or not due:
            log.info("Webhook delivery %s is %s and has no attempt due; skipped", delivery.id, delivery.status)
            return None
        delivery.attempts += 1
        delivery.last_attempt_at = timezone.now()
        delivery.next_attempt_at = None
        delivery.save(update_fields=["attempts", "last_attempt_at", "next_attempt_at"])
    return delivery


def _attempt(delivery: WebhookDelivery) -> _Outcome:
    """Check the target again (DNS may have changed since the URL was accepted), sign afresh and send."""
    try:
        target = check_target(parse_url(delivery.url))
    except InvalidInput as error:
        return _Outcome(retry=False, error=f"refused, not sent and not retried: {error.message}")
    except Unresolvable as error:
        return _Outcome(error=f"could not resolve the host of {delivery.url}: {error}")
    body = encode_body(delivery.payload)
    try:
        headers = signature_headers(body)
    except AppError as error:  # the secret was removed after the URL was accepted
        return _Outcome(error=error.message)
    # Ask for an uncompressed answer: ``_excerpt`` leaves compressed ones unread, and the record would be empty.
    headers |= {DELIVERY_HEADER: str(delivery.id), "Host": target.host_header, "Accept-Encoding": "identity"}
    return _post(target, body, headers)


def _post(target: Target, body: bytes, headers: dict[str, str]) -> _Outcome:
    """POST to the checked address and judge the answer.

    Proxy variables from the environment are ignored (``trust_env=False``), since a proxy would resolve the name
    again, and redirects are never followed. ``WEBHOOK_TIMEOUT`` bounds each phase (connect, write, read) rather
    than the whole attempt.
    """
    timeout = settings.WEBHOOK_TIMEOUT
    try:
        with httpx.Client(transport=_transport, timeout=timeout, follow_redirects=False, trust_env=False) as client:
            request = client.build_request(
                "POST", target.request_url, content=body, headers=headers, extensions=target.extensions
            )
            response = client.send(request, stream=True)  # streamed: only an excerpt of the answer is read
            try:
                excerpt = _excerpt(response)
            finally:
                response.close()
    except httpx.TimeoutException as error:
        return _Outcome(address=target.address, error=f"no answer within {timeout:g}s ({type(error).__name__})")
    except httpx.HTTPError as error:
        reason = str(error) or type(error).__name__
        return _Outcome(address=target.address, error=f"could not send to {target.address}: {reason}")
    return _judge(response, excerpt, target.address)


def _judge(response: httpx.Response, excerpt: str, address: IPAddress) -> _Outcome:
    status = response.status_code
    if 200 <= status < 300:
        return _Outcome(succeeded=True, status_code=status, address=address)
    if 300 <= status < 400:
        location = response.headers.get("Location", "")[:200]
        error = f"HTTP {status}: redirects are not followed" + (f" (Location: {location})" if location else "")
        return _Outcome(status_code=status, address=address, error=f"{error}; give the final URL instead.")
    error = f"HTTP {status}: {excerpt}" if excerpt else f"HTTP {status}"
    return _Outcome(status_code=status, address=address, error=error)


def _excerpt(response: httpx.Response) -> str:
    """The start of the answer's body for the record; compressed bodies are left unread."""
    if response.headers.get("Content-Encoding", "identity").lower() != "identity":
        return ""
    data = b""
    for chunk in response.iter_bytes():
        data += chunk
        if len(data) >= RESPONSE_EXCERPT_BYTES:
            break
    return data[:RESPONSE_EXCERPT_BYTES].decode("utf-8", "replace").strip()


def _record(delivery: WebhookDelivery, outcome: _Outcome, started_at: datetime, *, duration_ms: int) -> None:
    """Store the attempt and move the delivery on (delivered, retry scheduled, or failed) in one transaction."""
    number = delivery.attempts
    with transaction.atomic():
        WebhookAttempt.objects.create(
            delivery=delivery,
            number=number,
            started_at=started_at,
            duration_ms=duration_ms,
            address=str(outcome.address) if outcome.address else None,
            status_code=outcome.status_code,
            error=outcome.error,
            succeeded=outcome.succeeded,
        )
        if outcome.succeeded:
            delivery.status = WebhookDelivery.Status.DELIVERED
            delivery.delivered_at = timezone.now()
            log.info("Webhook delivery %s delivered on attempt %s", delivery.id, number)
        elif outcome.retry and number <= settings.WEBHOOK_MAX_RETRIES:
            delivery.next_attempt_at = timezone.now() + timedelta(seconds=retry_delay(number))
            schedule_retry(delivery.id, number + 1, delivery.next_attempt_at)
            log.warning(
                "Webhook delivery %s attempt %s failed (%s); retrying at %s",
                delivery.id,
                number,
                outcome.error,
                delivery.next_attempt_at.isoformat(),
            )
        else:
            delivery.status = WebhookDelivery.Status.FAILED
            log.warning(
                "Webhook delivery %s failed for good after %s attempt(s): %s", delivery.id, number, outcome.error
            )
        delivery.save(update_fields=["status", "delivered_at", "next_attempt_at"])
