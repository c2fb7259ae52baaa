"""What the operators' dashboard (``/admin/metrics/``) adds up from the recorded AI operations.

Pure reads over ``Operation`` for one ``Scope`` (a period's window and, optionally, one website), each one or
two SQL queries: generations per step (zero-filled), outcomes and timings, cost per page, monthly totals per
website, and which registry components the generations used. API requests are in ``monitoring.api_traffic``;
``dashboard_report`` gathers everything the page shows.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from django.db import connection
from django.db.models import Avg, Count, F, Q, QuerySet, Sum
from django.db.models.functions import Trunc, TruncMonth

from monitoring.aggregates import Percentile
from monitoring.alerts import firing_alerts
from monitoring.api_traffic import EndpointStats, endpoint_stats
from monitoring.models import AlertState, Operation
from monitoring.periods import Period, Window, window_for
from registry.selectors import components_by_ids, live_components
from websites.models import Website

TOP_COMPONENTS = 20
NEVER_USED_SHOWN = 12
GENERATION = Q(kind=Operation.Kind.GENERATION)
COMPLETED_GENERATION = GENERATION & Q(outcome=Operation.Outcome.COMPLETED)


@dataclass(frozen=True)
class Scope:
    window: Window
    website_id: int | None = None


def operations(scope: Scope, *, since: datetime | None = None) -> QuerySet[Operation]:
    """The operations in the scope (from ``since`` instead of the window's start when given)."""
    rows = Operation.objects.filter(created_at__gte=since or scope.window.start, created_at__lte=scope.window.end)
    return rows if scope.website_id is None else rows.filter(website_id=scope.website_id)


@dataclass(frozen=True)
class SeriesPoint:
    start: datetime
    generations: int
    failed: int


def generation_series(scope: Scope) -> list[SeriesPoint]:
    """Generations started in each step of the window (hour or day, UTC), steps without any included."""
    step = Trunc("created_at", scope.window.step, tzinfo=UTC)
    rows = (
        operations(scope)
        .filter(GENERATION)
        .annotate(step=step)
        .values("step")
        .annotate(generations=Count("id"), failed=Count("id", filter=Q(outcome=Operation.Outcome.FAILED)))
        .order_by()
    )
    counted = {row["step"]: row for row in rows}
    empty = {"generations": 0, "failed": 0}
    return [
        SeriesPoint(start, counted.get(start, empty)["generations"], counted.get(start, empty)["failed"])
        for start in scope.window.step_starts()
    ]


@dataclass(frozen=True)
class GenerationSummary:
    generations: int
    completed: int
    failed: int
    needs_input: int
    fallbacks: int
    duration_p50_ms: float | None
    duration_p95_ms: float | None
    first_progress_p50_ms: float | None
    first_progress_p95_ms: float | None
    cost_per_page_usd: Decimal | None
    operations: int
    cost_usd: Decimal

    def share(self, count: int) -> float | None:
        return count / self.generations if self.generations else None

    @property
    def success_rate(self) -> float | None:
        return self.share(self.completed)

    @property
    def failure_rate(self) -> float | None:
        return self.share(self.failed)

    @property
    def needs_input_rate(self) -> float | None:
        return self.share(self.needs_input)

    @property
    def fallback_rate(self) -> float | None:
        return self.share(self.fallbacks)


def generation_summary(scope: Scope) -> GenerationSummary:
    """Outcomes, fallbacks, p50/p95 of completed generations' durations and of every generation's time to first
    progress, the mean cost of a completed page, and the cost of every operation (all kinds) in the scope."""
    totals = operations(scope).aggregate(
        generations=Count("id", filter=GENERATION),
        completed=Count("id", filter=COMPLETED_GENERATION),
        failed=Count("id", filter=GENERATION & Q(outcome=Operation.Outcome.FAILED)),
        needs_input=Count("id", filter=GENERATION & Q(outcome=Operation.Outcome.NEEDS_INPUT)),
        fallbacks=Count("id", filter=GENERATION & Q(fallback=True)),
        duration_p50_ms=Percentile("duration_ms", 0.5, filter=COMPLETED_GENERATION),
        duration_p95_ms=Percentile("duration_ms", 0.95, filter=COMPLETED_GENERATION),
        first_progress_p50_ms=Percentile("first_progress_ms", 0.5, filter=GENERATION),
        first_progress_p95_ms=Percentile("first_progress_ms", 0.95, filter=GENERATION),
        cost_per_page_usd=Avg("cost_usd", filter=COMPLETED_GENERATION),
        operations=Count("id"),
        spent=Sum("cost_usd", default=Decimal(0)),  # not "cost_usd": an alias would shadow the column above
    )
    return GenerationSummary(cost_usd=totals.pop("spent"), **totals)


@dataclass(frozen=True)
class WebsiteMonth:
    website_id: int | None
    website_name: str
    month: datetime
    operations: int
    pages: int
    cost_usd: Decimal
    cost_per_page_usd: Decimal | None
    input_tokens: int
    output_tokens: int


def website_name(website_id: int | None, names: dict[int, str]) -> str:
    if website_id is None:
        return "No website"
    return names.get(website_id, f"Website #{website_id} (deleted)")


def monthly_totals(scope: Scope) -> list[WebsiteMonth]:
    """Per website and calendar month (UTC) touched by the window, whole months: operations, completed pages,
    cost, mean cost per page and tokens (input counts prompt-cache reads and writes). Newest month first, then
    the most expensive website."""
    rows = (
        operations(scope, since=scope.window.first_month)
        .annotate(month=TruncMonth("created_at", tzinfo=UTC))
        .values("website_id", "month")
        .annotate(
            operations=Count("id"),
            pages=Count("id", filter=COMPLETED_GENERATION),
            cost_per_page_usd=Avg("cost_usd", filter=COMPLETED_GENERATION),
            spent=Sum("cost_usd"),  # not "cost_usd": an alias would shadow the column the average reads
            input_tokens=Sum(F("input_tokens") + F("cache_read_tokens") + F("cache_write_tokens")),
            output_tokens=Sum("output_tokens"),
        )
        .order_by("-month", "-spent", "website_id")
    )
    rows = list(rows)
    ids = {row["website_id"] for row in rows if row["website_id"] is not None}
    names = dict(Website.objects.filter(pk__in=ids).values_list("pk", "name"))
    return [
        WebsiteMonth(website_name=website_name(row["website_id"], names), cost_usd=row.pop("spent"), **row)
        for row in rows
    ]


@dataclass(frozen=True)
class ComponentCount:
    component_id: str
    name: str
    uses: int


@dataclass(frozen=True)
class ComponentUsage:
    top: list[ComponentCount]
    rest_uses: int
    rest_components: int
    never_used_count: int
    never_used: list[ComponentCount]

    @property
    def total_uses(self) -> int:
        return sum(row.uses for row in self.top) + self.rest_uses


_USES_SQL = """
SELECT used.component_id, count(*) AS uses
FROM ({operations}) AS generation
CROSS JOIN LATERAL jsonb_array_elements_text(
    CASE WHEN jsonb_typeof(generation.components) = 'array' THEN generation.components ELSE '[]'::jsonb END
) AS used(component_id)
GROUP BY used.component_id
ORDER BY uses DESC, used.component_id
"""


def component_uses(scope: Scope) -> list[tuple[str, int]]:
    """(component id, times used) over completed generations, most used first; a block used twice on one page
    counts twice, and a row whose ``components`` is not a list counts nothing. The scope's filter is the ORM's
    own SQL, so its parameters stay parameters."""
    sql, params = operations(scope).filter(COMPLETED_GENERATION).order_by().values("components").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(_USES_SQL.format(operations=sql), params)
        return [(component_id, uses) for component_id, uses in cursor.fetchall()]


def component_usage(scope: Scope) -> ComponentUsage:
    """The 20 most used components with their names, the rest as one figure, and live components never used."""
    uses = component_uses(scope)
    live = dict(live_components().order_by("display_name", "component_id").values_list("component_id", "display_name"))
    top = uses[:TOP_COMPONENTS]
    missing = [component_id for component_id, _ in top if component_id not in live]
    names = {**live, **{key: row.display_name for key, row in components_by_ids(missing).items()}}
    used = {component_id for component_id, _ in uses}
    never_used = [ComponentCount(key, name, 0) for key, name in live.items() if key not in used]
    return ComponentUsage(
        top=[ComponentCount(key, names.get(key, key), count) for key, count in top],
        rest_uses=sum(count for _, count in uses[TOP_COMPONENTS:]),
        rest_components=len(uses[TOP_COMPONENTS:]),
        never_used_count=len(never_used),
        never_used=never_used[:NEVER_USED_SHOWN],
    )


@dataclass(frozen=True)
class DashboardReport:
    scope: Scope
    alerts: list[AlertState]
    series: list[SeriesPoint]
    summary: GenerationSummary
    monthly: list[WebsiteMonth]
    components: ComponentUsage
    endpoints: list[EndpointStats]


def dashboard_report(period: Period | str, website_id: int | None, now: datetime) -> DashboardReport:
    """Everything ``/admin/metrics/`` shows for ``period`` (and one website when given) as of ``now``.
    API requests are not recorded per website, so ``endpoints`` always covers every website."""
    scope = Scope(window_for(period, now), website_id)
    return DashboardReport(
        scope=scope,
        alerts=firing_alerts(),
        series=generation_series(scope),
        summary=generation_summary(scope),
        monthly=monthly_totals(scope),
        components=component_usage(scope),
        endpoints=endpoint_stats(scope.window),
    )
