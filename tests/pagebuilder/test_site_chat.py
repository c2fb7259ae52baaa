"""The site builder chat's grammar (``pagebuilder.site.chat.parse``): every command the help lists, pages named
by slug, title or type in any case, positions for moves, and what is not understood (the help, or a new site
intent)."""

import pytest

from pagebuilder.site.chat import (
    ADD_PAGE,
    ADD_SECTION,
    BUILD,
    HELP,
    HELP_LINES,
    MOVE,
    PLAN,
    REMOVE_PAGE,
    REMOVE_SECTION,
    RENAME,
    find_page,
    parse,
    section_type,
)
from websites.errors import InvalidInput

PAGES = [
    {"slug": "home", "title": "Home", "page_type": "home", "sections": ["hero", "about", "cta"]},
    {"slug": "about", "title": "About us", "page_type": "about", "sections": ["hero", "about"]},
    {"slug": "services", "title": "Classes", "page_type": "services", "sections": ["hero", "services"]},
    {"slug": "pricing", "title": "Prices", "page_type": "pricing", "sections": ["hero", "pricing"]},
    {"slug": "team", "title": "Our teachers", "page_type": "team", "sections": ["hero", "team"]},
    {"slug": "contact", "title": "Contact", "page_type": "contact", "sections": ["hero", "contact"]},
]


@pytest.mark.parametrize(
    ("text", "action", "slug", "value"),
    [
        ("add a gallery page", ADD_PAGE, "", "gallery"),
        ("Add an FAQ page", ADD_PAGE, "", "faq"),
        ("add a service detail page", ADD_PAGE, "", "service_detail"),
        ("remove the team page", REMOVE_PAGE, "team", ""),
        ("delete Our teachers", REMOVE_PAGE, "team", ""),
        ("remove /pricing", REMOVE_PAGE, "pricing", ""),
        ("rename about to Our story", RENAME, "about", "Our story"),
        ("Rename the About Us page to “Our story”", RENAME, "about", "Our story"),
        ("add faq to home", ADD_SECTION, "home", "faq"),
        ("add a faq section to the home page", ADD_SECTION, "home", "faq"),
        ("Add testimonial to Classes", ADD_SECTION, "services", "testimonials"),
        ("remove gallery from home", REMOVE_SECTION, "home", "gallery"),
        ("remove the about section from the home page", REMOVE_SECTION, "home", "about"),
    ],
)
def test_commands_name_their_page_and_value(text, action, slug, value):
    command = parse(text, PAGES)
    assert (command.action, command.slug, command.value) == (action, slug, value)


def test_rename_keeps_the_title_as_typed():
    assert parse("rename services to Yoga Classes & Workshops", PAGES).value == "Yoga Classes & Workshops"


def test_add_page_called_a_title():
    command = parse("add a faq page called Questions", PAGES)
    assert (command.action, command.value, command.title) == (ADD_PAGE, "faq", "Questions")


@pytest.mark.parametrize(
    ("text", "slug", "position"),
    [
        ("move contact before services", "contact", 2),  # the index among the other pages
        ("move contact after home", "contact", 1),
        ("move pricing to the top", "pricing", 0),
        ("Move the Prices page to the end", "pricing", 5),
        ("move team up", "team", 3),
        ("move home down", "home", 1),
        ("move home up", "home", 0),
    ],
)
def test_moves_give_the_position_among_the_other_pages(text, slug, position):
    command = parse(text, PAGES)
    assert (command.action, command.slug, command.position) == (MOVE, slug, position)


@pytest.mark.parametrize(
    "text",
    ["build it", "build the site", "Looks good, build", "OK, build the whole site!", "build", "yes build it now",
     "Generate the pages"],
)  # fmt: skip
def test_build_commands(text):
    assert parse(text, PAGES).action == BUILD


@pytest.mark.parametrize(
    ("text", "slug"),
    [("rebuild the about page", "about"), ("Regenerate home", "home"), ("build our teachers again", "team")],
)
def test_rebuilding_one_page(text, slug):
    command = parse(text, PAGES)
    assert (command.action, command.slug) == (BUILD, slug)


@pytest.mark.parametrize("text", ["make it nicer", "what can you do?", "hello", "build a fence"])
def test_what_is_not_understood_gets_the_help(text):
    assert parse(text, PAGES).action == HELP


def test_without_a_sitemap_every_message_is_the_site_intent():
    command = parse("  a website for our   yoga studio. ", None)
    assert (command.action, command.value) == (PLAN, "a website for our yoga studio")


def test_with_a_sitemap_a_message_about_a_website_plans_again():
    assert parse("a website for our bike repair shop", PAGES).action == PLAN


def test_every_help_example_is_understood():
    pages = [*PAGES, {"slug": "gallery", "title": "Gallery", "page_type": "gallery", "sections": ["hero", "gallery"]}]
    for line in HELP_LINES:
        try:
            action = parse(line, pages).action
        except InvalidInput as error:
            pytest.fail(f"{line!r}: {error.message}")
        assert action not in (HELP, PLAN), line


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("remove the blog page", "no page “blog”"),
        ("add a spaceship page", "no “spaceship” page type"),
        ("add unicorns to home", "no “unicorns” section"),
        ("move contact before nowhere", "no page “nowhere”"),
        ("move contact before contact", "relative to itself"),
    ],
)
def test_unknown_names_say_what_exists(text, said):
    with pytest.raises(InvalidInput) as raised:
        parse(text, PAGES)
    assert said in raised.value.message


def test_unknown_page_lists_the_sitemaps_pages():
    with pytest.raises(InvalidInput) as raised:
        find_page(PAGES, "blog")
    assert "About us (/about)" in raised.value.message and "Contact (/contact)" in raised.value.message


def test_pages_are_found_by_slug_title_or_type_case_insensitively():
    assert find_page(PAGES, "OUR TEACHERS")["slug"] == "team"
    assert find_page(PAGES, "Services")["slug"] == "services"  # the type; its title is "Classes"
    assert find_page(PAGES, "classes")["slug"] == "services"
    assert section_type("Testimonials") == "testimonials"
    assert section_type("FAQs") == "faq"
