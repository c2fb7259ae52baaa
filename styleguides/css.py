"""Browser-ready CSS from a theme_config: the design tokens as custom properties named like Tailwind v4's theme
variables (``--color-primary-500``, ``--text-lg``, ``--radius-md`` …), so utilities compiled against those
names pick them up, plus a few base styles and a reduced-motion block.

The top-level keys are the original plan's (colors, typography, spacing, borderRadius, shadows, plus motion).
Older versions wrote the radii under ``radius``: ``current_keys`` reads such a row's old key as the new one
(LEGACY_KEYS), so the CSS is the same whichever name a row uses; the variables stay ``--radius-*`` either way.

The renderer pastes the result into a <style> element on live sites and a theme_config can be PATCHed by API
callers, so only known token names are written and every value must match a narrow pattern for its kind;
anything else is left out and reported. The base styles sit in ``@layer base`` so that utility classes (layered
or not) win over them; the custom properties stay unlayered so they override a site's own Tailwind theme.
"""

import itertools
import math
import re
from dataclasses import dataclass, field
from typing import NamedTuple

__all__ = [
    "GROUPS",
    "LEGACY_KEYS",
    "CompiledCss",
    "as_text",
    "compile_css",
    "compile_css_report",
    "current_keys",
    "shown",
]

HEADER = "/* Website style guide: compiled from theme_config; edit the theme, not this CSS. */"

# The names written are fixed here rather than taken from the generator: they are the compiler's whitelist.
STEPS = ("50", "100", "200", "300", "400", "500", "600", "700", "800", "900", "950")
SCALES = ("primary", "secondary", "accent", "neutral")
SEMANTIC = (
    "background", "foreground", "muted", "muted-foreground", "border", "ring", "primary", "primary-foreground",
    "secondary", "secondary-foreground", "accent", "accent-foreground", "destructive", "destructive-foreground",
)  # fmt: skip
SPACING_KEY = re.compile(r"\d{1,3}")
MAX_VALUE_LENGTH = 300  # the longest real value is a font stack of ~90 characters; this bounds regex work
MAX_NUMBER = 10**15  # beyond this no token is meaningful, and a 400-digit int would overflow float formatting

_NUM = r"-?(?:\d+\.?\d*|\.\d+)"
_COLOR_FN = r"(?:rgba?|hsla?|oklch|oklab)\([0-9 .,/%-]+\)"
_SHADOW_PART = rf"(?:inset|none|transparent|{_NUM}(?:px|rem|em)?|#[0-9a-fA-F]{{3,8}}|{_COLOR_FN})"
_FAMILY = r"""(?:"[A-Za-z0-9 -]+"|'[A-Za-z0-9 -]+'|-?[A-Za-z][A-Za-z0-9 -]*)"""

COLOR = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
LENGTH = re.compile(r"\d+(?:\.\d+)?(?:rem|px|em|%)|0")
LINE_HEIGHT = re.compile(r"\d+(?:\.\d+)?(?:rem|px|em|%)?")
WEIGHT = re.compile(r"[1-9]\d{0,2}|1000")
DURATION = re.compile(r"\d+(?:\.\d+)?m?s")
EASING = re.compile(rf"linear|ease(?:-in|-out|-in-out)?|cubic-bezier\(\s*{_NUM}(?:\s*,\s*{_NUM}){{3}}\s*\)")
FONT_STACK = re.compile(rf"{_FAMILY}(?:\s*,\s*{_FAMILY})*")
SHADOW = re.compile(rf"{_SHADOW_PART}(?:(?:\s+|\s*,\s*){_SHADOW_PART})*")


class Group(NamedTuple):
    path: tuple[str, ...]  # where the tokens sit in theme_config
    prefix: str  # the custom property prefix, after "--"
    names: tuple[str, ...] | None  # the keys written, in order; None for spacing's numeric keys
    pattern: re.Pattern
    kind: str  # what a value must be, for the skipped report


GROUPS = (
    *(Group(("colors", scale), f"color-{scale}-", STEPS, COLOR, "a #hex colour") for scale in SCALES),
    Group(("colors", "semantic"), "color-", SEMANTIC, COLOR, "a #hex colour"),
    Group(("typography", "fonts"), "font-", ("sans", "serif", "mono", "heading"), FONT_STACK, "a plain font stack"),
    Group(("typography", "scale"), "text-", ("xs", "sm", "base", "lg", "xl", "2xl", "3xl", "4xl", "5xl"), LENGTH,
          "a length"),
    Group(("typography", "weights"), "font-weight-", ("normal", "medium", "semibold", "bold"), WEIGHT,
          "a weight from 1 to 1000"),
    Group(("typography", "line_heights"), "leading-", ("tight", "snug", "normal", "relaxed"), LINE_HEIGHT,
          "a number or length"),
    Group(("spacing",), "spacing-", None, LENGTH, "a length"),
    Group(("borderRadius",), "radius-", ("none", "sm", "md", "lg", "xl", "full"), LENGTH, "a length"),
    Group(("shadows",), "shadow-", ("sm", "md", "lg", "xl"), SHADOW, "a plain box-shadow"),
    Group(("motion", "duration"), "duration-", ("fast", "normal", "slow"), DURATION, "a duration in ms or s"),
    Group(("motion", "easing"), "ease-", ("standard", "emphasized"), EASING, "a keyword or cubic-bezier()"),
)  # fmt: skip

# Old top-level key -> the plan's name for it. Rows written by older versions (or by Rails from their answers)
# still hold the old one; readers take it as the new one, and every save stores only the new one.
LEGACY_KEYS = {"radius": "borderRadius"}

FOCUS_RING = "outline:2px solid var(--color-ring);outline-offset:2px"
TRANSITION = ",".join(
    f"{prop} var(--duration-fast) var(--ease-standard)" for prop in ("background-color", "color", "box-shadow")
)
REDUCED_MOTION = (
    "@media (prefers-reduced-motion:reduce){*,::before,::after{animation-duration:.01ms!important;"
    "animation-iteration-count:1!important;transition-duration:.01ms!important;scroll-behavior:auto!important}}"
)


@dataclass(frozen=True)
class CompiledCss:
    css: str
    skipped: list[str] = field(default_factory=list)  # "path: why", one per value left out


def compile_css(theme_config: dict) -> str:
    return compile_css_report(theme_config).css


def compile_css_report(theme_config: dict) -> CompiledCss:
    """The CSS and what was left out of it. Missing groups are skipped quietly (a partial theme is fine);
    values that fail their pattern, unknown keys and malformed groups are reported."""
    skipped: list[str] = []
    if not isinstance(theme_config, dict):
        skipped.append("theme_config: expected an object; only the base styles were written")
        theme_config = {}
    theme_config = current_keys(theme_config)
    tokens: dict[str, str] = {}
    for group in GROUPS:
        tokens.update(_group_tokens(theme_config, group, skipped))
    root = ":root{\n" + "".join(f"--{name}:{value};\n" for name, value in tokens.items()) + "}" if tokens else ""
    parts = (HEADER, root, _base_styles(_button_hover(tokens)), REDUCED_MOTION)
    return CompiledCss(css="\n".join(part for part in parts if part) + "\n", skipped=skipped)


def _group_tokens(theme_config: dict, group: Group, skipped: list[str]) -> dict[str, str]:
    where = ".".join(group.path)
    values = theme_config
    for key in group.path:
        values = values.get(key) if isinstance(values, dict) else None
    if values is None:
        return {}
    if not isinstance(values, dict):
        skipped.append(f"{where}: expected an object of tokens, got {type(values).__name__}")
        return {}
    names = group.names or _spacing_keys(values)
    skipped.extend(f"{where}.{shown(key)}: not a token this CSS has" for key in values if key not in names)
    tokens = {}
    for name in names:
        if name not in values:
            continue
        text = as_text(values[name])
        if text is not None and group.pattern.fullmatch(text):
            tokens[group.prefix + name] = text
        else:
            skipped.append(f"{where}.{name}: {shown(values[name])} is not {group.kind}")
    return tokens


def current_keys(theme: object) -> object:
    """``theme`` with each old top-level key (LEGACY_KEYS) under its current name, in the same place. Where the
    current name is present too, it wins and the old key is dropped. Anything that is not an object, or holds
    no old key, comes back as it is; the input is never modified."""
    if not isinstance(theme, dict) or not any(old in theme for old in LEGACY_KEYS):
        return theme
    return {
        LEGACY_KEYS.get(key, key): value
        for key, value in theme.items()
        if not (key in LEGACY_KEYS and LEGACY_KEYS[key] in theme)
    }


def _spacing_keys(values: dict) -> list[str]:
    return sorted((key for key in values if isinstance(key, str) and SPACING_KEY.fullmatch(key)), key=int)


def as_text(value: object) -> str | None:
    """A token value as the text the CSS would hold: strings stripped, numbers formatted; None for anything
    else, for text longer than MAX_VALUE_LENGTH and for numbers no token can mean (huge, NaN, infinite)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return f"{value:g}" if -MAX_NUMBER < value < MAX_NUMBER else None  # compared, never converted
    if isinstance(value, float):
        return f"{value:g}" if math.isfinite(value) and abs(value) < MAX_NUMBER else None
    return value.strip() if isinstance(value, str) and len(value) <= MAX_VALUE_LENGTH else None


def shown(value: object) -> str:
    """A short, safe description of any JSON value for messages: never repr() of a container (a deeply
    nested one would raise RecursionError) nor of a huge int (str() refuses over 4,300 digits)."""
    if isinstance(value, str):
        text = repr(value[:60])
        return text if len(value) <= 60 else text[:-1] + "...'"
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return repr(value) if -MAX_NUMBER < value < MAX_NUMBER else "a very large number"
    if isinstance(value, dict):
        return "an object"
    return "a list" if isinstance(value, list | tuple) else f"a {type(value).__name__}"


def _button_hover(tokens: dict[str, str]) -> str:
    """The step below the primary fill on its own scale when the fill is one of the steps (the generator puts
    the brand colour on the scale); otherwise the fill mixed towards black by the same small amount."""
    fill = tokens.get("color-primary", "").lower()
    for step, darker in itertools.pairwise(STEPS):
        if fill and tokens.get(f"color-primary-{step}", "").lower() == fill and f"color-primary-{darker}" in tokens:
            return f"var(--color-primary-{darker})"
    return "color-mix(in oklab,var(--color-primary) 85%,#000)"


def _base_styles(button_hover: str) -> str:
    rules = (
        "body{background-color:var(--color-background);color:var(--color-foreground);font-family:var(--font-sans);"
        "font-size:var(--text-base);line-height:var(--leading-normal)}",
        "h1,h2,h3,h4{font-family:var(--font-heading);font-weight:var(--font-weight-semibold);"
        "line-height:var(--leading-tight)}",
        "h1{font-size:var(--text-4xl);font-weight:var(--font-weight-bold)}",
        "h2{font-size:var(--text-3xl);font-weight:var(--font-weight-bold)}",
        "h3{font-size:var(--text-2xl)}",
        "h4{font-size:var(--text-xl)}",
        "a{color:var(--color-primary);text-underline-offset:.2em}",
        f"a:focus-visible,button:focus-visible,.btn:focus-visible{{{FOCUS_RING}}}",
        "button,.btn{background-color:var(--color-primary);color:var(--color-primary-foreground);border:0;"
        "border-radius:var(--radius-md);padding:var(--spacing-2) var(--spacing-4);font:inherit;"
        f"font-weight:var(--font-weight-semibold);text-decoration:none;cursor:pointer;transition:{TRANSITION}}}",
        f"button:hover,.btn:hover{{background-color:{button_hover}}}",
    )
    return "@layer base{\n" + "\n".join(rules) + "\n}"
