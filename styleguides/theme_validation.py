"""What a theme_config may hold, checked with the CSS compiler's own patterns (``styleguides.css.GROUPS``) so a
value the validator accepts is exactly a value the compiler would write.

``theme_problems``/``validate_theme`` check a whole theme on every write (PATCH, generation, admin) and refuse it
with InvalidInput naming each path; ``check_patch`` bounds a merge patch's depth and size before it is merged;
``readable_theme`` is for readers of rows written by anyone (Rails, older versions): it keeps what is valid,
drops the rest and says what it dropped, and its result always passes ``validate_theme``.
"""

import json
import re

from styleguides.css import GROUPS, LEGACY_KEYS, SPACING_KEY, Group, as_text, current_keys, shown
from websites.errors import InvalidInput

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "check_patch",
    "current_patch",
    "nesting_depth",
    "plain_label",
    "readable_theme",
    "theme_problems",
    "validate_theme",
]

MAX_DEPTH = 8  # a real theme is 3 deep (colors.semantic.foreground)
MAX_BYTES = 65536  # a generated theme is about 4 KB
MAX_GROUP_TOKENS = 64  # spacing is the only open group; 64 steps is far more than any scale uses
MAX_PROBLEMS = 50  # problems collected (and put in details); the message shows the first few
SHOWN_PROBLEMS = 3
META = "metadata"  # marks a key whose value is a short plain value, not a token group
METADATA = {(): ("version", "mood", "industry"), ("motion",): ("reduced_motion",)}
PLAIN = re.compile(r"[\w .,&'()/+-]{0,100}")  # unicode letters and digits, spaces, a little punctuation
PLAIN_HELP = "a number or short plain text (letters, digits, spaces and . , & ' ( ) / + -; at most 100 characters)"
ALLOWED = {  # what each GROUPS kind means, for messages; the patterns themselves stay in styleguides.css
    "a #hex colour": "#rgb, #rgba, #rrggbb or #rrggbbaa",
    "a plain font stack": "font names of letters, digits, spaces and hyphens, optionally quoted, comma-separated",
    "a length": "a number with rem, px, em or %, or 0",
    "a weight from 1 to 1000": "an integer from 1 to 1000",
    "a number or length": "a number, optionally with rem, px, em or %",
    "a plain box-shadow": "lengths, #hex or rgb()/hsl()/oklch() colours, inset, none",
    "a duration in ms or s": "for example 150ms or 0.2s",
    "a keyword or cubic-bezier()": "linear, ease, ease-in, ease-out, ease-in-out or cubic-bezier(a, b, c, d)",
}


def _layout() -> dict[tuple[str, ...], dict[str, object]]:
    """container path -> {key: Group, META or "container"}, built from the compiler's groups."""
    layout: dict[tuple[str, ...], dict[str, object]] = {}
    for group in GROUPS:
        for depth, key in enumerate(group.path):
            layout.setdefault(group.path[:depth], {})[key] = group if depth == len(group.path) - 1 else "container"
    for path, keys in METADATA.items():
        layout.setdefault(path, {}).update(dict.fromkeys(keys, META))
    return layout


LAYOUT = _layout()


class Problems:
    """(path, problem) pairs, at most MAX_PROBLEMS kept: a theme with a million bad keys costs one walk."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, path: str, problem: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append((path or "theme_config", problem))

    def lines(self) -> list[str]:
        return [f"{path}: {problem}" for path, problem in self.items]


def _join(path: str, key: object) -> str:
    """A key as messages show it: plain short keys as they are, anything else quoted and cut short."""
    name = key if isinstance(key, str) and re.fullmatch(r"[\w-]{1,40}", key) else shown(key)
    return f"{path}.{name}" if path else name


def nesting_depth(value: object, limit: int) -> int:
    """How deeply objects and lists nest in ``value`` (a scalar is 0), counted without recursion and given up
    as soon as ``limit`` is passed (then limit + 1 is returned): a patch nested 100,000 deep costs nothing."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list | tuple) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            return limit + 1
        stack.extend((child, depth + 1) for child in children)
    return deepest


def _size_problem(value: object) -> str | None:
    """Why ``value`` is too deep or too large to keep, or None; depth first, so serialising it is safe."""
    if nesting_depth(value, MAX_DEPTH) > MAX_DEPTH:
        return f"nested deeper than {MAX_DEPTH} levels"
    try:
        size = len(json.dumps(value, ensure_ascii=False).encode())
    except (TypeError, ValueError):  # not JSON, or an int too long to write out
        return "not plain JSON (or a number too long to store)"
    return f"{size:,} bytes serialised; the limit is {MAX_BYTES:,}" if size > MAX_BYTES else None


def _clean_container(value: object, path: tuple[str, ...], problems: Problems) -> dict | None:
    """The valid part of one object of the layout (the theme itself, colors, typography, motion)."""
    where, allowed = ".".join(path), LAYOUT[path]
    if not isinstance(value, dict):
        problems.add(where, f"expected an object of {', '.join(allowed)}, got {shown(value)}")
        return None
    clean = {}
    for key, raw in value.items():
        kind, at = allowed.get(key), _join(where, key)
        if kind is None and not path and key in LEGACY_KEYS:
            problems.add(at, f"the old name of {LEGACY_KEYS[key]}; use {LEGACY_KEYS[key]}")
            continue
        if kind is None:
            problems.add(at, f"unknown key; allowed here: {', '.join(allowed)}")
            continue
        if kind == META:
            kept = _clean_metadata(raw, at, problems)
        elif isinstance(kind, Group):
            kept = _clean_group(raw, kind, problems)
        else:
            kept = _clean_container(raw, (*path, key), problems)
        if kept is not None and kept != {}:
            clean[key] = kept
    return clean


def _clean_metadata(value: object, where: str, problems: Problems) -> object:
    if isinstance(value, int | float) and not isinstance(value, bool) and as_text(value) is not None:
        return value
    if isinstance(value, str) and PLAIN.fullmatch(value):
        return value
    problems.add(where, f"{shown(value)} is not {PLAIN_HELP}")
    return None


def _clean_group(value: object, group: Group, problems: Problems) -> dict | None:
    """The tokens of one group whose names the compiler writes and whose values match its pattern."""
    where = ".".join(group.path)
    if not isinstance(value, dict):
        problems.add(where, f"expected an object of tokens, got {shown(value)}")
        return None
    clean = {}
    for name, raw in value.items():
        at = _join(where, name)
        if not _known_token(group, name):
            names = ", ".join(group.names) if group.names else "numeric keys such as 4 or 16"
            problems.add(at, f"unknown token; allowed here: {names}")
        elif len(clean) >= MAX_GROUP_TOKENS:
            problems.add(at, f"more than {MAX_GROUP_TOKENS} tokens in one group")
        elif (text := as_text(raw)) is not None and group.pattern.fullmatch(text):
            clean[name] = raw
        else:
            problems.add(at, f"{shown(raw)} is not {group.kind} ({ALLOWED.get(group.kind, group.kind)})")
    return clean


def _known_token(group: Group, name: object) -> bool:
    if group.names is not None:
        return name in group.names
    return isinstance(name, str) and SPACING_KEY.fullmatch(name) is not None


def _clean(theme: object, *, old_keys: bool = False) -> tuple[dict, Problems]:
    """The valid part of ``theme`` and its problems. With ``old_keys`` (readers), an old top-level key is read
    as its current name, and problems inside it name the key the row holds."""
    problems = Problems()
    if theme is None:
        return {}, problems
    if not isinstance(theme, dict):
        problems.add("", f"expected an object, got {shown(theme)}")
        return {}, problems
    if not old_keys:
        return _clean_container(theme, (), problems) or {}, problems
    stored_as = {new: old for old, new in LEGACY_KEYS.items() if old in theme and new not in theme}
    clean = _clean_container(current_keys(theme), (), problems) or {}
    for index, (path, problem) in enumerate(problems.items):
        top, dot, rest = path.partition(".")
        if top in stored_as:
            problems.items[index] = (f"{stored_as[top]}{dot}{rest}", problem)
    return clean, problems


def _problem_pairs(theme: object) -> list[tuple[str, str]]:
    if theme is None:
        return [("theme_config", "expected an object, got None")]
    if isinstance(theme, dict) and (problem := _size_problem(theme)):
        return [("theme_config", problem)]
    return _clean(theme)[1].items


def theme_problems(theme: object) -> list[str]:
    """Every problem of ``theme`` as "path: what is wrong and what is allowed" (at most MAX_PROBLEMS).

    Rules: the top level holds the token sections (the plan's colors, typography, spacing, borderRadius, shadows,
    plus motion) and the metadata keys version, mood and industry; token groups hold only the token names the
    compiler writes (spacing: numeric keys, at most MAX_GROUP_TOKENS); unknown keys are refused anywhere. Depth at
    most MAX_DEPTH, serialised size at most MAX_BYTES.

    Old key names (``styleguides.css.LEGACY_KEYS``: ``radius`` for borderRadius): ``readable_theme`` reads a row's
    old key as the new one without calling it a problem (the new one wins where a row holds both);
    ``theme_problems``/``validate_theme`` check what is about to be stored and refuse the old name, so writers that
    take it (a PATCH through ``current_patch``, the admin form through ``current_keys``) rename it first.
    """
    return [f"{path}: {problem}" for path, problem in _problem_pairs(theme)]


def validate_theme(theme: object) -> dict:
    """``theme`` itself when it is valid; otherwise InvalidInput naming the first problems in its message and
    up to MAX_PROBLEMS of them in ``details`` as {path, problem}."""
    problems = _problem_pairs(theme)
    if problems:
        _refuse("The theme was refused", problems)
    return theme


def check_patch(patch: object) -> None:
    """Refuse a merge patch that is not an object, nests too deeply or is too large, before it is merged."""
    if not isinstance(patch, dict):
        raise InvalidInput("theme_config_patch must be a JSON object.")
    if problem := _size_problem(patch):
        _refuse("The theme patch was refused", [("theme_config_patch", problem)])


def current_patch(patch: dict) -> dict:
    """A merge patch (already through ``check_patch``) with each old top-level name under its current one:
    ``{"radius": {"md": …}}`` patches borderRadius and ``{"radius": null}`` deletes it. A patch that sends both
    names is refused, naming the current one: which of the two was meant cannot be known."""
    both = [(f"theme_config_patch.{old}", f"the old name of {new}, sent too; send only {new}")
            for old, new in LEGACY_KEYS.items() if old in patch and new in patch]  # fmt: skip
    if both:
        _refuse("The theme patch was refused", both)
    return current_keys(patch)


def _refuse(what: str, problems: list[tuple[str, str]]) -> None:
    first = "; ".join(f"{path}: {problem}" for path, problem in problems[:SHOWN_PROBLEMS])
    more = len(problems) - SHOWN_PROBLEMS
    suffix = f" ({more} more in details)" if more > 0 else ""
    details = [{"path": path, "problem": problem} for path, problem in problems]
    raise InvalidInput(f"{what}: {first}{suffix}.", details=details)


def readable_theme(theme_config: object) -> tuple[dict, list[str]]:
    """(the valid part of ``theme_config``, what was dropped and why). Never raises, whatever was stored: the
    walk only follows the known layout (three levels), so deep or huge junk is only named, never traversed.
    Groups and sections left empty are dropped, so readers fall back to their defaults for them. An old key
    (``radius``) comes back under its current name (``borderRadius``) and is not a problem."""
    clean, problems = _clean(theme_config, old_keys=True)
    if _size_problem(clean):  # cannot happen within the layout's limits; kept so the promise holds regardless
        return {}, [*problems.lines(), "theme_config: too large to read; defaults used"]
    return clean, problems.lines()


def plain_label(text: str) -> str:
    """``text`` reduced to a metadata value (the generator's industry label comes from free input)."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w .,&'()/+-]", " ", text)).strip()[:100]
