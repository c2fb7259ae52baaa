"""Registry sync writes only what changed, embeds only what changed, keeps curators' edits and never deletes.

Small synthetic registries (their own npm package) are synced with the real local embedding model; a pass-through
``CountingProvider`` records which texts the model was asked to embed.
"""

import re
from io import StringIO

import numpy as np
import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.documents import embedding_text
from registry.embeddings import EMBEDDING_DIMENSIONS
from registry.formats import load_registry_file
from registry.models import AiSemanticComponent, ComponentSyncState
from registry.search import search_components
from registry.sync import sync_registry
from tests.helpers.registry import SYNTHETIC_PACKAGE, contract_block
from websites.errors import ServiceUnavailable

pytestmark = pytest.mark.django_db

IDS = ["sample-faq-accordion", "sample-faq-two-column", "sample-team-grid", "sample-pricing-tiers"]
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


def blocks(**changes: dict | None) -> list[dict]:
    """The four synthetic blocks. ``changes`` is keyed by component id with ``_`` for ``-``: a dict of overrides
    (or a whole replacement block, one with a ``componentId``), or None to leave the block out."""
    result = []
    for cid in IDS:
        change = changes.get(cid.replace("-", "_"), {})
        if change is None:
            continue
        result.append(change if "componentId" in change else contract_block(cid, cid.split("-")[1], **change))
    return result


def sync_file(path, **options):
    return sync_registry(load_registry_file(path), **options)


def rows() -> dict[str, AiSemanticComponent]:
    return {c.component_id: c for c in AiSemanticComponent.objects.filter(npm_package=SYNTHETIC_PACKAGE)}


def writes(queries: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in queries.captured_queries if WRITE.match(query["sql"])]


@pytest.fixture
def synced(registry_files):
    """The four blocks synced once; returns the file's path."""
    path = registry_files.contract(blocks())
    sync_file(path)
    return path


def test_first_sync_creates_rows_with_vectors_and_sync_states(registry_files, counting_provider):
    path = registry_files.contract(blocks())

    report = sync_file(path, provider=counting_provider)

    assert report.counts() | {"seconds": 0} == {
        "created": 4,
        "updated": 0,
        "unchanged": 0,
        "deprecated": 0,
        "skipped": 0,
        "embeddings computed": 4,
        "seconds": 0,
    }
    stored = rows()
    assert sorted(stored) == sorted(IDS)
    assert len(counting_provider.documents) == 4
    for component in stored.values():
        assert len(component.embedding) == EMBEDDING_DIMENSIONS
        assert np.linalg.norm(component.embedding) == pytest.approx(1.0, abs=1e-4)
        assert component.embedding_updated_at is not None
        assert component.deprecated is False
        assert component.npm_package == SYNTHETIC_PACKAGE
        assert component.version == "9.9.9"
        assert embedding_text(component) in counting_provider.documents
    faq = stored["sample-faq-accordion"]
    assert (faq.display_name, faq.category, faq.import_path) == (
        "Sample Faq Accordion",
        "faq",
        "blocks/faq/sample-faq-accordion",
    )
    assert faq.semantic_tags == ["faq", "test"]
    assert faq.props_schema["properties"]["title"]["maxLength"] == 60
    states = {s.component_id: s for s in ComponentSyncState.objects.filter(component_id__in=IDS)}
    assert sorted(states) == sorted(IDS)
    for state in states.values():
        assert state.embedding_model == counting_provider.model_id
        assert re.fullmatch(r"[0-9a-f]{64}", state.content_hash)
        assert state.source_values == {
            "semantic_tags": stored[state.component_id].semantic_tags,
            "description": stored[state.component_id].description,
            "deprecated": False,
            "context_adapters": {},
            "props_schema": stored[state.component_id].props_schema,
        }
        assert (state.example_status, state.example_reason, state.non_literal_paths) == ("", "", []), "JSON examples"
        assert state.search_document, "the full-text document is filled on sync"


def test_second_sync_of_the_same_file_writes_nothing_and_embeds_nothing(synced, counting_provider):
    before = {cid: (c.updated_at, list(c.embedding)) for cid, c in rows().items()}

    with CaptureQueriesContext(connection) as queries:
        report = sync_file(synced, provider=counting_provider)

    assert writes(queries) == []
    assert (report.created, report.updated, report.unchanged, report.embeddings) == (0, 0, 4, 0)
    assert counting_provider.documents == []
    assert {cid: (c.updated_at, list(c.embedding)) for cid, c in rows().items()} == before


def test_changed_description_updates_only_that_row_and_reembeds_only_it(registry_files, synced, counting_provider):
    before = rows()
    hash_before = ComponentSyncState.objects.get(component_id="sample-team-grid").content_hash
    path = registry_files.contract(blocks(sample_team_grid={"description": "Portraits of the staff with their roles."}))

    with CaptureQueriesContext(connection) as queries:
        report = sync_file(path, provider=counting_provider)

    assert (report.created, report.updated, report.unchanged, report.embeddings) == (0, 1, 3, 1)
    after = rows()
    assert after["sample-team-grid"].description == "Portraits of the staff with their roles."
    assert counting_provider.documents == [embedding_text(after["sample-team-grid"])]
    assert not np.allclose(after["sample-team-grid"].embedding, before["sample-team-grid"].embedding)
    assert after["sample-team-grid"].updated_at > before["sample-team-grid"].updated_at
    for cid in ("sample-faq-accordion", "sample-faq-two-column", "sample-pricing-tiers"):
        assert after[cid].updated_at == before[cid].updated_at
        assert list(after[cid].embedding) == list(before[cid].embedding)
    assert ComponentSyncState.objects.get(component_id="sample-team-grid").content_hash != hash_before
    component_updates = [sql for sql in writes(queries) if sql.startswith('UPDATE "ai_semantic_components"')]
    assert len(component_updates) == 1


def test_a_change_outside_the_embedded_text_updates_the_row_without_reembedding(
    registry_files, synced, counting_provider
):
    changed = contract_block("sample-pricing-tiers", "pricing")
    changed["usageRequirements"]["propConstraints"]["title"]["maxLength"] = 45
    path = registry_files.contract(blocks(sample_pricing_tiers=changed))

    report = sync_file(path, provider=counting_provider)

    assert (report.updated, report.unchanged, report.embeddings) == (1, 3, 0)
    assert counting_provider.documents == []
    assert rows()["sample-pricing-tiers"].props_schema["properties"]["title"]["maxLength"] == 45


def _curate(component_id: str) -> None:
    """What a curator does in admin: edit tags, description, deprecation and context adapters and save."""
    component = AiSemanticComponent.objects.get(component_id=component_id)
    component.semantic_tags = ["curated", "people"]
    component.description = "Curated: our people, photographed."
    component.deprecated = True
    component.context_adapters = {"brand_guide": "voice"}
    component.save()


CURATED = (["curated", "people"], "Curated: our people, photographed.", True, {"brand_guide": "voice"})


def _curated_values(component: AiSemanticComponent) -> tuple:
    return (component.semantic_tags, component.description, component.deprecated, component.context_adapters)


def test_curator_edits_survive_a_resync_of_a_changed_entry(registry_files, synced):
    _curate("sample-team-grid")
    changed = {
        "displayName": "Team Grid v2",
        "description": "New source description.",
        "semanticTags": ["team", "staff"],
        "importantUsageNotes": "Use at most twelve people.",
    }
    path = registry_files.contract(blocks(sample_team_grid=changed))

    report = sync_file(path)

    assert report.updated == 1
    team = rows()["sample-team-grid"]
    assert _curated_values(team) == CURATED
    assert team.display_name == "Team Grid v2", "fields curators do not own follow the source"
    assert team.props_schema["x-usage-notes"][0] == "Use at most twelve people."
    state = ComponentSyncState.objects.get(component_id="sample-team-grid")
    assert state.source_values["description"] == "New source description."
    assert state.source_values["semantic_tags"] == ["team", "staff"]


def test_curator_edits_survive_a_resync_of_the_same_file(synced):
    _curate("sample-team-grid")

    report = sync_file(synced)

    assert (report.created, report.updated) == (0, 0)
    assert _curated_values(rows()["sample-team-grid"]) == CURATED


def test_a_curated_description_is_embedded_on_the_next_sync(synced, counting_provider):
    _curate("sample-team-grid")

    report = sync_file(synced, provider=counting_provider)

    assert report.embeddings == 1
    assert len(counting_provider.documents) == 1
    assert "Curated: our people, photographed." in counting_provider.documents[0]
    assert sync_file(synced, provider=counting_provider).embeddings == 0, "and then it is current"


def test_a_field_the_curator_left_alone_follows_the_source(registry_files, synced):
    component = AiSemanticComponent.objects.get(component_id="sample-team-grid")
    component.semantic_tags = ["curated"]
    component.save()
    path = registry_files.contract(
        blocks(sample_team_grid={"description": "New source description.", "semanticTags": ["x"]})
    )

    sync_file(path)

    team = rows()["sample-team-grid"]
    assert team.semantic_tags == ["curated"]
    assert team.description == "New source description."


@pytest.mark.parametrize("source_changed", [True, False], ids=["changed-entry", "same-file"])
def test_force_source_overwrites_curator_edits(registry_files, synced, source_changed):
    _curate("sample-team-grid")
    overrides = {"description": "New source description.", "semanticTags": ["team", "staff"]} if source_changed else {}
    path = registry_files.contract(blocks(sample_team_grid=overrides)) if source_changed else synced

    report = sync_file(path, force_source=True)

    assert report.updated == 1
    assert report.unchanged == 3
    team = rows()["sample-team-grid"]
    expected_description = "New source description." if source_changed else "The sample team grid section for tests."
    expected_tags = ["team", "staff"] if source_changed else ["team", "test"]
    assert _curated_values(team) == (expected_tags, expected_description, False, {})


def test_without_prune_missing_components_stay_live_and_are_counted(registry_files, synced):
    path = registry_files.contract(blocks(sample_pricing_tiers=None))

    report = sync_file(path)

    assert (report.missing_from_file, report.deprecated, report.unchanged) == (1, 0, 3)
    assert rows()["sample-pricing-tiers"].deprecated is False


def test_prune_deprecates_missing_components_of_the_files_package_and_deletes_nothing(registry, registry_files, synced):
    demo_live = AiSemanticComponent.objects.filter(npm_package="@opensite/ui").exclude(deprecated=True).count()
    assert demo_live == 74
    path = registry_files.contract(blocks(sample_pricing_tiers=None, sample_team_grid=None))

    report = sync_file(path, prune=True)

    assert (report.missing_from_file, report.deprecated) == (2, 2)
    stored = rows()
    assert sorted(stored) == sorted(IDS), "nothing is deleted"
    assert {cid for cid, c in stored.items() if c.deprecated} == {"sample-pricing-tiers", "sample-team-grid"}
    assert ComponentSyncState.objects.filter(component_id__in=IDS).count() == 4
    assert AiSemanticComponent.objects.filter(npm_package="@opensite/ui").exclude(deprecated=True).count() == 74
    assert sync_file(path, prune=True).deprecated == 0, "already deprecated components are not counted again"


def test_a_pruned_component_that_reappears_unchanged_is_live_again(registry_files, synced):
    sync_file(registry_files.contract(blocks(sample_pricing_tiers=None)), prune=True)
    assert rows()["sample-pricing-tiers"].deprecated is True

    report = sync_file(synced)

    assert rows()["sample-pricing-tiers"].deprecated is False
    assert report.updated == 1


def test_a_pruned_component_that_reappears_changed_is_live_again(registry_files, synced):
    sync_file(registry_files.contract(blocks(sample_pricing_tiers=None)), prune=True)

    sync_file(registry_files.contract(blocks(sample_pricing_tiers={"description": "Back with a new text."})))

    pricing = rows()["sample-pricing-tiers"]
    assert (pricing.deprecated, pricing.description) == (False, "Back with a new text.")


def test_a_curator_deprecation_is_not_undone_by_prune_and_reappearance(registry_files, synced):
    AiSemanticComponent.objects.filter(component_id="sample-pricing-tiers").update(deprecated=True)
    sync_file(registry_files.contract(blocks(sample_pricing_tiers=None)), prune=True)

    sync_file(registry_files.contract(blocks(sample_pricing_tiers={"description": "Back with a new text."})))

    assert rows()["sample-pricing-tiers"].deprecated is True


def test_dry_run_writes_nothing_embeds_nothing_and_reports_what_would_change(registry_files, synced, counting_provider):
    before = {cid: (c.updated_at, c.description, c.deprecated) for cid, c in rows().items()}
    states_before = list(ComponentSyncState.objects.filter(component_id__in=IDS).values())
    path = registry_files.contract(
        [
            *blocks(sample_team_grid={"description": "Changed."}, sample_pricing_tiers=None),
            contract_block("sample-cta-banner", "cta"),
        ]
    )

    report = sync_file(path, provider=counting_provider, dry_run=True, prune=True)

    assert report.dry_run is True
    assert (report.created, report.updated, report.unchanged, report.deprecated, report.embeddings) == (1, 1, 2, 1, 2)
    assert counting_provider.documents == []
    assert {cid: (c.updated_at, c.description, c.deprecated) for cid, c in rows().items()} == before
    assert list(ComponentSyncState.objects.filter(component_id__in=IDS).values()) == states_before
    assert not AiSemanticComponent.objects.filter(component_id="sample-cta-banner").exists()
    assert not ComponentSyncState.objects.filter(component_id="sample-cta-banner").exists()


def test_dry_run_of_a_new_registry_creates_nothing(registry_files, counting_provider):
    report = sync_file(registry_files.contract(blocks()), provider=counting_provider, dry_run=True)

    assert (report.created, report.embeddings) == (4, 4)
    assert counting_provider.documents == []
    assert rows() == {}
    assert not ComponentSyncState.objects.filter(component_id__in=IDS).exists()


def test_skipped_entries_are_reported_and_the_rest_syncs(registry_files):
    path = registry_files.contract([*blocks(), contract_block("broken", semanticTags="not a list")])

    report = sync_file(path)

    assert report.created == 4
    assert [(s.index, s.component_id, s.reason) for s in report.skipped] == [
        (4, "broken", "'semanticTags' must be a list of strings")
    ]
    assert report.counts()["skipped"] == 1
    assert not AiSemanticComponent.objects.filter(component_id="broken").exists()


def test_reembed_recomputes_every_vector_but_changes_no_content(synced, counting_provider):
    report = sync_file(synced, provider=counting_provider, reembed=True)

    assert (report.updated, report.unchanged, report.embeddings) == (0, 4, 4)
    assert len(counting_provider.documents) == 4


# --- the management command ---------------------------------------------------------------------------------------


def run_command(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("sync_registry", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_prints_counts_including_embeddings_computed(registry_files):
    path = registry_files.contract(blocks())

    out, err = run_command(path)

    assert f"synced {path} (contract format): created 4, updated 0, unchanged 0, deprecated 0, skipped 0" in out
    assert "embeddings computed 4" in out
    assert "embedding  [##############################] 4/4" in err, "a progress bar on stderr"
    out, _ = run_command(path)
    assert "created 0, updated 0, unchanged 4" in out
    assert "embeddings computed 0" in out


def test_command_exits_non_zero_when_entries_were_skipped_after_syncing_the_rest(registry_files):
    path = registry_files.contract([*blocks(), {"category": "faq"}])
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError, match=r"^1 entries were skipped; fix them in .+ and sync again\.$"):
        call_command("sync_registry", str(path), stdout=out, stderr=err)

    assert "skipped entry 4: 'componentId' is missing" in err.getvalue()
    assert "created 4" in out.getvalue()
    assert "skipped 1" in out.getvalue()
    assert sorted(rows()) == sorted(IDS)


def test_command_refuses_a_malformed_file_with_one_sentence(registry_files):
    path = registry_files.raw('{"blocks": [}')

    with pytest.raises(CommandError) as caught:
        run_command(path)

    assert str(caught.value) == f"{path} is not valid JSON (line 1, column 13: Expecting value)."


def test_command_refuses_a_missing_file_and_a_format_mismatch(registry_files, tmp_path):
    with pytest.raises(CommandError, match=r"missing\.json does not exist\.$"):
        run_command(tmp_path / "missing.json")
    path = registry_files.contract(blocks())
    with pytest.raises(CommandError, match=r"is not in the export format \(it looks like contract\)\.$"):
        run_command(path, "--format", "export")
    assert rows() == {}


def test_command_dry_run_and_prune_hint(registry_files, synced):
    path = registry_files.contract(blocks(sample_pricing_tiers=None))

    out, _ = run_command(path, "--dry-run")
    assert out.startswith("Dry run, nothing written: would have synced")
    out, _ = run_command(path)
    assert "1 components are no longer in the file; pass --prune to deprecate them." in out
    out, _ = run_command(path, "--prune")
    assert "deprecated 1" in out
    assert rows()["sample-pricing-tiers"].deprecated is True


def test_command_force_source_and_reembed_flags(synced):
    _curate("sample-team-grid")

    out, _ = run_command(synced, "--force-source", "--reembed")

    assert "updated 1" in out
    assert "embeddings computed 4" in out
    assert rows()["sample-team-grid"].description == "The sample team grid section for tests."


# --- vectors from another model -----------------------------------------------------------------------------------


def test_search_refuses_vectors_of_another_model_until_reembedded(synced, counting_provider):
    ComponentSyncState.objects.filter(component_id="sample-faq-accordion").update(embedding_model="voyage:voyage-3.5")

    with pytest.raises(ServiceUnavailable) as caught:
        search_components("questions and answers")

    message = str(caught.value)
    assert "voyage:voyage-3.5" in message
    assert counting_provider.model_id in message
    assert "sync_registry <registry file> --reembed" in message
    assert caught.value.retryable is False

    report = sync_file(synced, provider=counting_provider, reembed=True)

    assert report.embeddings == 4
    assert set(ComponentSyncState.objects.values_list("embedding_model", flat=True)) == {counting_provider.model_id}
    assert search_components("questions and answers", limit=1)


def test_a_plain_sync_reembeds_only_the_vectors_of_another_model(synced, counting_provider):
    ComponentSyncState.objects.filter(component_id="sample-faq-accordion").update(embedding_model="voyage:voyage-3.5")

    report = sync_file(synced, provider=counting_provider)

    assert report.embeddings == 1
    assert counting_provider.documents == [embedding_text(rows()["sample-faq-accordion"])]


def test_changed_description_refreshes_the_stored_full_text_document(registry_files, synced):
    # Search ranks words by the stored document, never by to_tsvector at query time: a resync must refresh it.
    def document_matches(word: str) -> bool:
        return ComponentSyncState.objects.filter(
            component_id="sample-team-grid", search_document=SearchQuery(word, config="english")
        ).exists()

    assert not document_matches("photographers")
    path = registry_files.contract(blocks(sample_team_grid={"description": "Portraits by our photographers."}))

    sync_file(path)

    assert document_matches("photographers")
    hit = next(h for h in search_components("photographers", limit=10) if h.component_id == "sample-team-grid")
    assert hit.text_rank == 1
