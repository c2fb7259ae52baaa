"""Request/response schemas of the component API (the plan's section 2.3 plus block name and category)."""

from ninja import Field, Schema

from registry.search import MAX_QUERY_LENGTH


class ComponentOut(Schema):
    component_id: str
    block_name: str
    category: str
    semantic_type: str
    import_path: str
    npm_package: str
    display_name: str
    description: str | None
    semantic_tags: list[str]
    props_schema: dict
    usage_count: int
    deprecated: bool
    replacement_component_id: str | None
    version: str


class ComponentHitOut(ComponentOut):
    similarity_score: float = Field(description="Cosine similarity between the query and the component (-1..1).")
    score: float = Field(description="Fused hybrid score (reciprocal rank fusion) the results are ordered by.")


class SearchParams(Schema):
    query: str = Field(
        min_length=1,
        max_length=MAX_QUERY_LENGTH,
        pattern=r"\S",
        description="What the section should do or show, in plain words.",
    )
    category: str | None = Field(None, max_length=100)
    limit: int = Field(10, ge=1, le=50)
    min_similarity: float = Field(0.0, ge=-1.0, le=1.0, description="Drop results whose cosine similarity is lower.")


class UsageOut(Schema):
    component_id: str
    usage_count: int
