"""Admin for tenant records. Rails owns those rows' life cycle, so they can be viewed and lightly edited
here but not added or deleted. API client keys are shown once, when made or rotated."""

from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from websites.api_clients import api_client_rotate_key, assign_new_key
from websites.errors import AppError
from websites.models import (
    AiTask,
    ApiClient,
    BrandGuide,
    MediaRecord,
    SeoKeyword,
    SiteFact,
    WebhookAttempt,
    WebhookDelivery,
    Website,
    WebsiteMembership,
    WebsitePolicy,
)
from websites.site_facts import checked_fact


class RailsOwnedAdmin(admin.ModelAdmin):
    """Rows the Rails app creates and deletes: no add or delete here, timestamps read-only."""

    readonly_fields: tuple[str, ...] = ("created_at", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class BrandGuideInline(admin.StackedInline):
    model = BrandGuide
    extra = 0
    can_delete = False
    readonly_fields = ("created_at", "updated_at")


class WebsitePolicyForm(forms.ModelForm):
    """The policy's form (the admin supplies its Meta: every field of WebsitePolicy)."""

    def clean_monthly_ai_budget_usd(self) -> Decimal | None:
        budget = self.cleaned_data.get("monthly_ai_budget_usd")
        if budget is not None and budget < 0:
            raise ValidationError(
                "A monthly AI budget cannot be negative: give 0 or more US dollars (0 stops Claude work), or leave "
                "it empty for the AI_MONTHLY_BUDGET_USD default."
            )
        return budget


class WebsitePolicyInline(admin.StackedInline):
    """Django-owned settings of a Rails website: review before publishing, monthly AI budget."""

    model = WebsitePolicy
    form = WebsitePolicyForm
    extra = 0
    max_num = 1
    can_delete = False
    readonly_fields = ("updated_at",)


@admin.register(Website)
class WebsiteAdmin(RailsOwnedAdmin):
    list_display = ("name", "domain", "subdomain", "id", "updated_at")
    search_fields = ("name", "domain", "subdomain")
    inlines = [BrandGuideInline, WebsitePolicyInline]


@admin.register(BrandGuide)
class BrandGuideAdmin(RailsOwnedAdmin):
    list_display = ("website", "industry", "primary_color", "secondary_color")
    list_select_related = ("website",)
    search_fields = ("website__name", "industry")


@admin.register(SeoKeyword)
class SeoKeywordAdmin(RailsOwnedAdmin):
    list_display = ("keyword", "priority", "website")
    list_filter = ("website",)
    list_select_related = ("website",)
    search_fields = ("keyword",)


@admin.register(MediaRecord)
class MediaRecordAdmin(RailsOwnedAdmin):
    list_display = ("title", "media_type", "width", "height", "status", "website")
    list_filter = ("media_type", "status", "website")
    list_select_related = ("website",)
    search_fields = ("title", "alt_text", "cdn_url")


@admin.register(AiTask)
class AiTaskAdmin(RailsOwnedAdmin):
    list_display = ("id", "task_type", "website", "status", "phase", "progress", "created_at")
    list_filter = ("status", "task_type")
    list_select_related = ("website",)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # a task's row is the worker's record of what happened


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = (
        "name", "key_prefix", "all_websites", "may_publish", "may_track_usage", "is_active", "last_used_at",
        "created_at",
    )  # fmt: skip
    list_filter = ("is_active", "all_websites", "may_publish", "may_track_usage")
    search_fields = ("name", "key_prefix")
    filter_horizontal = ("websites",)
    readonly_fields = ("key_prefix", "last_used_at", "created_at")
    actions = ["rotate_keys"]

    def save_model(self, request: HttpRequest, obj: ApiClient, form, change: bool) -> None:
        key = None if change else assign_new_key(obj)
        super().save_model(request, obj, form, change)
        if key:
            _show_key_once(request, obj, key)

    @admin.action(description="Rotate the key of the selected clients (old keys stop working)")
    def rotate_keys(self, request: HttpRequest, queryset) -> None:
        for client in queryset:
            _show_key_once(request, client, api_client_rotate_key(client))


def _show_key_once(request: HttpRequest, client: ApiClient, key: str) -> None:
    messages.warning(
        request, f"API key for {client.name}: {key} — copy it now; it is stored hashed and will not be shown again."
    )


@admin.register(WebsiteMembership)
class WebsiteMembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "website", "role", "created_at")
    list_filter = ("role",)
    list_select_related = ("user", "website")
    autocomplete_fields = ("user",)
    raw_id_fields = ("website",)


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    fields = readonly_fields = ("number", "started_at", "duration_ms", "address", "status_code", "succeeded", "error")

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the system writes (deliveries, metrics): viewable, never added, changed or deleted by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    """The record of what was sent where and how each attempt went: read-only."""

    list_display = ("id", "task_id", "website_id", "url", "status", "attempts", "created_at", "last_attempt_at")
    list_filter = ("status",)
    search_fields = ("url",)
    date_hierarchy = "created_at"
    inlines = [WebhookAttemptInline]


class SiteFactForm(forms.ModelForm):
    """``data`` checked by its kind's rules, and its media against the website's own library."""

    class Meta:
        model = SiteFact
        fields = ("website", "kind", "data", "position", "source")

    def clean(self):
        cleaned = super().clean()
        website, kind, data = cleaned.get("website"), cleaned.get("kind"), cleaned.get("data")
        if website is not None and kind and data is not None:
            try:
                cleaned["data"] = checked_fact(website, kind, data)
            except AppError as error:
                raise ValidationError(error.message) from None
        return cleaned


@admin.register(SiteFact)
class SiteFactAdmin(admin.ModelAdmin):
    form = SiteFactForm
    list_display = ("__str__", "website", "kind", "position", "source", "updated_at")
    list_filter = ("kind", "source")
    search_fields = ("data",)
    raw_id_fields = ("website",)
