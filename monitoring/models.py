"""What the operators' dashboard, ``/metrics`` and the alerts add up (Django-owned tables).

``RequestTally``: API requests counted per minute, route pattern, method, status and duration bucket, so the
middleware writes one upsert per key a minute instead of a row per request. ``Operation``: one row per generation,
edit, style guide, fact reading, site plan or site build, with its outcome, provider, duration, tokens and cost (the
budgets read these sums). ``AlertState``: whether each alert is firing, so it is logged once when it starts and once
when it ends. Website ids are plain integers: the rows outlive a website the Rails app deletes.
"""

from decimal import Decimal

from django.db import models
from django.utils import timezone

# Upper bounds (ms) of the request-duration buckets; the last bucket has no bound (+Inf).
DURATION_BUCKETS_MS: tuple[float, ...] = (5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)


class RequestTally(models.Model):
    """API requests in one minute with one route, method, status and duration bucket."""

    minute = models.DateTimeField(help_text="Start of the minute (UTC).")
    route = models.CharField(max_length=200, help_text="The URL pattern, not the raw path.")
    method = models.CharField(max_length=8)
    status = models.PositiveSmallIntegerField()
    bucket = models.PositiveSmallIntegerField(help_text="Index into DURATION_BUCKETS_MS; the last is +Inf.")
    count = models.PositiveIntegerField(default=0)
    total_ms = models.FloatField(default=0.0)

    class Meta:
        ordering = ["-minute", "route"]
        constraints = [
            models.UniqueConstraint(fields=["minute", "route", "method", "status", "bucket"], name="one_tally_per_key")
        ]
        indexes = [models.Index(fields=["minute"], name="tally_minute")]

    def __str__(self) -> str:
        return f"{self.minute:%Y-%m-%d %H:%M} {self.method} {self.route} {self.status} x{self.count}"


class Operation(models.Model):
    """One AI operation (a generation, an edit, a style guide, a fact reading, a site plan or build) and its cost."""

    class Kind(models.TextChoices):
        GENERATION = "generation"
        EDIT = "edit"
        STYLE_GUIDE = "style_guide"
        FACTS = "facts"
        SITE_PLAN = "site_plan"
        SITE_BUILD = "site_build"

    class Outcome(models.TextChoices):
        COMPLETED = "completed"
        FAILED = "failed"
        NEEDS_INPUT = "needs_input"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    website_id = models.IntegerField(null=True, blank=True)
    task_id = models.UUIDField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    provider = models.CharField(max_length=32, help_text="offline or anthropic (the one that wrote the result).")
    model = models.CharField(max_length=120, blank=True)
    fallback = models.BooleanField(default=False, help_text="Written offline because Claude was unavailable.")
    duration_ms = models.PositiveIntegerField(default=0)
    first_progress_ms = models.PositiveIntegerField(null=True, blank=True, help_text="From start to first progress.")
    input_tokens = models.PositiveIntegerField(default=0)
    output_tokens = models.PositiveIntegerField(default=0)
    cache_read_tokens = models.PositiveIntegerField(default=0)
    cache_write_tokens = models.PositiveIntegerField(default=0)
    cost_usd = models.DecimalField(max_digits=12, decimal_places=6, default=Decimal(0))
    components = models.JSONField(default=list, blank=True, help_text="Registry component ids the result used.")
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["created_at"], name="operation_created"),
            models.Index(fields=["website_id", "created_at"], name="operation_website_created"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.outcome} ({self.provider}) website {self.website_id}"


class AlertState(models.Model):
    """One alert's last evaluation: firing or not, since when, and why."""

    name = models.CharField(max_length=64, unique=True)
    firing = models.BooleanField(default=False)
    since = models.DateTimeField(null=True, blank=True)
    value = models.FloatField(null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    evaluated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}: {'firing' if self.firing else 'ok'}"
