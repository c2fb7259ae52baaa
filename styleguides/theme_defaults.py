"""The tables behind generated themes: moods, industry defaults, scale shapes, and the non-colour tokens
(type, spacing, radius, shadows, motion) a mood implies.

Font stacks name only fonts already on visitors' machines: a generated page must render at once, with no
font download and no third-party request.
"""

import re
from dataclasses import dataclass

SCALE_STEPS = ("50", "100", "200", "300", "400", "500", "600", "700", "800", "900", "950")

# OKLCH lightness of each step for a typical brand scale; a brand colour replaces the step nearest its own
# lightness and the others are stretched around it (styleguides.theme.build_scale).
STEP_LIGHTNESS = dict(zip(SCALE_STEPS, (0.975, 0.94, 0.88, 0.8, 0.71, 0.62, 0.54, 0.47, 0.4, 0.33, 0.25), strict=True))
# Share of the brand's chroma each step keeps: pale and deep ends are quieter than the middle.
STEP_CHROMA = dict(zip(SCALE_STEPS, (0.3, 0.45, 0.65, 0.85, 0.95, 1.0, 1.0, 0.95, 0.85, 0.75, 0.6), strict=True))
# Neutrals follow a fixed curve (Tailwind's neutral) so text and surfaces read the same whatever the brand.
NEUTRAL_LIGHTNESS = dict(
    zip(SCALE_STEPS, (0.985, 0.97, 0.922, 0.87, 0.708, 0.556, 0.439, 0.371, 0.269, 0.205, 0.145), strict=True)
)
NEUTRAL_MAX_CHROMA = 0.012  # enough to warm or cool greys towards the brand, too little to read as a colour
DESTRUCTIVE = "#dc2626"

SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
SERIF = 'ui-serif, Charter, "Bitstream Charter", Cambria, Georgia, "Times New Roman", serif'
MONO = 'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace'
ROUNDED = 'ui-rounded, "SF Pro Rounded", "Arial Rounded MT Bold", "Varela Round", system-ui, sans-serif'
DIDONE = 'Didot, "Bodoni 72", "Bodoni MT", "Noto Serif Display", ui-serif, Georgia, serif'
OLDSTYLE = '"Iowan Old Style", "Palatino Linotype", Palatino, "URW Palladio L", P052, Georgia, serif'
GEOMETRIC = 'Avenir, "Avenir Next", Montserrat, Corbel, "URW Gothic", system-ui, sans-serif'
HUMANIST = 'Seravek, "Gill Sans Nova", Ubuntu, Calibri, "DejaVu Sans", system-ui, sans-serif'

STANDARD_EASING = "cubic-bezier(0.2, 0, 0, 1)"


@dataclass(frozen=True)
class MoodStyle:
    radius: float  # the md radius in rem; the other radii are multiples of it
    shadow_blur: float  # multiplier on the base blur: soft moods spread light, crisp ones keep edges
    shadow_alpha: float
    heading: str
    type_ratio: float  # modular scale ratio between type sizes
    durations: tuple[int, int, int]  # fast, normal, slow in ms
    emphasized: str
    secondary_turn: float  # hue rotations (degrees) that derive secondary and accent from the primary
    accent_turn: float
    tinted_background: bool  # a faintly brand-tinted page instead of pure white


MOOD_STYLES = {
    "professional": MoodStyle(
        radius=0.375, shadow_blur=1.0, shadow_alpha=0.1, heading=SANS, type_ratio=1.2,
        durations=(120, 200, 300), emphasized="cubic-bezier(0.3, 0, 0, 1)", secondary_turn=-30, accent_turn=180,
        tinted_background=False,
    ),
    "playful": MoodStyle(
        radius=1.0, shadow_blur=1.8, shadow_alpha=0.08, heading=ROUNDED, type_ratio=1.25,
        durations=(150, 280, 450), emphasized="cubic-bezier(0.34, 1.56, 0.64, 1)", secondary_turn=60, accent_turn=150,
        tinted_background=True,
    ),
    "elegant": MoodStyle(
        radius=0.125, shadow_blur=1.6, shadow_alpha=0.06, heading=DIDONE, type_ratio=1.25,
        durations=(200, 320, 500), emphasized="cubic-bezier(0.22, 1, 0.36, 1)", secondary_turn=20, accent_turn=40,
        tinted_background=True,
    ),
    "bold": MoodStyle(
        radius=0.25, shadow_blur=0.6, shadow_alpha=0.2, heading=GEOMETRIC, type_ratio=1.333,
        durations=(100, 180, 280), emphasized="cubic-bezier(0.2, 0, 0, 1.2)", secondary_turn=-40, accent_turn=180,
        tinted_background=False,
    ),
    "calm": MoodStyle(
        radius=0.75, shadow_blur=1.5, shadow_alpha=0.07, heading=HUMANIST, type_ratio=1.2,
        durations=(200, 350, 550), emphasized="cubic-bezier(0.25, 0.1, 0.25, 1)", secondary_turn=-30, accent_turn=60,
        tinted_background=True,
    ),
    "minimal": MoodStyle(
        radius=0.25, shadow_blur=0.8, shadow_alpha=0.06, heading=SANS, type_ratio=1.2,
        durations=(100, 150, 250), emphasized="cubic-bezier(0.4, 0, 0.2, 1)", secondary_turn=0, accent_turn=180,
        tinted_background=False,
    ),
    "warm": MoodStyle(
        radius=0.625, shadow_blur=1.4, shadow_alpha=0.09, heading=OLDSTYLE, type_ratio=1.25,
        durations=(150, 250, 400), emphasized="cubic-bezier(0.3, 0, 0.1, 1)", secondary_turn=30, accent_turn=160,
        tinted_background=True,
    ),
}  # fmt: skip
MOODS = tuple(MOOD_STYLES)

# industry -> (primary colour, mood). The colours are mid-dark on purpose: white text reads on them as they are.
INDUSTRIES = {
    "bakery": ("#b45309", "warm"),
    "cafe": ("#78350f", "warm"),
    "restaurant": ("#b91c1c", "warm"),
    "dental": ("#0e7490", "calm"),
    "medical": ("#1d4ed8", "professional"),
    "legal": ("#1e3a8a", "professional"),
    "finance": ("#065f46", "professional"),
    "fitness": ("#c2410c", "bold"),
    "beauty": ("#be185d", "elegant"),
    "construction": ("#a16207", "bold"),
    "technology": ("#4f46e5", "minimal"),
    "education": ("#0369a1", "playful"),
    "real estate": ("#0f766e", "elegant"),
    "nonprofit": ("#15803d", "warm"),
}
ALIASES = {
    "bakeries": "bakery", "bakers": "bakery", "patisserie": "bakery", "coffee": "cafe", "café": "cafe",
    "bistro": "restaurant", "catering": "restaurant", "dentist": "dental", "orthodontics": "dental",
    "clinic": "medical", "doctor": "medical", "healthcare": "medical", "health": "medical", "law": "legal",
    "lawyer": "legal", "attorney": "legal", "accounting": "finance", "bank": "finance", "insurance": "finance",
    "gym": "fitness", "salon": "beauty", "spa": "beauty", "cosmetics": "beauty", "builder": "construction",
    "contractor": "construction", "roofing": "construction", "plumbing": "construction", "software": "technology",
    "tech": "technology", "saas": "technology", "school": "education", "tutoring": "education",
    "realtor": "real estate", "property": "real estate", "charity": "nonprofit",
}  # fmt: skip
NEUTRAL_DEFAULT = ("#2563eb", "professional")  # an industry we do not know gets a plain, trustworthy blue


def industry_defaults(industry: str | None) -> tuple[str, str, str]:
    """(label, primary colour, mood) for an industry, matched on whole words ("Artisan bakery" is a bakery);
    an unknown industry keeps its own label with the neutral default."""
    if not industry or not industry.strip():
        return ("general", *NEUTRAL_DEFAULT)
    label = re.sub(r"[\s_-]+", " ", industry.strip().lower())
    padded = f" {label} "
    for key in (*INDUSTRIES, *ALIASES):
        if f" {key} " in padded:
            canonical = ALIASES.get(key, key)
            return (canonical, *INDUSTRIES[canonical])
    return (label, *NEUTRAL_DEFAULT)


def _number(value: float) -> str:
    return f"{round(value, 3):g}"


def _rem(value: float) -> str:
    return f"{_number(value)}rem" if value else "0"


TYPE_POWERS = {"xs": -2, "sm": -1, "base": 0, "lg": 1, "xl": 2, "2xl": 3, "3xl": 4, "4xl": 5, "5xl": 6}
WEIGHTS = {"normal": 400, "medium": 500, "semibold": 600, "bold": 700}
LINE_HEIGHTS = {"tight": "1.25", "snug": "1.375", "normal": "1.5", "relaxed": "1.625"}
SPACING_UNITS = ("0", "1", "2", "3", "4", "6", "8", "12", "16", "24")  # multiples of 0.25rem, as in Tailwind
SHADOW_LEVELS = {"sm": (1, 2, 0), "md": (4, 6, -1), "lg": (10, 15, -3), "xl": (20, 25, -5)}  # y, blur, spread in px


def typography(style: MoodStyle) -> dict:
    return {
        "fonts": {"sans": SANS, "serif": SERIF, "mono": MONO, "heading": style.heading},
        "scale": {name: _rem(style.type_ratio**power) for name, power in TYPE_POWERS.items()},
        "weights": dict(WEIGHTS),
        "line_heights": dict(LINE_HEIGHTS),
    }


def spacing() -> dict:
    return {unit: _rem(int(unit) * 0.25) for unit in SPACING_UNITS}


def border_radius(style: MoodStyle) -> dict:
    sizes = {"sm": 0.5, "md": 1.0, "lg": 1.5, "xl": 2.0}
    return {"none": "0", **{name: _rem(style.radius * factor) for name, factor in sizes.items()}, "full": "9999px"}


def shadows(style: MoodStyle, tint: tuple[int, int, int]) -> dict:
    """Box shadows in the neutral hue (a grey-black shadow looks dirty on a tinted page)."""
    r, g, b = tint
    return {
        name: f"0 {y}px {_number(blur * style.shadow_blur)}px {spread}px rgb({r} {g} {b} / {style.shadow_alpha})"
        for name, (y, blur, spread) in SHADOW_LEVELS.items()
    }


def motion(style: MoodStyle) -> dict:
    fast, normal, slow = style.durations
    return {
        "duration": {"fast": f"{fast}ms", "normal": f"{normal}ms", "slow": f"{slow}ms"},
        "easing": {"standard": STANDARD_EASING, "emphasized": style.emphasized},
        "reduced_motion": "respect",
    }
