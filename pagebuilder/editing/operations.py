"""The edit operations a chat message becomes, from the offline grammar or from Claude, and that
``pagebuilder.editing.apply.apply_edits`` applies: plain data, so every planner can build them without importing the
editor."""

from dataclasses import dataclass


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
