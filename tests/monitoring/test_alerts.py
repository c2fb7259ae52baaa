"""Alerts: each rule fires only past its threshold on a minimum sample, is logged at WARNING once when it starts
and once when it resolves, turns /api/v1/health "degraded" (still HTTP 200) with the reason, and is sent to
ALERT_WEBHOOK_URL signed, through the webhooks' SSRF guard."""

import json
import logging
import socket
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from django_q.models import Schedule

from monitoring.alerts import EVALUATE_FUNC, evaluate_alerts
from monitoring.models import AlertState
from tests.monitoring.seeding import operation, tally
from tests.websites.test_webhooks import SECRET, FakeDNS, Receiver
from websites.models import WebhookDelivery
from websites.webhooks.delivery import deliver
from websites.webhooks.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign

pytestmark = pytest.mark.django_db
ALERT_URL = "https://hooks.example.com/alerts"


def warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "monitoring.alerts" and r.levelno == logging.WARNING]


def failures(total: int, failed: int) -> None:
    for index in range(total):
        operation(outcome="failed" if index < failed else "completed", minutes_ago=5)


def health(client) -> dict:
    response = client.get("/api/v1/health")
    assert response.status_code == 200, response.content
    return response.json()


def test_the_alerts_are_evaluated_every_minute_by_a_schedule():
    schedule = Schedule.objects.get(func=EVALUATE_FUNC)
    assert (schedule.schedule_type, schedule.minutes, schedule.repeats) == ("I", 1, -1)


def test_a_quiet_hour_with_failures_below_the_minimum_sample_fires_nothing(caplog):
    failures(total=9, failed=5)
    assert evaluate_alerts() == []
    assert warnings(caplog) == []


def test_the_failure_rate_alert_fires_once_degrades_health_and_resolves_once(client, caplog):
    failures(total=10, failed=2)
    now = datetime.now(UTC)
    assert evaluate_alerts(now) == ["generation_failure_rate"]
    assert warnings(caplog) == [
        "Alert generation_failure_rate is firing: 2 of 10 generations failed (20.0 %; alert above 5.0 %)"
    ]
    assert evaluate_alerts(now + timedelta(minutes=1)) == ["generation_failure_rate"]
    assert len(warnings(caplog)) == 1, "still firing: not logged again"
    report = health(client)
    assert report["status"] == "degraded"
    assert "Alert generation_failure_rate: 2 of 10 generations failed" in " ".join(report["reasons"])
    assert [a["name"] for a in report["alerts"]] == ["generation_failure_rate"]

    assert evaluate_alerts(now + timedelta(hours=2)) == []  # the failures left the window
    assert len(warnings(caplog)) == 2
    assert warnings(caplog)[1].startswith("Alert generation_failure_rate resolved: 0 of 0 generations failed")
    state = AlertState.objects.get(name="generation_failure_rate")
    assert (state.firing, state.since) == (False, None)
    report = health(client)
    assert report["alerts"] == []
    assert not any("Alert" in reason for reason in report["reasons"])


def test_slow_generations_fire_the_duration_alert():
    for _ in range(10):
        operation(duration_ms=200_000)
    assert evaluate_alerts() == ["generation_avg_seconds"]
    assert "200.0 s on average over 10 pages" in AlertState.objects.get(name="generation_avg_seconds").detail


@pytest.mark.parametrize(("ok", "errors", "fires"), [(980, 20, True), (995, 5, False), (40, 40, False)])
def test_the_api_error_rate_alert_needs_its_rate_and_its_sample(ok, errors, fires):
    tally(ok, status=200)
    tally(errors, status=502)
    tally(500, status=200, minutes_ago=120)  # outside the window
    assert (evaluate_alerts() == ["api_error_rate"]) is fires


@pytest.fixture
def alert_hook(settings, monkeypatch) -> Receiver:
    settings.WEBHOOK_SIGNING_SECRET, settings.ALERT_WEBHOOK_URL = SECRET, ALERT_URL
    monkeypatch.setattr(socket, "getaddrinfo", FakeDNS().getaddrinfo)
    receiver = Receiver()
    monkeypatch.setattr("websites.webhooks.delivery._transport", httpx.MockTransport(receiver.handle))
    return receiver


def test_a_firing_and_a_resolved_alert_are_sent_signed_to_the_alert_webhook(alert_hook):
    failures(total=10, failed=10)
    now = datetime.now(UTC)
    evaluate_alerts(now)
    evaluate_alerts(now + timedelta(minutes=1))
    evaluate_alerts(now + timedelta(hours=2))
    deliveries = list(WebhookDelivery.objects.order_by("id"))
    assert [d.payload["event"] for d in deliveries] == ["alert.firing", "alert.resolved"]
    assert deliveries[0].payload["alert"] == "generation_failure_rate"
    assert deliveries[0].url == ALERT_URL
    for delivery in deliveries:
        deliver(delivery.id)
    sent = alert_hook.requests[0]
    body = sent.content
    assert json.loads(body)["detail"].startswith("10 of 10 generations failed")
    timestamp = int(sent.headers[TIMESTAMP_HEADER])
    assert sent.headers[SIGNATURE_HEADER] == f"sha256={sign(body, timestamp, SECRET)}"


def test_an_alert_webhook_the_ssrf_guard_refuses_is_never_sent(alert_hook, settings, caplog):
    settings.ALERT_WEBHOOK_URL = "http://169.254.169.254/latest/meta-data"
    failures(total=10, failed=10)
    assert evaluate_alerts() == ["generation_failure_rate"]
    assert not WebhookDelivery.objects.exists()
    assert any("ALERT_WEBHOOK_URL is refused" in r.getMessage() for r in caplog.records if r.levelname == "ERROR")
