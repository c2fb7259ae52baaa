"""The component registry: one row per UI block, owned by the Rails schema (``ai_semantic_components``)."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from pgvector.django import VectorField

from websites.rails import RailsDateTimeField, RailsModel

EMBEDDING_DIMENSIONS = 1024


class AiSemanticComponent(RailsModel):
    component_id = models.CharField(max_length=255, unique=True)
    npm_package = models.CharField(max_length=255)
    import_path = models.TextField()
    semantic_type = models.CharField(max_length=100)
    semantic_tags = ArrayField(models.TextField(), default=list)
    category = models.CharField(max_length=100)
    display_name = models.CharField(max_length=255)
    description = models.TextField(null=True, blank=True)
    preview_url = models.TextField(null=True, blank=True)
    data_capabilities = models.JSONField(null=True, blank=True, default=dict)
    context_adapters = models.JSONField(null=True, blank=True, default=dict)
    props_schema = models.JSONField(default=dict)
    bundle_size_kb = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    render_performance = models.CharField(max_length=50, null=True, blank=True)
    core_web_vitals_impact = models.CharField(max_length=50, null=True, blank=True)
    usage_count = models.IntegerField(null=True, blank=True, default=0)
    last_used_at = RailsDateTimeField(null=True, blank=True)
    version = models.CharField(max_length=50, default="1.0.0")
    deprecated = models.BooleanField(null=True, blank=True, default=False)
    replacement_component_id = models.CharField(max_length=255, null=True, blank=True)
    embedding = VectorField(dimensions=EMBEDDING_DIMENSIONS, null=True, blank=True)
    embedding_updated_at = RailsDateTimeField(null=True, blank=True)

    class Meta(RailsModel.Meta):
        managed = False
        db_table = "ai_semantic_components"
        ordering = ["category", "component_id"]
        verbose_name = "semantic component"

    def __str__(self) -> str:
        return f"{self.display_name} ({self.component_id})"


class ComponentSyncState(models.Model):
    """Django-owned bookkeeping beside each component row: what the last sync wrote and which model made
    its vector. An unchanged content hash means nothing to write; values that differ from ``source_values``
    were edited by a curator and survive a resync."""

    component_id = models.CharField(max_length=255, unique=True)
    content_hash = models.CharField(max_length=64)
    source_values = models.JSONField(default=dict, help_text="Curator-editable fields as the source last set them.")
    embedding_model = models.CharField(max_length=100, blank=True, default="")
    embedding_text_hash = models.CharField(max_length=64, blank=True, default="")
    # How the source's JSX example was read (registry exports only; empty for formats with JSON examples).
    example_status = models.CharField(
        max_length=10,
        blank=True,
        default="",
        choices=[("full", "parsed fully"), ("partial", "parsed partly"), ("failed", "not parsed")],
    )
    example_reason = models.TextField(blank=True, default="", help_text="Why the example was not read fully.")
    non_literal_paths = models.JSONField(
        default=list, blank=True, help_text="Props the example sets with code, shown as placeholders."
    )
    # Full-text document of the component (name, tags, description), kept here because the Rails table has
    # no such column; refreshed whenever the component's row is written by a sync or in admin.
    search_document = SearchVectorField(null=True)
    synced_at = models.DateTimeField()

    class Meta:
        ordering = ["component_id"]
        indexes = [models.Index(fields=["embedding_model"]), GinIndex(fields=["search_document"])]

    def __str__(self) -> str:
        return f"sync state of {self.component_id}"
