"""The per-page SEO report: each check passing and failing with a reason an editor can act on, hostile input
taken literally, the site's pages as the checks see them, and the report of a real offline generation in its
task result and in the builder's chat card."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pagebuilder.models import Message, PageCategory, PageVersion
from pagebuilder.pages import delete_page, save_version
from pagebuilder.providers import get_provider
from pagebuilder.seo_report import (
    SitePages,
    contains_keyword,
    focus_keyword_for,
    seo_report,
    site_pages_for,
)
from pagebuilder.structure import SeoMetadata
from pagebuilder.tasks import run_generation
from tests.fake_anthropic import filled_in
from tests.helpers.claude_answers import facts_answer, offline_answer
from tests.helpers.generation import FACTS, generate
from websites.models import AiTask, SeoKeyword

HERO_SRC = "/media/loaves.jpg"
HERO_ALT = "Sourdough loaves on a wooden counter"
MEDIA = {HERO_SRC: HERO_ALT, "/media/oven.jpg": "The wood-fired oven", "/media/untitled.jpg": ""}
SITE = SitePages(
    slugs=frozenset({"home", "about", "contact"}),
    home_slug="home",
    other_titles=frozenset({"Contact Crumb & Co."}),
    other_descriptions=frozenset({"Find the bakery on Mill Lane."}),
)
CHECKS = [
    "focus_keyword_in_heading",
    "focus_keyword_in_title",
    "title_length",
    "description_length",
    "title_unique",
    "description_unique",
    "image_alt_text",
    "internal_links",
]


def block(name: str, props: dict) -> dict:
    return {"_id": name, "_type": name.title(), "_name": name, "_component": f"{name}-1", "_props": props}


def page(*, heading="Sourdough bread from Crumb & Co.", image=None, links=("/contact",), extra=()) -> dict:
    hero = {"title": heading, "image": image or {"src": HERO_SRC, "alt": HERO_ALT}}
    hero["primaryAction"] = {"label": "Visit", "href": links[0]} if links else {"label": "Visit", "href": "#top"}
    blocks = [block("hero", hero), *extra]
    blocks += [block("cta", {"title": "More", "items": [{"href": href} for href in links[1:]]})]
    return {"version": "1.0", "blocks": blocks, "meta": {}}


def report(payload=None, *, title="Sourdough bread | Crumb & Co.", description="Bread baked daily.",
           focus="sourdough bread", media=None, site=SITE):  # fmt: skip
    return seo_report(slug="about", payload=payload or page(), seo_title=title, seo_description=description,
                      focus_keyword=focus, media=MEDIA if media is None else media, site=site)  # fmt: skip


def check(result, name: str):
    return next(c for c in result.checks if c.check == name)


def test_a_good_page_passes_every_check_each_saying_what_it_found():
    result = report()
    assert [c.check for c in result.checks] == CHECKS
    assert result.passed
    assert all(c.passed and c.detail.endswith(".") for c in result.checks)
    assert "contains the focus keyword “sourdough bread”" in check(result, "focus_keyword_in_heading").detail
    assert check(result, "title_length").detail == "The SEO title has 29 characters (at most 60)."
    assert check(result, "image_alt_text").detail == ("The page's one image carries the alt text of its media record.")
    assert check(result, "internal_links").detail == ("The page's one internal link leads to a page of the site.")
    data = result.as_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {"slug", "focus_keyword", "passed", "checks"}
    assert data["checks"][0] == {"check": "focus_keyword_in_heading", "passed": True,
                                 "detail": check(result, "focus_keyword_in_heading").detail}  # fmt: skip


def test_the_focus_keyword_missing_from_heading_and_title_fails_with_what_to_write():
    result = report(page(heading="Welcome to Crumb & Co."), title="Welcome | Crumb & Co.")
    heading, title = check(result, "focus_keyword_in_heading"), check(result, "focus_keyword_in_title")
    assert not heading.passed and not title.passed and not result.passed
    assert heading.detail == (
        "The main heading “Welcome to Crumb & Co.” does not contain the focus keyword “sourdough bread”; rewrite it "
        "to include those words."
    )
    assert "“Welcome | Crumb & Co.”" in title.detail


def test_keywords_match_whole_words_in_any_case_with_spaces_or_hyphens():
    assert contains_keyword("SOURDOUGH  Bread daily", "sourdough bread")
    assert contains_keyword("Wood-fired bread", "wood fired bread")
    assert contains_keyword("Our children’s dentist", "children's dentist")
    assert not contains_keyword("Sourdough breads", "sourdough bread")
    assert not contains_keyword("bread sourdough", "sourdough bread")
    assert not contains_keyword("anything", "   ")


def test_a_keyword_with_regex_characters_is_taken_literally():
    assert contains_keyword("Learn C++ (classes) with us", "c++ (classes)")
    assert not contains_keyword("Learn C (classes) with us", "c++ (classes)")
    assert not contains_keyword("Learn Cxx classes", "c.. (classes)")
    assert contains_keyword("Price: $10 [per loaf]", "$10 [per loaf]")
    result = report(page(heading="C++ (classes) for beginners"), title="C++ (classes) | Code School",
                    focus="c++ (classes)")  # fmt: skip
    assert check(result, "focus_keyword_in_heading").passed
    assert check(result, "focus_keyword_in_title").passed


def test_the_heading_is_the_first_hero_headline_even_one_level_down():
    wrapped = {"version": "1.0", "blocks": [
        block("about", {"title": "Sourdough bread elsewhere"}),
        block("hero", {"content": {"eyebrow": "Bakery", "heading": "Sourdough bread every morning"}}),
    ]}  # fmt: skip
    assert check(report(wrapped), "focus_keyword_in_heading").passed
    no_hero = {"version": "1.0", "blocks": [block("about", {"title": "Sourdough bread elsewhere"})]}
    missing = check(report(no_hero), "focus_keyword_in_heading")
    assert not missing.passed
    assert "has no hero headline" in missing.detail


def test_without_a_focus_keyword_the_keyword_checks_pass_and_ask_for_keywords():
    result = report(page(heading="Welcome"), title="Welcome", focus="")
    assert result.focus_keyword == ""
    for name in ("focus_keyword_in_heading", "focus_keyword_in_title"):
        found = check(result, name)
        assert found.passed
        assert "The site has no SEO keyword for this page" in found.detail
        assert "add SEO keywords" in found.detail


@pytest.mark.parametrize(
    "name, kwargs, expected",
    [
        ("title_length", {"title": "x" * 61}, "The SEO title has 61 characters; shorten it to at most 60"),
        ("title_length", {"title": "   "}, "The page has no SEO title; write one of at most 60 characters."),
        ("description_length", {"description": "y" * 161}, "has 161 characters; shorten it to at most 160"),
        ("description_length", {"description": ""}, "The page has no SEO description"),
    ],
)
def test_titles_and_descriptions_past_their_limits_or_empty_fail(name, kwargs, expected):
    found = check(report(**kwargs), name)
    assert not found.passed
    assert expected in found.detail


def test_limits_are_inclusive():
    result = report(title="Sourdough bread " + "t" * 44, description="d" * 160)
    assert check(result, "title_length").passed
    assert check(result, "description_length").passed


def test_a_title_or_description_another_page_has_fails_whatever_its_case_and_spacing():
    result = report(title="contact  CRUMB & co.", description="Find the bakery on Mill Lane.")
    title, description = check(result, "title_unique"), check(result, "description_unique")
    assert not title.passed and not description.passed
    assert title.detail == (
        "Another page of the site already has the SEO title “contact CRUMB & co.”; give this page its own."
    )
    assert check(report(), "title_unique").detail == "No other page of the site has this SEO title."


def test_an_image_with_another_alt_text_than_its_record_fails():
    result = report(page(image={"src": HERO_SRC, "alt": "Bread"}))
    found = check(result, "image_alt_text")
    assert not found.passed
    assert found.detail == (
        f"1 image does not show the alt text of its media record ({HERO_SRC}); use the library's alt text."
    )
    no_alt = check(report(page(image={"src": HERO_SRC})), "image_alt_text")
    assert not no_alt.passed


def test_an_image_outside_the_media_library_fails():
    result = report(page(image={"src": "https://elsewhere.example/stock.jpg", "alt": "Stock"}))
    found = check(result, "image_alt_text")
    assert not found.passed
    assert "https://elsewhere.example/stock.jpg" in found.detail
    assert "not from the site's media library" in found.detail


def test_a_bare_image_url_takes_its_media_records_alt_text_and_must_be_in_the_library():
    # The block's contract has no alt text for a bare URL: the renderer takes the media record's, so an image of
    # the library passes and one from elsewhere fails.
    gallery = block("gallery", {"backgroundColor": "#ffffff", "images": [HERO_SRC], "icon": "zap"})
    assert check(report(page(extra=[gallery])), "image_alt_text").passed
    stranger = block("gallery", {"backgroundColor": "#ffffff", "images": ["/media/stock.jpg"], "icon": "zap"})
    found = check(report(page(extra=[stranger])), "image_alt_text")
    assert not found.passed
    assert "/media/stock.jpg" in found.detail


def test_a_record_without_alt_text_does_not_fail_the_page_but_says_so_and_videos_are_not_images():
    extra = [block("gallery", {"slides": [{"image": {"src": "/media/untitled.jpg", "alt": "Untitled"}},
                                          {"video": {"src": "/media/tour.mp4", "type": "video/mp4"}}]})]  # fmt: skip
    found = check(report(page(extra=extra)), "image_alt_text")
    assert found.passed
    assert found.detail == "1 image has no alt text in the media library (/media/untitled.jpg); add it there."


def test_hostile_alt_text_is_compared_as_text():
    hostile = '<script>alert("x")</script> loaves'
    media = {HERO_SRC: hostile}
    assert check(report(page(image={"src": HERO_SRC, "alt": hostile}), media=media), "image_alt_text").passed
    stripped = check(report(page(image={"src": HERO_SRC, "alt": "loaves"}), media=media), "image_alt_text")
    assert not stripped.passed


def test_internal_links_must_lead_to_pages_of_the_site():
    result = report(page(links=("/contact", "/pricing", "/team#lead", "/pricing")))
    found = check(result, "internal_links")
    assert not found.passed
    assert found.detail == (
        "2 links lead to no page of the site (/pricing, /team#lead); build the missing pages or point the links "
        "at existing ones."
    )


def test_anchors_mail_phone_other_sites_and_form_targets_are_not_site_links():
    links = ("#contact", "mailto:hello@crumb.example", "tel:+15550100", "https://maps.example/x")
    form = block("contact", {"formAction": "/contact/submit", "title": "Write to us"})
    found = check(report(page(links=links, extra=[form])), "internal_links")
    assert found.passed
    assert found.detail == "The page has no links to other pages of the site."


def test_the_root_link_needs_a_home_page():
    assert check(report(page(links=("/",))), "internal_links").passed
    homeless = SitePages(frozenset({"about"}), None, frozenset(), frozenset())
    assert not check(report(page(links=("/",)), site=homeless), "internal_links").passed


def test_the_focus_keyword_is_the_seo_metadata_first_keyword_when_the_site_has_keywords():
    seo = SeoMetadata(title="t", description="d", keywords=["sourdough bread", "family bakery"])
    assert focus_keyword_for(seo, ("family bakery", "sourdough bread")) == "sourdough bread"
    assert focus_keyword_for(SeoMetadata("t", "d", []), ("family bakery",)) == "family bakery"
    assert focus_keyword_for(seo, ()) == ""  # the provider's words are not the site's keywords


@pytest.mark.django_db
def test_site_pages_are_the_live_and_draft_pages_other_than_this_one(bakery):
    def draft(slug, title, description):
        return save_version(website=bakery, slug=slug, title=slug, payload={"blocks": []}, seo_title=title,
                            seo_description=description, source="generated", summary="test")  # fmt: skip

    PageCategory.objects.create(website=bakery, slug="index", name="Home", design_payload={"blocks": [1]},
                                seo_title="Live home", seo_description="Live home text")  # fmt: skip
    PageCategory.objects.create(website=bakery, slug="old", name="Old", design_payload=None, seo_title="Gone")
    draft("about", "About us", "About text")
    draft("team", "Team", "Team text")
    delete_page(bakery, "team")
    draft("services", "Services old", "x")
    draft("services", "Services", "Services text")
    site = site_pages_for(bakery, "about", extra={"faq": ("FAQ", "FAQ text")})
    assert site.slugs == {"index", "about", "services", "faq"}
    assert site.home_slug == "index"
    assert site.other_titles == {"Live home", "Services", "FAQ"}
    assert site.other_descriptions == {"Live home text", "Services text", "FAQ text"}
    assert site_pages_for(bakery, "new").slugs == {"index", "about", "services", "new"}
    assert PageVersion.objects.filter(website=bakery, slug="team").exists()  # deleted softly, still not a page


# -- end to end: a real offline generation -------------------------------------------------------------------


@pytest.mark.django_db
def test_an_offline_generation_has_a_report_in_its_result(crumb):
    home = generate(crumb, "a home page for the whole website", "home")
    data = home.result["seo_report"]
    assert [c["check"] for c in data["checks"]] == CHECKS
    assert data["slug"] == "home"
    assert data["focus_keyword"] == home.result["seo_metadata"]["keywords"][0]
    links = next(c for c in data["checks"] if c["check"] == "internal_links")
    assert not links["passed"] and "/contact" in links["detail"]  # the demo site has no contact page yet
    assert data["passed"] is False
    generate(crumb, "contact us page", "contact")
    again = generate(crumb, "a home page for the whole website", "home").result["seo_report"]
    assert next(c for c in again["checks"] if c["check"] == "internal_links")["passed"]
    images = next(c for c in again["checks"] if c["check"] == "image_alt_text")
    assert images["passed"], images["detail"]


@pytest.mark.django_db
def test_a_site_without_keywords_gets_keyword_checks_that_say_so(studio):
    task = generate(studio, "a home page for the whole website", "home")
    if task.public_status == "needs_input":
        pytest.fail(f"the studio home page asked: {task.result}")
    data = task.result["seo_report"]
    assert data["focus_keyword"] == ""
    heading = next(c for c in data["checks"] if c["check"] == "focus_keyword_in_heading")
    assert heading["passed"] and "no SEO keyword" in heading["detail"]


@pytest.mark.django_db
def test_the_chat_card_lists_the_checks_failed_first_and_escapes_them(crumb):
    hostile = "<script>alert(1)</script> sourdough"
    SeoKeyword.objects.create(website=crumb, keyword=hostile, priority=10_000)
    client = Client()
    client.force_login(get_user_model().objects.get(username="editor"))
    client.post(f"/builder/websites/{crumb.pk}/", {"slug": "home", "message": "A home page"})
    message = Message.objects.filter(conversation__website=crumb, conversation__slug="home", kind="generation").last()
    run_generation(str(message.task_id))
    report_data = AiTask.objects.get(pk=message.task_id).result["seo_report"]
    assert report_data["focus_keyword"] == hostile
    body = client.get(f"/builder/websites/{crumb.pk}/pages/home/").content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; sourdough" in body
    card = body[body.index('class="small seo-report"') :]
    card = card[: card.index("</details>")]
    assert " open>" in card  # failures are shown unfolded
    states = re.findall(r'<li class="(pass|fail)" data-check="(\w+)"', card)
    assert {name for _, name in states} == set(CHECKS)
    assert [state for state, _ in states] == sorted(state for state, _ in states)  # "fail" < "pass": failed first
    assert "fail" in {state for state, _ in states}
    assert "Failed:</span> The main heading" in card


@pytest.mark.django_db
def test_with_claude_the_focus_keyword_is_the_first_of_its_seo_keywords(crumb, claude):
    page = offline_answer(crumb, "make an about page for our family bakery", "about")
    page["seo_metadata"] = {"title": "Sourdough bread | Crumb & Co.", "description": "Our family bakery.",
                            "keywords": ["sourdough bread", "family bakery"]}  # fmt: skip
    claude.answers["record_insights"].append({"insights": ["Open with the family's story."]})
    claude.answers["build_page"].append(filled_in(page))
    claude.answers["record_facts"].append(facts_answer(FACTS))
    intent = "make an about page for our family bakery"
    task = generate(crumb, intent, "about", context=FACTS, provider=get_provider("anthropic"))
    assert task.status == "completed", task.error
    data = task.result["seo_report"]
    assert data["focus_keyword"] == "sourdough bread"
    title = next(c for c in data["checks"] if c["check"] == "focus_keyword_in_title")
    assert title == {"check": "focus_keyword_in_title", "passed": True,
                     "detail": "The SEO title contains the focus keyword “sourdough bread”."}  # fmt: skip
