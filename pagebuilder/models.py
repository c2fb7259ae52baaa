"""Pages and the page builder's own records.

Rails-owned (unmanaged): ``PageCategory`` (``page_categories``), the page as the platform's renderer reads it.
Django-owned (migrations here): ``PageVersion`` (every payload ever generated, edited or replaced, so nothing an
editor had is lost), ``ResearchCache`` (best-practice insights per industry and page type, so repeated pages
don't pay for research again), ``GenerationRequest`` (who asked for which task: idempotency keys and the
per-client rate limit read it) and ``PageReview`` (a draft version submitted for review before publishing).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from websites.models import ApiClient, Website
from websites.rails import RailsModel

# The AiTask.task_type of a page generation (the task an edit finds the page's original facts through).
GENERATION_TASK_TYPE = "semantic_page_generation"


class PageCategory(RailsModel):
    website = models.ForeignKey(Website, models.DO_NOTHING, related_name="pages")
    slug = models.CharField(max_length=255)
    name = models.CharField(max_length=255)
    design_payload = models.JSONField(null=True, blank=True)
    seo_title = models.CharField(max_length=255, null=True, blank=True)
    seo_description = models.TextField(null=True, blank=True)

    class Meta(RailsModel.Meta):
        managed = False
        db_table = "page_categories"
        ordering = ["website_id", "slug"]
        unique_together = [("website", "slug")]
        verbose_name = "page"

    def __str__(self) -> str:
        return f"{self.name} (/{self.slug})"


class PageVersion(models.Model):
    """One payload of one page at one moment. The draft is the newest version that is not undone and not a
    snapshot of what was live before a publish."""

    class Source(models.TextChoices):
        GENERATED = "generated", "Generated"
        EDITED = "edited", "Edited"
        RESTORED = "restored", "Restored"
        PREVIOUSLY_PUBLISHED = "previously_published", "Previously published"

    website = models.ForeignKey(Website, models.CASCADE, related_name="page_versions", db_constraint=False)
    slug = models.SlugField(max_length=255)
    title = models.CharField(max_length=255, blank=True)
    design_payload = models.JSONField()
    seo_title = models.CharField(max_length=255, blank=True)
    seo_description = models.TextField(blank=True)
    source = models.CharField(max_length=32, choices=Source.choices)
    summary = models.CharField(max_length=300, blank=True, help_text="One line saying what changed.")
    task_id = models.UUIDField(null=True, blank=True, db_index=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    api_client = models.ForeignKey(ApiClient, models.SET_NULL, null=True, blank=True, related_name="+")
    published = models.BooleanField(default=False, help_text="This payload was written to the live page.")
    undone = models.BooleanField(default=False, help_text="Taken back by Undo; kept in the history.")
    restored_from = models.ForeignKey("self", models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["website", "slug", "-created_at"], name="pageversion_page_newest")]

    def __str__(self) -> str:
        return f"/{self.slug} v{self.pk} ({self.source})"


class ResearchCache(models.Model):
    """Best-practice insights for one industry and page type; fresh for RESEARCH_CACHE_DAYS."""

    industry = models.CharField(max_length=120)
    page_type = models.CharField(max_length=40)
    insights = models.JSONField()
    model = models.CharField(max_length=120, blank=True)
    usage = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["industry", "page_type"]
        constraints = [models.UniqueConstraint(fields=["industry", "page_type"], name="unique_research")]
        verbose_name_plural = "research cache"

    def __str__(self) -> str:
        return f"{self.page_type} pages for {self.industry}"


class GenerationRequest(models.Model):
    """Who asked for a generation task and with which idempotency key."""

    task_id = models.UUIDField(unique=True)
    website = models.ForeignKey(Website, models.CASCADE, related_name="+", db_constraint=False)
    api_client = models.ForeignKey(ApiClient, models.CASCADE, null=True, blank=True, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="+")
    idempotency_key = models.CharField(max_length=255, null=True, blank=True)
    request_fingerprint = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["api_client", "idempotency_key"],
                name="unique_idempotency_key_per_client",
                condition=models.Q(idempotency_key__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"generation {self.task_id}"


class Conversation(models.Model):
    """The chat about one page of one website (the builder's split view)."""

    website = models.ForeignKey(Website, models.CASCADE, related_name="conversations", db_constraint=False)
    slug = models.SlugField(max_length=100)
    facts = models.TextField(blank=True, help_text="Facts for this page (additional context), one per line.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [models.UniqueConstraint(fields=["website", "slug"], name="one_conversation_per_page")]

    def __str__(self) -> str:
        return f"Chat about /{self.slug} of website {self.website_id}"


class Message(models.Model):
    """One chat message. ``kind`` says how the builder draws it; ``data`` holds what it shows (sections, SEO)."""

    class Role(models.TextChoices):
        USER = "user"
        ASSISTANT = "assistant"

    class Kind(models.TextChoices):
        TEXT = "text"
        GENERATION = "generation"  # a generation task: its progress card, then its result or error
        EDIT = "edit"
        HELP = "help"
        ERROR = "error"

    conversation = models.ForeignKey(Conversation, models.CASCADE, related_name="messages")
    role = models.CharField(max_length=16, choices=Role.choices)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.TEXT)
    text = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    task_id = models.UUIDField(null=True, blank=True, db_index=True)
    version = models.ForeignKey(PageVersion, models.SET_NULL, null=True, blank=True, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.role}: {self.text[:40]}"


class RolloutSwitch(models.Model):
    """The AI builder's rollout, editable in the admin and read on every request (one row, ``pk=1``): a global
    switch with the reason shown to callers when it is off, the share of websites that have it and websites that
    always have it. Without the row, the environment's AI_BUILDER_ROLLOUT_PERCENT and AI_BUILDER_ALLOWLIST apply."""

    enabled = models.BooleanField(default=True, help_text="Off: no website may generate or edit pages with AI.")
    reason = models.CharField(
        max_length=300, blank=True, help_text="Shown to editors and API callers while the builder is off."
    )
    percent = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Websites whose stable bucket (0–99) is below this have the builder.",
    )
    allowlist = models.JSONField(default=list, blank=True, help_text="Website ids that always have the builder.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "AI builder rollout"
        verbose_name_plural = "AI builder rollout"

    def __str__(self) -> str:
        return f"AI builder {'on' if self.enabled else 'off'}, {self.percent}%"

    def clean(self) -> None:
        if not isinstance(self.allowlist, list) or not all(isinstance(i, int) and i > 0 for i in self.allowlist):
            raise ValidationError({"allowlist": "Give a list of website ids, e.g. [3, 17]."})


class PageReview(models.Model):
    """A draft version submitted for review on its way to the live page. The version itself is never changed or
    deleted: approving publishes exactly it, sending back leaves it in the history with the reviewer's comment, and
    a newer submission of the same page withdraws a pending one."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting review"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Sent back"
        WITHDRAWN = "withdrawn", "Withdrawn"

    website = models.ForeignKey(Website, models.CASCADE, related_name="+", db_constraint=False)
    slug = models.SlugField(max_length=255)
    version = models.ForeignKey(PageVersion, models.CASCADE, related_name="reviews")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    api_client = models.ForeignKey(
        ApiClient, models.SET_NULL, null=True, blank=True, related_name="+", help_text="The API client that submitted."
    )
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    comment = models.TextField(blank=True, help_text="Why it was sent back (or how it was settled otherwise).")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["website", "slug", "-created_at"], name="pagereview_page_newest")]
        constraints = [
            models.UniqueConstraint(
                fields=["website", "slug"],
                condition=models.Q(status="pending"),
                name="one_pending_review_per_page",
            )
        ]

    def __str__(self) -> str:
        return f"Review of /{self.slug} v{self.version_id} ({self.status})"

    @property
    def submitter(self) -> str:
        """Who submitted it, as the builder names them."""
        if self.submitted_by is not None:
            return self.submitted_by.get_username()
        return f"API client {self.api_client.name}" if self.api_client is not None else "a former user"


class SitePlan(models.Model):
    """A website's sitemap for whole-site generation: proposed by a site plan task, edited by the editor, then
    built by a site build task. The newest row is the site's current sitemap; older ones are its history.
    ``pages`` holds the planned pages (slug, title, page_type, purpose, sections, needs, …) in menu order;
    ``navigation`` the navbar and footer blocks the build chose (component ids), kept so a page rebuilt later
    gets the same ones."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        BUILDING = "building", "Building"
        BUILT = "built", "Built"
        FAILED = "failed", "Build failed"

    website = models.ForeignKey(Website, models.CASCADE, related_name="+", db_constraint=False)
    intent = models.TextField(blank=True)
    pages = models.JSONField(default=list)
    provider = models.CharField(max_length=32, default="offline", help_text="Who proposed the sitemap.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROPOSED)
    plan_task_id = models.UUIDField(null=True, blank=True, db_index=True)
    build_task_id = models.UUIDField(null=True, blank=True, db_index=True)
    navigation = models.JSONField(default=dict, blank=True)
    page_states = models.JSONField(
        default=dict, blank=True, help_text="Per page slug, where the last build stands: status, version, error."
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    api_client = models.ForeignKey(ApiClient, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["website", "-created_at"], name="siteplan_newest")]

    def __str__(self) -> str:
        return f"Sitemap of website {self.website_id} ({len(self.pages)} pages, {self.status})"
