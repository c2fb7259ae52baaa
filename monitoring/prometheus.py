"""``/metrics`` in Prometheus text format, built from the monitoring tables at scrape time.

A custom collector rather than in-process counters: requests are served by several web processes and pages
are written by worker processes, so only the database sees them all. Request counts reach the tables when a
process flushes (at most ``recording.FLUSH_SECONDS`` late). Every series is labelled by route pattern, kind,
outcome or provider, never by anything a caller chooses, so the number of series stays bounded.
"""

from collections.abc import Iterator

from django.db.models import Count, Q, Sum
from django_q.brokers import get_broker
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.registry import Collector

from monitoring.models import DURATION_BUCKETS_MS, AlertState, Operation, RequestTally
from websites.models import AiTask

# Upper bounds (seconds) of the AI-operation duration buckets.
OPERATION_BUCKETS_S: tuple[float, ...] = (0.5, 1, 2, 5, 10, 20, 30, 60, 120, 180, 300, 600)
TOKEN_FIELDS = {
    "input": "input_tokens",
    "output": "output_tokens",
    "cache_read": "cache_read_tokens",
    "cache_write": "cache_write_tokens",
}


def _cumulative(bounds: tuple[float, ...], counts: list[int]) -> list[tuple[str, float]]:
    """Prometheus buckets (``le`` → observations at or under it) from per-bucket counts (the last is +Inf)."""
    buckets, running = [], 0
    for bound, count in zip((*bounds, float("inf")), counts, strict=True):
        running += count
        buckets.append(("+Inf" if bound == float("inf") else repr(float(bound)), running))
    return buckets


def request_metrics() -> Iterator[Metric]:
    total = CounterMetricFamily(
        "pagebuilder_api_requests", "API requests answered, by route pattern, method and status.",
        labels=["route", "method", "status"],
    )  # fmt: skip
    rows = RequestTally.objects.values_list("route", "method", "status").annotate(n=Sum("count"))
    for route, method, status, count in rows.order_by("route", "method", "status"):
        total.add_metric([route, method, str(status)], count)
    yield total
    duration = HistogramMetricFamily(
        "pagebuilder_api_request_duration_seconds", "Time to answer API requests.", labels=["route", "method"]
    )
    per_route: dict[tuple[str, str], tuple[list[int], float]] = {}
    rows = RequestTally.objects.values_list("route", "method", "bucket").annotate(n=Sum("count"), ms=Sum("total_ms"))
    for route, method, bucket, count, total_ms in rows:
        counts, seconds = per_route.get((route, method), ([0] * (len(DURATION_BUCKETS_MS) + 1), 0.0))
        counts[min(bucket, len(DURATION_BUCKETS_MS))] += count
        per_route[(route, method)] = (counts, seconds + total_ms / 1000)
    for (route, method), (counts, seconds) in sorted(per_route.items()):
        bounds = tuple(b / 1000 for b in DURATION_BUCKETS_MS)
        duration.add_metric([route, method], _cumulative(bounds, counts), sum_value=seconds)
    yield duration


def operation_metrics() -> Iterator[Metric]:
    operations = CounterMetricFamily(
        "pagebuilder_ai_operations", "AI operations (generation, edit, style_guide, facts, site_plan, site_build) by "
        "outcome and the provider that wrote the result; fallback=true: written offline, Claude was unavailable.",
        labels=["kind", "outcome", "provider", "fallback"],
    )  # fmt: skip
    tokens = CounterMetricFamily("pagebuilder_ai_tokens", "Model tokens, by operation kind.", labels=["kind", "type"])
    cost = CounterMetricFamily("pagebuilder_ai_cost_usd", "Model cost in USD, by operation kind.", labels=["kind"])
    grouped = Operation.objects.values_list("kind", "outcome", "provider", "fallback").annotate(n=Count("id"))
    for kind, outcome, provider, fallback, count in grouped.order_by("kind", "outcome", "provider", "fallback"):
        operations.add_metric([kind, outcome, provider, str(fallback).lower()], count)
    sums = {f"{name}_sum": Sum(field) for name, field in TOKEN_FIELDS.items()}
    for row in Operation.objects.values("kind").annotate(cost=Sum("cost_usd"), **sums).order_by("kind"):
        for name in TOKEN_FIELDS:
            tokens.add_metric([row["kind"], name], row[f"{name}_sum"] or 0)
        cost.add_metric([row["kind"]], float(row["cost"] or 0))
    yield from (operations, tokens, cost)
    yield _operation_histogram("duration_ms", "pagebuilder_ai_operation_duration_seconds", "Time AI operations took.")
    yield _operation_histogram(
        "first_progress_ms", "pagebuilder_generation_first_progress_seconds",
        "From asking for a page to its first visible progress (queue wait included).",
        Operation.objects.filter(kind=Operation.Kind.GENERATION, first_progress_ms__isnull=False),
    )  # fmt: skip


def _operation_histogram(field: str, name: str, documentation: str, rows=None) -> HistogramMetricFamily:
    """One histogram by kind from a single grouped query (a FILTERed count per bucket bound)."""
    rows = Operation.objects.all() if rows is None else rows
    family = HistogramMetricFamily(name, documentation, labels=["kind"])
    limits = enumerate(OPERATION_BUCKETS_S)
    bounds = {f"le_{i}": Count("id", filter=Q(**{f"{field}__lte": s * 1000})) for i, s in limits}
    grouped = rows.values("kind").annotate(total=Count("id"), ms=Sum(field), **bounds).order_by("kind")
    for row in grouped:
        buckets = [(repr(float(b)), row[f"le_{i}"]) for i, b in enumerate(OPERATION_BUCKETS_S)]
        family.add_metric([row["kind"]], [*buckets, ("+Inf", row["total"])], sum_value=(row["ms"] or 0) / 1000)
    return family


def queue_metrics() -> Iterator[Metric]:
    depth = GaugeMetricFamily(
        "pagebuilder_queue_depth", "Work waiting: AI tasks pending or processing, and messages in the broker.",
        labels=["queue"],
    )  # fmt: skip
    tasks = AiTask.objects.aggregate(
        pending=Count("id", filter=Q(status=AiTask.Status.PENDING)),
        processing=Count("id", filter=Q(status=AiTask.Status.PROCESSING)),
    )
    depth.add_metric(["tasks_pending"], tasks["pending"])
    depth.add_metric(["tasks_processing"], tasks["processing"])
    depth.add_metric(["broker"], get_broker().queue_size() or 0)
    yield depth
    alerts = GaugeMetricFamily("pagebuilder_alert_firing", "1 while an alert is firing.", labels=["alert"])
    for name, firing in AlertState.objects.values_list("name", "firing").order_by("name"):
        alerts.add_metric([name], 1 if firing else 0)
    yield alerts


class DatabaseCollector(Collector):
    def collect(self) -> Iterator[Metric]:
        yield from request_metrics()
        yield from operation_metrics()
        yield from queue_metrics()


def exposition() -> bytes:
    """The current metrics in Prometheus text format."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(DatabaseCollector())
    return generate_latest(registry)
