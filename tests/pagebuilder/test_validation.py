"""Contract validation and deterministic repair of block props."""

import copy

import pytest

from pagebuilder.context import build_context
from pagebuilder.validation import plain_text, repair_block, validate_block
from registry.models import AiSemanticComponent
from websites.models import MediaRecord, Website


@pytest.fixture
def context(crumb):
    return build_context(crumb, "Team: Rosa Martin | Owner and head baker")


def component(component_id: str) -> AiSemanticComponent:
    return AiSemanticComponent.objects.get(component_id=component_id)


def hero_props(context) -> dict:
    photo = next(m for m in context.media if m.role == "hero")
    return {
        "title": "Fresh bread daily",
        "description": "Baked every morning.",
        "image": {"src": photo.url, "alt": photo.alt},
        "primaryAction": {"label": "Visit", "href": "/contact"},
    }


def rules(violations) -> set[tuple[str, str]]:
    return {(v.path, v.rule) for v in violations}


def test_valid_props_pass(context):
    assert validate_block(component("hero-split-image"), "hero-split-image", hero_props(context), context) == []


def test_unknown_and_deprecated_components_are_rejected(context):
    assert rules(validate_block(None, "evil-x", {}, context)) == {("", "unknown_component")}
    hero = component("hero-centered-text")
    hero.deprecated, hero.replacement_component_id = True, "hero-split-image"
    [violation] = validate_block(hero, hero.component_id, {"title": "x"}, context)
    assert violation.rule == "deprecated"
    assert "hero-split-image" in violation.message


def test_missing_site_capability_is_a_violation(context):
    violations = validate_block(component("testimonials-quote-grid"), "testimonials-quote-grid", {}, context)
    assert ("", "capability") in rules(violations)
    assert any("reviews_or_testimonials" in v.message for v in violations)


def test_constraints_required_lengths_and_item_counts(context):
    props = {"title": "x" * 81, "values": [{"title": "Care"}]}
    found = rules(validate_block(component("about-mission-values"), "about-mission-values", props, context))
    assert ("title", "maxLength") in found
    assert ("values", "minItems") in found
    props = {"values": [{"description": "no title"}] * 3}
    found = rules(validate_block(component("about-mission-values"), "about-mission-values", props, context))
    assert ("title", "required") in found
    assert ("values[0].title", "required") in found


def test_media_must_be_this_websites_active_asset_with_an_allowed_role(context, crumb):
    hero = component("hero-split-image")
    other = Website.objects.create(name="Other", domain="other.test", subdomain="other")
    foreign = MediaRecord.objects.create(
        website=other, media_type="image", cdn_url="/static/demo/dental/hero.svg", width=1600, height=900
    )
    logo = next(m for m in context.media if m.role == "logo")
    for src, rule in [(foreign.cdn_url, "media"), ("https://evil.test/x.png", "media"), (logo.url, "media_role")]:
        props = hero_props(context) | {"image": {"src": src, "alt": "x"}}
        assert ("image", rule) in rules(validate_block(hero, hero.component_id, props, context))


def test_markup_and_unsafe_links_are_violations(context):
    props = hero_props(context) | {
        "title": "<script>alert(1)</script>Hi",
        "primaryAction": {"label": "Go", "href": "javascript:alert(1)"},
    }
    found = rules(validate_block(component("hero-split-image"), "hero-split-image", props, context))
    assert ("title", "markup") in found
    assert ("primaryAction.href", "url") in found


def test_repair_cuts_at_a_word_boundary_trims_strips_and_fixes_links(context):
    hero = component("hero-split-image")
    props = hero_props(context) | {
        "title": "Fresh bread every single morning from our wood-fired oven in the heart of Springfield town",
        "description": 'Baked <b>daily</b> <img src=x onerror="alert(1)">',
        "primaryAction": {"label": "Go", "href": "javascript:alert(1)"},
    }
    result = repair_block(hero, hero.component_id, copy.deepcopy(props), context)
    assert result.ok, result.violations
    title_limit = hero.props_schema["x-prop-constraints"]["title"]["maxLength"]
    assert len(result.props["title"]) <= title_limit
    assert props["title"].startswith(result.props["title"])
    assert not result.props["title"].endswith(" ")
    assert props["title"][len(result.props["title"])] == " "
    assert result.props["description"] == "Baked daily"
    assert result.props["primaryAction"]["href"] == "/"
    assert result.repairs


def test_repair_trims_arrays_and_fills_required_text_from_site_data(context):
    values = component("about-mission-values")
    props = {"title": "", "values": [{"title": f"Value {i}", "description": "d"} for i in range(9)]}
    result = repair_block(values, values.component_id, props, context, fill_text=lambda path, limit: "Our values")
    assert result.ok, result.violations
    assert result.props["title"] == "Our values"
    assert len(result.props["values"]) == 6


def test_repair_replaces_a_foreign_image_and_drops_what_cannot_be_fixed(context):
    hero = component("hero-split-image")
    props = hero_props(context) | {"image": {"src": "https://evil.test/x.png", "alt": "x"}}
    result = repair_block(hero, hero.component_id, props, context)
    assert result.ok
    assert result.props["image"]["src"] in context.media_by_url()
    team = component("team-photo-grid")  # needs three members with their own photos: cannot be made up
    result = repair_block(
        team, team.component_id, {"title": "Team", "members": [{"name": "Rosa Martin", "role": "Owner"}]}, context
    )
    assert not result.ok


def test_plain_text_removes_scripts_and_tags():
    assert plain_text('Hi <script>alert("x")</script><b>there</b> &lt;img src=x&gt;') == "Hi there"


def test_props_the_contract_does_not_name_are_flagged_at_any_depth_and_dropped(context):
    props = hero_props(context)
    props["sparkle"] = True
    props["primaryAction"]["target"] = "_blank"
    props["image"]["onerror"] = "alert(1)"
    hero = component("hero-split-image")

    found = {v.path: v.message for v in validate_block(hero, hero.component_id, props, context)}

    assert set(found) == {"sparkle", "primaryAction.target", "image.onerror"}
    assert "is not a prop of this block" in found["sparkle"]
    assert found["primaryAction.target"] == "'target' is not a field of primaryAction (it has: href, label)"
    repaired = repair_block(hero, hero.component_id, props, context)
    assert repaired.violations == []
    assert repaired.props == hero_props(context)
    assert "removed image.onerror, which the block does not have" in repaired.repairs


def test_unknown_fields_inside_list_items_name_the_item(context):
    about = component("about-mission-values")
    props = {"title": "What we care about", "values": [{"title": t, "rank": 1} for t in ("Care", "Craft", "Time")]}

    found = {v.path: v.message for v in validate_block(about, about.component_id, props, context)}

    assert {"values[0].rank", "values[1].rank", "values[2].rank"} <= set(found)
    assert "'rank' is not a field of values[]" in found["values[1].rank"]
    assert all("rank" not in item for item in repair_block(about, about.component_id, props, context).props["values"])
