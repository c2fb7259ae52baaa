"""Curator admin for the component registry: tags, descriptions, contracts, deprecation and re-embedding,
plus a search playground. Components come from the registry sync, so they are never added or deleted here.

A contract (``props_schema``) a curator corrects here is kept by later syncs, like tags and descriptions; for
blocks of a registry export the list and the change page show how the sync read the block's JSX example."""

from django.contrib import admin
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest
from django.urls import path

from registry import admin_views
from registry.curation import (
    CURRENT,
    MISSING,
    STALE,
    annotated_embedding_state,
    component_saved,
    current_embedding_pks,
    reembed_components,
    with_embedding_state,
)
from registry.embeddings import get_embedding_provider
from registry.forms import ComponentForm
from registry.models import AiSemanticComponent, ComponentSyncState
from websites.admin import RailsOwnedAdmin
from websites.errors import AppError

TAGS_SHOWN = 4
EXAMPLE_LABELS = dict(ComponentSyncState._meta.get_field("example_status").choices)
NO_EXAMPLE = "none"


class EmbeddingStateFilter(admin.SimpleListFilter):
    title = "embedding"
    parameter_name = "embedding_state"

    def lookups(self, request, model_admin):
        return [(CURRENT, "Current"), (STALE, "Stale"), (MISSING, "Missing")]

    def queryset(self, request, queryset):
        if self.value() == MISSING:
            return queryset.filter(embedding__isnull=True)
        if self.value() in (CURRENT, STALE):
            current = current_embedding_pks(queryset, get_embedding_provider().model_id)
            if self.value() == CURRENT:
                return queryset.filter(pk__in=current)
            return queryset.filter(embedding__isnull=False).exclude(pk__in=current)
        return queryset


class ExampleStatusFilter(admin.SimpleListFilter):
    """How the sync read the block's JSX example (registry exports only)."""

    title = "JSX example"
    parameter_name = "example"

    def lookups(self, request, model_admin):
        return [*EXAMPLE_LABELS.items(), (NO_EXAMPLE, "no JSX example")]

    def queryset(self, request, queryset):
        if self.value() == NO_EXAMPLE:
            return queryset.filter(Q(example_parse__isnull=True) | Q(example_parse=""))
        if self.value() in EXAMPLE_LABELS:
            return queryset.filter(example_parse=self.value())
        return queryset


def with_example_parse(queryset: QuerySet[AiSemanticComponent]) -> QuerySet[AiSemanticComponent]:
    """The sync state's example outcome on each row, in the same query (the Rails table has no such column)."""
    states = ComponentSyncState.objects.filter(component_id=OuterRef("component_id"))
    return queryset.annotate(
        example_parse=Subquery(states.values("example_status")[:1]),
        example_parse_reason=Subquery(states.values("example_reason")[:1]),
        example_non_literal=Subquery(states.values("non_literal_paths")[:1]),
    )


@admin.register(AiSemanticComponent)
class AiSemanticComponentAdmin(RailsOwnedAdmin):
    form = ComponentForm
    list_display = (
        "display_name",
        "component_id",
        "category",
        "tags",
        "usage_count",
        "deprecated",
        "embedding_state",
        "example",
    )
    list_filter = ("category", "semantic_type", "deprecated", EmbeddingStateFilter, ExampleStatusFilter)
    search_fields = ("component_id", "display_name", "description", "semantic_tags")
    readonly_fields = (
        "component_id",
        "usage_count",
        "last_used_at",
        "embedding_state",
        "embedding_updated_at",
        "created_at",
        "updated_at",
        "example",
        "example_reason",
        "example_non_literal_props",
    )
    fieldsets = (
        (None, {"fields": ("component_id", "display_name", "category", "semantic_type", "version")}),
        ("Curation", {"fields": ("semantic_tags", "description", "deprecated", "replacement_component_id")}),
        ("Contract", {"fields": ("props_schema", "context_adapters", "data_capabilities")}),
        (
            "JSX example",
            {
                "fields": ("example", "example_reason", "example_non_literal_props"),
                "description": "How the last sync read the registry export's JSX example, from which the contract "
                "was inferred. Correct the contract above; a resync keeps the correction.",
            },
        ),
        ("Package", {"fields": ("npm_package", "import_path", "preview_url", "bundle_size_kb")}),
        ("Performance", {"fields": ("render_performance", "core_web_vitals_impact")}),
        ("Usage and search", {"fields": ("usage_count", "last_used_at", "embedding_state", "embedding_updated_at")}),
        ("Record", {"fields": ("created_at", "updated_at")}),
    )
    actions = ["reembed_selected", "deprecate_selected"]

    def get_queryset(self, request: HttpRequest):
        # The vector (1024 floats a row) is never shown; its state comes from annotations, in the same query.
        return with_example_parse(with_embedding_state(super().get_queryset(request)))

    def get_urls(self):
        playground = self.admin_site.admin_view(self.search_playground)
        # Before the default URLs, whose "<object_id>/" would otherwise take "playground/".
        return [path("playground/", playground, name="registry_aisemanticcomponent_playground"), *super().get_urls()]

    def search_playground(self, request: HttpRequest):
        return admin_views.search_playground(self, request)

    @admin.display(description="tags")
    def tags(self, obj: AiSemanticComponent) -> str:
        tags = obj.semantic_tags or []
        return ", ".join(tags[:TAGS_SHOWN]) + (f" +{len(tags) - TAGS_SHOWN}" if len(tags) > TAGS_SHOWN else "")

    @admin.display(description="embedding")
    def embedding_state(self, obj: AiSemanticComponent) -> str:
        return annotated_embedding_state(obj, get_embedding_provider().model_id)

    @admin.display(description="JSX example", ordering="example_parse")
    def example(self, obj: AiSemanticComponent) -> str:
        status = getattr(obj, "example_parse", None)
        return EXAMPLE_LABELS.get(status, "—") if status else "—"

    @admin.display(description="why not fully")
    def example_reason(self, obj: AiSemanticComponent) -> str:
        return getattr(obj, "example_parse_reason", None) or "—"

    @admin.display(description="props set by code (placeholders)")
    def example_non_literal_props(self, obj: AiSemanticComponent) -> str:
        return ", ".join(getattr(obj, "example_non_literal", None) or []) or "—"

    def save_model(self, request: HttpRequest, obj: AiSemanticComponent, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        component_saved(obj)

    @admin.action(description="Re-embed selected components", permissions=["change"])
    def reembed_selected(self, request: HttpRequest, queryset) -> None:
        try:
            count = reembed_components(queryset.values_list("component_id", flat=True))
        except AppError as error:
            self.message_user(request, f"Nothing was re-embedded: {error.message}", level="error")
            return
        self.message_user(request, f"Re-embedded {count} component(s) with {get_embedding_provider().model_id}.")

    @admin.action(description="Deprecate with a replacement…", permissions=["change"])
    def deprecate_selected(self, request: HttpRequest, queryset):
        return admin_views.deprecate_selected(self, request, queryset)
