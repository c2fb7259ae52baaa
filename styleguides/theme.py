"""Themes for generated pages: colour scales, semantic colours whose contrast is guaranteed, and the other
design tokens, from a request's colour preferences, the brand guide's colours, or industry and mood defaults.

Contrast is enforced, not hoped for: every pair in PAIRS meets its WCAG 2.2 minimum, reached by moving the
offending colour's OKLCH lightness (hue kept). ``repair_theme`` runs the same enforcement over a theme someone
else designed (Claude), so a page never ships unreadable text whoever chose its colours.
"""

import copy
import itertools
from dataclasses import dataclass, field

from styleguides.color import (
    hex_oklch,
    is_color,
    oklch_hex,
    parse_color,
    relative_luminance,
    to_hex,
)
from styleguides.contrast import FILLS, NEAR_BLACK, WHITE, best_text, contrast_report, enforce_contrast
from styleguides.theme_defaults import (
    DESTRUCTIVE,
    MOOD_STYLES,
    MOODS,
    NEUTRAL_LIGHTNESS,
    NEUTRAL_MAX_CHROMA,
    SCALE_STEPS,
    STEP_CHROMA,
    STEP_LIGHTNESS,
    MoodStyle,
    border_radius,
    industry_defaults,
    motion,
    shadows,
    spacing,
    typography,
)
from styleguides.theme_validation import plain_label, readable_theme
from websites.errors import InvalidInput

__all__ = ["MOODS", "SCALE_STEPS", "ThemeInputs", "ThemeResult", "generate_theme", "repair_theme", "theme_inputs"]

SCALES = ("primary", "secondary", "accent", "neutral")
PALE_LIGHTNESS = 0.985


SEMANTIC_KEYS = (
    "background", "foreground", "muted", "muted-foreground", "border", "ring",
    *(key for fill in FILLS for key in (fill, f"{fill}-foreground")),
)  # fmt: skip


@dataclass(frozen=True)
class ThemeInputs:
    """What a theme is built from; colours are hex strings."""

    industry: str | None = None
    mood: str | None = None
    primary: str | None = None
    secondary: str | None = None
    accent: str | None = None


@dataclass
class ThemeResult:
    theme_config: dict
    contrast_report: list[dict]
    repairs: list[str] = field(default_factory=list)


def _colour(value: str, source: str | None = None) -> str:
    try:
        return to_hex(parse_color(value))
    except ValueError as exc:
        raise InvalidInput(f"{source}: {exc}" if source else str(exc)) from None


def _mood(mood: str | None) -> str | None:
    if mood is None or not mood.strip():
        return None
    if mood.strip().lower() not in MOODS:
        raise InvalidInput(f"Unknown mood {mood!r}; use one of: {', '.join(MOODS)}.")
    return mood.strip().lower()


def theme_inputs(
    *,
    brand_primary: str | None = None,
    brand_secondary: str | None = None,
    color_preferences: list[str] | None = None,
    industry: str | None = None,
    mood: str | None = None,
) -> ThemeInputs:
    """Validated inputs. Slot by slot, a request's colour preferences (primary, secondary, accent in that order)
    win over the brand guide's colours; slots left empty are derived from the primary, itself an industry
    default when nothing names one. A brand colour a preference overrides is not checked: it is not used."""
    preferences = list(color_preferences or [])
    if len(preferences) > 3:
        raise InvalidInput(
            f"color_preferences takes at most 3 colours (primary, secondary, accent), not {len(preferences)}."
        )
    preferred = [_colour(value) for value in preferences]
    brand = {"primary": brand_primary, "secondary": brand_secondary}
    chosen = {}
    for index, slot in enumerate(("primary", "secondary", "accent")):
        if index < len(preferred):
            chosen[slot] = preferred[index]
        elif isinstance(brand.get(slot), str) and brand[slot].strip():
            chosen[slot] = _colour(brand[slot], f"The brand guide's {slot} colour")
    return ThemeInputs(industry=(industry or "").strip() or None, mood=_mood(mood), **chosen)


def _derive(primary: str, turn: float, chroma_share: float) -> str:
    """A companion colour: the primary's hue turned, lightness kept in the range where fills work."""
    lightness, chroma, hue = hex_oklch(primary)
    return oklch_hex((min(0.75, max(0.3, lightness)), chroma * chroma_share, (hue + turn) % 360))


def build_scale(base: str, anchor: str | None = None) -> dict[str, str]:
    """Eleven steps, 50 lightest to 950 darkest. ``base`` itself becomes the step nearest its lightness (or
    ``anchor``); the default lightness curve is stretched around it, so the steps stay ordered and evenly
    spaced even for a near-white or near-black brand colour."""
    lightness, chroma, hue = hex_oklch(base)
    anchor = anchor or min(SCALE_STEPS, key=lambda step: abs(STEP_LIGHTNESS[step] - lightness))
    if anchor == "50" and lightness < PALE_LIGHTNESS:
        anchor = "100"  # 50 is for page tints: a saturated colour there would leave the scale without one
    at = STEP_LIGHTNESS[anchor]
    scale = {}
    for step in SCALE_STEPS:
        default = STEP_LIGHTNESS[step]
        stretch = (1 - lightness) / (1 - at) if default > at else lightness / at
        step_chroma = chroma * min(1.0, STEP_CHROMA[step] / STEP_CHROMA[anchor])
        scale[step] = oklch_hex((lightness + (default - at) * stretch, step_chroma, hue))
    scale[anchor] = to_hex(parse_color(base))
    return scale


def build_neutral(primary: str) -> dict[str, str]:
    """Greys faintly tinted with the primary's hue."""
    _, chroma, hue = hex_oklch(primary)
    tint = min(NEUTRAL_MAX_CHROMA, chroma * 0.1)
    return {step: oklch_hex((NEUTRAL_LIGHTNESS[step], tint, hue)) for step in SCALE_STEPS}


def _near_black(neutral: dict[str, str]) -> str:
    dark = neutral.get("950")
    return dark if is_color(dark) and relative_luminance(parse_color(dark)) < 0.02 else NEAR_BLACK


def draft_semantic(scales: dict, fills: dict[str, str], style: MoodStyle) -> dict[str, str]:
    """Starting points for the semantic colours, before contrast is enforced."""
    neutral, near_black = scales["neutral"], _near_black(scales["neutral"])
    fills = {**fills, "destructive": DESTRUCTIVE}
    return {
        "background": neutral["50"] if style.tinted_background else WHITE,
        "foreground": neutral["950"],
        "muted": neutral["100"],
        "muted-foreground": neutral["500"],
        "border": neutral["400"],
        "ring": scales["primary"]["500"],
        **{key: value for fill in FILLS for key, value in _fill_pair(fills[fill], fill, near_black).items()},
    }


def _fill_pair(fill: str, name: str, near_black: str) -> dict[str, str]:
    return {name: fill, f"{name}-foreground": best_text(fill, near_black)}


def _plan(inputs: ThemeInputs) -> tuple[str, str, dict[str, str]]:
    """(mood, industry label, base colours) with every gap filled by a default."""
    label, default_primary, default_mood = industry_defaults(inputs.industry)
    mood = _mood(inputs.mood) or default_mood
    style = MOOD_STYLES[mood]
    primary = _colour(inputs.primary) if inputs.primary else default_primary
    bases = {
        "primary": primary,
        "secondary": _colour(inputs.secondary) if inputs.secondary else _derive(primary, style.secondary_turn, 0.75),
        "accent": _colour(inputs.accent) if inputs.accent else _derive(primary, style.accent_turn, 1.0),
    }
    return mood, label, bases


def _tokens(mood: str, neutral: dict[str, str]) -> dict:
    style = MOOD_STYLES[mood]
    tint = tuple(round(c * 255) for c in parse_color(neutral["900"]))
    return {
        "typography": typography(style),
        "spacing": spacing(),
        "borderRadius": border_radius(style),
        "shadows": shadows(style, tint),
        "motion": motion(style),
    }


def generate_theme(inputs: ThemeInputs) -> ThemeResult:
    """A complete theme_config. ``repairs`` says how the caller's own colours had to move to meet contrast."""
    mood, label, bases = _plan(inputs)
    scales = {name: build_scale(bases[name]) for name in ("primary", "secondary", "accent")}
    scales["neutral"] = build_neutral(bases["primary"])
    draft = draft_semantic(scales, bases, MOOD_STYLES[mood])
    semantic, notes = enforce_contrast(draft, _near_black(scales["neutral"]))
    theme = {
        "version": 1,
        "mood": mood,
        "industry": plain_label(label),  # free input: only plain text is stored
        "colors": {**scales, "semantic": semantic},
        **_tokens(mood, scales["neutral"]),
    }
    given = {name for name in ("primary", "secondary", "accent") if getattr(inputs, name)}
    return ThemeResult(theme, contrast_report(semantic), [note.text for note in notes if note.color in given])


def repair_theme(theme_config: dict, *, inputs: ThemeInputs) -> ThemeResult:
    """Check a theme someone else produced (values match the CSS compiler's patterns, colours parse, scales
    complete and ordered, contrast met) and mend what falls short with the generator's own algorithm; ``repairs``
    says, in sentences, what changed. Values the validator refuses and unknown keys are dropped first, so the
    gaps they leave are filled from the theme these inputs would generate. A valid theme comes back unchanged."""
    if not isinstance(theme_config, dict):
        raise InvalidInput("A theme_config must be a JSON object.")
    reference = generate_theme(inputs).theme_config
    theme, dropped = readable_theme(theme_config)
    repairs = [f"{problem} (dropped)" for problem in dropped]
    for key in ("version", "mood", "industry"):
        theme.setdefault(key, reference[key])  # bookkeeping, not design: filled without comment
    if not isinstance(theme.get("colors"), dict):
        repairs.append("colors were missing; regenerated from the inputs")
        theme["colors"] = copy.deepcopy(reference["colors"])
    colors = theme["colors"]
    semantic = colors.get("semantic") if isinstance(colors.get("semantic"), dict) else None
    for name in SCALES:
        seed = semantic.get(name) if semantic and name != "neutral" and is_color(semantic.get(name)) else None
        colors[name] = _repair_scale(name, colors.get(name), seed, reference["colors"][name], repairs)
    colors["semantic"] = _repair_semantic(colors, semantic, MOOD_STYLES[reference["mood"]], repairs)
    for section in ("typography", "spacing", "borderRadius", "shadows", "motion"):
        _fill_missing(theme, reference, section, repairs)
    return ThemeResult(theme, contrast_report(colors["semantic"]), repairs)


def _descending(scale: dict) -> bool:
    lightness = [hex_oklch(scale[step])[0] for step in SCALE_STEPS]
    return all(lighter > darker for lighter, darker in itertools.pairwise(lightness))


def _repair_scale(name: str, scale: object, seed: str | None, reference: dict, repairs: list[str]) -> dict:
    """Missing or unreadable steps come from a scale regenerated around the given 500 (else the semantic
    colour of the same name, else the reference); a scale out of order is regenerated whole."""
    if not isinstance(scale, dict):
        repairs.append(f"{name} scale was missing; regenerated")
        return build_scale(seed) if seed else dict(reference)
    bad = [step for step in SCALE_STEPS if not is_color(scale.get(step))]
    if bad:
        anchor = "500" not in bad
        fresh = build_scale(scale["500"], "500") if anchor else build_scale(seed) if seed else reference
        for step in bad:
            problem = "was missing" if scale.get(step) is None else f"was {scale[step]!r}, not a colour"
            repairs.append(f"{name} scale step {step} {problem}; regenerated")
            scale[step] = fresh[step]
    if not _descending(scale):
        repairs.append(f"{name} scale did not run from lightest (50) to darkest (950); regenerated")
        scale.update(build_scale(scale["500"]))
    return {**{step: scale[step] for step in SCALE_STEPS}, **scale}  # steps in order, any extra keys kept after


def _repair_semantic(colors: dict, semantic: dict | None, style: MoodStyle, repairs: list[str]) -> dict:
    if semantic is None:
        repairs.append("semantic colours were missing; derived from the scales")
        semantic = {}
    fills = {name: semantic.get(name) if is_color(semantic.get(name)) else colors[name]["500"] for name in FILLS[:3]}
    draft = draft_semantic(colors, fills, style)
    for key in SEMANTIC_KEYS:
        if not is_color(semantic.get(key)):
            if semantic:  # one note for a wholly missing set is enough
                problem = "was missing" if semantic.get(key) is None else f"was {semantic[key]!r}, not a colour"
                repairs.append(f"{key} {problem}; used {draft[key]}")
            semantic[key] = draft[key]
    fixed, notes = enforce_contrast(semantic, _near_black(colors["neutral"]))
    repairs.extend(note.text for note in notes)
    return fixed


def _fill_missing(theme: dict, reference: dict, key: str, repairs: list[str], path: str = "") -> None:
    """Copy what the reference has and ``theme`` lacks, naming each gap; values present passed
    ``readable_theme`` already."""
    where = f"{path}{key}"
    if theme.get(key) is None or (isinstance(reference[key], dict) and not isinstance(theme[key], dict)):
        theme[key] = copy.deepcopy(reference[key])
        used = "the defaults" if isinstance(theme[key], dict) else repr(theme[key])
        repairs.append(f"{where} was missing; used {used}")
        return
    if isinstance(reference[key], dict):
        for child in reference[key]:
            _fill_missing(theme[key], reference[key], child, repairs, f"{where}.")
