"""Claude's answers read into the workflow's types (insights, a page structure, repaired sections, edit
operations), with a clear AppError for what cannot be coerced."""

from pagebuilder.copywriter import cut
from pagebuilder.editing import operations
from pagebuilder.providers.answer_schemas import (
    MAX_EDIT_OPS,
    MAX_KEYWORDS,
    MAX_SECTIONS,
    MAX_SUGGESTIONS,
    drop_empty,
)
from pagebuilder.providers.anthropic.compact import (
    EDIT_REPLY_CHARS,
    INSIGHT_CHARS,
    MAX_INSIGHTS,
)
from pagebuilder.structure import (
    SEO_DESCRIPTION_MAX,
    SEO_TITLE_MAX,
    DraftSection,
    ModelUsage,
    PageStructure,
    Research,
    SeoMetadata,
)
from pagebuilder.validation import plain_text
from websites import anthropic_client
from websites.errors import AppError, InvalidInput


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
    return cut(plain_text(text), limit)


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
    # A stray string or number in the list is dropped.
    sections = [
        _draft_section(number, entry, research, request_id)
        for number, entry in enumerate(raw_sections[:MAX_SECTIONS], start=1)
        if isinstance(entry, dict)
    ]
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


def _draft_section(number: int, entry: dict, research: Research, request_id: str | None) -> DraftSection:
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
    return DraftSection(
        semantic_type=semantic_type.strip(),
        component_id=component_id,
        props=drop_empty(props, _required_props(research, component_id)),
        reasoning=reasoning.strip() if isinstance(reasoning, str) else "",
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


def parse_edit(data: dict, offered: list[str], *, request_id: str | None = None) -> tuple[list, str]:
    """The ``edit_page`` input as edit operations and the reply. A block id that was not offered is refused
    here (AppError), whatever the answer schema said; everything else is checked when the operations are applied."""
    entries = data.get("operations") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise _malformed_edit(f"operations is {type(entries).__name__}, not a list", request_id)
    reply = _plain(data.get("reply") if isinstance(data.get("reply"), str) else "", EDIT_REPLY_CHARS)
    allowed = set(offered)
    ops = [
        _edit_op(number, entry, allowed, request_id)
        for number, entry in enumerate(entries[:MAX_EDIT_OPS], start=1)
        if isinstance(entry, dict)
    ]
    return ops, reply


def _edit_op(number: int, entry: dict, allowed: set[str], request_id: str | None):
    """One ``edit_page`` operation as an edit operation; AppError for a block not offered or a malformed entry."""
    component_id = operations.entry_text(entry, "component_id")
    if component_id and component_id not in allowed:
        raise AppError(
            f"Claude chose the block {component_id!r}, which is not one of the blocks offered for this page; "
            "nothing was changed. Try again, or name the kind of block you want.",
            details={"request_id": request_id},
        )
    try:
        return operations.operation_from(entry, number)
    except InvalidInput as problem:
        raise _malformed_edit(problem.message, request_id) from None
