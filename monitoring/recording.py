"""Recording what the dashboard, ``/metrics``, the alerts and the budgets add up.

AI operations are few and expensive, so each is one INSERT (``record_operation``). API requests are many and
cheap, so the middleware only counts them in memory per process (``count_request``: a dict update under a lock,
a few microseconds) and this module writes the counts as one upsert per flush, at most every
``FLUSH_SECONDS``, from whichever request notices that time has passed, and when the process exits. A process
that stops hard loses at most its last ``FLUSH_SECONDS`` of counts; that is the price of not writing a row per
request.
"""

import atexit
import logging
import threading
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal

from django.db import DatabaseError, connection

from monitoring.models import DURATION_BUCKETS_MS, Operation

log = logging.getLogger(__name__)

FLUSH_SECONDS = 10.0
MAX_PENDING_KEYS = 50_000  # kept across failed flushes up to this many keys, so a database outage cannot grow it

_UPSERT = """
    INSERT INTO monitoring_requesttally (minute, route, method, status, bucket, count, total_ms)
    SELECT * FROM unnest(%s::timestamptz[], %s::varchar[], %s::varchar[], %s::int[], %s::int[], %s::int[],
                         %s::float8[])
    ON CONFLICT (minute, route, method, status, bucket) DO UPDATE
    SET count = monitoring_requesttally.count + EXCLUDED.count,
        total_ms = monitoring_requesttally.total_ms + EXCLUDED.total_ms
"""


def bucket_of(duration_ms: float) -> int:
    """The index of the first bucket whose bound holds ``duration_ms`` (the last index: over every bound)."""
    for index, bound in enumerate(DURATION_BUCKETS_MS):
        if duration_ms <= bound:
            return index
    return len(DURATION_BUCKETS_MS)


class RequestCounter:
    """One process's uncommitted request counts: (minute, route, method, status, bucket) → [count, total ms]."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[tuple, list] = {}
        self._last_flush = time.monotonic()

    def add(self, route: str, method: str, status: int, duration_ms: float) -> bool:
        """Count one request; True when a flush is due (the caller flushes after answering)."""
        key = (int(time.time() // 60), route, method, status, bucket_of(duration_ms))
        with self._lock:
            entry = self._counts.get(key)
            if entry is None:
                self._counts[key] = [1, duration_ms]
            else:
                entry[0] += 1
                entry[1] += duration_ms
            return time.monotonic() - self._last_flush >= FLUSH_SECONDS

    def flush(self, *, quiet: bool = False) -> int:
        """Write the counts (one statement) and return how many keys were written; on a database error the
        counts are kept for the next flush (``quiet``: at exit, when there is no next flush to mention)."""
        with self._lock:
            counts, self._counts = self._counts, {}
            self._last_flush = time.monotonic()
        if not counts:
            return 0
        try:
            _upsert(counts)
        except (DatabaseError, RuntimeError) as error:  # RuntimeError: a test without database access
            level = logging.DEBUG if quiet else logging.WARNING
            log.log(level, "Could not record %d request counts; kept for the next flush: %s", len(counts), error)
            self._merge_back(counts)
            return 0
        return len(counts)

    def _merge_back(self, counts: dict[tuple, list]) -> None:
        with self._lock:
            for key, (count, total) in counts.items():
                if key not in self._counts and len(self._counts) >= MAX_PENDING_KEYS:
                    continue
                entry = self._counts.setdefault(key, [0, 0.0])
                entry[0] += count
                entry[1] += total


def _upsert(counts: dict[tuple, list]) -> None:
    columns: list[list] = [[], [], [], [], [], [], []]
    for (minute, route, method, status, bucket), (count, total) in counts.items():
        row = (datetime.fromtimestamp(minute * 60, UTC), route[:200], method[:8], status, bucket, count, total)
        for column, value in zip(columns, row, strict=True):
            column.append(value)
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, columns)


requests = RequestCounter()
atexit.register(requests.flush, quiet=True)


def count_request(route: str, method: str, status: int, duration_ms: float) -> None:
    if requests.add(route, method, status, duration_ms):
        requests.flush()


def flush_requests() -> int:
    """Write this process's request counts now (tests, benchmarks and shutdown call it)."""
    return requests.flush()


def usage_totals(calls: Iterable[dict]) -> dict:
    """Tokens and cost of model calls given as ``ModelUsage`` dicts (as task results store them)."""
    calls = list(calls)
    return {
        "input_tokens": sum(int(c.get("input_tokens") or 0) for c in calls),
        "output_tokens": sum(int(c.get("output_tokens") or 0) for c in calls),
        "cache_read_tokens": sum(int(c.get("cache_read_input_tokens") or 0) for c in calls),
        "cache_write_tokens": sum(int(c.get("cache_creation_input_tokens") or 0) for c in calls),
        "cost_usd": Decimal(str(round(sum(float(c.get("cost_usd") or 0) for c in calls), 6))),
        "model": next((str(c["model"]) for c in calls if c.get("model")), ""),
    }


def record_operation(
    kind: str,
    *,
    website_id: int | None,
    outcome: str,
    provider: str,
    duration_ms: float,
    calls: Iterable[dict] = (),
    task_id=None,
    first_progress_ms: float | None = None,
    fallback: bool = False,
    components: Iterable[str] = (),
    error: str = "",
) -> Operation | None:
    """Store one AI operation with the tokens and cost of its model ``calls``. Never raises: losing a metric
    must not fail the editor's work (the failure is logged)."""
    try:
        return Operation.objects.create(
            kind=kind, website_id=website_id, task_id=task_id, outcome=outcome, provider=provider,
            fallback=fallback, duration_ms=max(0, round(duration_ms)), error=error[:300],
            first_progress_ms=None if first_progress_ms is None else max(0, round(first_progress_ms)),
            components=list(components), **usage_totals(calls),
        )  # fmt: skip
    except DatabaseError:
        log.exception("Could not record the %s operation of website %s", kind, website_id)
        return None
