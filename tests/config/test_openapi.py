"""The OpenAPI document tells the truth: one name per schema, every error status documented with the error
schema, request schemas as strict as the server, and an example for every request body (issue 10, finding 5)."""

import json

import pytest

from config.api import api

DOCUMENT = json.loads(json.dumps(api.get_openapi_schema()))  # as served: status codes become strings
SCHEMAS = DOCUMENT["components"]["schemas"]
OPERATIONS = [
    (method.upper(), path, operation)
    for path, methods in DOCUMENT["paths"].items()
    for method, operation in methods.items()
]
ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}


def _body_schema(operation: dict) -> dict:
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    return SCHEMAS[schema["$ref"].rsplit("/", 1)[1]] if "$ref" in schema else schema


def _operation(method: str, path: str) -> dict:
    return DOCUMENT["paths"][f"/api/v1{path}"][method.lower()]


def test_page_and_style_guide_generation_document_their_own_bodies():
    page = _body_schema(_operation("POST", "/websites/{website_id}/pages/generate"))
    style = _body_schema(_operation("POST", "/websites/{website_id}/style-guide/generate"))

    assert {"page_intent", "page_category_slug"} <= set(page["properties"])
    assert {"mood", "color_preferences", "industry"} <= set(style["properties"])
    assert "page_intent" not in style["properties"]


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=[f"{m} {p}" for m, p, _ in OPERATIONS])
def test_every_operation_documents_its_errors_with_the_error_schema(method, path, operation):
    responses = operation["responses"]
    expected = {"413", "422"} | ({"401"} if path != "/api/v1/health" else set())
    if "requestBody" in operation:
        expected |= {"400", "415"}
    if "{website_id}" in path:
        expected |= {"403", "404"}

    documented = {str(status) for status in responses}
    assert expected <= documented
    errors = {status for status in documented if not status.startswith("2")}
    for status in errors - {"503"} if path == "/api/v1/health" else errors:
        assert responses[status]["content"]["application/json"]["schema"] == ERROR_REF, status


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=[f"{m} {p}" for m, p, _ in OPERATIONS])
def test_every_request_body_has_an_example(method, path, operation):
    if "requestBody" in operation:
        assert _body_schema(operation)["examples"]


def test_request_schemas_are_as_strict_as_the_server():
    page = _body_schema(_operation("POST", "/websites/{website_id}/pages/generate"))["properties"]
    assert page["page_intent"]["minLength"] == 1
    assert page["page_intent"]["pattern"] == r"\S"
    assert page["webhook_url"]["anyOf"][0]["pattern"].startswith("^[Hh][Tt][Tt][Pp][Ss]?://")
    assert page["webhook_url"]["format"] == "uri"

    patch = _body_schema(_operation("PATCH", "/websites/{website_id}/style-guide"))
    assert [option["required"] for option in patch["anyOf"]] == [["tailwind_css"], ["theme_config_patch"]]

    search = {p["name"]: p["schema"] for p in _operation("GET", "/components/search")["parameters"]}
    assert search["query"]["minLength"] == 1
    assert search["query"]["pattern"] == r"\S"

    style = _body_schema(_operation("POST", "/websites/{website_id}/style-guide/generate"))["properties"]
    assert set(style["mood"]["anyOf"][0]["enum"]) == {
        "professional",
        "playful",
        "elegant",
        "bold",
        "calm",
        "minimal",
        "warm",
    }


def test_the_server_refuses_what_the_document_refuses(client, bakery, api_key_for):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_key_for(bakery)}"}
    empty_patch = client.patch(f"/api/v1/websites/{bakery.pk}/style-guide", {}, content_type="application/json", **auth)
    ftp_hook = client.post(
        f"/api/v1/websites/{bakery.pk}/pages/generate",
        {"page_intent": "About", "page_category_slug": "about", "webhook_url": "ftp://example.com/hook"},
        content_type="application/json",
        **auth,
    )

    assert empty_patch.status_code == 422
    assert "send tailwind_css, theme_config_patch or both" in empty_patch.json()["detail"]
    assert ftp_hook.status_code == 422
    assert "webhook_url" in ftp_hook.json()["detail"]
