"""The request-metrics middleware's cost (run by ``make bench`` in a child process with its own database).

1. Per request, in process: the middleware around a view that does nothing, against the same view called bare,
   over requests whose route Django has already resolved (as in the real chain), and over requests a middleware
   refused before resolving (the middleware resolves those itself).
2. A flush: one upsert of K distinct (minute, route, method, status, bucket) keys, and what that costs per
   request when a process serving 50 requests a second flushes every ``FLUSH_SECONDS`` (a flush of more keys than
   that served requests is spread over at least as many requests as keys).
3. Through the whole Django stack (test client, GET /api/v1/openapi.json is too heavy, so the cheapest JSON
   route, an unknown task id answered 404 after authentication): p50 with the middleware in and out.
Target: ≤ 0.2 ms per request.
"""

import json
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings",
    DEBUG="true",
    EMBEDDED_DB_NAME="pagebuilder_metricsbench",
    LLM_PROVIDER="offline",
    EMBEDDING_PROVIDER="local",
    LOG_LEVEL="ERROR",
    ALLOWED_HOSTS="testserver,localhost",
)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client, RequestFactory, override_settings  # noqa: E402
from django.urls import resolve  # noqa: E402

from monitoring.middleware import RequestMetricsMiddleware  # noqa: E402
from monitoring.models import RequestTally  # noqa: E402
from monitoring.recording import FLUSH_SECONDS, requests  # noqa: E402

CALLS = 200_000
RATE = 50  # requests per second per process, for the amortised flush cost


def _per_call_us(handler, request_list) -> float:
    started = time.perf_counter()
    for request in request_list:
        handler(request)
    return (time.perf_counter() - started) / len(request_list) * 1e6


def in_process() -> dict:
    factory = RequestFactory()
    response = HttpResponse(b"{}", content_type="application/json")

    def bare(request):
        return response

    middleware = RequestMetricsMiddleware(bare)
    path = f"/api/v1/tasks/{uuid.uuid4()}"
    resolved = []
    for _ in range(1000):
        request = factory.get(path)
        request.resolver_match = resolve(path)
        resolved.append(request)
    refused = [factory.get(path) for _ in range(1000)]
    rounds = CALLS // len(resolved)
    runs = {"bare": [], "resolved": [], "unresolved": []}
    for _ in range(rounds):
        runs["bare"].append(_per_call_us(bare, resolved))
        runs["resolved"].append(_per_call_us(middleware, resolved))
        runs["unresolved"].append(_per_call_us(middleware, refused))
    requests.flush()
    base = statistics.median(runs["bare"])
    return {
        "calls": rounds * len(resolved),
        "resolved_us": round(statistics.median(runs["resolved"]) - base, 2),
        "unresolved_us": round(statistics.median(runs["unresolved"]) - base, 2),
    }


def flushes() -> list[dict]:
    rows = []
    for keys in (20, 200, 2000):
        timings = []
        for _ in range(7):
            for index in range(keys):
                requests.add(f"api/v1/route-{index % 40}", "GET", 200 + index // 40, float(index % 300))
            started = time.perf_counter()
            requests.flush()
            timings.append((time.perf_counter() - started) * 1000)
        flush_ms = statistics.median(timings)
        per_request_us = flush_ms * 1000 / max(keys, RATE * FLUSH_SECONDS)  # each key took a request at least
        rows.append({"keys": keys, "flush_ms": round(flush_ms, 2), "per_request_us": round(per_request_us, 2)})
    return rows


def through_django(samples: int = 3000) -> dict:
    client = Client()
    path = f"/api/v1/tasks/{uuid.uuid4()}"
    without = [m for m in settings.MIDDLEWARE if m != "monitoring.middleware.RequestMetricsMiddleware"]

    def p50(n: int) -> float:
        timings = []
        for _ in range(n):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        return statistics.median(timings)

    p50(300)  # warm
    with_ms, without_ms = [], []
    for _ in range(5):  # interleaved, so drift hits both alike
        with_ms.append(p50(samples // 5))
        with override_settings(MIDDLEWARE=without):
            without_ms.append(p50(samples // 5))
    requests.flush()
    with_p50, without_p50 = statistics.median(with_ms), statistics.median(without_ms)
    return {
        "with_ms": round(with_p50, 3),
        "without_ms": round(without_p50, 3),
        "overhead_ms": round(with_p50 - without_p50, 3),
    }


def main() -> None:
    call_command("migrate", verbosity=0)
    RequestTally.objects.all().delete()
    results = {"in_process": in_process(), "flush": flushes(), "django": through_django()}
    RequestTally.objects.all().delete()
    print(json.dumps(results))


if __name__ == "__main__":
    main()
