"""The edit operations a chat message becomes, from the offline grammar or from Claude, and that
``pagebuilder.editing.apply.apply_edits`` applies: plain data, so every planner can build them without importing the
editor."""

from dataclasses import dataclass

from websites.errors import InvalidInput


@dataclass(frozen=True)
class SetText:
    """Set one text prop of a section: ``path`` is a prop path (``title``, ``primaryAction.label``,
    ``items[0].question``) or a field an editor names (headline, subtitle, eyebrow, button, …)."""

    section: str
    path: str
    value: str


@dataclass(frozen=True)
class Regenerate:
    """Write a section's props again with the same block: from site data, or ``props`` (Claude's)."""

    section: str
    props: dict | None = None


@dataclass(frozen=True)
class Swap:
    """Use another block of the same category for a section. ``target`` is a component id or a hint matched
    against the category's blocks' names, tags and descriptions ("carousel", "grid"); empty: the best other
    block. ``section`` empty: the section whose category has a block matching the hint. ``exact``: ``target``
    must be a component id (Claude's operations)."""

    section: str
    target: str = ""
    props: dict | None = None
    exact: bool = False


@dataclass(frozen=True)
class Add:
    """Add a section of ``semantic_type``: ``position`` before/after ``anchor``, or top/bottom; empty: before
    the closing cta if there is one, else at the end (a hero goes to the top)."""

    semantic_type: str
    position: str = ""
    anchor: str = ""
    component_id: str = ""
    props: dict | None = None


@dataclass(frozen=True)
class Remove:
    section: str


@dataclass(frozen=True)
class Move:
    """Move a section before/after ``anchor``, to the top or bottom, or one place up or down."""

    section: str
    position: str
    anchor: str = ""


@dataclass(frozen=True)
class Tone:
    """Rewrite a section's texts in a tone (Claude only: ``props`` are the rewritten props)."""

    tone: str
    section: str = ""
    props: dict | None = None


Op = SetText | Regenerate | Swap | Add | Remove | Move | Tone


OP_NAMES = ("set_text", "regenerate", "tone", "swap", "add", "remove", "move")


def operation_from(entry: dict, number: int = 1) -> Op:
    """One operation written as JSON (``{"op": "move", "section": "faq", "position": "top"}``), as Claude's edit
    tool and API callers send them; InvalidInput naming the operation's number when it is incomplete."""
    kind = entry_text(entry, "op")
    section, component_id = entry_text(entry, "section"), entry_text(entry, "component_id")
    props = entry.get("props") if isinstance(entry.get("props"), dict) else None
    position, anchor = entry_text(entry, "position"), entry_text(entry, "anchor")
    if kind == "set_text":
        value = entry.get("value")
        if not section or not entry_text(entry, "path") or not isinstance(value, str):
            raise InvalidInput(f"operation {number} (set_text) needs a section, a path and a value")
        return SetText(section=section, path=entry_text(entry, "path"), value=value)
    if kind == "regenerate":
        return Regenerate(section=section, props=props)
    if kind == "tone":
        return Tone(tone=entry_text(entry, "tone") or "new", section=section, props=props)
    if kind == "swap":
        return Swap(section=section, target=component_id, props=props if component_id else None,
                    exact=bool(component_id))  # fmt: skip
    if kind == "add":
        semantic_type = entry_text(entry, "semantic_type")
        if not semantic_type and not component_id:
            raise InvalidInput(f"operation {number} (add) names no section type or block")
        return Add(semantic_type=semantic_type, position=position, anchor=anchor, component_id=component_id,
                   props=props if component_id else None)  # fmt: skip
    if kind == "remove":
        return Remove(section=section)
    if kind == "move":
        return Move(section=section, position=position, anchor=anchor)
    raise InvalidInput(f"operation {number} has the unknown op {kind!r} (one of {', '.join(OP_NAMES)})")


def entry_text(entry: dict, key: str) -> str:
    """``entry[key]`` as one line of text; "" when it is not a string."""
    value = entry.get(key)
    return " ".join(value.split()) if isinstance(value, str) else ""
