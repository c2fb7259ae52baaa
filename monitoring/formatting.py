"""How the dashboard writes its numbers and times, once: the charts' labels and the tables beside them use the
same functions (the tables through the ``metrics`` template filters), so both always show the same figures.
Times are UTC, as the windows are; a missing value (no rows) is an en dash."""

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

MISSING = "–"


def count(value: int | None) -> str:
    return MISSING if value is None else f"{value:,}"


def percent(rate: float | None) -> str:
    return MISSING if rate is None else f"{rate * 100:.1f} %"


def usd(amount: Decimal | float | None, places: int = 2) -> str:
    if amount is None:
        return MISSING
    quantum = Decimal(1).scaleb(-places)
    return f"${Decimal(str(amount)).quantize(quantum, rounding=ROUND_HALF_UP):,}"


def seconds(milliseconds: float | None) -> str:
    return MISSING if milliseconds is None else f"{milliseconds / 1000:,.1f} s"


def milliseconds(value: float | None) -> str:
    return MISSING if value is None else f"{value:,.1f} ms"


def step_label(start: datetime, step: str) -> str:
    """``24 Mar 14:00`` for an hour, ``24 Mar`` for a day (UTC)."""
    start = start.astimezone(UTC)
    return f"{start:%d %b %H:%M}" if step == "hour" else f"{start:%d %b}"


def month_label(month: datetime) -> str:
    return f"{month.astimezone(UTC):%B %Y}"
