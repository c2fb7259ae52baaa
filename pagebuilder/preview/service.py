"""The preview of a design payload for one website: gathers what ``render_page`` needs from the database (the
style guide CSS, the active media library with sizes, the registry categories of the payload's components).

The blocks' ``_styles`` are derived again from the website's current style guide, so a regenerated style guide
shows in every preview at once; the stored payloads keep the values they were saved with. The theme is read
through ``readable_theme``: values no reader can use are left out (and logged), never a failed preview.
"""

import copy
import logging

from pagebuilder.context import build_context
from pagebuilder.payload import block_styles, effective_theme
from pagebuilder.preview import render_page
from pagebuilder.preview.props import records, text
from registry.selectors import components_by_ids
from styleguides.css import compile_css
from styleguides.models import WebsiteStyleGuide
from websites.models import MediaRecord, Website

MAX_MEDIA = 2000
logger = logging.getLogger(__name__)


def website_css(website: Website) -> str:
    """The stored style guide CSS, else the CSS of the theme a generation would use (computed, not stored)."""
    guide = WebsiteStyleGuide.objects.filter(website=website).only("tailwind_css").first()
    css = (guide.tailwind_css or "").strip() if guide else ""
    return css or compile_css(effective_theme(build_context(website)))


def website_theme(website: Website) -> dict:
    """The theme a generation would use now: the stored one as far as it is usable, gaps filled by the
    generator (build_context logs what it left out)."""
    return effective_theme(build_context(website))


def restyled(payload: object, theme: dict) -> object:
    """The payload with every block's ``_styles`` derived from ``theme`` by its position and semantic type."""
    if not isinstance(payload, dict) or not isinstance(payload.get("blocks"), list):
        return payload
    payload = copy.copy(payload)
    blocks = []
    for index, block in enumerate(payload["blocks"]):
        if isinstance(block, dict):
            block = {**block, "_styles": block_styles(theme, str(block.get("_name") or ""), index)}
        blocks.append(block)
    payload["blocks"] = blocks
    return payload


def website_media(website: Website) -> dict[str, tuple[int | None, int | None]]:
    """The website's active media: URL → (width, height)."""
    rows = (
        MediaRecord.objects.filter(website=website, status="active")
        .order_by("-created_at", "-id")
        .values_list("cdn_url", "width", "height")[:MAX_MEDIA]
    )
    return {url: (width, height) for url, width, height in rows if url}


def block_categories(payload: object) -> dict[str, str]:
    """component_id → registry category for the payload's components."""
    blocks = payload.get("blocks") if isinstance(payload, dict) else None
    ids = {found for block in records(blocks, 200) if (found := text(block.get("_component"), 120))}
    if not ids:
        return {}
    return {component_id: row.category for component_id, row in components_by_ids(sorted(ids)).items()}


def preview_html(website: Website, payload: dict, *, title: str | None = None, lang: str = "en") -> str:
    """The payload as a standalone HTML document for ``website``; serve it with ``preview_csp(media)``."""
    return render_page(
        restyled(payload, website_theme(website)),
        css=website_css(website),
        media=website_media(website),
        categories=block_categories(payload),
        title=website.name if title is None else title,
        lang=lang,
        site_name=website.name,
    )
