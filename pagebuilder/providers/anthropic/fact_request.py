"""The ``call_tool`` arguments of the fact-reading call: the editor's text inside ``<editor_text>`` as data, and
the answer ``record_facts`` built from ``websites.fact_kinds.KINDS`` (one array per kind with that kind's fields
and limits, media fields left out, plus ``evidence``: the words of the text that state the fact). Every field is
required ("" when the text does not state it): structured outputs allow few optional properties per request."""

from django.conf import settings

from pagebuilder import prompts
from pagebuilder.providers.anthropic.compact import data_json
from websites.fact_kinds import KINDS, LIST, MEDIA, RATING, FactField, FactKind

FACTS_TOOL = "record_facts"
FACTS_MAX_TOKENS = 4000
EVIDENCE = "evidence"  # not "source": a figure (stat) has a field of that name
NO_RATING = 0
EVIDENCE_NOTE = "The exact words of the text that state this fact, copied character for character."


def readable_kinds() -> list[FactKind]:
    """The kinds Claude may report: all but those that need a media record (a logo is chosen, not written)."""
    return [kind for kind in KINDS.values() if not any(f.type == MEDIA and f.required for f in kind.fields)]


def field_schema(spec: FactField) -> dict:
    """One field in the structured-outputs subset (limits are kept as keywords; ``to_wire_schema`` moves them into
    the description)."""
    if spec.type == LIST:
        item = {"type": "string", "maxLength": spec.max_length}
        return {"type": "array", "items": item, "maxItems": spec.max_items, "description": f"{spec.label}; [] if none"}
    if spec.type == RATING:
        return {"type": "integer", "description": f"{spec.label}, only when the text states it; {NO_RATING} if not"}
    schema = {"type": "string", "maxLength": spec.max_length, "description": spec.label}
    if spec.choices:
        schema["enum"] = [*spec.choices, ""]
    if not spec.required:
        schema["description"] += '; "" when the text does not state it'
    return schema


def kind_schema(kind: FactKind) -> dict:
    fields = {spec.name: field_schema(spec) for spec in kind.fields if spec.type != MEDIA}
    properties = {**fields, EVIDENCE: {"type": "string", "description": EVIDENCE_NOTE}}
    item = {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}
    return {"type": "array", "items": item, "description": f"{kind.plural.capitalize()}, e.g. {kind.example}"}


def record_facts_schema() -> dict:
    """The answer: one array per readable kind, keyed by the kind's key."""
    properties = {kind.key: kind_schema(kind) for kind in readable_kinds()}
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


def facts_request(text: str) -> dict:
    """The ``call_tool`` arguments that read the facts of ``text`` (fast model)."""
    prompt = (
        f"<editor_text>{data_json(text)}</editor_text>\nRecord the facts this text states: answer with {FACTS_TOOL}."
    )
    return {
        "system": prompts.FACTS_SYSTEM,
        "stable_context": None,
        "prompt": prompt,
        "tool_name": FACTS_TOOL,
        "tool_description": "Record the facts the editor's text states, each with the words that state it.",
        "input_schema": record_facts_schema(),
        "model": settings.ANTHROPIC_FAST_MODEL,
        "max_tokens": FACTS_MAX_TOKENS,
    }
