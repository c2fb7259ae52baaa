"""A block's ``_styles`` as an inline style of CSS custom properties, from whitelisted keys whose values match a
narrow pattern each (hex colours, plain lengths, plain font stacks). Anything else is dropped: the values come
from a payload, and a value like ``red;background:url(javascript:…)`` must never reach a style attribute."""

import re

COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
LENGTH = re.compile(r"(?:\d{1,4}(?:\.\d{1,4})?|\.\d{1,4})(?:rem|px|em|%)|0")
_FAMILY = r"""(?:"[A-Za-z0-9 -]{1,60}"|'[A-Za-z0-9 -]{1,60}'|[A-Za-z0-9-][A-Za-z0-9 -]{0,60})"""
FONT_STACK = re.compile(rf"{_FAMILY}(?:\s*,\s*{_FAMILY}){{0,15}}")
MAX_VALUE = 300

# _styles key -> (custom property, pattern); the block CSS reads the properties with the style guide as fallback.
STYLE_KEYS = {
    "backgroundColor": ("--pb-bg", COLOR),
    "textColor": ("--pb-fg", COLOR),
    "mutedTextColor": ("--pb-muted", COLOR),
    "accentColor": ("--pb-accent", COLOR),
    "accentTextColor": ("--pb-on-accent", COLOR),
    "borderColor": ("--pb-border", COLOR),
    "borderRadius": ("--pb-radius", LENGTH),
    "paddingBlock": ("--pb-pad", LENGTH),
    "fontFamily": ("--pb-font", FONT_STACK),
    "headingFontFamily": ("--pb-heading-font", FONT_STACK),
}
SURFACES = frozenset({"background", "muted", "primary", "secondary", "accent"})


def style_attribute(styles: object) -> str:
    """``--pb-bg:#fff;--pb-fg:#111;…`` from the values that pass; "" when none does."""
    if not isinstance(styles, dict):
        return ""
    declarations = []
    for key, (prop, pattern) in STYLE_KEYS.items():
        value = styles.get(key)
        if isinstance(value, str) and len(value) <= MAX_VALUE:
            value = value.strip()
            if pattern.fullmatch(value):
                declarations.append(f"{prop}:{value}")
    return ";".join(declarations)


def surface(styles: object) -> str:
    """The surface keyword (background, muted, primary …) if it is one we know; else ""."""
    value = styles.get("surface") if isinstance(styles, dict) else None
    return value if isinstance(value, str) and value in SURFACES else ""
