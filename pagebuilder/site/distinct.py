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
from pagebuilder.site.copy import NOT_COPY, fact_homes, is_copy_sentence, normalised
from pagebuilder.validation import repair_block, validate_block
from pagebuilder.workflow import BuiltPage

_REMOVED = object()


@dataclass
class Claims:
    """The copy sentences kept so far: normalised for comparing (with the block that keeps each, None for a page
    not rebuilt now), and as written for the text filler."""

    normal: dict[str, tuple[BuiltPage, int] | None]
    written: set[str]

    def take(self, props: object, owner: tuple[BuiltPage, int] | None = None) -> None:
        for text in _texts(props):
            for sentence in sentences(text):
                if is_copy_sentence(sentence):
                    self.normal.setdefault(normalised(sentence), owner)
                    self.written.add(sentence)

    def claimers(self, props: object) -> dict[tuple, set[str]]:
        """The blocks of this build that claimed sentences ``props`` says, each with those sentences."""
        found: dict[tuple, set[str]] = {}
        for text in _texts(props):
            for sentence in sentences(text):
                owner = self.normal.get(normalised(sentence))
                if owner is not None and is_copy_sentence(sentence):
                    found.setdefault((id(owner[0]), owner[1]), set()).add(normalised(sentence))
        return found


def make_distinct(pages: list[BuiltPage], said: frozenset[str] = frozenset()) -> list[str]:
    """Strip repeated sentences from ``pages`` (in build order) in place; the notes say what was left out.
    ``said``: sentences of the site's pages not rebuilt now, which keep them."""
    claims, notes = Claims({}, set()), []
    claims.take(list(said))
    # A page's own section (the pricing section of the pricing page) claims first, then heroes, then the rest.
    order = [(p, i) for p in pages for i, s in enumerate(p.valid) if s[0] == p.research.playbook.page_type]
    order += [(p, i) for p in pages for i, s in enumerate(p.valid) if s[0] == "hero" != p.research.playbook.page_type]
    order += [(p, i) for p in pages for i, s in enumerate(p.valid) if not _owns(p, s[0])]
    by_id = {id(page): page for page in pages}
    homes = {normalised(s): kind for s, kind in fact_homes(pages[0].research.context).items()} if pages else {}
    dropped: set[tuple[int, int]] = set()
    for page, index in order:
        semantic_type, component, props, reasoning = page.valid[index]
        kept = _strip(props, set(claims.normal))
        if kept is not props:
            kept = _still_valid(page, semantic_type, component, kept, claims)
            if kept is None and _owns(page, semantic_type):
                try:  # the page that is about it keeps its section when the other blocks can give the sentences up
                    notes += _take_back(page, props, claims, by_id, dropped, homes)
                    kept = props
                except _Refused:
                    pass
            if kept is None:
                dropped.add((id(page), index))
                notes.append(f"/{page.research.slug}: left out the {semantic_type} section, which only repeated "
                             "what another page of the site says.")  # fmt: skip
                continue
            page.valid[index] = (semantic_type, component, kept, reasoning)
        claims.take(kept, (page, index))
    for page in pages:
        page.valid[:] = [section for i, section in enumerate(page.valid) if (id(page), i) not in dropped]
    return notes


def _take_back(page: BuiltPage, props: object, claims: Claims, by_id: dict, dropped: set, homes: dict) -> list[str]:
    """Free the sentences of ``props`` (a section ``page`` is about) that blocks of this build claimed, when each
    of those blocks can give them up: it keeps its contract without them, or it is left out when the sentences
    are facts this page is about (an offer's description belongs to the services page, even when the about page
    quoted it first). Another page's own section gives up only such facts; a page not rebuilt now keeps what it
    says. Returns notes on the blocks left out; raises ``_Refused`` when the sentences stay where they are."""
    said = {normalised(s) for text in _texts(props) for s in sentences(text) if is_copy_sentence(s)}
    if any(sentence in claims.normal and claims.normal[sentence] is None for sentence in said):
        raise _Refused
    changes = []
    for (page_id, index), taken in claims.claimers(props).items():
        theirs = by_id[page_id]
        semantic_type, component, their_props, reasoning = theirs.valid[index]
        facts_of_this_page = _belongs(taken, page, homes)
        if (page_id, index) in dropped or (_owns(theirs, semantic_type) and not facts_of_this_page):
            raise _Refused  # a page's own section does not give way to another's
        rest = _still_valid(theirs, semantic_type, component, _strip(their_props, taken), claims)
        if rest is None and not facts_of_this_page:
            raise _Refused
        changes.append((theirs, index, None if rest is None else (semantic_type, component, rest, reasoning), taken))
    notes = []
    for theirs, index, section, taken in changes:
        if section is None:
            dropped.add((id(theirs), index))
            notes.append(f"/{theirs.research.slug}: left out the {theirs.valid[index][0]} section: its texts are "
                         f"the facts /{page.research.slug} is about.")  # fmt: skip
        else:
            theirs.valid[index] = section
        for sentence in taken:
            claims.normal.pop(sentence, None)
    return notes


class _Refused(Exception):
    """The claimed sentences stay with the blocks that said them first."""


def _belongs(taken: set[str], page: BuiltPage, homes: dict[str, str]) -> bool:
    return all(homes.get(sentence) == page.research.playbook.page_type for sentence in taken)


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
