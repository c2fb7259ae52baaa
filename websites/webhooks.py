"""Outbound webhooks: a signed JSON POST telling a caller that its page-generation task completed or failed.

Flow. The API accepts a caller's ``webhook_url`` only through ``check_webhook_url``. When the task ends, the job
runner calls ``enqueue_webhook``: it stores a ``WebhookDelivery`` and, once the surrounding transaction commits,
queues ``deliver`` in django-q2. Each run of ``deliver`` makes one attempt and records it as a
``WebhookAttempt``. A failed attempt schedules the next one as a django-q2 ``Schedule`` of type ONCE whose
``next_run`` lies in the future (30 s, 2 min, 8 min, … capped at an hour; the cluster's scheduler looks about
every 30 s), so no worker sleeps. After ``WEBHOOK_MAX_RETRIES`` retries (4 attempts by default) the delivery is
marked failed. Any 2xx answer is success; anything else, a timeout or a connection error is a failed attempt.

Signing. The body is compact JSON. ``X-PageBuilder-Signature: sha256=<hex>`` is HMAC-SHA256 with
``WEBHOOK_SIGNING_SECRET`` over ``<timestamp>.<body>``, where ``X-PageBuilder-Timestamp`` is the attempt's Unix
time in seconds (each attempt is signed afresh, so receivers can refuse stale timestamps).
``X-PageBuilder-Delivery`` carries the delivery's id, the same on every attempt, for de-duplication. Without a
signing secret no webhook URL is accepted: an unsigned webhook could not be told apart from a forged one.

SSRF guard. The target must be http or https, without user name or password, and every address its host name
resolves to (``socket.getaddrinfo``) must be globally routable: loopback, private, link-local (cloud metadata
at 169.254.169.254), shared 100.64.0.0/10, multicast, reserved, unspecified, site-local and unique-local
addresses are refused, and IPv6 addresses that embed an IPv4 one (``::ffff:127.0.0.1``, NAT64 ``64:ff9b::/96``,
6to4 ``2002::/16``) are judged by the IPv4 address inside. The check runs when the URL is accepted and again
before every attempt; a refusal at delivery is recorded and not retried.

The request is pinned to the address that passed the check: it is sent to that IP, with the original ``Host``
header and, for https, the original name as TLS SNI (``sni_hostname``), against which the certificate is
verified. A DNS answer that changes between check and connect (rebinding) therefore cannot move the request.
Proxy variables from the environment are ignored, since a proxy would resolve the name again, and redirects
are never followed (a 3xx answer is a failed attempt). Remaining limits: only the first resolved address is
tried (no fallback to the others within one attempt); name resolution has no timeout of its own beyond the
system resolver's; ``WEBHOOK_TIMEOUT`` bounds each phase (connect, write, read) rather than the whole attempt.

``WEBHOOK_ALLOW_PRIVATE_TARGETS`` lets a developer point webhooks at a receiver on their own machine: it is
honoured only while ``DEBUG`` is on (settings refuse it with DEBUG off), and multicast and unspecified
addresses stay refused even then.

Test hooks, as in ``anthropic_client``: ``_transport`` (an ``httpx.MockTransport`` in tests) is used to build the
HTTP client, and names are resolved through ``socket.getaddrinfo`` looked up at call time, which tests may
replace with a fake DNS.
"""

import hashlib
import hmac
import ipaddress
import json
import logging
import socket
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

import httpx
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django_q.models import Schedule
from django_q.tasks import async_task

from websites.errors import AppError, InvalidInput
from websites.models import WebhookAttempt, WebhookDelivery

log = logging.getLogger(__name__)

USER_AGENT = "semantic-page-builder-webhooks/1"
TIMESTAMP_HEADER = "X-PageBuilder-Timestamp"
SIGNATURE_HEADER = "X-PageBuilder-Signature"
DELIVERY_HEADER = "X-PageBuilder-Delivery"
DELIVER_FUNC = "websites.webhooks.deliver"

ALLOWED_SCHEMES = ("http", "https")
MAX_URL_LENGTH = 2048
RETRY_BASE_DELAY_S = 30
RETRY_FACTOR = 4
MAX_RETRY_DELAY_S = 3600
RESPONSE_EXCERPT_BYTES = 300

# Replaced by tests: an httpx.MockTransport stands in for the receiver.
_transport: httpx.BaseTransport | None = None

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")
_UNSIGNED_REFUSAL = (
    "webhooks need WEBHOOK_SIGNING_SECRET: the server has no secret to sign them with, so receivers could not "
    "tell them from forgeries. Ask the operator to set WEBHOOK_SIGNING_SECRET, or leave webhook_url out and "
    "poll GET /api/v1/tasks/{task_id}."
)

type IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class _Unresolvable(Exception):
    """The host name has no usable address right now (which may change: at delivery it is worth a retry)."""


@dataclass(frozen=True)
class _Target:
    """A checked URL and the checked address its request must be sent to."""

    url: httpx.URL
    address: IPAddress
    host_is_literal: bool

    @property
    def request_url(self) -> httpx.URL:
        return self.url if self.host_is_literal else self.url.copy_with(host=str(self.address))

    @property
    def host_header(self) -> str:
        return self.url.netloc.decode("ascii")

    @property
    def extensions(self) -> dict:
        if self.url.scheme == "https" and not self.host_is_literal:
            return {"sni_hostname": self.url.raw_host.decode("ascii")}
        return {}


@dataclass(frozen=True)
class _Outcome:
    succeeded: bool = False
    retry: bool = True
    status_code: int | None = None
    error: str = ""
    address: IPAddress | None = None


# --- accepting a URL -----------------------------------------------------------------------------------------


def check_webhook_url(url: str) -> str:
    """The URL, normalised (lower-case scheme and host, IDNA host, no fragment), or InvalidInput saying why not."""
    if not settings.WEBHOOK_SIGNING_SECRET:
        raise InvalidInput(_UNSIGNED_REFUSAL)
    parsed = _parse(url)
    try:
        _check_target(parsed)
    except _Unresolvable as error:
        raise InvalidInput(
            f"webhook_url's host {parsed.host} could not be resolved ({error}); check the host name."
        ) from error
    return str(parsed)


def _parse(url: str) -> httpx.URL:
    if not isinstance(url, str) or not url.strip():
        raise InvalidInput("webhook_url is empty; give an https:// (or http://) URL.")
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise InvalidInput(f"webhook_url is {len(url)} characters long; at most {MAX_URL_LENGTH} are accepted.")
    if any(ord(char) <= 0x20 or ord(char) == 0x7F for char in url):
        raise InvalidInput("webhook_url contains spaces or control characters; percent-encode them.")
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as error:
        raise InvalidInput(f"webhook_url is not a valid URL ({error}).") from error
    if parsed.scheme not in ALLOWED_SCHEMES:
        scheme = f"{parsed.scheme}: URLs are" if parsed.scheme else "a URL without a scheme is"
        raise InvalidInput(f"webhook_url must be an https:// or http:// URL; {scheme} not accepted.")
    if parsed.userinfo:
        raise InvalidInput(
            "webhook_url must not contain a user name or password (user:password@host); webhooks carry an "
            f"{SIGNATURE_HEADER} header for the receiver to check instead."
        )
    if not parsed.host:
        raise InvalidInput("webhook_url has no host name.")
    return parsed.copy_with(fragment=None)


def _check_target(url: httpx.URL) -> _Target:
    """Resolve the URL's host and refuse it unless every address is one webhooks may reach."""
    host = url.raw_host.decode("ascii")
    port = url.port or (443 if url.scheme == "https" else 80)
    literal = _ip_literal(host)
    addresses = [literal] if literal else _resolve(host, port)
    for address in addresses:
        if problem := _address_problem(address):
            where = f"{host} is" if literal else f"{host} resolves to {address}, which is"
            hint = (
                " (WEBHOOK_ALLOW_PRIVATE_TARGETS=true allows private targets in development)" if settings.DEBUG else ""
            )
            raise InvalidInput(
                f"webhook_url must point at a public internet address, but {where} {problem}. Give a URL whose "
                f"host is reachable from the internet{hint}."
            )
    return _Target(url=url, address=addresses[0], host_is_literal=literal is not None)


def _ip_literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _resolve(host: str, port: int) -> list[IPAddress]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:  # socket.gaierror is an OSError
        raise _Unresolvable(str(error) or type(error).__name__) from error
    addresses: list[IPAddress] = []
    for family, _type, _proto, _name, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        try:
            address = ipaddress.ip_address(sockaddr[0])
        except ValueError as error:
            raise InvalidInput(f"webhook_url's host {host} resolves to an unusable address {sockaddr[0]!r}.") from error
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise _Unresolvable("no IPv4 or IPv6 address")
    return addresses


def _address_problem(address: IPAddress) -> str | None:
    """Why webhooks may not go to this address (a phrase), or None when they may."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            problem = _address_problem(embedded)
            return f"{problem} (it embeds the IPv4 address {embedded})" if problem else None
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_multicast:
        return "a multicast address"
    if settings.DEBUG and settings.WEBHOOK_ALLOW_PRIVATE_TARGETS:
        return None
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address (where cloud metadata services such as 169.254.169.254 live)"
    if address in _SHARED_ADDRESS_SPACE:
        return "in the shared (carrier-grade NAT) space 100.64.0.0/10"
    if isinstance(address, ipaddress.IPv6Address) and address.is_site_local:
        return "a site-local address"
    if address.is_private:
        return "a private address"
    if address.is_reserved:
        return "a reserved address"
    if not address.is_global:
        return "not a globally routable address"
    return None


# --- signing -------------------------------------------------------------------------------------------------


def sign(body: bytes, timestamp: int, secret: str) -> str:
    """Hex HMAC-SHA256 of ``<timestamp>.<body>`` with the secret."""
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def signature_headers(body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """The headers of a webhook POST carrying ``body``, signed with WEBHOOK_SIGNING_SECRET at ``timestamp``."""
    secret = settings.WEBHOOK_SIGNING_SECRET
    if not secret:
        raise AppError(_UNSIGNED_REFUSAL)
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: f"sha256={sign(body, timestamp, secret)}",
    }


def _body(payload: dict) -> bytes:
    return json.dumps(payload, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()


# --- queueing and delivering ---------------------------------------------------------------------------------


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
    """Store a delivery and queue its first attempt once the current transaction (if any) commits."""
    delivery = WebhookDelivery.objects.create(
        task_id=task_id,
        website_id=website_id,
        url=url,
        payload=json.loads(json.dumps(payload, cls=DjangoJSONEncoder)),  # stored exactly as it will be sent
    )
    transaction.on_commit(lambda: _queue_first_attempt(delivery.id))
    return delivery


def _queue_first_attempt(delivery_id: int) -> None:
    try:
        async_task(DELIVER_FUNC, delivery_id)
    except Exception:  # the broker is down: the delivery stays pending, visible in the admin
        log.exception("Could not queue webhook delivery %s", delivery_id)


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
    try:
        target = _check_target(_parse(delivery.url))
    except InvalidInput as error:
        return _Outcome(retry=False, error=f"refused, not sent and not retried: {error.message}")
    except _Unresolvable as error:
        return _Outcome(error=f"could not resolve the host of {delivery.url}: {error}")
    body = _body(delivery.payload)
    try:
        headers = signature_headers(body)
    except AppError as error:
        return _Outcome(error=error.message)
    headers |= {DELIVERY_HEADER: str(delivery.id), "Host": target.host_header, "Accept-Encoding": "identity"}
    timeout = settings.WEBHOOK_TIMEOUT
    try:
        with httpx.Client(transport=_transport, timeout=timeout, follow_redirects=False, trust_env=False) as client:
            request = client.build_request(
                "POST", target.request_url, content=body, headers=headers, extensions=target.extensions
            )
            response = client.send(request, stream=True)
            try:
                excerpt = _excerpt(response)
            finally:
                response.close()
    except httpx.TimeoutException as error:
        return _Outcome(address=target.address, error=f"no answer within {timeout:g}s ({type(error).__name__})")
    except httpx.HTTPError as error:
        reason = str(error) or type(error).__name__
        return _Outcome(address=target.address, error=f"could not send to {target.address}: {reason}")
    status = response.status_code
    if 200 <= status < 300:
        return _Outcome(succeeded=True, status_code=status, address=target.address)
    if 300 <= status < 400:
        location = response.headers.get("Location", "")[:200]
        error = f"HTTP {status}: redirects are not followed" + (f" (Location: {location})" if location else "")
        return _Outcome(status_code=status, address=target.address, error=f"{error}; give the final URL instead.")
    error = f"HTTP {status}: {excerpt}" if excerpt else f"HTTP {status}"
    return _Outcome(status_code=status, address=target.address, error=error)


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
            Schedule.objects.create(
                name=f"webhook {delivery.id} attempt {number + 1}",
                func=DELIVER_FUNC,
                args=repr((delivery.id,)),
                schedule_type=Schedule.ONCE,
                repeats=-1,  # a ONCE schedule with negative repeats is deleted after it runs
                next_run=delivery.next_attempt_at,
            )
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


def retry_delay(attempt: int) -> int:
    """Seconds to wait after failed attempt number ``attempt`` (1-based): 30 s, 2 min, 8 min, … at most an hour."""
    return min(RETRY_BASE_DELAY_S * RETRY_FACTOR ** (attempt - 1), MAX_RETRY_DELAY_S)


# --- recovery ----------------------------------------------------------------------------------------------------

STALLED_AFTER_S = 300  # far longer than one attempt can take (three phases of WEBHOOK_TIMEOUT at most 60 s)


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
        still = WebhookDelivery.objects.filter(pk=delivery.pk, status=WebhookDelivery.Status.PENDING)
        if delivery.attempts > settings.WEBHOOK_MAX_RETRIES:
            still.update(status=WebhookDelivery.Status.FAILED)
            log.warning("Webhook delivery %s stalled after its last attempt; marked failed", delivery.pk)
        elif still.filter(next_attempt_at__isnull=True).update(next_attempt_at=timezone.now()):
            log.warning("Webhook delivery %s stalled; queued again", delivery.pk)
            _queue_first_attempt(delivery.pk)
        recovered.append(delivery.pk)
    return recovered
