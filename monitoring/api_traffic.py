"""API traffic per endpoint from the per-minute request tallies: requests, 4xx and 5xx shares, mean and p95
duration. The p95 comes from the duration buckets the way Prometheus' ``histogram_quantile`` reads them."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Q, Sum

from monitoring.models import DURATION_BUCKETS_MS, RequestTally
from monitoring.periods import Window


def bucket_quantile(
    counts: Sequence[int], quantile: float, bounds: Sequence[float] = DURATION_BUCKETS_MS
) -> float | None:
    """The ``quantile`` of a histogram whose bucket ``i`` holds the values in ``(bounds[i-1], bounds[i]]`` (the
    first from 0, the last, ``counts[len(bounds)]``, unbounded): linear within the bucket the rank falls in; in
    the unbounded bucket, the highest finite bound (the most the buckets can tell). None without any count."""
    total = sum(counts)
    if total <= 0:
        return None
    rank = quantile * total
    below = 0
    for index, count in enumerate(counts):
        if count and below + count >= rank:
            if index >= len(bounds):
                return float(bounds[-1])
            lower = float(bounds[index - 1]) if index else 0.0
            return lower + (bounds[index] - lower) * (rank - below) / count
        below += count
    return float(bounds[-1])


@dataclass
class EndpointStats:
    method: str
    route: str
    requests: int = 0
    client_errors: int = 0
    server_errors: int = 0
    total_ms: float = 0.0
    bucket_counts: list[int] = field(default_factory=lambda: [0] * (len(DURATION_BUCKETS_MS) + 1))

    @property
    def label(self) -> str:
        return f"{self.method} {self.route}"

    @property
    def client_error_rate(self) -> float:
        return self.client_errors / self.requests if self.requests else 0.0

    @property
    def server_error_rate(self) -> float:
        return self.server_errors / self.requests if self.requests else 0.0

    @property
    def error_rate(self) -> float:
        return self.client_error_rate + self.server_error_rate

    @property
    def mean_ms(self) -> float | None:
        return self.total_ms / self.requests if self.requests else None

    @property
    def p95_ms(self) -> float | None:
        return bucket_quantile(self.bucket_counts, 0.95)


def endpoint_stats(window: Window) -> list[EndpointStats]:
    """Every method and route that answered in the window, the busiest first: one grouped query over the tallies
    (a row per endpoint and duration bucket), folded here."""
    rows = (
        RequestTally.objects.filter(minute__gte=window.start, minute__lte=window.end)
        .values("method", "route", "bucket")
        .annotate(
            requests=Sum("count"),
            client_errors=Sum("count", filter=Q(status__gte=400, status__lt=500), default=0),
            server_errors=Sum("count", filter=Q(status__gte=500), default=0),
            total_ms=Sum("total_ms"),
        )
        .order_by()
    )
    endpoints: dict[tuple[str, str], EndpointStats] = {}
    last_bucket = len(DURATION_BUCKETS_MS)
    for row in rows:
        stats = endpoints.setdefault((row["method"], row["route"]), EndpointStats(row["method"], row["route"]))
        stats.requests += row["requests"]
        stats.client_errors += row["client_errors"]
        stats.server_errors += row["server_errors"]
        stats.total_ms += row["total_ms"]
        stats.bucket_counts[min(row["bucket"], last_bucket)] += row["requests"]
    return sorted(endpoints.values(), key=lambda stats: (-stats.requests, stats.route, stats.method))
