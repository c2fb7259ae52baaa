"""Search in one round trip (issue 15, item 1): the same hits as the two-trip search it replaced, one query per
search with the hits' component columns, the model check inside that query, and the page builder's blocks."""

import pytest

from pagebuilder.candidates import BLOCK_COLUMNS, search_blocks
from registry.categories import categories_for
from registry.embeddings import get_embedding_provider
from registry.models import AiSemanticComponent, ComponentSyncState
from registry.search import BLOCK_NAME_HINT, COMPONENT_COLUMNS, MAX_LIMIT, query_vectors, search_components
from registry.selectors import block_name
from tests.helpers.opensite import needs_export, only_the_real_library
from tests.registry.opensite_relevance_queries import OPENSITE_QUERIES
from tests.registry.reference_search import reference_search
from tests.registry.relevance_queries import RELEVANCE_QUERIES
from websites.errors import ServiceUnavailable

pytestmark = pytest.mark.django_db

# Filters, thresholds and limits beside the plain queries: every clause of the statement is exercised.
FILTERED = [
    ("a section for our website", {"category": "pricing", "limit": MAX_LIMIT}),
    ("a section for our website", {"category": ["faq", "pricing"], "limit": MAX_LIMIT}),
    ("invite visitors to book now", {"semantic_type": "cta", "limit": MAX_LIMIT}),
    ("a banner at the top of the page", {"tags": ["Hero", "CALL-TO-ACTION"], "limit": MAX_LIMIT}),
    ("staff headshots with their job titles", {"min_similarity": 0.3, "limit": MAX_LIMIT}),
    ("customer reviews", {"exclude_ids": ["testimonials-featured-portrait"], "limit": 20}),
    ("answers to common questions", {"limit": 1}),
    ("pricing plans", {"min_similarity": 0.99}),
]


def _same_hits(query: str, **options) -> None:
    new = search_components(query, **options)
    old = reference_search(query, **options)
    assert [(h.component_id, h.similarity_score, h.score, h.text_rank, h.tag_overlap) for h in new] == [
        (h.component_id, h.similarity_score, h.score, h.text_rank, h.tag_overlap) for h in old
    ], query


def test_the_one_statement_ranks_exactly_as_the_two_trip_search_did(registry):
    for query, _ in RELEVANCE_QUERIES:
        _same_hits(query, limit=MAX_LIMIT)
    for query, options in FILTERED:
        _same_hits(query, **options)


@needs_export
def test_the_one_statement_ranks_exactly_as_before_on_the_real_library(registry):
    only_the_real_library()
    for query, _ in OPENSITE_QUERIES:
        _same_hits(query, limit=20)
    _same_hits("a section for our website", category=["hero", "background-pattern-hero"], limit=MAX_LIMIT)


def test_a_search_is_one_query_with_the_hits_component_columns(registry, django_assert_max_num_queries):
    query_vectors.get(get_embedding_provider(), "answers to common questions")  # the vector is cached

    with django_assert_max_num_queries(1):
        hits = search_components("answers to common questions", columns=sorted(COMPONENT_COLUMNS))

    assert len(hits) == 10
    stored = AiSemanticComponent.objects.in_bulk([h.component_id for h in hits], field_name="component_id")
    for hit in hits:
        row = stored[hit.component_id]
        assert hit.row == {name: getattr(row, name) for name in sorted(COMPONENT_COLUMNS)}, hit.component_id


def test_the_block_name_hint_reads_only_the_contracts_export_name(registry):
    hits = search_components("answers to common questions", columns=["import_path", BLOCK_NAME_HINT])

    stored = AiSemanticComponent.objects.in_bulk([h.component_id for h in hits], field_name="component_id")
    for hit in hits:
        assert set(hit.row) == {"import_path", BLOCK_NAME_HINT}
        assert hit.row[BLOCK_NAME_HINT] == stored[hit.component_id].props_schema["x-block-name"]
        assert block_name(stored[hit.component_id]) == hit.row[BLOCK_NAME_HINT]


def test_a_search_with_no_hits_is_still_one_query(registry, django_assert_max_num_queries):
    query_vectors.get(get_embedding_provider(), "customer reviews")

    with django_assert_max_num_queries(1):
        assert search_components("customer reviews", category="no-such-category", columns=["category"]) == []


def test_unknown_columns_never_reach_the_sql(registry):
    with pytest.raises(ValueError, match="Not a component column: embedding"):
        search_components("customer reviews", columns=["embedding"])


def test_the_model_check_inside_the_statement_sees_a_change_made_elsewhere_at_once(registry):
    assert search_components("questions and answers", limit=1)
    # What another process's sync would leave behind: nothing in this process is told about it.
    ComponentSyncState.objects.filter(component_id="faq-accordion").update(embedding_model="voyage:voyage-3.5")

    with pytest.raises(ServiceUnavailable, match=r"voyage:voyage-3\.5"):
        search_components("questions and answers", limit=1)
    with pytest.raises(ServiceUnavailable, match="--reembed"):
        search_components("questions and answers", category="no-such-category")  # no hits, still checked

    ComponentSyncState.objects.filter(component_id="faq-accordion").update(
        embedding_model=get_embedding_provider().model_id
    )
    assert search_components("questions and answers", limit=1)


def test_the_page_builder_gets_its_blocks_from_the_search_statement(registry, django_assert_max_num_queries):
    query = "what our happy clients say about us"
    query_vectors.get(get_embedding_provider(), query)

    categories = categories_for("testimonials")
    with django_assert_max_num_queries(len(categories)):  # one statement per registry category, nothing more
        found = search_blocks(query, "testimonials")
        for component, _ in found:  # everything the builder reads is loaded
            assert component.props_schema is not None and component.context_adapters is not None
            assert component.semantic_tags is not None and component.deprecated is not True

    assert found
    stored = AiSemanticComponent.objects.in_bulk([c.component_id for c, _ in found], field_name="component_id")
    for component, _ in found:
        for name in BLOCK_COLUMNS:
            assert getattr(component, name) == getattr(stored[component.component_id], name), name
    assert "usage_count" in found[0][0].get_deferred_fields()
    assert found[0][0].usage_count == stored[found[0][0].component_id].usage_count, "a deferred column loads on use"
