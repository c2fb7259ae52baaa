"""Hybrid search over the demo registry: relevant, filtered, never deprecated, honest about similarity."""

import numpy as np
import pytest
from django.test import override_settings

from registry.embeddings import get_embedding_provider
from registry.models import AiSemanticComponent
from registry.search import MAX_LIMIT, RRF_K, WEIGHTS, query_vectors, search_components
from tests.registry.relevance_queries import RELEVANCE_QUERIES
from websites.errors import InvalidInput

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_query_cache():
    query_vectors.clear()
    yield
    query_vectors.clear()


def components(hits) -> list[AiSemanticComponent]:
    by_id = AiSemanticComponent.objects.in_bulk([hit.component_id for hit in hits], field_name="component_id")
    return [by_id[hit.component_id] for hit in hits]


def live(**filters) -> set[str]:
    return set(
        AiSemanticComponent.objects.filter(**filters).exclude(deprecated=True).values_list("component_id", flat=True)
    )


def test_expected_category_is_in_the_top_three_for_most_editor_queries(registry):
    misses = []
    for query, expected in RELEVANCE_QUERIES:
        categories = [c.category for c in components(search_components(query, limit=3))]
        if expected not in categories:
            misses.append(f"{query!r}: expected {expected}, got {categories}")

    hits = len(RELEVANCE_QUERIES) - len(misses)
    print(f"relevance: {hits}/{len(RELEVANCE_QUERIES)} in the top 3; misses: {misses}")
    assert len(RELEVANCE_QUERIES) == 23
    assert hits >= 21, "too many misses:\n" + "\n".join(misses)


def test_category_filter_returns_only_and_all_of_that_category(registry):
    hits = search_components("a section for our website", category="pricing", limit=MAX_LIMIT)

    assert {hit.component_id for hit in hits} == live(category="pricing")
    assert {c.category for c in components(hits)} == {"pricing"}


def test_category_filter_of_an_unknown_category_finds_nothing(registry):
    assert search_components("customer reviews", category="no-such-category") == []


def test_semantic_type_filter_returns_only_that_type(registry):
    AiSemanticComponent.objects.filter(component_id="cta-newsletter-signup").update(semantic_type="newsletter")

    hits = search_components("invite visitors to book now", semantic_type="cta", limit=MAX_LIMIT)

    assert {hit.component_id for hit in hits} == live(semantic_type="cta") == {"cta-centered-text", "cta-image-card"}
    assert [hit.component_id for hit in search_components("sign up", semantic_type="newsletter")] == [
        "cta-newsletter-signup"
    ]


def test_tags_filter_requires_every_tag_case_insensitively(registry):
    tags = ["hero", "call-to-action"]
    expected = live(semantic_tags__contains=tags)
    assert 1 < len(expected) < len(live(semantic_tags__contains=["hero"])), "the second tag narrows the set"

    hits = search_components("a banner at the top of the page", tags=["Hero", "CALL-TO-ACTION"], limit=MAX_LIMIT)

    assert {hit.component_id for hit in hits} == expected
    assert all(set(tags) <= set(c.semantic_tags) for c in components(hits))


def test_a_deprecated_component_never_appears_even_searched_by_its_exact_name(registry):
    target = AiSemanticComponent.objects.get(component_id="testimonials-featured-portrait")
    before = search_components(target.display_name, limit=MAX_LIMIT)
    assert before[0].component_id == target.component_id

    AiSemanticComponent.objects.filter(pk=target.pk).update(deprecated=True)

    for hits in (
        search_components(target.display_name, limit=MAX_LIMIT),
        search_components(target.display_name, category="testimonials", limit=MAX_LIMIT),
        search_components(target.display_name, tags=["portrait"], limit=MAX_LIMIT),
    ):
        assert hits, "the other components still match"
        assert target.component_id not in {hit.component_id for hit in hits}


def test_a_component_with_null_deprecated_counts_as_live(registry):
    AiSemanticComponent.objects.filter(component_id="faq-accordion").update(deprecated=None)

    hits = search_components("faq accordion", category="faq")

    assert "faq-accordion" in {hit.component_id for hit in hits}


def test_min_similarity_drops_hits_below_the_cosine_threshold(registry):
    query = "staff headshots with their job titles"
    unfiltered = search_components(query, limit=MAX_LIMIT)
    similarities = sorted(hit.similarity_score for hit in unfiltered)
    threshold = similarities[len(similarities) // 2]

    filtered = search_components(query, limit=MAX_LIMIT, min_similarity=threshold)

    assert filtered
    assert all(hit.similarity_score >= threshold for hit in filtered)
    kept = {hit.component_id for hit in filtered}
    # Scores are rounded to 4 places: a hit shown at exactly the threshold may lie just below it, so only the
    # hits shown above it are certain to pass.
    assert {hit.component_id for hit in unfiltered if hit.similarity_score > threshold} <= kept
    assert not kept & {hit.component_id for hit in unfiltered if hit.similarity_score < threshold}
    assert search_components(query, min_similarity=0.99) == []


def test_results_carry_cosine_similarity_and_a_descending_fused_score(registry):
    query = "answers to common questions"
    hits = search_components(query, limit=20)

    assert len(hits) == 20
    vector = np.asarray(get_embedding_provider().embed_query(query))
    for hit, component in zip(hits, components(hits), strict=True):
        stored = np.asarray(component.embedding)
        cosine = float(vector @ stored / (np.linalg.norm(vector) * np.linalg.norm(stored)))
        assert hit.similarity_score == pytest.approx(cosine, abs=1e-3), hit.component_id
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)
    best_possible = sum(WEIGHTS.values()) / (RRF_K + 1)
    assert all(0 < score <= best_possible + 1e-6 for score in scores)
    assert len({hit.component_id for hit in hits}) == 20


@pytest.mark.parametrize("query", ["", "   \n\t ", "x" * 501, " ".join(["word"] * 101)])
def test_empty_blank_or_over_long_query_is_invalid_input(registry, query):
    with pytest.raises(InvalidInput) as caught:
        search_components(query)
    assert caught.value.status == 422
    assert ("empty" in caught.value.message) or ("keep it under 500" in caught.value.message)


def test_a_query_of_exactly_500_characters_is_accepted(registry):
    assert len(search_components("y" * 500, limit=1)) == 1


@pytest.mark.parametrize("limit", [0, -1, MAX_LIMIT + 1])
def test_limit_outside_1_to_50_is_invalid_input(registry, limit):
    with pytest.raises(InvalidInput, match="limit must be between 1 and 50"):
        search_components("contact form", limit=limit)


@pytest.mark.parametrize("min_similarity", [-1.5, 1.01])
def test_min_similarity_outside_the_cosine_range_is_invalid_input(registry, min_similarity):
    with pytest.raises(InvalidInput, match="min_similarity"):
        search_components("contact form", min_similarity=min_similarity)


@pytest.mark.parametrize("limit", [1, 7, MAX_LIMIT])
def test_limit_caps_the_number_of_results(registry, limit):
    assert len(search_components("a section for our website", limit=limit)) == limit


def test_a_repeated_query_gets_the_same_cached_vector_object(registry):
    provider = get_embedding_provider()

    first = query_vectors.get(provider, "photo gallery")

    assert query_vectors.get(provider, "photo gallery") is first
    assert query_vectors.get(provider, "photo galleries") is not first


def test_search_caches_the_normalised_query_vector(registry):
    key = (get_embedding_provider().model_id, "meet the team")

    search_components("  meet the   team ")

    assert list(query_vectors._items) == [key], "the query is cached with its whitespace collapsed"
    cached = query_vectors._items[key]
    search_components("meet the team")
    assert list(query_vectors._items) == [key]
    assert query_vectors._items[key] is cached, "the second search reused the vector"


@override_settings(EMBEDDING_QUERY_CACHE_SIZE=2)
def test_the_query_cache_keeps_the_most_recently_used_vectors_up_to_its_size(registry):
    provider = get_embedding_provider()
    alpha = query_vectors.get(provider, "alpha")
    beta = query_vectors.get(provider, "beta")
    assert query_vectors.get(provider, "alpha") is alpha  # alpha is now the most recently used

    query_vectors.get(provider, "gamma")  # evicts beta, the least recently used

    assert query_vectors.get(provider, "alpha") is alpha
    recomputed = query_vectors.get(provider, "beta")
    assert recomputed is not beta
    np.testing.assert_allclose(recomputed, beta, atol=1e-6)
    assert len(query_vectors._items) == 2
