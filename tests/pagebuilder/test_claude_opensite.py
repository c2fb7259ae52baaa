"""The Claude path with the real @opensite/ui library (issue 11, item 5, in part): a real export block that
gets a prop outside its inferred contract goes back to Claude in the repair round, and what Claude does not fix
is dropped by rule, so nothing outside the contract is stored. Runs over the shared strict fake transport;
skips only when ../shared/opensite is absent."""

import copy
import json

import pytest

from pagebuilder.models import PageVersion
from pagebuilder.providers import get_provider
from tests.fake_anthropic import answer_name
from tests.opensite import needs_export, only_the_real_library
from tests.pagebuilder.conftest import FACTS, generate

INSIGHTS = {"insights": ["Open with the story.", "Show the people.", "End with a visit invitation."]}

pytestmark = [pytest.mark.django_db, needs_export]


@pytest.fixture
def real_library(crumb) -> set[str]:
    return only_the_real_library()


def page_with_a_stray_prop(crumb) -> tuple[dict, dict]:
    """A build_page answer made of the offline planner's real blocks, its hero given a prop it does not have."""
    offline = generate(crumb, "make an about page for our family bakery", "about", context=FACTS).result
    PageVersion.objects.all().delete()
    sections = [
        {"semantic_type": b["_name"], "component_id": b["_component"], "props": b["_props"], "reasoning": "Fits."}
        for b in offline["design_payload"]["blocks"]
    ]
    original = copy.deepcopy(sections[0])
    sections[0]["props"]["sparkleMode"] = "maximum"
    page = {
        "page_title": offline["page_title"],
        "semantic_sections": sections,
        "seo_metadata": {"title": "About Crumb & Co.", "description": "Our family bakery.", "keywords": ["bakery"]},
        "content_suggestions": [],
    }
    return page, original


def run(crumb):
    return generate(crumb, "make an about page for our family bakery", "about", context=FACTS,
                    provider=get_provider("anthropic"))  # fmt: skip


def test_a_prop_outside_a_real_blocks_contract_goes_to_the_repair_round(crumb, claude, real_library):
    page, original = page_with_a_stray_prop(crumb)
    assert original["component_id"] in real_library
    claude.answers["record_insights"].append(INSIGHTS)
    claude.answers["build_page"].append(page)
    claude.answers["repair_sections"].append({"sections": [{"index": 0, **original}]})

    task = run(crumb)

    assert task.status == "completed", task.error
    repair = claude.requests[-1]
    assert answer_name(repair) == "repair_sections"
    assert "'sparkleMode' is not a prop of this block" in json.dumps(repair)
    hero = task.result["design_payload"]["blocks"][0]
    assert hero["_component"] == original["component_id"] and "sparkleMode" not in hero["_props"]


def test_a_stray_prop_claude_keeps_is_dropped_by_rule(crumb, claude, real_library):
    page, _ = page_with_a_stray_prop(crumb)
    claude.answers["record_insights"].append(INSIGHTS)
    claude.answers["build_page"].append(page)
    claude.answers["repair_sections"].append({"sections": [{"index": 0, **page["semantic_sections"][0]}]})

    task = run(crumb)

    assert task.status == "completed", task.error
    assert "sparkleMode" not in task.result["design_payload"]["blocks"][0]["_props"]
    assert any("sparkleMode" in repair for repair in task.result["repairs"])
