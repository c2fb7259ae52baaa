"""Request/response schemas of the component API (the plan's section 2.3 plus block name and category)."""

from ninja import Field, Schema
from pydantic import field_validator

from registry.search import MAX_QUERY_LENGTH
from registry.search_fields import FULL, UnknownField, resolve_fields


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


def _optional_without_default(schema: dict) -> None:
    # The optional fields' placeholder default is not a value any answer carries: an absent field was left out.
    for prop in schema.get("properties", {}).values():
        prop.pop("default", None)


class ComponentHitOut(Schema):
    """A search hit: every field unless the request's ``fields`` left it out (never null for being left out)."""

    component_id: str
    block_name: str = None
    category: str = None
    semantic_type: str = None
    import_path: str = None
    npm_package: str = None
    display_name: str = None
    description: str | None = None
    semantic_tags: list[str] = None
    props_schema: dict = None
    usage_count: int = None
    deprecated: bool = None
    replacement_component_id: str | None = None
    version: str = None
    similarity_score: float = Field(description="Cosine similarity between the query and the component (-1..1).")
    score: float = Field(description="Fused hybrid score (reciprocal rank fusion) the results are ordered by.")

    model_config = {"json_schema_extra": _optional_without_default}


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
    fields: str = Field(
        "full",
        max_length=400,
        description=(
            "Which fields each hit carries: `full` (default, every field), `summary` (all but `props_schema`, "
            "the contract, which is most of a hit's size) or a comma list of field names and presets, e.g. "
            f"`block_name,display_name`. Always included: component_id, similarity_score, score. Fields: "
            f"{', '.join(FULL)}."
        ),
    )

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, value: str) -> str:
        try:
            resolve_fields(value)
        except UnknownField as error:
            raise ValueError(str(error)) from None
        return value


class UsageOut(Schema):
    component_id: str
    usage_count: int
