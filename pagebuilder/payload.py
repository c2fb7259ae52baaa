"""The design payload the platform's renderer draws (DESIGN.md, "Design payload").

``_type`` is the renderer's block name (the contract's ``x-block-name``, else derived from the import path);
``_styles`` carries concrete values from the website's style guide tokens (surface and text colours that pass
the theme's contrast checks, accent, radius, fonts, vertical rhythm), alternating calm surfaces between
sections and giving closing calls to action the primary colour. A site without a style guide gets the
algorithmic theme its brand colours and industry imply, computed on the fly and not stored.
"""

import hashlib

from django.utils import timezone

from pagebuilder.context import WebsiteContext
from registry.models import AiSemanticComponent
from registry.selectors import block_name
from styleguides.theme import generate_theme, theme_inputs
from websites.errors import AppError

PAYLOAD_VERSION = "1.0"


def effective_theme(context: WebsiteContext) -> dict:
    if context.theme.get("colors"):
        return context.theme
    brand = context.brand
    try:
        inputs = theme_inputs(
            brand_primary=brand.primary_color or None,
            brand_secondary=brand.secondary_color or None,
            industry=None if brand.is_default else brand.industry,
        )
    except AppError:  # a malformed brand colour: fall back to the industry's palette
        inputs = theme_inputs(industry=None if brand.is_default else brand.industry)
    return generate_theme(inputs).theme_config


def block_styles(theme: dict, semantic_type: str, index: int) -> dict:
    semantic = (theme.get("colors") or {}).get("semantic") or {}
    fonts = (theme.get("typography") or {}).get("fonts") or {}
    radius = theme.get("radius") or {}
    spacing = theme.get("spacing") or {}
    if semantic_type == "cta":
        surface, background, foreground = "primary", semantic.get("primary"), semantic.get("primary-foreground")
    elif index % 2 == 1:
        surface, background, foreground = "muted", semantic.get("muted"), semantic.get("foreground")
    else:
        surface, background, foreground = "background", semantic.get("background"), semantic.get("foreground")
    styles = {
        "surface": surface,
        "backgroundColor": background,
        "textColor": foreground,
        "mutedTextColor": semantic.get("muted-foreground"),
        "accentColor": semantic.get("primary"),
        "accentTextColor": semantic.get("primary-foreground"),
        "borderColor": semantic.get("border"),
        "borderRadius": radius.get("md"),
        "fontFamily": fonts.get("sans"),
        "headingFontFamily": fonts.get("heading") or fonts.get("sans"),
        "paddingBlock": spacing.get("24") if semantic_type == "hero" else spacing.get("16"),
    }
    return {key: value for key, value in styles.items() if value}


def block_id(slug: str, index: int, component_id: str) -> str:
    digest = hashlib.sha256(f"{slug}:{index}:{component_id}".encode()).hexdigest()[:8]
    return f"blk_{digest}"


def design_payload(
    *,
    sections: list[tuple[str, AiSemanticComponent, dict]],
    theme: dict,
    slug: str,
    task_id: str | None,
    provider: str,
    intent: str,
) -> dict:
    """``sections`` are (semantic type, component, validated props) in page order."""
    blocks = [
        {
            "_id": block_id(slug, index, component.component_id),
            "_type": block_name(component),
            "_name": semantic_type,
            "_component": component.component_id,
            "_props": props,
            "_styles": block_styles(theme, semantic_type, index),
            "_children": [],
        }
        for index, (semantic_type, component, props) in enumerate(sections)
    ]
    return {
        "version": PAYLOAD_VERSION,
        "blocks": blocks,
        "meta": {
            "task_id": task_id,
            "provider": provider,
            "generated_at": timezone.now().isoformat(),
            "intent": intent,
        },
    }
