"""The dashboard's aggregation over seeded operations and request tallies: rates, percentiles (computed here
independently), the zero-filled series, per-website monthly totals, component usage (top 20, the rest, never
used) and per-endpoint error rates, each for the period and website asked for.

Every row has an explicit timestamp around ``NOW``; the windows are exact, so the numbers are too.
"""

from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from monitoring.api_traffic import bucket_quantile, endpoint_stats
from monitoring.dashboard import Scope, component_usage, dashboard_report, generation_series, monthly_totals
from monitoring.models import AlertState, Operation, RequestTally
from monitoring.periods import Period, window_for
from registry.models import AiSemanticComponent

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 18, 14, 30, tzinfo=UTC)
GENERATION, EDIT = Operation.Kind.GENERATION, Operation.Kind.EDIT
COMPLETED, FAILED, NEEDS_INPUT = Operation.Outcome.COMPLETED, Operation.Outcome.FAILED, Operation.Outcome.NEEDS_INPUT


def op(minutes_ago: float, *, kind=GENERATION, outcome=COMPLETED, website=None, **fields) -> Operation:
    return Operation.objects.create(
        kind=kind,
        outcome=outcome,
        provider=fields.pop("provider", "offline"),
        website_id=getattr(website, "pk", website),
        created_at=NOW - timedelta(minutes=minutes_ago),
        **fields,
    )


def linear_percentile(values: list[float], fraction: float) -> float:
    """The percentile with linear interpolation between the closest ranks (what percentile_cont means)."""
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def scope(period: str = "24h", website_id: int | None = None) -> Scope:
    return Scope(window_for(period, NOW), website_id)


def test_each_period_is_a_window_of_whole_steps_up_to_now():
    day = window_for(Period.LAST_24_HOURS, NOW)
    assert (day.start, day.end, day.step) == (datetime(2026, 3, 17, 15, tzinfo=UTC), NOW, "hour")
    assert len(day.step_starts()) == 24 and day.step_starts()[-1] == datetime(2026, 3, 18, 14, tzinfo=UTC)
    week = window_for("7d", NOW)
    assert (week.start, week.step, len(week.step_starts())) == (datetime(2026, 3, 11, 15, tzinfo=UTC), "hour", 168)
    month = window_for("30d", NOW)
    assert (month.start, month.step, len(month.step_starts())) == (datetime(2026, 2, 17, tzinfo=UTC), "day", 30)
    this_month = window_for("month", NOW)
    assert (this_month.start, this_month.step, len(this_month.step_starts())) == (
        datetime(2026, 3, 1, tzinfo=UTC),
        "day",
        18,
    )
    with pytest.raises(ValueError):
        window_for("1y", NOW)


def test_rates_fallbacks_and_percentiles_are_exact(bakery, clinic):
    durations = [12_000, 15_500, 20_000, 31_000, 47_250, 60_000, 95_000]
    firsts = [400, 650, 900, 1200, None, 2000, 8000]
    for index, (duration, first) in enumerate(zip(durations, firsts, strict=True)):
        fallback = index < 2
        op(index * 30, website=bakery, duration_ms=duration, first_progress_ms=first, fallback=fallback)
    op(10, outcome=FAILED, website=bakery, duration_ms=999_000, first_progress_ms=300)
    op(20, outcome=FAILED, website=clinic, duration_ms=1, first_progress_ms=10_000)
    op(30, outcome=NEEDS_INPUT, website=clinic, duration_ms=5000)
    op(40, kind=EDIT, website=bakery, duration_ms=1)  # edits are not generations
    op(24 * 60, website=bakery, duration_ms=1)  # before the window

    summary = dashboard_report("24h", None, NOW).summary

    assert (summary.generations, summary.completed, summary.failed, summary.needs_input) == (10, 7, 2, 1)
    assert (summary.success_rate, summary.failure_rate, summary.needs_input_rate) == (0.7, 0.2, 0.1)
    assert (summary.fallbacks, summary.operations) == (2, 11)
    # Durations of completed generations only; first progress of every generation that reported one.
    assert summary.duration_p50_ms == pytest.approx(linear_percentile(durations, 0.5), abs=1e-9) == 31_000
    assert summary.duration_p95_ms == pytest.approx(linear_percentile(durations, 0.95), abs=1e-9)
    all_firsts = [value for value in [*firsts, 300, 10_000] if value is not None]
    assert summary.first_progress_p50_ms == pytest.approx(linear_percentile(all_firsts, 0.5), abs=1e-9)
    assert summary.first_progress_p95_ms == pytest.approx(linear_percentile(all_firsts, 0.95), abs=1e-9)

    clinic_only = dashboard_report("24h", clinic.pk, NOW).summary
    assert (clinic_only.generations, clinic_only.failed, clinic_only.needs_input, clinic_only.completed) == (2, 1, 1, 0)
    assert (clinic_only.duration_p50_ms, clinic_only.cost_per_page_usd) == (None, None)
    assert clinic_only.first_progress_p50_ms == pytest.approx(linear_percentile([10_000], 0.5))


def test_a_period_without_generations_has_no_rates():
    summary = dashboard_report("7d", None, NOW).summary
    assert (summary.generations, summary.success_rate, summary.duration_p95_ms, summary.cost_usd) == (0, None, None, 0)


def test_the_series_counts_each_hour_and_fills_the_empty_ones(bakery):
    for minutes_ago in (1, 5, 29):  # 14:29, 14:25, 14:01
        op(minutes_ago, website=bakery)
    op(31, outcome=FAILED, website=bakery)  # 13:59
    op(23 * 60 + 30, website=bakery)  # 15:00 yesterday, the window's first hour
    op(23 * 60 + 31, website=bakery)  # 14:59 yesterday: before it
    op(3, kind=EDIT, website=bakery)

    series = generation_series(scope("24h"))

    assert [point.start.hour for point in series] == [*range(15, 24), *range(0, 15)]
    counts = {point.start: (point.generations, point.failed) for point in series}
    assert counts[datetime(2026, 3, 18, 14, tzinfo=UTC)] == (3, 0)
    assert counts[datetime(2026, 3, 18, 13, tzinfo=UTC)] == (1, 1)
    assert counts[datetime(2026, 3, 17, 15, tzinfo=UTC)] == (1, 0)
    assert sum(generations for generations, _ in counts.values()) == 5
    week = generation_series(scope("7d"))
    assert len(week) == 168 and sum(point.generations for point in week) == 6
    days = generation_series(scope("30d"))
    assert [(point.start.day, point.generations) for point in days if point.generations] == [(17, 2), (18, 4)]


def test_monthly_totals_per_website_cover_whole_months_with_cost_per_page(bakery, clinic):
    february, march = datetime(2026, 2, 1, tzinfo=UTC), datetime(2026, 3, 1, tzinfo=UTC)
    tokens = {"input_tokens": 1000, "output_tokens": 300, "cache_read_tokens": 50, "cache_write_tokens": 7}
    op(60, website=bakery, cost_usd=Decimal("0.120000"), provider="anthropic", **tokens)
    op(90, website=bakery, cost_usd=Decimal("0.080000"), provider="anthropic", **tokens)
    op(95, website=bakery, outcome=FAILED, cost_usd=Decimal("0.010000"), provider="anthropic")
    op(100, kind=Operation.Kind.STYLE_GUIDE, website=bakery, cost_usd=Decimal("0.005000"), output_tokens=20)
    op(120, website=clinic, cost_usd=Decimal("0.300000"), input_tokens=10)
    op(130, website=987654, cost_usd=Decimal("0.001000"))  # a website Rails deleted
    # 25 days ago is February 21st: outside "24h" but in its month for "30d".
    op(25 * 24 * 60, website=bakery, cost_usd=Decimal("0.500000"))
    op(50 * 24 * 60, website=bakery, cost_usd=Decimal("9"))  # January: no period here touches it

    rows = [
        (
            r.month,
            r.website_name,
            r.operations,
            r.pages,
            r.cost_usd,
            r.cost_per_page_usd,
            r.input_tokens,
            r.output_tokens,
        )
        for r in monthly_totals(scope("30d"))
    ]
    assert rows == [
        (march, "Test Clinic", 1, 1, Decimal("0.300000"), Decimal("0.300000"), 10, 0),
        (march, "Test Bakery", 4, 2, Decimal("0.215000"), Decimal("0.100000"), 2114, 620),
        (march, "Website #987654 (deleted)", 1, 1, Decimal("0.001000"), Decimal("0.001000"), 0, 0),
        (february, "Test Bakery", 1, 1, Decimal("0.500000"), Decimal("0.500000"), 0, 0),
    ]
    assert [(r.month, r.website_name) for r in monthly_totals(scope("24h"))] == [row[:2] for row in rows[:3]]
    bakery_only = monthly_totals(scope("month", bakery.pk))
    assert [(r.month, r.cost_usd) for r in bakery_only] == [(march, Decimal("0.215000"))]
    summary = dashboard_report("24h", None, NOW).summary
    assert summary.cost_per_page_usd == (Decimal("0.12") + Decimal("0.08") + Decimal("0.3") + Decimal("0.001")) / 4
    assert summary.cost_usd == Decimal("0.516000")


def component(component_id: str, name: str, *, deprecated: bool = False) -> AiSemanticComponent:
    return AiSemanticComponent.objects.create(
        component_id=component_id,
        npm_package="@tests/dashboard",
        import_path=f"blocks/{component_id}",
        semantic_type="test",
        category="dashboardtest",
        display_name=name,
        props_schema={},
        deprecated=deprecated,
    )


@pytest.fixture
def components() -> list[str]:
    """Only these components exist as far as the dashboard can tell: comp-01 … comp-25 live, one retired."""
    AiSemanticComponent.objects.update(deprecated=True)  # rolled back with the test
    ids = [f"comp-{index:02d}" for index in range(1, 26)]
    for component_id in ids:
        component(component_id, f"Block {component_id[-2:]}")
    component("retired-hero", "Retired hero", deprecated=True)
    return ids


def test_component_usage_has_the_top_20_the_rest_and_the_live_ones_never_used(bakery, clinic, components):
    # Page j (1 … 22) uses comp-01 … comp-(23 - j): comp-i is used 23 - i times; the retired hero on 5 pages.
    pages = [[f"comp-{index:02d}" for index in range(1, 24 - page)] for page in range(1, 23)]
    for page, used in enumerate(pages, start=1):
        op(page, website=bakery, components=used + (["retired-hero"] if page <= 5 else []))
    op(30, website=bakery, components=["comp-22"])  # a block used twice on one page counts twice
    op(31, website=clinic, outcome=FAILED, components=["comp-25"])  # not a page
    op(32, website=clinic, kind=EDIT, components=["comp-24"])  # not a generation
    op(3 * 24 * 60, website=clinic, components=["comp-23", "comp-01"])  # before the last 24 hours
    op(33, website=clinic, components={"not": "a list"})  # a malformed row is skipped, not an error

    usage = component_usage(scope("24h"))

    expected = Counter(component_id for page in pages for component_id in page)
    expected.update(["retired-hero"] * 5 + ["comp-22"])
    assert expected["comp-01"] == 22 and expected["comp-22"] == 2
    ranked = sorted(expected.items(), key=lambda item: (-item[1], item[0]))
    assert [(row.component_id, row.uses) for row in usage.top] == ranked[:20]
    assert usage.top[18].component_id == "retired-hero" and usage.top[18].name == "Retired hero"
    assert usage.top[0].name == "Block 01"
    assert (usage.rest_components, usage.rest_uses) == (3, 3 + 2 + 2)  # comp-20, comp-21, comp-22
    assert usage.total_uses == sum(expected.values())
    assert usage.never_used_count == 3
    assert [row.component_id for row in usage.never_used] == ["comp-23", "comp-24", "comp-25"]

    week = component_usage(scope("7d", clinic.pk))
    assert [(row.component_id, row.uses) for row in week.top] == [("comp-01", 1), ("comp-23", 1)]
    assert (week.rest_uses, week.never_used_count) == (0, 23)


def tally(minutes_ago: int, route: str, status: int, bucket: int, count: int, total_ms: float, method="GET"):
    minute = (NOW - timedelta(minutes=minutes_ago)).replace(second=0, microsecond=0)
    RequestTally.objects.create(
        minute=minute, route=route, method=method, status=status, bucket=bucket, count=count, total_ms=total_ms
    )


TASK = "/api/v1/tasks/{task_id}"
GENERATE = "/api/v1/websites/{website_id}/pages/generate"


def test_api_error_rates_mean_and_p95_per_endpoint():
    tally(5, TASK, 200, 0, 60, 180.0)
    tally(6, TASK, 200, 0, 30, 90.0)
    tally(6, TASK, 404, 3, 6, 180.0)
    tally(7, TASK, 500, 3, 4, 160.0)
    tally(8, GENERATE, 202, 11, 3, 36_000.0, method="POST")
    tally(9, GENERATE, 429, 1, 1, 6.0, method="POST")
    tally(9, GENERATE, 503, 1, 0, 0.0, method="GET")  # an empty tally is an endpoint with no requests
    tally(25 * 60, TASK, 500, 3, 1000, 1.0)  # before the window

    stats = endpoint_stats(window_for("24h", NOW))

    assert [(s.method, s.route, s.requests) for s in stats] == [
        ("GET", TASK, 100),
        ("POST", GENERATE, 4),
        ("GET", GENERATE, 0),
    ]
    task, generate, empty = stats
    assert (task.client_errors, task.server_errors) == (6, 4)
    assert (task.client_error_rate, task.server_error_rate, task.error_rate) == (0.06, 0.04, 0.1)
    assert task.mean_ms == pytest.approx(6.1)
    # 90 requests up to 5 ms, 10 in (25, 50]: the 95th of 100 is half-way through the second bucket.
    assert task.p95_ms == pytest.approx(37.5)
    assert (generate.client_error_rate, generate.server_error_rate, generate.mean_ms) == (0.25, 0.0, 9001.5)
    assert generate.p95_ms == 10_000  # in the unbounded bucket: the highest finite bound
    assert (empty.error_rate, empty.mean_ms, empty.p95_ms) == (0.0, None, None)
    assert dashboard_report("24h", 12345, NOW).endpoints[0].requests == 100  # not per website


@pytest.mark.parametrize(
    ("counts", "quantile", "expected"),
    [
        ([4, 4], 0.5, 10.0),  # the rank falls at the first bucket's top
        ([0, 8], 0.25, 12.5),  # a quarter into (10, 20]
        ([2, 0, 2], 0.99, 20.0),  # in the unbounded bucket
        ([0, 0, 0], 0.5, None),
    ],
)
def test_bucket_quantile_interpolates_inside_the_bucket(counts, quantile, expected):
    assert bucket_quantile(counts, quantile, bounds=(10, 20)) == expected


def test_the_report_lists_only_firing_alerts_oldest_first():
    AlertState.objects.create(name="api_error_rate", firing=True, since=NOW - timedelta(minutes=5), detail="2 %")
    AlertState.objects.create(name="generation_failure_rate", firing=True, since=NOW - timedelta(hours=1))
    AlertState.objects.create(name="generation_avg_seconds", firing=False)
    report = dashboard_report("24h", None, NOW)
    assert [alert.name for alert in report.alerts] == ["generation_failure_rate", "api_error_rate"]
