"""The component API: search, browse by category, one component, usage tracking (atomic under concurrency)."""

import threading

import pytest
from django.db import connection
from django.test import Client

from monitoring.recording import flush_requests
from registry.models import AiSemanticComponent
from registry.schemas import ComponentHitOut
from registry.search import MAX_LIMIT

pytestmark = pytest.mark.django_db

HIT_FIELDS = {
    "component_id",
    "block_name",
    "category",
    "semantic_type",
    "import_path",
    "npm_package",
    "display_name",
    "description",
    "semantic_tags",
    "props_schema",
    "usage_count",
    "deprecated",
    "replacement_component_id",
    "version",
    "similarity_score",
    "score",
}


@pytest.fixture
def auth(api_key_for) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_key_for(all_websites=True, may_track_usage=True)}"}


# --- search -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/components/search?query=hero",
        "/api/v1/components/by-category/hero",
        "/api/v1/components/hero-centered-text",
    ],
)
def test_component_reads_need_an_api_key(client, registry, url):
    response = client.get(url)
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def test_track_usage_needs_an_api_key(client, registry):
    assert client.post("/api/v1/components/hero-centered-text/track-usage").status_code == 401
    assert AiSemanticComponent.objects.get(component_id="hero-centered-text").usage_count == 0


def test_search_returns_ranked_components_with_scores(client, registry, auth):
    response = client.get("/api/v1/components/search", {"query": "answers to common questions"}, **auth)

    assert response.status_code == 200
    results = response.json()
    assert len(results) == 10, "the default limit"
    assert all(set(result) == HIT_FIELDS for result in results)
    top = results[0]
    assert top["category"] == "faq"
    stored = AiSemanticComponent.objects.get(component_id=top["component_id"])
    assert top["block_name"] == stored.props_schema["x-block-name"]
    assert top["import_path"] == stored.import_path
    assert top["import_path"].startswith("blocks/faq/")
    assert (top["display_name"], top["description"]) == (stored.display_name, stored.description)
    assert top["semantic_tags"] == stored.semantic_tags
    assert top["props_schema"] == stored.props_schema
    assert top["semantic_type"] == "faq"
    assert all(-1 <= r["similarity_score"] <= 1 for r in results)
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] > 0


def test_search_limit_category_and_min_similarity(client, registry, auth):
    response = client.get(
        "/api/v1/components/search",
        {"query": "customer reviews", "category": "testimonials", "limit": 50, "min_similarity": 0.1},
        **auth,
    )

    assert response.status_code == 200
    results = response.json()
    assert {r["category"] for r in results} == {"testimonials"}
    assert 0 < len(results) <= 4
    assert all(r["similarity_score"] >= 0.1 for r in results)
    one = client.get("/api/v1/components/search", {"query": "customer reviews", "limit": 1}, **auth).json()
    assert len(one) == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"query": "hero", "limit": 0}, "limit"),
        ({"query": "hero", "limit": 51}, "limit"),
        ({"query": "hero", "limit": "many"}, "limit"),
        ({"query": "hero", "min_similarity": 2}, "min_similarity"),
        ({}, "query"),
    ],
)
def test_bad_search_parameters_are_422_with_a_message(client, registry, auth, params, field):
    response = client.get("/api/v1/components/search", params, **auth)

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert body["detail"].startswith("The request is not valid:")
    assert field in body["detail"]
    assert [error["field"] for error in body["errors"]] == [f"query.{field}"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "query.query: String should have at least 1 character"),
        ("   ", "query.query: String should match pattern"),
        ("x" * 501, "query.query: String should have at most 500 characters"),
    ],
)
def test_empty_or_over_long_query_is_422_with_a_message(client, registry, auth, query, message):
    response = client.get("/api/v1/components/search", {"query": query}, **auth)

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert message in response.json()["detail"]


# --- by category --------------------------------------------------------------------------------------------------


def test_by_category_orders_by_usage_then_display_name_and_hides_deprecated(client, registry, auth):
    team = AiSemanticComponent.objects.filter(category="team").values_list("component_id", flat=True)
    assert sorted(team) == ["team-directory-list", "team-leadership-spotlight", "team-photo-grid"]
    AiSemanticComponent.objects.filter(component_id="team-photo-grid").update(usage_count=7)
    AiSemanticComponent.objects.filter(component_id="team-directory-list").update(usage_count=2)
    AiSemanticComponent.objects.filter(component_id="team-leadership-spotlight").update(usage_count=2)

    response = client.get("/api/v1/components/by-category/team", **auth)

    assert response.status_code == 200
    rows = [(r["component_id"], r["usage_count"], r["display_name"]) for r in response.json()]
    assert [row[1] for row in rows] == [7, 2, 2]
    assert rows[0][0] == "team-photo-grid"
    assert [row[2] for row in rows[1:]] == sorted(row[2] for row in rows[1:]), "ties by display name"
    assert all(r["category"] == "team" and not r["deprecated"] for r in response.json())

    AiSemanticComponent.objects.filter(component_id="team-photo-grid").update(deprecated=True)
    ids = [r["component_id"] for r in client.get("/api/v1/components/by-category/team", **auth).json()]
    assert "team-photo-grid" not in ids
    assert len(ids) == 2


def test_by_category_ties_are_alphabetical_by_display_name(client, registry, auth):
    response = client.get("/api/v1/components/by-category/gallery", **auth)

    names = [r["display_name"] for r in response.json()]
    assert len(names) == 4
    assert names == sorted(names)


def test_unknown_category_is_an_empty_list(client, registry, auth):
    response = client.get("/api/v1/components/by-category/no-such-category", **auth)
    assert response.status_code == 200
    assert response.json() == []


# --- one component ------------------------------------------------------------------------------------------------


def test_component_detail(client, registry, auth):
    response = client.get("/api/v1/components/hero-centered-text", **auth)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == HIT_FIELDS - {"similarity_score", "score"}
    assert body["component_id"] == "hero-centered-text"
    assert body["block_name"] == "HeroCenteredText"
    assert body["import_path"] == "blocks/hero/hero-centered-text"
    assert body["npm_package"] == "@opensite/ui"
    assert body["version"] == "demo-1.0.0"
    assert body["props_schema"]["properties"]["title"]["maxLength"] == 80
    assert body["deprecated"] is False
    assert body["usage_count"] == 0


def test_unknown_component_is_a_json_404(client, registry, auth):
    response = client.get("/api/v1/components/no-such-block", **auth)

    assert response.status_code == 404
    assert response.json() == {
        "detail": "No component has id 'no-such-block'.",
        "code": "not_found",
        "retryable": False,
    }


# --- usage tracking -----------------------------------------------------------------------------------------------


def test_track_usage_increments_and_stamps_last_used(client, registry, auth):
    AiSemanticComponent.objects.filter(component_id="faq-accordion").update(usage_count=4)

    first = client.post("/api/v1/components/faq-accordion/track-usage", **auth)
    second = client.post("/api/v1/components/faq-accordion/track-usage", **auth)

    assert first.status_code == second.status_code == 200
    assert first.json() == {"component_id": "faq-accordion", "usage_count": 5}
    assert second.json()["usage_count"] == 6
    stored = AiSemanticComponent.objects.get(component_id="faq-accordion")
    assert stored.usage_count == 6
    assert stored.last_used_at is not None


def test_track_usage_of_a_null_count_starts_counting(client, registry, auth):
    AiSemanticComponent.objects.filter(component_id="faq-accordion").update(usage_count=None)

    response = client.post("/api/v1/components/faq-accordion/track-usage", **auth)

    assert response.status_code == 200
    assert response.json()["usage_count"] == 1


def test_track_usage_is_refused_to_a_client_without_the_permission(client, registry, api_key_for):
    AiSemanticComponent.objects.filter(component_id="faq-accordion").update(usage_count=3)
    key = api_key_for(all_websites=True, name="scoped-cms")
    response = client.post("/api/v1/components/faq-accordion/track-usage", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 403
    assert "may track usage" in response.json()["detail"]
    assert AiSemanticComponent.objects.get(component_id="faq-accordion").usage_count == 3


def test_track_usage_of_an_unknown_component_is_404(client, registry, auth):
    response = client.post("/api/v1/components/no-such-block/track-usage", **auth)

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_track_usage_is_post_only(client, registry, auth):
    assert client.get("/api/v1/components/faq-accordion/track-usage", **auth).status_code == 405


def _concurrent_track_usage(api_key_for, requests: int = 50) -> tuple[list, int]:
    """``requests`` POSTs at once, each in its own thread, client and database connection, on a fresh component.

    Returns the responses and the stored count afterwards. Runs in a transactional test (the requests must see
    committed rows); the component is created here and deleted afterwards, since the flush that follows a
    transactional test leaves the unmanaged Rails table alone."""
    component = AiSemanticComponent.objects.create(
        component_id="concurrency-probe",
        npm_package="@tests/concurrency",
        import_path="blocks/test/concurrency-probe",
        semantic_type="test",
        category="test",
        display_name="Concurrency probe",
        props_schema={"type": "object"},
        usage_count=0,
    )
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_key_for(all_websites=True, may_track_usage=True)}"}
    start = threading.Barrier(requests)
    responses: list = [None] * requests

    def post(index: int) -> None:
        try:
            client = Client()
            start.wait(timeout=30)
            responses[index] = client.post(f"/api/v1/components/{component.component_id}/track-usage", **headers)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(requests)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in threads)
        assert [getattr(r, "status_code", None) for r in responses] == [200] * requests
        return responses, AiSemanticComponent.objects.get(pk=component.pk).usage_count
    finally:
        AiSemanticComponent.objects.filter(pk=component.pk).delete()


@pytest.mark.django_db(transaction=True)
def test_concurrent_track_usage_loses_no_count(api_key_for):
    _, stored = _concurrent_track_usage(api_key_for, 50)

    assert stored == 50


@pytest.mark.django_db(transaction=True)
def test_each_concurrent_track_usage_reports_the_count_its_own_increment_made(api_key_for):
    responses, _ = _concurrent_track_usage(api_key_for, 50)

    reported = sorted(response.json()["usage_count"] for response in responses)
    assert reported == list(range(1, 51)), "two responses reported the same count"


# --- fields -------------------------------------------------------------------------------------------------------


def test_search_fields_summary_leaves_out_the_contract_and_keeps_the_rest(client, registry, auth):
    params = {"query": "answers to common questions", "limit": 5}
    full = client.get("/api/v1/components/search", params, **auth).json()
    summary = client.get("/api/v1/components/search", params | {"fields": "summary"}, **auth).json()

    assert all(set(hit) == HIT_FIELDS for hit in full), "full stays the default"
    assert [set(hit) for hit in summary] == [HIT_FIELDS - {"props_schema"}] * 5
    assert summary == [{k: v for k, v in hit.items() if k != "props_schema"} for hit in full]


def test_search_fields_comma_list_gives_those_and_the_identity_and_ranking(client, registry, auth):
    response = client.get(
        "/api/v1/components/search",
        {"query": "answers to common questions", "fields": "block_name, display_name,props_schema"},
        **auth,
    )

    assert response.status_code == 200
    hits = response.json()
    assert {frozenset(hit) for hit in hits} == {
        frozenset({"component_id", "block_name", "display_name", "props_schema", "similarity_score", "score"})
    }
    stored = AiSemanticComponent.objects.get(component_id=hits[0]["component_id"])
    assert hits[0]["block_name"] == stored.props_schema["x-block-name"]
    assert hits[0]["props_schema"] == stored.props_schema


def test_search_fields_with_an_unknown_name_is_422_naming_it(client, registry, auth):
    response = client.get("/api/v1/components/search", {"query": "faq", "fields": "summary,embedding"}, **auth)

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert [error["field"] for error in body["errors"]] == ["query.fields"]
    assert "unknown field 'embedding'" in body["detail"]


def test_search_fields_are_documented_in_the_openapi_schema(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/components/search"]["get"]

    fields = next(p for p in operation["parameters"] if p["name"] == "fields")
    assert "summary" in fields["schema"]["description"] and "props_schema" in fields["schema"]["description"]
    hit = document["components"]["schemas"]["ComponentHitOut"]
    assert set(hit["required"]) == {"component_id", "similarity_score", "score"}
    assert hit["properties"]["category"] == {"title": "Category", "type": "string"}


def test_a_search_request_is_one_query_once_its_key_is_known(client, registry, auth, django_assert_max_num_queries):
    params = {"query": "answers to common questions", "fields": "summary"}
    flush_requests()  # the request counts' next write is 10 s away: not inside the requests counted here
    with django_assert_max_num_queries(3):  # the key, its last use (once a minute), the search
        assert client.get("/api/v1/components/search", params, **auth).status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get("/api/v1/components/search", params, **auth).status_code == 200


@pytest.mark.parametrize("fields", ["full", "summary", "block_name,description,replacement_component_id,usage_count"])
def test_search_answers_exactly_what_its_response_schema_would(client, registry, auth, fields):
    # The endpoint renders its hits without validating them through ComponentHitOut (for speed): the answer must
    # be what that validation would have given, field for field and type for type.
    AiSemanticComponent.objects.filter(component_id="faq-accordion").update(description=None, usage_count=None)
    params = {"query": "answers to common questions", "limit": MAX_LIMIT, "fields": fields}

    hits = client.get("/api/v1/components/search", params, **auth).json()

    assert len(hits) > 10 and "faq-accordion" in [hit["component_id"] for hit in hits]
    assert hits == [ComponentHitOut.model_validate(hit).model_dump(mode="json", exclude_unset=True) for hit in hits]
