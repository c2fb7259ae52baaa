"""The offline provider: a deterministic planner that needs no model and no network.

It plans the page from the playbook, takes each section's candidates in search-rank order and keeps the first
whose props, written by ``PropsFiller`` from the site's own data, pass the contract (after deterministic
repair). The same inputs give the same page. What it does not do: write new marketing copy beyond its
templates, invent facts, or understand free-text notes in the request (only the labelled facts of
``pagebuilder.facts``).
"""

from pagebuilder.copywriter import Copywriter, capitalise, fit, text_filler
from pagebuilder.editing import grammar
from pagebuilder.fact_extraction.extract import extract_facts
from pagebuilder.fact_extraction.found import Extraction
from pagebuilder.facts import FACT_HINTS
from pagebuilder.props_filler import PropsFiller, filled_share, texts_of
from pagebuilder.site.plan_request import SitePlanRequest
from pagebuilder.site.sitemap import Sitemap, propose_sitemap
from pagebuilder.statements import Statements, stated_sentences
from pagebuilder.structure import DraftSection, ModelUsage, PageStructure, Research, SeoMetadata
from pagebuilder.validation import repair_block

SEO_TITLE_MAX, SEO_DESCRIPTION_MAX = 60, 160


# Below this share of its example's content (``filled_share``) a block is used only when no candidate does better.
FILLED_ENOUGH = 0.4
# Below this share an optional section is left out even when no candidate does better (a title and nothing else).
BARE = 0.2


class OfflineProvider:
    name = "offline"
    display_name = "The offline planner"

    def research_insights(self, research: Research) -> tuple[list[str], list[ModelUsage], bool]:
        insights = [f"{s.semantic_type.capitalize()}: {s.guidance}" for s in research.playbook.sections if s.guidance]
        return insights, [], False

    def generate_structure(self, research: Research) -> PageStructure:
        context = research.context
        writer = Copywriter(context, research.playbook.page_type, research.intent, frame=research.frame)
        filler = PropsFiller(context, writer, research.slug)
        planned_types = [planned.section.semantic_type for planned in research.sections]
        writer.statements = Statements(stated_sentences(research.intent, *context.notes), planned_types)
        sections: list[DraftSection] = []
        suggestions: list[str] = []
        for index, planned in enumerate(research.sections):
            semantic_type = planned.section.semantic_type
            filler.reserved = set(planned_types[index + 1 :])
            chosen, tried = self._first_fitting(research, planned, filler)
            if chosen is not None:
                sections.append(chosen)
                filler.keep(chosen.props)
            else:
                suggestions.append(self._missing_hint(planned, tried, writer))
            writer.statements.section_kept(semantic_type, texts_of(chosen.props) if chosen else set())
        suggestions += [f"“{said}” did not fit any section's text; add it with a section's Edit button."
                        for said in writer.statements.unplaced()]  # fmt: skip
        suggestions += self._capability_hints(research)
        title = writer.page_headline(80)
        return PageStructure(
            page_title=title,
            sections=sections,
            seo=self._seo(research, writer, title),
            content_suggestions=list(dict.fromkeys(s for s in suggestions if s)),
        )

    def _first_fitting(self, research: Research, planned, filler: PropsFiller) -> tuple[DraftSection | None, list]:
        """The section written with the best-ranked candidate whose props the site's data fills validly (and
        enough of them), and what was passed over on the way."""
        semantic_type, context = planned.section.semantic_type, research.context
        thin, tried = [], []
        for rank, candidate in enumerate(planned.candidates):
            if not candidate.example_props:  # no contract to follow: the planner cannot write its props
                tried.append(f"{candidate.display_name} (no example props in its contract)")
                continue
            component = research.components.get(candidate.component_id)
            props = filler.fill(candidate, semantic_type)
            fill_text = text_filler(filler.writer, semantic_type, filler.said | filler.texts.written)
            result = repair_block(component, candidate.component_id, props, context, fill_text=fill_text)
            if not result.ok:
                tried.append(f"{candidate.display_name} ({result.violations[0]})")
                continue
            section = DraftSection(semantic_type, candidate.component_id, result.props,
                                   self._reasoning(planned, rank, candidate, tried))  # fmt: skip
            share = filled_share(result.props, candidate.example_props)
            if share >= FILLED_ENOUGH:
                return section, tried
            # Most of what the block shows would be missing: a later candidate may suit the site's data better.
            thin.append((share, -rank, section))
            tried.append(f"{candidate.display_name} (only {share:.0%} of its example could be filled)")
        best = max(thin, key=lambda entry: entry[:2], default=None)
        if best is None or (best[0] < BARE and not planned.section.required):
            return None, tried  # a heading over nothing: an optional section is better left out
        return best[2], tried

    def repair(self, research, structure, violations) -> PageStructure:
        return structure  # offline output is already repaired deterministically; nothing to ask

    def extract_facts(self, text: str) -> tuple[Extraction, list[ModelUsage]]:
        """The offline extractor's reading (``pagebuilder.fact_extraction``): no model, no usage."""
        return extract_facts(text), []

    def plan_edit(self, ectx, payload: dict, message: str) -> tuple[list | None, str, list[ModelUsage]]:
        """The chat grammar's operations (``pagebuilder.editing.grammar``), or its help reply."""
        parsed = grammar.parse(message, payload)
        return parsed.ops, parsed.help or "", []

    def plan_site(self, request: SitePlanRequest) -> tuple[Sitemap, list[ModelUsage]]:
        """The offline planner's sitemap (``pagebuilder.site.sitemap``): no model, no usage."""
        return propose_sitemap(request.website, request.intent, context=request.context), []

    @staticmethod
    def _reasoning(planned, rank: int, candidate, tried: list[str]) -> str:
        section = planned.section
        why = (
            f"Best-ranked {section.category} block for this page"
            if rank == 0
            else (f"First {section.category} block whose contract the site's data satisfies")
        )
        parts = [f"{why} (search score {candidate.score:.3f})."]
        if section.guidance:
            parts.append(section.guidance)
        if tried:
            parts.append("Passed over: " + "; ".join(tried[:2]) + ".")
        if planned.skipped:
            parts.append("Left out for missing data: " + ", ".join(planned.skipped[:3]) + ".")
        return " ".join(parts)[:600]

    @staticmethod
    def _missing_hint(planned, tried: list[str], writer: Copywriter) -> str:
        """Which section was left out and why, with the first blocks' own reasons (what data they lacked)."""
        why = f" Tried: {'; '.join(tried[:2])}." if tried else ""
        section = planned.section.semantic_type
        if section in ("services", "features") and not writer.topics:
            why = f" Add your services on the Site facts page (e.g. '{FACT_HINTS['offerings']}') to list them.{why}"
        return f"No {section} block could be filled from the site's data, so it was left out.{why}"

    @staticmethod
    def _capability_hints(research: Research) -> list[str]:
        hints = []
        for section in research.playbook.sections:
            if section.needs and section.needs not in research.context.capabilities and section.needs in FACT_HINTS:
                hints.append(
                    f"To add a {section.semantic_type} section, give the facts in the request's additional "
                    f"context, e.g. '{FACT_HINTS[section.needs]}'."
                )
        return hints

    @staticmethod
    def _seo(research: Research, writer: Copywriter, title: str) -> SeoMetadata:
        name = research.context.name
        seo_title = fit([f"{title} | {name}" if name not in title else title, title, name], SEO_TITLE_MAX)
        focus = writer.focus
        first = writer.lead()
        description = fit(
            [
                f"{first} {capitalise(focus)} and more at {name}." if focus.lower() not in first.lower() else first,
                first,
                f"{capitalise(focus)} at {name}.",
            ],
            SEO_DESCRIPTION_MAX,
        )
        keywords = list(dict.fromkeys([focus, *research.context.keywords]))[:8]
        return SeoMetadata(title=seo_title, description=description, keywords=keywords)
