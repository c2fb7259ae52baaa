"""The text a component is embedded from, and hashes that tell whether a stored vector is still current."""

import hashlib
import json

from django.db import connection

from registry.categories import CATEGORY_PHRASES, category_phrase
from registry.models import AiSemanticComponent


def embedding_text(component: AiSemanticComponent) -> str:
    """Name, kind, tags and description: what a person would search a block by."""
    tags = ", ".join(component.semantic_tags or [])
    kind = (
        component.category
        if component.category == component.semantic_type
        else (f"{component.category} ({component.semantic_type})")
    )
    schema = component.props_schema if isinstance(component.props_schema, dict) else {}
    notes = " ".join(note for note in schema.get("x-usage-notes") or [] if isinstance(note, str))[:400]
    purpose = category_phrase(component.category)
    purpose = f" For {purpose}." if purpose else ""  # first after the name: the description would dilute it
    text = f"{component.display_name}.{purpose} A {kind} section. Tags: {tags}. {component.description or ''} {notes}"
    return text.strip()


def sha256(value: object) -> str:
    data = value if isinstance(value, str) else json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(data.encode()).hexdigest()


_REFRESH_SQL = """
UPDATE registry_componentsyncstate s
SET search_document =
    setweight(to_tsvector('english', coalesce(c.display_name, '')), 'A')
    || setweight(to_tsvector('english', array_to_string(c.semantic_tags, ' ')), 'B')
    || setweight(to_tsvector('english', coalesce(c.description, '')), 'C')
    || setweight(to_tsvector('english', coalesce(p.phrase, '')), 'C')
FROM ai_semantic_components c
LEFT JOIN unnest(%(categories)s::text[], %(phrases)s::text[]) AS p(category, phrase) ON p.category = c.category
WHERE c.component_id = s.component_id AND s.component_id = ANY(%(ids)s)
"""


def refresh_search_documents(component_ids: list[str]) -> None:
    """Recompute the stored full-text documents of these components (after their rows changed)."""
    if component_ids:
        with connection.cursor() as cursor:
            params = {
                "ids": list(component_ids),
                "categories": list(CATEGORY_PHRASES),
                "phrases": [*CATEGORY_PHRASES.values()],
            }
            cursor.execute(_REFRESH_SQL, params)
