"""Request tallies older than METRICS_RETENTION_DAYS are deleted by a daily schedule; operations are kept."""

from datetime import UTC, datetime

import pytest
from django_q.models import Schedule

from monitoring.models import Operation, RequestTally
from monitoring.retention import PRUNE_FUNC, prune_request_tallies
from tests.helpers.processes import manage
from tests.monitoring.seeding import operation, tally

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 3, 31, 12, 0, tzinfo=UTC)


def test_tallies_past_the_retention_go_and_the_rest_and_every_operation_stay(settings):
    settings.METRICS_RETENTION_DAYS = 31
    kept = tally(5, now=NOW, minutes_ago=31 * 24 * 60 - 1)
    tally(7, now=NOW, minutes_ago=31 * 24 * 60 + 1)
    tally(9, now=NOW, minutes_ago=200 * 24 * 60)
    operation(now=NOW, minutes_ago=400 * 24 * 60, cost_usd="0.05")
    assert prune_request_tallies(NOW) == 2
    assert list(RequestTally.objects.values_list("pk", flat=True)) == [kept.pk]
    assert Operation.objects.count() == 1
    assert prune_request_tallies(NOW) == 0


def test_the_prune_runs_daily_from_a_schedule():
    schedule = Schedule.objects.get(func=PRUNE_FUNC)
    assert (schedule.schedule_type, schedule.repeats) == ("D", -1)


def test_a_retention_shorter_than_the_dashboards_month_is_refused():
    result = manage("check", METRICS_RETENTION_DAYS="7", DEBUG="true")
    assert result.returncode != 0
    assert "METRICS_RETENTION_DAYS" in result.stderr
