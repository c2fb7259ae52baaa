from django.contrib import admin

from pagebuilder.models import GenerationRequest, PageCategory, PageReview, PageVersion, ResearchCache, RolloutSwitch
from websites.admin import RailsOwnedAdmin


@admin.register(PageCategory)
class PageCategoryAdmin(RailsOwnedAdmin):
    list_display = ("name", "slug", "website", "updated_at")
    list_filter = ("website",)
    list_select_related = ("website",)
    search_fields = ("name", "slug")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the builder writes; people read them here but never change history."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PageVersion)
class PageVersionAdmin(ReadOnlyAdmin):
    list_display = ("slug", "website", "source", "summary", "published", "author", "api_client", "created_at")
    list_filter = ("source", "published", "website")
    list_select_related = ("website", "author", "api_client")
    search_fields = ("slug", "title", "summary")
    date_hierarchy = "created_at"


@admin.register(PageReview)
class PageReviewAdmin(ReadOnlyAdmin):
    """Drafts submitted for review and how each was settled; decided in the builder, never edited here."""

    list_display = ("slug", "website", "version", "status", "submitted_by", "api_client", "reviewed_by", "created_at")
    list_filter = ("status", "website")
    list_select_related = ("website", "version", "submitted_by", "api_client", "reviewed_by")
    search_fields = ("slug", "comment")
    date_hierarchy = "created_at"


@admin.register(ResearchCache)
class ResearchCacheAdmin(ReadOnlyAdmin):
    list_display = ("industry", "page_type", "model", "created_at", "expires_at")
    search_fields = ("industry", "page_type")

    def has_delete_permission(self, request, obj=None):
        return True  # deleting an entry forces fresh research next time


@admin.register(GenerationRequest)
class GenerationRequestAdmin(ReadOnlyAdmin):
    list_display = ("task_id", "website", "api_client", "user", "idempotency_key", "created_at")
    list_select_related = ("website", "api_client", "user")
    search_fields = ("task_id", "idempotency_key")


@admin.register(RolloutSwitch)
class RolloutSwitchAdmin(admin.ModelAdmin):
    """One switch: it can be saved and changed, not added twice or deleted (delete it in the shell to fall back
    to the environment's defaults)."""

    list_display = ("__str__", "enabled", "percent", "allowlist", "reason", "updated_at")

    def has_add_permission(self, request):
        return not RolloutSwitch.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.pk = 1
        super().save_model(request, obj, form, change)
