"""Reads and small writes on the registry that the API, admin and page builder share."""

from django.db.models import F
from django.utils import timezone

from registry.contracts import block_name_from_import_path
from registry.models import AiSemanticComponent
from websites.errors import NotFound


def live_components():
    """Components a page may use: not deprecated (NULL counts as live, as in the Rails default)."""
    return AiSemanticComponent.objects.exclude(deprecated=True)


def component_get(component_id: str) -> AiSemanticComponent:
    component = AiSemanticComponent.objects.filter(component_id=component_id).defer("embedding").first()
    if component is None:
        raise NotFound(f"No component has id {component_id!r}.")
    return component


def components_by_category(category: str) -> list[AiSemanticComponent]:
    return list(
        live_components()
        .filter(category=category)
        .defer("embedding")
        .order_by(F("usage_count").desc(nulls_last=True), "display_name")
    )


def components_by_ids(component_ids: list[str]) -> dict[str, AiSemanticComponent]:
    rows = AiSemanticComponent.objects.filter(component_id__in=component_ids).defer("embedding")
    return {row.component_id: row for row in rows}


def block_name(component: AiSemanticComponent) -> str:
    """The name the renderer's registry knows: the contract's export name, else one derived from the path."""
    schema = component.props_schema if isinstance(component.props_schema, dict) else {}
    return schema.get("x-block-name") or block_name_from_import_path(component.import_path)


def track_usage(component_id: str) -> int:
    """Count one use atomically in the database (no read-modify-write), returning the new count."""
    updated = AiSemanticComponent.objects.filter(component_id=component_id).update(
        usage_count=F("usage_count") + 1, last_used_at=timezone.now()
    )
    if not updated:
        raise NotFound(f"No component has id {component_id!r}.")
    return AiSemanticComponent.objects.values_list("usage_count", flat=True).get(component_id=component_id)
