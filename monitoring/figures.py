"""The dashboard's charts made from its report: which figures each one draws and how its text alternative (the
SVG's ``<desc>``) says them. The tables beside the charts come from the same report in the template."""

from dataclasses import dataclass
from decimal import Decimal

from monitoring.api_traffic import EndpointStats
from monitoring.charts import Chart, Row, Segment, TimePoint, horizontal_bars, nice_ceiling, time_bars
from monitoring.dashboard import DashboardReport, WebsiteMonth
from monitoring.formatting import count, month_label, percent, seconds, step_label, usd

OK, BAD, WARN, MUTED = "chart-bar", "chart-bar-bad", "chart-bar-warn", "chart-bar-muted"
MAX_ROWS = 20
TABLE_NOTE = "The table beside the chart has every figure."


@dataclass(frozen=True)
class Figures:
    generations: Chart
    outcomes: Chart
    timings: Chart
    costs: Chart
    components: Chart
    endpoints: Chart


def figures(report: DashboardReport) -> Figures:
    return Figures(
        generations=generations_chart(report),
        outcomes=outcomes_chart(report),
        timings=timings_chart(report),
        costs=costs_chart(newest_month(report.monthly)),
        components=components_chart(report),
        endpoints=endpoints_chart(report.endpoints),
    )


def generations_chart(report: DashboardReport) -> Chart:
    step = report.scope.window.step
    series = report.series
    total, failed = sum(p.generations for p in series), sum(p.failed for p in series)
    description = f"Generations per {step} (UTC) from {step_label(series[0].start, step)} to "
    description += f"{step_label(series[-1].start, step)}: {count(total)} in all, {count(failed)} failed."
    busiest = max(series, key=lambda point: point.generations)
    if busiest.generations:
        description += f" The most, {count(busiest.generations)}, in the {step} from {step_label(busiest.start, step)}."
    points = [
        TimePoint(
            point.start,
            (Segment(point.generations - point.failed, OK, "not failed"), Segment(point.failed, BAD, "failed")),
            f"{step_label(point.start, step)}: {count(point.generations)} generations, {count(point.failed)} failed",
        )
        for point in series
    ]
    legend = ((OK, "completed or waiting for input"), (BAD, "failed"))
    return time_bars(
        "generations", f"Generations per {step}", f"{description} {TABLE_NOTE}", points, step, _axis, legend=legend
    )


def _axis(value: float) -> str:
    return f"{value:g}"


def outcomes_chart(report: DashboardReport) -> Chart:
    summary = report.summary
    figures = (
        ("Completed", summary.completed, OK),
        ("Failed", summary.failed, BAD),
        ("Needed input", summary.needs_input, WARN),
        ("Written offline (Claude unavailable)", summary.fallbacks, MUTED),
    )
    rows = [Row(name, (Segment(n, css, ""),), f"{count(n)} ({percent(summary.share(n))})") for name, n, css in figures]
    if summary.generations:
        parts = ", ".join(f"{name.lower()} {count(n)} ({percent(summary.share(n))})" for name, n, _ in figures[:3])
        plural = "" if summary.generations == 1 else "s"
        description = (
            f"Of {count(summary.generations)} generation{plural}: {parts}; {count(summary.fallbacks)} written "
        )
        description += "offline because Claude was unavailable."
    else:
        description = "No generations in this period."
    return horizontal_bars("outcomes", "Generation outcomes", description, rows, maximum=summary.generations or 1)


def timings_chart(report: DashboardReport) -> Chart:
    summary = report.summary
    figures = (
        ("Generation time, median (p50)", summary.duration_p50_ms, OK),
        ("Generation time, p95", summary.duration_p95_ms, OK),
        ("Time to first progress, p50", summary.first_progress_p50_ms, MUTED),
        ("Time to first progress, p95", summary.first_progress_p95_ms, MUTED),
    )
    rows = [Row(name, (Segment(ms or 0, css, ""),), seconds(ms)) for name, ms, css in figures]
    description = (
        f"Completed generations took {seconds(summary.duration_p50_ms)} at the median and "
        f"{seconds(summary.duration_p95_ms)} at the 95th percentile; the first progress came after "
        f"{seconds(summary.first_progress_p50_ms)} (p50) and {seconds(summary.first_progress_p95_ms)} (p95)."
    )
    return horizontal_bars("timings", "Generation times", description, rows)


def newest_month(monthly: list[WebsiteMonth]) -> list[WebsiteMonth]:
    """The rows of the newest month (the list comes newest first, most expensive first within a month)."""
    return [row for row in monthly if row.month == monthly[0].month] if monthly else []


def costs_chart(month_rows: list[WebsiteMonth]) -> Chart:
    shown = month_rows[:MAX_ROWS]
    rows = [Row(row.website_name, (Segment(float(row.cost_usd), OK, ""),), usd(row.cost_usd)) for row in shown]
    if month_rows:
        total = sum((row.cost_usd for row in month_rows), Decimal(0))
        description = f"AI cost per website in {month_label(month_rows[0].month)} (UTC): {usd(total)} in all over "
        description += f"{count(len(month_rows))} websites; the most, {usd(shown[0].cost_usd)}, for "
        description += f"{shown[0].website_name}. {TABLE_NOTE}"
        title = f"AI cost per website, {month_label(month_rows[0].month)}"
    else:
        description, title = "No AI operations in this period.", "AI cost per website"
    return horizontal_bars("costs", title, description, rows)


def components_chart(report: DashboardReport) -> Chart:
    usage = report.components
    rows = [Row(f"{row.name} ({row.component_id})", (Segment(row.uses, OK, ""),), count(row.uses)) for row in usage.top]
    if usage.rest_components:
        label = f"All {count(usage.rest_components)} other components"
        rows.append(Row(label, (Segment(usage.rest_uses, MUTED, ""),), count(usage.rest_uses)))
    if usage.top:
        description = f"Uses of registry components in completed generations: {count(usage.total_uses)} in all; the "
        description += f"most used, {usage.top[0].name}, {count(usage.top[0].uses)} times; "
        description += f"{count(usage.rest_uses)} uses of {count(usage.rest_components)} components outside the top "
        description += f"{len(usage.top)}. {count(usage.never_used_count)} live components were never used."
    else:
        description = f"No components used in this period; {count(usage.never_used_count)} live components."
    return horizontal_bars("components", "Component usage", description, rows)


def endpoints_chart(endpoints: list[EndpointStats]) -> Chart:
    shown = endpoints[:MAX_ROWS]
    rows = [
        Row(
            stats.label,
            (Segment(stats.server_error_rate, BAD, "5xx"), Segment(stats.client_error_rate, WARN, "4xx")),
            percent(stats.error_rate),
        )
        for stats in shown
    ]
    if endpoints:
        worst = max(endpoints, key=lambda stats: (stats.error_rate, stats.requests))
        requests = sum(stats.requests for stats in endpoints)
        description = "Share of API requests answered with an error, per endpoint (all websites): "
        description += f"{count(requests)} requests to {count(len(endpoints))} endpoints; the highest, "
        description += f"{percent(worst.error_rate)} ({percent(worst.server_error_rate)} 5xx), for {worst.label}. "
        description += TABLE_NOTE
    else:
        description = "No API requests in this period."
    maximum = nice_ceiling(max((stats.error_rate for stats in shown), default=0)) if shown else 1.0
    return horizontal_bars(
        "endpoints",
        "API error rate by endpoint",
        description,
        rows,
        legend=((BAD, "5xx"), (WARN, "4xx")),
        maximum=maximum,
    )
