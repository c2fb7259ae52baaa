"""Search latency through HTTP against gunicorn, at concurrency 1 and 10."""

import http.client
import json
import statistics
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

from tests.benchmarks.gunicorn_server import free_port, start_gunicorn, stop_gunicorn
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

    def search(self, query: str) -> float:
        path = "/api/v1/components/search?" + urllib.parse.urlencode({"query": query, "limit": 10})
        started = time.perf_counter()
        self.conn.request("GET", path, headers=self.headers)
        response = self.conn.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - started
        if response.status != 200 or not json.loads(body):
            raise RuntimeError(f"search failed: {response.status} {body[:200]!r}")
        return elapsed


def _measure(port: int, key: str, queries: list[str], concurrency: int) -> dict:
    workers = [_Worker(port, key) for _ in range(concurrency)]
    chunks = [queries[i::concurrency] for i in range(concurrency)]
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = pool.map(lambda pair: [pair[0].search(q) for q in pair[1]], zip(workers, chunks, strict=True))
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


def run() -> list[dict]:
    key = _api_key()
    port = free_port()
    proc = start_gunicorn(port, "pagebuilder_bench")
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
        return results
    finally:
        stop_gunicorn(proc)
