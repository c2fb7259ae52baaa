"""The request middleware counts API requests by route pattern (never the raw path), method, status and duration
bucket, in memory, and one flush writes them as per-minute upserts that add up across flushes and processes."""

import uuid

import pytest
from django.db.models import Sum

from monitoring.middleware import UNMATCHED
from monitoring.models import DURATION_BUCKETS_MS, RequestTally
from monitoring.recording import bucket_of, flush_requests, requests

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counts():
    """Counts other tests left in this process's counter are not this test's."""
    requests.flush()
    RequestTally.objects.all().delete()


def tallies() -> dict[tuple[str, str, int], int]:
    rows = RequestTally.objects.values_list("route", "method", "status").annotate(n=Sum("count"))
    return {(route, method, status): n for route, method, status, n in rows}


def test_requests_are_counted_by_route_pattern_method_and_status(client, bakery, api_key_for):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_key_for(bakery)}"}
    for _ in range(3):
        assert client.get(f"/api/v1/tasks/{uuid.uuid4()}", **auth).status_code == 404
    assert client.get(f"/api/v1/websites/{bakery.pk}/pages", **auth).status_code == 200
    assert client.get("/api/v1/no/such/thing", **auth).status_code == 404
    assert client.get("/builder/").status_code in (200, 302)  # not an API request: not counted
    assert flush_requests() >= 3
    counted = tallies()
    assert counted.get(("api/v1/tasks/<uuidstr:task_id>", "GET", 404)) == 3, counted
    assert counted[("api/v1/websites/<int:website_id>/pages", "GET", 200)] == 1, counted
    assert counted[(UNMATCHED, "GET", 404)] == 1
    assert sum(counted.values()) == 5
    assert not any(f"/{bakery.pk}/" in route or "-" in route for route, _, _ in counted), "raw ids never do"


def test_flushes_add_up_instead_of_overwriting(client):
    for _ in range(2):
        client.get("/api/v1/health")
        flush_requests()
    assert tallies()[("api/v1/health", "GET", client.get("/api/v1/health").status_code)] == 2
    assert RequestTally.objects.filter(route="api/v1/health").aggregate(ms=Sum("total_ms"))["ms"] > 0


def test_a_refusal_by_middleware_before_the_view_is_counted_under_its_route(client):
    response = client.get("/api/v1/health?x=%00")
    assert response.status_code == 422
    flush_requests()
    assert tallies() == {("api/v1/health", "GET", 422): 1}


def test_a_failed_flush_keeps_the_counts_for_the_next_one(monkeypatch):
    requests.add("api/v1/health", "GET", 200, 3.0)

    def broken(counts):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr("monitoring.recording._upsert", broken)
    assert requests.flush() == 0
    monkeypatch.undo()
    assert requests.flush() == 1
    assert tallies() == {("api/v1/health", "GET", 200): 1}


@pytest.mark.parametrize(
    ("ms", "bucket"), [(0.1, 0), (5, 0), (5.01, 1), (250, 5), (10_000, 10), (10_001, len(DURATION_BUCKETS_MS))]
)
def test_durations_fall_in_the_first_bucket_that_holds_them(ms, bucket):
    assert bucket_of(ms) == bucket
