"""Style guide API: generate, read, patch; scoping and errors a person can act on."""

import json

import pytest

from websites import anthropic_client

pytestmark = pytest.mark.django_db


def _auth(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _post(client, url, body, key):
    return client.post(url, json.dumps(body), content_type="application/json", **_auth(key))


def _patch(client, url, body, key):
    return client.patch(url, json.dumps(body), content_type="application/json", **_auth(key))


def test_generate_read_and_patch(client, bakery, api_key_for):
    key = api_key_for(bakery)
    base = f"/api/v1/websites/{bakery.pk}/style-guide"
    generated = _post(client, f"{base}/generate", {"industry": "bakery", "mood": "playful"}, key)
    assert generated.status_code == 200, generated.content
    body = generated.json()
    assert body["provider"] == "offline"
    assert body["contrast_report"]
    assert all(row["passes"] for row in body["contrast_report"])
    assert "--color-primary-500" in body["tailwind_css"]
    read = client.get(base, **_auth(key)).json()
    assert read["theme_config"] == body["theme_config"]
    patched = _patch(client, base, {"theme_config_patch": {"mood": None, "spacing": {"32": "8rem"}}}, key).json()
    assert "mood" not in patched["theme_config"]
    assert patched["theme_config"]["spacing"]["32"] == "8rem"
    assert patched["theme_config"]["colors"] == body["theme_config"]["colors"]


def test_bad_colour_and_unknown_mood_are_422_with_a_message(client, bakery, api_key_for):
    key = api_key_for(bakery)
    url = f"/api/v1/websites/{bakery.pk}/style-guide/generate"
    bad_colour = _post(client, url, {"color_preferences": ["#12345"]}, key)
    assert bad_colour.status_code == 422
    assert "#12345 is not a colour" in bad_colour.json()["detail"]
    bad_mood = _post(client, url, {"mood": "grumpy"}, key)
    assert bad_mood.status_code == 422
    assert "body.payload.mood: Input should be 'professional'" in bad_mood.json()["detail"]


def test_hostile_css_patch_is_422_and_says_where(client, bakery, api_key_for):
    key = api_key_for(bakery)
    response = _patch(
        client,
        f"/api/v1/websites/{bakery.pk}/style-guide",
        {"tailwind_css": "body{background:url(https://evil.example/x.png)}"},
        key,
    )
    assert response.status_code == 422
    assert "line 1" in response.json()["detail"].lower()


def test_scope_and_existence(client, bakery, clinic, api_key_for):
    key = api_key_for(bakery)
    assert client.get(f"/api/v1/websites/{clinic.pk}/style-guide", **_auth(key)).status_code == 403
    assert client.get("/api/v1/websites/999999/style-guide", **_auth(key)).status_code == 404
    missing = client.get(f"/api/v1/websites/{bakery.pk}/style-guide", **_auth(key))
    assert missing.status_code == 404
    assert "generate one first" in missing.json()["detail"]
    assert client.get(f"/api/v1/websites/{bakery.pk}/style-guide").status_code == 401


def test_empty_patch_is_refused(client, bakery, api_key_for):
    response = _patch(client, f"/api/v1/websites/{bakery.pk}/style-guide", {}, api_key_for(bakery))
    assert response.status_code == 422
    assert "tailwind_css" in response.json()["detail"]


def test_claude_failure_is_503_and_offline_still_works(client, bakery, api_key_for, settings, monkeypatch):
    settings.LLM_PROVIDER, settings.ANTHROPIC_API_KEY = "anthropic", "test-key"
    monkeypatch.setattr(anthropic_client, "_sleep", lambda seconds: None)  # retries without waiting
    key = api_key_for(bakery)
    url = f"/api/v1/websites/{bakery.pk}/style-guide/generate"
    failed = _post(client, url, {"mood": "calm"}, key)  # the network guard refuses api.anthropic.com
    assert failed.status_code == 503
    assert failed.json()["detail"]
    assert _post(client, url, {"mood": "calm", "provider": "offline"}, key).status_code == 200
