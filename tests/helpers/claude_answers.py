"""Answers the fake Claude gives in tests: a ``build_page`` answer made of the offline planner's own sections."""

from pagebuilder.models import PageVersion
from tests.helpers.generation import FACTS, generate
from websites.models import Website


def offline_answer(website: Website, intent: str, slug: str, *, suggestions: tuple[str, ...] = ()) -> dict:
    """A build_page answer: the offline planner's sections for the same request (valid, from the candidates);
    the offline run's versions are deleted so the test sees only what Claude's answer makes."""
    offline = generate(website, intent, slug, context=FACTS).result
    PageVersion.objects.all().delete()
    return {
        "page_title": offline["page_title"],
        "semantic_sections": [
            {"semantic_type": b["_name"], "component_id": b["_component"], "props": b["_props"], "reasoning": "Fits."}
            for b in offline["design_payload"]["blocks"]
        ],
        "seo_metadata": {"title": "About Crumb & Co.", "description": "Our family bakery.", "keywords": ["bakery"]},
        "content_suggestions": list(suggestions),
    }
