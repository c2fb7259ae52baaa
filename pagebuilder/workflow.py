"""Page generation, phase by phase: research → structure → style → validate → store → completed.

Each phase is recorded on the AiTask (phase, monotonic progress, a message a person understands) before it
starts. The same function runs in a django-q2 worker (``pagebuilder.tasks``) and in-process for the CLI.
"""

import logging
import time
from dataclasses import asdict, dataclass, field, replace

from django.conf import settings
from django.contrib.auth import get_user_model

from monitoring.models import Operation
from pagebuilder.candidates import candidate_from, contract, missing_capabilities, search_blocks
from pagebuilder.context import build_context, theme_note
from pagebuilder.copywriter import Copywriter, text_filler
from pagebuilder.fact_extraction import describe
from pagebuilder.fact_reading import read_facts
from pagebuilder.operation_metrics import GenerationMeter
from pagebuilder.pages import publish_version, save_version
from pagebuilder.payload import design_payload, effective_theme
from pagebuilder.playbooks import PLAYBOOKS_BY_TYPE, PageTypeMatch, Section, detect_page_type, planned_sections
from pagebuilder.providers import get_provider
from pagebuilder.questions import NeedsInput, missing_data_questions, question_text
from pagebuilder.seo_report import page_report
from pagebuilder.site.frame import SiteFrame
from pagebuilder.site.store import with_site_navigation
from pagebuilder.structure import PageStructure, PlannedSection, Provider, Research, Violation
from pagebuilder.validation import repair_block, validate_block
from registry.categories import adapter_matches, categories_for
from registry.selectors import block_name, track_usage
from websites import jobs
from websites.errors import AppError
from websites.models import AiTask, ApiClient, Website

log = logging.getLogger(__name__)

CANDIDATES_PER_SECTION = 5
# Added to a hit's fused score per matching adapter word (at most two). Neighbouring ranks differ by about
# 0.0005, so one match lifts a curated block roughly eight places among its section's hits.
ADAPTER_BONUS = 0.004
MAX_SECTIONS = 12

# (phase, progress when it starts)
PHASES = {"research": 5, "structure": 35, "style": 62, "validate": 70, "store": 88}


class GenerationFailed(AppError):
    """A generation that cannot produce a page; the message says what to do."""


def find_candidates(research: Research, section, intent: str) -> PlannedSection:
    """The top blocks of the section's categories for this page, without those needing data the site lacks;
    blocks whose curated context adapters name the site's industry or the page's use rank higher."""
    context = research.context
    page = research.playbook.title.lower()
    query = f"{section.semantic_type} section for a {page} of a {context.brand.industry}: {intent}"
    found = search_blocks(query, section.category)
    wanted = (context.brand.industry or "", research.playbook.page_type.replace("_", " "), page)

    def rank(pair) -> tuple[bool, float]:
        # A block whose example sets no props (the real library has 96: `<HeroX />`) gives no shape to fill,
        # so it comes after every block that does, whatever its score.
        component, score = pair
        return (not contract(component).get("x-example-props"), -(score + _adapter_bonus(component, wanted)))

    candidates, skipped = [], []
    for component, score in sorted(found, key=rank):
        missing = missing_capabilities(component, context.capabilities)
        if missing:
            skipped.append(f"{component.component_id} needs {', '.join(missing)}")
            continue
        if len(candidates) < CANDIDATES_PER_SECTION:
            research.components[component.component_id] = component
            candidates.append(candidate_from(component, score))
    return PlannedSection(section=section, candidates=tuple(candidates), skipped=tuple(skipped))


def _adapter_bonus(component, wanted: tuple[str, ...]) -> float:
    return ADAPTER_BONUS * min(adapter_matches(component.context_adapters, wanted), 2)


def research_phase(
    website: Website, request: dict, provider: Provider, progress, frame: SiteFrame | None = None
) -> Research:
    progress("research", PHASES["research"], f"Reading {website.name}'s brand guide, keywords, media and pages")
    reading = read_facts(request.get("additional_context"), provider=provider)  # once per generation
    context = build_context(website, request.get("additional_context"), facts_read=reading.extraction)
    if frame is not None:  # a page of a whole site links to the sitemap's pages, not to what exists today
        context = replace(context, pages=frame.pages)
    intent, slug = request["page_intent"], request["page_category_slug"]
    match = PageTypeMatch(frame.page_type, 1.0, True) if frame else detect_page_type(intent, slug)
    playbook = PLAYBOOKS_BY_TYPE[match.page_type]
    research = Research(intent=intent, slug=slug, context=context, page_type=match, playbook=playbook, sections=[],
                        usage=list(reading.usage), facts_read=reading.extraction, frame=frame)  # fmt: skip
    research.notes += [f"The request's facts were {reading.note.rstrip('.')}."] if reading.note else []
    if context.theme_problems:
        research.notes.append(theme_note(context.theme_problems))
    sections = _sections(research, set(request.get("skip_sections") or []))
    progress("research", 12, f"Planning a {playbook.title.lower()}: finding blocks for {len(sections)} sections")
    for section in sections:
        planned = find_candidates(research, section, intent)
        if planned.candidates:
            research.sections.append(planned)
        elif planned.skipped:
            research.notes.append(
                f"No {section.semantic_type} block fits this site's data ({'; '.join(planned.skipped[:2])})"
            )
        else:
            searched = ", ".join(categories_for(section.category))
            research.notes.append(f"No {section.semantic_type} block is registered (categories searched: {searched}).")
    if not research.sections:
        raise GenerationFailed(
            "No registered block fits any section of this page; sync the component registry (sync_registry) and "
            "check that the site has an active media library."
        )
    progress("research", 25, "Gathering best practices for this kind of page")
    insights, usage, cached = provider.research_insights(research)
    research.insights, research.insights_cached = insights, cached
    research.usage += usage
    return research


def _sections(research: Research, skipped: set[str]) -> list[Section]:
    """The sections to build: the sitemap's for a page of a whole site (its planner asked for missing data
    already), else the playbook's for this site, after asking for the data a required section lacks."""
    playbook, context, frame = research.playbook, research.context, research.frame
    if frame is not None:
        known = {section.semantic_type: section for section in playbook.sections}
        return [known.get(name) or Section(name, name) for name in frame.sections]
    questions = missing_data_questions(playbook, context, skipped)
    if questions:
        raise NeedsInput(questions, research.page_type.page_type, usage=research.usage)
    return [s for s in planned_sections(playbook, context.capabilities) if s.semantic_type not in skipped]


def _section_violations(research: Research, structure: PageStructure) -> dict[int, list[Violation]]:
    allowed = set(research.candidate_ids)
    found: dict[int, list[Violation]] = {}
    for index, section in enumerate(structure.sections):
        if section.component_id not in allowed:
            found[index] = [
                Violation("", "unknown_component", f"{section.component_id!r} is not one of the candidate blocks")
            ]
            continue
        component = research.components.get(section.component_id)
        violations = validate_block(component, section.component_id, section.props, research.context)
        if violations:
            found[index] = violations
    return found


def validate_phase(
    research: Research, structure: PageStructure, provider: Provider, progress
) -> tuple[PageStructure, list, list, list]:
    """(the structure after any repair round, valid sections as (semantic type, component, props, reasoning),
    dropped sections, repairs made by rules)."""
    structure.sections = structure.sections[:MAX_SECTIONS]
    progress("validate", PHASES["validate"], f"Checking {len(structure.sections)} blocks against their contracts")
    violations = _section_violations(research, structure)
    if violations and provider.name != "offline":
        count = sum(len(v) for v in violations.values())
        progress("validate", 74, f"Asking {provider.name} to fix {count} problems in {len(violations)} blocks")
        try:
            structure = provider.repair(research, structure, violations)
        except AppError as error:  # the deterministic repair below still runs
            log.warning("Repair round failed: %s", error.message)
            research.notes.append(f"The repair round failed ({error.message}); repaired by rules instead.")
        violations = _section_violations(research, structure)
    progress("validate", 80, "Repairing what is left and dropping what cannot be fixed")
    writer = Copywriter(research.context, research.playbook.page_type, research.intent, frame=research.frame)
    valid, dropped, repairs = [], [], []
    for index, section in enumerate(structure.sections):
        component = research.components.get(section.component_id)
        if index in violations:
            if violations[index][0].rule == "unknown_component":
                dropped.append(_dropped(section, violations[index]))
                continue
            result = repair_block(
                component, section.component_id, section.props, research.context,
                fill_text=text_filler(writer, section.semantic_type),
            )  # fmt: skip
            if not result.ok:
                dropped.append(_dropped(section, result.violations))
                continue
            section.props = result.props
            repairs += [f"{section.semantic_type} ({section.component_id}): {r}" for r in result.repairs]
        valid.append((section.semantic_type, component, section.props, section.reasoning))
    if not valid and dropped:
        reasons = "; ".join(f"{d['component_id']}: {d['reasons'][0]}" for d in dropped[:3])
        raise GenerationFailed(f"Every block broke its contract and was dropped ({reasons}); try again.")
    if not valid:  # the provider built nothing: say why, in its own words, never an empty "()"
        why = " ".join([*research.notes, *structure.content_suggestions][:4]) or "no candidate block could be filled."
        raise GenerationFailed(f"No section of this page could be built from the site's data. {why}")
    return structure, valid, dropped, repairs


def _dropped(section, violations: list[Violation]) -> dict:
    return {
        "semantic_type": section.semantic_type,
        "component_id": section.component_id,
        "reasons": [str(v) for v in violations[:5]],
    }


def usage_summary(usages) -> dict:
    calls = [asdict(u) for u in usages]
    return {
        "calls": calls,
        "input_tokens": sum(u["input_tokens"] + u["cache_creation_input_tokens"] + u["cache_read_input_tokens"]
                            for u in calls),
        "output_tokens": sum(u["output_tokens"] for u in calls),
        "cost_usd": round(sum(u["cost_usd"] for u in calls), 6),
    }  # fmt: skip


def generate(task: AiTask, *, provider: Provider | None = None, progress=None) -> dict:
    """Run every phase for ``task`` (already processing) and return its result; raises AppError on failure."""
    started = time.monotonic()
    request = task.input or {}
    provider = provider or get_provider(request.get("provider"))
    website = Website.objects.filter(pk=task.website_id).first()
    if website is None:
        raise GenerationFailed(f"Website {task.website_id} no longer exists.")

    def record(phase: str, value: int, message: str) -> None:
        jobs.record_phase(task, phase, value, message)
        if progress:
            progress(phase, value, message)

    built = build_page(website, request, provider, record)
    research, structure, valid = built.research, built.structure, built.valid
    record("store", PHASES["store"], "Saving the page" + (" and publishing it" if request.get("publish") else ""))
    payload = with_site_navigation(website, research.slug, built.payload(str(task.pk)), built.theme)
    version = _save(website, research, structure, payload, len(valid), built.provider.name, task, request)
    if request.get("publish"):
        publish_version(version)
    for _, component, _, _ in valid:
        track_usage(component.component_id)
    result = _result(research, structure, valid, built.provider.name, version, payload, request)
    seo = page_report(website, slug=research.slug, payload=payload, seo=structure.seo,
                      site_keywords=research.context.keywords)  # fmt: skip
    return {**result, "seo_report": seo.as_dict(), "dropped_sections": built.dropped, "repairs": built.repairs,
            "fallback": built.fallback, "duration_ms": round((time.monotonic() - started) * 1000)}  # fmt: skip


@dataclass
class BuiltPage:
    """A page written and checked, not yet stored: what ``generate`` stores alone and a site build stores with
    the site's navigation around it."""

    research: Research
    structure: PageStructure
    provider: Provider  # the provider that wrote it (the offline planner after a fallback)
    fallback: dict | None
    theme: dict
    valid: list  # (semantic type, component, props, reasoning) in page order
    dropped: list = field(default_factory=list)
    repairs: list = field(default_factory=list)

    def payload(self, task_id: str | None, extra: tuple[list, list] = ([], [])) -> dict:
        """The design payload; ``extra`` = (blocks before, blocks after) as (semantic type, component, props)."""
        before, after = extra
        return design_payload(
            sections=[*before, *((t, component, props) for t, component, props, _ in self.valid), *after],
            theme=self.theme,
            slug=self.research.slug,
            task_id=task_id,
            provider=self.provider.name,
            intent=self.research.intent,
        )


def build_page(website: Website, request: dict, provider: Provider, record, frame: SiteFrame | None = None):
    """Research, structure, style and validate one page (``frame``: as a page of a whole site)."""
    research = research_phase(website, request, provider, record, frame)
    record("structure", PHASES["structure"], f"Writing the page with the {provider.name} provider")
    structure, provider, fallback = _structure(research, provider, record)
    record("style", PHASES["style"], "Applying the website's style guide")
    theme = effective_theme(research.context)
    structure, valid, dropped, repairs = validate_phase(research, structure, provider, record)
    return BuiltPage(research, structure, provider, fallback, theme, valid, dropped, repairs)


def _structure(research: Research, provider: Provider, record) -> tuple[PageStructure, Provider, dict | None]:
    """The page written by ``provider``; when Claude is unavailable (retries spent on 429/5xx/overloaded, a
    timeout, a lost connection) and ``CLAUDE_OFFLINE_FALLBACK`` is on, written by the offline planner instead,
    with the reason kept for the result and the chat. A refusal or a malformed answer still fails the page."""
    try:
        return provider.generate_structure(research), provider, None
    except AppError as error:
        if provider.name == "offline" or not error.retryable or not settings.CLAUDE_OFFLINE_FALLBACK:
            raise
        reason = error.message
    log.warning("Claude was unavailable; writing the page offline instead: %s", reason)
    research.notes.append(f"Written offline because Claude was unavailable: {reason}")
    record("structure", PHASES["structure"], "Claude is unavailable: writing the page offline instead")
    offline = get_provider("offline")
    return offline.generate_structure(research), offline, {"from": provider.name, "reason": reason}


def _result(research, structure, valid, provider: str, version, payload: dict, request: dict) -> dict:
    """The task's result: what was built and why, for the API, the chat and the webhook."""
    return {
        "page_title": structure.page_title,
        "page_type": research.page_type.page_type,
        "page_category_slug": research.slug,
        "version_id": version.pk,
        "published": bool(request.get("publish")),
        "provider": provider,
        "sections": [
            {
                "semantic_type": semantic_type,
                "component_id": component.component_id,
                "display_name": component.display_name,
                "block_name": block_name(component),
                "reasoning": reasoning,
            }
            for semantic_type, component, _, reasoning in valid
        ],
        "seo_metadata": asdict(structure.seo),
        "content_suggestions": structure.content_suggestions,
        "insights": research.insights,
        "insights_cached": research.insights_cached,
        "notes": research.notes,
        "facts_found": describe(research.facts_read),
        "usage": usage_summary([*research.usage, *structure.usage]),
        "design_payload": payload,
    }


def _save(website, research, structure, payload, sections: int, provider: str, task, request):
    author = get_user_model().objects.filter(pk=request.get("user_id")).first() if request.get("user_id") else None
    client = ApiClient.objects.filter(pk=request.get("api_client_id")).first() if request.get("api_client_id") else None
    return save_version(
        website=website,
        slug=research.slug,
        title=structure.page_title,
        payload=payload,
        seo_title=structure.seo.title,
        seo_description=structure.seo.description,
        source="generated",
        summary=f"Generated {_a(research.playbook.title.lower())} with {sections} sections ({provider})",
        task_id=task.pk,
        author=author,
        api_client=client,
    )


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def completion_message(result: dict) -> str:
    sections = len(result["sections"])
    published = " and published" if result["published"] else " as a draft"
    return f"Done: a {sections}-section page saved{published}."


def run_task(task: AiTask, *, provider: Provider | None = None, progress=None) -> AiTask:
    """Generate, then mark the task completed or failed (with an error a person can act on); every outcome is
    recorded for the operators' metrics."""
    meter = GenerationMeter(task, progress)
    try:
        result = generate(task, provider=provider, progress=meter.progress)
    except NeedsInput as asking:
        result = {"questions": [q.as_dict() for q in asking.questions], "page_type": asking.page_type}
        result.update({"usage": usage_summary(asking.usage)} if asking.usage else {})
        jobs.ask(task, result, question_text(asking.questions))
        meter.record(Operation.Outcome.NEEDS_INPUT, result)
        return task
    except AppError as error:
        jobs.fail(task, error.message)
        meter.record(Operation.Outcome.FAILED, error=error.message)
        return task
    except Exception:
        log.exception("Page generation %s crashed", task.pk)
        jobs.fail(task, "The page builder hit an internal error; the team has the details. Try again.")
        meter.record(Operation.Outcome.FAILED, error="internal error")
        return task
    jobs.complete(task, result, completion_message(result))
    meter.record(Operation.Outcome.COMPLETED, result)
    return task
