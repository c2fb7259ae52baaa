"""The operators' dashboard (``/admin/metrics/``) under load: its render time through the Django test client as
a staff user, with 100,000 API requests and 10,000 AI operations recorded over the last 7 days.

Runs on its own database (``pagebuilder_dashbench`` in the embedded server), reseeded on every run with a fixed
random seed:
- 100,000 API requests as a per-minute recorder stores them: each request draws a minute of the last 7 days, one
  of 10 routes (by weight), a status and a duration bucket; requests with the same minute, route, method, status
  and bucket share one ``RequestTally`` row (the script prints how many rows that makes);
- 10,000 operations across 20 websites (70 % generations, the rest edits, style guides and fact readings; 90 %
  completed), each generation using 5–9 of 80 registry components drawn with a long-tailed popularity.

Then 20 timed renders (after 2 untimed) for each of: the default filters (last 24 hours), the last 7 days, the
last 7 days for one website, and the last 30 days; p50/p95/max in ms, the SQL queries per render and the
median time they took. Prints a
summary and, last, one JSON line (as ``run.py`` reads its child benchmarks). Run it alone with
``.venv/bin/python tests/benchmarks/dashboard_bench.py``.
"""

import json
import os
import random
import statistics
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB_NAME = "pagebuilder_dashbench"
sys.path.insert(0, str(ROOT))
os.environ.update(DJANGO_SETTINGS_MODULE="config.settings", DEBUG="true", EMBEDDED_DB_NAME=DB_NAME, LOG_LEVEL="WARNING")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from monitoring.models import Operation, RequestTally  # noqa: E402
from registry.models import AiSemanticComponent  # noqa: E402
from websites.models import Website  # noqa: E402

REQUESTS, OPERATIONS, WEBSITES, COMPONENTS, RENDERS = 100_000, 10_000, 20, 80, 20
DAYS = 7
# (method, route, share of requests, typical duration bucket): the API's busiest endpoints.
ROUTES = [
    ("GET", "/api/v1/tasks/{task_id}", 40, 2),
    ("GET", "/api/v1/health", 15, 1),
    ("GET", "/api/v1/components/search", 12, 5),
    ("GET", "/api/v1/websites/{website_id}/pages", 8, 3),
    ("GET", "/api/v1/websites/{website_id}/pages/{slug}", 8, 3),
    ("POST", "/api/v1/websites/{website_id}/pages/generate", 5, 4),
    ("POST", "/api/v1/websites/{website_id}/pages/{slug}/edits", 4, 4),
    ("POST", "/api/v1/websites/{website_id}/pages/{slug}/publish", 3, 3),
    ("GET", "/api/v1/websites/{website_id}/style-guide", 3, 2),
    ("GET", "/api/v1/websites/{website_id}/facts", 2, 2),
]
STATUSES = [(200, 900), (404, 40), (422, 25), (429, 10), (401, 10), (500, 10), (503, 5)]


def seed_websites() -> list[int]:
    existing = list(
        Website.objects.filter(subdomain__startswith="dashbench-").order_by("pk").values_list("pk", flat=True)
    )
    if len(existing) == WEBSITES:
        return existing
    Website.objects.filter(subdomain__startswith="dashbench-").delete()
    rows = [
        Website(name=f"Bench site {n:02d}", domain=f"dashbench-{n}.test", subdomain=f"dashbench-{n}")
        for n in range(WEBSITES)
    ]
    return [site.pk for site in Website.objects.bulk_create(rows)]


def seed_components() -> list[str]:
    ids = [f"dashbench-block-{n:02d}" for n in range(COMPONENTS)]
    AiSemanticComponent.objects.filter(component_id__startswith="dashbench-").delete()
    AiSemanticComponent.objects.bulk_create([  # a list: RailsQuerySet.bulk_create reads its argument twice
        AiSemanticComponent(
            component_id=component_id, npm_package="@bench/ui", import_path=f"blocks/{component_id}",
            semantic_type="bench", category="bench", display_name=f"Bench block {component_id[-2:]}", props_schema={},
        )
        for component_id in ids
    ])  # fmt: skip
    return ids


def tally_rows(rng: random.Random, now: datetime) -> list[RequestTally]:
    """100,000 requests folded into per-minute tallies, as the recorder would have written them."""
    first_minute = (now - timedelta(days=DAYS)).replace(second=0, microsecond=0)
    weights = [route[2] for route in ROUTES]
    statuses, status_weights = zip(*STATUSES, strict=True)
    counts: Counter = Counter()
    totals: Counter = Counter()
    for _ in range(REQUESTS):
        method, route, _, typical = rng.choices(ROUTES, weights)[0]
        bucket = min(11, max(0, typical + rng.choice((-1, 0, 0, 0, 1, 1, 2))))
        key = (rng.randrange(DAYS * 24 * 60), route, method, rng.choices(statuses, status_weights)[0], bucket)
        counts[key] += 1
        totals[key] += rng.uniform(1, 40) * (bucket + 1)
    return [
        RequestTally(minute=first_minute + timedelta(minutes=minute), route=route, method=method, status=status,
                     bucket=bucket, count=count, total_ms=totals[key])
        for key, count in counts.items()
        for minute, route, method, status, bucket in [key]
    ]  # fmt: skip


def operation_rows(rng: random.Random, now: datetime, websites: list[int], components: list[str]) -> list[Operation]:
    popularity = [1 / (rank + 1) for rank in range(len(components))]  # a long tail, as real usage has
    kinds = [("generation", 70), ("edit", 20), ("style_guide", 5), ("facts", 5)]
    outcomes = [("completed", 90), ("failed", 7), ("needs_input", 3)]
    rows = []
    for _ in range(OPERATIONS):
        kind = rng.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
        outcome = rng.choices([o for o, _ in outcomes], [w for _, w in outcomes])[0]
        claude = rng.random() < 0.8
        used = rng.choices(components, popularity, k=rng.randint(5, 9)) if kind == "generation" else []
        rows.append(
            Operation(
                kind=kind, outcome=outcome, website_id=rng.choice(websites),
                provider="anthropic" if claude else "offline", fallback=claude and rng.random() < 0.03,
                duration_ms=int(rng.lognormvariate(10.3, 0.5)), first_progress_ms=int(rng.uniform(200, 3000)),
                input_tokens=rng.randint(2000, 20000) if claude else 0,
                output_tokens=rng.randint(500, 4000) if claude else 0,
                cost_usd=Decimal(rng.randint(0, 90000)) / Decimal(1_000_000) if claude else Decimal(0),
                components=used if outcome == "completed" else [],
                created_at=now - timedelta(seconds=rng.uniform(0, DAYS * 86400)),
            )
        )  # fmt: skip
    return rows


def prepare(now: datetime) -> dict:
    call_command("bootstrap_schema", verbosity=0)
    call_command("migrate", verbosity=0)
    rng = random.Random(14)  # noqa: S311 (sample data, the same on every run)
    websites, components = seed_websites(), seed_components()
    Operation.objects.all().delete()
    RequestTally.objects.all().delete()
    tallies = tally_rows(rng, now)
    RequestTally.objects.bulk_create(tallies, batch_size=5000)
    Operation.objects.bulk_create(operation_rows(rng, now, websites, components), batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE monitoring_requesttally; ANALYZE monitoring_operation")
    user, _ = get_user_model().objects.get_or_create(username="dashbench", defaults={"is_staff": True})
    return {
        "requests": REQUESTS,
        "tally_rows": len(tallies),
        "operations": OPERATIONS,
        "websites": websites,
        "user": user,
    }


def timed(client: Client, query: dict) -> dict:
    for _ in range(2):
        assert client.get("/admin/metrics/", query).status_code == 200
    timings, sql_ms, queries = [], [], 0
    for _ in range(RENDERS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get("/admin/metrics/", query)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        queries = len(captured)
        sql_ms.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
    ordered = sorted(timings)
    return {
        "n": RENDERS,
        "p50": round(statistics.median(timings), 1),
        "p95": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 1),
        "max": round(max(timings), 1),
        "queries": queries,
        "sql_p50": round(statistics.median(sql_ms), 1),
    }


def main() -> dict:
    now = datetime.now(UTC)
    seeded = prepare(now)
    client = Client(HTTP_HOST="localhost")
    client.force_login(seeded["user"])
    renders = {
        "default_24h": timed(client, {}),
        "7d": timed(client, {"period": "7d"}),
        "7d_one_website": timed(client, {"period": "7d", "website": seeded["websites"][3]}),
        "30d": timed(client, {"period": "30d"}),
    }
    return {"requests": seeded["requests"], "tally_rows": seeded["tally_rows"], "operations": seeded["operations"],
            "websites": WEBSITES, "renders_ms": renders}  # fmt: skip


if __name__ == "__main__":
    results = main()
    print(f"{results['requests']:,} requests in {results['tally_rows']:,} tally rows,", end=" ")
    print(f"{results['operations']:,} operations")
    for name, figures in results["renders_ms"].items():
        print(f"  {name:>15}: p50 {figures['p50']} ms, p95 {figures['p95']} ms, max {figures['max']} ms, "
              f"{figures['queries']} queries ({figures['sql_p50']} ms in SQL at p50)")  # fmt: skip
    print(json.dumps(results))
