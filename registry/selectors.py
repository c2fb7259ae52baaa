"""Reads and small writes on the registry that the API, admin and page builder share."""

from datetime import UTC

from django.db import connection
from django.db.models.functions import Coalesce
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
        .order_by(Coalesce("usage_count", 0).desc(), "display_name")
    )


def components_by_ids(component_ids: list[str]) -> dict[str, AiSemanticComponent]:
    rows = AiSemanticComponent.objects.filter(component_id__in=component_ids).defer("embedding")
    return {row.component_id: row for row in rows}


def block_name(component: AiSemanticComponent) -> str:
    """The name the renderer's registry knows: the contract's export name, else one derived from the path."""
    schema = component.props_schema if isinstance(component.props_schema, dict) else {}
    return schema.get("x-block-name") or block_name_from_import_path(component.import_path)


_TRACK_USAGE_SQL = """
UPDATE ai_semantic_components
SET usage_count = coalesce(usage_count, 0) + 1, last_used_at = %(now)s, updated_at = %(now)s
WHERE component_id = %(component_id)s
RETURNING usage_count
"""


def track_usage(component_id: str) -> int:
    """Count one use in a single UPDATE … RETURNING: no read-modify-write, so concurrent calls lose nothing
    and each caller gets the count its own increment produced."""
    now = timezone.now().astimezone(UTC).replace(tzinfo=None)  # Rails keeps UTC in timestamp columns
    with connection.cursor() as cursor:
        cursor.execute(_TRACK_USAGE_SQL, {"now": now, "component_id": component_id})
        row = cursor.fetchone()
    if row is None:
        raise NotFound(f"No component has id {component_id!r}.")
    return row[0]
