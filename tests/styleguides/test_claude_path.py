"""Generating a style guide with Claude, end to end through the API over the shared strict fake transport: a theme with
poor contrast is repaired and the response says what was repaired; malformed output fails clearly."""

import copy
import json

import pytest

from tests import fake_anthropic
from tests.styleguides.test_claude_theme import THEME

pytestmark = pytest.mark.django_db


@pytest.fixture
def claude(fake_claude):
    """The generate_theme answers the fake gives, in order."""
    return fake_claude().answers["generate_theme"]


def _generate(client, website, key, body=None):
    return client.post(
        f"/api/v1/websites/{website.pk}/style-guide/generate",
        json.dumps(body or {"mood": "calm"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )


def test_a_valid_claude_theme_is_stored(client, bakery, api_key_for, claude):
    claude.append({"theme_config": THEME})
    response = _generate(client, bakery, api_key_for(bakery))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["provider"] == "anthropic"
    assert body["theme_config"]["colors"]["semantic"]["primary"] == "#4f46e5"
    assert all(row["passes"] for row in body["contrast_report"])


def test_poor_contrast_from_claude_is_repaired_and_reported(client, bakery, api_key_for, claude):
    theme = copy.deepcopy(THEME)
    theme["colors"]["semantic"].update({"primary": "#ffff00", "primary-foreground": "#ffffff"})
    claude.append({"theme_config": theme})
    body = _generate(client, bakery, api_key_for(bakery)).json()
    assert any("primary" in sentence for sentence in body["repairs"])
    assert all(row["passes"] for row in body["contrast_report"])
    assert "--color-primary:" in body["tailwind_css"].replace(" ", "")


def test_malformed_claude_output_fails_clearly_and_stores_nothing(client, bakery, api_key_for, claude):
    claude.append(fake_anthropic.unchecked({"theme_config": "make it blue"}))  # outside its schema
    response = _generate(client, bakery, api_key_for(bakery))
    assert response.status_code == 503
    assert "malformed theme" in response.json()["detail"]
    assert "provider=offline" in response.json()["detail"]
    assert (
        client.get(
            f"/api/v1/websites/{bakery.pk}/style-guide", HTTP_AUTHORIZATION=f"Bearer {api_key_for(bakery)}"
        ).status_code
        == 404
    )
