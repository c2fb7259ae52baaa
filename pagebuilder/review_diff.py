"""What a reviewer approves: the changes between the live page and a submitted version, section by section.

Sections are matched by their ``_id`` (every edit keeps it; a payload written elsewhere without ids is matched by
position and name), so a section is added, removed, changed (its block, its texts — old → new —, or other props
and styles) or only moved. The SEO title and description are compared too. Values are returned as plain text;
the template escapes them like any other text.
"""

import copy
from dataclasses import dataclass

from pagebuilder.editing.origin import page_blocks
from pagebuilder.prop_paths import get_path, set_path, text_paths

TEXTS_SHOWN = 30  # text changes listed per section; a swapped block may change dozens


@dataclass(frozen=True)
class TextChange:
    """One text that differs: where (a prop path or an SEO field), what it was and what it becomes."""

    path: str
    old: str
    new: str


@dataclass(frozen=True)
class SectionChange:
    kind: str  # "added", "removed", "changed" or "moved"
    name: str  # the section's semantic type (hero, faq, …)
    block: str  # the block it uses (after the change; before it for a removed section)
    old_block: str = ""  # the block it used, when a swap changed it
    texts: tuple[TextChange, ...] = ()
    more_texts: int = 0  # text changes beyond TEXTS_SHOWN
    other: bool = False  # props that are not text (images, links, lists) or styles changed
    moved: bool = False


@dataclass(frozen=True)
class PageDiff:
    live: bool  # whether there is a live page to compare with (else every section is new)
    sections: tuple[SectionChange, ...]
    seo: tuple[TextChange, ...]
    unchanged: int  # sections identical in both

    @property
    def empty(self) -> bool:
        return not self.sections and not self.seo


def page_diff(live_payload: object, payload: object, *, live_seo=("", ""), seo=("", "")) -> PageDiff:
    """The changes from ``live_payload`` (None when the page is not live) to ``payload``."""
    old_blocks, new_blocks = _keyed(page_blocks(live_payload)), _keyed(page_blocks(payload))
    common_old = [key for key in old_blocks if key in new_blocks]
    common_new = [key for key in new_blocks if key in old_blocks]
    changes, unchanged = [], 0
    for key, block in new_blocks.items():
        if key not in old_blocks:
            changes.append(SectionChange("added", _name(block), _block(block), texts=_texts({}, _props(block))[0]))
            continue
        moved = common_old.index(key) != common_new.index(key)
        change = _compared(old_blocks[key], block, moved)
        if change is None:
            unchanged += 1
        else:
            changes.append(change)
    removed = [block for key, block in old_blocks.items() if key not in new_blocks]
    changes += [SectionChange("removed", _name(block), _block(block)) for block in removed]
    seo_changes = [
        TextChange(field, str(old or ""), str(new or ""))
        for field, old, new in zip(("SEO title", "SEO description"), live_seo, seo, strict=True)
        if (old or "") != (new or "")
    ]
    return PageDiff(bool(page_blocks(live_payload)), tuple(changes), tuple(seo_changes), unchanged)


def _compared(old: dict, new: dict, moved: bool) -> SectionChange | None:
    old_props, new_props = _props(old), _props(new)
    texts, more = _texts(old_props, new_props)
    other = _without_texts(old_props) != _without_texts(new_props) or old.get("_styles") != new.get("_styles")
    swapped = _block(old) != _block(new) or old.get("_component") != new.get("_component")
    if not (texts or other or swapped or moved):
        return None
    kind = "moved" if moved and not (texts or other or swapped) else "changed"
    old_block = _block(old) if swapped else ""
    return SectionChange(kind, _name(new), _block(new), old_block, texts, more, other, moved)


def _texts(old_props: dict, new_props: dict) -> tuple[tuple[TextChange, ...], int]:
    """The texts that differ, in the new props' order, then those only the old props had; and how many more."""
    paths = list(dict.fromkeys(text_paths(new_props) + text_paths(old_props)))
    changes = []
    for path in paths:
        old, new = _text(get_path(old_props, path)), _text(get_path(new_props, path))
        if old != new:
            changes.append(TextChange(path, old, new))
    return tuple(changes[:TEXTS_SHOWN]), max(0, len(changes) - TEXTS_SHOWN)


def _without_texts(props: dict) -> dict:
    """``props`` with every text blanked, to see whether anything else differs."""
    stripped = copy.deepcopy(props)
    for path in text_paths(stripped):
        set_path(stripped, path, "")
    return stripped


def _keyed(blocks: list[dict]) -> dict[str, dict]:
    """Blocks by their ``_id``; one without a usable (or with a repeated) id by its position and name."""
    keyed: dict[str, dict] = {}
    for index, block in enumerate(blocks):
        key = block.get("_id")
        if not isinstance(key, str) or not key or key in keyed:
            key = f"#{index}:{block.get('_name')}"
        keyed[key] = block
    return keyed


def _props(block: dict) -> dict:
    props = block.get("_props")
    return props if isinstance(props, dict) else {}


def _name(block: dict) -> str:
    return str(block.get("_name") or "section")


def _block(block: dict) -> str:
    return str(block.get("_type") or block.get("_component") or "")


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
