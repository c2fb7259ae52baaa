"""An edited page held to its blocks' contracts: props written for a block (from site data, or Claude's) are
repaired and validated as generation does, and what stays invalid becomes a refusal that says what to fix."""

import copy
from dataclasses import replace

from pagebuilder.candidates import candidate_from, missing_capabilities, required_capabilities, search_blocks
from pagebuilder.context import WebsiteContext
from pagebuilder.copywriter import Copywriter, text_filler
from pagebuilder.editing.outcome import EditRefused
from pagebuilder.editing.page import EditablePage
from pagebuilder.facts import FACT_HINTS
from pagebuilder.payload import block_styles, effective_theme
from pagebuilder.props_filler import PropsFiller
from pagebuilder.structure import Violation
from pagebuilder.validation import media_src, repair_block, validate_block
from registry.models import AiSemanticComponent


class CheckedPage(EditablePage):
    """The page with the checks every operation uses: candidate options, props filled and repaired, refusals."""

    # -- props ------------------------------------------------------------------------------------------------

    def filler(self, skip_index: int | None = None, writer: Copywriter | None = None) -> PropsFiller:
        """A props filler that prefers photos the rest of the page does not show yet."""
        filler = PropsFiller(self.context, writer or self.writer, self.ectx.slug)
        library = self.context.media_by_url()
        for index, block in enumerate(self.blocks):
            if index != skip_index:
                filler.used_media |= {url for url in _strings(block.get("_props")) if url in library}
        return filler

    def check(
        self, component: AiSemanticComponent, props: object, semantic_type: str, writer: Copywriter | None = None
    ) -> tuple[dict | None, list]:
        """(valid props after repair, None) or (None, the violations left)."""
        fill_text = text_filler(writer or self.writer, semantic_type)
        result = repair_block(component, component.component_id, props, self.context, fill_text=fill_text)
        return (result.props, []) if result.ok else (None, result.violations)

    def refuse_invalid(self, what: str, violations: list[Violation]) -> EditRefused:
        problems = "; ".join(str(v) for v in violations[:3])
        missing = [v for v in violations if v.rule == "capability"]
        advice = self.capability_advice(missing[0].message) if missing else ""
        return EditRefused(
            f"I could not make {what} pass its block's contract ({problems}).{advice} Nothing was changed."
        )

    def capability_advice(self, message: str) -> str:
        hints = [hint for capability, hint in FACT_HINTS.items() if capability in message]
        return f" Add the facts to the page's context first, e.g. '{hints[0]}'." if hints else ""

    def options(self, category: str, query: str, *, exclude: list[str]) -> tuple[list, list[str]]:
        """Usable blocks of ``category`` (a section word or a registry category: every category that may serve
        it) for ``query`` in search order, and the reasons others were left out."""
        usable, skipped = [], []
        for component, score in search_blocks(query, category, exclude=exclude):
            missing = missing_capabilities(component, self.context.capabilities)
            if missing:
                skipped.append(", ".join(missing))
            elif self.usable(component):
                usable.append((component, score))
        return usable, skipped

    def exact_option(self, exact: AiSemanticComponent, kind: str, action: str) -> list:
        """The one block an editor named, as options; EditRefused when it is deprecated or lacks the site's data."""
        if not self.usable(exact):
            missing = missing_capabilities(exact, self.context.capabilities)
            if exact.deprecated or not missing:
                raise EditRefused(f"{exact.display_name or exact.component_id} is deprecated; choose another block.")
            raise EditRefused(self.missing_data_reply(kind, [", ".join(missing)], action))
        return [(exact, 0.0)]

    def missing_data_reply(self, semantic_type: str, skipped: list[str], action: str) -> str:
        capabilities = list(dict.fromkeys(c.strip() for s in skipped for c in s.split(",")))
        readable = ", ".join(c.replace("_", " ") for c in capabilities) or "the data it needs"
        hint = next((FACT_HINTS[c] for c in capabilities if c in FACT_HINTS), "")
        example = f", e.g. '{hint}'" if hint else ""
        source = (
            "the facts this page was generated with include none"
            if self.ectx.original_context_found
            else "this site's data has none (the facts the page was generated with could not be found)"
        )
        return (
            f"I can't {action}: every {semantic_type} block needs {readable}, and {source}. Add them to the "
            f"page's facts{example}, then ask again. Nothing was changed."
        )

    def fill_first(self, options: list, semantic_type: str, props: dict | None) -> tuple[AiSemanticComponent, dict]:
        """The first option whose props (Claude's, else written from site data) pass the contract."""
        failures: list[tuple[AiSemanticComponent, list]] = []
        for component, score in options:
            if props is not None:
                candidate_props = copy.deepcopy(props)
            else:
                candidate = candidate_from(component, score)
                if not candidate.example_props:
                    failures.append((component, [Violation("", "example", "its contract has no example props")]))
                    continue
                candidate_props = self.filler().fill(candidate, semantic_type)
            valid, violations = self.check(component, candidate_props, semantic_type)
            if valid is not None:
                return component, valid
            failures.append((component, violations))
        component, violations = failures[0]
        raise self.refuse_invalid(f"a {semantic_type} block ({component.display_name or component.component_id})",
                                  violations)  # fmt: skip

    # -- the whole page ---------------------------------------------------------------------------------------

    def _context_for(self, block: dict, *, strict: bool = False) -> WebsiteContext:
        """Blocks this edit did not write were checked against their capabilities when generated, and their facts
        may be missing from a context that could not be recovered: for them the capabilities count as met (every
        other rule still applies)."""
        component = self.component(block)
        if strict or block.get("_id") in self.touched or component is None:
            return self.context
        return replace(self.context, capabilities=self.context.capabilities | set(required_capabilities(component)))

    def validate(self, block: dict, *, strict: bool = False) -> list[Violation]:
        component = self.component(block)
        context = self._context_for(block, strict=strict)
        return validate_block(component, str(block.get("_component") or ""), block.get("_props"), context)

    def finish(self) -> None:
        """Validate every block; repair what rules can fix; refuse what stays invalid."""
        for block in self.blocks:
            if not self.validate(block):
                continue
            name = self.name(block)
            touched = block.get("_id") in self.touched
            result = repair_block(self.component(block), str(block.get("_component") or ""), block.get("_props"),
                                  self._context_for(block), fill_text=text_filler(self.writer, name))  # fmt: skip
            if not result.ok:
                what = f"the {name} section" if touched else f"the {name} section (unchanged by this edit)"
                advice = "" if touched else f" Try 'regenerate the {name}' or 'remove the {name}'."
                problems = "; ".join(str(v) for v in result.violations[:3])
                raise EditRefused(f"{what[:1].upper()}{what[1:]} breaks its block's contract ({problems}).{advice} "
                                  "Nothing was changed.")  # fmt: skip
            block["_props"] = result.props
            self.touched.add(block["_id"])
            if result.repairs:
                self.notes.append(f"I also fixed the {name} section: {'; '.join(result.repairs[:3])}.")

    def restyle(self) -> None:
        theme = effective_theme(self.context)
        for index, block in enumerate(self.blocks):
            block["_styles"] = block_styles(theme, self.name(block), index)
            block.setdefault("_children", [])


def _strings(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        src = media_src(value)
        if src:
            yield src
        for sub in value.values():
            yield from _strings(sub)
    elif isinstance(value, list):
        for sub in value:
            yield from _strings(sub)
