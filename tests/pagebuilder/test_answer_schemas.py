"""The answer schemas' per-block props: a contract in the structured-outputs subset, empty values as "leave it
out", the size budget that sends the least likely candidates back to free form, and what the wire carries."""

import json

import pytest
from django.test import override_settings

from pagebuilder.providers.answer_schemas import build_page_schema, drop_empty, typed_props, variant_ids
from pagebuilder.structure import Candidate
from tests.fake_anthropic import MAX_OPTIONAL, Refused, check_request
from websites.anthropic_client import _decode_json_paths, to_wire_schema

CONTRACT = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["title"],
    "properties": {
        "title": {"type": "string", "maxLength": 80},
        "icon": {},  # an icon component in the example: not Claude's to write
        "layout": {"type": "string", "enum": ["grid", "list"]},
        "plans": {
            "type": "array",
            "maxItems": 4,
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "price": {"type": "number"}, "badge": {}},
            },
        },
        "tags": {"type": "array", "items": {}},
    },
    "x-example-props": {"title": "Plans"},
}


def candidate(component_id: str, schema: dict, score: float = 0.5) -> Candidate:
    return Candidate(component_id, component_id, "", "pricing", "Block", score, ("title",), {}, {}, (), {}, (),
                     props_schema=schema)  # fmt: skip


def test_a_contract_becomes_closed_typed_props_with_every_prop_required():
    typed = typed_props(CONTRACT)

    assert set(typed["properties"]) == {"title", "layout", "plans", "tags"}, "placeholders are left out"
    assert typed["required"] == list(typed["properties"])
    assert typed["properties"]["layout"]["enum"] == ["grid", "list", ""], "empty still means leave it out"
    plan = typed["properties"]["plans"]["items"]
    assert plan["properties"] == {"name": {"type": "string"}, "price": {"type": "number"}}
    assert typed["properties"]["tags"]["items"] == {"type": "string"}
    assert "maxLength" not in json.dumps(typed), "limits are stated in the catalogue's rules, not the schema"


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "object", "properties": {}},  # a bare <Block />
        {"type": "object", "properties": {"title": {"type": ["string", "null"]}}},  # a union
        {"type": "object", "properties": {"meta": {"type": "object"}}},  # a free-form object inside
        {"type": "object", "properties": {"a": {"anyOf": [{"type": "string"}, {"type": "number"}]}}},
        {"type": "object", "additionalProperties": True, "properties": {"a": {"type": "string"}}},
        None,
    ],
)
def test_contracts_the_subset_cannot_say_answer_in_free_form(schema):
    assert typed_props(schema) is None


def test_a_required_prop_the_example_could_not_show_is_text():
    typed = typed_props({"type": "object", "required": ["label"], "properties": {"label": {}, "x": {"type": "string"}}})
    assert typed["properties"]["label"] == {"type": "string"}


def test_props_written_empty_are_dropped_but_required_ones_stay_for_validation():
    props = {
        "title": "",
        "layout": "",
        "plans": [{"name": "Basic", "price": 0, "badge": ""}, {"name": "", "price": ""}],
        "tags": [],
        "cta": {"label": "", "href": ""},
        "featured": False,
    }
    assert drop_empty(props, ("title",)) == {
        "title": "",
        "plans": [{"name": "Basic", "price": 0}],
        "featured": False,
    }


def test_the_page_schema_is_one_variant_per_candidate_and_passes_the_real_limits():
    candidates = [candidate("pricing-a", CONTRACT), candidate("pricing-b", {"type": "object", "properties": {}})]
    schema = build_page_schema(candidates)

    assert variant_ids(schema["properties"]["semantic_sections"]["items"]) == {"pricing-a", "pricing-b"}
    wire, paths = to_wire_schema(schema)
    body = {
        "model": "claude-sonnet-5-5",
        "max_tokens": 100,
        "messages": [{"role": "user", "content": "x"}],
        "output_config": {"format": {"type": "json_schema", "schema": wire}},
    }
    check_request(body)  # raises Refused for anything the real API refuses
    assert paths == (("semantic_sections", "[]", "props"),), "only the free-form variant travels as JSON text"
    answer = {"semantic_sections": [{"component_id": "pricing-b", "props": '{"title": "Plans"}'},
                                    {"component_id": "pricing-a", "props": {"title": "Plans"}}]}  # fmt: skip
    decoded = _decode_json_paths(answer, paths)["semantic_sections"]
    assert [section["props"] for section in decoded] == [{"title": "Plans"}, {"title": "Plans"}]


def test_the_least_likely_candidates_go_free_form_first_when_the_budget_is_spent():
    scores = {"likely": 0.9, "middle": 0.5, "unlikely": 0.1}
    candidates = [candidate(cid, CONTRACT, score) for cid, score in scores.items()]
    one = len(json.dumps(typed_props(CONTRACT)))

    with override_settings(ANTHROPIC_ANSWER_SCHEMA_MAX_CHARS=2 * one):
        variants = build_page_schema(candidates)["properties"]["semantic_sections"]["items"]["anyOf"]

    kinds = {v["properties"]["component_id"]["const"]: v["properties"]["props"].get("properties") for v in variants}
    assert kinds["likely"]
    assert kinds["middle"]
    assert kinds["unlikely"] is None


def test_the_fake_refuses_more_optional_parameters_than_the_api_allows():
    schema = {"type": "object", "additionalProperties": False,
              "properties": {f"p{i}": {"type": "string"} for i in range(MAX_OPTIONAL + 1)}}  # fmt: skip
    body = {
        "model": "claude-sonnet-5-5",
        "max_tokens": 100,
        "messages": [{"role": "user", "content": "x"}],
        "output_config": {"format": {"type": "json_schema", "schema": schema}},
    }
    with pytest.raises(Refused, match="too many optional parameters"):
        check_request(body)
    schema["required"] = list(schema["properties"])
    check_request(body)
