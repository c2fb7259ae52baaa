"""Issue 10 through the style guide API: hostile or malformed theme patches are 422 naming each path and store
nothing; a malformed theme already in the table never blocks the next patch; Claude's invalid values are
repaired and reported, not refused; the CSS gate sees through comments."""

import copy
import json

import pytest

from styleguides.models import WebsiteStyleGuide
from styleguides.services import update_style_guide
from styleguides.theme_validation import MAX_DEPTH, theme_problems
from tests.styleguides.test_claude_theme import THEME
from websites.errors import InvalidInput

pytestmark = pytest.mark.django_db

HOSTILE_PATCH = {
    "colors": {
        "semantic": {
            "foreground": "</style><script>alert(1)</script>",
            "background": "red;background:url(javascript:alert(1))",
        }
    },
    "typography": {"fonts": {"sans": "Inter</style><script>alert(1)</script>"}},
}


def nested(depth: int) -> dict:
    value: dict = {"mood": "calm"}
    for _ in range(depth - 1):
        value = {"colors": value}
    return value


@pytest.fixture
def style_api(client, bakery, api_key_for):
    key = api_key_for(bakery)
    base = f"/api/v1/websites/{bakery.pk}/style-guide"
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    class Api:
        def patch(self, body: dict):
            return client.patch(base, json.dumps(body), content_type="application/json", **headers)

        def read(self):
            return client.get(base, **headers)

        def generate(self, body: dict):
            return client.post(f"{base}/generate", json.dumps(body), content_type="application/json", **headers)

    api = Api()
    assert api.generate({"industry": "bakery", "provider": "offline"}).status_code == 200
    return api


def stored(website) -> WebsiteStyleGuide:
    return WebsiteStyleGuide.objects.get(website=website)


def test_hostile_theme_values_are_422_naming_each_path_and_nothing_is_stored(style_api, bakery):
    before = stored(bakery).theme_config
    response = style_api.patch({"theme_config_patch": HOSTILE_PATCH})
    assert response.status_code == 422, response.content
    body = response.json()
    assert "colors.semantic.foreground" in body["detail"]
    assert "#rgb, #rgba, #rrggbb or #rrggbbaa" in body["detail"]
    assert {d["path"] for d in body["details"]} == {
        "colors.semantic.foreground",
        "colors.semantic.background",
        "typography.fonts.sans",
    }
    assert stored(bakery).theme_config == before


@pytest.mark.parametrize(
    ("patch", "path"),
    [
        ({"colors": "x"}, "colors"),
        ({"typography": 5}, "typography"),
        ({"colors": {"semantic": ["#fff"]}}, "colors.semantic"),
        ({"colors": {"semantic": {"primary": "#12345"}}}, "colors.semantic.primary"),
        ({"typography": {"weights": {"bold": 10**400}}}, None),  # the JSON parser refuses it for the whole body
        ({"custom": {"a": 1}}, "custom"),
        (nested(500), "theme_config_patch"),
        ({"industry": "x" * 70_000}, "theme_config_patch"),
    ],
)
def test_malformed_patches_are_422_and_the_website_keeps_working(style_api, bakery, patch, path):
    response = style_api.patch({"theme_config_patch": patch})
    assert response.status_code == 422, response.content
    body = response.json()  # the API's JSON parser may refuse first (huge ints, deep nesting): it names the path too
    named = [detail.get("path", "") for detail in body.get("details") or [] if isinstance(detail, dict)]
    assert path is None or path in named or path in body["detail"], body
    assert theme_problems(stored(bakery).theme_config) == []
    after = style_api.patch({"theme_config_patch": {"colors": {"semantic": {"ring": "#123456"}}}})
    assert after.status_code == 200
    assert after.json()["theme_config"]["colors"]["semantic"]["ring"] == "#123456"


@pytest.mark.parametrize(
    "junk",
    [{"colors": "x"}, {"typography": 5}, {"colors": {"semantic": ["#fff"]}}, nested(500), {"version": 10**401}],
)
def test_a_malformed_theme_in_the_table_never_blocks_the_next_patch(style_api, bakery, junk):
    WebsiteStyleGuide.objects.filter(website=bakery).update(theme_config=junk)  # as Rails or an old version could
    response = style_api.patch({"theme_config_patch": {"mood": "calm"}})
    assert response.status_code == 200, response.content
    theme = response.json()["theme_config"]
    assert theme["mood"] == "calm"
    assert theme_problems(theme) == []  # the unusable part was dropped
    assert theme_problems(stored(bakery).theme_config) == []


@pytest.mark.parametrize("junk", [[1, 2], 7, "x", {"colors": "x", "mood": "calm"}, nested(500)])
def test_reading_a_malformed_theme_answers_its_usable_part_and_says_what_was_left_out(style_api, bakery, junk):
    WebsiteStyleGuide.objects.filter(website=bakery).update(theme_config=junk)  # as Rails or an old version could

    response = style_api.read()

    assert response.status_code == 200, response.content
    body = response.json()
    assert theme_problems(body["theme_config"]) == []
    assert body["theme_problems"]  # the caller is told something was left out
    if isinstance(junk, dict) and junk.get("mood"):
        assert body["theme_config"]["mood"] == "calm"


@pytest.mark.parametrize(
    ("patch", "words"),
    [(nested(500), "nested deeper than 8 levels"), ({"typography": {"weights": {"bold": 10**401}}}, "bold")],
)
def test_the_service_refuses_what_the_api_parser_may_already_stop(bakery, patch, words):
    update_style_guide(bakery, theme_patch={"mood": "calm"})
    with pytest.raises(InvalidInput, match=words):
        update_style_guide(bakery, theme_patch=patch)
    assert stored(bakery).theme_config == {"mood": "calm"}
    assert update_style_guide(bakery, theme_patch={"mood": "warm"}).theme_config == {"mood": "warm"}


def test_a_patch_at_the_depth_limit_is_fine_one_more_level_is_not(style_api):
    allowed = style_api.patch({"theme_config_patch": {"colors": {"semantic": {"ring": "#000"}}}})
    assert allowed.status_code == 200
    too_deep = style_api.patch({"theme_config_patch": nested(MAX_DEPTH + 1)})
    assert too_deep.status_code == 422
    assert f"nested deeper than {MAX_DEPTH} levels" in too_deep.json()["detail"]


def test_a_comment_splitting_expression_is_refused(style_api):
    response = style_api.patch({"tailwind_css": "body{width:EXPR/**/ESSION(alert(1))}"})
    assert response.status_code == 422
    assert "expression is not allowed" in response.json()["detail"]
    assert "comment inside the value of width" in response.json()["detail"]


def test_claude_values_that_fail_are_replaced_and_listed_in_repairs(style_api, bakery, monkeypatch, settings):
    from styleguides import claude_theme

    theme = copy.deepcopy(THEME)
    theme["colors"]["semantic"]["foreground"] = "</style><script>alert(1)</script>"
    theme["typography"]["fonts"]["sans"] = "Inter</style><script>alert(1)</script>"
    theme["borderRadius"]["md"] = "red;background:url(javascript:alert(1))"
    theme["evil"] = {"x": 1}
    monkeypatch.setattr(claude_theme, "claude_theme", lambda **kwargs: (theme, None))
    settings.LLM_PROVIDER, settings.ANTHROPIC_API_KEY = "anthropic", "test-key"
    response = style_api.generate({"industry": "bakery", "provider": "anthropic"})
    assert response.status_code == 200, response.content
    body = response.json()
    repairs = " | ".join(body["repairs"])
    for path in ("colors.semantic.foreground", "typography.fonts.sans", "borderRadius.md", "evil"):
        assert path in repairs
    saved = stored(bakery).theme_config
    assert theme_problems(saved) == []
    assert "evil" not in saved
    assert saved["colors"]["semantic"]["foreground"].startswith("#")
    assert "<" not in json.dumps(saved)


def test_a_hostile_industry_label_is_stored_as_plain_text(style_api, bakery):
    response = style_api.generate({"industry": "cakes <b>&</b> more", "provider": "offline"})
    assert response.status_code == 200, response.content
    assert "<" not in stored(bakery).theme_config["industry"]


def test_asking_for_claude_without_a_key_is_a_422_that_says_what_to_send(style_api, settings):
    settings.ANTHROPIC_API_KEY = ""

    response = style_api.generate({"provider": "anthropic"})

    assert response.status_code == 422
    assert "provider=offline" in response.json()["detail"]
