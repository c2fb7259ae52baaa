"""No sentence said on two pages of a site: the pass a site build runs over its pages before storing them.

Writers avoid what earlier pages said (``SiteFrame.avoid``), but facts travel: the home page's list of services
and the services page both quote the offers' descriptions. A sentence belongs to the page that is about it (a
block whose section type is the page's type, then every page's hero), then to the page built first; any other
block saying it loses that sentence. A text left empty is removed; a block that no longer meets its contract is
repaired with texts from the site's data that no page says yet, else left out with a note.
"""

from dataclasses import dataclass

from pagebuilder.copywriter import Copywriter, sentences, text_filler
from pagebuilder.prop_paths import is_link_key
from pagebuilder.site.copy import NOT_COPY, is_copy_sentence, normalised
from pagebuilder.validation import repair_block, validate_block
from pagebuilder.workflow import BuiltPage

_REMOVED = object()


@dataclass
class Claims:
    """The copy sentences kept so far: normalised for comparing, as written for the text filler."""

    normal: set[str]
    written: set[str]

    def take(self, props: object) -> None:
        for text in _texts(props):
            for sentence in sentences(text):
                if is_copy_sentence(sentence):
                    self.normal.add(normalised(sentence))
                    self.written.add(sentence)


def make_distinct(pages: list[BuiltPage], said: frozenset[str] = frozenset()) -> list[str]:
    """Strip repeated sentences from ``pages`` (in build order) in place; the notes say what was left out.
    ``said``: sentences of the site's pages not rebuilt now, which keep them."""
    claims, notes = Claims(set(), set()), []
    claims.take(list(said))
    # A page's own section (the pricing section of the pricing page) claims first, then heroes, then the rest.
    order = [(p, i) for p in pages for i, s in enumerate(p.valid) if s[0] == p.research.playbook.page_type]
    order += [(p, i) for p in pages for i, s in enumerate(p.valid) if s[0] == "hero" != p.research.playbook.page_type]
    order += [(p, i) for p in pages for i, s in enumerate(p.valid) if not _owns(p, s[0])]
    dropped: dict[int, set[int]] = {}
    for page, index in order:
        semantic_type, component, props, reasoning = page.valid[index]
        kept = _strip(props, claims.normal)
        if kept is not props:
            kept = _still_valid(page, semantic_type, component, kept, claims)
            if kept is None:
                dropped.setdefault(id(page), set()).add(index)
                notes.append(f"/{page.research.slug}: left out the {semantic_type} section, which only repeated "
                             "what another page of the site says.")  # fmt: skip
                continue
            page.valid[index] = (semantic_type, component, kept, reasoning)
        claims.take(kept)
    for page in pages:
        gone = dropped.get(id(page), set())
        page.valid[:] = [section for i, section in enumerate(page.valid) if i not in gone]
    return notes


def _owns(page: BuiltPage, semantic_type: str) -> bool:
    return semantic_type in ("hero", page.research.playbook.page_type)


def _still_valid(page: BuiltPage, semantic_type: str, component, props: dict, claims: Claims) -> dict | None:
    context = page.research.context
    if not validate_block(component, component.component_id, props, context):
        return props
    writer = Copywriter(context, page.research.playbook.page_type, page.research.intent, frame=page.research.frame)
    fill = text_filler(writer, semantic_type, claims.written)
    result = repair_block(component, component.component_id, props, context, fill_text=fill)
    if not result.ok or _strip(result.props, claims.normal) is not result.props:
        return None
    return result.props


def _strip(value: object, claimed: set[str], key: object = None) -> object:
    """``value`` without the claimed sentences (the same object when nothing changed; ``_REMOVED`` for a text
    left empty)."""
    if isinstance(value, str):
        if not _is_copy_key(key):
            return value
        said = sentences(value)
        kept = [s for s in said if not (is_copy_sentence(s) and normalised(s) in claimed)]
        if len(kept) == len(said):
            return value
        return " ".join(kept) if kept else _REMOVED
    if isinstance(value, dict):
        new = {k: _strip(v, claimed, k) for k, v in value.items()}
        if all(new[k] is value[k] for k in value):
            return value
        return {k: v for k, v in new.items() if v is not _REMOVED}
    if isinstance(value, list):
        new_items = [_strip(item, claimed, index) for index, item in enumerate(value)]
        if all(a is b for a, b in zip(new_items, value, strict=True)):
            return value
        return [item for item in new_items if item is not _REMOVED]
    return value


def _is_copy_key(key: object) -> bool:
    return isinstance(key, int) or (isinstance(key, str) and key not in NOT_COPY and not is_link_key(key))


def _texts(props: object) -> list[str]:
    if isinstance(props, str):
        return [props]
    if isinstance(props, dict):
        return [t for k, v in props.items() if _is_copy_key(k) for t in _texts(v)]
    if isinstance(props, list):
        return [t for item in props for t in _texts(item)]
    return []
