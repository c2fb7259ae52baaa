"""What the builder's panel offers for each section of a draft and for the page: which controls a section gets
(move, remove, rewrite, swap to another usable block of its category, edit its texts within the contract's
limits), the operations a text form becomes, and the SEO edit (a new version with the same payload)."""

import copy
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import transaction

from pagebuilder.candidates import contract
from pagebuilder.editing.apply import MAX_OPS
from pagebuilder.editing.operations import SetText
from pagebuilder.editing.origin import edit_context, page_blocks
from pagebuilder.editing.section_edits import SectionEdits
from pagebuilder.editing.vocabulary import field_label
from pagebuilder.models import PageVersion
from pagebuilder.pages import drafts, save_version
from pagebuilder.prop_paths import get_path, slot_key, text_paths
from pagebuilder.props_filler.keys import KEEP_KEYS
from pagebuilder.structure import SEO_DESCRIPTION_MAX, SEO_TITLE_MAX
from pagebuilder.validation import plain_text
from registry.models import AiSemanticComponent
from registry.selectors import components_by_ids
from websites.errors import InvalidInput, NotFound
from websites.models import Website

SECTION_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # ids the panel's URLs can carry (generated ones: blk_1a2b3c4d)
TEXT_FIELD = "text:"  # prefix of a text form's field names: text:title, text:items[0].question
LINE_MAX = 90  # texts allowed longer than this are edited in a textarea
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


@dataclass(frozen=True)
class TextField:
    path: str
    label: str
    value: str
    max_length: int | None
    required: bool
    html_id: str

    @property
    def name(self) -> str:
        return f"{TEXT_FIELD}{self.path}"

    @property
    def multiline(self) -> bool:
        """A paragraph (a textarea) rather than a line: a long limit, or no limit and long words already."""
        return self.max_length > LINE_MAX if self.max_length else len(self.value) > LINE_MAX


@dataclass(frozen=True)
class SwapOption:
    component_id: str
    name: str


@dataclass
class SectionControls:
    """One section as the panel lists it; ``editable`` is False for a section without a usable stored id."""

    id: str
    number: int
    name: str
    label: str  # how the controls' accessible names call it: "the faq section", "the second faq section"
    block: str
    first: bool
    last: bool
    only: bool
    editable: bool
    swaps: list[SwapOption] = field(default_factory=list)
    fields: list[TextField] = field(default_factory=list)
    error: str = ""


@dataclass(frozen=True)
class FailedTexts:
    """A refused text form: shown again with the editor's values and the reason."""

    section_id: str
    message: str
    values: dict[str, str]


def section_controls(
    website: Website, draft: PageVersion, facts: str | None = None, *, failed: FailedTexts | None = None
) -> list[SectionControls]:
    """The controls of every section of ``draft``: swap choices are the editor's own candidate search with the
    site's capabilities (``facts``: the chat's facts, as chat edits use them), fields the section's texts."""
    page = SectionEdits(edit_context(website, draft, facts))
    stored = [str(b.get("_id") or "") for b in page_blocks(draft.design_payload)]
    names = [page.name(b) for b in page.blocks]
    result = []
    for index, block in enumerate(page.blocks):
        component = page.component(block)
        editable = bool(SECTION_ID.match(stored[index])) and stored.count(stored[index]) == 1
        section = SectionControls(
            id=stored[index], number=index + 1, name=names[index], label=_label(names, index),
            block=(component.display_name if component else "") or str(block.get("_component") or "unknown block"),
            first=index == 0, last=index == len(page.blocks) - 1, only=len(page.blocks) == 1, editable=editable,
        )  # fmt: skip
        if editable:
            section.swaps = swap_options(page, block)
            section.fields = text_fields(block, component)
        if editable and failed is not None and failed.section_id == section.id:
            section.error = failed.message
            section.fields = [_with_value(f, failed.values.get(f.path, f.value)) for f in section.fields]
        result.append(section)
    return result


def swap_options(page: SectionEdits, block: dict) -> list[SwapOption]:
    """The other usable blocks of the section's own category that can be written offline, best match first."""
    category = page.category(block)
    current = str(block.get("_component") or "")
    options, _ = page.options(category, page.swap_query(block), exclude=[current])
    found = [
        SwapOption(c.component_id, c.display_name or c.component_id)
        for c, _ in options
        if (c.category or "") == category and contract(c).get("x-example-props")
    ]
    return list({option.component_id: option for option in found}.values())


def text_fields(block: dict, component: AiSemanticComponent | None) -> list[TextField]:
    """The section's texts (not links, media, ids or UI settings) with their contract's limits."""
    props = block.get("_props") if isinstance(block.get("_props"), dict) else {}
    schema = contract(component)
    rules_by_path = schema.get("x-prop-constraints") or {}
    required_props = schema.get("x-required-props") or []
    fields = []
    for path in text_paths(props):
        if path.rsplit(".", 1)[-1].split("[")[0] in KEEP_KEYS:
            continue
        rules = rules_by_path.get(slot_key(path)) or {}
        limit = rules.get("maxLength") if isinstance(rules.get("maxLength"), int) else None
        required = path in required_props or rules.get("required") is True
        html_id = f"{block.get('_id')}-{re.sub(r'[^A-Za-z0-9_-]', '-', path)}"
        fields.append(TextField(path, form_label(path), str(get_path(props, path)), limit, required, html_id))
    return fields


def form_label(path: str) -> str:
    """``title`` → Headline, ``primaryAction.label`` → Button label, ``members[1].name`` → Members 2 · name."""
    if "[" not in path:
        label = field_label(path)
    else:
        numbered = re.sub(r"\[(\d+)\]", lambda m: f" {int(m.group(1)) + 1}", path)
        label = " · ".join(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", part).lower() for part in numbered.split("."))
    return label[:1].upper() + label[1:]


def section_texts(draft: PageVersion, section_id: str) -> list[TextField]:
    """The text fields of the section ``section_id`` of ``draft``; NotFound when the draft has no such section."""
    block = require_section(draft, section_id)
    component = components_by_ids([str(block.get("_component") or "")]).get(str(block.get("_component") or ""))
    return text_fields(block, component)


def require_section(draft: PageVersion, section_id: str) -> dict:
    matches = [b for b in page_blocks(draft.design_payload) if b.get("_id") == section_id]
    if len(matches) != 1 or not SECTION_ID.match(section_id):
        raise NotFound("This page has no such section any more; the panel now shows its current sections.")
    return matches[0]


def text_operations(section_id: str, fields: list[TextField], posted: Mapping[str, str]) -> list[SetText]:
    """A SetText for each posted text that differs from the section's; fields not posted stay as they are."""
    ops = []
    for spec in fields:
        if spec.name not in posted:
            continue
        value = " ".join(str(posted[spec.name]).split())
        if value != " ".join(spec.value.split()):
            ops.append(SetText(section=section_id, path=spec.path, value=value))
    if len(ops) > MAX_OPS:
        raise InvalidInput(f"That is {len(ops)} texts changed at once; save at most {MAX_OPS} at a time.")
    return ops


def change_seo(website: Website, slug: str, title: str, description: str, *, author=None) -> PageVersion | None:
    """The draft again as a new version with this SEO title and description (plain text within their limits);
    None when both are as they were. InvalidInput saying what is wrong; NotFound without a draft."""
    title, description = plain_text(title or ""), plain_text(description or "")
    if not title:
        raise InvalidInput("The SEO title cannot be empty: search results show it as the page's name.")
    for what, text, limit in (("title", title, SEO_TITLE_MAX), ("description", description, SEO_DESCRIPTION_MAX)):
        if len(text) > limit:
            raise InvalidInput(f"The SEO {what} can be at most {limit} characters; yours has {len(text)}.")
    with transaction.atomic():
        draft = drafts(website, slug).select_for_update().first()
        if draft is None:
            raise NotFound(f"There is no draft of /{slug} yet; generate the page first.")
        pairs = (("title", draft.seo_title, title), ("description", draft.seo_description, description))
        changed = [what for what, old, new in pairs if old != new]
        if not changed:
            return None
        return save_version(
            website=website, slug=slug, title=draft.title, payload=copy.deepcopy(draft.design_payload),
            seo_title=title, seo_description=description, source=PageVersion.Source.EDITED,
            summary=f"Changed the SEO {' and '.join(changed)}", author=author,
        )  # fmt: skip


def _label(names: list[str], index: int) -> str:
    name = names[index]
    if Counter(names)[name] == 1:
        return f"the {name} section"
    nth = names[: index + 1].count(name)
    ordinal = ORDINALS[nth - 1] if nth <= len(ORDINALS) else f"number {nth}"
    return f"the {ordinal} {name} section"


def _with_value(spec: TextField, value: str) -> TextField:
    return TextField(spec.path, spec.label, value, spec.max_length, spec.required, spec.html_id)
