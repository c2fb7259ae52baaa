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

from pagebuilder.providers.anthropic.provider import AnthropicProvider

__all__ = ["AnthropicProvider"]
