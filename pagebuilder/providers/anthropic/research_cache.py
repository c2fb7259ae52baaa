"""Best-practice research kept in the database per normalised industry and page type, so Claude is paid for it
once per ``settings.RESEARCH_CACHE_DAYS``."""

from datetime import timedelta

from django.utils import timezone

from pagebuilder.models import ResearchCache
from pagebuilder.providers.anthropic.compact import (
    INDUSTRY_CHARS,
    MAX_INSIGHTS,
)


def industry_key(industry: str) -> str:
    return " ".join((industry or "").split()).lower()[:INDUSTRY_CHARS]


def cached_insights(industry: str, page_type: str) -> list[str]:
    row = (
        ResearchCache.objects.filter(industry=industry, page_type=page_type, expires_at__gt=timezone.now())
        .only("insights")
        .first()
    )
    if row is None or not isinstance(row.insights, list):
        return []
    return [item for item in row.insights if isinstance(item, str) and item.strip()][:MAX_INSIGHTS]


def store_insights(industry: str, page_type: str, insights: list[str], call, days: int) -> None:
    """Insert or replace the cached insights in one statement (INSERT … ON CONFLICT DO UPDATE)."""
    now = timezone.now()
    row = ResearchCache(
        industry=industry,
        page_type=page_type,
        insights=insights,
        model=call.model[:120],
        usage={**call.usage, "cost_usd": call.cost_usd},
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    ResearchCache.objects.bulk_create(
        [row],
        update_conflicts=True,
        unique_fields=["industry", "page_type"],
        update_fields=["insights", "model", "usage", "created_at", "expires_at"],
    )
