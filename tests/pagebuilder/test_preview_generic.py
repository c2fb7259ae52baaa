"""The preview's generic renderer: blocks of the real @opensite/ui library (34 categories, props named the way the
library names them) are drawn as readable sections, never as the unknown-block placeholder; demo blocks keep their
dedicated templates; hostile, deep or huge props are escaped, dropped or capped.

The props below are our own, written in the library's style. The 14 real contract examples are read from
``../shared/opensite/contract-sample.json`` when that folder is present (their text is not copied here).
"""

import itertools
import json
import re
from html import escape as html_escape
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from pagebuilder.preview import generic, render_page
from pagebuilder.preview.generic.fields import add_text
from pagebuilder.preview.props import PageImages, Reader
from tests.pagebuilder.test_preview import (
    CATEGORY_OF,
    ONE_PER_CATEGORY,
    PLACEHOLDER,
    XSS_TEXT,
    XSS_URL,
    Tags,
    assert_safe,
    hostile,
)

PHOTO = "https://cdn.example.com/site/photo.jpg"
LOGO = "/static/brand/logo.svg"
MEDIA = {PLACEHOLDER: (1200, 800), PHOTO: (1600, 900), LOGO: (160, 48)}
SHARED = Path(settings.BASE_DIR).parent / "shared" / "opensite"
PICTURE = {"src": PLACEHOLDER, "alt": "A bright workroom"}


def lib_block(component: str, category: str, props, *, name: str | None = None) -> dict:
    return {
        "_id": f"blk_{component}"[:60],
        "_type": "".join(part.title() for part in component.split("-")),
        "_name": name if name is not None else category,
        "_component": component,
        "_props": props,
        "_styles": {"surface": "background"},
        "_children": [],
    }


def render(blocks: list[dict], *, categories: dict | None = None, media=MEDIA) -> str:
    if categories is None:
        categories = {entry["_component"]: entry["_name"] for entry in blocks}
    return render_page({"version": "1.0", "blocks": blocks}, css="", media=media, categories=categories)


def body(html: str) -> str:
    return html[html.index("<body>") :]


# One block per category of the library, in the library's prop names ------------------------------------------

LIBRARY = {
    "hero": (
        {
            "badge": "New this spring",
            "heading": "Plan your week in one calm place",
            "subheading": "Tasks, notes and people side by side, without the clutter.",
            "actions": [{"label": "Start free", "href": "/signup"}, {"label": "See how", "href": "#how"}],
            "image": PICTURE,
            "className": "py-24 bg-muted",
        },
        ["Start free", "Tasks, notes and people"],
    ),
    "contact": (
        {
            "heading": "Talk to our team",
            "description": "We answer every message within one working day.",
            "email": "hello@example.com",
            "phone": "+1 555 0100",
            "address": "1 Example Road, Springfield",
            "formConfig": {"endpoint": "/api/contact", "fields": ["name", "email"]},
            "buttonText": "Send message",
        },
        ["mailto:hello@example.com", "tel:+15550100", "1 Example Road, Springfield", "Send message"],
    ),
    "background-pattern-hero": (
        {
            "title": "Quiet software for loud weeks",
            "subtitle": "Everything your team needs, arranged the way you work.",
            "primaryCta": {"label": "Get started", "href": "/start"},
            "secondaryCta": {"label": "Pricing", "href": "/pricing", "variant": "outline"},
            "pattern": "dots",
            "patternOpacity": 0.2,
        },
        ["Get started", "Pricing"],
    ),
    "project-list": (
        {
            "heading": "Selected projects",
            "projects": [
                {
                    "title": "Harbour reading room",
                    "category": "Public spaces",
                    "year": 2023,
                    "description": "A quiet library wing facing the water.",
                    "image": PICTURE,
                    "href": "/projects/harbour",
                },
                {"title": "Hillside school", "category": "Education", "year": 2022, "href": "/projects/hillside"},
            ],
        },
        ["Harbour reading room", "Public spaces", 'href="/projects/hillside"'],
    ),
    "pricing": (
        {
            "title": "Simple plans",
            "description": "Pick a plan; change it whenever you like.",
            "plans": [
                {
                    "name": "Starter",
                    "price": "$9",
                    "period": "per month",
                    "features": ["One workspace", "Email support"],
                    "cta": {"label": "Choose Starter", "href": "/signup?plan=starter"},
                },
                {
                    "name": "Team",
                    "price": "$29",
                    "period": "per month",
                    "popular": True,
                    "features": ["Ten workspaces", "Priority support"],
                    "buttonText": "Choose Team",
                    "buttonHref": "/signup?plan=team",
                },
            ],
        },
        ["Starter", "$29", "Priority support", "Choose Team"],
    ),
    "cta": (
        {
            "heading": "Ready when you are",
            "description": "Set up your first project in a few minutes.",
            "ctaText": "Book a call",
            "ctaHref": "/book",
        },
        ['href="/book"', "Book a call"],
    ),
    "features": (
        {
            "heading": "Why teams switch",
            "features": [
                {"icon": "lucide/zap", "title": "Fast setup", "description": "Import your work in an afternoon."},
                {"icon": "lucide/lock", "title": "Private by default", "description": "Only your team sees it."},
                {"icon": "lucide/users", "title": "Shared views", "description": "Everyone sees the same plan."},
            ],
        },
        ["Private by default", "Only your team sees it."],
    ),
    "services-list": (
        {
            "title": "What we do",
            "services": [
                {
                    "title": "Brand design",
                    "summary": "Logos, colours and type that fit together.",
                    "price": "from $800",
                    "link": {"label": "Details", "href": "/services/brand"},
                },
                {"title": "Websites", "summary": "Sites that are easy to update.", "image": PICTURE},
            ],
        },
        ["Brand design", "from $800", "Sites that are easy to update."],
    ),
    "about": (
        {
            "title": "About the studio",
            "content": "We are a small team that has built calm tools for twelve years.",
            "mainImage": PICTURE,
            "achievements": [{"value": "12", "label": "years in business"}, {"value": "300+", "label": "clients"}],
        },
        ["years in business", "300+"],
    ),
    "team": (
        {
            "heading": "The people behind it",
            "members": [
                {
                    "name": "Ana Ruiz",
                    "role": "Founder",
                    "bio": "Ana started the studio after a decade in product design.",
                    "avatar": {"src": PHOTO, "alt": "Ana Ruiz"},
                    "socialLinks": [{"label": "LinkedIn", "href": "https://www.linkedin.com/in/example"}],
                },
                {"name": "Ben Okafor", "role": "Engineer", "avatar": {"src": PHOTO, "alt": "Ben Okafor"}},
            ],
        },
        ["Ana Ruiz", "Founder", "Ben Okafor", "https://www.linkedin.com/in/example"],
    ),
    "testimonials": (
        {
            "heading": "What clients say",
            "testimonials": [
                {
                    "quote": "The calmest launch we have had in years.",
                    "author": "Lee Park",
                    "role": "Owner, Park Cafe",
                    "rating": 5,
                    "avatar": {"src": PHOTO, "alt": "Lee Park"},
                },
                {"quote": "Clear, quick and friendly.", "author": {"name": "Sam Ode", "role": "Teacher"}},
            ],
        },
        ["The calmest launch we have had in years.", "Lee Park", "Sam Ode", "Teacher"],
    ),
    "project-detail": (
        {
            "title": "Harbour reading room",
            "client": "City of Springfield",
            "description": "A new wing for the public library, built around natural light.",
            "challenge": "The old wing was dark and hard to reach from the street.",
            "gallery": [PICTURE, {"src": PHOTO, "alt": "Reading tables"}],
            "details": [{"label": "Area", "value": "2,400 m²"}, {"label": "Duration", "value": "14 months"}],
        },
        ["City of Springfield", "The old wing was dark", "2,400 m²", 'alt="Reading tables"'],
    ),
    "navbar": (
        {
            "logo": {"src": LOGO, "alt": "Example Studio"},
            "menuItems": [
                {"label": "Work", "href": "/work"},
                {"label": "Studio", "href": "/studio", "dropdownItems": [{"label": "Team", "href": "/team"}]},
                {"label": "Journal", "href": "/journal"},
            ],
            "ctaButton": {"label": "Contact us", "href": "/contact"},
        },
        ['href="/work"', "Journal", "Contact us", 'alt="Example Studio"'],
    ),
    "footer": (
        {
            "logo": {"src": LOGO, "alt": "Example Studio"},
            "description": "Calm tools for busy teams.",
            "sections": [
                {
                    "title": "Company",
                    "links": [{"label": "About", "href": "/about"}, {"label": "Jobs", "href": "/jobs"}],
                },
                {"title": "Help", "links": [{"label": "Support", "href": "/support"}]},
            ],
            "socialLinks": [{"platform": "Mastodon", "href": "https://social.example/@studio"}],
            "copyright": "© 2025 Example Studio. All rights reserved.",
        },
        ["Calm tools for busy teams.", 'href="/jobs"', "Mastodon", "All rights reserved."],
    ),
    "faq": (
        {
            "heading": "Questions, answered",
            "faqs": [
                {"question": "Can I cancel at any time?", "answer": "Yes, from your account page."},
                {"question": "Is there a free trial?", "answer": "Every plan starts with fourteen free days."},
            ],
        },
        ["<summary>Can I cancel at any time?</summary>", "fourteen free days"],
    ),
    "gallery": (
        {
            "title": "Inside the studio",
            "images": [PICTURE, {"src": PHOTO, "alt": "The long table"}, {"src": PHOTO, "alt": "Window seat"}],
        },
        ['alt="The long table"', 'alt="Window seat"'],
    ),
    "timeline": (
        {
            "heading": "How we got here",
            "milestones": [
                {"year": "2013", "title": "First desk", "description": "Two people and one borrowed room."},
                {"year": "2019", "title": "First office", "description": "A real door with our name on it."},
            ],
        },
        ["First desk", "2019", "A real door with our name on it."],
    ),
    "carousel": (
        {
            "heading": "Highlights",
            "autoPlayInterval": 5000,
            "slides": [
                {
                    "id": "1",
                    "title": "Morning planning",
                    "description": "Start the day with one shared list.",
                    "image": PLACEHOLDER,
                    "ctaText": "Learn more",
                    "ctaHref": "#planning",
                },
                {"id": "2", "title": "Evening review", "description": "Close the day in five minutes."},
            ],
        },
        ["Morning planning", 'href="#planning"', "Close the day in five minutes."],
    ),
    "blog": (
        {
            "heading": "From the journal",
            "posts": [
                {
                    "title": "Five habits of calm teams",
                    "excerpt": "Small routines that keep a busy week in order.",
                    "author": {"name": "Ana Ruiz"},
                    "publishDate": "2025-01-10",
                    "href": "/journal/calm-teams",
                    "image": PICTURE,
                },
            ],
        },
        ["Five habits of calm teams", 'href="/journal/calm-teams"', "2025-01-10", "Ana Ruiz"],
    ),
    "stats": (
        {
            "heading": "By the numbers",
            "stats": [
                {"value": "250+", "label": "projects shipped"},
                {"value": "98%", "label": "clients who return"},
                {"value": "4.9/5", "label": "average rating"},
            ],
        },
        ["250+", "clients who return", "4.9/5"],
    ),
    "logos": (
        {
            "title": "Trusted by teams at",
            "logos": [
                {"name": "Northwind", "logo": {"src": LOGO, "alt": "Northwind"}},
                {"name": "Southbay", "logo": {"src": LOGO, "alt": "Southbay"}},
            ],
        },
        ['alt="Northwind"', 'alt="Southbay"'],
    ),
    "comparison": (
        {
            "title": "Compare the options",
            "rows": [
                {"label": "Onboarding", "optionA": "1-2 days", "optionB": "30 days"},
                {"label": "Support", "optionA": "24/7 dedicated team", "optionB": "Limited hours", "hasIcon": True},
            ],
        },
        ["Onboarding", "1-2 days", "Limited hours"],
    ),
    "banner": (
        {
            "message": "Spring sale on every plan",
            "discount": "Up to 30% off",
            "actions": [{"label": "Shop", "href": "/sale"}],
        },
        ["Up to 30% off", 'href="/sale"'],
    ),
    "process": (
        {
            "heading": "How it works",
            "steps": [
                {"title": "Tell us about your week", "description": "A short call to understand the work."},
                {"title": "We set it up", "description": "Your lists and people, imported."},
                {"title": "You get going", "description": "Start on Monday with everything in place."},
            ],
        },
        ['class="pb-grid pb-steps"', "We set it up"],
    ),
    "article": (
        {
            "post": {
                "title": "Designing a calmer week",
                "authorName": "Ana Ruiz",
                "image": PICTURE,
                "pubDate": "2025-02-01",
                "description": "A step-by-step guide to planning with less stress.",
            },
        },
        ["A step-by-step guide", "Ana Ruiz"],
    ),
    "service-detail": (
        {
            "title": "Brand design",
            "introTitle": "A look that fits who you are",
            "introDescription": "We start from your story and end with a system you can use every day.",
            "contentSections": [
                {"title": "Research first", "paragraphs": ["We interview your team and your clients before drawing."]},
            ],
            "servicesList": {"title": "Included", "items": ["Logo", "Colour palette", "Type scale"]},
        },
        ["We interview your team", "Colour palette", "Included"],
    ),
    "list": (
        {
            "heading": "Service areas",
            "items": [
                {"icon": "lucide/shield", "category": "Security", "description": "Audits and training.", "year": 2024},
                {"icon": "lucide/cloud", "category": "Hosting", "description": "Managed servers.", "year": 2023},
            ],
        },
        ["Security", "Audits and training.", "Managed servers."],
    ),
    "resource-list": (
        {
            "title": "Guides and reports",
            "description": "Practical reading for small teams.",
            "categories": [{"label": "All", "value": "all"}, {"label": "Planning", "value": "planning"}],
            "posts": [
                {
                    "category": "Planning",
                    "title": "A one-page weekly plan",
                    "summary": "A template and how to use it.",
                    "link": "/guides/weekly-plan",
                    "cta": "Read more",
                    "thumbnail": PLACEHOLDER,
                },
            ],
            "formConfig": {"endpoint": "/api/subscribe", "format": "json"},
        },
        ["A one-page weekly plan", 'href="/guides/weekly-plan"', "A template and how to use it."],
    ),
    "link-page": (
        {
            "brandName": "Ana Ruiz",
            "brandTagline": "Designer and writer",
            "theme": "dark",
            "links": [
                {"id": "1", "label": "My portfolio", "href": "https://portfolio.example", "icon": "lucide/globe"},
                {"id": "2", "label": "Newsletter", "href": "/newsletter", "featured": True},
            ],
        },
        ["Designer and writer", 'href="https://portfolio.example"', "Newsletter"],
    ),
    "case-studies-list": (
        {
            "heading": "Case studies",
            "caseStudies": [
                {
                    "title": "A bakery doubles its orders",
                    "client": "Crumb Bakery",
                    "summary": "Online ordering in three weeks.",
                    "image": PICTURE,
                    "url": "/cases/bakery",
                },
            ],
        },
        ["A bakery doubles its orders", "Crumb Bakery", 'href="/cases/bakery"'],
    ),
    "industries": (
        {
            "title": "Industries we serve",
            "industryLabel": "Industry",
            "industries": [
                {
                    "name": "Healthcare",
                    "description": "Tools for clinics and practices.",
                    "image": PLACEHOLDER,
                    "imageAlt": "A clinic waiting room",
                    "url": "/industries/healthcare",
                },
                {"name": "Retail", "description": "Tools for shops of every size.", "url": "/industries/retail"},
            ],
        },
        ["Healthcare", 'alt="A clinic waiting room"', 'href="/industries/retail"'],
    ),
    "case-study-detail": (
        {
            "title": "How a bakery doubled its orders",
            "client": "Crumb Bakery",
            "industry": "Food and drink",
            "challenge": "Orders came in by phone and were easy to lose.",
            "solution": "One simple order page, linked from every post.",
            "results": [{"value": "2x", "label": "orders per week"}, {"value": "0", "label": "lost orders"}],
            "testimonial": {"quote": "We stopped losing orders on day one.", "author": "Rosa M.", "role": "Owner"},
        },
        ["Orders came in by phone", "orders per week", "We stopped losing orders on day one."],
    ),
    "offer-modal": (
        {
            "title": "Join the newsletter and save 20% on your first order",
            "emailPlaceholder": "Email",
            "buttonText": "Subscribe",
            "closeButtonText": "Close",
            "defaultOpen": True,
        },
        ["Subscribe"],
    ),
    "resource-detail": (
        {
            "sidebar": {
                "resourceType": "Guide",
                "resourceTitle": "The complete planning guide",
                "downloadDescription": "Download it for offline reading or sharing.",
                "primaryDownload": {"text": "PDF format", "href": "/download/guide.pdf"},
                "socialLinks": [{"platform": "linkedin", "href": "https://linkedin.example/share", "label": "Share"}],
            },
            "article": {"title": "Planning, start to finish", "content": "Good plans start with a short list."},
        },
        [
            "PDF format",
            'href="/download/guide.pdf"',
            "Planning, start to finish",
            "Good plans start with a short list.",
        ],
    ),
}
LIBRARY_CATEGORIES = [
    "hero",
    "contact",
    "background-pattern-hero",
    "project-list",
    "pricing",
    "cta",
    "features",
    "services-list",
    "about",
    "team",
    "testimonials",
    "project-detail",
    "navbar",
    "footer",
    "faq",
    "gallery",
    "timeline",
    "carousel",
    "blog",
    "stats",
    "logos",
    "comparison",
    "banner",
    "process",
    "article",
    "service-detail",
    "list",
    "resource-list",
    "link-page",
    "case-studies-list",
    "industries",
    "case-study-detail",
    "offer-modal",
    "resource-detail",
]
HEADINGS = {  # the text a reader sees first; blocks with no heading of their own show their main line
    "navbar": "Studio",
    "footer": "Company",
    "banner": "Spring sale on every plan",
    "article": "Designing a calmer week",
    "link-page": "Ana Ruiz",
    "resource-detail": "The complete planning guide",
    "offer-modal": "Join the newsletter and save 20% on your first order",
}


def heading_of(category: str) -> str:
    props = LIBRARY[category][0]
    return HEADINGS.get(category) or props.get("heading") or props["title"]


def test_the_library_props_cover_all_34_categories():
    assert sorted(LIBRARY) == sorted(LIBRARY_CATEGORIES)
    assert len(LIBRARY) == 34


def test_the_34_categories_match_the_real_export_when_present():
    export = SHARED / "registry-export.json"
    if not export.is_file():
        pytest.skip("the real @opensite/ui export is not present")
    categories = {entry["category"] for entry in json.loads(export.read_text())["blocks"]}
    assert categories == set(LIBRARY)


@pytest.mark.parametrize("category", LIBRARY_CATEGORIES)
def test_every_library_category_renders_as_a_section_with_its_heading(category):
    props, expected = LIBRARY[category]
    html = render([lib_block(f"{category}-sample", category, props)])
    main = body(html)
    assert "pb-unknown" not in main
    assert "No preview for the component" not in main
    assert f'class="pb-block pb-{category} ' in main or f'class="pb-block pb-{category}"' in main
    assert html_escape(heading_of(category)) in main
    for fragment in expected:
        assert fragment in main or html_escape(fragment) in main, (category, fragment)
    parsed = assert_safe(html, media=MEDIA)
    for image in parsed.named("img"):
        assert image["width"]
        assert image["height"]
        assert image["alt"] is not None


@pytest.mark.parametrize("category", ["hero", "background-pattern-hero"])
def test_a_library_hero_opens_the_page_with_the_only_h1(category):
    props = LIBRARY[category][0]
    html = render([lib_block("a-hero", category, props), lib_block("b-faq", "faq", LIBRARY["faq"][0])])
    title = props.get("heading") or props["title"]
    assert html.count("<h1") == 1
    assert f"<h1>{html_escape(title)}</h1>" in html
    headings = [int(level) for level in re.findall(r"<h([1-6])", html)]
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(headings))


def test_the_whole_library_page_keeps_headings_in_order_and_images_safe():
    order = ["navbar", *(name for name in LIBRARY_CATEGORIES if name not in ("navbar", "footer")), "footer"]
    html = render([lib_block(f"{category}-sample", category, LIBRARY[category][0]) for category in order])
    headings = [int(level) for level in re.findall(r"<h([1-6])", html)]
    assert headings.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(headings))
    images = assert_safe(html, media=MEDIA).named("img")
    assert sum(1 for image in images if image.get("fetchpriority") == "high") <= 1
    assert html.index("<header id=") < html.index("<main>")
    assert html.index("</main>") < html.index("<footer id=")


def test_a_navbar_is_one_compact_row_with_a_small_logo():
    html = body(render([lib_block("navbar-sample", "navbar", LIBRARY["navbar"][0])]))
    assert '<div class="pb-wrap pb-nav">' in html
    assert 'class="pb-logo"' in html
    assert "<h2" not in html
    dropdown = re.search(r'<details class="pb-dropdown"><summary>Studio</summary>(.*?)</details>', html, re.S)
    assert dropdown and 'href="/studio"' in dropdown[1] and 'href="/team"' in dropdown[1]  # a closed panel
    assert html.count('href="/team"') == 1 and "<details open" not in html


def test_a_navbar_draws_every_link_of_its_dropdowns_and_their_groups():
    pages = [{"label": f"Page {n}", "href": f"/page-{n}"} for n in range(1, 9)]
    groups = [{"title": "First", "items": pages[5:7]}, {"title": "Second", "items": pages[7:]}]
    for more in ({"label": "More", "subMenuItems": pages[5:]}, {"label": "More", "groups": groups}):
        html = body(render([lib_block("navbar-sample", "navbar", {"menuItems": [*pages[:5], more]})]))

        nav = html[html.index('<nav aria-label="Main">') : html.index("</nav>")]
        assert [int(n) for n in re.findall(r'href="/page-(\d+)"', nav)] == list(range(1, 9))
        assert nav.count("<details") == 1 and "<summary>More</summary>" in nav
        assert ('<p class="pb-eyebrow">First</p>' in nav) == ("groups" in more)


def test_a_navbar_without_a_logo_names_the_site():
    links = {"menuItems": [{"label": "Home", "href": "/home"}, {"label": "About", "href": "/about"}]}
    block = lib_block("navbar-sample", "navbar", links)
    generic = render_page({"version": "1.0", "blocks": [block]}, css="", media=MEDIA,
                          categories={"navbar-sample": "navbar"}, site_name="Sunrise Yoga Loft")  # fmt: skip
    assert '<p class="pb-brand">Sunrise Yoga Loft</p>' in body(generic)
    basic = {"links": [{"label": "Home", "href": "/home"}]}
    demo = render_page({"version": "1.0", "blocks": [lib_block("navbar-basic", "navbar", basic)]}, css="",
                       media=MEDIA, categories={"navbar-basic": "navbar"}, site_name="Sunrise Yoga Loft")  # fmt: skip
    assert re.search(r'class="pb-brand"[^>]*>Sunrise Yoga Loft</a>', body(demo))


# Dedicated templates stay for the demo registry --------------------------------------------------------------


@pytest.mark.parametrize("category", sorted(ONE_PER_CATEGORY))
def test_demo_blocks_keep_their_dedicated_template(category):
    entry = ONE_PER_CATEGORY[category]
    block = lib_block(entry["componentId"], category, entry["examples"]["exampleProps"])
    html = body(render([block], categories=CATEGORY_OF, media={PLACEHOLDER: (1200, 800)}))
    assert f'class="pb-block pb-{category}' in html
    assert "pb-generic" not in html


def test_a_dedicated_category_with_props_its_template_does_not_read_is_drawn_generically():
    props = {"heading": "Plan your week", "actions": [{"label": "Start free", "href": "/signup"}]}
    html = body(render([lib_block("hero-library", "hero", props)]))
    assert 'class="pb-block pb-hero pb-generic' in html
    assert 'href="/signup"' in html
    plain = body(render([lib_block("hero-library", "hero", {"title": "Plan your week", "subtitle": "Calmly."})]))
    assert "pb-generic" not in plain
    assert "Calmly." in plain


def test_the_blocks_own_name_picks_a_template_when_the_registry_does_not_know_it():
    html = body(render([lib_block("not-in-registry", "faq", LIBRARY["faq"][0])], categories={}))
    assert 'class="pb-block pb-faq pb-generic' in html
    assert "Can I cancel at any time?" in html
    demo = ONE_PER_CATEGORY["faq"]
    dedicated = lib_block("not-in-registry", "faq", demo["examples"]["exampleProps"])
    assert "pb-generic" not in body(render([dedicated], categories={}))


@pytest.mark.parametrize(
    "props", [{}, {"variant": "dark", "className": "py-8"}, {"id": "x", "showArrows": True, "items": []}]
)
def test_a_block_with_nothing_to_draw_keeps_the_placeholder(props):
    html = body(render([lib_block("mystery-block", "widgets", props)]))
    assert 'class="pb-block pb-unknown' in html
    assert "No preview for the component" in html


# The real contract examples ----------------------------------------------------------------------------------


def contract_sample() -> list[dict]:
    path = SHARED / "contract-sample.json"
    if not path.is_file():
        pytest.skip("the real @opensite/ui contract sample is not present")
    return json.loads(path.read_text())["blocks"]


def urls_in(value) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(urls_in(inner) for inner in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(urls_in(inner) for inner in value)) if value else set()
    return {value} if isinstance(value, str) and value.startswith("https://") else set()


def first_heading(props: dict) -> str:
    for key in ("title", "heading", "headline", "missionHeading", "missionTitle", "name"):
        if isinstance(props.get(key), str):
            return props[key]
    raise AssertionError(sorted(props))


def test_the_real_contract_examples_render_their_title_and_their_items():
    entries = contract_sample()
    assert len(entries) == 14
    for entry in entries:
        props = entry["examples"]["exampleProps"]
        media = {url: (1200, 800) for url in urls_in(props)}
        html = render([lib_block(entry["componentId"], entry["category"], props)], media=media)
        main = body(html)
        assert "pb-unknown" not in main, entry["componentId"]
        assert html_escape(first_heading(props)) in main, entry["componentId"]
        parsed = assert_safe(html, media=media)
        if media:
            assert parsed.named("img"), entry["componentId"]
        raw = json.dumps(props)
        if '"href"' in raw:
            assert parsed.named("a"), entry["componentId"]
        for found in re.findall(r'"(?:title|name|quote)": "([^"]{4,60})"', raw)[:3]:
            assert html_escape(found) in main, (entry["componentId"], found)


def test_the_real_contract_examples_draw_no_foreign_media():
    for entry in contract_sample():
        html = render([lib_block(entry["componentId"], entry["category"], entry["examples"]["exampleProps"])])
        assert "cdn.ing" not in html, entry["componentId"]
        assert not Tags(html).named("img"), entry["componentId"]


# Hostile props ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("category", LIBRARY_CATEGORIES)
def test_hostile_library_props_are_escaped_or_dropped(category):
    evil = hostile(LIBRARY[category][0])
    html = render([lib_block(f"{category}-sample", category, evil)])
    assert_safe(html, media=MEDIA)
    assert "<img src=x" not in html
    assert "onerror=alert(1)>" not in html
    assert '" onmouseover="' not in html
    assert "javascript:" not in html.lower()


def test_markup_in_every_kind_of_prop_is_shown_as_text():
    props = {
        "heading": XSS_TEXT,
        "badge": XSS_TEXT,
        "description": XSS_TEXT,
        "stats": [{"value": "9<b>9</b>", "label": XSS_TEXT}],
        "faqs": [{"question": XSS_TEXT, "answer": XSS_TEXT}],
        "testimonials": [{"quote": XSS_TEXT, "author": XSS_TEXT}],
        "items": [{"title": XSS_TEXT, "description": XSS_TEXT, "tags": [XSS_TEXT]}],
        "actions": [{"label": "<b>Go</b>", "href": XSS_URL}],
        "story": XSS_TEXT,
    }
    html = render([lib_block("odd-block", "features", props)])
    assert_safe(html, media=MEDIA)
    assert body(html).count(html_escape(XSS_TEXT)) >= 5
    assert '<span class="pb-btn">&lt;b&gt;Go&lt;/b&gt;</span>' in html


@pytest.mark.parametrize(
    "src",
    [
        "https://evil.example/x.png",
        "https://cdn.example.com/other-site/photo.jpg",
        "//evil.example/x.png",
        "/static/../media/x.png",
        "data:image/png;base64,iVBORw0KGgo=",
        XSS_URL,
    ],
)
def test_foreign_media_in_library_props_is_not_drawn(src):
    props = {
        "heading": "Pictures",
        "image": {"src": src, "alt": "Foreign", "width": 800, "height": 600},
        "imageSrc": src,
        "imageAlt": "Foreign",
        "backgroundImage": src,
        "images": [src, {"src": src, "alt": "Foreign"}, PICTURE],
        "members": [{"name": "Ana", "avatar": {"src": src, "alt": "Foreign"}}],
        "logos": [{"name": "Northwind", "logo": src}],
    }
    html = render([lib_block("odd-hero", "hero", props)])
    assert src not in html
    assert "evil.example" not in html
    assert "Foreign" not in html
    assert [image["alt"] for image in Tags(html).named("img")] == ["A bright workroom"]


def test_links_keep_only_allowed_targets():
    props = {
        "heading": "Links",
        "links": [
            {"label": "Script", "href": XSS_URL},
            {"label": "Data", "href": "data:text/html,x"},
            {"label": "Protocol-relative", "href": "//evil.example"},
            {"label": "Fine", "href": "/fine"},
        ],
        "buttonText": "Go",
        "buttonUrl": "vbscript:x",
        "titleHref": XSS_URL,
    }
    html = body(render([lib_block("links-block", "link-page", props)]))
    assert [attrs["href"] for attrs in Tags(html).named("a")] == ["/fine"]
    assert "<span>Script</span>" in html
    assert '<span class="pb-btn">Go</span>' in html


def test_scalars_under_unknown_names_show_only_when_they_read_as_prose():
    props = {
        "heading": "Quiet",
        "note2": "A sentence that a person would read.",
        "accent": "#ff0000",
        "wrapperClass": "bg-muted text-sm md:flex",
        "slugish": "some-block-id",
        "mode": "A sentence under a styling name.",
        "href": "https://example.com/x",
        "retries": 7,
        "flag": True,
        "brandText": "Business",
    }
    main = body(render([lib_block("prose-block", "about", props)]))
    assert "A sentence that a person would read." in main
    for hidden in ("#ff0000", "bg-muted", "some-block-id", "A sentence under a styling name.", "Business", ">7<"):
        assert hidden not in main, hidden


def nested(depth: int) -> dict:
    value: dict = {"title": "Deepest", "description": "Never drawn."}
    for level in range(depth):
        value = {"title": f"Level {level}", "content": value, "items": [value]}
    return value


def test_deeply_nested_props_are_cut_off():
    html = body(render([lib_block("deep-block", "about", {"heading": "Deep", "panel": nested(300)})]))
    assert "Deep" in html
    assert "Deepest" not in html
    assert "Never drawn." not in html
    assert len(html) < 50_000


def test_huge_lists_and_objects_are_capped():
    item = {"title": "Entry", "description": "Some words here.", "tags": ["one tag"] * 1000, "image": PICTURE}
    wide = {f"key{index}": "A sentence that a person would read." for index in range(10_000)}
    props = {"heading": "Wide", "items": [item] * 10_000, "stats": [{"value": "1", "label": "x"}] * 10_000, **wide}
    html = render([lib_block("wide-block", "features", props)])
    assert len(html.encode()) < 200_000
    assert body(html).count('<li class="pb-card">') <= generic.MAX_LIST


def test_the_node_budget_bounds_what_one_block_draws():
    props = {
        "heading": "Budget",
        **{f"group{index}": [{"title": f"T{index}", "tags": ["a b"] * 30}] * 24 for index in range(40)},
    }
    view, _ = generic.build(props, Reader(media=MEDIA, page=PageImages()))
    drawn = 0
    stack = [view]
    while stack:
        node = stack.pop()
        for part in node["parts"]:
            for name in ("cards", "entries", "links", "figures", "stats", "quotes"):
                drawn += len(part.get(name, ()))
            stack.extend(part.get("cards", ()))
            if part["kind"] == "panel":
                stack.append(part["section"])
    assert drawn <= generic.MAX_NODES


JSON_LEAF = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
LIBRARY_KEYS = sorted(
    {key for props, _ in LIBRARY.values() for key in props}
    | {"src", "alt", "href", "url", "label", "text", "question", "answer", "name", "value", "quote", "author", "role"}
    | {"imageSrc", "imageAlt", "ctaText", "ctaHref", "buttonText", "buttonUrl", "items", "features", "links"}
)
JSON_VALUE = st.recursive(
    JSON_LEAF | st.sampled_from([XSS_TEXT, XSS_URL, PLACEHOLDER, "https://evil.example/x.png"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(LIBRARY_KEYS), inner, max_size=5),
    max_leaves=30,
)


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    category=st.sampled_from(LIBRARY_CATEGORIES),
    props=st.dictionaries(st.sampled_from(LIBRARY_KEYS), JSON_VALUE),
)
def test_random_library_props_render_safely(category, props):
    html = render([lib_block("fuzzed-block", category, props)])
    assert_safe(html, media=MEDIA)
    assert "<img src=x" not in html
    assert "javascript:" not in html.lower()


def test_odd_values_never_break_the_generic_view(caplog):
    odd = [None, 42, "x", [], {}, [None, 1, "two", [], {}], {"a": {"b": {"c": None}}}, float("nan"), 10**400]
    for category in ("about", "widgets"):
        for props in odd:
            html = render([lib_block("odd-block", category, {"heading": "Odd", "items": props, "image": props})])
            assert "Odd" in html
            assert_safe(html, media=MEDIA)
    assert not [record for record in caplog.records if record.name.startswith("pagebuilder.preview")]


def test_a_script_url_cut_short_is_refused_where_every_text_is_added():
    found: list[str] = []
    ctx = generic.Context(reader=Reader(media=MEDIA, page=PageImages()))

    assert not add_text(found, "javascript:", 4, ctx)
    assert not add_text(found, "Data:text/html,x", 4, ctx)
    assert add_text(found, "Fresh bread every morning.", 4, ctx)
    assert found == ["Fresh bread every morning."]
