"""Colour maths for style guides: hex parsing, sRGB <-> OKLCH, WCAG contrast, and lightness fitting.

Themes are built in OKLCH because equal steps of its lightness look equal (scales come out even) and moving
only lightness keeps a brand's hue recognisable while contrast is being met. Contrast is always measured on
the ``#rrggbb`` that will ship, never on unrounded floats, so a ratio reported as met is met on the page.
"""

import math
import re
from collections.abc import Iterable, Sequence

RGB = tuple[float, float, float]
LCH = tuple[float, float, float]

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_LIGHTNESS_STEP = 0.005  # about one 8-bit level in mid tones: fine enough to land close to a contrast threshold
_GAMUT_EPSILON = 1e-7  # float noise on exact round trips must not count as out of gamut


def parse_color(value: str) -> RGB:
    """sRGB channels in 0..1 from ``#rgb`` or ``#rrggbb`` (any case); anything else is refused with a message
    a person can act on."""
    text = value.strip() if isinstance(value, str) else ""
    if not _HEX.fullmatch(text):
        raise ValueError(f"{value} is not a colour; use #rgb or #rrggbb, for example #c2410c.")
    digits = text[1:] if len(text) == 7 else "".join(c * 2 for c in text[1:])
    return (int(digits[0:2], 16) / 255, int(digits[2:4], 16) / 255, int(digits[4:6], 16) / 255)


def to_hex(rgb: Sequence[float]) -> str:
    """Lowercase ``#rrggbb``; channels outside 0..1 are clipped."""
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02x}" for c in rgb)


def is_color(value: object) -> bool:
    """Whether ``parse_color`` accepts ``value``."""
    return isinstance(value, str) and _HEX.fullmatch(value.strip()) is not None


def _to_linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _to_gamma(c: float) -> float:
    return 12.92 * c if c <= 0.0031308 else 1.055 * max(c, 0.0) ** (1 / 2.4) - 0.055


def srgb_to_oklch(rgb: Sequence[float]) -> LCH:
    """OKLCH (L 0..1, C >= 0, H in degrees) of an sRGB colour (Björn Ottosson's OKLab matrices)."""
    r, g, b = (_to_linear(c) for c in rgb)
    l_ = math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b)
    m_ = math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b)
    s_ = math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b)
    lightness = 0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_
    a = 1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_
    b_ = 0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_
    return (lightness, math.hypot(a, b_), math.degrees(math.atan2(b_, a)) % 360)


def _oklch_to_linear(lch: LCH) -> RGB:
    lightness, chroma, hue = lch
    a, b = chroma * math.cos(math.radians(hue)), chroma * math.sin(math.radians(hue))
    l_ = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3
    m_ = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3
    s_ = (lightness - 0.0894841775 * a - 1.2914855480 * b) ** 3
    return (
        4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
        -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
        -0.0041960863 * l_ - 0.7034186147 * m_ + 1.7076147010 * s_,
    )


def _in_gamut(linear: RGB) -> bool:
    return all(-_GAMUT_EPSILON <= c <= 1 + _GAMUT_EPSILON for c in linear)


def oklch_to_srgb(lch: Sequence[float]) -> RGB:
    """sRGB 0..1 of an OKLCH colour. Out of gamut, chroma is reduced (lightness and hue kept) until it fits:
    clipping channels instead would shift the hue and lightness we chose for contrast."""
    lightness, chroma, hue = min(1.0, max(0.0, lch[0])), max(0.0, lch[1]), lch[2]
    linear = _oklch_to_linear((lightness, chroma, hue))
    if not _in_gamut(linear):
        low, high = 0.0, chroma
        for _ in range(24):
            middle = (low + high) / 2
            low, high = (middle, high) if _in_gamut(_oklch_to_linear((lightness, middle, hue))) else (low, middle)
        linear = _oklch_to_linear((lightness, low, hue))
    return tuple(min(1.0, max(0.0, _to_gamma(min(1.0, max(0.0, c))))) for c in linear)


def oklch_hex(lch: Sequence[float]) -> str:
    return to_hex(oklch_to_srgb(lch))


def hex_oklch(value: str) -> LCH:
    return srgb_to_oklch(parse_color(value))


def relative_luminance(rgb: Sequence[float]) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""
    r, g, b = (_to_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a_hex: str, b_hex: str) -> float:
    """WCAG 2.x contrast ratio, 1..21, whichever colour is lighter."""
    high, low = sorted((relative_luminance(parse_color(a_hex)), relative_luminance(parse_color(b_hex))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def meets(color: str, minimums: Iterable[tuple[str, float]]) -> bool:
    """Whether ``color`` reaches each (other colour, minimum ratio)."""
    return all(contrast_ratio(color, other) >= minimum for other, minimum in minimums)


def _lightness_candidates(start: float) -> list[float]:
    """Every lightness on a fine grid, nearest to ``start`` first; the ends (black, white) are always in."""
    steps = round(1 / _LIGHTNESS_STEP)
    values = {min(1.0, max(0.0, start + k * _LIGHTNESS_STEP)) for k in range(-steps, steps + 1)}
    return sorted(values, key=lambda value: (abs(value - start), value))


def fit_lightness(color: str, minimums: Sequence[tuple[str, float]]) -> str | None:
    """The colour nearest ``color`` in OKLCH lightness, same hue (chroma reduced only to stay in gamut), that
    meets every minimum ratio; None when no lightness can."""
    lightness, chroma, hue = hex_oklch(color)
    for candidate in _lightness_candidates(lightness):
        fitted = oklch_hex((candidate, chroma, hue))
        if meets(fitted, minimums):
            return fitted
    return None
