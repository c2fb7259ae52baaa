"""Answers the fake Claude gives in tests: a ``build_page`` answer made of the offline planner's own sections, and
a ``record_facts`` answer made of the offline extractor's facts."""

from collections.abc import Callable

from pagebuilder.fact_extraction import extract_facts
from pagebuilder.models import PageVersion
from tests.fake_anthropic import filled_in
from tests.helpers.generation import FACTS, generate
from websites.models import Website


def offline_answer(
    website: Website, intent: str, slug: str, *, suggestions: tuple[str, ...] = (), context: str = FACTS
) -> dict:
    """A build_page answer: the offline planner's sections for the same request (valid, from the candidates);
    the offline run's versions are deleted so the test sees only what Claude's answer makes."""
    offline = generate(website, intent, slug, context=context).result
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


def facts_answer(text: str) -> Callable[[dict], dict]:
    """A record_facts answer: the offline extractor's facts of ``text``, each with the piece of the text it came
    from as its source and the fields it leaves out written empty, as the schema asks (what a careful model
    reading the same text answers)."""
    return filled_in(facts_data(text))


def facts_data(text: str) -> dict[str, list]:
    """The facts of a record_facts answer for ``text`` before the schema's empty fields are written."""
    answer: dict[str, list] = {}
    for fact in extract_facts(text).facts:
        answer.setdefault(fact.kind, []).append({**fact.data, "evidence": fact.source})
    return answer
