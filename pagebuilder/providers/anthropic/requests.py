"""The ``call_tool`` arguments of each Claude call: system prompt, the user message with its data tags, and the
answer schema (``answer_schemas``)."""

from dataclasses import replace

from django.conf import settings

from pagebuilder import prompts
from pagebuilder.candidates import candidate_from
from pagebuilder.copywriter import cut
from pagebuilder.providers.answer_schemas import (
    build_page_schema,
    edit_page_schema,
    repair_schema,
)
from pagebuilder.providers.anthropic.compact import (
    INDUSTRY_CHARS,
    INSIGHT_CHARS,
    INTENT_CHARS,
    MAX_INSIGHTS,
    MIN_INSIGHTS,
    REQUEST_CONTEXT_CHARS,
    candidate_summary,
    catalogue,
    data_json,
    site_data,
    site_parts,
)
from pagebuilder.site.links import page_href
from pagebuilder.structure import (
    Candidate,
    DraftSection,
    PageStructure,
    PlannedSection,
    Research,
    Violation,
)

RESEARCH_MAX_TOKENS = 1200
RESEARCH_SEARCH_MAX_TOKENS = 2000  # search results make Claude write more before its answer
STRUCTURE_MAX_TOKENS = 6000
REPAIR_MAX_TOKENS = 4000
EDIT_MAX_TOKENS = 4000
WEB_SEARCH_TOOL = {"type": "web_search_20250305", "name": "web_search", "max_uses": 3}
PROBLEMS_PER_SECTION = 8
EDIT_MESSAGE_CHARS = 2000
PAGE_STRING_CHARS = 400
PAGE_LIST_ITEMS = 12
REPAIR_OPTIONS = 3
AVOID_SENTENCES = 60  # sentences other pages of a site said, shown to the writer of the next page
# Blocks offered per section on a page of a whole site (a page alone offers every candidate, five): each one
# offered costs its catalogue entry and its props schema in the answer schema, about 1,000 input tokens, and
# six pages pay that once each.
SITE_PAGE_CANDIDATES = 3


def research_request(research: Research) -> dict:
    """The ``call_tool`` arguments of the research call."""
    playbook = research.playbook
    sections = [section.semantic_type for section in playbook.sections]
    page = {"type": playbook.page_type, "title": playbook.title, "sections": sections}
    prompt = (
        f"<industry>{data_json(research.context.brand.industry[:INDUSTRY_CHARS])}</industry>\n"
        f"<page>{data_json(page)}</page>\n"
        "Answer with record_insights: the insights for this page."
    )
    request = {
        "system": prompts.RESEARCH_SYSTEM,
        "stable_context": None,
        "prompt": prompt,
        "tool_name": "record_insights",
        "tool_description": "Record best-practice insights for the page.",
        "input_schema": {
            "type": "object",
            "properties": {
                "insights": {
                    "type": "array",
                    "items": {"type": "string", "maxLength": INSIGHT_CHARS},
                    "minItems": MIN_INSIGHTS,
                    "maxItems": MAX_INSIGHTS,
                }
            },
            "required": ["insights"],
        },
        "model": settings.ANTHROPIC_FAST_MODEL,
        "max_tokens": RESEARCH_MAX_TOKENS,
    }
    if settings.ANTHROPIC_WEB_SEARCH:
        request.update(
            system=f"{prompts.RESEARCH_SYSTEM}\n{prompts.RESEARCH_WEB_SEARCH}",
            extra_tools=[dict(WEB_SEARCH_TOOL)],
            max_tokens=RESEARCH_SEARCH_MAX_TOKENS,
        )
    return request


def structure_request(research: Research) -> dict:
    """The ``call_tool`` arguments of the structure call (also used to measure its size)."""
    offered = offered_sections(research)
    plan = {
        "page": {"type": research.playbook.page_type, "title": research.playbook.title, "slug": research.slug},
        "sections": [
            {
                "type": planned.section.semantic_type,
                "req": planned.section.required,
                **({"guide": planned.section.guidance} if planned.section.guidance else {}),
                "candidates": [c.component_id for c in planned.candidates],
            }
            for planned in offered
        ],
    }
    candidates = [c for planned in offered for c in planned.candidates]
    stable, parts = site_page_parts(research) if research.frame else (None, [site_parts(research)])
    if research.insights:
        parts.append(f"<insights>{data_json(research.insights)}</insights>")
    parts += [
        f"<page_plan>{data_json(plan)}</page_plan>",
        f"<catalogue>{data_json(catalogue(candidates))}</catalogue>",
        "Build the page now: answer with build_page.",
    ]
    return {
        "system": prompts.STRUCTURE_SYSTEM,
        "stable_context": stable,
        "prompt": "\n".join(parts),
        "tool_name": "build_page",
        "tool_description": "Submit the page: its title, one block per section with props, SEO and suggestions.",
        "input_schema": build_page_schema(candidates),
        "model": settings.ANTHROPIC_MODEL,
        "max_tokens": STRUCTURE_MAX_TOKENS,
    }


def offered_sections(research: Research) -> list[PlannedSection]:
    """The planned sections with the candidates the structure call offers: all of them for a page alone, the
    best-ranked ``SITE_PAGE_CANDIDATES`` on a page of a whole site."""
    if research.frame is None:
        return list(research.sections)
    return [replace(planned, candidates=planned.candidates[:SITE_PAGE_CANDIDATES]) for planned in research.sections]


def site_page_parts(research: Research) -> tuple[str, list[str]]:
    """A page of a whole-site build: the cached context every page of the site shares (the site's data, its
    pages, the site rules), and this page's own parts (its request and frame)."""
    frame = research.frame
    pages = [{"href": page_href(slug), "title": title} for slug, title in frame.pages]
    stable = (
        f"<site_data>{data_json(site_data(research.context))}</site_data>\n"
        f"<site_pages>{data_json(pages)}</site_pages>\n{prompts.SITE_PAGE_RULES}"
    )
    said = sorted(frame.avoid)[:AVOID_SENTENCES]
    page = {"purpose": frame.purpose, "focus_keyword": frame.focus_keyword, "opening_line": frame.lead,
            "said_elsewhere": said}  # fmt: skip
    request = {"intent": research.intent[:INTENT_CHARS], "page_slug": research.slug}
    return stable, [
        f"<editor_request>{data_json(request)}</editor_request>",
        f"<page_frame>{data_json(page)}</page_frame>",
    ]


def repair_request(research: Research, structure: PageStructure, violations: dict[int, list[Violation]]) -> dict | None:
    """The ``call_tool`` arguments of the repair call; None when no asked index names a section."""
    asked = sorted(i for i in violations if isinstance(i, int) and 0 <= i < len(structure.sections))
    if not asked:
        return None
    broken, candidates = [], []
    for index in asked:
        section = structure.sections[index]
        own = repair_options(section_candidates(research, section), section.component_id)
        candidates += own
        broken.append(
            {
                "index": index,
                "type": section.semantic_type,
                "component_id": section.component_id,
                "props": section.props,
                "problems": [str(v) for v in violations[index][:PROBLEMS_PER_SECTION]],
                "candidates": [c.component_id for c in own],
            }
        )
    summaries = catalogue(candidates)
    prompt = "\n".join(
        [
            site_parts(research),
            f"<broken_sections>{data_json(broken)}</broken_sections>",
            f"<catalogue>{data_json(summaries)}</catalogue>",
            "Fix these sections now: answer with repair_sections.",
        ]
    )
    schema = repair_schema(asked, candidates)
    return {
        "system": prompts.REPAIR_SYSTEM,
        "stable_context": None,
        "prompt": prompt,
        "tool_name": "repair_sections",
        "tool_description": "Submit the corrected sections, each by its index.",
        "input_schema": schema,
        "model": settings.ANTHROPIC_MODEL,
        "max_tokens": REPAIR_MAX_TOKENS,
    }


def offered_ids(ectx) -> list[str]:
    seen: dict[str, None] = {}
    for candidates in (ectx.candidates or {}).values():
        for candidate in candidates:
            seen.setdefault(candidate.component_id)
    return list(seen)


def edit_request(ectx, payload: dict, message: str) -> dict:
    """The ``call_tool`` arguments of an edit (also used to measure its size)."""
    context = ectx.context
    data = site_data(context)
    if context.additional_context:
        data["facts"] = context.additional_context[:REQUEST_CONTEXT_CHARS]
    page = {
        "slug": ectx.slug,
        "title": ectx.draft.title,
        "type": ectx.page_type,
        "sections": page_sections(payload, ectx.components),
    }
    summaries = []
    for category, candidates in (ectx.candidates or {}).items():
        summaries += [{"category": category, **summary} for summary in catalogue(candidates)]
    parts = [
        f"<site_data>{data_json(data)}</site_data>",
        f"<page>{data_json(page)}</page>",
    ]
    if summaries:
        parts.append(f"<catalogue>{data_json(summaries)}</catalogue>")
    parts += [
        f"<editor_request>{data_json({'message': str(message)[:EDIT_MESSAGE_CHARS]})}</editor_request>",
        "Make the change: answer with edit_page.",
    ]
    section_ids = [s["id"] for s in page["sections"] if isinstance(s.get("id"), str)]
    return {
        "system": prompts.EDIT_SYSTEM,
        "stable_context": None,
        "prompt": "\n".join(parts),
        "tool_name": "edit_page",
        "tool_description": "Submit the operations that make the editor's change, and a short reply.",
        "input_schema": edit_page_schema(section_ids, offered_ids(ectx)),
        "model": settings.ANTHROPIC_MODEL,
        "max_tokens": EDIT_MAX_TOKENS,
    }


def page_sections(payload: dict, components: dict) -> list[dict]:
    """What Claude sees of the page: per section its id, type, block, contract rules and media slots (compact,
    as in ``candidate_summary``) and its current props (long strings and lists shortened, media URLs kept)."""
    blocks = payload.get("blocks") if isinstance(payload, dict) else None
    sections = []
    for block in blocks if isinstance(blocks, list) else []:
        if not isinstance(block, dict):
            continue
        entry = {"id": block.get("_id"), "type": block.get("_name"), "block": block.get("_component")}
        component = components.get(block.get("_component"))
        if component is not None:
            summary = candidate_summary(candidate_from(component, 0.0))
            entry.update({key: summary[key] for key in ("rules", "slots") if key in summary})
        entry["props"] = bounded(block.get("_props"), PAGE_STRING_CHARS, PAGE_LIST_ITEMS)
        sections.append(entry)
    return sections


def bounded(value: object, chars: int, items: int) -> object:
    """A copy with strings cut to ``chars`` and lists to ``items`` (media URLs and structure kept)."""
    if isinstance(value, str):
        return value if len(value) <= chars else cut(value, chars - 1) + "…"
    if isinstance(value, list):
        return [bounded(item, chars, items) for item in value[:items]]
    if isinstance(value, dict):
        return {key: bounded(item, chars, items) for key, item in value.items()}
    return value


def repair_options(candidates: list[Candidate], current: str) -> list[Candidate]:
    """What a repair may choose from: the block the section already uses, then the best alternatives, at most
    REPAIR_OPTIONS, so a repair round costs a fraction of the structure call."""
    ordered = sorted(candidates, key=lambda c: c.component_id != current)
    return ordered[:REPAIR_OPTIONS]


def section_candidates(research: Research, section: DraftSection) -> list[Candidate]:
    """The candidates of the planned section a draft section belongs to (by semantic type and component)."""
    same_type = [p for p in research.sections if p.section.semantic_type == section.semantic_type]
    for planned in same_type:
        if any(c.component_id == section.component_id for c in planned.candidates):
            return list(planned.candidates)
    if same_type:
        return list(same_type[0].candidates)
    for planned in research.sections:
        if any(c.component_id == section.component_id for c in planned.candidates):
            return list(planned.candidates)
    return [c for planned in research.sections for c in planned.candidates]
