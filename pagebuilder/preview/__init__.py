"""The builder's preview renderer: a design payload drawn as one standalone, script-free HTML5 document.
``render_page``'s docstring says how blocks are drawn and what keeps the document safe.
"""

import logging
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from pagebuilder.preview import generic
from pagebuilder.preview.blocks import BUILDERS, CATEGORIES
from pagebuilder.preview.css import BLOCK_CSS
from pagebuilder.preview.props import Media, PageImages, Reader, records, text
from pagebuilder.preview.styles import style_attribute, surface

__all__ = ["CATEGORIES", "PREVIEW_CSP", "preview_csp", "render_page"]

logger = logging.getLogger(__name__)

PREVIEW_CSP = (
    "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; font-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)

MAX_BLOCKS = 100
WRAPPERS = {"navbar": "header", "footer": "footer", "banner": "aside"}
LEADING = frozenset({"navbar", "banner"})  # drawn before <main> when they open the page
NOT_LEADING_IMAGES = frozenset({"navbar", "footer", "logos"})  # their images are logos, never the LCP
_BLOCK_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
_CATEGORY = re.compile(r"[a-z][a-z0-9-]{0,47}")
NOT_CATEGORIES = frozenset({"unknown", "generic"})  # names of our own templates, not of a registry category
_LANG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}")
_BLANK_LINES = re.compile(r"\s*\n\s*")


def preview_csp(media_urls: Iterable[str] = ()) -> str:
    """``PREVIEW_CSP`` with the https origins of the given media URLs added to img-src and media-src (media on a
    CDN); site paths need nothing more than 'self'."""
    origins = []
    for url in media_urls:
        if isinstance(url, str) and url.startswith("https://"):
            parts = urlsplit(url)
            origin = f"https://{parts.netloc}"
            if re.fullmatch(r"https://[A-Za-z0-9.-]+(?::\d{1,5})?", origin) and origin not in origins:
                origins.append(origin)
    if not origins:
        return PREVIEW_CSP
    extra = " " + " ".join(origins)
    return PREVIEW_CSP.replace("img-src 'self' data:", "img-src 'self' data:" + extra).replace(
        "media-src 'self'", "media-src 'self'" + extra
    )


def render_page(
    payload: dict,
    *,
    css: str,
    media: dict[str, tuple[int | None, int | None]],
    categories: dict[str, str],
    title: str = "",
    lang: str = "en",
    site_name: str = "",
) -> str:
    """The payload's blocks as a standalone HTML5 document with one inline <style> (style guide CSS, then ours).

    Pure (no database): the caller passes the style guide CSS, the media the page may use (URL → (width, height)),
    each component's registry category (else the block's ``_name``) and the site's name (a navbar without a logo
    shows it). A block is drawn by its category's template (``templates/preview/blocks/``) when that view draws
    all that ``generic.covers`` finds, else by ``generic.html``; a block with nothing drawable by ``unknown.html``.

    Safety: all text goes through Django's autoescaping (nothing from a payload is marked safe), links keep only
    site paths, #anchors, http(s), mailto: and tel:, media only the website's own URLs and our /static/ files, and
    ``_styles`` only whitelisted keys with strict values. Serve it with ``PREVIEW_CSP`` (``preview_csp(media)``
    for media on a CDN), which forbids every script.
    """
    media = {url: size for url, size in media.items() if isinstance(url, str)} if isinstance(media, dict) else {}
    categories, page = categories if isinstance(categories, dict) else {}, PageImages()
    blocks = payload.get("blocks") if isinstance(payload, dict) else None
    views, used_ids, h1_given = [], set(), False
    for index, block in enumerate(records(blocks, MAX_BLOCKS)):
        view = _block_view(block, index, media=media, categories=categories, page=page, used_ids=used_ids)
        if _is_hero(view["category"]) and not h1_given and view["view"].get("title"):
            view["hl"], h1_given = 1, True
        views.append(_named_navbar(view, site_name))
    head, tail = [], []
    while views and views[0]["category"] in LEADING:
        head.append(views.pop(0))
    while views and views[-1]["category"] == "footer":
        tail.insert(0, views.pop())
    page_title = text(title, 120)
    html = render_to_string(
        "preview/page.html",
        {
            "lang": lang if isinstance(lang, str) and _LANG.fullmatch(lang) else "en",
            "title": page_title or "Preview",
            "sr_title": "" if h1_given else page_title,
            "csp": preview_csp(media).replace("; frame-ancestors 'self'", ""),  # ignored in <meta>
            "css": mark_safe(_style_text(css) + "\n" + BLOCK_CSS),  # noqa: S308 - our CSS and the gated guide CSS
            "head_blocks": head,
            "main_blocks": views,
            "tail_blocks": tail,
        },
    )
    return _BLANK_LINES.sub("\n", html)


def _named_navbar(view: dict, site_name: str) -> dict:
    """A navbar without a logo or brand text names the site: the navbar view's ``brand`` (its template would say
    "Home"), the generic bar's ``title`` (it would show nothing)."""
    shown = view["view"]
    if view["category"] == "navbar" and isinstance(shown, dict) and not shown.get("logo"):
        key = "title" if shown.get("bar") else "brand"
        shown[key] = shown.get(key) or text(site_name, 80)
    return view


def _style_text(css: object) -> str:
    """The style guide CSS, which passed the CSS safety gate. "<" has no place in compiled CSS outside strings, so
    it is written as the CSS escape ``\\3c `` (the same character inside a string): nothing can close <style>."""
    if not isinstance(css, str):
        return ""
    return css.replace("<", "\\3c ")


def _is_hero(category: str) -> bool:
    return category == "hero" or category.endswith("-hero")


def _category(block: dict, component: str, categories: dict) -> str:
    """The component's registry category, else the block's ``_name`` (the section type it was made for); "" when
    neither is a plain category name."""
    found = categories.get(component) if component else None
    if not isinstance(found, str) or not found:
        found = block.get("_name")
    found = text(found, 48)
    return found if _CATEGORY.fullmatch(found) and found not in NOT_CATEGORIES else ""


def _choose_view(props: dict, category: str, component: str, reader: Reader) -> tuple[str, dict | None]:
    """(template name, view): the category's own template when it draws everything the generic reading finds (a
    block of our demo registry); else the generic one; ("unknown", None) when nothing can be drawn."""
    try:
        found, notes = generic.build(props, reader, bar=category == "navbar")
    except Exception:  # a preview must never fail on odd props
        logger.exception("preview: the generic view of %r failed", component)
        found, notes = None, None
    found = found if found is not None and generic.has_content(found) else None
    builder = BUILDERS.get(category)
    if builder is not None:
        try:
            view = builder(props, reader)
        except Exception:  # the generic view or the placeholder stands in
            logger.exception("preview: the %s view of %r failed", category, component)
            view = None
        if view is not None and (found is None or generic.covers(view, found, notes)):
            return category, view
    return ("generic", found) if found is not None else ("unknown", None)


def _block_view(
    block: dict, index: int, *, media: Media, categories: dict, page: PageImages, used_ids: set[str]
) -> dict:
    component = text(block.get("_component"), 120)
    category = _category(block, component, categories)
    props = block.get("_props") if isinstance(block.get("_props"), dict) else {}
    reader = Reader(
        media=media,
        page=page,
        hero=_is_hero(category),
        block_index=index,
        may_lead=category not in NOT_LEADING_IMAGES,
    )
    template, view = _choose_view(props, category, component, reader)
    if view is None:
        category = ""
        view = {
            "title": "",
            "component": component or "unknown component",
            "type": text(block.get("_type"), 80),
            "name": text(block.get("_name"), 40),
        }
    block_id = block.get("_id")
    if not (isinstance(block_id, str) and _BLOCK_ID.fullmatch(block_id)) or block_id in used_ids:
        block_id = f"pb-block-{index + 1}"
    used_ids.add(block_id)
    return {
        "id": block_id,
        "category": category or template,
        "component": component,
        "tag": WRAPPERS.get(category, "section"),
        "classes": _classes(block.get("_styles"), category, template, view),
        "style": style_attribute(block.get("_styles")),
        "template": f"preview/blocks/{template}.html",
        "view": view,
        "hl": 2,
    }


def _classes(styles: object, category: str, template: str, view: dict) -> str:
    classes = ["pb-block", f"pb-{category or template}"]
    if template == "generic" and category:
        classes.append("pb-generic")
    if found := surface(styles):
        classes.append(f"pb-on-{found}")
    if view.get("layout") == "cover":
        classes.append("pb-cover")
    if view.get("image"):
        classes.append("pb-has-image")
    return " ".join(classes)
