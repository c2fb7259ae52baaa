"""Issue 10 on the page side: a hostile or malformed theme written straight into website_style_guide (as Rails or
an older version could, bypassing the validator) never reaches a stored or published payload's ``_styles`` and
never breaks generation, refinement, the builder's style page or the preview; they fall back and say so. A row
with the old ``radius`` key (issue 11) is read as ``borderRadius``, without a notice."""

import copy
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_q.conf import Conf

from pagebuilder import pages
from pagebuilder.models import Message, PageCategory, PageVersion
from pagebuilder.payload import STYLE_PATTERNS, clean_payload_styles, clean_styles
from pagebuilder.preview.styles import SURFACES
from pagebuilder.refine import refine_page
from pagebuilder.tasks import run_generation
from styleguides.models import WebsiteStyleGuide
from styleguides.theme import generate_theme, theme_inputs
from tests.helpers.generation import generate

pytestmark = pytest.mark.django_db

SCRIPT = "</style><script>alert(1)</script>"
URL = "red;background:url(javascript:alert(1))"
FONT = f"Inter{SCRIPT}"
FORBIDDEN = re.compile(r"[<>;{}]|url\(|expression|javascript", re.IGNORECASE)
MALFORMED = [
    {"colors": "x"},
    {"typography": 5},
    {"colors": {"semantic": ["#fff"]}},
    {"colors": {"semantic": {"primary": "#12345", "foreground": "#12345"}}},
    {"version": 10**401, "typography": {"weights": {"bold": 10**401}}},
    ["not", "an", "object"],
]


def deep(depth: int = 500) -> dict:
    value: dict = {"x": 1}
    for _ in range(depth):
        value = {"colors": value}
    return value


def hostile_theme() -> dict:
    theme = copy.deepcopy(generate_theme(theme_inputs(industry="bakery")).theme_config)
    theme["colors"]["semantic"].update(foreground=SCRIPT, background=URL, primary="#12345")
    theme["typography"]["fonts"].update(sans=FONT, heading='x"><img src=x onerror=alert(1)>')
    theme["borderRadius"]["md"] = "1px;}body{background:url(//evil.example)}"
    theme["spacing"].update({"16": "expression(alert(1))", "24": 10**401})
    return theme


def store_theme(site, theme) -> None:
    """Write theme_config directly, bypassing every check, as Rails could."""
    WebsiteStyleGuide.objects.update_or_create(website=site, defaults={"theme_config": theme})


def assert_clean_styles(payload: dict) -> int:
    """Every _styles value matches its key's pattern and holds nothing hostile; returns how many were checked."""
    checked = 0
    for block in payload["blocks"]:
        for key, value in block["_styles"].items():
            checked += 1
            assert isinstance(value, str), (key, value)
            assert not FORBIDDEN.search(value), (key, value)
            assert value in SURFACES if key == "surface" else STYLE_PATTERNS[key].fullmatch(value), (key, value)
    return checked


def assert_every_stored_payload_is_clean(site) -> None:
    versions = list(PageVersion.objects.filter(website=site))
    live = list(PageCategory.objects.filter(website=site, design_payload__isnull=False))
    assert versions
    assert live
    for row in [*versions, *live]:
        assert assert_clean_styles(row.design_payload) > 0


@pytest.fixture
def editor_client(crumb) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username="editor"))  # seeded: member of both demo websites
    return client


def test_generation_with_a_hostile_theme_stores_and_publishes_only_clean_styles(crumb):
    store_theme(crumb, hostile_theme())
    task = generate(crumb, "an about page for our bakery", "about", publish=True)
    assert task.status == "completed", task.error
    assert_every_stored_payload_is_clean(crumb)
    assert assert_clean_styles(task.result["design_payload"]) > 0
    blocks = PageCategory.objects.get(website=crumb, slug="about").design_payload["blocks"]
    # What could not be read is filled the way the generator would: every block keeps readable text colours.
    assert all(STYLE_PATTERNS["textColor"].fullmatch(block["_styles"].get("textColor", "")) for block in blocks)
    assert any("borderColor" in block["_styles"] for block in blocks)  # the valid tokens are still used
    notes = " ".join(task.result["notes"])
    assert "The style guide holds values that cannot be used" in notes
    assert "colors.semantic.foreground" in notes


@pytest.mark.parametrize("theme", [*MALFORMED, deep()])
def test_a_malformed_theme_never_fails_a_generation_and_falls_back_to_the_brand(crumb, theme):
    store_theme(crumb, theme)
    task = generate(crumb, "contact us page", "contact", publish=True)
    assert task.status == "completed", task.error
    assert_every_stored_payload_is_clean(crumb)
    blocks = PageCategory.objects.get(website=crumb, slug="contact").design_payload["blocks"]
    assert all(block["_styles"].get("backgroundColor") for block in blocks)  # the brand's theme filled the gap
    assert any("style guide holds values that cannot be used" in note for note in task.result["notes"])


def test_generation_through_the_api_publishes_clean_styles(
    crumb, client, api_key_for, monkeypatch, settings, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(Conf, "SYNC", True)  # queued work runs inline, as in tests/pagebuilder/test_api.py
    settings.AI_BUILDER_ROLLOUT_PERCENT, settings.AI_BUILDER_ALLOWLIST = 100, []
    store_theme(crumb, hostile_theme())
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_key_for(crumb, may_publish=True)}"}
    body = {"page_intent": "contact us page", "page_category_slug": "contact", "publish": True}
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            f"/api/v1/websites/{crumb.pk}/pages/generate", json.dumps(body), content_type="application/json", **headers
        )
    assert started.status_code == 202, started.content
    task = client.get(f"/api/v1/tasks/{started.json()['task_id']}", **headers).json()
    assert task["status"] == "completed", task
    assert any("style guide holds values that cannot be used" in note for note in task["result"]["notes"])
    page = client.get(f"/api/v1/websites/{crumb.pk}/pages/contact", **headers).json()
    assert page["published"]
    assert assert_clean_styles(page["design_payload"]) > 0
    assert_every_stored_payload_is_clean(crumb)


def test_refining_a_page_under_a_hostile_theme_keeps_styles_clean(crumb):
    generate(crumb, "an about page for our bakery", "about")
    store_theme(crumb, hostile_theme())
    outcome = refine_page(crumb, "about", "set the hero headline to 'Fresh bread daily'", provider_name="offline")
    assert outcome.changed, outcome.reply
    assert assert_clean_styles(outcome.version.design_payload) > 0


def test_an_old_unclean_version_is_cleaned_when_restored_or_published(crumb):
    task = generate(crumb, "an about page for our bakery", "about")
    version = PageVersion.objects.get(pk=task.result["version_id"])
    dirty = copy.deepcopy(version.design_payload)
    dirty["blocks"][0]["_styles"].update(textColor=SCRIPT, backgroundColor=URL, fontFamily=FONT, onload="alert(1)")
    PageVersion.objects.filter(pk=version.pk).update(design_payload=dirty)  # as an older version could have stored
    version.refresh_from_db()
    restored = pages.restore_version(version)
    assert assert_clean_styles(restored.design_payload) > 0
    assert "onload" not in restored.design_payload["blocks"][0]["_styles"]
    page = pages.publish_version(version)
    assert assert_clean_styles(page.design_payload) > 0


def test_clean_styles_keeps_only_known_keys_with_matching_values():
    styles = {
        "surface": "muted",
        "backgroundColor": " #ffffff ",
        "textColor": SCRIPT,
        "accentColor": URL,
        "borderRadius": "0.5rem",
        "paddingBlock": "4rem;x:y",
        "fontFamily": 'system-ui, "Segoe UI", sans-serif',
        "headingFontFamily": FONT,
        "onclick": "alert(1)",
        "borderColor": 10**401,
    }
    assert clean_styles(styles) == {
        "surface": "muted",
        "backgroundColor": "#ffffff",
        "borderRadius": "0.5rem",
        "fontFamily": 'system-ui, "Segoe UI", sans-serif',
    }
    assert clean_styles({"surface": "<b>"}) == {}
    assert clean_styles("x") == {}
    assert clean_styles(None) == {}


def test_clean_payload_styles_cleans_children_and_leaves_its_input_alone():
    payload = {
        "version": "1.0",
        "blocks": [
            {"_id": "a", "_styles": {"textColor": SCRIPT}, "_children": [{"_styles": {"borderRadius": URL}}]},
            "not a block",
            {"_id": "b", "_styles": "junk"},
        ],
        "meta": {"by": "rails"},
    }
    before = copy.deepcopy(payload)
    cleaned = clean_payload_styles(payload)
    assert payload == before
    assert cleaned["blocks"][0]["_styles"] == {}
    assert cleaned["blocks"][0]["_children"][0]["_styles"] == {}
    assert cleaned["blocks"][1] == "not a block"
    assert cleaned["blocks"][2]["_styles"] == {}
    assert cleaned["meta"] == {"by": "rails"}
    assert clean_payload_styles(cleaned) == cleaned
    assert clean_payload_styles(["x"]) == ["x"]
    assert clean_payload_styles(None) is None


@pytest.mark.parametrize("theme", [*MALFORMED, deep(), hostile_theme()])
def test_the_style_page_shows_what_it_can_and_says_what_it_left_out(editor_client, crumb, theme):
    store_theme(crumb, theme)
    response = editor_client.get(f"/builder/websites/{crumb.pk}/style/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="theme-problems"' in body
    assert "cannot be used" in body
    assert "<script>alert(1)" not in body
    assert "url(javascript" not in " ".join(re.findall(r'style="[^"]*"', body))


def test_the_style_page_of_a_sound_theme_has_no_notice_and_ratios(editor_client, crumb):
    store_theme(crumb, generate_theme(theme_inputs(industry="bakery")).theme_config)
    body = editor_client.get(f"/builder/websites/{crumb.pk}/style/").content.decode()
    assert 'id="theme-problems"' not in body
    assert re.search(r"contrast \d+(\.\d)?:1", body)


def test_a_translucent_colour_is_shown_without_a_ratio(editor_client, crumb):
    theme = generate_theme(theme_inputs(industry="bakery")).theme_config
    theme["colors"]["semantic"]["primary"] = "#11223380"  # valid for the CSS, no single contrast ratio
    store_theme(crumb, theme)
    body = editor_client.get(f"/builder/websites/{crumb.pk}/style/").content.decode()
    assert "contrast not measured (translucent)" in body


@pytest.mark.parametrize("theme", [*MALFORMED, deep(), hostile_theme()])
def test_the_preview_and_a_builder_generation_survive_a_malformed_theme(editor_client, crumb, theme):
    generate(crumb, "an about page for our bakery", "about")
    store_theme(crumb, theme)
    preview = editor_client.get(f"/builder/websites/{crumb.pk}/pages/about/preview/")
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "<script>alert(1)" not in html
    assert "javascript:" not in html
    assert "onerror" not in html
    started = editor_client.post(f"/builder/websites/{crumb.pk}/", {"slug": "services", "message": "our services"})
    assert started.status_code == 302
    message = Message.objects.filter(conversation__website=crumb, conversation__slug="services", kind="generation")
    run_generation(str(message.latest("id").task_id))  # what the worker does
    assert editor_client.get(f"/builder/websites/{crumb.pk}/pages/services/").status_code == 200
    assert assert_clean_styles(pages.latest_version(crumb, "services").design_payload) > 0


def old_theme(md: str = "0.7rem") -> dict:
    """A sound theme as an older version stored it (issue 11): the radii under ``radius``, not ``borderRadius``."""
    sound = copy.deepcopy(generate_theme(theme_inputs(industry="bakery")).theme_config)
    theme = {("radius" if key == "borderRadius" else key): value for key, value in sound.items()}
    theme["radius"]["md"] = md
    return theme


def test_a_generation_reads_an_old_rows_radius_as_border_radius(crumb):
    store_theme(crumb, old_theme())
    task = generate(crumb, "an about page for our bakery", "about", publish=True)
    assert task.status == "completed", task.error
    blocks = task.result["design_payload"]["blocks"]
    assert blocks
    assert all(block["_styles"].get("borderRadius") == "0.7rem" for block in blocks)
    assert not any("cannot be used" in note for note in task.result["notes"])  # an old key is not a problem


def test_the_style_page_and_the_preview_read_an_old_row_without_a_notice(editor_client, crumb):
    generate(crumb, "an about page for our bakery", "about")
    store_theme(crumb, old_theme())
    body = editor_client.get(f"/builder/websites/{crumb.pk}/style/").content.decode()
    assert 'id="theme-problems"' not in body
    assert re.search(r"contrast \d+(\.\d)?:1", body)
    preview = editor_client.get(f"/builder/websites/{crumb.pk}/pages/about/preview/").content.decode()
    assert "--pb-radius:0.7rem" in preview
