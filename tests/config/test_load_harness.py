"""The load test's request loops (``tests/benchmarks/load.py``) and its RESULTS.md section, against an httpx
transport that answers in this process: the closed loop never exceeds its concurrency, the open loop keeps its
schedule when answers are slow, every kind of failure is counted, and a server that never answers ends the phase
at its deadline instead of hanging it."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.benchmarks import load
from tests.benchmarks.load_report import TITLE, load_lines
from tests.benchmarks.ops_report import TITLE as OPERATIONS_TITLE
from tests.benchmarks.ops_report import replace_section


class Server:
    """Answers in this process: ``delay`` seconds per request, a hang on paths in ``hang``, and notes how many
    requests were in flight at once."""

    def __init__(self, delay: float = 0.0, hang: tuple[str, ...] = ()) -> None:
        self.delay, self.hang = delay, hang
        self.in_flight = self.most_in_flight = 0
        self.paths: list[str] = []

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        self.paths.append(request.url.path)
        try:
            if request.url.path in self.hang:
                await asyncio.Event().wait()
            await asyncio.sleep(self.delay)
            return self.answer(request.url.path)
        finally:
            self.in_flight -= 1

    def answer(self, path: str) -> httpx.Response:
        if path == "/broken":
            return httpx.Response(500, text="boom")
        if path == "/refused":
            raise httpx.ConnectError("connection refused")
        if path == "/empty":
            return httpx.Response(200, json=[])
        return httpx.Response(200, json=[{"hit": path}])


def _client(server: Server) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url="http://load.test", transport=httpx.MockTransport(server))


def _has_hits(response: httpx.Response) -> bool:
    return len(response.json()) > 0


def _closed(server: Server, paths: list[str], concurrency: int, deadline: float = 30) -> dict:
    async def run() -> dict:
        async with _client(server) as http:
            return await load.closed_loop(http, paths, concurrency, deadline, _has_hits)

    return _in_own_loop(run())


def _in_own_loop(coroutine) -> dict:
    """Run ``coroutine`` in a fresh event loop on its own thread: an earlier test's browser (Playwright's sync
    API) may still own a running loop in this thread, and asyncio.run refuses to nest."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _open(server: Server, paths: list[str], schedule: load.Schedule) -> dict:
    async def run() -> dict:
        async with _client(server) as http:
            return await load.open_loop(http, paths, schedule, _has_hits)

    return _in_own_loop(run())


def test_closed_loop_sends_every_path_once_and_never_more_than_its_concurrency_at_once():
    server = Server(delay=0.005)
    paths = [f"/search/{index}" for index in range(60)]
    result = _closed(server, paths, concurrency=5)
    assert sorted(server.paths) == sorted(paths)
    assert server.most_in_flight == 5
    assert (result["requests"], result["ok"], result["errors"], result["statuses"]) == (60, 60, 0, {"200": 60})
    assert result["p50_ms"] <= result["p95_ms"] <= result["p99_ms"] <= result["max_ms"]


def test_open_loop_starts_requests_when_due_even_while_earlier_ones_are_unanswered():
    server = Server(delay=0.3)
    result = _open(server, ["/tasks/a", "/tasks/b"], load.Schedule(rate=50, seconds=1))
    # A closed loop would have one request in flight; on schedule, 0.3 s answers at 50/s overlap ~15 at a time.
    assert server.most_in_flight >= 8
    assert result["requests"] == result["ok"] == 50
    assert server.paths.count("/tasks/a") == server.paths.count("/tasks/b") == 25
    assert result["most_outstanding"] >= 8
    # Latency counts from when a request was due, so it can never be less than the server's delay.
    assert result["p50_ms"] >= 300


def test_every_kind_of_failure_is_counted_as_an_error():
    server = Server()
    result = _closed(server, ["/ok", "/broken", "/refused", "/empty", "/ok"], concurrency=2)
    assert result["errors_by_kind"] == {"HTTP 500": 1, "ConnectError": 1, "invalid body": 1}
    assert (result["requests"], result["answered"], result["ok"], result["errors"]) == (5, 4, 2, 3)
    assert result["statuses"] == {"200": 3, "500": 1}
    assert len(result["error_samples"]) == 3


def test_a_closed_loop_phase_ends_at_its_deadline_with_the_unanswered_requests_counted():
    server = Server(hang=("/stuck",))
    paths = ["/ok"] * 5 + ["/stuck"] * 3 + ["/ok"] * 4
    result = _closed(server, paths, concurrency=3, deadline=0.5)
    # The three users all end up waiting on /stuck; the four paths after them are never sent.
    assert result["errors_by_kind"] == {"deadline": 7}
    assert result["ok"] == 5
    assert result["ok"] + result["errors"] == result["requests"] == 12


def test_an_open_loop_phase_gives_up_on_answers_missing_after_its_grace():
    server = Server(hang=("/stuck",))
    result = _open(server, ["/ok", "/stuck"], load.Schedule(rate=40, seconds=0.5, grace_s=0.3))
    assert result["requests"] == 20
    assert result["errors_by_kind"] == {"deadline": 10}
    assert result["ok"] == 10


def test_open_loop_requests_wait_for_a_free_connection_and_fail_when_unanswered_in_time_after_due():
    server = Server(delay=0.1)
    schedule = load.Schedule(rate=100, seconds=0.3, connections=2, timeout_s=0.45)
    result = _open(server, ["/tasks/a"], schedule)
    # Two connections answer 20 a second; 30 requests are due within 0.3 s, so the later ones wait in the client
    # until their time runs out, and the waiting counts in the latency of those that get through.
    assert server.most_in_flight == 2
    assert result["errors_by_kind"]["timeout"] > 0
    assert set(result["errors_by_kind"]) == {"timeout"}
    assert result["ok"] + result["errors"] == result["requests"] == 30
    assert result["max_ms"] > 200


def _results(errors: int = 0) -> dict:
    phase = {"requests": 5000, "errors": errors, "p50_ms": 90.1, "p95_ms": 180.2, "p99_ms": 250.3,
             "max_ms": 900.4, "throughput_rps": 210.5, "client_cpu_ms_per_request": 1.2,
             "errors_by_kind": {"HTTP 502": errors} if errors else {}}  # fmt: skip
    polling = {**phase, "requests": 12000, "errors": 0, "errors_by_kind": {}, "target_rps": 200.0,
               "achieved_rps": 199.9, "schedule_lag_p99_ms": 3.1, "schedule_lag_max_ms": 12.7,
               "most_outstanding": 9}  # fmt: skip
    search = {**phase, "concurrency": 50, "distinct_queries": 200}
    return {"search": search, "task_status": polling, "tasks": {"completed": 2, "pending": 6}, "errors": errors}


def test_the_load_section_shows_both_phases_and_says_whether_requests_failed():
    text = "\n".join(load_lines(_results()))
    assert text.startswith(TITLE)
    assert "| search, closed loop: 50 users, 200 distinct queries | 5,000 | 0 | 90.1 | 180.2 | 250.3 | 900.4 |" in text
    assert "open loop: 200 req/s due for 60 s (2 completed, 6 pending) | 12,000 | 0 |" in text
    assert "None occurred." in text
    assert "each query 25 times" in " ".join(text.split())
    failed = " ".join(" ".join(load_lines(_results(errors=4))).split())
    assert "**4 requests failed:** HTTP 502 x4 (search)." in failed


def test_run_py_load_replaces_only_the_load_section():
    before = "\n".join(["# Benchmark results", "", OPERATIONS_TITLE, "", "ops figures", "", TITLE, "", "old load", ""])
    after = replace_section(before, load_lines(_results()), TITLE)
    assert "old load" not in after
    assert "ops figures" in after and after.index(OPERATIONS_TITLE) < after.index(TITLE)
    assert after.count(TITLE) == 1
    appended = replace_section("# Benchmark results\n", load_lines(_results()), TITLE)
    assert appended.startswith("# Benchmark results\n\n" + TITLE)
