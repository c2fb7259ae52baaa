"""The ``call_tool`` arguments of the site-plan call: the site's data (``compact.site_data`` without the media list,
plus a summary of its facts and the slugs it uses), the page types with their sections and the registry's other
section types, each in its own data tag, and the editor's intent fenced as data in ``<editor_request>``. The answer
``plan_site`` is constrained to the playbooks' page types and the known section types; ``site.plan_answer``
checks it again all the same."""

from django.conf import settings

from pagebuilder import prompts
from pagebuilder.playbooks import PLAYBOOKS
from pagebuilder.providers.anthropic.compact import INTENT_CHARS, PAGES_LISTED, data_json, site_data
from pagebuilder.site.plan_answer import PURPOSE_CHARS, SLUG_CHARS, TITLE_CHARS
from pagebuilder.site.plan_request import SitePlanRequest

PLAN_TOOL = "plan_site"
PLAN_MAX_TOKENS = 3000


def plan_site_schema(plan: SitePlanRequest) -> dict:
    """The answer: a list of pages, each with its slug, title, page type (a playbook's), purpose and sections
    (any section type a playbook or the registry knows; which ones suit which page is checked on return)."""
    section_types = sorted({s.semantic_type for p in PLAYBOOKS for s in p.sections} | set(plan.registry_types))
    page = {
        "type": "object",
        "properties": {
            "slug": {"type": "string", "maxLength": SLUG_CHARS, "description": "e.g. about-us"},
            "title": {"type": "string", "maxLength": TITLE_CHARS},
            "page_type": {"type": "string", "enum": [p.page_type for p in PLAYBOOKS]},
            "purpose": {"type": "string", "maxLength": PURPOSE_CHARS, "description": "One plain sentence."},
            "sections": {"type": "array", "items": {"type": "string", "enum": section_types}},
        },
        "required": ["slug", "title", "page_type", "purpose", "sections"],
        "additionalProperties": False,
    }
    pages = {"type": "array", "items": page, "minItems": 1, "maxItems": plan.max_pages}
    return {"type": "object", "properties": {"pages": pages}, "required": ["pages"], "additionalProperties": False}


def plan_site_request(plan: SitePlanRequest) -> dict:
    """The ``call_tool`` arguments that plan the site (main model: the plan shapes every page built after it)."""
    data = site_data(plan.context)
    data.pop("media")
    data.update(
        facts=plan.facts_summary(),
        existing_pages=sorted(plan.taken)[:PAGES_LISTED],
        max_pages=plan.max_pages,
    )
    parts = [
        f"<site_data>{data_json(data)}</site_data>",
        f"<page_types>{data_json(plan.page_types())}</page_types>",
        f"<other_sections>{data_json(plan.extra_sections())}</other_sections>",
        f"<editor_request>{data_json({'intent': plan.intent[:INTENT_CHARS]})}</editor_request>",
        f"Plan the site now: answer with {PLAN_TOOL}.",
    ]
    return {
        "system": prompts.SITE_PLAN_SYSTEM,
        "stable_context": None,
        "prompt": "\n".join(parts),
        "tool_name": PLAN_TOOL,
        "tool_description": "Submit the site's pages: slug, title, page type, purpose and sections of each.",
        "input_schema": plan_site_schema(plan),
        "model": settings.ANTHROPIC_MODEL,
        "max_tokens": PLAN_MAX_TOKENS,
    }
