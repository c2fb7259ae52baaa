"""Edits of a page's sections: swap a block for another of its category, add a section, remove one, move one."""

from pagebuilder.editing.checks import CheckedPage
from pagebuilder.editing.operations import Add, Move, Remove, Swap
from pagebuilder.editing.outcome import EditRefused
from pagebuilder.editing.vocabulary import SECTION_SYNONYMS, canonical_type, hint_score, hint_words
from registry.models import AiSemanticComponent
from registry.selectors import block_name, components_by_ids

POSITIONS = ("before", "after", "top", "bottom")


class SectionEdits(CheckedPage):
    """Edits that change which sections a page has, which blocks show them, and their order."""

    def swap(self, op: Swap) -> None:
        """Show a section with another block of its category: the one named exactly, else the best usable
        block whose name or description matches the target's words, else the best other usable block."""
        target = " ".join(str(op.target or "").split())
        index = self.resolve(op.section) if op.section else self.infer_swap_section(target)
        block = self.blocks[index]
        current = self.component(block)
        name = self.name(block)
        current_id = str(block.get("_component") or "")
        exact = components_by_ids([target]).get(target) if target and (op.exact or " " not in target) else None
        if op.exact and exact is None:
            raise EditRefused(f"There is no registered block {target!r}; nothing was changed.")
        options = self._exact_swap(block, exact, target) if exact is not None else self._swap_options(block, target)
        component, props = self.fill_first(options, name, op.props)
        block.update(_component=component.component_id, _type=block_name(component), _props=props)
        self.components[component.component_id] = component
        self.touched.add(block["_id"])
        previous = current.display_name if current is not None else current_id
        self.done.append(f"swapped the {name} block {previous} for {component.display_name or component.component_id}")

    def _exact_swap(self, block: dict, exact: AiSemanticComponent, target: str) -> list:
        name, category = self.name(block), self.category(block)
        if exact.component_id == str(block.get("_component") or ""):
            raise EditRefused(f"The {name} section already uses {exact.display_name or target}.")
        if (exact.category or "") != category:
            raise EditRefused(
                f"{exact.display_name or target} is a {exact.category} block; the {name} section needs a "
                f"{category} block. Nothing was changed."
            )
        return self.exact_option(exact, category, f"use {exact.display_name}")

    def _swap_options(self, block: dict, target: str) -> list:
        name, category = self.name(block), self.category(block)
        words = hint_words(target)
        query = f"{target} {name} section" if words else self.swap_query(block)
        options, skipped = self.options(category, query, exclude=[str(block.get("_component") or "")])
        if words:
            scored = [(c, s, hint_score(c, words)) for c, s in options]
            matching = [(c, s) for c, s, h in sorted(scored, key=lambda x: -x[2]) if h >= 1.0]
            if not matching:
                usable = ", ".join(c.display_name or c.component_id for c, _ in options) or "none"
                raise EditRefused(
                    f"No other {category} block matches '{target}' for this site. The {category} blocks it can "
                    f"use instead: {usable}. Say e.g. 'use a different {name}'."
                )
            options = matching
        if not options:
            if skipped:
                raise EditRefused(self.missing_data_reply(category, skipped, f"swap the {name} section"))
            raise EditRefused(f"There is no other {category} block to use for the {name} section.")
        return options

    def swap_query(self, block: dict) -> str:
        """What a swap naming no block searches the section's category for (the panel's choices too)."""
        return f"{self.name(block)} section for a {self.context.brand.industry}"

    def add(self, op: Add) -> None:
        """Add a section of a kind (the best usable block for it) or of a named block, where ``insert_at`` says."""
        semantic_type, category, exact = self._kind_to_add(op)
        position = self.insert_at(op.position, op.anchor, semantic_type)
        action = f"add a {semantic_type} section"
        if exact is not None:
            options = self.exact_option(exact, semantic_type, action)
        else:
            page = self.ectx.draft.title or self.ectx.slug
            query = f"{semantic_type} section for the {page} page of a {self.context.brand.industry}"
            options, skipped = self.options(category, query, exclude=[])
            if not options:
                if skipped:
                    raise EditRefused(self.missing_data_reply(semantic_type, skipped, action))
                raise EditRefused(f"The registry has no {semantic_type} block this site can use.")
        component, props = self.fill_first(options, semantic_type, op.props)
        block = {"_id": self.new_id(), "_type": block_name(component), "_name": semantic_type,
                 "_component": component.component_id, "_props": props, "_styles": {}, "_children": []}  # fmt: skip
        self.blocks.insert(position, block)
        self.components[component.component_id] = component
        self.touched.add(block["_id"])
        label = component.display_name or component.component_id
        self.done.append(f"added a {semantic_type} section ({label}) {self.where(position, block)}")

    def _kind_to_add(self, op: Add) -> tuple[str, str, AiSemanticComponent | None]:
        """(semantic type, registry category, the exact block or None) of an Add; EditRefused when unknown."""
        semantic_type = canonical_type(op.semantic_type)
        category, exact = semantic_type, None
        if op.component_id:
            exact = components_by_ids([op.component_id]).get(op.component_id)
            if exact is None:
                raise EditRefused(f"There is no registered block {op.component_id!r}; nothing was changed.")
            category = exact.category or semantic_type
            semantic_type = semantic_type or category
            if semantic_type != category and semantic_type in SECTION_SYNONYMS:
                raise EditRefused(
                    f"{exact.display_name or op.component_id} is a {category} block, not a {semantic_type} block; "
                    "nothing was changed."
                )
        if not semantic_type or category not in self.categories():
            kinds = ", ".join(sorted(self.categories() - {"navbar", "footer", "banner"}))
            raise EditRefused(
                f"I don't know a '{op.semantic_type}' section. Sections you can add: {kinds}."
                if op.semantic_type
                else f"Say which section to add, e.g. 'add a faq section'. Sections you can add: {kinds}."
            )
        if semantic_type == "hero" and any(self.name(b) == "hero" for b in self.blocks):
            raise EditRefused(
                "The page already has a hero; a page has one. Say 'use a different hero' or 'regenerate the hero'."
            )
        return semantic_type, category, exact

    def remove(self, op: Remove) -> None:
        index = self.resolve(op.section)
        if len(self.blocks) == 1:
            raise EditRefused(
                "That is the page's only section; a page needs at least one. Add another section first, or "
                "generate the page again."
            )
        block = self.blocks.pop(index)
        self.done.append(f"removed the {self.name(block)} section")

    def move(self, op: Move) -> None:
        index = self.resolve(op.section)
        block = self.blocks[index]
        position = (op.position or "").strip().lower()
        if position in ("up", "down"):
            target = index - 1 if position == "up" else index + 1
            if not 0 <= target < len(self.blocks):
                end = "top" if position == "up" else "bottom"
                self.notes.append(f"The {self.name(block)} section is already at the {end}.")
                return
            self.blocks.insert(target, self.blocks.pop(index))
            self.done.append(f"moved the {self.name(block)} section {position}")
            return
        if position not in POSITIONS:
            raise EditRefused(
                f"Move it before or after a section, to the top or bottom, or up or down, not {position!r}."
            )
        target = self.insert_at(position, op.anchor, self.name(block), moving=block)
        self.blocks.pop(index)
        if target > index:
            target -= 1
        self.blocks.insert(target, block)
        if target == index:
            self.notes.append(f"The {self.name(block)} section is already there.")
            return
        if position in ("before", "after"):
            anchor_name = self.name(self.blocks[target + 1] if position == "before" else self.blocks[target - 1])
            relation = "above" if position == "before" else "below"
            self.done.append(f"moved the {self.name(block)} section {relation} the {anchor_name}")
        else:
            self.done.append(f"moved the {self.name(block)} section to the {position}")
