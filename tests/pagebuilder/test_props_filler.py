"""The offline filler on the shapes the real library's examples use: links and buttons by their key's words,
numbered items, no sentence twice in one block, button lists that lead to the site's pages, and the planner
preferring a block the site's data fills over one it would leave mostly empty."""

import pytest

from pagebuilder.candidates import candidate_from
from pagebuilder.context import build_context
from pagebuilder.copywriter import Copywriter
from pagebuilder.playbooks import PLAYBOOKS_BY_TYPE, PageTypeMatch, Section
from pagebuilder.prop_paths import is_link_key, key_words
from pagebuilder.props_filler import PropsFiller, filled_share
from pagebuilder.providers.offline import OfflineProvider
from pagebuilder.structure import Candidate, PlannedSection, Research
from pagebuilder.validation import validate_block
from registry.contracts import infer_schema
from registry.models import AiSemanticComponent

pytestmark = pytest.mark.django_db


def candidate(example: dict, required: tuple[str, ...] = ("title",)) -> Candidate:
    return Candidate("x-block", "X", "", "about", "XBlock", 0.5, required, {}, {}, (), example, ())


@pytest.fixture
def filler(crumb) -> PropsFiller:
    context = build_context(crumb, "")
    return PropsFiller(context, Copywriter(context, "about", "an about page"), "about")


def test_link_and_button_keys_are_read_by_their_words():
    assert key_words("buttonUrl") == ["button", "url"]
    assert key_words("cta_href") == ["cta", "href"]
    assert is_link_key("buttonUrl")
    assert is_link_key("ctaHref")
    assert is_link_key("href")
    assert is_link_key("src")
    assert not is_link_key("linkText")
    assert not is_link_key("description")


def test_a_link_prop_is_a_site_link_and_its_button_says_where_it_goes(filler):
    example = {
        "title": "About Us",
        "breakout": {"title": "Hundreds of blocks", "buttonText": "Discover more", "buttonUrl": "#"},
        "linkedinUrl": "https://linkedin.com/company/x",
    }

    props = filler.fill(candidate(example), "about")

    assert props["breakout"]["buttonUrl"] == "/contact"
    assert props["breakout"]["buttonText"] == "Get in touch"
    assert "linkedinUrl" not in props, "a profile elsewhere: the site's data does not say where"


def test_no_block_says_the_same_words_twice(filler):
    example = {"title": "About Us", "panel": {"title": "About Us", "description": "x"}, "description": "y"}

    props = filler.fill(candidate(example), "about")

    texts = [props["title"], props.get("description"), *props.get("panel", {}).values()]
    texts = [text for text in texts if isinstance(text, str)]
    assert len(texts) == len(set(texts))
    assert props["title"] not in props.get("panel", {}).values()


def test_numbered_items_count_and_button_lists_lead_to_pages(filler):
    example = {
        "title": "How it works",
        "steps": [{"number": "01", "title": "Plan"}, {"number": "02", "title": "Build"}],
        "actions": [{"label": "Start now", "href": "/signup"}, {"label": "Learn", "href": "/learn"}],
    }

    props = filler.fill(candidate(example), "process")

    assert [step["number"] for step in props["steps"]] == ["01", "02"]
    assert props["actions"][0] == {"label": "Get in touch", "href": "/contact"}
    assert all(action["href"].startswith("/") for action in props["actions"])


def test_how_much_of_an_example_is_filled():
    example = {"title": "T", "items": [{"name": "A", "text": "a"}, {"name": "B", "text": "b"}], "dark": True}
    assert filled_share({"title": "Ours", "items": [{"name": "One", "text": "one"}]}, example) == pytest.approx(0.6)
    assert filled_share({"title": "Ours"}, example) == pytest.approx(0.2)
    assert filled_share({}, {"icon": {"$expr": "<Star />", "kind": "component"}}) == 1.0, "nothing literal to fill"


def test_an_unsafe_link_under_any_link_key_is_a_violation(crumb):
    component = AiSemanticComponent.objects.get(component_id="hero-centered-text")
    context = build_context(crumb, "")
    props = {"title": "Fresh bread", "primaryAction": {"label": "Visit", "href": "/contact"}}
    component.props_schema = {**component.props_schema, "additionalProperties": True}

    found = validate_block(component, component.component_id, {**props, "buttonUrl": "javascript:alert(1)"}, context)

    assert [(v.path, v.rule) for v in found] == [("buttonUrl", "url")]


def block(component_id: str, example: dict) -> tuple[AiSemanticComponent, Candidate]:
    schema = {**infer_schema(example), "required": ["title"], "x-required-props": ["title"],
              "x-example-props": example}  # fmt: skip
    component = AiSemanticComponent.objects.create(
        component_id=component_id, npm_package="x", import_path=f"blocks/{component_id}", semantic_type="features",
        category="features", display_name=component_id, props_schema=schema,
    )  # fmt: skip
    return component, candidate_from(component, 0.5)


def test_the_planner_prefers_a_block_the_sites_data_fills(crumb):
    # The first block is mostly facts the site does not have (prices, ratings, dates): filled, it would be a title.
    mostly_facts = {"title": "Plans", "rows": [{"price": "$9", "rating": 5, "date": "2024"}] * 3}
    fillable = {"title": "Why us", "reasons": [{"title": "Fast", "description": "We are quick."}] * 3}
    (first, thin), (second, full) = block("facts-heavy", mostly_facts), block("fillable", fillable)
    research = Research(
        intent="an about page", slug="about", context=build_context(crumb, ""),
        page_type=PageTypeMatch("about", 0.9, True), playbook=PLAYBOOKS_BY_TYPE["about"],
        sections=[PlannedSection(Section("features", "features", True), (thin, full))],
        components={"facts-heavy": first, "fillable": second},
    )  # fmt: skip

    structure = OfflineProvider().generate_structure(research)

    [section] = structure.sections
    assert section.component_id == "fillable"
    assert len(section.props["reasons"]) >= 2
    assert "facts-heavy (only 10% of its example could be filled)" in section.reasoning


def test_a_thin_block_is_still_used_when_no_candidate_does_better(crumb):
    component, thin = block("facts-heavy", {"title": "Plans", "rows": [{"price": "$9", "rating": 5}] * 3})
    research = Research(
        intent="an about page", slug="about", context=build_context(crumb, ""),
        page_type=PageTypeMatch("about", 0.9, True), playbook=PLAYBOOKS_BY_TYPE["about"],
        sections=[PlannedSection(Section("features", "features", True), (thin,))],
        components={"facts-heavy": component},
    )  # fmt: skip

    [section] = OfflineProvider().generate_structure(research).sections

    assert section.component_id == "facts-heavy"
    assert section.props == {"title": section.props["title"]}


def test_a_plans_features_fill_a_list_of_feature_objects(crumb):
    """Some real blocks list features as objects ({name, included}); a plan's features are plain texts."""
    context = build_context(crumb, "Plan: Bread club | $19 | per month | 4 loaves a month; 10% off pastries")
    filler = PropsFiller(context, Copywriter(context, "pricing", "our prices"), "pricing")
    example = {"title": "Plans", "plans": [{"name": "Basic", "price": "$9",
                                            "features": [{"name": "One thing", "included": True}]}]}  # fmt: skip

    props = filler.fill(candidate(example), "pricing")

    features = props["plans"][0]["features"]
    assert [feature["name"] for feature in features] == ["4 loaves a month", "10% off pastries"]


def test_people_lists_come_only_from_the_sites_people(crumb):
    """``teamMembers`` is the team; investors the site never named are left out, and a profile link elsewhere is
    never filled with the site's sentences."""
    context = build_context(crumb, "Team: Rosa Martin | Owner and head baker")
    filler = PropsFiller(context, Copywriter(context, "about", "our story"), "about")
    example = {"title": "About", "teamMembers": [{"name": "Jane", "role": "CEO", "social": {"linkedin": "#"}}],
               "investors": [{"name": "Acme Ventures", "company": "Acme"}]}  # fmt: skip

    props = filler.fill(candidate(example), "about")

    assert [member["name"] for member in props["teamMembers"]] == ["Rosa Martin"]
    assert "linkedin" not in props["teamMembers"][0].get("social", {})
    assert "investors" not in props


def test_a_page_does_not_say_the_same_sentence_in_two_sections(filler):
    example = {"title": "About Us", "description": "Some words about us."}

    first = filler.fill(candidate(example), "about")
    again = filler.fill(candidate(example), "about")  # not kept yet: the same words
    filler.keep(first)
    second = filler.fill(candidate(example), "about")

    assert again["description"] == first["description"]
    assert second.get("description") != first["description"]
