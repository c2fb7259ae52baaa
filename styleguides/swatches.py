"""A theme's semantic colour pairs as swatches with their WCAG contrast ratio: what the builder's style page and
the admin's preview both show, computed once."""

import math

from styleguides.color import contrast_ratio, is_color

PAIRS = (
    ("primary", "primary-foreground"),
    ("secondary", "secondary-foreground"),
    ("accent", "accent-foreground"),
    ("destructive", "destructive-foreground"),
    ("muted", "muted-foreground"),
    ("background", "foreground"),
)


def swatches(semantic: dict) -> list[dict]:
    """``{name, fill, text, ratio}`` for each pair the semantic colours hold (both values set)."""
    found = []
    for fill, text in PAIRS:
        background, foreground = semantic.get(fill), semantic.get(text)
        if isinstance(background, str) and isinstance(foreground, str) and background and foreground:
            found.append({"name": fill, "fill": background, "text": foreground, "ratio": ratio(foreground, background)})
    return found


def ratio(foreground: str, background: str) -> float | None:
    """The contrast ratio cut (not rounded) to one decimal, so a shown 4.5 really passes 4.5; None unless both
    are opaque #rgb/#rrggbb (a colour with alpha has no single ratio)."""
    if not (is_color(foreground) and is_color(background)):
        return None
    return math.floor(contrast_ratio(foreground, background) * 10) / 10
