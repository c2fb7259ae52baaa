"""The real @opensite/ui data: all 605 blocks of the registry export and the contract-bundle sample sync cleanly.

The data lies beside the repository (``../shared/opensite``); these tests skip when that folder is absent.
Syncing the export embeds 605 texts with the real local model (about 10-15 s on an idle machine, more on a
busy one); it is done once here, where the stored contracts and parse outcomes are checked too.
"""

import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator

from registry.formats import load_registry_file
from registry.models import AiSemanticComponent, ComponentSyncState
from registry.search import search_components
from registry.sync import sync_registry

OPENSITE = Path(__file__).resolve().parents[3] / "shared" / "opensite"
EXPORT = OPENSITE / "registry-export.json"
CONTRACT_SAMPLE = OPENSITE / "contract-sample.json"
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not OPENSITE.is_dir(), reason=f"the @opensite/ui reference data is not at {OPENSITE}"),
]


def writes(queries: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in queries.captured_queries if WRITE.match(query["sql"])]


def test_all_605_export_blocks_sync_and_a_warm_resync_writes_nothing():
    parsed = load_registry_file(EXPORT)
    ids = [record.component_id for record in parsed.records]
    assert (parsed.format, len(ids), parsed.skipped) == ("export", 605, [])

    cold = sync_registry(parsed)

    assert (cold.created, cold.updated, len(cold.skipped), cold.embeddings) == (605, 0, 0, 605)
    examples = cold.example_counts()
    assert examples["parsed fully"] >= 0.95 * 605
    assert examples["not at all"] == 0
    assert sum(examples.values()) == 605
    stored = AiSemanticComponent.objects.filter(component_id__in=ids)
    assert stored.count() == 605
    assert not stored.filter(embedding__isnull=True).exists()
    assert len(set(stored.values_list("category", flat=True))) == 34
    assert stored.get(component_id="alternating-blocks").props_schema["x-block-name"] == "AlternatingBlocks"
    assert set(stored.filter(category="background-pattern-hero").values_list("semantic_type", flat=True)) == {"hero"}
    assert ComponentSyncState.objects.filter(component_id__in=ids).count() == 605
    _check_stored_contracts(stored, examples)

    with CaptureQueriesContext(connection) as queries:
        warm = sync_registry(load_registry_file(EXPORT))

    assert writes(queries) == []
    assert (warm.created, warm.updated, warm.unchanged, warm.embeddings) == (0, 0, 605, 0)
    print(f"cold: {cold.counts()}; warm: {warm.counts()}")

    hits = search_components("customer testimonials with star ratings", limit=5)
    assert AiSemanticComponent.objects.get(component_id=hits[0].component_id).category == "testimonials"


def _check_stored_contracts(stored, examples: dict[str, int]) -> None:
    """Every block whose example sets props is stored with a non-empty inferred contract; the parse outcome is
    on its sync state."""
    states = dict(ComponentSyncState.objects.filter(component_id__in=stored.values("component_id"))
                  .values_list("component_id", "example_status"))  # fmt: skip
    assert list(states.values()).count("full") == examples["parsed fully"]
    with_props = [c for c in stored if c.props_schema["x-example-props"]]
    assert len(with_props) == 605 - 96, "96 examples are a bare <Block /> (see test_contract_inference)"
    for component in with_props:
        schema = component.props_schema
        assert schema["properties"], component.component_id
        assert schema["x-required-props"], component.component_id
        assert schema["x-contract-source"] == "inferred"
        assert Draft202012Validator(schema).is_valid(schema["x-example-props"]), component.component_id
    partial = ComponentSyncState.objects.filter(example_status="partial").exclude(non_literal_paths=[])
    assert partial.count() == examples["partly"]


def test_the_contract_sample_syncs_with_valid_schemas_and_a_warm_resync_writes_nothing():
    parsed = load_registry_file(CONTRACT_SAMPLE)
    assert (parsed.format, len(parsed.records), parsed.skipped) == ("contract", 14, [])
    for record in parsed.records:
        schema = record.props_schema
        Draft202012Validator.check_schema(schema)
        assert Draft202012Validator(schema).is_valid(schema["x-example-props"]), record.component_id
        assert record.import_path.startswith("blocks/about/")
        assert set(schema["x-required-props"]) <= set(schema["required"])

    report = sync_registry(parsed)

    assert (report.created, len(report.skipped), report.embeddings) == (14, 0, 14)
    with CaptureQueriesContext(connection) as queries:
        warm = sync_registry(load_registry_file(CONTRACT_SAMPLE))
    assert writes(queries) == []
    assert (warm.unchanged, warm.embeddings) == (14, 0)
