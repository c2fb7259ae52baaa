"""Issue 11: theme_config uses the original plan's top-level keys (colors, typography, spacing, borderRadius,
shadows, plus motion). A row an older version (or Rails) wrote with ``radius`` is read as ``borderRadius`` without
being called a problem, and every save rewrites it; a PATCH may still say ``radius`` (renamed), not both."""

import copy
import json

import pytest

from styleguides.claude_theme import THEME_CONFIG_SCHEMA
from styleguides.css import compile_css, current_keys
from styleguides.models import WebsiteStyleGuide
from styleguides.services import generate_style_guide, update_style_guide
from styleguides.theme import generate_theme, repair_theme, theme_inputs
from styleguides.theme_validation import readable_theme, theme_problems, validate_theme
from websites.errors import InvalidInput

PLAN_KEYS = {"colors", "typography", "spacing", "borderRadius", "shadows"}  # the plan's theme_schema
RADII = {"none": "0", "sm": "0.35rem", "md": "0.7rem", "lg": "1.05rem", "xl": "1.4rem", "full": "9999px"}


def current_theme() -> dict:
    return copy.deepcopy(generate_theme(theme_inputs(industry="bakery")).theme_config)


def old_theme() -> dict:
    """A theme as an older version stored it: the radii under ``radius``, in the same place."""
    return {("radius" if key == "borderRadius" else key): value for key, value in current_theme().items()}


def store(site, theme) -> WebsiteStyleGuide:
    """Write the row straight into the table, as Rails or an older version could (no save(), no checks)."""
    guide, _ = WebsiteStyleGuide.objects.update_or_create(website=site, defaults={"theme_config": {}})
    WebsiteStyleGuide.objects.filter(pk=guide.pk).update(theme_config=theme, tailwind_css="/* old */")
    return WebsiteStyleGuide.objects.get(pk=guide.pk)


def stored(site) -> dict:
    return WebsiteStyleGuide.objects.get(website=site).theme_config


def test_a_generated_theme_uses_the_plans_keys():
    theme = generate_theme(theme_inputs(industry="bakery", mood="playful")).theme_config
    assert "radius" not in theme
    assert theme["borderRadius"]["md"].endswith("rem")
    assert set(theme) == PLAN_KEYS | {"motion", "version", "mood", "industry"}
    assert set(THEME_CONFIG_SCHEMA["required"]) == PLAN_KEYS | {"motion"}  # what Claude is asked for


def test_claudes_old_key_is_repaired_under_the_new_name():
    raw = old_theme()
    raw["radius"]["md"] = "0.7rem"
    result = repair_theme(raw, inputs=theme_inputs(industry="bakery"))
    assert "radius" not in result.theme_config
    assert result.theme_config["borderRadius"]["md"] == "0.7rem"
    assert not [line for line in result.repairs if "adius" in line]


def test_the_compiler_reads_the_old_key_and_keeps_the_variable_names():
    old, new = old_theme(), current_theme()
    old["radius"] = new["borderRadius"] = RADII
    css = compile_css(old)
    assert "--radius-md:0.7rem;" in css
    assert "--radius-full:9999px;" in css
    assert css == compile_css(new)


def test_readable_theme_reads_the_old_key_as_the_new_one_without_a_problem():
    old = old_theme()
    theme, problems = readable_theme(old)
    assert problems == []
    assert "radius" not in theme
    assert theme["borderRadius"] == old["radius"]
    assert list(theme) == list(current_theme())  # same place
    assert "radius" in old  # the input is not modified


def test_where_a_row_holds_both_names_the_new_one_wins_quietly():
    row = {**current_theme(), "radius": {"md": "3rem"}}
    theme, problems = readable_theme(row)
    assert problems == []
    assert "radius" not in theme
    assert theme["borderRadius"]["md"] != "3rem"


def test_a_bad_value_under_the_old_key_is_named_as_stored():
    row = old_theme()
    row["radius"]["md"] = "1px;}"
    theme, problems = readable_theme(row)
    assert [line.split(":")[0] for line in problems] == ["radius.md"]
    assert "md" not in theme["borderRadius"]
    assert "sm" in theme["borderRadius"]


def test_a_theme_about_to_be_stored_may_not_use_the_old_name():
    assert theme_problems(old_theme()) == ["radius: the old name of borderRadius; use borderRadius"]
    with pytest.raises(InvalidInput) as caught:
        validate_theme(old_theme())
    assert caught.value.details == [{"path": "radius", "problem": "the old name of borderRadius; use borderRadius"}]
    assert theme_problems(current_keys(old_theme())) == []


def test_current_keys_leaves_anything_else_alone():
    theme = current_theme()
    assert current_keys(theme) is theme
    assert current_keys(None) is None
    assert current_keys(["radius"]) == ["radius"]
    assert current_keys({"radius": None}) == {"borderRadius": None}


@pytest.mark.django_db
def test_an_old_row_is_rewritten_with_the_new_key_by_its_next_patch(bakery):
    old = old_theme()
    store(bakery, old)
    guide = update_style_guide(bakery, theme_patch={"spacing": {"32": "8rem"}})
    assert "radius" not in stored(bakery)
    assert stored(bakery)["borderRadius"] == old["radius"]
    assert stored(bakery)["spacing"]["32"] == "8rem"
    assert "--radius-md:" in guide.tailwind_css  # recompiled from the theme, variable names unchanged


@pytest.mark.django_db
def test_a_css_only_patch_rewrites_the_old_key_too(bakery):
    old = old_theme()
    store(bakery, old)
    update_style_guide(bakery, tailwind_css="body{color:#111}")
    assert "radius" not in stored(bakery)
    assert stored(bakery)["borderRadius"] == old["radius"]


@pytest.mark.django_db
@pytest.mark.parametrize("row", [old_theme(), current_theme()])
def test_a_patch_may_say_radius_as_the_old_name_of_border_radius(bakery, row):
    store(bakery, row)
    update_style_guide(bakery, theme_patch={"radius": {"md": "0.7rem"}})
    assert "radius" not in stored(bakery)
    assert stored(bakery)["borderRadius"]["md"] == "0.7rem"
    assert stored(bakery)["borderRadius"]["lg"] == current_theme()["borderRadius"]["lg"]  # merged, not replaced
    update_style_guide(bakery, theme_patch={"radius": None})
    assert "radius" not in stored(bakery)
    assert "borderRadius" not in stored(bakery)


@pytest.mark.django_db
def test_a_patch_sending_both_names_is_refused_and_changes_nothing(bakery):
    row = store(bakery, old_theme())
    with pytest.raises(InvalidInput) as caught:
        update_style_guide(bakery, theme_patch={"radius": {"md": "1rem"}, "borderRadius": {"md": "2rem"}})
    assert "send only borderRadius" in caught.value.message
    assert caught.value.details[0]["path"] == "theme_config_patch.radius"
    assert stored(bakery) == row.theme_config


@pytest.mark.django_db
def test_generation_stores_the_new_key(bakery):
    store(bakery, old_theme())
    guide = generate_style_guide(bakery, provider="offline").guide
    assert "radius" not in stored(bakery)
    assert "borderRadius" in stored(bakery)
    assert "--radius-md:" in guide.tailwind_css


@pytest.mark.django_db
def test_the_api_answers_an_old_row_with_the_new_key_and_rewrites_it(client, bakery, api_key_for):
    old = old_theme()
    store(bakery, old)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_key_for(bakery)}"}
    url = f"/api/v1/websites/{bakery.pk}/style-guide"
    read = client.get(url, **auth).json()
    assert read["theme_problems"] == []
    assert read["theme_config"]["borderRadius"] == old["radius"]
    assert "radius" not in read["theme_config"]
    body = json.dumps({"theme_config_patch": {"radius": {"md": "0.7rem"}}})
    patched = client.patch(url, body, content_type="application/json", **auth)
    assert patched.status_code == 200, patched.content
    assert patched.json()["theme_config"]["borderRadius"]["md"] == "0.7rem"
    assert "--radius-md:0.7rem;" in (patched.json()["tailwind_css"])
    assert "radius" not in stored(bakery)
    both = json.dumps({"theme_config_patch": {"radius": {"md": "1rem"}, "borderRadius": {"md": "2rem"}}})
    refused = client.patch(url, both, content_type="application/json", **auth)
    assert refused.status_code == 422
    assert "borderRadius" in refused.json()["detail"]


@pytest.mark.django_db
def test_the_admin_shows_an_old_row_and_saves_it_with_the_new_key(client_for, superuser, bakery):
    old = old_theme()
    old["radius"]["md"] = "0.7rem"
    guide = store(bakery, old)
    client = client_for(superuser)
    url = f"/admin/styleguides/websitestyleguide/{guide.pk}/change/"
    html = client.get(url).content.decode()
    assert "radius md" in html
    assert "border-radius: 0.7rem" in html
    assert "cannot be used" not in html
    response = client.post(url, {"theme_config": json.dumps(old), "tailwind_css": "body{color:#111}"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "radius" not in stored(bakery)
    assert stored(bakery)["borderRadius"]["md"] == "0.7rem"
