"""The page generation API: 202 and a task to poll, validation, tenancy, idempotency, rate limit, rollout,
pages with versions, and the webhook a finished task sends. Queued work runs inline (django-q2 sync mode,
on-commit callbacks executed), so the real worker function runs."""

import hashlib
import hmac
import json
import socket
from datetime import timedelta

import httpx
import pytest
from django.utils import timezone
from django_q.conf import Conf

from pagebuilder.models import GenerationRequest, PageCategory, PageVersion
from pagebuilder.rollout import builder_enabled, rollout_bucket
from registry.models import AiSemanticComponent
from websites.models import AiTask, WebhookDelivery

pytestmark = pytest.mark.django_db
SECRET = "test-webhook-secret"


@pytest.fixture(autouse=True)
def inline_queue(monkeypatch, settings):
    monkeypatch.setattr(Conf, "SYNC", True)
    settings.WEBHOOK_SIGNING_SECRET = SECRET
    settings.AI_BUILDER_ROLLOUT_PERCENT, settings.AI_BUILDER_ALLOWLIST = 100, []


@pytest.fixture
def key(crumb, api_key_for) -> str:
    return api_key_for(crumb, may_publish=True)  # generations publish by default for clients that may publish


@pytest.fixture
def api(client, django_capture_on_commit_callbacks):
    class Api:
        def post(self, path, body, key, **headers):
            with django_capture_on_commit_callbacks(execute=True):
                return client.post(
                    f"/api/v1{path}", json.dumps(body), content_type="application/json",
                    HTTP_AUTHORIZATION=f"Bearer {key}", **headers,
                )  # fmt: skip

        def get(self, path, key):
            return client.get(f"/api/v1{path}", HTTP_AUTHORIZATION=f"Bearer {key}")

    return Api()


def body(**changes) -> dict:
    return {"page_intent": "contact us page", "page_category_slug": "contact", **changes}


def test_generate_returns_202_and_the_task_completes_with_a_published_page(api, crumb, key):
    response = api.post(f"/websites/{crumb.pk}/pages/generate", body(), key)
    assert response.status_code == 202, response.content
    started = response.json()
    assert set(started) == {"task_id", "status", "estimated_duration_seconds", "message"}
    assert started["status"] == "pending"
    assert started["estimated_duration_seconds"] > 0
    assert started["task_id"] in started["message"]

    task = api.get(f"/tasks/{started['task_id']}", key).json()
    assert task["status"] == "completed"
    assert task["phase"] == "completed"
    assert task["progress"] == 100
    assert task["elapsed_seconds"] >= 0
    assert task["error"] is None
    result = task["result"]
    assert result["sections"]
    assert result["design_payload"]["blocks"]
    assert result["usage"] == {"calls": [], "input_tokens": 0, "output_tokens": 0, "cost_usd": 0.0}

    pages = api.get(f"/websites/{crumb.pk}/pages", key).json()
    assert [(p["slug"], p["published"], p["versions"]) for p in pages] == [("contact", True, 1)]
    page = api.get(f"/websites/{crumb.pk}/pages/contact", key).json()
    assert page["design_payload"] == result["design_payload"]
    assert page["seo_title"] == result["seo_metadata"]["title"]
    assert page["versions"][0]["source"] == "generated"
    assert page["versions"][0]["published"]
    assert page["draft"]["version_id"] == result["version_id"]


def test_publish_false_keeps_a_draft_only(api, crumb, key):
    api.post(f"/websites/{crumb.pk}/pages/generate", body(publish=False), key)
    assert not PageCategory.objects.filter(website=crumb, slug="contact").exists()
    page = api.get(f"/websites/{crumb.pk}/pages/contact", key).json()
    assert page["published"] is False
    assert page["design_payload"] is None
    assert page["draft"]["design_payload"]
    listed = api.get(f"/websites/{crumb.pk}/pages", key).json()
    assert listed[0]["draft_differs_from_published"] is True
    assert api.get(f"/websites/{crumb.pk}/pages/nope", key).status_code == 404


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"page_intent": ""}, "page_intent"),
        ({"page_intent": "x" * 2001}, "page_intent"),
        ({"page_category_slug": "About Us"}, "page_category_slug"),
        ({"page_category_slug": "../etc"}, "page_category_slug"),
        ({"additional_context": "x" * 10001}, "additional_context"),
    ],
)
def test_bad_requests_get_422_naming_the_field_and_create_nothing(api, crumb, key, changes, field):
    response = api.post(f"/websites/{crumb.pk}/pages/generate", body(**changes), key)
    assert response.status_code == 422
    assert field in response.json()["detail"]
    assert not AiTask.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/",
        "ftp://x.example/",
    ],
)
def test_webhook_urls_to_private_targets_are_refused_up_front(api, crumb, key, url):
    response = api.post(f"/websites/{crumb.pk}/pages/generate", body(webhook_url=url), key)
    assert response.status_code == 422, response.content
    assert not AiTask.objects.exists()


def test_other_websites_and_other_clients_tasks_are_out_of_reach(api, crumb, demo_sites, key, api_key_for):
    clinic = demo_sites["brightside"]
    assert api.post(f"/websites/{clinic.pk}/pages/generate", body(), key).status_code == 403
    assert api.post("/websites/999999/pages/generate", body(), key).status_code == 404
    assert api.get(f"/websites/{clinic.pk}/pages", key).status_code == 403
    task_id = api.post(f"/websites/{crumb.pk}/pages/generate", body(), key).json()["task_id"]
    other = api_key_for(crumb)  # another client, even one allowed on the same website
    response = api.get(f"/tasks/{task_id}", other)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert api.get("/tasks/00000000-0000-0000-0000-000000000000", key).status_code == 404


def test_an_idempotency_key_returns_the_same_task_for_24_hours(api, crumb, key):
    first = api.post(f"/websites/{crumb.pk}/pages/generate", body(), key, HTTP_IDEMPOTENCY_KEY="abc-1")
    second = api.post(f"/websites/{crumb.pk}/pages/generate", body(), key, HTTP_IDEMPOTENCY_KEY="abc-1")
    assert first.status_code == second.status_code == 202
    assert first.json()["task_id"] == second.json()["task_id"]
    assert AiTask.objects.count() == 1
    clash = api.post(
        f"/websites/{crumb.pk}/pages/generate", body(page_intent="other"), key, HTTP_IDEMPOTENCY_KEY="abc-1"
    )
    assert clash.status_code == 409
    assert "Idempotency-Key" in clash.json()["detail"]
    GenerationRequest.objects.update(created_at=timezone.now() - timedelta(hours=25))
    third = api.post(f"/websites/{crumb.pk}/pages/generate", body(), key, HTTP_IDEMPOTENCY_KEY="abc-1")
    assert third.json()["task_id"] != first.json()["task_id"]
    assert AiTask.objects.count() == 2


def test_generation_is_rate_limited_per_client_with_retry_after(api, crumb, key, api_key_for, settings):
    settings.GENERATION_RATE_LIMIT_PER_MINUTE = 2
    for _ in range(2):
        assert api.post(f"/websites/{crumb.pk}/pages/generate", body(), key).status_code == 202
    limited = api.post(f"/websites/{crumb.pk}/pages/generate", body(), key)
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert "2 page generations and changes per minute" in limited.json()["detail"]
    assert api.post(f"/websites/{crumb.pk}/pages/generate", body(), api_key_for(crumb)).status_code == 202
    GenerationRequest.objects.update(created_at=timezone.now() - timedelta(seconds=61))
    assert api.post(f"/websites/{crumb.pk}/pages/generate", body(), key).status_code == 202


def test_rollout_switch_by_allowlist_or_percentage(api, crumb, key, settings):
    settings.AI_BUILDER_ROLLOUT_PERCENT = 0
    refused = api.post(f"/websites/{crumb.pk}/pages/generate", body(), key)
    assert refused.status_code == 403
    assert "not enabled" in refused.json()["detail"]
    settings.AI_BUILDER_ALLOWLIST = [crumb.pk]
    assert api.post(f"/websites/{crumb.pk}/pages/generate", body(), key).status_code == 202
    settings.AI_BUILDER_ALLOWLIST = []
    enabled_at = {}
    for percent in (10, 50, 100):
        settings.AI_BUILDER_ROLLOUT_PERCENT = percent
        enabled_at[percent] = {i for i in range(1, 501) if builder_enabled(i)}
    assert enabled_at[10] <= enabled_at[50] <= enabled_at[100]
    assert len(enabled_at[100]) == 500
    assert 25 <= len(enabled_at[10]) <= 80
    assert rollout_bucket(42) == rollout_bucket(42)


def test_a_finished_task_posts_a_signed_webhook(api, crumb, key, monkeypatch):
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, port, *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))],
    )
    received: list[httpx.Request] = []
    monkeypatch.setattr(
        "websites.webhooks.delivery._transport",
        httpx.MockTransport(lambda r: received.append(r) or httpx.Response(204)),
    )
    task_id = api.post(
        f"/websites/{crumb.pk}/pages/generate", body(webhook_url="https://hooks.example.com/pb"), key
    ).json()["task_id"]
    delivery = WebhookDelivery.objects.get()
    assert str(delivery.task_id) == task_id
    assert delivery.status == "delivered"
    [request] = received
    sent = json.loads(request.content)
    assert sent["task_id"] == task_id
    assert sent["status"] == "completed"
    assert sent["website_id"] == crumb.pk
    assert sent["page_category_slug"] == "contact"
    assert "contact" in sent["summary"].lower()
    timestamp = request.headers["X-PageBuilder-Timestamp"]
    expected = hmac.new(SECRET.encode(), f"{timestamp}.".encode() + request.content, hashlib.sha256).hexdigest()
    assert request.headers["X-PageBuilder-Signature"] == f"sha256={expected}"


def test_a_failed_task_reports_an_actionable_error_and_notifies(api, crumb, key, monkeypatch):
    AiSemanticComponent.objects.update(deprecated=True)
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, port, *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))],
    )
    received = []
    monkeypatch.setattr(
        "websites.webhooks.delivery._transport",
        httpx.MockTransport(lambda r: received.append(r) or httpx.Response(200)),
    )
    task_id = api.post(
        f"/websites/{crumb.pk}/pages/generate", body(webhook_url="https://hooks.example.com/"), key
    ).json()["task_id"]
    task = api.get(f"/tasks/{task_id}", key).json()
    assert task["status"] == "failed"
    assert task["phase"] == "failed"
    assert "sync_registry" in task["error"]
    assert task["result"] is None
    assert json.loads(received[0].content)["status"] == "failed"
    assert not PageVersion.objects.exists()


def test_a_page_left_only_as_a_snapshot_of_what_was_live_is_still_readable(api, crumb, key):
    """Rails deleted the live row and the only version is the snapshot taken before a publish: no draft."""
    PageVersion.objects.create(
        website=crumb, slug="old", title="Old page", design_payload={"blocks": []},
        source=PageVersion.Source.PREVIOUSLY_PUBLISHED,
    )  # fmt: skip
    response = api.get(f"/websites/{crumb.pk}/pages/old", key)
    assert response.status_code == 200
    page = response.json()
    assert page["name"] == "Old page"
    assert page["draft"] is None
    assert [v["source"] for v in page["versions"]] == ["previously_published"]
