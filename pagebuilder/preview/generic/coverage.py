"""Whether a dedicated template's view draws everything the generic view found, so a demo block keeps its own
template and a library block with props that template does not know is drawn generically."""

import re

from pagebuilder.preview.generic.words import (
    Context,
)
from pagebuilder.preview.props import Image

# The dedicated/generic choice --------------------------------------------------------------------------------

STRUCTURE = frozenset({"kind", "style", "layout", "level", "card", "bar", "center", "column", "contact", "primary"})
_NOT_WORD = re.compile(r"\W+")
ATOM = 24  # characters of a text compared: dedicated views cut some texts shorter than we do


def atoms(view: object, found: list[str], depth: int = 0) -> list[str]:
    """Every text, link and image source a view draws (bounded), for comparing two views of the same props."""
    if depth > 16 or len(found) > 4000:
        return found
    if isinstance(view, str):
        found.append(view)
    elif isinstance(view, Image):
        found.append(view.src)
    elif isinstance(view, dict):
        for name, value in view.items():
            if name not in STRUCTURE:
                atoms(value, found, depth + 1)
    elif isinstance(view, list | tuple):
        for value in view:
            atoms(value, found, depth + 1)
    return found


def covers(dedicated: dict, view: dict, ctx: Context) -> bool:
    """Whether a dedicated view draws everything the generic ``view`` found (texts compared loosely: case,
    punctuation and a cut-off end aside), so that a demo block keeps its own template and a library block whose
    props that template does not know (``actions`` lists, ``buttonText`` in a plan) is drawn generically."""
    haystack = "\x00".join(_NOT_WORD.sub("", entry.casefold()) for entry in atoms(dedicated, []))
    for entry in atoms(view, []):
        if entry in ctx.minor:
            continue
        for piece in ctx.composed.get(entry, [entry]):
            if _NOT_WORD.sub("", piece.casefold())[:ATOM] not in haystack:
                return False
    return True
