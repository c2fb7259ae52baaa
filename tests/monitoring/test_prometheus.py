"""``/metrics``: off without METRICS_TOKEN, refused without the bearer token, and with it Prometheus text that
prometheus_client's own parser reads back to the numbers in the monitoring tables."""

import pytest
from prometheus_client.parser import text_string_to_metric_families

from monitoring.models import DURATION_BUCKETS_MS
from tests.monitoring.seeding import operation, tally
from websites import jobs

pytestmark = pytest.mark.django_db
TOKEN = "metrics-token-0123456789"


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = TOKEN
    return TOKEN


def scrape(client, token: str = TOKEN) -> dict[str, dict[tuple, float]]:
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain; version=")
    samples: dict[str, dict[tuple, float]] = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            samples.setdefault(sample.name, {})[tuple(sorted(sample.labels.items()))] = sample.value
    return samples


def test_metrics_are_off_without_a_token_setting(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer anything").status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}", TOKEN])
def test_metrics_are_refused_without_the_bearer_token(client, token, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get("/metrics", **extra)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"pagebuilder_" not in response.content


def test_request_counters_and_histograms_match_the_tallies(client, token):
    tally(7, status=200, bucket=0, total_ms=14.0)
    tally(2, status=200, bucket=3, total_ms=80.0, minutes_ago=3)
    tally(1, status=503, bucket=len(DURATION_BUCKETS_MS), total_ms=12_000.0)  # over every bound
    samples = scrape(client)
    requests = samples["pagebuilder_api_requests_total"]
    assert requests[(("method", "GET"), ("route", "api/v1/health"), ("status", "200"))] == 9
    assert requests[(("method", "GET"), ("route", "api/v1/health"), ("status", "503"))] == 1
    labels = (("method", "GET"), ("route", "api/v1/health"))
    buckets = samples["pagebuilder_api_request_duration_seconds_bucket"]
    assert buckets[(("le", "0.005"), *labels)] == 7
    assert buckets[(("le", "0.05"), *labels)] == 9
    assert buckets[(("le", "10.0"), *labels)] == 9
    assert buckets[(("le", "+Inf"), *labels)] == 10
    assert samples["pagebuilder_api_request_duration_seconds_count"][labels] == 10
    assert samples["pagebuilder_api_request_duration_seconds_sum"][labels] == pytest.approx(12.094)


def test_operation_counters_tokens_cost_and_durations(client, token):
    operation(outcome="completed", provider="anthropic", duration_ms=4000, input_tokens=1000, output_tokens=200,
              cost_usd="0.012500")  # fmt: skip
    operation(outcome="completed", provider="offline", fallback=True, duration_ms=700, first_progress_ms=300)
    operation(outcome="failed", provider="anthropic", duration_ms=90_000, cost_usd="0.001")
    operation(kind="edit", provider="anthropic", duration_ms=2500, cost_usd="0.003", output_tokens=50)
    samples = scrape(client)
    ops = samples["pagebuilder_ai_operations_total"]

    def key(kind, outcome, provider, fallback="false"):
        return (("fallback", fallback), ("kind", kind), ("outcome", outcome), ("provider", provider))

    assert ops[key("generation", "completed", "anthropic")] == 1
    assert ops[key("generation", "completed", "offline", "true")] == 1
    assert ops[key("generation", "failed", "anthropic")] == 1
    assert ops[key("edit", "completed", "anthropic")] == 1
    assert samples["pagebuilder_ai_cost_usd_total"][(("kind", "generation"),)] == pytest.approx(0.0135)
    assert samples["pagebuilder_ai_cost_usd_total"][(("kind", "edit"),)] == pytest.approx(0.003)
    tokens = samples["pagebuilder_ai_tokens_total"]
    assert tokens[(("kind", "generation"), ("type", "input"))] == 1000
    assert tokens[(("kind", "generation"), ("type", "output"))] == 200
    assert tokens[(("kind", "edit"), ("type", "output"))] == 50
    duration = samples["pagebuilder_ai_operation_duration_seconds_bucket"]
    assert duration[(("kind", "generation"), ("le", "1.0"))] == 1
    assert duration[(("kind", "generation"), ("le", "5.0"))] == 2
    assert duration[(("kind", "generation"), ("le", "60.0"))] == 2
    assert duration[(("kind", "generation"), ("le", "120.0"))] == 3
    assert samples["pagebuilder_ai_operation_duration_seconds_sum"][(("kind", "generation"),)] == 94.7
    first = samples["pagebuilder_generation_first_progress_seconds_count"]
    assert first == {(("kind", "generation"),): 1}


def test_queue_depth_counts_waiting_tasks(client, token, bakery):
    for _ in range(3):
        jobs.create_task(task_type="semantic_page_generation", website_id=bakery.pk, input={}, message="queued")
    depth = scrape(client)["pagebuilder_queue_depth"]
    assert depth[(("queue", "tasks_pending"),)] == 3
    assert depth[(("queue", "tasks_processing"),)] == 0
    assert (("queue", "broker"),) in depth
