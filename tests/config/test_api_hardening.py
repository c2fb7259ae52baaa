"""Hostile and malformed requests get a 4xx in the API's JSON error shape, never a 500 (issue 10, findings 3, 6, 7).

Each case is one the outside tester's fuzzer found answering 500 (or HTML) before; the regression is that it
answers the documented status with a body that names what to fix.
"""

import base64
import json
import logging

import pytest

from styleguides.models import WebsiteStyleGuide
from websites.api_clients import api_client_create
from websites.models import AiTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def key(bakery, api_key_for) -> str:
    return api_key_for(bakery)


def _send(client, method: str, url: str, body: str | bytes, key: str, content_type: str = "application/json", **extra):
    return client.generic(method, url, body, content_type=content_type, HTTP_AUTHORIZATION=f"Bearer {key}", **extra)


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) >= {"detail", "code"}
    assert "Traceback" not in response.content.decode()
    return body


def _generate_url(bakery) -> str:
    return f"/api/v1/websites/{bakery.pk}/pages/generate"


GOOD_PAGE = {"page_intent": "An about page", "page_category_slug": "about"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**GOOD_PAGE, "page_intent": "About\x00us"}, "body.page_intent"),
        ({**GOOD_PAGE, "additional_context": "Hours: 9\x00-5"}, "body.additional_context"),
    ],
)
def test_a_nul_character_in_a_page_request_is_422_naming_the_field(client, bakery, key, body, field):
    response = _send(client, "POST", _generate_url(bakery), json.dumps(body), key)

    error = _error(response, 422)
    assert error["errors"] == [{"field": field, "message": "contains a NUL character"}]
    assert field in error["detail"]
    assert not AiTask.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"industry": "bak\x00ery"}, "body.industry"),
        ({"theme_config_patch": {"colors": {"semantic": {"primary": "#fff\x00"}}}}, "body.theme_config_patch"),
        ({"theme_config_patch": {"ke\x00y": "x"}}, "body.theme_config_patch"),
    ],
)
def test_a_nul_character_in_style_guide_requests_is_422(client, bakery, key, body, field):
    method, path = ("POST", "style-guide/generate") if "industry" in body else ("PATCH", "style-guide")
    response = _send(client, method, f"/api/v1/websites/{bakery.pk}/{path}", json.dumps(body), key)

    error = _error(response, 422)
    assert error["errors"][0]["field"].startswith(field)
    assert "NUL character" in error["errors"][0]["message"]


def test_a_lone_surrogate_is_422_naming_the_field(client, bakery, key):
    raw = '{"page_intent": "About \\ud800 us", "page_category_slug": "about"}'

    error = _error(_send(client, "POST", _generate_url(bakery), raw, key), 422)

    assert error["errors"] == [{"field": "body.page_intent", "message": "contains a lone UTF-16 surrogate"}]


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999", "-1e999"])
def test_non_finite_numbers_are_422(client, bakery, key, number):
    raw = f'{{"theme_config_patch": {{"spacing": {{"4": {number}}}}}}}'

    error = _error(_send(client, "PATCH", f"/api/v1/websites/{bakery.pk}/style-guide", raw, key), 422)

    assert "finite number" in error["detail"]


def test_a_401_digit_integer_is_422(client, bakery, key):
    raw = '{"theme_config_patch": {"radius": {"md": ' + "9" * 401 + "}}}"

    error = _error(_send(client, "PATCH", f"/api/v1/websites/{bakery.pk}/style-guide", raw, key), 422)

    assert "out of range" in error["detail"]


def test_a_body_over_the_limit_is_413_json(client, bakery, key, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({**GOOD_PAGE, "additional_context": "x" * 2000})

    error = _error(_send(client, "POST", _generate_url(bakery), body, key), 413)

    assert error["code"] == "payload_too_large"
    assert "1,000 bytes" in error["detail"]
    assert not AiTask.objects.exists()


@pytest.mark.parametrize("raw", ["[]", '"x"', "5", "null", "true"])
def test_a_body_that_is_not_an_object_is_422_and_changes_nothing(client, bakery, key, raw):
    response = _send(client, "POST", f"/api/v1/websites/{bakery.pk}/style-guide/generate", raw, key)

    error = _error(response, 422)
    assert "must be a JSON object" in error["detail"]
    assert not WebsiteStyleGuide.objects.filter(website=bakery).exists()


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"])
def test_a_body_that_is_not_sent_as_json_is_415(client, bakery, key, content_type):
    response = _send(client, "POST", _generate_url(bakery), json.dumps(GOOD_PAGE), key, content_type=content_type)

    error = _error(response, 415)
    assert error["code"] == "unsupported_media_type"
    assert "application/json" in error["detail"]
    assert not AiTask.objects.exists()


def test_a_json_variant_content_type_is_accepted(client, bakery, key):
    response = _send(
        client,
        "POST",
        _generate_url(bakery),
        json.dumps(GOOD_PAGE),
        key,
        content_type="application/json; charset=utf-8",
    )

    assert response.status_code == 202


def test_malformed_json_is_400_saying_where(client, bakery, key):
    error = _error(_send(client, "POST", _generate_url(bakery), '{"page_intent": ', key), 400)

    assert "not valid JSON" in error["detail"]
    assert "line 1" in error["detail"]


def test_bytes_that_are_not_utf8_are_400(client, bakery, key):
    error = _error(_send(client, "POST", _generate_url(bakery), b'{"page_intent": "\xff"}', key), 400)

    assert "not UTF-8" in error["detail"]


def test_a_nul_in_the_idempotency_key_header_is_422(client, bakery, key):
    response = _send(
        client, "POST", _generate_url(bakery), json.dumps(GOOD_PAGE), key, HTTP_IDEMPOTENCY_KEY="abc\x00def"
    )

    error = _error(response, 422)
    assert error["errors"][0]["field"] == "header.Idempotency-Key"
    assert not AiTask.objects.exists()


@pytest.mark.parametrize(
    "path", ["/api/v1/websites/{id}/pages/%00", "/api/v1/components/%00", "/api/v1/components/a%00b/track-usage"]
)
def test_a_nul_in_a_path_segment_is_422(client, bakery, key, path):
    method = "POST" if path.endswith("track-usage") else "GET"
    response = _send(client, method, path.format(id=bakery.pk), "", key)

    error = _error(response, 422)
    assert error["errors"][0]["field"] == "path"


def test_a_nul_in_a_query_parameter_is_422(client, key):
    response = client.get("/api/v1/components/search", {"query": "hero\x00"}, HTTP_AUTHORIZATION=f"Bearer {key}")

    error = _error(response, 422)
    assert error["errors"][0]["field"] == "query.'query'"


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/api/v1/websites/-1/pages/generate"), ("POST", "/api/v1/tasks/not-a-uuid"), ("DELETE", "/api/v2/x")],
)
def test_unknown_routes_answer_json_404_with_any_method(client, key, method, path):
    client = type(client)(enforce_csrf_checks=True)  # as a browser-less caller: no CSRF token

    error = _error(_send(client, method, path, "{}", key), 404)

    assert error["code"] == "not_found"
    assert "/api/v1/docs" in error["detail"]


def test_a_wrong_method_on_a_real_route_is_json_405_with_allow(client, bakery, key):
    response = _send(client, "DELETE", f"/api/v1/websites/{bakery.pk}/style-guide", "", key)

    error = _error(response, 405)
    assert error["code"] == "method_not_allowed"
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "PATCH"}


def test_basic_auth_headers_are_never_logged_even_in_debug(client, bakery, settings, caplog):
    settings.DEBUG = True
    _, secret = api_client_create(name="renderer", websites=[bakery])
    basic = base64.b64encode(f"renderer:{secret}".encode()).decode()
    caplog.set_level(logging.DEBUG)

    ok = client.get(f"/api/v1/websites/{bakery.pk}", HTTP_AUTHORIZATION=f"Basic {basic}")
    refused = client.get(f"/api/v1/websites/{bakery.pk}", HTTP_AUTHORIZATION="Basic !!not-base64!!")

    assert ok.status_code == 200
    assert refused.status_code == 401
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert secret not in logged
    assert basic not in logged
    assert "not-base64" not in logged
