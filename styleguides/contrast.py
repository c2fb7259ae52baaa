"""WCAG 2.2 contrast for a theme's semantic colours: the pairs that must pass, enforcement by moving OKLCH
lightness (hue kept), and the report a style guide carries."""

from typing import NamedTuple

from styleguides.color import contrast_ratio, fit_lightness, hex_oklch, meets

FILLS = ("primary", "secondary", "accent", "destructive")
WHITE = "#ffffff"
NEAR_BLACK = "#0a0a0a"  # used for text on fills when the theme's own neutral 950 is not dark enough


class Pair(NamedTuple):
    fg: str
    bg: str
    required: float
    kind: str

    @property
    def label(self) -> str:
        return f"{self.fg} on {self.bg}"


PAIRS = (
    Pair("foreground", "background", 4.5, "text"),
    Pair("muted-foreground", "background", 4.5, "text"),
    Pair("muted-foreground", "muted", 4.5, "text"),
    *(Pair(f"{fill}-foreground", fill, 4.5, "text") for fill in FILLS),
    Pair("primary", "background", 3.0, "large-text"),  # links and large headings are drawn in primary
    Pair("border", "background", 3.0, "ui"),
    Pair("ring", "background", 3.0, "ui"),
)


class Note(NamedTuple):
    color: str  # the semantic colour that changed, so generation can tell the caller's colours from its own
    text: str


def best_text(fill: str, near_black: str) -> str:
    return max((WHITE, near_black), key=lambda text: contrast_ratio(text, fill))


def _ratio_text(ratio: float) -> str:
    """Rounded down, so a ratio shown as met is met."""
    return f"{int(ratio * 100) / 100:.2f}:1"


def _failing(semantic: dict, pairs) -> list[str]:
    found = [(pair, contrast_ratio(semantic[pair.fg], semantic[pair.bg])) for pair in pairs]
    return [f"{pair.label} was {_ratio_text(ratio)}" for pair, ratio in found if ratio < pair.required]


def _now(semantic: dict, pairs) -> str:
    return ", ".join(f"{p.label} {_ratio_text(contrast_ratio(semantic[p.fg], semantic[p.bg]))}" for p in pairs)


def _pairs_of(name: str) -> list[Pair]:
    return [pair for pair in PAIRS if name in (pair.fg, pair.bg)]


def _minimums(semantic: dict, name: str, pairs) -> list[tuple[str, float]]:
    return [(semantic[pair.bg if pair.fg == name else pair.fg], pair.required) for pair in pairs]


def _moved(old: str, new: str) -> str:
    return "darkened" if hex_oklch(new)[0] < hex_oklch(old)[0] else "lightened"


def _fit_colour(semantic: dict, name: str, notes: list[Note]) -> bool:
    """Move one colour's lightness until every pair it is in passes; False when no lightness can."""
    pairs = _pairs_of(name)
    failing = _failing(semantic, pairs)
    if not failing:
        return True
    fitted = fit_lightness(semantic[name], _minimums(semantic, name, pairs))
    if fitted is None:
        return False
    old, semantic[name] = semantic[name], fitted
    notes.append(
        Note(name, f"{' and '.join(failing)}; {_moved(old, fitted)} {name} to {fitted} ({_now(semantic, pairs)})")
    )
    return True


def _fit_fill(semantic: dict, name: str, near_black: str, notes: list[Note]) -> None:
    """Text on a fill: keep the fill and switch to white or near-black text, whichever reads better; when
    neither reaches the minimum, move the fill's lightness the least that makes one of them do so."""
    text, pairs = f"{name}-foreground", _pairs_of(name)
    failing = _failing(semantic, pairs)
    if not failing:
        return
    others = [pair for pair in pairs if pair.fg != text]
    texts = sorted((WHITE, near_black), key=lambda colour: -contrast_ratio(colour, semantic[name]))
    if meets(semantic[name], [(texts[0], 4.5), *_minimums(semantic, name, others)]):
        semantic[text] = texts[0]
        notes.append(Note(text, f"{' and '.join(failing)}; changed {text} to {texts[0]} ({_now(semantic, pairs)})"))
        return
    options = [(fit_lightness(semantic[name], [(c, 4.5), *_minimums(semantic, name, others)]), c) for c in texts]
    start = hex_oklch(semantic[name])[0]
    fitted, chosen = min(((f, c) for f, c in options if f), key=lambda option: abs(hex_oklch(option[0])[0] - start))
    old, semantic[name], semantic[text] = semantic[name], fitted, chosen
    action = f"{_moved(old, fitted)} {name} to {fitted}" + (f" with {text} {chosen}" if chosen != texts[0] else "")
    notes.append(Note(name, f"{' and '.join(failing)}; {action} ({_now(semantic, pairs)})"))


def enforce_contrast(semantic: dict, near_black: str) -> tuple[dict, list[Note]]:
    """Make every pair in PAIRS pass, the background kept as it is; returns the colours and what changed."""
    semantic, notes = dict(semantic), []
    for name in ("foreground", "border", "ring"):
        _fit_colour(semantic, name, notes)  # a single minimum against one colour: black or white always meets it
    if not _fit_colour(semantic, "muted-foreground", notes):
        # Boxed in by a light background and a dark muted surface (or the reverse): make them agree.
        notes.append(Note("muted", f"muted {semantic['muted']} left no readable muted-foreground; used the background"))
        semantic["muted"] = semantic["background"]
        _fit_colour(semantic, "muted-foreground", notes)
    for fill in FILLS:
        _fit_fill(semantic, fill, near_black, notes)
    return semantic, notes


def contrast_report(semantic: dict) -> list[dict]:
    report = []
    for pair in PAIRS:
        ratio = contrast_ratio(semantic[pair.fg], semantic[pair.bg])
        report.append({
            "pair": pair.label, "foreground": semantic[pair.fg], "background": semantic[pair.bg],
            "ratio": round(ratio, 2), "required": pair.required, "kind": pair.kind, "passes": ratio >= pair.required,
        })  # fmt: skip
    return report
