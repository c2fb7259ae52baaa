"""The Claude provider: research insights (cached), the page structure, one repair round and chat edits, each one
structured call through ``websites.anthropic_client.call_tool``; see the package docstring for the calls."""

import logging
from dataclasses import asdict, replace

from django.conf import settings

from pagebuilder.editing.offers import edit_candidates
from pagebuilder.fact_extraction.found import Extraction
from pagebuilder.providers.answer_schemas import (
    asked_indexes,
    variant_ids,
)
from pagebuilder.providers.anthropic.fact_answer import parse_facts
from pagebuilder.providers.anthropic.fact_request import facts_request
from pagebuilder.providers.anthropic.parse import (
    apply_repairs,
    model_usage,
    parse_edit,
    parse_insights,
    parse_structure,
)
from pagebuilder.providers.anthropic.requests import (
    edit_request,
    offered_ids,
    repair_request,
    research_request,
    structure_request,
)
from pagebuilder.providers.anthropic.research_cache import (
    cached_insights,
    industry_key,
    store_insights,
)
from pagebuilder.providers.anthropic.site_request import plan_site_request
from pagebuilder.site.plan_answer import checked_sitemap
from pagebuilder.site.plan_request import SitePlanRequest
from pagebuilder.site.sitemap import Sitemap
from pagebuilder.structure import (
    ModelUsage,
    PageStructure,
    Research,
    Violation,
)
from websites import anthropic_client
from websites.errors import AppError

log = logging.getLogger(__name__)


class AnthropicProvider:
    """Six kinds of call, each answered through structured outputs (never a forced tool choice):

    - research (``ANTHROPIC_FAST_MODEL``, answer ``record_insights``): 5 to 8 best-practice insights for the page
      type and industry, cached for ``RESEARCH_CACHE_DAYS``. With ``ANTHROPIC_WEB_SEARCH`` Claude may search the
      web up to 3 times first, and answers through a strict tool offered with ``tool_choice: auto``. A failed
      research never fails the page: it is logged, noted, and the page is planned without insights;
    - structure (``ANTHROPIC_MODEL``, answer ``build_page``): one block per planned section, chosen only from
      that section's candidates, with its props typed by the block's own contract (``answer_schemas``);
    - repair (same model, ``repair_sections``): only the broken sections, their problems and their candidates;
    - edit (same model, ``edit_page``): operations for a chat message that ``apply_edits`` checks like any other;
    - facts (``ANTHROPIC_FAST_MODEL``, ``record_facts``): the facts an editor's text states, in the kinds and
      fields of ``websites.fact_kinds``, each kept only when the text states it (``fact_answer``, ``stated``);
    - site plan (``ANTHROPIC_MODEL``, ``plan_site``): the pages of a whole site, checked by the offline planner's
      rules (``pagebuilder.site.plan_answer``).
    """

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

    # --- facts the editor writes -----------------------------------------------------------------------------

    def extract_facts(self, text: str) -> tuple[Extraction, list[ModelUsage]]:
        """The facts ``text`` states as Claude reads them, those the text does not state dropped, and the call's
        usage. AppError when the call fails or its answer is malformed (the usage travels in ``details``)."""
        call = anthropic_client.call_tool(**facts_request(text))
        usage = model_usage("facts", call)
        try:
            extraction = parse_facts(call.input, text, request_id=call.request_id)
        except AppError as error:
            error.details = {**(error.details or {}), "usage": [asdict(usage)]}
            raise
        return extraction, [usage]

    # --- refinement by chat -----------------------------------------------------------------------------------

    def plan_edit(self, ectx, payload: dict, message: str) -> tuple[list, str, list[ModelUsage]]:
        """The operations (``pagebuilder.editing.operations``) Claude plans for the editor's ``message`` on
        ``payload``, its reply to the editor, and the call's usage. ``ectx`` is the draft's ``EditContext``
        (site context, the page's components, candidate blocks by category). AppError when the call fails or its
        answer is malformed or names a block that was not offered (the usage travels in ``details``)."""
        if not ectx.candidates:
            ectx.candidates = edit_candidates(ectx, message)
        request = edit_request(ectx, payload, message)
        call = anthropic_client.call_tool(**request)
        usage = model_usage("edit", call)
        try:
            ops, reply = parse_edit(call.input, offered_ids(ectx), request_id=call.request_id)
        except AppError as error:
            error.details = {**(error.details or {}), "usage": [asdict(usage)]}
            raise
        return ops, reply, [usage]

    # --- a whole site's sitemap -------------------------------------------------------------------------------

    def plan_site(self, request: SitePlanRequest) -> tuple[Sitemap, list[ModelUsage]]:
        """The sitemap Claude proposes for ``request``, checked and normalised (``plan_answer``), and the call's
        usage. AppError when the call fails or the answer holds no page that can be built (usage in ``details``)."""
        call = anthropic_client.call_tool(**plan_site_request(request))
        usage = model_usage("site_plan", call)
        try:
            sitemap = checked_sitemap(request, call.input, provider=self.name, request_id=call.request_id)
        except AppError as error:
            error.details = {**(error.details or {}), "usage": [asdict(usage)]}
            raise
        return sitemap, [usage]
