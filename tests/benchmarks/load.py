"""The load test's two ways of sending requests, with no Django in them (so tests can drive them directly).

``closed_loop``: N virtual users each send their next request when their last one is answered (a fixed amount
of work at a fixed concurrency: "5,000 searches at concurrency 50"). ``open_loop``: requests start on a fixed
schedule whether or not earlier ones have been answered ("200 polls a second for 60 s"), and each latency is
counted from the moment the request was due, not from when it was sent, so a stalled server or a late client
shows up in the figures instead of silently slowing the schedule down (coordinated omission).

An error is an exception (connection refused or reset, timeout) or an answer that is not 2xx or that
``valid`` rejects. Both loops are bounded: what has not been answered by the phase's deadline is cancelled and
counted as an error, so a hung server ends the run instead of hanging it.
"""

import asyncio
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import httpx

ERRORS_EXIT = 3  # exit status of a load run that finished but saw failed requests (1 is left to crashes)
REQUEST_TIMEOUT_SECONDS = 30.0
# gunicorn closes a keep-alive connection idle for 2 s (its default ``keepalive``); the client lets go of idle
# connections sooner, so it never sends on one the server is closing (a client-side error, not the server's).
CLIENT_KEEPALIVE_SECONDS = 1.0
ERROR_SAMPLES = 5

Validator = Callable[[httpx.Response], bool]


def _any_answer(response: httpx.Response) -> bool:
    return True


@dataclass
class Tally:
    """What one phase saw: latency of every answered request (ms), status codes and errors by kind."""

    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)

    def error(self, kind: str, detail: str = "", count: int = 1) -> None:
        self.errors[kind] += count
        if len(self.samples) < ERROR_SAMPLES:
            self.samples.append(f"{kind}: {detail}"[:300])

    def answered_errors(self) -> int:
        """Errors that were answers (non-2xx, a body ``valid`` rejected): their latency is recorded too."""
        return sum(n for kind, n in self.errors.items() if kind.startswith("HTTP ") or kind == "invalid body")

    def unanswered(self) -> int:
        """Requests that ended in an exception (refused, reset, timed out, cancelled at the deadline)."""
        return sum(self.errors.values()) - self.answered_errors()

    def summary(self, requested: int, wall_seconds: float) -> dict:
        ok = len(self.latencies_ms) - self.answered_errors()
        return {
            "requests": requested,
            "answered": len(self.latencies_ms),
            "ok": ok,
            "errors": sum(self.errors.values()),
            "errors_by_kind": dict(self.errors),
            "error_samples": self.samples,
            "statuses": {str(code): n for code, n in sorted(self.statuses.items())},
            **percentiles_ms(self.latencies_ms),
            "wall_s": round(wall_seconds, 2),
            "throughput_rps": round(ok / wall_seconds, 1) if wall_seconds > 0 else 0.0,
        }


def percentiles_ms(latencies_ms: list[float]) -> dict:
    if not latencies_ms:
        return {"p50_ms": None, "p95_ms": None, "p99_ms": None, "max_ms": None}
    if len(latencies_ms) == 1:
        cuts = [latencies_ms[0]] * 99
    else:
        cuts = statistics.quantiles(latencies_ms, n=100, method="inclusive")
    return {
        "p50_ms": round(cuts[49], 1),
        "p95_ms": round(cuts[94], 1),
        "p99_ms": round(cuts[98], 1),
        "max_ms": round(max(latencies_ms), 1),
    }


def client(base_url: str, headers: dict[str, str], connections: int) -> httpx.AsyncClient:
    """One pooled keep-alive client, as a real API consumer holds; ``connections`` caps connections in use."""
    limits = httpx.Limits(
        max_connections=connections, max_keepalive_connections=connections, keepalive_expiry=CLIENT_KEEPALIVE_SECONDS
    )
    return httpx.AsyncClient(
        base_url=base_url, headers=headers, limits=limits, timeout=REQUEST_TIMEOUT_SECONDS, http1=True
    )


async def _one(http: httpx.AsyncClient, path: str, tally: Tally, valid: Validator, due: float | None = None) -> None:
    """Send one GET and record it; latency runs from ``due`` (open loop) or from now (closed loop)."""
    started = time.perf_counter() if due is None else due
    try:
        response = await http.get(path)
    except httpx.HTTPError as exc:
        tally.error(type(exc).__name__, f"{path} {exc!r}")
        return
    tally.latencies_ms.append((time.perf_counter() - started) * 1000)
    tally.statuses[response.status_code] += 1
    if not response.is_success:
        tally.error(f"HTTP {response.status_code}", f"{path} {response.text[:200]}")
    elif not valid(response):
        tally.error("invalid body", f"{path} {response.text[:200]}")


async def closed_loop(
    http: httpx.AsyncClient, paths: Sequence[str], concurrency: int, deadline_s: float, valid: Validator = _any_answer
) -> dict:
    """Every path once, by ``concurrency`` users that each wait for their answer before sending the next."""
    tally, queue = Tally(), iter(paths)

    async def user() -> None:
        for path in queue:  # one iterator shared by all users: each takes the next path when it is free
            await _one(http, path, tally, valid)

    started = time.perf_counter()
    try:
        async with asyncio.timeout(deadline_s):
            await asyncio.gather(*(user() for _ in range(concurrency)))
    except TimeoutError:
        missing = len(paths) - len(tally.latencies_ms) - tally.unanswered()
        tally.error("deadline", f"{missing} requests unanswered after {deadline_s} s", count=missing)
    result = tally.summary(len(paths), time.perf_counter() - started)
    return {"concurrency": concurrency, **result}


@dataclass(frozen=True)
class Schedule:
    """An open-loop phase: ``rate`` requests a second are due for ``seconds``."""

    rate: float
    seconds: float
    grace_s: float = 30.0  # how long after the last request was due its answer is awaited
    # Requests in flight at most; a later one waits in the client (an asyncio semaphore, cheap, where httpx's own
    # pool would rescan its queue on every release) and its latency still runs from when it was due.
    connections: int = 100
    timeout_s: float = REQUEST_TIMEOUT_SECONDS  # a request not answered this long after it was due failed


async def open_loop(
    http: httpx.AsyncClient, paths: Sequence[str], schedule: Schedule, valid: Validator = _any_answer
) -> dict:
    """``schedule.rate`` requests a second, cycling through ``paths``, each started when due whether or not earlier
    ones were answered; answers still missing ``grace_s`` after the last start are cancelled and counted."""
    tally, in_flight, lags = Tally(), set(), []
    gate, peak = asyncio.Semaphore(schedule.connections), [0]
    total = round(schedule.rate * schedule.seconds)
    begin = time.perf_counter() + 0.01
    for index in range(total):
        due = begin + index / schedule.rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        lags.append(time.perf_counter() - due)
        path = paths[index % len(paths)]
        task = asyncio.create_task(_when_due(http, path, tally, valid, due, gate, schedule.timeout_s))
        in_flight.add(task)
        task.add_done_callback(in_flight.discard)
        peak[0] = max(peak[0], len(in_flight))
    last_start = time.perf_counter()
    if in_flight:
        _, unanswered = await asyncio.wait(set(in_flight), timeout=schedule.grace_s)
        for task in unanswered:
            task.cancel()
        if unanswered:
            await asyncio.wait(unanswered)
            detail = f"{len(unanswered)} requests unanswered {schedule.grace_s} s after the last start"
            tally.error("deadline", detail, count=len(unanswered))
    result = tally.summary(total, time.perf_counter() - begin)
    return {
        "target_rps": schedule.rate,
        "achieved_rps": round((total - 1) / (last_start - begin), 1) if total > 1 else None,
        "schedule_lag_p99_ms": round(percentiles_ms([lag * 1000 for lag in lags])["p99_ms"] or 0, 1),
        "schedule_lag_max_ms": round(max(lags, default=0) * 1000, 1),
        "most_outstanding": peak[0],
        **result,
    }


async def _when_due(
    http: httpx.AsyncClient,
    path: str,
    tally: Tally,
    valid: Validator,
    due: float,
    gate: asyncio.Semaphore,
    timeout_s: float,
) -> None:
    """One open-loop request: waits for a free connection slot, and fails if not answered ``timeout_s`` after due."""
    try:
        async with asyncio.timeout(max(0.0, due + timeout_s - time.perf_counter())), gate:
            await _one(http, path, tally, valid, due=due)
    except TimeoutError:
        tally.error("timeout", f"{path} unanswered {timeout_s} s after it was due")
