"""The operations section of RESULTS.md: the request-metrics middleware's cost and the dashboard's render time."""

from datetime import UTC, datetime

TITLE = "## Operations: request metrics and the admin dashboard"


def operations_lines(metrics: dict, dashboard: dict) -> list[str]:
    process, django = metrics["in_process"], metrics["django"]
    lines = [
        TITLE,
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on the machine named at the top.",
        "",
        "Request-metrics middleware (target ≤ 0.2 ms per request): counting is a dict update in memory; the counts",
        "are upserted at most every 10 s, so a flush is shared by every request of its window.",
        "",
        "| what | cost |",
        "| --- | --- |",
        f"| middleware per request, route already resolved (every answered request) | {process['resolved_us']} µs |",
        f"| middleware per request refused before routing (it resolves the route) | {process['unresolved_us']} µs |",
    ]
    for row in metrics["flush"]:
        lines.append(
            f"| one flush of {row['keys']} keys: {row['flush_ms']} ms, per request at 50 req/s | "
            f"{row['per_request_us']} µs |"
        )
    lines += [
        f"| whole Django stack, p50 with / without the middleware | {django['with_ms']} / {django['without_ms']} ms "
        f"(difference {django['overhead_ms']} ms) |",
        "",
        f"Dashboard `/admin/metrics/` (target p95 ≤ 300 ms): {dashboard['requests']:,} recorded API requests over 7",
        f"days ({dashboard['tally_rows']:,} per-minute tally rows) and {dashboard['operations']:,} AI operations over",
        f"{dashboard['websites']} websites, rendered by the test client as a staff user, 20 renders per case.",
        "",
        "| view | p50 ms | p95 ms | queries | SQL ms at p50 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, row in dashboard["renders_ms"].items():
        view = name.replace("_", " ")
        lines.append(f"| {view} | {row['p50']} | {row['p95']} | {row['queries']} | {row['sql_p50']} |")
    return [*lines, ""]


def replace_section(text: str, lines: list[str], title: str = TITLE) -> str:
    """``text`` (RESULTS.md) with the section headed ``title`` replaced by ``lines``, or them appended."""
    start = text.find(title)
    if start < 0:
        return text.rstrip("\n") + "\n\n" + "\n".join(lines)
    end = text.find("\n## ", start + len(title))
    rest = "" if end < 0 else text[end + 1 :]
    return text[:start] + "\n".join(lines) + ("\n" + rest if rest else "")
