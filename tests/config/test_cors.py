import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(CORS_ALLOWED_ORIGINS=["https://cms.example.com"])
def test_api_answers_cors_preflight_for_configured_origins_only(client):
    allowed = client.options(
        "/api/v1/websites",
        HTTP_ORIGIN="https://cms.example.com",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )
    assert allowed["Access-Control-Allow-Origin"] == "https://cms.example.com"
    assert "authorization" in allowed["Access-Control-Allow-Headers"]
    other = client.options(
        "/api/v1/websites", HTTP_ORIGIN="https://evil.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert "Access-Control-Allow-Origin" not in other


@override_settings(CORS_ALLOWED_ORIGINS=["https://cms.example.com"])
def test_cors_applies_to_the_api_not_the_admin(client):
    response = client.get("/admin/login/", HTTP_ORIGIN="https://cms.example.com")
    assert "Access-Control-Allow-Origin" not in response
