"""The panel's section and page controls on real generated pages of the demo bakery: move, remove, swap,
regenerate and text edits as plain form posts and with htmx (each a version by the editor, made by the chat's own
operations), the choices a swap offers, contract limits that refuse a text without saving, the SEO form,
unpublish, soft delete and restore, and who may use them (viewers, other websites, CSRF)."""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pagebuilder import pages
from pagebuilder.context import build_context
from pagebuilder.models import PageCategory, PageVersion
from pagebuilder.validation import validate_block
from registry.models import AiSemanticComponent
from tests.helpers.generation import FACTS, generate
from websites.models import WebsiteMembership

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def editor_user(crumb):
    return get_user_model().objects.get(username="editor")  # seeded: member of both demo websites


@pytest.fixture
def editor_client(editor_user) -> Client:
    client = Client()
    client.force_login(editor_user)
    return client


@pytest.fixture
def about(crumb) -> PageVersion:
    task = generate(crumb, "make an about page for our family bakery", "about", context=FACTS)
    assert task.status == "completed", task.error
    return pages.latest_version(crumb, "about")


def url(site, tail="", slug="about"):
    return f"/builder/websites/{site.pk}/pages/{slug}/{tail}"


def section_url(site, block, action, slug="about"):
    return url(site, f"sections/{block['_id']}/{action}/", slug)


def draft(site, slug="about") -> PageVersion:
    return pages.latest_version(site, slug)


def blocks(version: PageVersion) -> list[dict]:
    return version.design_payload["blocks"]


def names(version: PageVersion) -> list[str]:
    return [b["_name"] for b in blocks(version)]


def block(version: PageVersion, name: str) -> dict:
    return next(b for b in blocks(version) if b["_name"] == name)


def swap_choices(body: str, section: dict) -> list[str]:
    select = re.search(rf'<select id="swap-{section["_id"]}"[^>]*>(.*?)</select>', body, re.S)
    return re.findall(r'<option value="([^"]+)"', select.group(1)) if select else []


def valid(site, section: dict) -> bool:
    component = AiSemanticComponent.objects.get(component_id=section["_component"])
    return validate_block(component, component.component_id, section["_props"], build_context(site, FACTS)) == []


def flashed(client, site) -> str:
    return html.unescape(client.get(url(site)).content.decode())


# --- what the panel offers -------------------------------------------------------------------------------------------


def test_every_section_lists_its_controls_by_name(editor_client, crumb, about):
    body = html.unescape(editor_client.get(url(crumb)).content.decode())
    first, last = blocks(about)[0], blocks(about)[-1]
    assert 'aria-label="Move the team section up"' in body
    assert 'aria-label="Move the team section down"' in body
    assert 'aria-label="Remove the team section"' in body
    assert 'aria-label="Regenerate the team section"' in body
    assert f'aria-label="Move the {first["_name"]} section up"' not in body  # the top section goes no higher
    assert f'aria-label="Move the {last["_name"]} section down"' not in body
    team = block(about, "team")["_id"]
    assert f'<label for="swap-{team}" class="visually-hidden">Block for the team section</label>' in body


def test_the_text_form_lists_the_section_texts_with_their_limits(editor_client, crumb, about):
    hero = block(about, "hero")
    body = html.unescape(editor_client.get(url(crumb)).content.decode())
    form = re.search(rf'action="{section_url(crumb, hero, "texts")}".*?</form>', body, re.S).group(0)
    assert f'name="text:title" value="{hero["_props"]["title"]}"' in form
    assert f'<span class="muted small" id="{hero["_id"]}-title-hint">At most 80 characters.</span>' in form
    assert 'name="text:imagePosition"' not in form  # a layout setting, not a text
    assert 'name="text:image.src"' not in form


def test_swap_offers_only_the_usable_blocks_of_the_section_category(editor_client, crumb):
    generate(crumb, "make an about page for our family bakery", "about")  # no facts: no figures to show
    hero = block(draft(crumb), "hero")
    AiSemanticComponent.objects.filter(component_id="hero-video-background").update(deprecated=True)
    offered = swap_choices(editor_client.get(url(crumb)).content.decode(), hero)
    others = AiSemanticComponent.objects.filter(category="hero").exclude(component_id=hero["_component"])
    expected = set(others.values_list("component_id", flat=True)) - {"hero-with-stats", "hero-video-background"}
    assert set(offered) == expected
    assert "hero-with-stats" not in offered  # it needs figures this page's facts do not have


def test_swap_offers_blocks_the_facts_make_usable(editor_client, crumb, about):
    hero = block(about, "hero")
    offered = swap_choices(editor_client.get(url(crumb)).content.decode(), hero)
    assert "hero-with-stats" in offered
    assert hero["_component"] not in offered


def test_the_swap_choices_show_block_names(editor_client, crumb, about):
    body = editor_client.get(url(crumb)).content.decode()
    assert '<option value="hero-centered-text">Hero Centered Text</option>' in body


# --- section controls ------------------------------------------------------------------------------------------------


def test_move_up_with_a_plain_post_redirects_back_with_a_new_version(editor_client, editor_user, crumb, about):
    team = block(about, "team")
    position = names(about).index("team")
    response = editor_client.post(section_url(crumb, team, "move"), {"direction": "up"})
    assert response.status_code == 302
    assert response["Location"] == url(crumb)
    version = draft(crumb)
    assert version.pk != about.pk
    assert names(version).index("team") == position - 1
    assert version.author == editor_user
    assert version.source == "edited"
    assert "Done: moved the team section up." in flashed(editor_client, crumb)


def test_move_down_with_htmx_answers_with_the_panel(editor_client, crumb, about):
    team = block(about, "team")
    position = names(about).index("team")
    response = editor_client.post(section_url(crumb, team, "move"), {"direction": "down"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="panel"')
    assert "Done: moved the team section down." in body
    assert names(draft(crumb)).index("team") == position + 1
    assert f"?v={draft(crumb).pk}" in body  # the preview shows the new version


def test_a_move_in_no_direction_is_refused(editor_client, crumb, about):
    before = PageVersion.objects.count()
    response = editor_client.post(section_url(crumb, block(about, "team"), "move"), {"direction": "sideways"}, **HTMX)
    assert "Say whether to move the section up or down." in response.content.decode()
    assert PageVersion.objects.count() == before


def test_remove_with_a_plain_post_and_with_htmx(editor_client, editor_user, crumb, about):
    response = editor_client.post(section_url(crumb, block(about, "team"), "remove"))
    assert response.status_code == 302
    assert "team" not in names(draft(crumb))
    assert len(names(draft(crumb))) == len(names(about)) - 1
    assert draft(crumb).author == editor_user
    stats = block(about, "stats")
    body = editor_client.post(section_url(crumb, stats, "remove"), **HTMX).content.decode()
    assert "Done: removed the stats section." in body
    assert "stats" not in names(draft(crumb))
    assert f'id="section-{stats["_id"]}"' not in body


def test_swap_uses_the_chosen_block_and_keeps_the_section(editor_client, editor_user, crumb, about):
    hero = block(about, "hero")
    response = editor_client.post(section_url(crumb, hero, "swap"), {"component_id": "hero-centered-text"}, **HTMX)
    assert "Done: swapped the hero block" in response.content.decode()
    swapped = block(draft(crumb), "hero")
    assert swapped["_component"] == "hero-centered-text"
    assert swapped["_id"] == hero["_id"]
    assert names(draft(crumb)) == names(about)
    assert draft(crumb).author == editor_user
    assert valid(crumb, swapped)


def test_swap_with_a_plain_post(editor_client, crumb, about):
    hero = block(about, "hero")
    response = editor_client.post(section_url(crumb, hero, "swap"), {"component_id": "hero-centered-text"})
    assert response.status_code == 302
    assert block(draft(crumb), "hero")["_component"] == "hero-centered-text"


def test_swap_to_a_block_of_another_category_is_refused(editor_client, crumb, about):
    before = PageVersion.objects.count()
    response = editor_client.post(
        section_url(crumb, block(about, "hero"), "swap"), {"component_id": "faq-accordion"}, **HTMX
    )
    assert "is a faq block; the hero section needs a hero block" in response.content.decode()
    assert PageVersion.objects.count() == before


def test_regenerate_writes_different_words_twice_in_a_row(editor_client, editor_user, crumb, about):
    hero = block(about, "hero")
    editor_client.post(section_url(crumb, hero, "regenerate"), **HTMX)
    once = block(draft(crumb), "hero")
    response = editor_client.post(section_url(crumb, hero, "regenerate"))
    twice = block(draft(crumb), "hero")
    assert response.status_code == 302
    assert once["_props"] != hero["_props"]
    assert twice["_props"] != once["_props"]
    assert valid(crumb, once)
    assert valid(crumb, twice)
    assert PageVersion.objects.filter(website=crumb, slug="about", author=editor_user).count() == 2


def test_regenerate_keeps_the_facts(editor_client, crumb, about):
    team = block(about, "team")
    editor_client.post(section_url(crumb, team, "regenerate"), **HTMX)
    rewritten = block(draft(crumb), "team")
    assert rewritten["_props"]["title"] != team["_props"]["title"]
    assert rewritten["_props"]["members"] == team["_props"]["members"]


def test_a_text_edit_sets_the_posted_texts(editor_client, editor_user, crumb, about):
    hero = block(about, "hero")
    posted = {"text:title": "Fresh bread daily", "text:description": hero["_props"]["description"]}
    response = editor_client.post(section_url(crumb, hero, "texts"), posted, **HTMX)
    assert "Done: set the hero headline to &#x27;Fresh bread daily&#x27;." in response.content.decode()
    edited = block(draft(crumb), "hero")
    assert edited["_props"]["title"] == "Fresh bread daily"
    assert edited["_props"]["description"] == hero["_props"]["description"]
    assert draft(crumb).author == editor_user
    assert draft(crumb).summary == "Set the hero headline to 'Fresh bread daily'"


def test_a_text_over_the_contract_limit_is_refused_with_the_reason(editor_client, crumb, about):
    hero = block(about, "hero")
    before = PageVersion.objects.count()
    too_long = "b" * 95
    response = editor_client.post(section_url(crumb, hero, "texts"), {"text:title": too_long}, **HTMX)
    body = response.content.decode()
    assert "The hero headline can be at most 80 characters; yours has 95." in body
    assert f'value="{too_long}"' in body  # the editor's words are shown again to shorten
    assert PageVersion.objects.count() == before
    assert block(draft(crumb), "hero")["_props"]["title"] == hero["_props"]["title"]


def test_a_text_over_the_limit_in_a_plain_post_is_flashed(editor_client, crumb, about):
    before = PageVersion.objects.count()
    response = editor_client.post(section_url(crumb, block(about, "hero"), "texts"), {"text:title": "b" * 95})
    assert response.status_code == 302
    assert "The hero headline can be at most 80 characters; yours has 95." in flashed(editor_client, crumb)
    assert PageVersion.objects.count() == before


def test_an_unchanged_text_form_saves_nothing(editor_client, crumb, about):
    hero = block(about, "hero")
    before = PageVersion.objects.count()
    response = editor_client.post(section_url(crumb, hero, "texts"), {"text:title": hero["_props"]["title"]}, **HTMX)
    assert "No text was changed." in response.content.decode()
    assert PageVersion.objects.count() == before


# --- SEO, unpublish, delete ------------------------------------------------------------------------------------------


def test_the_seo_form_saves_a_version_with_the_same_payload(editor_client, editor_user, crumb, about):
    posted = {"seo_title": "Our bakery story", "seo_description": "Three generations of bread."}
    response = editor_client.post(url(crumb, "seo/"), posted, **HTMX)
    assert "Changed the SEO title and description: saved as a new version." in response.content.decode()
    version = draft(crumb)
    assert version.seo_title == "Our bakery story"
    assert version.seo_description == "Three generations of bread."
    assert version.design_payload == about.design_payload
    assert version.author == editor_user


@pytest.mark.parametrize(
    ("title", "description", "reason"),
    [
        ("t" * 61, "", "The SEO title can be at most 60 characters; yours has 61."),
        ("Our story", "d" * 161, "The SEO description can be at most 160 characters; yours has 161."),
        ("  ", "A description", "The SEO title cannot be empty"),
    ],
)
def test_the_seo_limits_refuse_with_the_reason(editor_client, crumb, about, title, description, reason):
    before = PageVersion.objects.count()
    body = editor_client.post(url(crumb, "seo/"), {"seo_title": title, "seo_description": description}, **HTMX)
    assert reason in body.content.decode()
    assert PageVersion.objects.count() == before


def test_the_seo_limits_at_the_edge_pass(editor_client, crumb, about):
    editor_client.post(url(crumb, "seo/"), {"seo_title": "t" * 60, "seo_description": "d" * 160})
    assert draft(crumb).seo_title == "t" * 60
    assert draft(crumb).seo_description == "d" * 160


def test_unpublish_takes_the_page_off_the_site(editor_client, crumb, about):
    editor_client.post(url(crumb, "publish/"))
    assert PageCategory.objects.get(website=crumb, slug="about").design_payload == about.design_payload
    body = editor_client.post(url(crumb, "unpublish/"), **HTMX).content.decode()
    assert "Unpublished: the page is no longer live" in body
    assert PageCategory.objects.get(website=crumb, slug="about").design_payload is None
    assert draft(crumb).pk == about.pk  # the draft stays
    again = editor_client.post(url(crumb, "unpublish/"), **HTMX).content.decode()
    assert "This page was not live." in again


def test_delete_keeps_the_versions_and_restore_brings_the_page_back(editor_client, crumb, about):
    editor_client.post(url(crumb, "publish/"))
    response = editor_client.post(url(crumb, "delete/"))
    assert response.status_code == 302
    assert draft(crumb) is None
    assert PageCategory.objects.get(website=crumb, slug="about").design_payload is None
    body = flashed(editor_client, crumb)
    assert "Deleted: the page is not live and has no draft." in body
    assert '<span class="badge">Deleted</span>' in body
    assert url(crumb, f"versions/{about.pk}/restore/") in body
    editor_client.post(url(crumb, f"versions/{about.pk}/restore/"))
    assert draft(crumb).design_payload == about.design_payload


def test_deleting_a_page_that_does_not_exist_says_so(editor_client, crumb):
    body = editor_client.post(url(crumb, "delete/", slug="nowhere"), **HTMX).content.decode()
    assert "has no page with slug &#x27;nowhere&#x27; to delete" in body


# --- who may use them ------------------------------------------------------------------------------------------------


def control_posts(site, version: PageVersion) -> list[tuple[str, dict]]:
    hero = block(version, "hero")
    return [
        (section_url(site, hero, "move"), {"direction": "down"}),
        (section_url(site, hero, "remove"), {}),
        (section_url(site, hero, "regenerate"), {}),
        (section_url(site, hero, "swap"), {"component_id": "hero-centered-text"}),
        (section_url(site, hero, "texts"), {"text:title": "Hello"}),
        (url(site, "seo/"), {"seo_title": "Hello", "seo_description": ""}),
        (url(site, "unpublish/"), {}),
        (url(site, "delete/"), {}),
    ]


def test_viewers_see_no_controls_and_get_403(client, crumb, about):
    viewer = get_user_model().objects.create_user("viewer", password="pw-viewer-1")
    WebsiteMembership.objects.create(user=viewer, website=crumb, role="viewer")
    client.force_login(viewer)
    body = client.get(url(crumb)).content.decode()
    assert "section-controls" not in body
    assert "Save SEO" not in body
    assert "Delete page" not in body
    for path, data in control_posts(crumb, about):
        assert client.post(path, data).status_code == 403, path
    assert PageVersion.objects.filter(website=crumb, slug="about").count() == 1


def test_people_of_other_websites_get_403(client, crumb, about):
    outsider = get_user_model().objects.create_user("outsider", password="pw-outsider-1")
    client.force_login(outsider)
    for path, data in control_posts(crumb, about):
        assert client.post(path, data).status_code == 403, path
    assert PageVersion.objects.filter(website=crumb, slug="about").count() == 1


def test_a_section_of_another_website_is_out_of_reach(editor_client, crumb, demo_sites, about):
    other = demo_sites["brightside"]
    generate(other, "an about page for our clinic", "about")
    for path, data in control_posts(other, about)[:5]:  # crumb's section ids under the clinic's page
        assert editor_client.post(path, data).status_code == 404, path
    assert draft(crumb).pk == about.pk


def test_an_unknown_section_is_404(editor_client, crumb, about):
    fake = {"_id": "blk_00000000"}
    assert editor_client.post(section_url(crumb, fake, "regenerate")).status_code == 404
    assert editor_client.post(section_url(crumb, fake, "texts"), {"text:title": "x"}).status_code == 404


def test_a_page_without_a_draft_has_no_sections_to_change(editor_client, crumb, about):
    hero = block(about, "hero")
    assert editor_client.post(section_url(crumb, hero, "regenerate", slug="contact")).status_code == 404


def test_every_control_needs_a_csrf_token(editor_user, crumb, about):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_user)
    for path, data in control_posts(crumb, about):
        assert client.post(path, data).status_code == 403, path
    assert PageVersion.objects.filter(website=crumb, slug="about").count() == 1
