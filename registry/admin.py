"""Curator admin for the component registry (tags, descriptions, deprecation)."""

from django.contrib import admin

from registry.models import AiSemanticComponent


@admin.register(AiSemanticComponent)
class AiSemanticComponentAdmin(admin.ModelAdmin):
    list_display = ("component_id", "display_name", "category", "semantic_type", "deprecated", "usage_count")
    list_filter = ("category", "deprecated")
    search_fields = ("component_id", "display_name", "description")
    readonly_fields = ("embedding_updated_at", "usage_count", "last_used_at", "created_at", "updated_at")
    exclude = ("embedding",)

    def has_add_permission(self, request) -> bool:
        return False  # components come from the registry sync
