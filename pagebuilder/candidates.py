"""Registry blocks as candidates for a section: searched per category of the section, fetched in one query, and
checked against the data the site has. Generation (``workflow.find_candidates``) and editing (the editor's
options) both search through here, so a block is found and refused for the same reasons in both."""

from django.db import DEFAULT_DB_ALIAS

from pagebuilder.structure import Candidate
from registry.categories import categories_for
from registry.models import AiSemanticComponent
from registry.search import SearchHit, search_each_category
from registry.selectors import block_name

SEARCH_POOL = 15  # hits per category of a section, before filtering
QUERY_CHARS = 480  # the embedding model reads about this much of a query
# What planning, filling, checking and editing read of a found block, fetched by the search statement itself;
# usage counts, previews, data capabilities and the embedding stay behind (read on access should one be needed).
BLOCK_COLUMNS = (
    "id",
    "component_id",
    "npm_package",
    "import_path",
    "semantic_type",
    "semantic_tags",
    "category",
    "display_name",
    "description",
    "context_adapters",
    "props_schema",
    "version",
    "deprecated",
    "replacement_component_id",
)


def search_blocks(
    query: str, category: str, *, limit: int = SEARCH_POOL, exclude: list[str] | None = None
) -> list[tuple[AiSemanticComponent, float]]:
    """Live blocks of every registry category that may serve ``category`` (a section word or a registry
    category), each category searched on its own, with their fused scores, in search order."""
    hits = search_each_category(
        query[:QUERY_CHARS], categories_for(category), limit=limit, exclude_ids=exclude or None, columns=BLOCK_COLUMNS
    )
    return [(_component(hit), hit.score) for hit in hits]


def _component(hit: SearchHit) -> AiSemanticComponent:
    # from_db marks the columns not read as deferred, so touching one loads it rather than reading a default.
    return AiSemanticComponent.from_db(DEFAULT_DB_ALIAS, list(hit.row), list(hit.row.values()))


def missing_capabilities(component: AiSemanticComponent, capabilities: set[str] | frozenset[str]) -> list[str]:
    """The site capabilities ``component``'s contract needs and the site does not have."""
    return [c for c in required_capabilities(component) if c not in capabilities]


def required_capabilities(component: AiSemanticComponent | None) -> list[str]:
    """The site capabilities (facts such as ``testimonials``) ``component``'s contract needs."""
    return [c for c in contract(component).get("x-requires-site-capabilities") or [] if isinstance(c, str)]


def contract(component: AiSemanticComponent | None) -> dict:
    schema = component.props_schema if component is not None else None
    return schema if isinstance(schema, dict) else {}


def candidate_from(component: AiSemanticComponent, score: float) -> Candidate:
    """What a planner sees of a block: its contract's parts under their own names, and the whole contract."""
    schema = contract(component)
    return Candidate(
        component_id=component.component_id,
        display_name=component.display_name or component.component_id,
        description=component.description or "",
        category=component.category or "",
        block_name=block_name(component),
        score=round(float(score), 4),
        required_props=tuple(schema.get("x-required-props") or schema.get("required") or ()),
        constraints=schema.get("x-prop-constraints") or {},
        media_slots=schema.get("x-media-slots") or {},
        capabilities=tuple(schema.get("x-requires-site-capabilities") or ()),
        example_props=schema.get("x-example-props") or {},
        usage_notes=tuple(schema.get("x-usage-notes") or ()),
        props_schema=schema,
    )
