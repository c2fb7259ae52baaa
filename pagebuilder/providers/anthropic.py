"""The Claude provider: research insights, the page structure and one repair round, each one structured call
through ``websites.anthropic_client.call_tool`` (the single seam: the model's API contract, retries, errors, usage
and cost live there; the answer comes through structured outputs, never a forced tool choice).

Calls:
- research (``settings.ANTHROPIC_FAST_MODEL``, answer ``record_insights``): 5 to 8 best-practice insights for the page
  type and the brand's industry, cached in ``ResearchCache`` per (normalised industry, page type) for
  ``settings.RESEARCH_CACHE_DAYS`` days. With ``settings.ANTHROPIC_WEB_SEARCH`` Claude may run up to 3 server-side
  web searches first; the answer is then a strict ``record_insights`` tool offered with ``tool_choice: auto``, and
  an answer without that tool call counts as a failed research. A failed research never fails the page: it is
  logged, noted on ``research.notes`` and the page is planned without insights.
- structure (``settings.ANTHROPIC_MODEL``, answer ``build_page``): one block per planned section, chosen only from
  that section's candidates (the schema's ``component_id`` enum holds exactly the candidate ids), with props.
- repair (same model, answer ``repair_sections``): only the broken sections, their problems and their own
  section's candidates; only the indexes asked about may be replaced.
- edit (same model, answer ``edit_page``, ``plan_edit``): refinement by chat. Claude sees the site data (with the
  facts the page was generated from), the page (each section's id, type, block, contract rules, media slots and
  current props), the candidate blocks of the categories the message may add or swap to, and the editor's
  message; it returns operations (``pagebuilder.edits``) that ``apply_edits`` validates like any other edit.

Prompt layout. The system prompt holds only our stable instructions (``pagebuilder.prompts``); ``call_tool`` marks
it for prompt caching. Everything that varies goes into the user message inside delimited tags, as compact JSON
whose ``<`` characters are escaped (``\\u003c``) so no value can close a tag: ``<site_data>`` (brand, keywords,
pages, capabilities, media library), ``<editor_request>`` (intent, slug, the editor's additional context),
``<insights>``, ``<page_plan>`` and ``<catalogue>`` (compact candidate summaries, never the whole registry).
The candidate catalogue is deliberately NOT in the cached system part: it differs per page and between the
structure and the repair call (as does the ``component_id`` enum of the answer schema), so a cached catalogue
would never be read again and would only add the 25% cache-write surcharge. The repair call instead sends just
the broken sections' candidates. Research + structure + repair of a typical 6-section page with 5 candidates
each stays under ~20,000 input tokens (characters / 4), about 6,000 of them the candidates' own props schemas
in the answer schema (``answer_schemas``).
"""

import html
import json
import logging
import re
from dataclasses import asdict, replace
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from pagebuilder import prompts
from pagebuilder.candidates import candidate_from
from pagebuilder.context import WebsiteContext
from pagebuilder.editing import operations
from pagebuilder.media import MediaItem
from pagebuilder.models import ResearchCache
from pagebuilder.providers.answer_schemas import (
    MAX_EDIT_OPS,
    MAX_KEYWORDS,
    MAX_SECTIONS,
    MAX_SUGGESTIONS,
    asked_indexes,
    build_page_schema,
    drop_empty,
    edit_page_schema,
    repair_schema,
    variant_ids,
)
from pagebuilder.structure import (
    SEO_DESCRIPTION_MAX,
    SEO_TITLE_MAX,
    Candidate,
    DraftSection,
    ModelUsage,
    PageStructure,
    Research,
    SeoMetadata,
    Violation,
)
from registry.jsx_examples import literal_only
from websites import anthropic_client
from websites.errors import AppError

log = logging.getLogger(__name__)

RESEARCH_MAX_TOKENS = 1200
RESEARCH_SEARCH_MAX_TOKENS = 2000  # search results make Claude write more before its answer
STRUCTURE_MAX_TOKENS = 6000
REPAIR_MAX_TOKENS = 4000
EDIT_MAX_TOKENS = 4000
WEB_SEARCH_TOOL = {"type": "web_search_20250305", "name": "web_search", "max_uses": 3}

MIN_INSIGHTS, MAX_INSIGHTS, INSIGHT_CHARS = 3, 8, 200
INDUSTRY_CHARS = 120  # ResearchCache.industry's length

# Compaction of what the model sees.
DESCRIPTION_CHARS = 160
EXAMPLE_STRING_CHARS = 60
EXAMPLE_LIST_ITEMS = 2
EXAMPLE_MAX_CHARS = 900  # an example still longer than this is shortened once more
MEDIA_ITEMS = 30
ALT_CHARS = 90
BRAND_FIELD_CHARS = 400
PAGES_LISTED = 30
INTENT_CHARS = 1000
REQUEST_CONTEXT_CHARS = 4000
PROBLEMS_PER_SECTION = 8
EDIT_REPLY_CHARS = 600
EDIT_MESSAGE_CHARS = 2000
PAGE_STRING_CHARS = 400
PAGE_LIST_ITEMS = 12
REPAIR_OPTIONS = 3
MEDIA_PLACEHOLDER = "MEDIA_URL"
_OBVIOUS_REFUSALS = {"logo", "video", "favicon", "video-thumbnail"}
_TAG = re.compile(r"<[^>]*>")
_MEDIA_FILE = re.compile(r"^(?:https?://|/)\S+\.(?:svg|png|jpe?g|webp|gif|avif|mp4|webm|mov)(?:[?#]\S*)?$", re.I)


class AnthropicProvider:
    name = "anthropic"
    display_name = "Claude"

    # --- research -------------------------------------------------------------------------------------------

    def research_insights(self, research: Research) -> tuple[list[str], list[ModelUsage], bool]:
        industry = industry_key(research.context.brand.industry)
        page_type = research.playbook.page_type
        days = settings.RESEARCH_CACHE_DAYS
        if days > 0:
            cached = cached_insights(industry, page_type)
            if cached:
                return cached, [], True
        try:
            call = anthropic_client.call_tool(**research_request(research))
        except AppError as error:
            return self._research_failed(research, error.message), [], False
        usage = model_usage("research", call)
        try:
            insights = parse_insights(call.input)
        except AppError as error:
            return self._research_failed(research, error.message), [usage], False
        if days > 0:
            store_insights(industry, page_type, insights, call, days)
        return insights, [usage], False

    @staticmethod
    def _research_failed(research: Research, message: str) -> list[str]:
        log.warning("Best-practice research failed; planning without it: %s", message)
        research.notes.append(f"Best-practice research was skipped ({message}); the page was planned without it.")
        return []

    # --- structure ------------------------------------------------------------------------------------------

    def generate_structure(self, research: Research) -> PageStructure:
        call = anthropic_client.call_tool(**structure_request(research))
        usage = model_usage("structure", call)
        try:
            structure = parse_structure(call.input, research, request_id=call.request_id)
        except AppError as error:  # the call was paid for: its usage travels with the error
            error.details = {**(error.details or {}), "usage": [asdict(usage)]}
            raise
        structure.usage.append(usage)
        return structure

    # --- repair ---------------------------------------------------------------------------------------------

    def repair(
        self, research: Research, structure: PageStructure, violations: dict[int, list[Violation]]
    ) -> PageStructure:
        request = repair_request(research, structure, violations)
        if request is None:
            return structure
        call = anthropic_client.call_tool(**request)
        items = request["input_schema"]["properties"]["sections"]["items"]
        asked, allowed = asked_indexes(items), variant_ids(items)
        sections = apply_repairs(call.input, research, structure, asked, allowed, request_id=call.request_id)
        return replace(structure, sections=sections, usage=[*structure.usage, model_usage("repair", call)])

    # --- refinement by chat -----------------------------------------------------------------------------------

    def plan_edit(self, ectx, payload: dict, message: str) -> tuple[list, str, list[ModelUsage]]:
        """The operations (``pagebuilder.edits``) Claude plans for the editor's ``message`` on ``payload``, its
        reply to the editor, and the call's usage. ``ectx`` is the draft's ``edits.EditContext`` (site context,
        the page's components, candidate blocks by category). AppError when the call fails or its answer is
        malformed or names a block that was not offered (the usage travels in ``details``)."""
        if not ectx.candidates:
            ectx.candidates = ectx.offer(message)
        request = edit_request(ectx, payload, message)
        call = anthropic_client.call_tool(**request)
        usage = model_usage("edit", call)
        try:
            ops, reply = parse_edit(call.input, offered_ids(ectx), request_id=call.request_id)
        except AppError as error:
            error.details = {**(error.details or {}), "usage": [asdict(usage)]}
            raise
        return ops, reply, [usage]


# --- requests ---------------------------------------------------------------------------------------------------


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
    plan = {
        "page": {"type": research.playbook.page_type, "title": research.playbook.title, "slug": research.slug},
        "sections": [
            {
                "type": planned.section.semantic_type,
                "req": planned.section.required,
                **({"guide": planned.section.guidance} if planned.section.guidance else {}),
                "candidates": [c.component_id for c in planned.candidates],
            }
            for planned in research.sections
        ],
    }
    candidates = [c for planned in research.sections for c in planned.candidates]
    parts = [_site_parts(research)]
    if research.insights:
        parts.append(f"<insights>{data_json(research.insights)}</insights>")
    parts += [
        f"<page_plan>{data_json(plan)}</page_plan>",
        f"<catalogue>{data_json(catalogue(candidates))}</catalogue>",
        "Build the page now: answer with build_page.",
    ]
    return {
        "system": prompts.STRUCTURE_SYSTEM,
        "stable_context": None,
        "prompt": "\n".join(parts),
        "tool_name": "build_page",
        "tool_description": "Submit the page: its title, one block per section with props, SEO and suggestions.",
        "input_schema": build_page_schema(candidates),
        "model": settings.ANTHROPIC_MODEL,
        "max_tokens": STRUCTURE_MAX_TOKENS,
    }


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
            _site_parts(research),
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


# --- compact data ------------------------------------------------------------------------------------------------


def compact_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def data_json(value: object) -> str:
    """Compact JSON for inside a data tag: ``<`` is escaped so no value can open or close a tag."""
    return compact_json(value).replace("<", "\\u003c")


def _site_parts(research: Research) -> str:
    context = research.context
    request = {"intent": research.intent[:INTENT_CHARS], "page_slug": research.slug}
    if context.additional_context:
        request["additional_context"] = context.additional_context[:REQUEST_CONTEXT_CHARS]
    return (
        f"<site_data>{data_json(site_data(context))}</site_data>\n<editor_request>{data_json(request)}</editor_request>"
    )


def site_data(context: WebsiteContext) -> dict:
    brand = context.brand
    data = {
        "site": context.name,
        "domain": context.domain,
        "brand": {
            "industry": cut(brand.industry, INDUSTRY_CHARS),
            "voice": cut(brand.voice, BRAND_FIELD_CHARS),
            "audience": cut(brand.audience, BRAND_FIELD_CHARS),
            "summary": cut(brand.summary, BRAND_FIELD_CHARS),
        },
        "keywords": list(context.keywords[:MAX_KEYWORDS]),
        "pages": [f"/{slug}" for slug, _ in context.pages[:PAGES_LISTED]],
        "capabilities": sorted(context.capabilities),
        "media": [media_summary(item) for item in context.media[:MEDIA_ITEMS]],
    }
    return data


def media_summary(item: MediaItem) -> dict:
    summary = {
        "url": item.url,
        "roles": [item.role, *sorted(item.roles - {item.role})],
        "px": item.pixel_class,
        "alt": cut(item.label, ALT_CHARS),
    }
    if item.is_partner_logo:
        summary["partner"] = True
    return summary


def catalogue(candidates: list[Candidate]) -> list[dict]:
    """Compact summaries of the distinct candidates, in order."""
    seen: dict[str, dict] = {}
    for candidate in candidates:
        if candidate.component_id not in seen:
            seen[candidate.component_id] = candidate_summary(candidate)
    return list(seen.values())


def candidate_summary(candidate: Candidate) -> dict:
    """What a model sees of a candidate block, compact: ``id``, ``name`` (only when it says more than the id),
    ``about`` (the description cut to one line), ``rules`` (per prop path: ``req`` for required, ``≤N`` characters,
    ``N-M items``), ``slots`` (media slots: accepted roles, smallest pixel class, ``req``), ``needs`` (site
    capabilities) and ``ex`` (the example props with long strings and lists shortened, asset URLs replaced)."""
    summary: dict = {"id": candidate.component_id}
    if _words(candidate.display_name) != _words(candidate.component_id):
        summary["name"] = candidate.display_name
    summary["about"] = cut(candidate.description, DESCRIPTION_CHARS)
    constraints = candidate.constraints if isinstance(candidate.constraints, dict) else {}
    rules: dict[str, str] = {prop: "req" for prop in candidate.required_props if isinstance(prop, str)}
    for path, rule in constraints.items():
        required = rules.get(path) == "req" or (isinstance(rule, dict) and rule.get("required") is True)
        text = " ".join(part for part in ("req" if required else "", limit_text(rule)) if part)
        if text:
            rules[path] = text
    if rules:
        summary["rules"] = rules
    slots = candidate.media_slots if isinstance(candidate.media_slots, dict) else {}
    slot_texts = {path: slot_text(slot) for path, slot in slots.items() if isinstance(slot, dict)}
    if slot_texts:
        summary["slots"] = slot_texts
    if candidate.capabilities:
        summary["needs"] = list(candidate.capabilities)
    literal = literal_only(candidate.example_props)  # what the example computed is no shape to copy
    example = shorten(literal, EXAMPLE_STRING_CHARS, EXAMPLE_LIST_ITEMS)
    if len(compact_json(example)) > EXAMPLE_MAX_CHARS:
        example = shorten(literal, EXAMPLE_STRING_CHARS // 2, 1)
    summary["ex"] = example
    return summary


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", (text or "").lower())


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def limit_text(rules: object) -> str:
    """``{"maxLength": 80}`` → ``≤80``; ``{"minItems": 2, "maxItems": 4}`` → ``2-4 items``."""
    if not isinstance(rules, dict):
        return ""
    parts = []
    low, high = _int(rules.get("minLength")), _int(rules.get("maxLength"))
    if low and high:
        parts.append(f"{low}-{high} chars")
    elif high:
        parts.append(f"\u2264{high}")
    elif low:
        parts.append(f"\u2265{low} chars")
    low, high = _int(rules.get("minItems")), _int(rules.get("maxItems"))
    if low is not None and high is not None:
        parts.append(f"{low}-{high} items")
    elif high is not None:
        parts.append(f"\u2264{high} items")
    elif low is not None:
        parts.append(f"\u2265{low} items")
    return " ".join(parts)


def slot_text(slot: dict) -> str:
    """``hero|feature ≥large req``, plus ``not x|y`` for refused roles an accepted asset might also have."""
    allowed = [r for r in slot.get("roles") or [] if isinstance(r, str)]
    refused = [r for r in slot.get("disallowedRoles") or [] if isinstance(r, str) and r not in _OBVIOUS_REFUSALS]
    parts = ["|".join(allowed) or "any"]
    if isinstance(slot.get("minPixelClass"), str):
        parts.append(f"\u2265{slot['minPixelClass']}")
    if slot.get("required") is True:
        parts.append("req")
    if refused:
        parts.append(f"not {'|'.join(refused)}")
    return " ".join(parts)


def shorten(value: object, chars: int, items: int, key: str = "") -> object:
    """A short copy of an example value: strings cut, lists to their first items, media URLs replaced."""
    if isinstance(value, str):
        if (key == "src" and value) or _MEDIA_FILE.search(value):
            return MEDIA_PLACEHOLDER  # never show a model an example asset URL it might copy
        return value if len(value) <= chars else cut(value, chars - 1) + "…"
    if isinstance(value, list):
        return [shorten(item, chars, items, key) for item in value[:items]]
    if isinstance(value, dict):
        return {k: shorten(v, chars, items, k) for k, v in value.items()}
    return value


def cut(text: object, limit: int) -> str:
    """``text`` with whitespace collapsed, cut at a word boundary to at most ``limit`` characters."""
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    space = head.rfind(" ")
    head = head[:space] if space > limit // 3 else text[:limit]
    return head.rstrip(" ,;:\u2013\u2014-&").strip()[:limit]


# --- answers ------------------------------------------------------------------------------------------------------


def model_usage(purpose: str, call: anthropic_client.ToolCall) -> ModelUsage:
    usage = call.usage
    return ModelUsage(
        purpose=purpose,
        model=call.model,
        input_tokens=usage.get("input_tokens", 0),
        output_tokens=usage.get("output_tokens", 0),
        cache_creation_input_tokens=usage.get("cache_creation_input_tokens", 0),
        cache_read_input_tokens=usage.get("cache_read_input_tokens", 0),
        cost_usd=call.cost_usd,
    )


def _plain(text: str, limit: int) -> str:
    return cut(html.unescape(_TAG.sub(" ", text)), limit)


def parse_insights(data: dict) -> list[str]:
    raw = data.get("insights") if isinstance(data, dict) else None
    if not isinstance(raw, list):
        raise AppError("Claude returned no list of insights")
    insights: dict[str, None] = {}
    for item in raw:
        if isinstance(item, str) and (text := _plain(item, INSIGHT_CHARS)):
            insights.setdefault(text)
    if not insights:
        raise AppError("Claude returned no usable insights")
    return list(insights)[:MAX_INSIGHTS]


def _malformed(problem: str, request_id: str | None) -> AppError:
    return AppError(
        f"Claude returned a malformed page structure: {problem}; try again.", details={"request_id": request_id}
    )


def parse_structure(data: dict, research: Research, *, request_id: str | None = None) -> PageStructure:
    """The ``build_page`` input as a ``PageStructure``; AppError for what cannot be coerced."""
    raw_sections = data.get("semantic_sections")
    if not isinstance(raw_sections, list):
        raise _malformed(f"semantic_sections is {type(raw_sections).__name__}, not a list", request_id)
    sections = []
    for number, entry in enumerate(raw_sections[:MAX_SECTIONS], start=1):
        if not isinstance(entry, dict):
            continue  # a stray string or number in the list: dropped
        component_id = entry.get("component_id")
        if not isinstance(component_id, str) or not component_id.strip():
            raise _malformed(f"section {number} has no component_id", request_id)
        component_id = component_id.strip()
        props = entry.get("props")
        if not isinstance(props, dict):
            raise _malformed(f"the props of section {number} ({component_id}) are not an object", request_id)
        semantic_type = entry.get("semantic_type")
        if not isinstance(semantic_type, str) or not semantic_type.strip():
            semantic_type = _planned_type(research, component_id)
            if not semantic_type:
                raise _malformed(f"section {number} ({component_id}) has no semantic_type", request_id)
        reasoning = entry.get("reasoning")
        sections.append(
            DraftSection(
                semantic_type=semantic_type.strip(),
                component_id=component_id,
                props=drop_empty(props, _required_props(research, component_id)),
                reasoning=reasoning.strip() if isinstance(reasoning, str) else "",
            )
        )
    if not sections:
        raise _malformed("it has no sections", request_id)
    seo = data.get("seo_metadata")
    if not isinstance(seo, dict):
        raise _malformed("seo_metadata is missing", request_id)
    title, description = seo.get("title"), seo.get("description")
    if not isinstance(title, str) or not title.strip():
        raise _malformed("the SEO title is missing", request_id)
    if not isinstance(description, str):
        raise _malformed("the SEO description is missing", request_id)
    page_title = data.get("page_title")
    if not isinstance(page_title, str) or not page_title.strip():
        page_title = title
    return PageStructure(
        page_title=cut(page_title, 200),
        sections=sections,
        seo=SeoMetadata(
            title=cut(title, SEO_TITLE_MAX),
            description=cut(description, SEO_DESCRIPTION_MAX),
            keywords=_strings(seo.get("keywords"), MAX_KEYWORDS, 100),
        ),
        content_suggestions=_strings(data.get("content_suggestions"), MAX_SUGGESTIONS, 300),
    )


def _strings(value: object, count: int, chars: int) -> list[str]:
    if not isinstance(value, list):
        return []
    return [cut(item, chars) for item in value if isinstance(item, str) and item.strip()][:count]


def _required_props(research: Research, component_id: str) -> tuple[str, ...]:
    candidate = research.candidate(component_id)
    return candidate.required_props if candidate is not None else ()


def _planned_type(research: Research, component_id: str) -> str:
    for planned in research.sections:
        if any(c.component_id == component_id for c in planned.candidates):
            return planned.section.semantic_type
    return ""


def apply_repairs(
    data: dict,
    research: Research,
    structure: PageStructure,
    asked: set[int],
    allowed: set[str],
    *,
    request_id: str | None = None,
) -> list[DraftSection]:
    """The structure's sections with the repaired ones replaced; answers for other indexes are ignored."""
    entries = data.get("sections")
    if not isinstance(entries, list):
        raise AppError(
            f"Claude returned a malformed repair: sections is {type(entries).__name__}, not a list; try again.",
            details={"request_id": request_id},
        )
    sections = list(structure.sections)
    done: set[int] = set()
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        index = entry.get("index")
        if not isinstance(index, int) or isinstance(index, bool) or index not in asked or index in done:
            continue
        props = entry.get("props")
        if not isinstance(props, dict):
            continue
        current = sections[index]
        component_id = entry.get("component_id")
        if not isinstance(component_id, str) or component_id.strip() not in allowed:
            component_id = current.component_id
        reasoning = entry.get("reasoning")
        component_id = component_id.strip()
        sections[index] = DraftSection(
            semantic_type=current.semantic_type,
            component_id=component_id,
            props=drop_empty(props, _required_props(research, component_id)),
            reasoning=reasoning.strip() if isinstance(reasoning, str) and reasoning.strip() else current.reasoning,
        )
        done.add(index)
    return sections


def _malformed_edit(problem: str, request_id: str | None) -> AppError:
    return AppError(f"Claude returned a malformed edit: {problem}; try again.", details={"request_id": request_id})


def _text(entry: dict, key: str) -> str:
    value = entry.get(key)
    return " ".join(value.split()) if isinstance(value, str) else ""


def parse_edit(data: dict, offered: list[str], *, request_id: str | None = None) -> tuple[list, str]:
    """The ``edit_page`` input as edit operations and the reply. A block id that was not offered is refused
    here (AppError), whatever the answer schema said; everything else is checked when the operations are applied."""
    entries = data.get("operations") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise _malformed_edit(f"operations is {type(entries).__name__}, not a list", request_id)
    reply = _plain(data.get("reply") if isinstance(data.get("reply"), str) else "", EDIT_REPLY_CHARS)
    allowed = set(offered)
    ops: list = []
    for number, entry in enumerate(entries[:MAX_EDIT_OPS], start=1):
        if not isinstance(entry, dict):
            continue
        kind = _text(entry, "op")
        section, component_id = _text(entry, "section"), _text(entry, "component_id")
        props = entry.get("props") if isinstance(entry.get("props"), dict) else None
        if component_id and component_id not in allowed:
            raise AppError(
                f"Claude chose the block {component_id!r}, which is not one of the blocks offered for this page; "
                "nothing was changed. Try again, or name the kind of block you want.",
                details={"request_id": request_id},
            )
        if kind == "set_text":
            value = entry.get("value")
            if not section or not _text(entry, "path") or not isinstance(value, str):
                raise _malformed_edit(f"operation {number} (set_text) needs a section, a path and a value", request_id)
            ops.append(operations.SetText(section=section, path=_text(entry, "path"), value=value))
        elif kind == "regenerate":
            ops.append(operations.Regenerate(section=section, props=props))
        elif kind == "tone":
            ops.append(operations.Tone(tone=_text(entry, "tone") or "new", section=section, props=props))
        elif kind == "swap":
            ops.append(operations.Swap(section=section, target=component_id, props=props if component_id else None,
                                  exact=bool(component_id)))  # fmt: skip
        elif kind == "add":
            semantic_type = _text(entry, "semantic_type")
            if not semantic_type and not component_id:
                raise _malformed_edit(f"operation {number} (add) names no section type or block", request_id)
            ops.append(
                operations.Add(
                    semantic_type=semantic_type,
                    position=_text(entry, "position"),
                    anchor=_text(entry, "anchor"),
                    component_id=component_id,
                    props=props if component_id else None,
                )
            )
        elif kind == "remove":
            ops.append(operations.Remove(section=section))
        elif kind == "move":
            ops.append(
                operations.Move(section=section, position=_text(entry, "position"), anchor=_text(entry, "anchor"))
            )
        else:
            raise _malformed_edit(f"operation {number} has the unknown op {kind!r}", request_id)
    return ops, reply


# --- research cache -------------------------------------------------------------------------------------------


def industry_key(industry: str) -> str:
    return " ".join((industry or "").split()).lower()[:INDUSTRY_CHARS]


def cached_insights(industry: str, page_type: str) -> list[str]:
    row = (
        ResearchCache.objects.filter(industry=industry, page_type=page_type, expires_at__gt=timezone.now())
        .only("insights")
        .first()
    )
    if row is None or not isinstance(row.insights, list):
        return []
    return [item for item in row.insights if isinstance(item, str) and item.strip()][:MAX_INSIGHTS]


def store_insights(industry: str, page_type: str, insights: list[str], call, days: int) -> None:
    """Insert or replace the cached insights in one statement (INSERT … ON CONFLICT DO UPDATE)."""
    now = timezone.now()
    row = ResearchCache(
        industry=industry,
        page_type=page_type,
        insights=insights,
        model=call.model[:120],
        usage={**call.usage, "cost_usd": call.cost_usd},
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    ResearchCache.objects.bulk_create(
        [row],
        update_conflicts=True,
        unique_fields=["industry", "page_type"],
        update_fields=["insights", "model", "usage", "created_at", "expires_at"],
    )
