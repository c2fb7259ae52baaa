"""Tenant records.

Rails-owned (unmanaged, created by the Rails app; mirrored in ``rails_schema.sql`` for dev and tests):
Website, BrandGuide, SeoKeyword, MediaRecord, AiTask. Django-owned (migrations here): ApiClient,
WebsiteMembership, WebsitePolicy, WebhookDelivery with its WebhookAttempts, SiteFact. Django-owned rows point
at Rails rows without database foreign keys (``db_constraint=False``, or a plain id column) so the Rails app can
delete a website without tripping over our tables.
"""

import uuid

from django.conf import settings
from django.db import models

from websites.fact_kinds import KINDS
from websites.rails import RailsDateTimeField, RailsModel


class Website(RailsModel):
    name = models.CharField(max_length=255)
    domain = models.CharField(max_length=255, null=True, blank=True, unique=True)
    subdomain = models.CharField(max_length=255, null=True, blank=True, unique=True)

    class Meta(RailsModel.Meta):
        managed = False
        db_table = "websites"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class BrandGuide(RailsModel):
    website = models.ForeignKey(Website, models.DO_NOTHING, related_name="brand_guides")
    industry = models.CharField(max_length=255, null=True, blank=True)
    brand_voice = models.TextField(null=True, blank=True)
    target_audience = models.TextField(null=True, blank=True)
    primary_color = models.CharField(max_length=32, null=True, blank=True)
    secondary_color = models.CharField(max_length=32, null=True, blank=True)
    summary = models.TextField(null=True, blank=True)

    class Meta(RailsModel.Meta):
        managed = False
        db_table = "brand_guides"
        ordering = ["website_id", "id"]

    def __str__(self) -> str:
        return f"Brand guide of {self.website_id} ({self.industry or 'no industry'})"


class SeoKeyword(RailsModel):
    website = models.ForeignKey(Website, models.DO_NOTHING, related_name="seo_keywords")
    keyword = models.CharField(max_length=255)
    priority = models.IntegerField(default=0, help_text="Higher comes first.")

    class Meta(RailsModel.Meta):
        managed = False
        db_table = "seo_keywords"
        ordering = ["website_id", "-priority", "keyword"]
        unique_together = [("website", "keyword")]

    def __str__(self) -> str:
        return f"{self.keyword} ({self.priority})"


class MediaRecord(RailsModel):
    class MediaType(models.TextChoices):
        IMAGE = "image"
        VIDEO = "video"

    website = models.ForeignKey(Website, models.DO_NOTHING, related_name="media_records")
    media_type = models.CharField(max_length=32, choices=MediaType.choices)
    cdn_url = models.TextField()
    title = models.CharField(max_length=255, null=True, blank=True)
    alt_text = models.TextField(null=True, blank=True)
    width = models.IntegerField(null=True, blank=True)
    height = models.IntegerField(null=True, blank=True)
    status = models.CharField(max_length=32, default="active")

    class Meta(RailsModel.Meta):
        managed = False
        db_table = "media_records"
        ordering = ["website_id", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.title or self.cdn_url


class AiTask(RailsModel):
    """A background job's row: the UI and the API read its phase, progress and message."""

    class Status(models.TextChoices):
        PENDING = "pending"
        PROCESSING = "processing"
        COMPLETED = "completed"
        FAILED = "failed"

    # Rails' check constraint allows only the four statuses above, so a task that stopped to ask the editor for
    # data is stored as failed in this phase (with the questions in ``result``); the API calls it needs_input.
    NEEDS_INPUT_PHASE = "needs_input"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    task_type = models.CharField(max_length=64)
    website = models.ForeignKey(Website, models.DO_NOTHING, null=True, blank=True, related_name="ai_tasks")
    status = models.CharField(max_length=32, choices=Status.choices, default=Status.PENDING)
    phase = models.CharField(max_length=64, null=True, blank=True)
    progress = models.IntegerField(default=0)
    message = models.TextField(null=True, blank=True)
    input = models.JSONField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(null=True, blank=True)
    attempts = models.IntegerField(default=0)
    started_at = RailsDateTimeField(null=True, blank=True)
    completed_at = RailsDateTimeField(null=True, blank=True)

    class Meta(RailsModel.Meta):
        managed = False
        db_table = "ai_tasks"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.task_type} {self.id} ({self.public_status})"

    @property
    def public_status(self) -> str:
        """The status callers see: the stored one, or ``needs_input`` for a task waiting for answers."""
        waiting = self.status == self.Status.FAILED and self.phase == self.NEEDS_INPUT_PHASE
        return "needs_input" if waiting else self.status


class ApiClient(models.Model):
    """A caller of the JSON API. Only a SHA-256 of its key is stored; the key is shown once."""

    name = models.CharField(max_length=100, unique=True)
    key_prefix = models.CharField(max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    websites = models.ManyToManyField(
        Website,
        blank=True,
        related_name="api_clients",
        db_constraint=False,
        help_text="Websites this client may act on (ignored when it may use all websites).",
    )
    all_websites = models.BooleanField(default=False, help_text="May act on every website.")
    may_track_usage = models.BooleanField(
        default=False,
        help_text="May count component usage (POST /components/{id}/track-usage). The counts are shared by "
        "every website, so only the platform's renderer should.",
    )
    may_publish = models.BooleanField(
        default=False,
        help_text="May publish drafts directly (POST …/publish), even on websites that require review.",
    )
    is_active = models.BooleanField(default=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "API client"

    def __str__(self) -> str:
        return self.name


class WebsiteMembership(models.Model):
    """Which editor may work on which website, and how."""

    class Role(models.TextChoices):
        OWNER = "owner"
        EDITOR = "editor"
        REVIEWER = "reviewer"  # approves or sends back drafts submitted for review; may also edit
        VIEWER = "viewer"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="website_memberships")
    website = models.ForeignKey(Website, models.CASCADE, related_name="memberships", db_constraint=False)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["website_id", "user_id"]
        constraints = [models.UniqueConstraint(fields=["user", "website"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} → {self.website_id} ({self.role})"


class WebsitePolicy(models.Model):
    """How the platform treats one website's AI work: whether publishing needs a reviewer, and its monthly AI
    budget. A website without a row follows the settings' defaults (no review; AI_MONTHLY_BUDGET_USD)."""

    website = models.OneToOneField(Website, models.CASCADE, related_name="policy", db_constraint=False)
    requires_review = models.BooleanField(
        default=False, help_text="Editors submit drafts for review; a reviewer (or owner) approves before publishing."
    )
    monthly_ai_budget_usd = models.DecimalField(
        "monthly AI budget (USD)",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Claude spend allowed per calendar month (UTC), in USD. Empty: AI_MONTHLY_BUDGET_USD. "
        "0 blocks Claude work; offline work is never blocked.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "website policy"
        verbose_name_plural = "website policies"

    def __str__(self) -> str:
        return f"Policy of website {self.website_id}"


class SiteFact(models.Model):
    """One fact about a website's business (a testimonial, a team member, a price, …) that pages may show.

    The Rails tables hold none of this, so editors state it; ``data`` holds the fields of its kind
    (``websites.fact_kinds``), checked by ``clean_fact`` on every write.
    """

    class Source(models.TextChoices):
        EDITOR = "editor"  # the builder's facts page
        CONFIRMED = "confirmed"  # found in a request or chat message and confirmed by the editor
        API = "api"
        ADMIN = "admin"

    website = models.ForeignKey(Website, models.CASCADE, related_name="site_facts", db_constraint=False)
    kind = models.CharField(max_length=32, choices=[(key, kind.label) for key, kind in KINDS.items()])
    data = models.JSONField()
    position = models.PositiveIntegerField(default=0, help_text="Order among the website's facts of this kind.")
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.EDITOR)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["website_id", "kind", "position", "id"]
        indexes = [models.Index(fields=["website", "kind"], name="site_fact_website_kind")]

    def __str__(self) -> str:
        kind = KINDS.get(self.kind)
        return f"{kind.label}: {kind.title(self.data)}" if kind else self.kind


class WebhookDelivery(models.Model):
    """One webhook owed to a caller for one task: the signed JSON payload, where it goes and how it went.

    ``task_id`` and ``website_id`` are plain values, not foreign keys: the delivery log outlives the Rails rows.
    """

    class Status(models.TextChoices):
        PENDING = "pending"
        DELIVERED = "delivered"
        FAILED = "failed"

    task_id = models.UUIDField(db_index=True)
    website_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    url = models.URLField(max_length=2048)
    payload = models.JSONField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0, help_text="Attempts made so far.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True, help_text="When the scheduled retry is due.")
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        return f"Webhook {self.id} for task {self.task_id} ({self.status})"


class WebhookAttempt(models.Model):
    """One POST (or one refusal to send it) of a webhook delivery."""

    delivery = models.ForeignKey(WebhookDelivery, models.CASCADE, related_name="attempt_log")
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    address = models.GenericIPAddressField(
        null=True, blank=True, help_text="The checked address the request was sent to (none when refused)."
    )
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True, default="")
    succeeded = models.BooleanField(default=False)

    class Meta:
        ordering = ["delivery_id", "number"]
        constraints = [models.UniqueConstraint(fields=["delivery", "number"], name="unique_webhook_attempt_number")]

    def __str__(self) -> str:
        outcome = "ok" if self.succeeded else (self.error or f"HTTP {self.status_code}")
        return f"Attempt {self.number} of webhook {self.delivery_id}: {outcome}"
