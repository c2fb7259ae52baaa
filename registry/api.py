"""Component API: semantic search, browse by category, one component, usage tracking."""

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router
from ninja.renderers import JSONRenderer

from registry.models import AiSemanticComponent
from registry.schemas import ComponentHitOut, ComponentOut, SearchParams, UsageOut
from registry.search import search_components
from registry.search_fields import columns_for, hit_out, resolve_fields
from registry.selectors import block_name, component_get, components_by_category, track_usage
from websites.errors import Forbidden
from websites.schemas import AUTHENTICATED, error_responses

router = Router(tags=["components"])
# The API's renderer (ninja's default), for the answer rendered without response validation below.
_RENDERER = JSONRenderer()
_CONTENT_TYPE = f"{_RENDERER.media_type}; charset={_RENDERER.charset}"


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


@router.get(
    "/search",
    response={200: list[ComponentHitOut], **error_responses(*AUTHENTICATED, 503)},
    summary="Search components by meaning",
    exclude_unset=True,  # fields the request's `fields` left out are absent, not null
)
def search(request: HttpRequest, params: Query[SearchParams]) -> HttpResponse:
    fields = resolve_fields(params.fields)
    hits = search_components(
        params.query,
        category=params.category,
        limit=params.limit,
        min_similarity=params.min_similarity,
        columns=columns_for(fields),
    )
    # hit_out already gives the schema's exact shape and types (tests check it against ComponentHitOut), so the
    # hits are rendered as they are: validating ten hits through the response schema was about a quarter of the
    # request's Python CPU, on the hottest endpoint. The schema still documents the answer in the OpenAPI.
    return HttpResponse(
        _RENDERER.render(request, [hit_out(hit, fields) for hit in hits], response_status=200),
        content_type=_CONTENT_TYPE,
    )


@router.get(
    "/by-category/{category}",
    response={200: list[ComponentOut], **error_responses(*AUTHENTICATED)},
    summary="Live components of one category",
)
def by_category(request: HttpRequest, category: str):
    return [component_out(component) for component in components_by_category(category)]


@router.get(
    "/{component_id}", response={200: ComponentOut, **error_responses(*AUTHENTICATED, 404)}, summary="One component"
)
def detail(request: HttpRequest, component_id: str):
    return component_out(component_get(component_id))


@router.post(
    "/{component_id}/track-usage",
    response={200: UsageOut, **error_responses(*AUTHENTICATED, 403, 404)},
    summary="Count one use of a component (clients allowed to track usage only)",
)
def usage(request: HttpRequest, component_id: str):
    if not request.auth.may_track_usage:
        raise Forbidden(
            f"API client {request.auth.name!r} may not count component usage; the registry's usage counts are "
            "shared by every website, so only clients marked 'may track usage' (the platform's renderer) may."
        )
    return {"component_id": component_id, "usage_count": track_usage(component_id)}
