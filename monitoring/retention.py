"""How long request tallies are kept: a daily django-q2 schedule deletes per-minute rows older than
METRICS_RETENTION_DAYS. AI operations are kept: budgets, cost history and the monthly totals read them."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from monitoring.models import RequestTally

PRUNE_FUNC = "monitoring.retention.prune_request_tallies"


def prune_request_tallies(now=None) -> int:
    """Delete the tallies of minutes older than the retention; return how many rows went."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.METRICS_RETENTION_DAYS)
    deleted, _ = RequestTally.objects.filter(minute__lt=cutoff).delete()
    return deleted
