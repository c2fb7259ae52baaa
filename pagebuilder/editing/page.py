"""The page being edited: a working copy of the draft's blocks, how an editor's words name one of them ("the
second faq", "reviews", ``TestimonialsCarousel``, ``blk_…``), and where a new or moved section goes."""

import copy
import secrets

from pagebuilder.candidates import required_capabilities
from pagebuilder.copywriter import Copywriter
from pagebuilder.editing.origin import EditContext, page_blocks
from pagebuilder.editing.outcome import EditRefused
from pagebuilder.editing.vocabulary import (
    NUMBERED,
    ORDINALS,
    canonical_type,
    hint_score,
    hint_words,
    normalise,
    registry_categories,
)
from registry.models import AiSemanticComponent
from registry.selectors import components_by_ids, live_components

# Words that name "a section" without saying which.
_ANY_SECTION = ("", "section", "one", "page", "block")


class EditablePage:
    """The draft's blocks as an edit changes them, with what the edit did (``done``), what the editor should know
    (``notes``), which blocks it wrote (``touched``: those are held to every rule of their contract) and the
    wording variant each rewritten section was last written in (``rewrites``, by section id)."""

    def __init__(self, ectx: EditContext) -> None:
        self.ectx = ectx
        self.context = ectx.context
        self.blocks: list[dict] = copy.deepcopy(page_blocks(ectx.draft.design_payload))
        seen: set[str] = set()
        for block in self.blocks:  # a payload written elsewhere may lack ids: give every section one
            if not isinstance(block.get("_id"), str) or not block["_id"] or block["_id"] in seen:
                block["_id"] = self.new_id()
            seen.add(block["_id"])
            if not isinstance(block.get("_props"), dict):
                block["_props"] = {}
        self.components = dict(ectx.components)
        self.writer = Copywriter(self.context, ectx.page_type, ectx.intent)
        self.rewrites = rewrite_variants(ectx.draft.design_payload)
        self.touched: set[str] = set()
        self.done: list[str] = []
        self.notes: list[str] = []
        self._categories: set[str] | None = None

    # -- references -------------------------------------------------------------------------------------------

    def component(self, block: dict) -> AiSemanticComponent | None:
        component_id = block.get("_component")
        if isinstance(component_id, str) and component_id not in self.components:
            self.components.update(components_by_ids([component_id]))
        return self.components.get(component_id) if isinstance(component_id, str) else None

    def category(self, block: dict) -> str:
        component = self.component(block)
        return (component.category if component and component.category else "") or str(block.get("_name") or "")

    def name(self, block: dict) -> str:
        return str(block.get("_name") or self.category(block) or "section")

    def sections_text(self) -> str:
        names = [self.name(b) for b in self.blocks]
        return ", ".join(f"{i + 1}. {n}" for i, n in enumerate(names)) or "none"

    def categories(self) -> set[str]:
        if self._categories is None:
            self._categories = registry_categories()
        return self._categories

    def _matches(self, block: dict, key: str) -> bool:
        if not key:
            return False
        kind = canonical_type(key)
        names = {self.name(block), self.category(block)}
        if kind in names or key in names:
            return True
        component_id = str(block.get("_component") or "").lower()
        block_type = str(block.get("_type") or "").lower()
        squashed = key.replace(" ", "").replace("-", "")
        return squashed in (component_id.replace("-", ""), block_type) or key == component_id

    def resolve(self, reference: str, *, role: str = "") -> int:
        """The index of the block ``reference`` names: its ``_id``, semantic type, category, block name or
        component id, or a synonym (``SECTION_SYNONYMS``), optionally with an ordinal ("the second faq", "the
        last section", "section 3"). EditRefused listing the page's sections when none or several match, so
        the editor is asked rather than guessed for."""
        raw = str(reference or "").strip()
        if not raw:
            raise EditRefused(f"Say which section, e.g. 'the faq'. This page's sections: {self.sections_text()}.")
        for index, block in enumerate(self.blocks):
            if raw == block.get("_id"):
                return index
        ordinal, key = self._ordinal(normalise(raw))
        if key in _ANY_SECTION and ordinal is None:
            raise EditRefused(f"Say which section, e.g. 'the faq'. This page's sections: {self.sections_text()}.")
        if key in _ANY_SECTION:
            matches = list(range(len(self.blocks)))
        else:
            matches = [i for i, block in enumerate(self.blocks) if self._matches(block, key)]
        if not matches:
            raise EditRefused(
                f"This page has no {key} section{role}. Its sections are: {self.sections_text()}."
                if key
                else f"Say which section. This page's sections are: {self.sections_text()}."
            )
        return self._pick(matches, ordinal)

    @staticmethod
    def _ordinal(key: str) -> tuple[int | None, str]:
        """("section 3" → 3, ""), ("last faq" → -1, "faq"), ("faq" → None, "faq")."""
        numbered = NUMBERED.match(key)
        if numbered:
            return int(numbered.group(1)), ""
        first, _, rest = key.partition(" ")
        if first in ORDINALS:
            return ORDINALS[first], normalise(rest)
        return None, key

    def _pick(self, matches: list[int], ordinal: int | None) -> int:
        if ordinal is None:
            if len(matches) > 1:
                kind = self.name(self.blocks[matches[0]])
                raise EditRefused(
                    f"This page has {len(matches)} {kind} sections; say which, e.g. 'the first {kind}' or "
                    f"'the second {kind}'. Its sections are: {self.sections_text()}."
                )
            return matches[0]
        position = ordinal - 1 if ordinal > 0 else len(matches) + ordinal
        if not 0 <= position < len(matches):
            raise EditRefused(
                f"This page has only {len(matches)} such section{'s' if len(matches) != 1 else ''}. "
                f"Its sections are: {self.sections_text()}."
            )
        return matches[position]

    def usable(self, component: AiSemanticComponent | None) -> bool:
        return bool(
            component is not None
            and not component.deprecated
            and all(c in self.context.capabilities for c in required_capabilities(component))
        )

    def infer_swap_section(self, hint: str) -> int:
        """The section whose category has another usable block matching the hint best."""
        words = hint_words(hint)
        if not words:
            raise EditRefused(
                f"Say which section should change, e.g. 'use a different hero'. This page's sections: "
                f"{self.sections_text()}."
            )
        best: dict[int, float] = {}
        by_category: dict[str, list] = {}
        for index, block in enumerate(self.blocks):
            category = self.category(block)
            if category not in by_category:
                by_category[category] = list(live_components().filter(category=category).defer("embedding"))
            others = [c for c in by_category[category] if c.component_id != block.get("_component") and self.usable(c)]
            score = max((hint_score(c, words) for c in others), default=0.0)
            if score >= 1.0:
                best[index] = score
        if not best:
            raise EditRefused(
                f"No section of this page has another block that matches '{hint}'. Say which section to change, "
                f"e.g. 'use a different gallery'. This page's sections: {self.sections_text()}."
            )
        top = max(best.values())
        winners = [i for i, score in best.items() if score == top]
        if len(winners) > 1:
            names = " or the ".join(self.name(self.blocks[i]) for i in winners)
            raise EditRefused(
                f"Which section should use a {hint}: the {names}? Say e.g. "
                f"'use a {hint} for the {self.name(self.blocks[winners[0]])}'."
            )
        return winners[0]

    # -- positions --------------------------------------------------------------------------------------------

    def insert_at(self, position: str, anchor: str, semantic_type: str, *, moving: dict | None = None) -> int:
        """Where a ``semantic_type`` section goes for ``position`` (before/after ``anchor``, top, bottom). With no
        position: a hero, navbar or banner at the top, anything else above the closing call to action, and
        "bottom" stays above a footer, so that a page keeps its natural order."""
        position = (position or "").strip().lower()
        if position in ("before", "after"):
            if not anchor:
                raise EditRefused(f"Say which section to put it {position}, e.g. '{position} the about section'.")
            anchor_index = self.resolve(anchor, role=" to put it next to")
            if moving is not None and self.blocks[anchor_index] is moving:
                raise EditRefused("A section cannot be moved next to itself.")
            return anchor_index if position == "before" else anchor_index + 1
        if position == "top":
            return 0
        if position == "bottom":
            footer = len(self.blocks) - 1
            if semantic_type != "footer" and self.blocks and self.name(self.blocks[footer]) == "footer":
                return footer
            return len(self.blocks)
        if position:
            raise EditRefused(f"Put it before or after a section, or at the top or bottom, not {position!r}.")
        if semantic_type in ("hero", "navbar", "banner"):
            return 0
        ctas = [i for i, b in enumerate(self.blocks) if self.name(b) == "cta"]
        if semantic_type not in ("cta", "footer") and ctas:
            return ctas[-1]
        return self.insert_at("bottom", "", semantic_type)

    def where(self, index: int, block: dict) -> str:
        if index == 0:
            return "at the top"
        if index == len(self.blocks) - 1:
            return "at the bottom"
        return f"after the {self.name(self.blocks[index - 1])}"

    def new_id(self) -> str:
        used = {b.get("_id") for b in self.blocks}
        while True:
            candidate = f"blk_{secrets.token_hex(4)}"
            if candidate not in used:
                return candidate


def rewrite_variants(payload: object) -> dict[str, int]:
    """The payload's ``meta.rewrites``: section id → the wording variant it was last rewritten in."""
    meta = payload.get("meta") if isinstance(payload, dict) else None
    found = meta.get("rewrites") if isinstance(meta, dict) else None
    if not isinstance(found, dict):
        return {}
    return {key: value for key, value in found.items() if isinstance(value, int) and not isinstance(value, bool)}
