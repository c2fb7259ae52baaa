"""The design payload the platform's renderer draws (DESIGN.md, "Design payload").

``_type`` is the renderer's block name (the contract's ``x-block-name``, else derived from the import path);
``_styles`` carries concrete values from the website's style guide tokens (surface and text colours that pass
the theme's contrast checks, accent, radius, fonts, vertical rhythm), alternating calm surfaces between
sections and giving closing calls to action the primary colour. A site without a usable style guide gets the
algorithmic theme its brand colours and industry imply, computed on the fly and not stored.

``_styles`` values end up in style attributes on live sites, so they are built only from a theme that passed
``readable_theme`` and filtered once more by ``clean_styles``: each key has its pattern (the CSS compiler's),
anything else is dropped. ``clean_payload_styles`` applies the same filter to a whole payload; page storage
(pagebuilder.pages) calls it on every payload it writes.
"""

import hashlib

from django.utils import timezone

from pagebuilder.context import WebsiteContext
from pagebuilder.preview.styles import SURFACES
from registry.models import AiSemanticComponent
from registry.selectors import block_name
from styleguides import css
from styleguides.theme import ThemeInputs, generate_theme, repair_theme, theme_inputs
from styleguides.theme_validation import readable_theme
from websites.errors import AppError

PAYLOAD_VERSION = "1.0"
MAX_BLOCKS = 2000  # blocks (children included) whose styles are cleaned; a real page has a dozen or two

# _styles key -> the pattern its value must match; a key not listed here is dropped.
STYLE_PATTERNS = {
    **dict.fromkeys(
        ("backgroundColor", "textColor", "mutedTextColor", "accentColor", "accentTextColor", "borderColor"),
        css.COLOR,
    ),
    "borderRadius": css.LENGTH,
    "paddingBlock": css.LENGTH,
    "fontFamily": css.FONT_STACK,
    "headingFontFamily": css.FONT_STACK,
}


def effective_theme(context: WebsiteContext) -> dict:
    """The website's readable theme when it has colours, with what could not be read filled in the way the
    generator would (so a page keeps its text colours); else the theme its brand implies."""
    theme, problems = readable_theme(context.theme)  # build_context read it already; another context may not
    if theme.get("colors"):
        unreadable = problems or context.theme_problems
        return repair_theme(theme, inputs=_brand_inputs(context)).theme_config if unreadable else theme
    return generate_theme(_brand_inputs(context)).theme_config


def _brand_inputs(context: WebsiteContext) -> ThemeInputs:
    brand = context.brand
    try:
        return theme_inputs(
            brand_primary=brand.primary_color or None,
            brand_secondary=brand.secondary_color or None,
            industry=None if brand.is_default else brand.industry,
        )
    except AppError:  # a malformed brand colour: fall back to the industry's palette
        return theme_inputs(industry=None if brand.is_default else brand.industry)


def _tokens(theme: dict, *path: str) -> dict:
    """The object at ``path``, or {} wherever something else sits."""
    for key in path:
        theme = theme.get(key) if isinstance(theme, dict) else None
    return theme if isinstance(theme, dict) else {}


def block_styles(theme: dict, semantic_type: str, index: int) -> dict:
    semantic = _tokens(theme, "colors", "semantic")
    fonts, spacing = _tokens(theme, "typography", "fonts"), _tokens(theme, "spacing")
    radius = _tokens(theme, "borderRadius")  # readers get it under this name whatever the row says (readable_theme)
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
    return clean_styles(styles)


def clean_styles(styles: object) -> dict:
    """The entries of a block's ``_styles`` whose key is known and whose value matches that key's pattern
    (surface: one of the preview's surface keywords), as plain text; everything else is dropped."""
    if not isinstance(styles, dict):
        return {}
    clean = {}
    for key, value in styles.items():
        if key == "surface":
            if isinstance(value, str) and value in SURFACES:
                clean[key] = value
            continue
        pattern, text = STYLE_PATTERNS.get(key), css.as_text(value)
        if pattern is not None and text and pattern.fullmatch(text):
            clean[key] = text
    return clean


def clean_payload_styles(payload: object) -> object:
    """``payload`` with the ``_styles`` of every block (children included) passed through ``clean_styles``;
    new dicts along the way, the input is not modified. Anything that is not a payload comes back as it is."""
    if not isinstance(payload, dict) or not isinstance(payload.get("blocks"), list):
        return payload
    payload = {**payload, "blocks": list(payload["blocks"])}
    pending, seen = [payload["blocks"]], 0  # lists of blocks still to clean, walked without recursion
    while pending and seen < MAX_BLOCKS:
        blocks = pending.pop()
        for position, block in enumerate(blocks):
            seen += 1
            if not isinstance(block, dict):
                continue
            block = blocks[position] = {**block}
            if "_styles" in block:
                block["_styles"] = clean_styles(block["_styles"])
            if isinstance(block.get("_children"), list):
                block["_children"] = list(block["_children"])
                pending.append(block["_children"])
    return payload


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
