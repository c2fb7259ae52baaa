"""Registry files in the three accepted shapes read into one record type; bad files and bad entries are reported."""

import pytest
from jsonschema import Draft202012Validator

from registry.formats import RegistryFileError, detect_format, load_registry_file, parse_registry
from tests.helpers.registry import (
    DEMO_REGISTRY,
    SYNTHETIC_PACKAGE,
    contract_block,
    export_block,
    plan_entry,
)

X_KEYS = (
    "x-required-props",
    "x-prop-constraints",
    "x-media-slots",
    "x-requires-site-capabilities",
    "x-example-props",
    "x-usage-notes",
    "x-block-name",
    "x-layout-role",
)
DEMO_RECORDS = load_registry_file(DEMO_REGISTRY).records


# --- the three formats --------------------------------------------------------------------------------------------


def test_plan_list_parses_into_records(registry_files):
    path = registry_files.plan([plan_entry("services-grid", "services-list", bundle_size_kb=12.345)])

    parsed = load_registry_file(path)

    assert parsed.format == "plan"
    assert parsed.skipped == []
    [record] = parsed.records
    assert record.component_id == "services-grid"
    assert record.category == "services-list"
    assert record.semantic_type == "services", "fine library categories map to the planner's section types"
    assert record.display_name == "Services Grid"
    assert record.semantic_tags == ["services-list", "test"]
    assert record.import_path == "blocks/services-list/services-grid"
    assert record.npm_package == SYNTHETIC_PACKAGE
    assert record.bundle_size_kb == 12.35
    assert record.version == "1.0.0"
    assert record.props_schema["properties"] == {"title": {"type": "string"}}
    assert record.props_schema["x-block-name"] == "ServicesGrid"


def test_plan_object_with_a_components_list_parses(registry_files):
    parsed = load_registry_file(registry_files.json({"components": [plan_entry("faq-one")]}))
    assert parsed.format == "plan"
    assert [r.component_id for r in parsed.records] == ["faq-one"]


def test_registry_export_parses_into_records(registry_files):
    path = registry_files.export(
        [export_block("alternating-blocks", "about", semanticTags=["About", " Story ", "about"])]
    )

    parsed = load_registry_file(path)

    assert parsed.format == "export"
    assert parsed.skipped == []
    [record] = parsed.records
    assert record.component_id == "alternating-blocks"
    assert record.display_name == "Alternating Blocks"
    assert record.category == record.semantic_type == "about"
    assert record.semantic_tags == ["about", "story"], "tags are trimmed, lower-cased and de-duplicated"
    assert record.import_path == "blocks/about/alternating-blocks"
    assert record.version == "1.2.3", "the export's metadata version"
    assert record.npm_package == SYNTHETIC_PACKAGE, "the export's metadata source"
    assert record.props_schema["x-block-name"] == "AlternatingBlocks"
    assert record.props_schema["x-props-type"] == "AlternatingBlocksProps"
    assert record.props_schema["x-example-usage"].startswith("<AlternatingBlocks")


def test_contract_bundle_parses_into_records(registry_files):
    path = registry_files.contract([contract_block("faq-accordion", "faq")])

    parsed = load_registry_file(path)

    assert parsed.format == "contract"
    assert parsed.skipped == []
    [record] = parsed.records
    assert record.component_id == "faq-accordion"
    assert record.display_name == "Faq Accordion"
    assert record.description == "The faq accordion section for tests."
    assert record.semantic_tags == ["faq", "test"]
    assert record.import_path == "blocks/faq/faq-accordion"
    assert record.version == "9.9.9", "the bundle's uiVersion"
    schema = record.props_schema
    assert schema["required"] == ["title"]
    assert schema["x-block-name"] == "FaqAccordion"
    assert schema["x-props-type"] == "XProps"
    assert schema["x-usage-notes"] == ["Keep it short.", "A note for the planner."]


# --- detection and explicit formats -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([], "plan"),
        ([{"id": "a", "category": "faq"}], "plan"),
        ({"components": []}, "plan"),
        ({"metadata": {}, "blocks": [{"id": "a", "category": "faq"}]}, "export"),
        ({"metadata": {}, "blocks": [{"componentId": "a", "category": "faq"}]}, "contract"),
        ({"blocks": [{"id": "a", "usageRequirements": {}}]}, "contract"),
        ({"blocks": ["not an object", {"id": "a", "propsContract": {}}]}, "contract"),
        ({"metadata": {}}, None),
        ("a string", None),
        (42, None),
    ],
)
def test_format_is_detected_from_the_shape(data, expected):
    assert detect_format(data) == expected


@pytest.mark.parametrize("fmt", ["plan", "export", "contract"])
def test_each_format_can_be_named_explicitly(registry_files, fmt):
    writers = {
        "plan": lambda: registry_files.plan([plan_entry("a-block")]),
        "export": lambda: registry_files.export([export_block("a-block")]),
        "contract": lambda: registry_files.contract([contract_block("a-block")]),
    }
    parsed = load_registry_file(writers[fmt](), fmt)
    assert parsed.format == fmt
    assert [r.component_id for r in parsed.records] == ["a-block"]


@pytest.mark.parametrize(("named", "actual"), [("contract", "export"), ("plan", "export"), ("export", "plan")])
def test_explicit_format_that_does_not_match_the_file_is_refused(registry_files, named, actual):
    path = registry_files.export([export_block("a")]) if actual == "export" else registry_files.plan([plan_entry("a")])

    with pytest.raises(RegistryFileError) as caught:
        load_registry_file(path, named)

    assert str(caught.value) == f"{path} is not in the {named} format (it looks like {actual})."


# --- malformed files ----------------------------------------------------------------------------------------------


def _one_sentence(message: str) -> bool:
    return message.endswith(".") and "\n" not in message and ". " not in message


def test_a_file_that_is_not_json_names_line_and_column(registry_files):
    path = registry_files.raw('[\n  {"id": "a",\n   "category": faq}\n]')

    with pytest.raises(RegistryFileError) as caught:
        load_registry_file(path)

    message = str(caught.value)
    assert message.startswith(f"{path} is not valid JSON (line 3, column 16")
    assert _one_sentence(message), message


def test_a_file_of_unknown_shape_is_refused_with_one_sentence(registry_files):
    path = registry_files.json({"metadata": {"version": "1"}, "items": []})

    with pytest.raises(RegistryFileError) as caught:
        load_registry_file(path)

    message = str(caught.value)
    assert message.startswith(f"{path} has an unknown shape")
    assert "'blocks' list" in message
    assert _one_sentence(message), message


def test_a_missing_file_is_refused(tmp_path):
    path = tmp_path / "nowhere.json"
    with pytest.raises(RegistryFileError, match=r"nowhere\.json does not exist\.$"):
        load_registry_file(path)


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('[{"id": "caf\xe9"}]'.encode("latin-1"))
    with pytest.raises(RegistryFileError, match="cannot be read"):
        load_registry_file(path)


# --- malformed entries --------------------------------------------------------------------------------------------


def test_malformed_contract_entries_are_skipped_with_index_and_reason(registry_files):
    no_id = contract_block("x")
    del no_id["componentId"]
    bad_tags = contract_block("bad-tags", semanticTags="faq, test")
    bad_required = contract_block("bad-required")
    bad_required["usageRequirements"]["requiredProps"] = "title"
    bad_constraints = contract_block("bad-constraints")
    bad_constraints["usageRequirements"]["propConstraints"] = ["title"]
    path = registry_files.contract(
        [
            contract_block("good-one"),
            no_id,
            bad_tags,
            bad_required,
            contract_block("good-one", description="a second entry with the same id"),
            "not an object",
            contract_block("numeric-id", componentId=7),
            contract_block("spaced id"),
            bad_constraints,
            contract_block("good-two"),
        ]
    )

    parsed = load_registry_file(path)

    assert [r.component_id for r in parsed.records] == ["good-one", "good-two"]
    assert parsed.records[0].description == "The good one section for tests.", "the first of two duplicates wins"
    skipped = {entry.index: (entry.component_id, entry.reason) for entry in parsed.skipped}
    assert skipped == {
        1: (None, "'componentId' is missing"),
        2: ("bad-tags", "'semanticTags' must be a list of strings"),
        3: ("bad-required", "'usageRequirements.requiredProps' must be a list of strings"),
        4: ("good-one", "duplicate id 'good-one' (an earlier entry has it)"),
        5: (None, "entry is a str, not an object"),
        6: (None, "'componentId' must be a string, not int"),
        7: ("spaced id", "'componentId' must be a short identifier without spaces, got 'spaced id'"),
        8: ("bad-constraints", "'usageRequirements.propConstraints' must be an object"),
    }


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ({"category": "faq"}, "'id' is missing"),
        ({"id": "a", "category": "faq", "semantic_tags": "faq"}, "'semantic_tags' must be a list of strings"),
        ({"id": "a", "category": "faq", "semantic_tags": ["faq", 3]}, "'semantic_tags' must be a list of strings"),
        ({"id": "a", "category": "faq", "props_schema": ["title"]}, "'props_schema' must be an object"),
        ({"id": "a", "category": "faq", "bundle_size_kb": "12"}, "'bundle_size_kb' must be a non-negative number"),
        ({"id": "a", "category": "faq", "bundle_size_kb": -1}, "'bundle_size_kb' must be a non-negative number"),
        ({"id": "a"}, "'category' is missing"),
        ({"id": "a", "category": "faq", "description": 5}, "'description' must be a string, not int"),
    ],
)
def test_malformed_plan_entry_is_skipped_and_the_rest_parses(entry, reason):
    parsed = parse_registry([plan_entry("first"), entry, plan_entry("last")])

    assert [r.component_id for r in parsed.records] == ["first", "last"]
    [skipped] = parsed.skipped
    assert (skipped.index, skipped.reason) == (1, reason)


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"id": None}, "'id' is missing"),
        ({"semanticTags": {"faq": True}}, "'semanticTags' must be a list of strings"),
        ({"name": ["Name"]}, "'name' must be a string, not list"),
        ({"props": 3}, "'props' must be a string, not int"),
    ],
)
def test_malformed_export_entry_is_skipped_and_the_rest_parses(overrides, reason):
    data = {
        "metadata": {},
        "blocks": [export_block("first"), export_block("middle", **overrides), export_block("last")],
    }

    parsed = parse_registry(data)

    assert [r.component_id for r in parsed.records] == ["first", "last"]
    assert [(s.index, s.reason) for s in parsed.skipped] == [(1, reason)]


# --- import paths and block names ---------------------------------------------------------------------------------


def _contract_record(**overrides):
    block = contract_block("team-grid", "team", **overrides)
    return parse_registry({"metadata": {"source": SYNTHETIC_PACKAGE}, "blocks": [block]}).records[0]


def test_contract_import_path_comes_from_the_module_path_without_the_package():
    record = _contract_record(source={"modulePath": f"{SYNTHETIC_PACKAGE}/blocks/team/people-cards"})
    assert record.import_path == "blocks/team/people-cards"


def test_contract_import_path_falls_back_to_the_block_ref_then_category_and_id():
    assert _contract_record(source={}, blockRef="team/staff-wall").import_path == "blocks/team/staff-wall"
    assert _contract_record(source={}, blockRef=None).import_path == "blocks/team/team-grid"


def test_block_name_comes_from_the_contract_block_name():
    assert _contract_record(blockName="PeopleWall").props_schema["x-block-name"] == "PeopleWall"


def test_block_name_falls_back_to_the_import_path():
    record = _contract_record(blockName=None, source={"modulePath": f"{SYNTHETIC_PACKAGE}/blocks/team/team-people-v2"})
    assert record.props_schema["x-block-name"] == "TeamPeopleV2"


@pytest.mark.parametrize(
    ("overrides", "block_name"),
    [
        ({"props": "PricingTableProps"}, "PricingTable"),
        ({"props": None, "exampleUsage": "<PriceCards plans={[]} />"}, "PriceCards"),
        ({"props": None, "exampleUsage": None}, "PricingTable2"),
    ],
)
def test_export_block_name_from_props_type_then_example_then_id(overrides, block_name):
    block = export_block("pricing-table-2", "pricing", **overrides)
    [record] = parse_registry({"metadata": {}, "blocks": [block]}).records
    assert record.props_schema["x-block-name"] == block_name


def test_plan_block_name_from_the_import_path_unless_the_schema_names_one():
    [derived, named] = parse_registry(
        [
            plan_entry("a", import_path="blocks/hero/split-image-hero"),
            plan_entry("b", props_schema={"type": "object", "x-block-name": "HeroSplit"}),
        ]
    ).records
    assert derived.props_schema["x-block-name"] == "SplitImageHero"
    assert named.props_schema["x-block-name"] == "HeroSplit"


# --- props schemas ------------------------------------------------------------------------------------------------


def test_contract_props_schema_is_valid_json_schema_with_every_x_key():
    record = _contract_record(
        layoutRole="section",
        usageRequirements={
            "requiredProps": ["title", "members"],
            "propConstraints": {"title": {"maxLength": 60, "minLength": 3}, "members": {"minItems": 2, "maxItems": 8}},
            "mediaSlots": {"members[].photo": {"kind": "image"}},
            "requiresSiteCapabilities": ["team-photos"],
            "notes": ["Use real staff."],
        },
    )
    schema = record.props_schema

    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(X_KEYS) <= set(schema)
    assert schema["x-required-props"] == ["title", "members"]
    assert schema["x-prop-constraints"]["members"] == {"minItems": 2, "maxItems": 8}
    assert schema["x-media-slots"] == {"members[].photo": {"kind": "image"}}
    assert schema["x-requires-site-capabilities"] == ["team-photos"]
    assert schema["x-example-props"]["title"] == "A title"
    assert schema["x-usage-notes"] == ["Keep it short.", "Use real staff."]
    assert schema["x-block-name"] == "TeamGrid"
    assert schema["x-layout-role"] == "section"
    assert schema["required"] == ["members", "title"]
    assert schema["properties"]["title"] == {"type": "string", "maxLength": 60, "minLength": 3}
    assert schema["properties"]["members"] == {"minItems": 2, "maxItems": 8}


def test_nested_constraints_are_copied_onto_the_array_items():
    schema = _contract_record().props_schema
    assert schema["properties"]["items"]["items"]["properties"]["title"] == {"type": "string", "maxLength": 30}
    validator = Draft202012Validator(schema)
    assert not validator.is_valid({"title": "x" * 61}), "title is limited to 60 characters"
    assert not validator.is_valid({"title": "ok", "items": [{"title": "y" * 31}]})
    assert not validator.is_valid({"items": []}), "title is required"
    assert validator.is_valid({"title": "ok", "items": [{"title": "short", "body": "b"}]})


def test_a_runtime_schema_in_the_contract_is_used_instead_of_inferring_one():
    runtime = {"type": "object", "properties": {"heading": {"type": "string"}}, "required": ["heading"]}
    requirements = {"requiredProps": ["title"], "propConstraints": {"title": {"maxLength": 60}}}
    record = _contract_record(
        propsContract={"reference": "TeamGridProps", "runtimeSchema": runtime}, usageRequirements=requirements
    )
    schema = record.props_schema
    Draft202012Validator.check_schema(schema)
    assert schema["required"] == ["heading", "title"]
    assert schema["properties"] == {"heading": {"type": "string"}, "title": {"maxLength": 60}}, "nothing inferred"


def test_demo_registry_parses_completely():
    parsed = load_registry_file(DEMO_REGISTRY)
    assert parsed.format == "contract"
    assert len(parsed.records) == 74
    assert parsed.skipped == []
    assert len({r.category for r in parsed.records}) == 22


def test_demo_title_constraints_are_copied_into_the_schema():
    hero = next(r for r in DEMO_RECORDS if r.component_id == "hero-centered-text")
    assert hero.props_schema["properties"]["title"]["maxLength"] == 80
    assert hero.props_schema["properties"]["eyebrow"]["maxLength"] == 40
    assert hero.props_schema["x-block-name"] == "HeroCenteredText"
    assert hero.import_path == "blocks/hero/hero-centered-text"


@pytest.mark.parametrize("record", DEMO_RECORDS, ids=lambda record: record.component_id)
def test_demo_block_schema_is_valid_and_accepts_its_example_props(record):
    schema = record.props_schema
    Draft202012Validator.check_schema(schema)
    assert set(X_KEYS) <= set(schema)
    assert set(schema["x-required-props"]) <= set(schema["required"])
    errors = [
        f"{'.'.join(map(str, error.absolute_path))}: {error.message}"
        for error in Draft202012Validator(schema).iter_errors(schema["x-example-props"])
    ]
    assert errors == [], f"{record.component_id}'s example props break its own schema: {errors}"
