"""The structure call of a page built as part of a whole site (issue 16) offers each section's best-ranked
``SITE_PAGE_CANDIDATES`` blocks, in the page plan, the catalogue and the answer schema alike; a page alone still
offers every candidate. Six pages pay for what is offered once each, so this keeps a six-page site within its
input-token budget (tests/benchmarks/site_token_bench.py)."""

import json
from dataclasses import replace

from pagebuilder.providers.anthropic.requests import SITE_PAGE_CANDIDATES, structure_request
from pagebuilder.site.frame import SiteFrame
from tests.pagebuilder.test_claude_provider import between, make_research, site  # noqa: F401 (the site fixture)


def offered(request: dict) -> tuple[list[list[str]], list[str], list[str]]:
    """Per section the candidates of the page plan; the catalogue's ids; the answer schema's block ids."""
    plan = json.loads(between(request["prompt"], "page_plan"))
    catalogue = json.loads(between(request["prompt"], "catalogue"))
    variants = request["input_schema"]["properties"]["semantic_sections"]["items"]["anyOf"]
    return (
        [section["candidates"] for section in plan["sections"]],
        [entry["id"] for entry in catalogue],
        [variant["properties"]["component_id"]["const"] for variant in variants],
    )


def test_a_page_of_a_site_offers_each_sections_best_blocks_and_a_page_alone_every_one(site):  # noqa: F811
    research = make_research(site)
    assert {len(planned.candidates) for planned in research.sections} == {5}
    frame = SiteFrame(page_type="about", sections=("hero", "about", "cta"), pages=(("about", "About"),))

    per_section, catalogue, schema = offered(structure_request(replace(research, frame=frame)))

    best = [[c.component_id for c in planned.candidates[:SITE_PAGE_CANDIDATES]] for planned in research.sections]
    assert SITE_PAGE_CANDIDATES == 3 and per_section == best
    assert catalogue == schema == list(dict.fromkeys(cid for ids in best for cid in ids))
    every = [[c.component_id for c in planned.candidates] for planned in research.sections]
    assert offered(structure_request(research))[0] == every
