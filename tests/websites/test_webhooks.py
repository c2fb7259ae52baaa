"""Outbound webhooks: signing, delivery with retries through django-q2 schedules, and the SSRF guard.

The receiver is an httpx.MockTransport put where websites.webhooks.delivery takes its transport, and DNS is a fake
socket.getaddrinfo: the real delivery code runs and records what it did in the database.
"""

import ast
import hashlib
import hmac
import json
import re
import secrets
import socket
import time
import uuid
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from django.utils import timezone
from django.utils.module_loading import import_string
from django_q.brokers import get_broker
from django_q.models import OrmQ, Schedule
from django_q.scheduler import scheduler

from tests.helpers.processes import manage, run_python
from websites.errors import InvalidInput
from websites.models import WebhookAttempt, WebhookDelivery
from websites.webhooks.delivery import deliver
from websites.webhooks.queueing import enqueue_webhook, recover_stalled_deliveries, task_payload
from websites.webhooks.signing import sign, signature_headers
from websites.webhooks.targets import check_webhook_url

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SECRET = "whsec-test-0123456789"
PUBLIC_IP = "93.184.215.14"
PUBLIC_IP6 = "2606:2800:21f:cb07:6820:80da:af6b:8b2c"
TASK_ID = uuid.UUID("6f1c2a52-8d0e-4f4b-9a51-0c6e2f3b7d10")
URL = "https://hooks.example.com/pagebuilder?client=cms"


class FakeDNS:
    """Answers getaddrinfo from a table; a name that is not in it does not exist."""

    def __init__(self) -> None:
        self.names: dict[str, list[str]] = {"hooks.example.com": [PUBLIC_IP]}
        self.lookups: list[str] = []

    def getaddrinfo(self, host, port, family=0, type=0, proto=0, flags=0):
        self.lookups.append(host)
        if host not in self.names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        answers = []
        for address in self.names[host]:
            if ":" in address:
                answers.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0)))
            else:
                answers.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)))
        return answers


class Receiver:
    """The webhook's receiver: answers each request with the next queued answer (200 when none), or raises it."""

    def __init__(self) -> None:
        self.answers: list = []
        self.requests: list[httpx.Request] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if self.answers else httpx.Response(200, text="thanks")
        if isinstance(answer, Exception):
            raise answer
        return answer


@pytest.fixture(autouse=True)
def webhook_settings(settings):
    settings.WEBHOOK_SIGNING_SECRET = SECRET
    settings.WEBHOOK_TIMEOUT = 5.0
    settings.WEBHOOK_MAX_RETRIES = 3
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    return settings


@pytest.fixture(autouse=True)
def dns(monkeypatch) -> FakeDNS:
    fake = FakeDNS()
    monkeypatch.setattr(socket, "getaddrinfo", fake.getaddrinfo)
    return fake


@pytest.fixture
def receiver(monkeypatch) -> Receiver:
    fake = Receiver()
    monkeypatch.setattr("websites.webhooks.delivery._transport", httpx.MockTransport(fake.handle))
    return fake


def payload(**changes) -> dict:
    values = {
        "task_id": TASK_ID,
        "status": "completed",
        "website_id": 7,
        "page_category_slug": "about-us",
        "summary": "About us page with 6 sections.",
    }
    return task_payload(**(values | changes))


def new_delivery(url: str = URL, **changes) -> WebhookDelivery:
    return enqueue_webhook(task_id=TASK_ID, website_id=7, url=url, payload=payload(**changes))


def schedules_for(delivery: WebhookDelivery) -> list[Schedule]:
    return [s for s in Schedule.objects.filter(func="websites.webhooks.deliver") if _args(s) == (delivery.id,)]


def _args(schedule: Schedule) -> tuple:
    args = ast.literal_eval(schedule.args)  # as django-q2's scheduler reads them
    return args if isinstance(args, tuple) else (args,)


def run_schedule(schedule: Schedule) -> None:
    """What django-q2 does with a due ONCE schedule: run its function with its arguments, drop the schedule."""
    schedule.delete()
    import_string(schedule.func)(*_args(schedule))


def readme_verify():
    """The receiver's verification recipe exactly as README.md documents it."""
    readme = (ROOT / "README.md").read_text()
    code = re.search(r"### Webhooks\n.*?```python\n(.*?)```", readme, re.DOTALL).group(1)
    assert len(code.strip().splitlines()) <= 10, "the recipe stays short"
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 - runs the documented recipe, our own README
    return namespace["verify"]


# --- signing and what is sent ----------------------------------------------------------------------------------


def test_the_signature_verifies_with_the_readme_recipe(receiver):
    verify = readme_verify()
    deliver(new_delivery().id)

    request = receiver.requests[0]
    assert verify(request.content, request.headers, SECRET)
    assert not verify(request.content.replace(b"completed", b"failed"), request.headers, SECRET)
    assert not verify(request.content, request.headers, "another-secret")

    stale = signature_headers(request.content, timestamp=int(time.time()) - 3600)
    assert not verify(request.content, stale, SECRET)


def test_sign_is_hmac_sha256_over_timestamp_dot_body():
    body = b'{"status":"completed"}'
    expected = hmac.new(SECRET.encode(), b"1700000000." + body, hashlib.sha256).hexdigest()
    assert sign(body, 1700000000, SECRET) == expected

    headers = signature_headers(body, timestamp=1700000000)
    assert headers["X-PageBuilder-Timestamp"] == "1700000000"
    assert headers["X-PageBuilder-Signature"] == f"sha256={expected}"
    assert headers["Content-Type"] == "application/json"
    assert headers["User-Agent"] == "semantic-page-builder-webhooks/1"


def test_the_post_carries_the_task_fields_headers_and_timeout(receiver):
    delivery = new_delivery()
    deliver(delivery.id)

    (request,) = receiver.requests
    assert request.method == "POST"
    assert json.loads(request.content) == {
        "task_id": str(TASK_ID),
        "status": "completed",
        "website_id": 7,
        "page_category_slug": "about-us",
        "summary": "About us page with 6 sections.",
    }
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["User-Agent"] == "semantic-page-builder-webhooks/1"
    assert abs(int(request.headers["X-PageBuilder-Timestamp"]) - time.time()) < 60
    assert re.fullmatch(r"sha256=[0-9a-f]{64}", request.headers["X-PageBuilder-Signature"])
    assert request.headers["X-PageBuilder-Delivery"] == str(delivery.id)
    assert request.extensions["timeout"] == {"connect": 5.0, "read": 5.0, "write": 5.0, "pool": 5.0}


def test_the_timeout_follows_the_setting(receiver, settings):
    settings.WEBHOOK_TIMEOUT = 2.5
    deliver(new_delivery().id)
    assert set(receiver.requests[0].extensions["timeout"].values()) == {2.5}


def test_the_request_goes_to_the_checked_address_with_the_original_host_and_tls_name(receiver, dns):
    dns.names["hooks.example.com"] = [PUBLIC_IP6, PUBLIC_IP]
    delivery = new_delivery("https://Hooks.Example.com:8443/pagebuilder?client=cms")
    deliver(delivery.id)

    (request,) = receiver.requests
    assert request.url.host == PUBLIC_IP6  # the first checked address, not a second lookup
    assert request.url.port == 8443
    assert request.url.raw_path == b"/pagebuilder?client=cms"
    assert request.headers["Host"] == "hooks.example.com:8443"
    assert request.extensions["sni_hostname"] == "hooks.example.com"  # the certificate is checked for this name
    assert WebhookAttempt.objects.get(delivery=delivery).address == PUBLIC_IP6


def test_plain_http_to_a_public_ip_sends_no_tls_name(receiver):
    deliver(new_delivery("http://93.184.215.14/hook").id)
    (request,) = receiver.requests
    assert str(request.url) == "http://93.184.215.14/hook"
    assert request.headers["Host"] == "93.184.215.14"
    assert "sni_hostname" not in request.extensions


# --- attempts, retries and their record ------------------------------------------------------------------------


def test_enqueue_waits_for_the_commit_then_queues_one_deliver_task(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        delivery = new_delivery()
    assert len(callbacks) == 1
    assert not OrmQ.objects.exists()  # nothing queued before the caller's transaction commits

    callbacks[0]()
    (queued,) = OrmQ.objects.all()
    assert queued.func() == "websites.webhooks.deliver"
    assert tuple(queued.args()) == (delivery.id,)
    assert delivery.status == "pending"
    assert delivery.attempts == 0


def test_success_records_one_attempt_and_marks_delivered(receiver):
    delivery = new_delivery()
    deliver(delivery.id)

    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    assert delivery.attempts == 1
    assert delivery.delivered_at is not None
    assert delivery.last_attempt_at is not None
    (attempt,) = delivery.attempt_log.all()
    assert attempt.number == 1
    assert attempt.succeeded
    assert attempt.status_code == 200
    assert attempt.error == ""
    assert attempt.address == PUBLIC_IP
    assert attempt.duration_ms >= 0
    assert not schedules_for(delivery)


def test_a_delivered_webhook_is_not_sent_again_by_a_duplicate_run(receiver):
    delivery = new_delivery()
    deliver(delivery.id)
    deliver(delivery.id)
    assert len(receiver.requests) == 1
    assert WebhookAttempt.objects.filter(delivery=delivery).count() == 1


def test_a_500_schedules_a_retry_that_then_delivers(receiver):
    receiver.answers = [httpx.Response(500, text="database is down"), httpx.Response(204)]
    delivery = new_delivery()
    before = timezone.now()
    deliver(delivery.id)

    delivery.refresh_from_db()
    assert delivery.status == "pending"
    assert delivery.attempts == 1
    (first,) = delivery.attempt_log.all()
    assert not first.succeeded
    assert first.status_code == 500
    assert first.error == "HTTP 500: database is down"
    (retry,) = schedules_for(delivery)
    assert retry.func == "websites.webhooks.deliver"
    assert _args(retry) == (delivery.id,)
    assert retry.schedule_type == Schedule.ONCE
    assert retry.next_run > timezone.now()
    assert before + timedelta(seconds=29) <= retry.next_run <= timezone.now() + timedelta(seconds=31)
    assert delivery.next_attempt_at == retry.next_run

    run_schedule(retry)

    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    assert delivery.attempts == 2
    assert delivery.next_attempt_at is None
    assert [(a.number, a.succeeded, a.status_code) for a in delivery.attempt_log.all()] == [
        (1, False, 500),
        (2, True, 204),
    ]
    assert len(receiver.requests) == 2
    assert not schedules_for(delivery)


def test_four_failures_end_failed_with_four_attempts_and_growing_delays(receiver):
    receiver.answers = [
        httpx.Response(503),
        httpx.ReadTimeout("timed out"),
        httpx.ConnectError("connection refused"),
        httpx.Response(500),
    ]
    delivery = new_delivery()
    delays = []
    deliver(delivery.id)
    while retries := schedules_for(delivery):
        (retry,) = retries
        delays.append((retry.next_run - timezone.now()).total_seconds())
        run_schedule(retry)

    delivery.refresh_from_db()
    assert delivery.status == "failed"
    assert delivery.attempts == 4
    attempts = list(delivery.attempt_log.all())
    assert [a.number for a in attempts] == [1, 2, 3, 4]
    assert not any(a.succeeded for a in attempts)
    assert attempts[0].error == "HTTP 503"
    assert attempts[1].error.startswith("no answer within 5s")
    assert attempts[1].status_code is None
    assert attempts[2].error.startswith(f"could not send to {PUBLIC_IP}: connection refused")
    assert attempts[3].status_code == 500
    assert len(receiver.requests) == 4
    assert [round(d, -1) for d in delays] == [30, 120, 480]
    assert not Schedule.objects.filter(func="websites.webhooks.deliver").exists()

    deliver(delivery.id)  # a stray run after the end does nothing
    assert len(receiver.requests) == 4


def test_max_retries_zero_means_one_attempt(receiver, settings):
    settings.WEBHOOK_MAX_RETRIES = 0
    receiver.answers = [httpx.Response(500)]
    delivery = new_delivery()
    deliver(delivery.id)
    delivery.refresh_from_db()
    assert delivery.status == "failed"
    assert delivery.attempts == 1
    assert not schedules_for(delivery)


def test_a_redirect_is_not_followed_and_counts_as_a_failed_attempt(receiver):
    receiver.answers = [httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/meta-data"})]
    delivery = new_delivery()
    deliver(delivery.id)

    assert len(receiver.requests) == 1
    (attempt,) = delivery.attempt_log.all()
    assert not attempt.succeeded
    assert attempt.status_code == 302
    assert "redirects are not followed" in attempt.error
    assert "169.254.169.254" in attempt.error
    delivery.refresh_from_db()
    assert delivery.status == "pending"
    assert len(schedules_for(delivery)) == 1


def test_a_lookup_failure_at_delivery_is_retried(receiver, dns):
    delivery = new_delivery()
    del dns.names["hooks.example.com"]
    deliver(delivery.id)

    assert not receiver.requests
    (attempt,) = delivery.attempt_log.all()
    assert "could not resolve" in attempt.error
    assert len(schedules_for(delivery)) == 1


def test_a_missing_signing_secret_at_delivery_sends_nothing(receiver, settings):
    delivery = new_delivery()
    settings.WEBHOOK_SIGNING_SECRET = ""
    deliver(delivery.id)

    assert not receiver.requests
    (attempt,) = delivery.attempt_log.all()
    assert "WEBHOOK_SIGNING_SECRET" in attempt.error


def test_deliver_of_an_unknown_id_does_nothing(receiver):
    deliver(987654321)
    assert not receiver.requests


@pytest.mark.django_db(transaction=True)
def test_django_q2s_scheduler_turns_a_due_retry_into_a_queued_deliver_task(receiver):
    receiver.answers = [httpx.Response(500)]
    delivery = new_delivery()
    deliver(delivery.id)
    (retry,) = schedules_for(delivery)
    Schedule.objects.filter(pk=retry.pk).update(next_run=timezone.now() - timedelta(seconds=1))

    scheduler(broker=get_broker())

    assert not Schedule.objects.filter(pk=retry.pk).exists()  # a ONCE schedule is gone once it has fired
    queued = [
        (q.func(), tuple(q.args())) for q in OrmQ.objects.order_by("id") if q.func() == "websites.webhooks.deliver"
    ]
    # the first attempt, queued at once (no transaction to wait for here), then the retry from the schedule
    assert queued == [("websites.webhooks.deliver", (delivery.id,))] * 2


# --- the SSRF guard --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "names", "reason"),
    [
        ("http://127.0.0.1/", {}, "127.0.0.1 is a loopback address"),
        ("http://10.0.0.1/", {}, "10.0.0.1 is a private address"),
        ("http://169.254.169.254/latest/meta-data", {}, "169.254.169.254 is a link-local address"),
        ("http://[::1]/", {}, "::1 is a loopback address"),
        ("http://[::ffff:127.0.0.1]/", {}, "it embeds the IPv4 address 127.0.0.1"),
        ("http://[fd12:3456::1]/", {}, "a private address"),
        ("http://100.64.0.1/", {}, "100.64.0.0/10"),
        ("http://0.0.0.0:8000/", {}, "an unspecified address"),
        ("http://224.0.0.251/", {}, "a multicast address"),
        ("http://2130706433/", {"2130706433": ["127.0.0.1"]}, "resolves to 127.0.0.1"),
        ("http://internal.example.com/", {"internal.example.com": ["10.1.2.3"]}, "resolves to 10.1.2.3, which is"),
        ("https://mixed.example.com/", {"mixed.example.com": [PUBLIC_IP, "192.168.1.5"]}, "resolves to 192.168.1.5"),
        ("http://localhost:8000/hook", {"localhost": ["::1", "127.0.0.1"]}, "loopback"),
        ("ftp://hooks.example.com/drop", {}, "must be an https:// or http:// URL; ftp: URLs are not accepted"),
        ("file:///etc/passwd", {}, "file: URLs are not accepted"),
        ("https://user:secret@hooks.example.com/", {}, "must not contain a user name or password"),
        ("https://token@hooks.example.com/", {}, "must not contain a user name or password"),
        ("https://hooks.example.com/a b", {}, "spaces or control characters"),
        ("https:///no-host", {}, "no host name"),
        ("", {}, "webhook_url is empty"),
        ("https://nowhere.example.com/", {}, "could not be resolved"),
    ],
)
def test_unsafe_urls_are_refused_when_accepted(receiver, dns, url, names, reason):
    dns.names.update(names)
    with pytest.raises(InvalidInput) as refused:
        check_webhook_url(url)
    assert reason in refused.value.message
    assert refused.value.status == 422
    assert not receiver.requests


def test_a_public_url_is_accepted_and_normalised(dns):
    dns.names["hooks.example.com"] = [PUBLIC_IP, PUBLIC_IP6]
    normalised = check_webhook_url("  HTTPS://Hooks.Example.COM:443/pagebuilder?client=cms#top ")
    assert normalised == "https://hooks.example.com/pagebuilder?client=cms"


def test_webhooks_need_a_signing_secret(settings):
    settings.WEBHOOK_SIGNING_SECRET = ""
    with pytest.raises(InvalidInput) as refused:
        check_webhook_url(URL)
    assert refused.value.message.startswith("webhooks need WEBHOOK_SIGNING_SECRET")


def test_the_check_is_repeated_at_delivery_and_a_rebound_name_is_refused(receiver, dns):
    assert check_webhook_url(URL) == URL  # public when the caller gave it
    delivery = new_delivery(URL)
    dns.names["hooks.example.com"] = ["10.0.0.5"]  # private by the time the task ends

    deliver(delivery.id)

    assert not receiver.requests
    (attempt,) = delivery.attempt_log.all()
    assert not attempt.succeeded
    assert attempt.status_code is None
    assert attempt.address is None
    assert attempt.error.startswith("refused")
    assert "resolves to 10.0.0.5" in attempt.error
    delivery.refresh_from_db()
    assert delivery.status == "failed"  # a refusal is not retried
    assert not schedules_for(delivery)


def test_private_targets_are_allowed_with_the_setting_in_debug(receiver, settings):
    settings.DEBUG = True
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    url = check_webhook_url("http://127.0.0.1:9000/hook")
    assert url == "http://127.0.0.1:9000/hook"
    assert check_webhook_url("http://169.254.169.254/") == "http://169.254.169.254/"
    with pytest.raises(InvalidInput, match="multicast"):
        check_webhook_url("http://224.0.0.251/")

    delivery = new_delivery(url)
    deliver(delivery.id)
    assert str(receiver.requests[0].url) == "http://127.0.0.1:9000/hook"
    delivery.refresh_from_db()
    assert delivery.status == "delivered"


def test_the_private_targets_setting_is_ignored_without_debug(settings):
    settings.DEBUG = False
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    with pytest.raises(InvalidInput, match="loopback"):
        check_webhook_url("http://127.0.0.1:9000/hook")


# --- settings and admin ----------------------------------------------------------------------------------------


def test_settings_refuse_private_targets_with_debug_off():
    result = manage(
        "check",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="pages.example.com",
        WEBHOOK_ALLOW_PRIVATE_TARGETS="true",
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "WEBHOOK_ALLOW_PRIVATE_TARGETS=true" in result.stderr
    assert "DEBUG=true" in result.stderr  # says how to fix it


def test_settings_read_the_webhook_variables():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.WEBHOOK_ALLOW_PRIVATE_TARGETS, s.WEBHOOK_TIMEOUT, s.WEBHOOK_MAX_RETRIES)"
    )
    defaults = run_python("-c", code, DEBUG="true")
    assert defaults.stdout.split() == ["False", "5.0", "3"], defaults.stderr
    chosen = run_python(
        "-c",
        code,
        DEBUG="true",
        WEBHOOK_ALLOW_PRIVATE_TARGETS="true",
        WEBHOOK_TIMEOUT="2.5",
        WEBHOOK_MAX_RETRIES="5",
    )
    assert chosen.stdout.split() == ["True", "2.5", "5"], chosen.stderr
    negative = run_python("-c", code, DEBUG="true", WEBHOOK_MAX_RETRIES="-1")
    assert negative.returncode != 0
    assert "WEBHOOK_MAX_RETRIES" in negative.stderr


def test_admin_shows_deliveries_with_their_attempts_read_only(receiver, client_for, superuser):
    receiver.answers = [httpx.Response(500, text="nope")]
    delivery = new_delivery()
    deliver(delivery.id)
    admin = client_for(superuser)

    listing = admin.get("/admin/websites/webhookdelivery/")
    assert listing.status_code == 200
    assert URL in listing.content.decode()
    page = admin.get(f"/admin/websites/webhookdelivery/{delivery.pk}/change/")
    assert page.status_code == 200
    assert "HTTP 500: nope" in page.content.decode()
    assert admin.get("/admin/websites/webhookdelivery/add/").status_code == 403
    assert admin.get(f"/admin/websites/webhookdelivery/{delivery.pk}/delete/").status_code == 403


# --- stalled deliveries --------------------------------------------------------------------------------------------


def test_a_delivery_whose_worker_died_mid_attempt_is_queued_again(receiver, monkeypatch):
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "SYNC", True)
    stalled = new_delivery()
    long_ago = timezone.now() - timedelta(minutes=10)
    # the attempt was counted, then the worker died before recording it or scheduling a retry
    WebhookDelivery.objects.filter(pk=stalled.pk).update(attempts=1, last_attempt_at=long_ago, next_attempt_at=None)
    never_queued = new_delivery()
    WebhookDelivery.objects.filter(pk=never_queued.pk).update(created_at=long_ago)
    fresh = new_delivery()  # just created: its first attempt is on its way, not stalled

    assert sorted(recover_stalled_deliveries()) == sorted([stalled.pk, never_queued.pk])
    stalled.refresh_from_db()
    never_queued.refresh_from_db()
    assert (stalled.status, stalled.attempts) == ("delivered", 2)
    assert (never_queued.status, never_queued.attempts) == ("delivered", 1)
    assert WebhookDelivery.objects.get(pk=fresh.pk).attempts == 0
    assert len(receiver.requests) == 2


def test_a_stalled_delivery_without_attempts_left_fails(receiver, settings):
    stalled = new_delivery()
    long_ago = timezone.now() - timedelta(minutes=10)
    WebhookDelivery.objects.filter(pk=stalled.pk).update(
        attempts=settings.WEBHOOK_MAX_RETRIES + 1, last_attempt_at=long_ago, next_attempt_at=None
    )
    assert recover_stalled_deliveries() == [stalled.pk]
    assert WebhookDelivery.objects.get(pk=stalled.pk).status == "failed"
    assert not receiver.requests
