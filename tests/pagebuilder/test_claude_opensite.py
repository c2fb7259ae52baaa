"""The Claude path with the real @opensite/ui library (issue 11, item 5): the schema Claude answers in carries
each real candidate block's own props schema, so a prop outside a block's contract cannot come back typed; where
a block answers in free form (its schema does not fit the size budget), a stray prop goes back to Claude in the
repair round, and what Claude does not fix is dropped by rule, so nothing outside the contract is stored. Runs
over the shared strict fake transport; skips only when ../shared/opensite is absent."""

import copy
import json

import pytest
from django.test import override_settings

from pagebuilder.providers import get_provider
from pagebuilder.providers.answer_schemas import typed_props
from registry.jsx_examples import is_placeholder
from registry.models import AiSemanticComponent
from tests.fake_anthropic import NotSendable, answer_name, answer_schema, as_wire, check_answer, filled_in
from tests.helpers.claude_answers import offline_answer
from tests.helpers.generation import FACTS, generate
from tests.helpers.opensite import needs_export, only_the_real_library

INSIGHTS = {"insights": ["Open with the story.", "Show the people.", "End with a visit invitation."]}

pytestmark = [pytest.mark.django_db, needs_export]


@pytest.fixture
def real_library(crumb) -> set[str]:
    return only_the_real_library()


def offline_page(crumb) -> dict:
    """A build_page answer made of the offline planner's real blocks for the same request."""
    return offline_answer(crumb, "make an about page for our family bakery", "about")


def without_flags(value: object) -> object:
    """``value`` without its booleans (the schema makes Claude write every flag; ``false`` is not "leave out")."""
    if isinstance(value, dict):
        return {k: without_flags(v) for k, v in value.items() if not isinstance(v, bool)}
    if isinstance(value, list):
        return [without_flags(item) for item in value]
    return value


def page_with_a_stray_prop(crumb) -> tuple[dict, dict]:
    """The offline page, its hero given a prop its contract does not have (and the hero as it was)."""
    page = offline_page(crumb)
    original = copy.deepcopy(page["semantic_sections"][0])
    page["semantic_sections"][0]["props"]["sparkleMode"] = "maximum"
    return page, original


def run(crumb):
    return generate(crumb, "make an about page for our family bakery", "about", context=FACTS,
                    provider=get_provider("anthropic"))  # fmt: skip


def test_each_real_candidate_answers_in_its_own_props_schema(crumb, claude, real_library):
    page = offline_page(crumb)
    claude.answers["record_insights"].append(INSIGHTS)
    claude.answers["build_page"].append(filled_in(page))

    task = run(crumb)

    assert task.status == "completed", task.error
    request = next(body for body in claude.requests if answer_name(body) == "build_page")
    variants = answer_schema(request)["properties"]["semantic_sections"]["items"]["anyOf"]
    typed = 0
    for variant in variants:
        component_id = variant["properties"]["component_id"]["const"]
        assert component_id in real_library
        contract = AiSemanticComponent.objects.get(component_id=component_id).props_schema
        props = variant["properties"]["props"]
        if typed_props(contract) is None:
            assert props["type"] == "string", "a block without a typed contract answers in JSON text"
            continue
        typed += 1
        example = contract["x-example-props"]
        literal = {k for k in contract["properties"] if not is_placeholder(example.get(k))}
        assert props["additionalProperties"] is False
        assert set(props["properties"]) == literal
        assert set(props["required"]) == literal, "every prop is written (empty to leave it out)"
    assert typed >= len(variants) * 0.8
    assert claude.refusals == [], "the real schema subset and its complexity limits are respected"
    stored = task.result["design_payload"]["blocks"]
    for block, section in zip(stored, page["semantic_sections"], strict=True):  # the props written empty are gone;
        assert without_flags(block["_props"]) == without_flags(section["props"])  # a yes/no has no empty value

    stray = filled_in(copy.deepcopy(page))(request)
    stray["semantic_sections"][0]["props"]["sparkleMode"] = "maximum"
    with pytest.raises(NotSendable, match="'sparkleMode' was unexpected"):  # constrained decoding could not write it
        check_answer(as_wire(stray, answer_schema(request)), answer_schema(request))


@override_settings(ANTHROPIC_ANSWER_SCHEMA_MAX_CHARS=0)
def test_a_stray_prop_in_free_form_props_goes_to_the_repair_round(crumb, claude, real_library):
    page, original = page_with_a_stray_prop(crumb)
    assert original["component_id"] in real_library
    claude.answers["record_insights"].append(INSIGHTS)
    claude.answers["build_page"].append(page)
    fixed = {k: v for k, v in original.items() if k != "semantic_type"}
    claude.answers["repair_sections"].append({"sections": [{"index": 0, **fixed}]})

    task = run(crumb)

    assert task.status == "completed", task.error
    build = next(body for body in claude.requests if answer_name(body) == "build_page")
    variants = answer_schema(build)["properties"]["semantic_sections"]["items"]["anyOf"]
    assert {v["properties"]["props"]["type"] for v in variants} == {"string"}, "no budget: every block free-form"
    repair = claude.requests[-1]
    assert answer_name(repair) == "repair_sections"
    assert "'sparkleMode' is not a prop of this block" in json.dumps(repair)
    hero = task.result["design_payload"]["blocks"][0]
    assert hero["_component"] == original["component_id"]
    assert "sparkleMode" not in hero["_props"]


@override_settings(ANTHROPIC_ANSWER_SCHEMA_MAX_CHARS=0)
def test_a_stray_prop_claude_keeps_is_dropped_by_rule(crumb, claude, real_library):
    page, _ = page_with_a_stray_prop(crumb)
    kept = {k: v for k, v in page["semantic_sections"][0].items() if k != "semantic_type"}
    claude.answers["record_insights"].append(INSIGHTS)
    claude.answers["build_page"].append(page)
    claude.answers["repair_sections"].append({"sections": [{"index": 0, **kept}]})

    task = run(crumb)

    assert task.status == "completed", task.error
    assert "sparkleMode" not in task.result["design_payload"]["blocks"][0]["_props"]
    assert any("sparkleMode" in repair for repair in task.result["repairs"])
