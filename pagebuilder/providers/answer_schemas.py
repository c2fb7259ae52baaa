"""The JSON schemas Claude answers in: the page (``build_page``), a repair (``repair_sections``) and an edit
(``edit_page``), with each candidate block's own props schema in the answer. ``build_page_schema``'s docstring says
how each candidate's contract becomes part of the answer.
"""

import json

from django.conf import settings

from pagebuilder.structure import SEO_DESCRIPTION_MAX, SEO_TITLE_MAX, Candidate

MAX_SECTIONS = 12
MAX_KEYWORDS = 10
MAX_SUGGESTIONS = 8
MAX_EDIT_OPS = 10
EDIT_OPS = ("set_text", "regenerate", "swap", "add", "remove", "move", "tone")
FREE_PROPS = {"type": "object", "description": "The block's props, shaped like its example in <catalogue>."}
EMPTY_NOTE = "Every prop is listed; write an empty string, list or object for one this section should not have."
_PRIMITIVES = ("string", "number", "integer", "boolean")
_EMPTY = ("", [], {})


class _Untyped(Exception):
    """A part of a contract the structured-outputs subset has no form for."""


def typed_props(schema: object) -> dict | None:
    """A block's props schema in the structured-outputs subset, every prop required; None where the contract
    has no properties or holds something the subset cannot say (the block then answers in free form).

    Parts the example could not show (``{}``: an icon component, a computed value) are left out unless the
    contract requires them; they are never Claude's to write."""
    if not isinstance(schema, dict) or not isinstance(schema.get("properties"), dict) or not schema["properties"]:
        return None
    try:
        typed = _object(schema, required=_names(schema.get("required")))
    except _Untyped:
        return None
    return typed if typed["properties"] else None


def _names(value: object) -> set[str]:
    return {name for name in value if isinstance(name, str)} if isinstance(value, list) else set()


def _object(schema: dict, *, required: set[str]) -> dict:
    if schema.get("additionalProperties") not in (None, False):
        raise _Untyped
    properties = {}
    for name, sub in (schema.get("properties") or {}).items():
        if not isinstance(sub, dict):
            raise _Untyped
        if _is_anything(sub):
            if name in required:
                properties[name] = {"type": "string"}
            continue
        properties[name] = _node(sub)
    if not properties and required:
        raise _Untyped
    return {**_about(schema), "type": "object", "properties": properties, "required": list(properties)}


def _node(schema: dict) -> dict:
    if any(key in schema for key in ("anyOf", "oneOf", "allOf", "$ref", "not", "if")):
        raise _Untyped
    kind = schema.get("type")
    if kind == "object":
        if not schema.get("properties"):
            raise _Untyped  # a free-form object inside typed props has no form in the subset
        return _object(schema, required=_names(schema.get("required")))
    if kind == "array":
        items = schema.get("items")
        typed_items = {"type": "string"} if not isinstance(items, dict) or _is_anything(items) else _node(items)
        return {**_about(schema), "type": "array", "items": typed_items}
    if kind in _PRIMITIVES:
        node = {**_about(schema), "type": kind}
        enum = schema.get("enum")
        if isinstance(enum, list) and enum and all(isinstance(v, str | int | float | bool) for v in enum):
            node["enum"] = list(enum) if kind != "string" else [*enum, ""]  # "" still means "leave it out"
        return node
    raise _Untyped  # a type list (a union) or no type at all beside other keywords


def _is_anything(schema: dict) -> bool:
    return not any(key in schema for key in ("type", "enum", "const", "anyOf", "oneOf", "allOf", "$ref"))


def _about(schema: dict) -> dict:
    """The node's own description. Length and item limits are not repeated here: the catalogue's ``rules``
    state them once per candidate, and validation enforces them."""
    description = schema.get("description")
    return {"description": description} if isinstance(description, str) and description.strip() else {}


def drop_empty(props: dict, required: tuple[str, ...] | list[str] = ()) -> dict:
    """Claude's props without the props it wrote empty to leave them out (top-level ``required`` ones stay, so
    validation can say they are missing); list items left with nothing in them go too."""
    kept = {}
    for key, value in props.items():
        cleaned = _without_empty(value)
        if cleaned in _EMPTY and key not in required:
            continue
        kept[key] = cleaned
    return kept


def _without_empty(value: object) -> object:
    if isinstance(value, dict):
        return {key: inner for key, item in value.items() if (inner := _without_empty(item)) not in _EMPTY}
    if isinstance(value, list):
        return [inner for item in value if (inner := _without_empty(item)) not in _EMPTY]
    return value


# --- the answers ----------------------------------------------------------------------------------------------


def block_variants(candidates: list[Candidate], fields: dict, required: list[str]) -> dict:
    """One ``anyOf`` variant per distinct candidate: ``fields`` plus its ``component_id`` (a const) and its
    ``props`` (typed where the contract allows and the size budget has room, free-form otherwise)."""
    schemas = {c.component_id: c.props_schema for c in reversed(candidates)}  # the first mention wins
    ordered = list(dict.fromkeys(c.component_id for c in candidates))
    typed = {cid: typed_props(schemas[cid]) for cid in ordered}
    _fit_budget(typed, _ranked_last_first(candidates))
    variants = []
    for component_id in ordered:
        props = typed[component_id]
        props_schema = {**props, "description": _join(props.get("description"), EMPTY_NOTE)} if props else FREE_PROPS
        variants.append(
            {
                "type": "object",
                "properties": {"component_id": {"type": "string", "const": component_id}, "props": props_schema,
                               **fields},
                "required": ["component_id", "props", *required],
            }
        )  # fmt: skip
    return {"anyOf": variants} if len(variants) != 1 else variants[0]


def _join(*parts: str | None) -> str:
    return " ".join(part for part in parts if part)


def _ranked_last_first(candidates: list[Candidate]) -> list[str]:
    """Candidate ids, the least likely choice first: lowest score, and a later place on ties."""
    seen: dict[str, float] = {}
    for candidate in candidates:
        seen.setdefault(candidate.component_id, candidate.score)
    return [cid for cid, _ in sorted(seen.items(), key=lambda item: item[1])]


def _fit_budget(typed: dict[str, dict | None], last_first: list[str]) -> None:
    """Free-form props for the least likely candidates until the typed schemas fit the size budget."""
    budget = settings.ANTHROPIC_ANSWER_SCHEMA_MAX_CHARS
    size = sum(len(json.dumps(schema)) for schema in typed.values() if schema)
    for component_id in last_first:
        if size <= budget:
            return
        if typed.get(component_id):
            size -= len(json.dumps(typed[component_id]))
            typed[component_id] = None


def build_page_schema(candidates: list[Candidate]) -> dict:
    """A section of the page is an ``anyOf`` over its candidates, one variant per block: ``component_id`` is the
    block's id as a ``const`` and ``props`` is that block's contract in the structured-outputs subset
    (``typed_props``). Claude therefore cannot name a prop the block does not have, give a prop the wrong type or
    leave one out. The subset allows at most 24 optional properties in a request, so every prop of a variant is
    required; a prop the section should not carry is written empty (``""``, ``[]`` or ``{}``) and ``drop_empty``
    removes it before validation. A block whose contract has no form in the subset (no properties, a union type, a
    free-form object) keeps a free-form ``props`` (sent as JSON text by ``websites.anthropic_client``), and so do
    the lowest-ranked candidates once the schema passes ``settings.ANTHROPIC_ANSWER_SCHEMA_MAX_CHARS``, since
    every character of it is compiled into the decoding grammar and read as input tokens. Validation after the
    answer still checks everything (lengths, media, required props, capabilities), typed or not.
    """
    string_list = {"type": "array", "items": {"type": "string"}}
    fields = {
        "semantic_type": {"type": "string"},
        "reasoning": {"type": "string", "description": "One short sentence: why this block."},
    }
    return {
        "type": "object",
        "properties": {
            "page_title": {"type": "string"},
            "semantic_sections": {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_SECTIONS,
                "items": block_variants(candidates, fields, ["semantic_type", "reasoning"]),
            },
            "seo_metadata": {
                "type": "object",
                "properties": {
                    "title": {"type": "string", "maxLength": SEO_TITLE_MAX},
                    "description": {"type": "string", "maxLength": SEO_DESCRIPTION_MAX},
                    "keywords": {**string_list, "maxItems": MAX_KEYWORDS},
                },
                "required": ["title", "description", "keywords"],
            },
            "content_suggestions": {**string_list, "maxItems": MAX_SUGGESTIONS},
        },
        "required": ["page_title", "semantic_sections", "seo_metadata", "content_suggestions"],
    }


def repair_schema(asked: list[int], candidates: list[Candidate]) -> dict:
    fields = {
        "index": {"type": "integer", "enum": list(asked)},
        "reasoning": {"type": "string", "description": "One short sentence: what was fixed."},
    }
    return {
        "type": "object",
        "properties": {
            "sections": {
                "type": "array",
                "minItems": 1,
                "maxItems": len(asked),
                "items": block_variants(candidates, fields, ["index", "reasoning"]),
            }
        },
        "required": ["sections"],
    }


def variant_ids(schema: dict) -> set[str]:
    """The component ids an answer schema's variants allow."""
    variants = schema.get("anyOf") or [schema]
    return {v["properties"]["component_id"]["const"] for v in variants if "component_id" in v.get("properties", {})}


def asked_indexes(schema: dict) -> set[int]:
    """The section indexes a repair schema's variants allow."""
    variants = schema.get("anyOf") or [schema]
    return {index for v in variants for index in v.get("properties", {}).get("index", {}).get("enum", [])}


def edit_page_schema(section_ids: list[str], component_ids: list[str]) -> dict:
    reference = {"type": "string", "description": "A section id from <page>."}
    if section_ids:
        reference["enum"] = list(section_ids)
    operation = {
        "op": {"type": "string", "enum": list(EDIT_OPS)},
        "section": reference,
        "path": {"type": "string", "description": "set_text: the prop path of the text."},
        "value": {"type": "string", "description": "set_text: the new text."},
        "semantic_type": {"type": "string", "description": "add: the section's type, e.g. faq."},
        "position": {"type": "string", "enum": ["before", "after", "top", "bottom"]},
        "anchor": reference,
        "tone": {"type": "string"},
        "props": {"type": "object", "description": "regenerate, swap, add, tone: the block's complete new props."},
    }
    if component_ids:
        operation["component_id"] = {
            "type": "string",
            "enum": list(component_ids),
            "description": "swap, add: a block from <catalogue>.",
        }
    return {
        "type": "object",
        "properties": {
            "operations": {
                "type": "array",
                "maxItems": MAX_EDIT_OPS,
                "items": {"type": "object", "properties": operation, "required": ["op"]},
            },
            "reply": {"type": "string", "description": "One or two plain sentences to the editor."},
        },
        "required": ["operations", "reply"],
    }
