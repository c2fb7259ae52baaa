"""Edits of a section's texts: set one text exactly (refused past the contract's limits rather than cut),
rewrite the section from the site's data (in another wording each time) or with Claude's props, or in another
tone (Claude only)."""

from pagebuilder.candidates import candidate_from, contract
from pagebuilder.copywriter import Copywriter
from pagebuilder.editing.checks import CheckedPage
from pagebuilder.editing.operations import Regenerate, SetText, Tone
from pagebuilder.editing.outcome import EditRefused
from pagebuilder.editing.vocabulary import FIELD_ALIASES, TEXT_FIELDS, field_label, normalise
from pagebuilder.prop_paths import delete_path, get_path, is_link_key, set_path, slot_key, text_paths
from pagebuilder.structure import Violation
from pagebuilder.validation import plain_text
from registry.models import AiSemanticComponent

REWRITE_VARIANTS = 6  # wordings a rewrite tries before it says that it gave the same content
TONE_NEEDS_CLAUDE = (
    "Changing the tone needs Claude (the anthropic provider), which is not in use here. Offline I can set a "
    "text exactly, e.g. \"set the hero headline to 'Fresh bread daily'\", or rewrite a section from the site's "
    'data, e.g. "regenerate the hero".'
)


class TextEdits(CheckedPage):
    """Edits of one section's texts."""

    def text_path(self, block: dict, component: AiSemanticComponent | None, wanted: str) -> str:
        """The prop path of the text ``wanted`` names: a path the block has, else a field an editor names
        (headline, button, …) that the block has or its contract allows, else a path of its contract."""
        props = block.get("_props") if isinstance(block.get("_props"), dict) else {}
        wanted = (wanted or "").strip()
        if wanted and isinstance(get_path(props, wanted), str):
            return wanted
        alias = FIELD_ALIASES.get(normalise(wanted)) if wanted else "headline"
        schema = contract(component)
        contract_paths = set(schema.get("x-prop-constraints") or {}) | set(schema.get("x-required-props") or [])
        example = schema.get("x-example-props") if isinstance(schema.get("x-example-props"), dict) else {}
        for path in TEXT_FIELDS.get(alias or "", ()):
            if isinstance(get_path(props, path), str):
                return path
        for path in TEXT_FIELDS.get(alias or "", ()):
            parent = path.rsplit(".", 1)[0] if "." in path else ""
            in_contract = path in contract_paths or isinstance(get_path(example, path), str)
            if in_contract and (not parent or isinstance(get_path(props, parent), dict)):
                return path
        if wanted and alias is None and (wanted in contract_paths or isinstance(get_path(example, wanted), str)):
            return wanted
        if nested := self._nested_text(props, TEXT_FIELDS.get(alias or "", ())):
            return nested
        texts = [field_label(p) for p in text_paths(props) if "[" not in p]
        raise EditRefused(
            f"The {self.name(block)} section has no {wanted or 'headline'} text to set. Its texts: "
            f"{', '.join(dict.fromkeys(texts)) or 'none'}."
        )

    @staticmethod
    def _nested_text(props: dict, names: tuple[str, ...]) -> str | None:
        """A text one level down whose name is one the editor's word stands for: the real library's blocks wrap
        their texts (``children.heading``), where the field tables name top-level props."""
        for name in names:
            for path in text_paths(props):
                if "[" not in path and path.rsplit(".", 1)[-1] == name and isinstance(get_path(props, path), str):
                    return path
        return None

    def set_text(self, op: SetText) -> None:
        """Set a text exactly as given, markup stripped (the reply says so). A text past the contract's
        ``maxLength`` is refused with its length, not cut: the editor chose those words."""
        index = self.resolve(op.section)
        block = self.blocks[index]
        component = self.component(block)
        path = self.text_path(block, component, op.path)
        name, label = self.name(block), field_label(path)
        leaf = path.rsplit(".", 1)[-1].split("[")[0]
        if is_link_key(leaf) or leaf in ("id", "icon", "type"):
            raise EditRefused(f"Only texts can be set this way, not the {name} section's {leaf}.")
        value = " ".join(str(op.value or "").split())
        cleaned = plain_text(value)
        if cleaned != value:
            self.notes.append(f"I removed the markup from the {name} {label}: the page takes plain text only.")
        rules = (contract(component).get("x-prop-constraints") or {}).get(slot_key(path)) or {}
        required = path in (contract(component).get("x-required-props") or []) or rules.get("required") is True
        limit = rules.get("maxLength") if isinstance(rules.get("maxLength"), int) else None
        if limit is not None and len(cleaned) > limit:
            raise EditRefused(
                f"The {name} {label} can be at most {limit} characters; yours has {len(cleaned)}. "
                "Shorten it and send it again."
            )
        if not cleaned and required:
            raise EditRefused(f"The {name} {label} cannot be empty.")
        props = block.setdefault("_props", {})
        if get_path(props, path) == (cleaned or None):
            self.notes.append(f"The {name} {label} already reads '{cleaned}'.")
            return
        changed = set_path(props, path, cleaned) if cleaned else delete_path(props, path)
        if not changed:
            raise EditRefused(f"The {name} section has no {label} to set.")
        violations = [v for v in self.validate(block) if v.path == path or v.path.startswith(path + ".")]
        if violations:
            raise EditRefused(f"The {name} {label} cannot be {cleaned!r}: {violations[0].message}.")
        self.touched.add(block["_id"])
        if cleaned:
            self.done.append(f"set the {name} {label} to '{cleaned}'")
        else:
            self.done.append(f"removed the {name} {label}")

    def regenerate(self, op: Regenerate) -> None:
        index = self.resolve(op.section)
        block = self.blocks[index]
        component = self.component(block)
        name = self.name(block)
        if not self.usable(component):
            raise self.refuse_invalid(f"the {name} section", self.validate(block, strict=True) or [
                Violation("", "unknown_component", f"{block.get('_component')!r} can no longer be used")])  # fmt: skip
        variant = None
        if op.props is not None:
            valid, violations = self.check(component, op.props, name)
            if valid is None:
                raise self.refuse_invalid(f"the rewritten {name} section", violations)
        else:
            valid, variant = self._rewritten(index, block, component, name)
        if valid == block.get("_props"):
            self.notes.append(f"Rewriting the {name} section from the site's data gave the same content.")
            return
        block["_props"] = valid
        if variant is not None:
            self.rewrites[block["_id"]] = variant
        self.touched.add(block["_id"])
        self.done.append(f"rewrote the {name} section")

    def _rewritten(self, index: int, block: dict, component: AiSemanticComponent, name: str) -> tuple[dict, int]:
        """(valid props, their wording variant) written from the site's data: the first variant after the one the
        section was last rewritten in (0 when it never was) that reads differently from what it shows now, so
        each rewrite changes the words; the same facts, media and links every time."""
        candidate = candidate_from(component, 0.0)
        if not candidate.example_props:
            raise EditRefused(f"I can't rewrite the {name} section offline: its block has no example props to follow.")
        start = self.rewrites.get(block["_id"], -1) + 1
        same: tuple[dict, int] | None = None
        problems: list[Violation] = []
        for variant in range(start, start + REWRITE_VARIANTS):
            writer = Copywriter(self.context, self.ectx.page_type, self.ectx.intent, variant=variant)
            valid, violations = self.check(component, self.filler(index, writer).fill(candidate, name), name, writer)
            if valid is None:
                problems = problems or violations
            elif valid != block.get("_props"):
                return valid, variant
            elif same is None:
                same = (valid, variant)
        if same is None:
            raise self.refuse_invalid(f"the rewritten {name} section", problems)
        return same

    def tone(self, op: Tone) -> None:
        if op.props is None:
            raise EditRefused(TONE_NEEDS_CLAUDE)
        index = self.resolve(op.section)
        block = self.blocks[index]
        component = self.component(block)
        name = self.name(block)
        if component is None:
            raise self.refuse_invalid(f"the {name} section", self.validate(block, strict=True))
        valid, violations = self.check(component, op.props, name)
        if valid is None:
            raise self.refuse_invalid(f"the {name} section in a {op.tone} tone", violations)
        if valid != block.get("_props"):
            block["_props"] = valid
            self.touched.add(block["_id"])
            tone = " ".join(str(op.tone or "new").split())[:40]
            self.done.append(f"rewrote the {name} section in a {tone} tone")
