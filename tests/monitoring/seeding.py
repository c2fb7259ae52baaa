"""Operations and request tallies with explicit values and times, for the aggregation tests."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from monitoring.models import Operation, RequestTally


def operation(minutes_ago: float = 1, now: datetime | None = None, **fields) -> Operation:
    now = now or datetime.now(UTC)
    values = {
        "kind": "generation", "outcome": "completed", "provider": "offline", "duration_ms": 1000, "website_id": 1,
        "created_at": now - timedelta(minutes=minutes_ago),
    } | fields  # fmt: skip
    if "cost_usd" in values:
        values["cost_usd"] = Decimal(str(values["cost_usd"]))
    return Operation.objects.create(**values)


def tally(count: int, *, status: int = 200, route: str = "api/v1/health", bucket: int = 0, total_ms: float = 0.0,
          minutes_ago: int = 1, method: str = "GET", now: datetime | None = None) -> RequestTally:  # fmt: skip
    now = now or datetime.now(UTC)
    minute = (now - timedelta(minutes=minutes_ago)).replace(second=0, microsecond=0)
    return RequestTally.objects.create(
        minute=minute, route=route, method=method, status=status, bucket=bucket, count=count, total_ms=total_ms
    )
