"""Bounded load test against gunicorn (``make bench`` runs it in a child process; it also runs alone:
``.venv/bin/python tests/benchmarks/load_test.py``, with ``--help`` for smaller runs; ``run.py load`` runs it and
replaces only the load section of RESULTS.md).

1. Prepares its own database ``pagebuilder_loadtest`` in the embedded server: schema mirror, migrations, the demo
   websites, the real @opensite/ui export (605 blocks) synced with ``--prune`` (cold the first time, every
   embedding computed; warm afterwards), an API client for every website, and tasks to poll: 8 page generations
   started through the same service the API calls, 2 of them run to the end by the worker's own entry point
   (their answer carries the whole page), the other 6 left waiting in the queue (no worker runs here).
2. Starts gunicorn as ``search_bench`` does (2 workers x 4 threads, DEBUG off; ``gunicorn_server``), warms both
   workers up with 16 searches outside the figures (the embedding model loads on first use), then
   - phase 1, closed loop: 5,000 searches at concurrency 50, drawn in a fixed shuffled order from 200 distinct
     queries, so each worker embeds each query once (uncached) and answers the rest from its query cache;
   - phase 2, open loop: GET /api/v1/tasks/{id} at a steady 200 requests a second for 60 s, round robin over the
     8 tasks, each request started when due whether or not earlier ones were answered.
3. Prints one JSON line (per phase: p50/p95/p99/max latency, throughput, the achieved rate, errors by kind) and
   exits with ``load.ERRORS_EXIT`` (3) if any request failed: an exception, a non-2xx answer, or a body that is not what
   the endpoint promises. Every phase has a deadline and gunicorn is always stopped (SIGTERM, then SIGKILL).

Why a plain asyncio + httpx script rather than locust: httpx is already a dependency and locust would add
gevent, Flask and a web UI for two fixed phases; locust's users are closed-loop (``constant_throughput`` only
spaces one user's requests and falls behind when answers are slow), while phase 2 needs an open-loop schedule
whose latency counts from when each request was due; and one process that prepares the data, runs both phases
and prints JSON fits ``make bench``'s child-benchmark contract without parsing locust's CSV. The client's own CPU
(httpx in one event loop, measured and reported per request: about 1.5 ms) shares the machine with gunicorn and
PostgreSQL, as any load generator on the same host would.

Limits that would refuse a legitimate load test are raised through the environment of this process and the
server (``LIMITS``), never in code: today only ``GENERATION_RATE_LIMIT_PER_MINUTE`` (8 generations in a few
seconds from one client); search and task polling are not rate-limited.
"""

import argparse
import asyncio
import io
import json
import os
import random
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB_NAME = "pagebuilder_loadtest"
LIMITS = {"GENERATION_RATE_LIMIT_PER_MINUTE": "100000"}
sys.path.insert(0, str(ROOT))
os.environ.pop("REDIS_URL", None)  # the queued tasks stay in this database's broker, away from any real worker
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings",
    DEBUG="true",
    EMBEDDED_DB_NAME=DB_NAME,
    LLM_PROVIDER="offline",
    EMBEDDING_PROVIDER="local",
    AI_BUILDER_ROLLOUT_PERCENT="100",
    LOG_LEVEL="WARNING",
    **LIMITS,
)

import django  # noqa: E402

django.setup()

import httpx  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django_q.models import OrmQ  # noqa: E402

from pagebuilder.services import GenerationInput, start_generation  # noqa: E402
from pagebuilder.tasks import run_generation  # noqa: E402
from tests.benchmarks import load  # noqa: E402
from tests.benchmarks.gunicorn_server import serving  # noqa: E402
from tests.benchmarks.queries import distinct_queries  # noqa: E402
from websites.api_clients import api_client_create  # noqa: E402
from websites.models import AiTask, ApiClient, Website  # noqa: E402

PAGES = [("a home page", "home"), ("an about page telling our story", "about"),
         ("a contact page", "contact"), ("a page answering frequent questions", "faq")]  # fmt: skip
TASK_STATUSES = {"pending", "processing", "completed", "failed", "needs_input"}


def prepare(export: Path) -> str:
    """The load test's database, ready; returns the API key of a client for every website."""
    for command, args, options in (
        ("bootstrap_schema", (), {}),
        ("migrate", (), {}),
        ("createcachetable", (), {}),
        ("seed_demo", (), {}),
        ("sync_registry", (str(export),), {"prune": True}),
        ("generate_style_guide", (), {"all_missing": True, "provider": "offline"}),
    ):
        call_command(command, *args, verbosity=0, stdout=io.StringIO(), **options)  # seed_demo prints a key
    ApiClient.objects.filter(name="loadtest").delete()
    _, key = api_client_create(name="loadtest", all_websites=True)
    return key


def tasks_to_poll() -> list[str]:
    """8 generations started as the API starts them; the first on each website run to the end as a worker would."""
    OrmQ.objects.all().delete()  # queue messages of earlier runs; nothing ever consumes them here
    client = ApiClient.objects.get(name="loadtest")
    ids = []
    for website in Website.objects.filter(subdomain__in=["crumbandco", "brightside"]).order_by("pk"):
        for index, (intent, slug) in enumerate(PAGES):
            request = GenerationInput(page_intent=intent, page_category_slug=f"load-{slug}", publish=False)
            task = start_generation(website, request, api_client=client).task
            if index == 0:
                run_generation(str(task.pk))
            ids.append(str(task.pk))
    OrmQ.objects.all().delete()
    return ids


def search_paths(searches: int, distinct: int) -> list[str]:
    pool = distinct_queries(600)[:: max(1, 600 // distinct)][:distinct]  # every tone, site and need represented
    order = [pool[index % len(pool)] for index in range(searches)]
    random.Random(15).shuffle(order)  # noqa: S311 - a reproducible order, not a secret
    return ["/api/v1/components/search?" + urllib.parse.urlencode({"query": q, "limit": 10}) for q in order]


def _hits(response: httpx.Response) -> bool:
    body = response.json()
    return isinstance(body, list) and len(body) > 0


def _task(response: httpx.Response) -> bool:
    return response.json().get("status") in TASK_STATUSES


def _per_request_ms(cpu_seconds: float, requests: int) -> float:
    """The load generator's own CPU per request: it shares the machine with the server it measures."""
    return round(cpu_seconds * 1000 / max(requests, 1), 2)


async def measure(base_url: str, key: str, task_ids: list[str], args: argparse.Namespace) -> dict:
    headers = {"Authorization": f"Bearer {key}"}
    async with load.client(base_url, headers, args.concurrency) as http:
        warm_up = ["/api/v1/components/search?query=warm+up+hero+section&limit=10"] * 16
        await load.closed_loop(http, warm_up, 8, args.search_deadline, _hits)
        paths = search_paths(args.searches, args.distinct)
        cpu = time.process_time()
        search = await load.closed_loop(http, paths, args.concurrency, args.search_deadline, _hits)
        search["client_cpu_ms_per_request"] = _per_request_ms(time.process_time() - cpu, len(paths))
    print(f"searches: {json.dumps(search)}", file=sys.stderr)
    polls = [f"/api/v1/tasks/{task_id}" for task_id in task_ids]
    async with load.client(base_url, headers, args.poll_connections) as http:
        cpu = time.process_time()
        schedule = load.Schedule(args.rate, args.seconds, args.grace, args.poll_connections)
        polling = await load.open_loop(http, polls, schedule, _task)
        polling["client_cpu_ms_per_request"] = _per_request_ms(time.process_time() - cpu, polling["requests"])
    print(f"task polling: {json.dumps(polling)}", file=sys.stderr)
    return {"search": {"distinct_queries": args.distinct, **search}, "task_status": polling}


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=None, help="gunicorn's port (default: a free one)")
    parser.add_argument("--searches", type=int, default=5000)
    parser.add_argument("--distinct", type=int, default=200, help="distinct search queries (at most 600)")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--search-deadline", type=float, default=300, help="seconds phase 1 may take")
    parser.add_argument("--rate", type=float, default=200, help="task polls a second")
    parser.add_argument("--seconds", type=float, default=60, help="how long to poll")
    parser.add_argument("--grace", type=float, default=30, help="seconds to wait for answers after the last poll")
    parser.add_argument("--poll-connections", type=int, default=100, help="polls in flight at most")
    return parser.parse_args()


def main() -> int:
    args = _arguments()
    export = ROOT.parent / "shared" / "opensite" / "registry-export.json"
    if not export.exists():
        print(f"{export} is missing: the load test needs the real @opensite/ui export.", file=sys.stderr)
        return 1
    key = prepare(export)
    task_ids = tasks_to_poll()
    statuses = sorted(AiTask.objects.get(pk=pk).public_status for pk in task_ids)
    with serving(DB_NAME, args.port, **LIMITS) as base_url:
        results = asyncio.run(measure(base_url, key, task_ids, args))
    results["tasks"] = {status: statuses.count(status) for status in sorted(set(statuses))}
    results["errors"] = results["search"]["errors"] + results["task_status"]["errors"]
    print(json.dumps(results))
    return load.ERRORS_EXIT if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
