"""The periods the operators' dashboard looks back over, and the window of time each one means now.

Every window starts on a whole step (hour or day, UTC), so each bar of a time series covers a full step
except the current one, and every figure on the page is computed over the same ``[start, end]`` (``end`` is now).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from django.db import models

Step = Literal["hour", "day"]


class Period(models.TextChoices):
    LAST_24_HOURS = "24h", "Last 24 hours"
    LAST_7_DAYS = "7d", "Last 7 days"
    LAST_30_DAYS = "30d", "Last 30 days"
    THIS_MONTH = "month", "This month (UTC)"


DEFAULT_PERIOD = Period.LAST_24_HOURS


@dataclass(frozen=True)
class Window:
    period: Period
    start: datetime
    end: datetime
    step: Step

    @property
    def step_delta(self) -> timedelta:
        return timedelta(hours=1) if self.step == "hour" else timedelta(days=1)

    def step_starts(self) -> list[datetime]:
        """The start of every step from ``start`` up to the one holding ``end``: the zero-filled time axis."""
        starts, current = [], self.start
        while current <= self.end:
            starts.append(current)
            current += self.step_delta
        return starts

    @property
    def first_month(self) -> datetime:
        """The start of the calendar month holding ``start``: monthly totals cover whole months."""
        return self.start.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def window_for(period: Period | str, now: datetime) -> Window:
    """The window ``period`` means at ``now``: hourly steps for 24 hours and 7 days, daily ones beyond."""
    period = Period(period)
    now = now.astimezone(UTC)
    hour = now.replace(minute=0, second=0, microsecond=0)
    day = hour.replace(hour=0)
    if period == Period.LAST_24_HOURS:
        return Window(period, hour - timedelta(hours=23), now, "hour")
    if period == Period.LAST_7_DAYS:
        return Window(period, hour - timedelta(hours=7 * 24 - 1), now, "hour")
    if period == Period.LAST_30_DAYS:
        return Window(period, day - timedelta(days=29), now, "day")
    return Window(period, day.replace(day=1), now, "day")
