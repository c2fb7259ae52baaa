"""Component API: semantic search, browse by category, one component, usage tracking."""

from django.http import HttpRequest
from ninja import Query, Router

from registry.models import AiSemanticComponent
from registry.schemas import ComponentHitOut, ComponentOut, SearchParams, UsageOut
from registry.search import search_components
from registry.selectors import block_name, component_get, components_by_category, components_by_ids, track_usage

router = Router(tags=["components"])


def component_out(component: AiSemanticComponent, **extra) -> dict:
    return {
        "component_id": component.component_id,
        "block_name": block_name(component),
        "category": component.category,
        "semantic_type": component.semantic_type,
        "import_path": component.import_path,
        "npm_package": component.npm_package,
        "display_name": component.display_name,
        "description": component.description,
        "semantic_tags": component.semantic_tags or [],
        "props_schema": component.props_schema or {},
        "usage_count": component.usage_count or 0,
        "deprecated": bool(component.deprecated),
        "replacement_component_id": component.replacement_component_id,
        "version": component.version,
        **extra,
    }


@router.get("/search", response=list[ComponentHitOut], summary="Search components by meaning")
def search(request: HttpRequest, params: Query[SearchParams]):
    hits = search_components(
        params.query, category=params.category, limit=params.limit, min_similarity=params.min_similarity
    )
    rows = components_by_ids([hit.component_id for hit in hits])
    return [component_out(rows[h.component_id], similarity_score=h.similarity_score, score=h.score) for h in hits]


@router.get("/by-category/{category}", response=list[ComponentOut], summary="Live components of one category")
def by_category(request: HttpRequest, category: str):
    return [component_out(component) for component in components_by_category(category)]


@router.get("/{component_id}", response=ComponentOut, summary="One component")
def detail(request: HttpRequest, component_id: str):
    return component_out(component_get(component_id))


@router.post("/{component_id}/track-usage", response=UsageOut, summary="Count one use of a component")
def usage(request: HttpRequest, component_id: str):
    return {"component_id": component_id, "usage_count": track_usage(component_id)}
