"""The load section of RESULTS.md, from ``load_test``'s JSON line."""

import textwrap
from datetime import UTC, datetime

WIDTH = 115
TITLE = "## Load through gunicorn: searches at high concurrency, then task polling at a steady rate"


def load_lines(results: dict) -> list[str]:
    search, polling = results["search"], results["task_status"]
    tasks = ", ".join(f"{n} {status}" for status, n in results["tasks"].items())
    measured = (
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on the machine named at the top (`run.py load` re-measures "
        "only this section). gunicorn with 2 workers x 4 threads, DEBUG off, its own database with the real "
        "@opensite/ui library live (605 blocks); the load comes from one asyncio + httpx process on the same machine "
        "(`tests/benchmarks/load_test.py`), whose own CPU per request is in the last column."
    )
    schedule = (
        f"Task polling issued {polling['achieved_rps']} requests a second (target {polling['target_rps']:g}); the "
        f"scheduler issued a request at most {polling['schedule_lag_max_ms']} ms after it was due (p99 "
        f"{polling['schedule_lag_p99_ms']} ms) and at most {polling['most_outstanding']} were unanswered at once. "
        "Latencies count from when each request was due, so time spent waiting for the client or for one of its "
        "connections is included, and a server that falls behind shows it instead of slowing the schedule down. "
        f"Searches repeat each query {search['requests'] / search['distinct_queries']:g} times in a shuffled order: "
        "each gunicorn worker embeds a query the first time it sees it and answers the rest from its query cache."
    )
    return [
        TITLE,
        "",
        textwrap.fill(measured, WIDTH),
        "",
        "| phase | requests | errors | p50 ms | p95 ms | p99 ms | max ms | answered req/s | client CPU ms/req |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        _row(
            f"search, closed loop: {search['concurrency']} users, {search['distinct_queries']} distinct queries",
            search,
        ),
        _row(
            f"GET /tasks/{{id}}, open loop: {polling['target_rps']:g} req/s due for "
            f"{polling['requests'] / polling['target_rps']:g} s ({tasks})",
            polling,
        ),
        "",
        textwrap.fill(f"Target: 0 errors. {_errors(results)}", WIDTH),
        "",
        textwrap.fill(schedule, WIDTH),
        "",
    ]


def _row(name: str, phase: dict) -> str:
    return (
        f"| {name} | {phase['requests']:,} | {phase['errors']} | {phase['p50_ms']} | {phase['p95_ms']} | "
        f"{phase['p99_ms']} | {phase['max_ms']} | {phase['throughput_rps']} | {phase['client_cpu_ms_per_request']} |"
    )


def _errors(results: dict) -> str:
    if not results["errors"]:
        return "None occurred."
    found = []
    for phase in ("search", "task_status"):
        found += [f"{kind} x{n} ({phase})" for kind, n in results[phase]["errors_by_kind"].items()]
    return f"**{results['errors']} requests failed:** {', '.join(found)}."
