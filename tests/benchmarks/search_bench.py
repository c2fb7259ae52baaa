"""Search through HTTP against gunicorn (2 workers x 4 threads): latency at concurrency 1 and 10, requests per
second, the server-side CPU of one search whose query vector is cached (gunicorn's processes plus the
PostgreSQL backends serving them, read from /proc), the answer's size per ``fields``, and the local model's time
for one uncached query embedding."""

import http.client
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.db import connection

from tests.benchmarks.gunicorn_server import ROOT, free_port, start_gunicorn, stop_gunicorn
from tests.benchmarks.queries import distinct_queries, popular_queries
from websites.api_clients import api_client_create
from websites.models import ApiClient

REQUESTS = 600


def _api_key() -> str:
    ApiClient.objects.filter(name="bench").delete()
    _, key = api_client_create(name="bench", all_websites=True)
    return key


class _Worker:
    """One keep-alive HTTP connection per thread, as a real API client would hold."""

    def __init__(self, port: int, key: str) -> None:
        self.port, self.headers = port, {"Authorization": f"Bearer {key}"}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def search(self, query: str, fields: str = "full") -> float:
        return self.fetch(query, fields)[0]

    def fetch(self, query: str, fields: str = "full") -> tuple[float, bytes]:
        params = {"query": query, "limit": 10} | ({} if fields == "full" else {"fields": fields})
        path = "/api/v1/components/search?" + urllib.parse.urlencode(params)
        started = time.perf_counter()
        self.conn.request("GET", path, headers=self.headers)
        response = self.conn.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - started
        if response.status != 200 or not json.loads(body):
            raise RuntimeError(f"search failed: {response.status} {body[:200]!r}")
        return elapsed, body


def _measure(port: int, key: str, queries: list[str], concurrency: int, fields: str = "full") -> dict:
    workers = [_Worker(port, key) for _ in range(concurrency)]
    chunks = [queries[i::concurrency] for i in range(concurrency)]
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = pool.map(lambda pair: [pair[0].search(q, fields) for q in pair[1]], zip(workers, chunks, strict=True))
        latencies = sorted(t for chunk in results for t in chunk)
    wall = time.perf_counter() - started
    quantiles = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "concurrency": concurrency,
        "p50_ms": round(quantiles[49] * 1000, 1),
        "p95_ms": round(quantiles[94] * 1000, 1),
        "p99_ms": round(quantiles[98] * 1000, 1),
        "throughput_rps": round(len(latencies) / wall, 1),
    }


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of ``pids`` so far (Linux /proc; processes that ended count as 0)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / os.sysconf("SC_CLK_TCK")


def _server_pids(proc: subprocess.Popen) -> list[int]:
    """gunicorn's master and workers, and the PostgreSQL backends of this database other than our own."""
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        backends = [row[0] for row in cursor.fetchall()]
    return [proc.pid, *map(int, children), *backends]


def _cpu_per_search(proc: subprocess.Popen, port: int, key: str, queries: list[str], fields: str) -> dict:
    """Server CPU per request over ``queries`` at concurrency 10, every query vector already cached."""
    _measure(port, key, queries, 10, fields)  # every worker thread has its connection and every vector
    pids = _server_pids(proc)
    before = _cpu_seconds(pids)
    latency = _measure(port, key, queries, 10, fields)
    used = _cpu_seconds(pids) - before
    size = len(_Worker(port, key).fetch(queries[0], fields)[1])
    return {
        "fields": fields,
        "cpu_ms_per_search": round(used / len(queries) * 1000, 2),
        "bytes_10_hits": size,
        **latency,
    }


def _embedding_ms(count: int = 100) -> dict:
    """One uncached query embedding with the local model, one BLAS thread as in web processes, in a child
    process so that nothing here (threads, caches) disturbs it."""
    code = (
        "import json, statistics, time\n"
        "from registry.embeddings.local import LocalEmbeddingProvider\n"
        "from tests.benchmarks.queries import distinct_queries\n"
        f"p = LocalEmbeddingProvider(); queries = distinct_queries(600)[-{count}:]; p.embed_query('warm up')\n"
        "times = []\n"
        "for q in queries:\n"
        "    t = time.perf_counter(); p.embed_query(q); times.append((time.perf_counter() - t) * 1000)\n"
        "cuts = statistics.quantiles(times, n=100)\n"
        "print(json.dumps({'queries': len(times), 'p50_ms': round(cuts[49], 2), 'p95_ms': round(cuts[94], 2)}))\n"
    )
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def cost(rounds: int = 5) -> list[dict]:
    """Only the cost part, ``rounds`` times per ``fields`` (alternating), each figure the median of the rounds: quick
    to rerun after a change (``run.py search-cost``); a busy machine disturbs single rounds, less their median."""
    key = _api_key()
    port = free_port()
    proc = start_gunicorn(port, settings.EMBEDDED_DB_NAME)
    try:
        popular = popular_queries()
        warm = _Worker(port, key)
        for query in popular:
            warm.search(query)
            warm.search(query)
        repeated = [popular[i % len(popular)] for i in range(REQUESTS)]
        runs = {"full": [], "summary": []}
        for _ in range(rounds):
            for fields, results in runs.items():
                results.append(_cpu_per_search(proc, port, key, repeated, fields))
        return [_median_of(fields, results) for fields, results in runs.items()]
    finally:
        stop_gunicorn(proc)


def _median_of(fields: str, results: list[dict]) -> dict:
    figures = ("cpu_ms_per_search", "p50_ms", "p95_ms", "throughput_rps")
    cpu = [r["cpu_ms_per_search"] for r in results]
    return {
        "fields": fields,
        "rounds": len(results),
        **{name: round(statistics.median(r[name] for r in results), 2) for name in figures},
        "cpu_ms_min": min(cpu),
        "cpu_ms_max": max(cpu),
        "bytes_10_hits": results[0]["bytes_10_hits"],
    }


def run() -> dict:
    key = _api_key()
    port = free_port()
    proc = start_gunicorn(port, settings.EMBEDDED_DB_NAME)  # run.py's pagebuilder_bench
    try:
        warm = _Worker(port, key)
        for query in popular_queries():  # load the model in both workers and fill their caches
            warm.search(query)
            warm.search(query)
        popular = popular_queries()
        repeated = [popular[i % len(popular)] for i in range(REQUESTS)]
        results = []
        for concurrency in (1, 10):
            distinct = distinct_queries(REQUESTS)
            if concurrency == 10:
                distinct = [q + " page" for q in distinct]  # unseen by the caches of the c=1 run
            results.append({"queries": "distinct (query cache cold)", **_measure(port, key, distinct, concurrency)})
            results.append({"queries": "40 popular (query cache warm)", **_measure(port, key, repeated, concurrency)})
            print(results[-2], results[-1], sep="\n")
        cost = [_cpu_per_search(proc, port, key, repeated, fields) for fields in ("full", "summary")]
        print(*cost, sep="\n")
        return {"latency": results, "cost": cost, "embedding": _embedding_ms()}
    finally:
        stop_gunicorn(proc)
