"""Which fields a search hit carries: the API's ``fields`` parameter, the columns they need, and the hit's shape.

The full hit (the plan's fields) stays the default, so existing callers see no change; ``summary`` leaves out
the props schema, which is most of a hit's size (about 1.2 KB of a 1.5 KB hit on the real library), and a comma
list names exactly the fields wanted. The identity and ranking fields always come.
"""

from collections.abc import Iterable

from registry.contracts import block_name_from_import_path
from registry.search import BLOCK_NAME_HINT, SearchHit

ALWAYS = ("component_id", "similarity_score", "score")
FULL = (
    "component_id",
    "block_name",
    "category",
    "semantic_type",
    "import_path",
    "npm_package",
    "display_name",
    "description",
    "semantic_tags",
    "props_schema",
    "usage_count",
    "deprecated",
    "replacement_component_id",
    "version",
    "similarity_score",
    "score",
)
PRESETS = {"full": FULL, "summary": tuple(name for name in FULL if name != "props_schema")}
# The component columns each field is read from; a field not listed here is a column of the same name.
_COLUMNS = {
    "block_name": ("import_path", BLOCK_NAME_HINT),
    "similarity_score": (),
    "score": (),
}


class UnknownField(ValueError):
    """A ``fields`` entry that is neither a hit field nor a preset; the message names it and the choices."""


def resolve_fields(spec: str | None) -> tuple[str, ...]:
    """``"summary"``, ``"full"`` or a comma list of field names and presets -> the fields, in the plan's order."""
    wanted = set(ALWAYS)
    names = [name.strip() for name in (spec or "full").split(",") if name.strip()]
    unknown = [name for name in names if name not in FULL and name not in PRESETS]
    if unknown:
        raise UnknownField(
            f"unknown field{'s' if len(unknown) > 1 else ''} {', '.join(repr(n) for n in unknown)}; "
            f"use 'summary', 'full' or a comma list of: {', '.join(FULL)}"
        )
    for name in names:
        wanted.update(PRESETS.get(name, (name,)))
    return tuple(name for name in FULL if name in wanted)


def columns_for(fields: Iterable[str]) -> list[str]:
    """The component columns search must read for ``fields``."""
    columns: dict[str, None] = {}
    for name in fields:
        columns.update(dict.fromkeys(_COLUMNS.get(name, (name,))))
    return list(columns)


def hit_out(hit: SearchHit, fields: tuple[str, ...]) -> dict:
    """One hit as the API answers it: only ``fields``, with the same values and defaults as ``component_out``."""
    return {name: _value(hit, name) for name in fields}


def _value(hit: SearchHit, name: str) -> object:
    row = hit.row
    match name:
        case "component_id" | "similarity_score" | "score":
            return getattr(hit, name)
        case "block_name":
            return row[BLOCK_NAME_HINT] or block_name_from_import_path(row["import_path"])
        case "semantic_tags":
            return row["semantic_tags"] or []
        case "props_schema":
            return row["props_schema"] or {}
        case "usage_count":
            return row["usage_count"] or 0
        case "deprecated":
            return bool(row["deprecated"])
    return row[name]
