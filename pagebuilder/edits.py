"""Refinement by chat: edit operations on a page's design payload, applied as one new version of the page.

Operations (dataclasses below): ``SetText`` (one text prop of a section), ``Regenerate`` (a section's props
written again, same block), ``Swap`` (another block of the same category), ``Add`` (a new section), ``Remove``,
``Move`` and ``Tone`` (texts rewritten in a tone: Claude only). The offline grammar
(``pagebuilder.editing.grammar``) and Claude (``AnthropicProvider.plan_edit``) both produce them; ``apply_edits``
applies them the same way, all or nothing.

Section references. A ``section`` (or an ``anchor``) names a block of the page by its ``_id``, its semantic type
(``_name``), its category, its block name or component id ("testimonials carousel", ``TestimonialsCarousel``),
or a synonym (reviews → testimonials, questions → faq, call to action / closing → cta, header / top → hero, …;
``SECTION_SYNONYMS``), optionally with an ordinal: "the second faq", "the last section", "section 3". Two
sections of the same kind without an ordinal, or a name no section has, give a reply listing the page's
sections instead of a guess.

Where new props come from. Regenerated, swapped-in and added blocks are written offline by ``PropsFiller``
from ``build_context(website, additional_context)``, unless Claude supplied the props. ``additional_context``
is the context the page was generated with: the generation AiTask's ``input["additional_context"]``, where the
task is found through the draft's ``task_id``, else the ``meta.task_id`` its payload carries (edits keep it,
and restored versions copy it), else the newest version of the slug at or before the draft that has a
``task_id`` (the generation the draft descends from; the newest rather than the first, so a page generated
again reads its latest facts). The task also gives the page type (``result["page_type"]``) and intent the
copywriter writes for. A caller may pass ``additional_context`` explicitly (the chat's current facts) to use
instead. Without any, the site's brand, keywords and media still fill most blocks; blocks that need facts
(testimonials, team, …) are refused with a reply saying which facts to give.

Contract. After the operations, EVERY block is checked with ``validate_block``; blocks the operations wrote are
repaired with ``repair_block`` as generation does, and an operation that still leaves an invalid block is
refused with a reply that says what to fix (a ``SetText`` over the contract's ``maxLength`` is refused, not
cut: "The hero headline can be at most 80 characters; yours has 95."). Markup in a text is stripped and the
reply says so. Blocks the operations did not touch were checked against their capabilities when generated;
their facts may be missing from a context that could not be recovered, so they are checked with their own
capability requirements taken as met (every other rule still applies, and rule repairs are reported).

A successful edit saves a NEW ``PageVersion`` (source ``edited``, the author, a one-line summary) with the
draft's title and SEO; added blocks get new unique ``_id``s (swapped blocks keep theirs: the section is the
same), every block's ``_styles`` is recomputed for its position from the effective theme, and ``meta`` records
the provider, the time and the chat message as ``intent`` (``task_id`` stays: it is the page's origin). An
edit that changes nothing saves nothing. Components newly used on the page are counted (``track_usage``).
The draft row is locked while the edit is applied, and an edit planned on an older draft (``base_version``)
is refused, so two editors never silently overwrite each other.
"""

import copy
import logging
import re
import secrets
import uuid
from dataclasses import dataclass, field, replace

from django.db import transaction
from django.utils import timezone

from pagebuilder.candidates import candidate_from, contract, missing_capabilities, search_blocks
from pagebuilder.context import WebsiteContext, build_context
from pagebuilder.copywriter import Copywriter, text_filler
from pagebuilder.editing.operations import Add, Move, Op, Regenerate, Remove, SetText, Swap, Tone
from pagebuilder.editing.vocabulary import (
    FIELD_ALIASES,
    NUMBERED,
    ORDINALS,
    SECTION_SYNONYMS,
    SYNONYM_TO_TYPE,
    TEXT_FIELDS,
    canonical_type,
    field_label,
    hint_score,
    hint_words,
    normalise,
    registry_categories,
)
from pagebuilder.facts import FACT_HINTS
from pagebuilder.models import PageVersion
from pagebuilder.pages import drafts, latest_version, save_version
from pagebuilder.payload import block_styles, effective_theme
from pagebuilder.playbooks import detect_page_type
from pagebuilder.prop_paths import delete_path, get_path, is_link_key, set_path, slot_key
from pagebuilder.props_filler import PropsFiller
from pagebuilder.structure import Candidate, Violation
from pagebuilder.validation import media_src, plain_text, repair_block, validate_block
from pagebuilder.workflow import TASK_TYPE
from registry.models import AiSemanticComponent
from registry.selectors import block_name, components_by_ids, live_components, track_usage
from websites.errors import AppError
from websites.models import AiTask, Website

log = logging.getLogger(__name__)

MAX_OPS = 10
SUMMARY_MAX = 300

POSITIONS = ("before", "after", "top", "bottom")
MOVE_POSITIONS = (*POSITIONS, "up", "down")

TONE_NEEDS_CLAUDE = (
    "Changing the tone needs Claude (the anthropic provider), which is not in use here. Offline I can set a "
    "text exactly, e.g. \"set the hero headline to 'Fresh bread daily'\", or rewrite a section from the site's "
    'data, e.g. "regenerate the hero".'
)


# --- outcome ---------------------------------------------------------------------------------------------------


@dataclass
class EditOutcome:
    version: PageVersion | None
    reply: str
    summary: str
    changed: bool
    usage: list[dict] = field(default_factory=list)  # model calls (Claude), as ModelUsage dicts


class EditRefused(Exception):
    """An operation that cannot be applied; ``reply`` tells the editor what to do instead."""

    def __init__(self, reply: str) -> None:
        super().__init__(reply)
        self.reply = reply


# --- the page's origin -----------------------------------------------------------------------------------------


@dataclass
class EditContext:
    """What an edit of one draft knows: the site's context rebuilt with the page's original facts, the page type
    and intent it was generated for, the page's components, and (for Claude) candidate blocks by category."""

    website: Website
    draft: PageVersion
    context: WebsiteContext
    page_type: str
    intent: str
    components: dict[str, AiSemanticComponent]
    candidates: dict[str, list[Candidate]] = field(default_factory=dict)
    original_context_found: bool = False

    @property
    def slug(self) -> str:
        return self.draft.slug

    def offer(self, message: str) -> dict[str, list[Candidate]]:
        """The blocks a model may add or swap to for ``message`` (see ``edit_candidates``)."""
        return edit_candidates(self, message)


def _uuid(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def generation_task(website: Website, draft: PageVersion) -> AiTask | None:
    """The generation task the draft descends from (see the module docstring for the order of the lookups)."""
    meta = (draft.design_payload or {}).get("meta") if isinstance(draft.design_payload, dict) else None
    ids = [draft.task_id, (meta or {}).get("task_id") if isinstance(meta, dict) else None]
    for task_id in filter(None, map(_uuid, ids)):
        task = AiTask.objects.filter(pk=task_id, website_id=website.pk).first()
        if task is not None:
            return task
    earlier = (
        PageVersion.objects.filter(website=website, slug=draft.slug, task_id__isnull=False)
        .filter(created_at__lte=draft.created_at)
        .order_by("-created_at", "-id")
        .values_list("task_id", flat=True)
    )
    for task_id in earlier[:5]:
        task = AiTask.objects.filter(pk=task_id, website_id=website.pk, task_type=TASK_TYPE).first()
        if task is not None:
            return task
    return None


def edit_context(website: Website, draft: PageVersion, additional_context: str | None = None) -> EditContext:
    task = generation_task(website, draft)
    request = (task.input if task and isinstance(task.input, dict) else None) or {}
    result = (task.result if task and isinstance(task.result, dict) else None) or {}
    found = additional_context is not None or isinstance(request.get("additional_context"), str)
    if additional_context is None and isinstance(request.get("additional_context"), str):
        additional_context = request["additional_context"]
    context = build_context(website, additional_context)
    meta = draft.design_payload.get("meta") if isinstance(draft.design_payload, dict) else {}
    intent = request.get("page_intent") or (meta or {}).get("intent") or draft.title or draft.slug
    page_type = result.get("page_type")
    if not isinstance(page_type, str) or not page_type:
        page_type = detect_page_type(str(intent)[:1000], draft.slug).page_type
    blocks = _blocks(draft.design_payload)
    components = components_by_ids([b.get("_component") for b in blocks if isinstance(b.get("_component"), str)])
    return EditContext(
        website=website, draft=draft, context=context, page_type=page_type, intent=str(intent),
        components=components, original_context_found=found,
    )  # fmt: skip


def _blocks(payload: object) -> list[dict]:
    blocks = payload.get("blocks") if isinstance(payload, dict) else None
    return [b for b in blocks if isinstance(b, dict)] if isinstance(blocks, list) else []


# --- words ---------------------------------------------------------------------------------------------------


def _needs(component: AiSemanticComponent | None) -> list[str]:
    return [c for c in contract(component).get("x-requires-site-capabilities") or [] if isinstance(c, str)]


def _text_paths(props: object, path: str = "") -> list[str]:
    """Every string prop path that is text (not a link, media or id)."""
    paths = []
    if isinstance(props, dict):
        for key, value in props.items():
            sub = f"{path}.{key}" if path else key
            if isinstance(value, str) and not is_link_key(key) and key not in ("id", "alt", "icon", "type"):
                paths.append(sub)
            elif isinstance(value, dict | list):
                paths += _text_paths(value, sub)
    elif isinstance(props, list):
        for index, value in enumerate(props):
            paths += _text_paths(value, f"{path}[{index}]")
    return paths


# --- candidate blocks for Claude ------------------------------------------------------------------------------

CLAUDE_CATEGORIES = 3
CLAUDE_OPTIONS = 4
_ADD_CUES = re.compile(r"\b(?:add|insert|include|append|put in|new section|another)\b", re.I)
_SWAP_CUES = re.compile(
    r"\b(?:swap|switch|replace|instead|different|another|layout|design|style|use an?|try an?|show .+ as)\b", re.I
)
# Synonyms too vague to say that a message is about that kind of section.
_VAGUE_MENTIONS = {"top", "top section", "opening", "closing", "closer", "form", "notice", "intro", "introduction",
                   "header", "story", "people", "job", "photo", "picture", "price", "nav", "quotes"}  # fmt: skip


def mentioned_types(message: str) -> list[str]:
    """Section types a message names, in the order it names them."""
    text = " ".join(message.lower().split())
    found: list[tuple[int, str]] = []
    for phrase, kind in SYNONYM_TO_TYPE.items():
        if phrase in _VAGUE_MENTIONS:
            continue
        match = re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", text)
        if match:
            found.append((match.start(), kind))
    return list(dict.fromkeys(kind for _, kind in sorted(found)))


def edit_candidates(ectx: EditContext, message: str) -> dict[str, list[Candidate]]:
    """The blocks Claude may add or swap to for this message: for up to CLAUDE_CATEGORIES categories the message
    names (or, for a swap that names no section, whose blocks match its words), the CLAUDE_OPTIONS best usable
    blocks, without the ones the page already shows. Empty for messages that neither add nor swap."""
    if not (_ADD_CUES.search(message) or _SWAP_CUES.search(message)):
        return {}
    editor = _Editor(ectx)
    categories = [kind for kind in mentioned_types(message) if kind in editor.categories()]
    if not categories and _SWAP_CUES.search(message):
        try:
            categories = [editor.category(editor.blocks[editor.infer_swap_section(message)])]
        except EditRefused:
            categories = []
    on_page = {str(b.get("_component")) for b in editor.blocks}
    result: dict[str, list[Candidate]] = {}
    for category in categories[:CLAUDE_CATEGORIES]:
        query = f"{category} section: {' '.join(message.split())}"
        options, _ = editor.options(category, query, exclude=sorted(on_page))
        if options:
            result[category] = [candidate_from(c, score) for c, score in options[:CLAUDE_OPTIONS]]
    return result


# --- applying ------------------------------------------------------------------------------------------------


class _Editor:
    def __init__(self, ectx: EditContext) -> None:
        self.ectx = ectx
        self.context = ectx.context
        self.blocks: list[dict] = copy.deepcopy(_blocks(ectx.draft.design_payload))
        seen: set[str] = set()
        for block in self.blocks:  # a payload written elsewhere may lack ids: give every section one
            if not isinstance(block.get("_id"), str) or not block["_id"] or block["_id"] in seen:
                block["_id"] = self.new_id()
            seen.add(block["_id"])
            if not isinstance(block.get("_props"), dict):
                block["_props"] = {}
        self.components = dict(ectx.components)
        self.writer = Copywriter(self.context, ectx.page_type, ectx.intent)
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
        """The index of the block ``reference`` names; EditRefused with the page's sections when none or many."""
        raw = str(reference or "").strip()
        if not raw:
            raise EditRefused(f"Say which section, e.g. 'the faq'. This page's sections: {self.sections_text()}.")
        for index, block in enumerate(self.blocks):
            if raw == block.get("_id"):
                return index
        key = normalise(raw)
        ordinal = None
        numbered = NUMBERED.match(key)
        if numbered:
            ordinal, key = int(numbered.group(1)), ""
        else:
            first, _, rest = key.partition(" ")
            if first in ORDINALS:
                ordinal, key = ORDINALS[first], normalise(rest)
        if key in ("", "section", "one", "page", "block") and ordinal is None:
            raise EditRefused(f"Say which section, e.g. 'the faq'. This page's sections: {self.sections_text()}.")
        if key in ("", "section", "one", "page", "block"):
            matches = list(range(len(self.blocks)))
        else:
            matches = [i for i, block in enumerate(self.blocks) if self._matches(block, key)]
        if not matches:
            raise EditRefused(
                f"This page has no {key} section{role}. Its sections are: {self.sections_text()}."
                if key
                else f"Say which section. This page's sections are: {self.sections_text()}."
            )
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

    # -- props ------------------------------------------------------------------------------------------------

    def filler(self, skip_index: int | None = None) -> PropsFiller:
        """A props filler that prefers photos the rest of the page does not show yet."""
        filler = PropsFiller(self.context, self.writer, self.ectx.slug)
        library = self.context.media_by_url()
        for index, block in enumerate(self.blocks):
            if index != skip_index:
                filler.used_media |= {url for url in _strings(block.get("_props")) if url in library}
        return filler

    def check(self, component: AiSemanticComponent, props: object, semantic_type: str) -> tuple[dict | None, list]:
        """(valid props after repair, None) or (None, the violations left)."""
        result = repair_block(
            component, component.component_id, props, self.context, fill_text=text_filler(self.writer, semantic_type)
        )
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

    def usable(self, component: AiSemanticComponent | None) -> bool:
        return bool(
            component is not None
            and not component.deprecated
            and all(c in self.context.capabilities for c in _needs(component))
        )

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

    # -- operations -------------------------------------------------------------------------------------------

    def apply(self, op: Op) -> None:
        handler = {
            SetText: self.set_text, Regenerate: self.regenerate, Swap: self.swap, Add: self.add,
            Remove: self.remove, Move: self.move, Tone: self.tone,
        }.get(type(op))  # fmt: skip
        if handler is None:
            raise EditRefused(f"I don't know how to apply {type(op).__name__}.")
        handler(op)

    def text_path(self, block: dict, component: AiSemanticComponent | None, wanted: str) -> str:
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
        texts = [field_label(p) for p in _text_paths(props) if "[" not in p]
        raise EditRefused(
            f"The {self.name(block)} section has no {wanted or 'headline'} text to set. Its texts: "
            f"{', '.join(dict.fromkeys(texts)) or 'none'}."
        )

    def set_text(self, op: SetText) -> None:
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
        if op.props is not None:
            props = op.props
        else:
            candidate = candidate_from(component, 0.0)
            if not candidate.example_props:
                raise EditRefused(
                    f"I can't rewrite the {name} section offline: its block has no example props to follow."
                )
            props = self.filler(index).fill(candidate, name)
        valid, violations = self.check(component, props, name)
        if valid is None:
            raise self.refuse_invalid(f"the rewritten {name} section", violations)
        if valid == block.get("_props"):
            self.notes.append(f"Rewriting the {name} section from the site's data gave the same content.")
            return
        block["_props"] = valid
        self.touched.add(block["_id"])
        self.done.append(f"rewrote the {name} section")

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

    def swap(self, op: Swap) -> None:
        target = " ".join(str(op.target or "").split())
        index = self.resolve(op.section) if op.section else self.infer_swap_section(target)
        block = self.blocks[index]
        current = self.component(block)
        name, category = self.name(block), self.category(block)
        current_id = str(block.get("_component") or "")
        exact = components_by_ids([target]).get(target) if target and (op.exact or " " not in target) else None
        if op.exact and exact is None:
            raise EditRefused(f"There is no registered block {target!r}; nothing was changed.")
        if exact is not None:
            if exact.component_id == current_id:
                raise EditRefused(f"The {name} section already uses {exact.display_name or target}.")
            if (exact.category or "") != category:
                raise EditRefused(
                    f"{exact.display_name or target} is a {exact.category} block; the {name} section needs a "
                    f"{category} block. Nothing was changed."
                )
            if not self.usable(exact):
                missing = missing_capabilities(exact, self.context.capabilities)
                if exact.deprecated or not missing:
                    raise EditRefused(f"{exact.display_name or target} is deprecated; choose another block.")
                raise EditRefused(self.missing_data_reply(category, [", ".join(missing)], f"use {exact.display_name}"))
            options = [(exact, 0.0)]
        else:
            words = hint_words(target)
            query = f"{target} {name} section" if words else f"{name} section for a {self.context.brand.industry}"
            options, skipped = self.options(category, query, exclude=[current_id])
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
        component, props = self.fill_first(options, name, op.props)
        block.update(_component=component.component_id, _type=block_name(component), _props=props)
        self.components[component.component_id] = component
        self.touched.add(block["_id"])
        previous = current.display_name if current is not None else current_id
        self.done.append(f"swapped the {name} block {previous} for {component.display_name or component.component_id}")

    def insert_at(self, position: str, anchor: str, semantic_type: str, *, moving: dict | None = None) -> int:
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

    def add(self, op: Add) -> None:
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
        position = self.insert_at(op.position, op.anchor, semantic_type)
        if op.component_id:
            if not self.usable(exact):
                missing = missing_capabilities(exact, self.context.capabilities)
                if not missing:
                    raise EditRefused(f"{exact.display_name or op.component_id} is deprecated; choose another block.")
                action = f"add a {semantic_type} section"
                raise EditRefused(self.missing_data_reply(semantic_type, [", ".join(missing)], action))
            options = [(exact, 0.0)]
        else:
            page = self.ectx.draft.title or self.ectx.slug
            query = f"{semantic_type} section for the {page} page of a {self.context.brand.industry}"
            options, skipped = self.options(category, query, exclude=[])
            if not options:
                if skipped:
                    raise EditRefused(self.missing_data_reply(semantic_type, skipped, f"add a {semantic_type} section"))
                raise EditRefused(f"The registry has no {semantic_type} block this site can use.")
        component, props = self.fill_first(options, semantic_type, op.props)
        block = {
            "_id": self.new_id(),
            "_type": block_name(component),
            "_name": semantic_type,
            "_component": component.component_id,
            "_props": props,
            "_styles": {},
            "_children": [],
        }
        self.blocks.insert(position, block)
        self.components[component.component_id] = component
        self.touched.add(block["_id"])
        where = self.where(position, block)
        label = component.display_name or component.component_id
        self.done.append(f"added a {semantic_type} section ({label}) {where}")

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

    # -- the whole page ---------------------------------------------------------------------------------------

    def validate(self, block: dict, *, strict: bool = False) -> list[Violation]:
        component = self.component(block)
        context = self.context
        if not strict and block.get("_id") not in self.touched and component is not None:
            context = replace(context, capabilities=context.capabilities | set(_needs(component)))
        return validate_block(component, str(block.get("_component") or ""), block.get("_props"), context)

    def finish(self) -> None:
        """Validate every block; repair what rules can fix; refuse what stays invalid."""
        for block in self.blocks:
            violations = self.validate(block)
            if not violations:
                continue
            name = self.name(block)
            component = self.component(block)
            touched = block.get("_id") in self.touched
            context = self.context
            if not touched and component is not None:
                context = replace(context, capabilities=context.capabilities | set(_needs(component)))
            result = repair_block(component, str(block.get("_component") or ""), block.get("_props"), context,
                                  fill_text=text_filler(self.writer, name))  # fmt: skip
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


def summary_line(parts: list[str]) -> str:
    text = "; ".join(parts)
    text = text[:1].upper() + text[1:]
    return text if len(text) <= SUMMARY_MAX else text[: SUMMARY_MAX - 1].rstrip() + "…"


def _provider_name(provider: object) -> str:
    if isinstance(provider, str) and provider:
        return provider
    return str(getattr(provider, "name", "") or "offline")


def _no_draft(slug: str) -> EditOutcome:
    return EditOutcome(
        None,
        f"There is no page at /{slug} to change yet. Generate it first, e.g. 'Make an about page for our bakery'.",
        "",
        False,
    )


def apply_edits(
    website: Website,
    slug: str,
    ops: list,
    *,
    author=None,
    provider=None,
    message: str = "",
    additional_context: str | None = None,
    base_version: PageVersion | None = None,
    ectx: EditContext | None = None,
) -> EditOutcome:
    """Apply ``ops`` to the current draft of ``slug`` as one new version, or refuse them all with a reply.

    ``provider`` (a name or a provider) is recorded in the payload's meta; ``message`` is the chat message
    (the meta's ``intent``); ``base_version`` is the draft the operations were planned on (Claude): a newer
    draft refuses them. ``ectx`` reuses an already built ``EditContext`` of the same draft.
    """
    ops = list(ops or [])
    if not ops:
        return EditOutcome(None, "There was nothing to change.", "", False)
    if len(ops) > MAX_OPS:
        return EditOutcome(None, f"That is {len(ops)} changes at once; send at most {MAX_OPS} per message.", "", False)
    with transaction.atomic():
        draft = _locked_draft(website, slug)
        if draft is None:
            return _no_draft(slug)
        if base_version is not None and draft.pk != base_version.pk:
            return EditOutcome(
                None, "The page changed while this edit was being planned; send your message again.", "", False
            )
        if ectx is None or ectx.draft.pk != draft.pk:
            ectx = edit_context(website, draft, additional_context)
        editor = _Editor(ectx)
        try:
            for op in ops:
                editor.apply(op)
            editor.finish()
        except EditRefused as refusal:
            return EditOutcome(None, refusal.reply, "", False)
        old_blocks = _blocks(draft.design_payload)
        if _content(editor.blocks) == _content(old_blocks):
            notes = " ".join(editor.notes)
            return EditOutcome(None, f"Nothing changed. {notes}".strip(), "", False)
        editor.restyle()
        payload = copy.deepcopy(draft.design_payload) if isinstance(draft.design_payload, dict) else {}
        meta = payload.get("meta") if isinstance(payload.get("meta"), dict) else {}
        payload["blocks"] = editor.blocks
        payload["meta"] = {
            **meta,
            "provider": _provider_name(provider),
            "generated_at": timezone.now().isoformat(),
            "intent": (message or summary_line(editor.done))[:2000],
        }
        summary = summary_line(editor.done or ["Updated the page"])
        version = save_version(
            website=website,
            slug=slug,
            title=draft.title,
            payload=payload,
            seo_title=draft.seo_title,
            seo_description=draft.seo_description,
            source=PageVersion.Source.EDITED,
            summary=summary,
            author=author,
        )
        before = {b.get("_component") for b in old_blocks}
        for component_id in dict.fromkeys(b["_component"] for b in editor.blocks):
            if component_id not in before:
                try:
                    track_usage(component_id)
                except AppError:  # the component vanished meanwhile: counting it is not worth failing the edit
                    log.warning("Could not count the use of %s", component_id)
    reply = f"Done: {summary[:1].lower()}{summary[1:]}."
    if editor.notes:
        reply += " " + " ".join(editor.notes)
    return EditOutcome(version, reply, summary, True)


def _content(blocks: list[dict]) -> list:
    return [(b.get("_id"), b.get("_component"), b.get("_name"), b.get("_props")) for b in blocks]


def _locked_draft(website: Website, slug: str) -> PageVersion | None:
    """The current draft, its row locked; re-read after the lock so an edit committed meanwhile is seen."""
    for _ in range(3):
        locked = drafts(website, slug).select_for_update().first()
        current = latest_version(website, slug)
        if locked is None or current is None or current.pk == locked.pk:
            return locked
    return latest_version(website, slug)
