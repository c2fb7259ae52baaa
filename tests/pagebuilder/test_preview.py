"""The builder's preview renderer: every registry category draws its demo example, odd props never break a
render, nothing from a payload can inject markup, scripts, links or foreign media, images follow the Core Web
Vitals rules (sizes, lazy loading, one high-priority image) and a generated page stays within its byte budget."""

import itertools
import json
import re
from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from pagebuilder.context import build_context
from pagebuilder.payload import effective_theme
from pagebuilder.playbooks import PLAYBOOKS
from pagebuilder.preview import CATEGORIES, PREVIEW_CSP, preview_csp, render_page
from pagebuilder.preview.css import BLOCK_CSS
from pagebuilder.preview.props import PageImages, Reader, action, href, items, text
from pagebuilder.preview.service import preview_html
from pagebuilder.preview.styles import style_attribute
from styleguides.css import compile_css
from styleguides.models import WebsiteStyleGuide
from tests.helpers.generation import FACTS, generate
from websites.models import MediaRecord

REGISTRY = json.loads((Path(settings.BASE_DIR) / "registry/fixtures/demo-registry.json").read_text())["blocks"]
CATEGORY_OF = {entry["componentId"]: entry["category"] for entry in REGISTRY}
ONE_PER_CATEGORY = {entry["category"]: entry for entry in reversed(REGISTRY)}  # the first of each category
PLACEHOLDER = "/static/demo/placeholder.svg"
MEDIA = {PLACEHOLDER: (1200, 800), "https://cdn.example.com/site/photo.jpg": (1600, 900)}
TEMPLATES = Path(settings.BASE_DIR) / "templates" / "preview"
PAGE_BUDGET = 60_000  # bytes of HTML + CSS for one generated page, images excluded

XSS_TEXT = '<img src=x onerror=alert(1)><script>alert(1)</script>" onmouseover="alert(2)'
XSS_URL = "javascript:alert(1)"


def block(component: str, props, *, styles=None, block_id: str | None = None, type_name: str = "SomeBlock") -> dict:
    return {
        "_id": block_id or f"blk_{component}"[:60],
        "_type": type_name,
        "_name": CATEGORY_OF.get(component, "unknown"),
        "_component": component,
        "_props": props,
        "_styles": styles if styles is not None else {"backgroundColor": "#ffffff", "surface": "background"},
        "_children": [],
    }


def example_props(component_id: str) -> dict:
    return next(entry["examples"]["exampleProps"] for entry in REGISTRY if entry["componentId"] == component_id)


def example_block(entry: dict, **options) -> dict:
    return block(entry["componentId"], entry["examples"]["exampleProps"], type_name=entry["blockName"], **options)


def render(blocks: list[dict], *, media=MEDIA, categories=CATEGORY_OF, css=":root{--color-primary:#9a4f1e}", **kw):
    return render_page({"version": "1.0", "blocks": blocks}, css=css, media=media, categories=categories, **kw)


class Tags(HTMLParser):
    """Every start tag with its attributes, in document order."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def named(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.tags if tag == name]


ALLOWED_HREF = re.compile(r"(/(?!/)|#|https?://|mailto:|tel:)", re.I)
STYLE_ATTRIBUTE = re.compile(r"--pb-[a-z-]+:[#A-Za-z0-9 ,.\"'%-]+(;--pb-[a-z-]+:[#A-Za-z0-9 ,.\"'%-]+)*")


def assert_safe(html: str, media=MEDIA) -> Tags:
    """No script, no event handler, no javascript: URL, only allowed links and media, strict inline styles."""
    lowered = html.lower()
    assert "<script" not in lowered
    assert "javascript:" not in lowered
    parsed = Tags(html)
    for tag, attrs in parsed.tags:
        assert tag not in {"script", "iframe", "object", "embed", "base", "link"}, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), f"<{tag} {name}=…>"
            if name == "href":
                assert value, value
                assert ALLOWED_HREF.match(value), value
            if name in {"src", "poster"}:
                assert value in media or value.startswith("/static/"), value
            if name == "style":
                assert STYLE_ATTRIBUTE.fullmatch(value), value
    return parsed


def main_text(props: dict) -> str:
    """The text a reader would call the block's title."""
    for key in ("title", "headline", "message", "quote", "label", "copyright"):
        if isinstance(props.get(key), str):
            return props[key]
    for key in ("links", "stats"):
        if props.get(key):
            entry = props[key][0]
            return entry.get("label")
    raise AssertionError(f"no main text in {sorted(props)}")


# Templates and structure ------------------------------------------------------------------------------------


def test_one_template_per_registry_category_plus_unknown_and_page():
    assert set(CATEGORIES) == set(CATEGORY_OF.values())
    assert len(CATEGORIES) == 22
    for category in (*CATEGORIES, "unknown"):
        assert (TEMPLATES / "blocks" / f"{category}.html").is_file(), category
    assert (TEMPLATES / "page.html").is_file()


def test_a_page_is_a_standalone_html5_document_with_one_inline_style():
    html = render([example_block(entry) for entry in REGISTRY], css=":root{--color-primary:#123456}", title="Home")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<meta charset="utf-8">' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "<title>Home</title>" in html
    assert html.count("<style") == 1
    assert html.count("</style>") == 1
    style = html[html.index("<style>") : html.index("</style>")]
    assert style.index("--color-primary:#123456") < style.index(BLOCK_CSS[:40])
    assert html.count(BLOCK_CSS) == 1
    assert html.count("<h1") == 1
    parsed = assert_safe(html)
    assert sum(1 for _, attrs in parsed.tags if (attrs.get("class") or "").startswith("pb-block ")) == len(REGISTRY)


@pytest.mark.parametrize("entry", REGISTRY, ids=[entry["componentId"] for entry in REGISTRY])
def test_every_demo_block_renders_its_example(entry):
    props = entry["examples"]["exampleProps"]
    html = render([example_block(entry, block_id="blk_1")])
    category = entry["category"]
    assert f'id="blk_1" class="pb-block pb-{category}' in html
    assert f'data-component="{entry["componentId"]}"' in html
    assert "pb-block pb-unknown" not in html
    assert html_escape(main_text(props)) in html
    parsed = assert_safe(html)
    for image in parsed.named("img"):
        assert image["width"]
        assert image["height"]
        assert image["decoding"] == "async"
        assert image["alt"] is not None
    if PLACEHOLDER in json.dumps(props):
        assert parsed.named("img") or parsed.named("video"), "the example's media is shown"


def test_sections_carry_their_id_category_component_and_filtered_styles():
    styles = {
        "backgroundColor": "#fff9f5",
        "textColor": "#123",
        "borderRadius": "0.625rem",
        "paddingBlock": "6rem",
        "fontFamily": 'system-ui, "Segoe UI", sans-serif',
        "accentColor": "red;background:url(javascript:alert(1))",
        "borderColor": "#12345g",
        "mutedTextColor": "expression(alert(1))",
        "headingFontFamily": "Georgia; color: red",
        "surface": "primary",
        "somethingElse": "#ffffff",
    }
    html = render([block("cta-centered-text", {"title": "Hello"}, styles=styles, block_id="blk_cta")])
    assert (
        '<section id="blk_cta" class="pb-block pb-cta pb-on-primary" data-component="cta-centered-text" '
        'style="--pb-bg:#fff9f5;--pb-fg:#123;--pb-radius:0.625rem;--pb-pad:6rem;'
        '--pb-font:system-ui, &quot;Segoe UI&quot;, sans-serif">'
    ) in html
    assert_safe(html)


@pytest.mark.parametrize(
    ("styles", "expected"),
    [
        ({"backgroundColor": "#abc", "paddingBlock": "16px"}, "--pb-bg:#abc;--pb-pad:16px"),
        ({"backgroundColor": "#abcd"}, ""),
        ({"backgroundColor": "red"}, ""),
        ({"paddingBlock": "4rem;color:red"}, ""),
        ({"paddingBlock": "calc(1px)"}, ""),
        ({"fontFamily": "Inter, 'Helvetica Neue', -apple-system"}, "--pb-font:Inter, 'Helvetica Neue', -apple-system"),
        ({"fontFamily": '"Unclosed, serif'}, ""),
        ({"fontFamily": "x" * 400}, ""),
        ({"textColor": ["#fff"]}, ""),
        (None, ""),
        ("#fff", ""),
    ],
)
def test_style_values_must_match_strict_patterns(styles, expected):
    assert style_attribute(styles) == expected


def test_headings_run_in_order_h1_for_the_first_hero_only():
    hero = ONE_PER_CATEGORY["hero"]
    html = render([example_block(hero), example_block(ONE_PER_CATEGORY["faq"]), example_block(hero)])
    headings = re.findall(r"<h([1-6])", html)
    assert headings[0] == "1"
    assert headings.count("1") == 1
    assert all(int(b) - int(a) <= 1 for a, b in itertools.pairwise(headings))
    without_hero = render([example_block(ONE_PER_CATEGORY["faq"])], title="Questions & answers")
    assert '<h1 class="pb-sr">Questions &amp; answers</h1>' in without_hero


def test_navbar_and_footer_become_page_header_and_footer_around_main():
    html = render([example_block(ONE_PER_CATEGORY[name]) for name in ("navbar", "hero", "footer")])
    assert html.index("<header id=") < html.index("<main>") < html.index("<section") < html.index("</main>")
    assert html.index("</main>") < html.index("<footer id=")


# Defensive props --------------------------------------------------------------------------------------------

DEEP: dict = {}
_cursor = DEEP
for _ in range(200):
    _cursor["items"] = {"title": {"nested": [None]}}
    _cursor = _cursor["items"]

ODD_PROPS = [
    None,
    42,
    "x",
    [],
    {},
    {"items": "not a list"},
    {"title": None, "items": None, "image": "x", "primaryAction": "go"},
    {"title": 12345, "subtitle": 3.5, "eyebrow": True, "items": [1, "two", None, [], {}]},
    {"title": ["a list"], "stats": {"value": 1}, "plans": "cheap", "hours": 7, "address": ["x"]},
    {"title": float("nan"), "rating": float("inf"), "averageRating": -3, "reviewCount": 10**400},
    DEEP,
    {key: DEEP for key in ("items", "services", "members", "testimonials", "plans", "steps", "milestones")},
]


def garble(value, replacement):
    """The same shape with every leaf replaced."""
    if isinstance(value, dict):
        return {key: garble(inner, replacement) for key, inner in value.items()}
    if isinstance(value, list):
        return [garble(inner, replacement) for inner in value]
    return replacement


def widen(value, size: int, inner_size: int = 50):
    """Every list of the example repeated: top-level lists to ``size`` entries, nested ones to ``inner_size``."""
    if isinstance(value, dict):
        return {key: widen(inner, size, inner_size) for key, inner in value.items()}
    if isinstance(value, list) and value:
        entries = [widen(inner, inner_size, inner_size) for inner in value]  # shared below: cheap to build
        return (entries * (size // len(entries) + 1))[:size]
    return value


@pytest.mark.parametrize("category", CATEGORIES)
def test_odd_props_never_break_a_category(category, caplog):
    entry = ONE_PER_CATEGORY[category]
    example = entry["examples"]["exampleProps"]
    variants = [
        *ODD_PROPS,
        garble(example, None),
        garble(example, 7),
        garble(example, {"nested": {"deeper": ["garbage"]}}),
        garble(example, ""),
        {key: "not a list" for key in example},
        {key: [value] * 3 for key, value in example.items()},
    ]
    for props in variants:
        html = render([block(entry["componentId"], props, block_id="blk_odd")])
        assert f'class="pb-block pb-{category}' in html, props
        assert_safe(html)
    assert not [record for record in caplog.records if record.name.startswith("pagebuilder.preview")]


@pytest.mark.parametrize("category", CATEGORIES)
def test_ten_thousand_item_lists_are_capped(category):
    entry = ONE_PER_CATEGORY[category]
    wide = widen(entry["examples"]["exampleProps"], 10_000)
    html = render([block(entry["componentId"], wide)])
    assert f"pb-block pb-{category}" in html
    assert len(html.encode()) < 400_000


JSON_LEAF = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
PROP_KEYS = sorted(
    {key for entry in REGISTRY for key in entry["examples"]["exampleProps"]}
    | {"src", "alt", "href", "label", "question", "answer", "name", "value", "price", "width", "height"}
)
JSON_VALUE = st.recursive(
    JSON_LEAF,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(PROP_KEYS), inner, max_size=5),
    max_leaves=25,
)


@hypothesis_settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(category=st.sampled_from(CATEGORIES), props=st.dictionaries(st.sampled_from(PROP_KEYS), JSON_VALUE))
def test_random_props_render_safely(category, props):
    html = render([block(ONE_PER_CATEGORY[category]["componentId"], props)])
    assert f'class="pb-block pb-{category}' in html
    assert_safe(html)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, ""), (True, ""), (42, "42"), (2.5, "2.5"), (float("nan"), ""), ([1], ""), ({}, ""), (" a \n\t b ", "a b")],
)
def test_text_reads_only_text_and_numbers(value, expected):
    assert text(value) == expected


def test_text_and_items_are_bounded():
    assert text("x" * 1000, 10) == "x" * 9 + "…"
    assert text(10**5000) == ""  # more digits than Python prints
    assert items(list(range(10_000))) == list(range(24))
    assert items("abc") == []
    assert items({"a": 1}) == []


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("/contact", True),
        ("#faq", True),
        ("https://example.com/x", True),
        ("HTTP://example.com", True),
        ("mailto:a@example.com", True),
        ("tel:+15550100", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("vbscript:x", False),
        ("//evil.example/x", False),
        ("/\\evil.example", False),
        ("ftp://example.com", False),
        ("contact", False),
        ("#", False),
        ("https://", False),
        (42, False),
        (None, False),
    ],
)
def test_links_keep_only_site_paths_anchors_http_mailto_and_tel(url, allowed):
    assert bool(href(url)) is allowed


def test_actions_need_a_label_and_keep_a_refused_href_as_plain_text():
    assert action({"label": "Go", "href": "/go"}) == {"label": "Go", "href": "/go"}
    assert action({"label": "Go", "href": XSS_URL}) == {"label": "Go", "href": ""}
    assert action({"href": "/go"}) is None
    assert action("Go") is None
    assert action(None) is None
    html = render([block("cta-centered-text", {"title": "T", "primaryAction": {"label": "Go", "href": XSS_URL}})])
    assert '<span class="pb-btn">Go</span>' in html


# Safety -----------------------------------------------------------------------------------------------------


def hostile(value, key: str = ""):
    """The example with every text replaced by markup and every URL by a javascript: one."""
    if isinstance(value, dict):
        return {name: hostile(inner, name) for name, inner in value.items()}
    if isinstance(value, list):
        return [hostile(inner, key) for inner in value]
    if isinstance(value, str):
        return XSS_URL if key in {"href", "src", "url", "formAction"} else XSS_TEXT
    return value


@pytest.mark.parametrize("entry", REGISTRY, ids=[entry["componentId"] for entry in REGISTRY])
def test_hostile_props_and_styles_are_escaped_or_dropped(entry):
    evil = block(
        entry["componentId"],
        hostile(entry["examples"]["exampleProps"]),
        styles={key: "red;background:url(javascript:alert(1))" for key in ("backgroundColor", "fontFamily")},
        block_id='x" onclick="alert(1)',
    )
    html = render([evil], title=XSS_TEXT)
    assert_safe(html)
    assert "<img src=x" not in html
    assert "onerror=alert(1)>" not in html
    assert '" onmouseover="' not in html
    assert html_escape(XSS_TEXT) in html  # the text is shown, escaped (at least in <title>)
    assert 'onclick="alert' not in html
    assert 'id="pb-block-1"' in html


def test_hostile_text_is_shown_escaped_in_the_block():
    props = {"title": XSS_TEXT, "subtitle": XSS_TEXT, "primaryAction": {"label": XSS_TEXT, "href": XSS_URL}}
    html = render([block("hero-centered-text", props)])
    body = html[html.index("<main>") :]
    assert body.count(html_escape(XSS_TEXT)) == 2  # title and subtitle; the button label is cut to 60 characters
    assert f'<span class="pb-btn">{html_escape(XSS_TEXT[:59])}…</span>' in body
    assert_safe(html)


def test_component_and_type_names_are_escaped_in_the_placeholder():
    html = render([block("<script>x</script>", {}, type_name='<b onmouseover="x">')], categories={})
    assert_safe(html)
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "&lt;b onmouseover=&quot;x&quot;&gt;" in html


def test_the_style_guide_css_cannot_close_the_style_element():
    html = render([], css="body{color:red}</style><script>alert(1)</script><!--")
    assert html.count("</style>") == 1
    assert "<script" not in html.lower()
    assert "<!--" not in html
    assert "body{color:red}\\3c /style>\\3c script>" in html


@pytest.mark.parametrize(
    "src",
    [
        "https://evil.example/x.png",
        "https://cdn.example.com/other-site/photo.jpg",  # another website's media library
        "//evil.example/x.png",
        "/static/../media/x.png",
        "/media/uploads/x.png",
        "data:image/png;base64,iVBORw0KGgo=",
        XSS_URL,
    ],
)
def test_foreign_media_is_not_rendered(src):
    props = {
        "title": "Gallery",
        "images": [{"src": src, "alt": "Foreign", "width": 800, "height": 600}, {"src": PLACEHOLDER, "alt": "Ours"}],
    }
    hero = {
        "title": "Hero",
        "image": {"src": src, "alt": "x", "width": 10, "height": 10},
        "video": {"src": src},
        "poster": {"src": src},
    }
    html = render([block("hero-split-image", hero), block("gallery-masonry", props)])
    assert src not in html
    assert "evil.example" not in html
    assert [image["alt"] for image in Tags(html).named("img")] == ["Ours"]
    assert not Tags(html).named("video")


def test_there_is_no_script_anywhere():
    html = render([example_block(entry) for entry in REGISTRY])
    assert "<script" not in html.lower()
    assert not [attrs for tag, attrs in assert_safe(html).tags if any(name.startswith("on") for name in attrs)]


def test_the_csp_forbids_scripts_and_allows_the_media_origins():
    assert "script-src" not in PREVIEW_CSP
    assert "default-src 'none'" in PREVIEW_CSP
    assert "form-action 'none'" in PREVIEW_CSP
    assert "base-uri 'none'" in PREVIEW_CSP
    assert preview_csp([PLACEHOLDER]) == PREVIEW_CSP
    extended = preview_csp(["https://cdn.example.com/a.jpg", "https://cdn.example.com/b.jpg", "http://x.example/c"])
    assert "img-src 'self' data: https://cdn.example.com;" in extended
    assert "media-src 'self' https://cdn.example.com;" in extended
    assert "x.example" not in extended
    meta = Tags(render([], media={})).named("meta")
    (csp,) = [attrs["content"] for attrs in meta if attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp == PREVIEW_CSP.replace("; frame-ancestors 'self'", "")  # frame-ancestors is ignored in <meta>


# Images and Core Web Vitals ---------------------------------------------------------------------------------


def test_first_image_is_eager_with_high_priority_and_the_rest_lazy():
    blocks = [
        block("hero-split-image", example_props("hero-split-image")),
        block("gallery-masonry", example_props("gallery-masonry")),
        block("team-photo-grid", example_props("team-photo-grid")),
    ]
    images = Tags(render(blocks)).named("img")
    assert len(images) == 1 + 6 + 3
    first, rest = images[0], images[1:]
    assert first["fetchpriority"] == "high"
    assert "loading" not in first
    assert all(image["loading"] == "lazy" and "fetchpriority" not in image for image in rest)
    assert all(image["width"] and image["height"] and image["decoding"] == "async" for image in images)


def test_a_small_logo_first_stays_eager_and_the_hero_image_gets_the_priority():
    media = {"/static/logo.svg": (160, 48), PLACEHOLDER: (1200, 800)}
    navbar = {"logo": {"src": "/static/logo.svg", "alt": "Logo"}, "links": [{"label": "Home", "href": "/"}]}
    blocks = [block("navbar-basic", navbar), block("hero-split-image", example_props("hero-split-image"))]
    logo, hero = Tags(render(blocks, media=media)).named("img")
    assert "loading" not in logo
    assert "fetchpriority" not in logo
    assert hero["fetchpriority"] == "high"
    assert "loading" not in hero


def test_a_large_image_far_down_the_page_gets_no_priority():
    blocks = [block("faq-accordion", example_props("faq-accordion"))] * 3 + [
        block("gallery-masonry", example_props("gallery-masonry"))
    ]
    images = Tags(render(blocks)).named("img")
    assert "loading" not in images[0]
    assert all("fetchpriority" not in image for image in images)
    assert all(image["loading"] == "lazy" for image in images[1:])


def test_image_sizes_come_from_the_media_library_else_numeric_props_else_no_image():
    media = {"/static/known.svg": (640, 480)}
    props = {
        "title": "Sizes",
        "images": [
            {"src": "/static/known.svg", "alt": "Known", "width": 1, "height": 1},
            {"src": "/static/sized.svg", "alt": "Sized", "width": 300, "height": 200.4},
            {"src": "/static/unsized.svg", "alt": "Unsized"},
            {"src": "/static/bad.svg", "alt": "Bad", "width": "300", "height": True},
        ],
    }
    images = Tags(render([block("gallery-masonry", props)], media=media)).named("img")
    assert [(image["alt"], image["width"], image["height"]) for image in images] == [
        ("Known", "640", "480"),
        ("Sized", "300", "200"),
    ]


def test_videos_show_their_poster_an_svg_clip_as_an_image_and_never_autoplay():
    media = {
        "/static/tour.svg": (1600, 900),
        "https://cdn.example.com/clip.mp4": (1920, 1080),
        PLACEHOLDER: (1200, 800),
    }
    svg_clip = {"title": "Tour", "video": {"src": "/static/tour.svg", "type": "image/svg+xml"}, "poster": {"src": "x"}}
    html = render([block("hero-video-background", svg_clip)], media=media)
    assert Tags(html).named("img")[0]["src"] == "/static/tour.svg"
    assert "<video" not in html
    real = {"title": "Tour", "video": {"src": "https://cdn.example.com/clip.mp4"}, "poster": {"src": PLACEHOLDER}}
    (video,) = Tags(render([block("hero-video-background", real)], media=media)).named("video")
    assert video["poster"] == PLACEHOLDER
    assert video["preload"] == "none"
    assert "autoplay" not in video
    assert video["width"] == "1920"
    assert "controls" in video
    foreign = {"title": "Tour", "video": {"src": "https://evil.example/v.mp4"}, "poster": {"src": PLACEHOLDER}}
    html = render([block("hero-video-background", foreign)], media=media)
    assert "<video" not in html
    assert Tags(html).named("img")[0]["src"] == PLACEHOLDER


def test_images_reserve_their_box_in_css():
    assert "img,video{display:block;max-width:100%;height:auto}" in BLOCK_CSS
    assert "auto-fit" in BLOCK_CSS
    assert "clamp(" in BLOCK_CSS
    assert "var(--color-primary," in BLOCK_CSS
    assert len(BLOCK_CSS) < 12_000


def test_reader_hands_out_loading_hints_in_render_order():
    page = PageImages()
    reader = Reader(media={PLACEHOLDER: (100, 100)}, page=page)
    first, second = reader.image({"src": PLACEHOLDER}), reader.image({"src": PLACEHOLDER})
    assert second.claim() == {"lazy": False, "high": False}  # claimed first: it is the first image drawn
    assert first.claim() == {"lazy": True, "high": False}


# Unknown blocks ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("categories", [{}, {"mystery-block": "widgets"}, {"mystery-block": None}])
def test_an_unknown_component_with_nothing_drawable_gets_a_neutral_placeholder(categories):
    props = {"variant": "dark", "className": "py-8", "id": "x1"}
    html = render([block("mystery-block", props, type_name="MysteryBlock")], categories=categories)
    assert 'class="pb-block pb-unknown' in html
    assert 'data-component="mystery-block"' in html
    assert "MysteryBlock" in html
    assert "mystery-block" in html
    assert "dark" not in html


@pytest.mark.parametrize(("categories", "classes"), [({}, "pb-generic"), ({"mystery-block": "widgets"}, "pb-widgets")])
def test_an_unknown_component_with_content_is_drawn_by_the_generic_renderer(categories, classes):
    html = render([block("mystery-block", {"title": "Shown"}, type_name="MysteryBlock")], categories=categories)
    assert f'class="pb-block {classes}' in html
    assert "pb-unknown" not in html.split("</style>")[1]
    assert "<h2>Shown</h2>" in html


@pytest.mark.parametrize("payload", [None, 42, "x", [], {}, {"blocks": "nope"}, {"blocks": [None, 1, "x", []]}])
def test_a_malformed_payload_renders_an_empty_page(payload):
    html = render_page(payload, css="", media={}, categories={}, title="Empty")
    assert "<main>" in html
    assert "pb-block" not in html.split("</style>")[1]


def test_lang_and_title_are_sanitised():
    html = render([], lang='en"><script>', title="<b>Home</b>")
    assert '<html lang="en">' in html
    assert "<title>&lt;b&gt;Home&lt;/b&gt;</title>" in html
    assert '<html lang="pt-BR">' in render([], lang="pt-BR")


# The service over the database -------------------------------------------------------------------------------


def own_media(website) -> dict:
    return {record.cdn_url: None for record in MediaRecord.objects.filter(website=website)}


@pytest.mark.django_db
def test_preview_html_uses_the_stored_style_guide_css(crumb):
    WebsiteStyleGuide.objects.create(website=crumb, tailwind_css=":root{--color-primary:#0b5f3a}", theme_config={})
    payload = generate(crumb, "a home page for the whole website", "home").result["design_payload"]
    html = preview_html(crumb, payload)
    assert ":root{--color-primary:#0b5f3a}" in html
    assert_safe(html, media=own_media(crumb))


@pytest.mark.django_db
def test_preview_html_falls_back_to_the_computed_theme(crumb):
    payload = generate(crumb, "a home page for the whole website", "home").result["design_payload"]
    html = preview_html(crumb, payload)
    computed = compile_css(effective_theme(build_context(crumb)))
    assert computed.strip() in html
    assert "--color-primary:" in computed
    assert f"<title>{html_escape(crumb.name)}</title>" in html


@pytest.mark.django_db
def test_preview_html_shows_only_the_websites_own_active_media(crumb, bakery):
    MediaRecord.objects.create(
        website=crumb, media_type="image", cdn_url="https://cdn.example.com/crumb/own.jpg", width=1600, height=900
    )
    MediaRecord.objects.create(
        website=crumb,
        media_type="image",
        cdn_url="https://cdn.example.com/crumb/archived.jpg",
        width=1600,
        height=900,
        status="archived",
    )
    MediaRecord.objects.create(
        website=bakery, media_type="image", cdn_url="https://cdn.example.com/other/x.jpg", width=1600, height=900
    )
    images = [
        {"src": url, "alt": url.rsplit("/", 1)[1]}
        for url in (
            "https://cdn.example.com/crumb/own.jpg",
            "https://cdn.example.com/crumb/archived.jpg",
            "https://cdn.example.com/other/x.jpg",
        )
    ]
    payload = {"blocks": [block("gallery-masonry", {"title": "Ours", "images": images})]}
    html = preview_html(crumb, payload)
    assert [image["src"] for image in Tags(html).named("img")] == ["https://cdn.example.com/crumb/own.jpg"]
    assert 'width="1600" height="900"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("site", ["crumbandco", "brightside"])
def test_every_generated_page_previews_within_budget(demo_sites, site):
    website = demo_sites[site]
    sizes = {}
    for playbook in PLAYBOOKS:
        payload = generate(website, playbook.page_type, playbook.slugs[0], context=FACTS).result["design_payload"]
        html = preview_html(website, payload)
        sizes[playbook.page_type] = len(html.encode())
        assert "pb-block pb-unknown" not in html, playbook.page_type
        assert "pb-generic" not in html.split("</style>")[1], playbook.page_type  # demo blocks keep their templates
        assert html.count("<h1") == 1
        assert html.count(BLOCK_CSS) == 1
        for entry in payload["blocks"]:
            assert f'id="{entry["_id"]}" class="pb-block pb-{CATEGORY_OF[entry["_component"]]}' in html
        parsed = assert_safe(html, media=own_media(website))
        images = parsed.named("img")
        assert all(image["width"] and image["height"] for image in images)
        assert sum(1 for image in images if image.get("fetchpriority") == "high") <= 1
        assert all(image.get("loading") == "lazy" for image in images[1:] if "fetchpriority" not in image)
    print(f"{site}: preview bytes per page type {sizes}")
    assert max(sizes.values()) <= PAGE_BUDGET, sizes
