"""A component's props contract as a JSON Schema (draft 2020-12) with the registry's ``x-`` keys.

The contract bundle has no runtime schema for most blocks (``runtimeSchemaStatus: missing``), so the shape
is inferred from the example props, then tightened with the contract's required props and constraints.
Everything the contract says is also kept verbatim under ``x-`` keys, where the planner and the validator
read it: ``x-required-props``, ``x-prop-constraints``, ``x-media-slots``, ``x-requires-site-capabilities``,
``x-example-props``, ``x-usage-notes``, ``x-block-name``, ``x-layout-role``.
"""

import copy
import re

from registry.contract_inference import infer_requirements
from registry.jsx_examples import ExampleParse, is_placeholder

JSON_SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_CONSTRAINT_KEYWORDS = ("maxLength", "minLength", "minItems", "maxItems")


class ContractError(ValueError):
    """A contract field has the wrong type; the entry is skipped with this message."""


def block_name_from_import_path(import_path: str) -> str:
    """``blocks/about/alternating-blocks`` → ``AlternatingBlocks`` (the renderer's naming rule)."""
    last = import_path.rstrip("/").rsplit("/", 1)[-1]
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", last) if part)


def infer_schema(value: object) -> dict:
    """A permissive schema describing the shape of an example value (a placeholder allows anything)."""
    if is_placeholder(value):
        return {}
    if isinstance(value, bool):
        return {"type": "boolean"}
    if isinstance(value, int | float):
        return {"type": "number"}
    if isinstance(value, str):
        return {"type": "string"}
    if isinstance(value, list):
        items = [infer_schema(item) for item in value]
        return {"type": "array", "items": _merge(items) if items else {}}
    if isinstance(value, dict):
        return {"type": "object", "properties": {key: infer_schema(item) for key, item in value.items()}}
    return {}


def _merge(schemas: list[dict]) -> dict:
    """One schema for all items of an example array."""
    merged = schemas[0]
    for schema in schemas[1:]:
        merged = _merge_two(merged, schema)
    return merged


def _merge_two(a: dict, b: dict) -> dict:
    """The narrowest schema both examples satisfy: objects and arrays merge, differing types allow anything."""
    if a == b:
        return a
    if a.get("type") == b.get("type") == "object":
        properties = dict(a.get("properties", {}))
        for key, sub in b.get("properties", {}).items():
            properties[key] = _merge_two(properties[key], sub) if key in properties else sub
        return {"type": "object", "properties": properties}
    if a.get("type") == b.get("type") == "array":
        items_a, items_b = a.get("items") or {}, b.get("items") or {}
        return {"type": "array", "items": _merge_two(items_a, items_b) if items_a and items_b else {}}
    return {}


def plan_props_schema(schema: dict, *, block_name: str) -> dict:
    return {"type": "object", **schema, "x-block-name": schema.get("x-block-name") or block_name}


# The bundle keys that, when a contract bundle states them for a block, replace what inference says.
BUNDLE_OVERRIDES = ("requiredProps", "propConstraints", "mediaSlots", "requiresSiteCapabilities")


def export_props_schema(
    *,
    component_id: str,
    category: str,
    props_type: str,
    example_usage: str,
    example: ExampleParse,
    fallback_block_name: str,
    bundle: dict | None = None,
) -> dict:
    """The contract of a registry-export block: inferred from its parsed example, then overridden key by key
    by a contract-bundle entry for the same block (whose example props, when it has them, are used instead)."""
    block_name = props_type.removesuffix("Props") if props_type.endswith("Props") else ""
    block_name = block_name or example.element or fallback_block_name
    # No notes of our own: usage notes are part of the embedded text, and a sentence repeated on every block
    # would only blur search. ``x-contract-source`` and ``x-non-literal-props`` say what a note would.
    entry, examples, notes = {}, {"exampleProps": example.props}, []
    non_literal = list(example.non_literal_paths)
    if bundle is not None:
        entry = bundle
        bundle_examples = _mapping(bundle.get("examples"), "examples")
        if isinstance(bundle_examples.get("exampleProps"), dict):
            examples, non_literal = bundle_examples, []
    requirements = infer_requirements(
        _mapping(examples.get("exampleProps"), "examples.exampleProps"), category=category, component_id=component_id
    )
    if bundle is not None:
        stated = _mapping(bundle.get("usageRequirements"), "usageRequirements")
        requirements |= {key: stated[key] for key in BUNDLE_OVERRIDES if stated.get(key) is not None}
        notes = list(stated.get("notes") or [])
    schema = contract_props_schema(
        entry,
        requirements={**requirements, "notes": notes},
        examples=examples,
        props_contract={"reference": props_type or None},
        block_name=block_name,
    )
    schema["x-example-usage"] = example_usage
    schema["x-non-literal-props"] = non_literal
    schema["x-contract-source"] = "inferred" if bundle is None else "inferred+contract-bundle"
    return schema


def contract_props_schema(
    entry: dict, *, requirements: dict, examples: dict, props_contract: dict, block_name: str
) -> dict:
    required = _string_list(requirements.get("requiredProps"), "usageRequirements.requiredProps")
    constraints = _mapping(requirements.get("propConstraints"), "usageRequirements.propConstraints")
    media_slots = _mapping(requirements.get("mediaSlots"), "usageRequirements.mediaSlots")
    capabilities = _string_list(
        requirements.get("requiresSiteCapabilities"), "usageRequirements.requiresSiteCapabilities"
    )
    example_props = _mapping(examples.get("exampleProps"), "examples.exampleProps")
    runtime = props_contract.get("runtimeSchema")
    schema = copy.deepcopy(runtime) if isinstance(runtime, dict) else infer_schema(example_props)
    schema.setdefault("type", "object")
    schema.setdefault("properties", {})
    for prop in required:
        schema["properties"].setdefault(prop, {})
    _apply_constraints(schema, constraints)
    notes = [entry.get("importantUsageNotes"), *(requirements.get("notes") or [])]
    return {
        "$schema": JSON_SCHEMA_DRAFT,
        **schema,
        "required": sorted(set(schema.get("required", [])) | set(required)),
        "x-block-name": block_name,
        "x-layout-role": entry.get("layoutRole") if isinstance(entry.get("layoutRole"), str) else None,
        "x-props-type": props_contract.get("reference"),
        "x-required-props": required,
        "x-prop-constraints": constraints,
        "x-media-slots": media_slots,
        "x-requires-site-capabilities": capabilities,
        "x-example-props": example_props,
        "x-usage-notes": [note for note in notes if isinstance(note, str) and note.strip()],
    }


def _string_list(value: object, name: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ContractError(f"'{name}' must be a list of strings")
    return list(value)


def _mapping(value: object, name: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ContractError(f"'{name}' must be an object")
    return value


def _apply_constraints(schema: dict, constraints: dict) -> None:
    """Copy maxLength/minItems/… from the contract onto the schema node each prop path names."""
    for path, rules in constraints.items():
        node = _node_for_path(schema, path) if isinstance(rules, dict) else None
        if node is None:
            continue
        for keyword in _CONSTRAINT_KEYWORDS:
            if isinstance(rules.get(keyword), int) and not isinstance(rules.get(keyword), bool):
                node[keyword] = rules[keyword]


def _node_for_path(schema: dict, path: str) -> dict | None:
    """``items[].title`` → the schema node of ``title`` inside the items of ``items`` (created if absent)."""
    node = schema
    for segment in path.split("."):
        is_array = segment.endswith("[]")
        name = segment.removesuffix("[]")
        if node.get("type") not in (None, "object"):
            return None
        node = node.setdefault("properties", {}).setdefault(name, {})
        if is_array:
            if node.get("type") not in (None, "array"):
                return None
            node = node.setdefault("items", {})
    return node
