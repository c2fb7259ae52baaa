"""Applying edit operations to a page's draft, all or nothing, as one new version of the page.

Whoever planned them (the offline grammar or Claude), the operations are applied the same way: every block is
checked against its contract afterwards, and one refusal leaves the page as it was. The draft row is locked
while the edit is applied, and operations planned on an older draft are refused, so two editors never silently
overwrite each other.
"""

import copy
import logging

from django.db import transaction
from django.utils import timezone

from pagebuilder.editing.operations import Add, Move, Op, Regenerate, Remove, SetText, Swap, Tone
from pagebuilder.editing.origin import EditContext, edit_context, page_blocks
from pagebuilder.editing.outcome import EditOutcome, EditRefused, summary_line
from pagebuilder.editing.section_edits import SectionEdits
from pagebuilder.editing.text_edits import TextEdits
from pagebuilder.models import PageVersion
from pagebuilder.pages import drafts, latest_version, save_version
from registry.selectors import track_usage
from websites.errors import AppError
from websites.models import Website

log = logging.getLogger(__name__)

MAX_OPS = 10


class PageEditor(TextEdits, SectionEdits):
    """Every kind of edit on one page."""

    def apply(self, op: Op) -> None:
        handler = {
            SetText: self.set_text, Regenerate: self.regenerate, Swap: self.swap, Add: self.add,
            Remove: self.remove, Move: self.move, Tone: self.tone,
        }.get(type(op))  # fmt: skip
        if handler is None:
            raise EditRefused(f"I don't know how to apply {type(op).__name__}.")
        handler(op)


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
    api_client=None,
) -> EditOutcome:
    """Apply ``ops`` to the current draft of ``slug`` as one new version, or refuse them all with a reply.

    ``provider`` (a name or a provider) is recorded in the payload's meta; ``message`` is the chat message
    (the meta's ``intent``); ``base_version`` is the draft the operations were planned on (Claude): a newer
    draft refuses them. ``ectx`` reuses an already built ``EditContext`` of the same draft. No change, no save.
    """
    ops = list(ops or [])
    if not ops:
        return EditOutcome(None, "There was nothing to change.", "", False)
    if len(ops) > MAX_OPS:
        return _refused(f"That is {len(ops)} changes at once; send at most {MAX_OPS} per message.")
    with transaction.atomic():
        draft = _locked_draft(website, slug)
        if draft is None:
            return _refused(f"There is no page at /{slug} to change yet. Generate it first, e.g. 'Make an about page'.")
        if base_version is not None and draft.pk != base_version.pk:
            return _refused("The page changed while this edit was being planned; send your message again.")
        if ectx is None or ectx.draft.pk != draft.pk:
            ectx = edit_context(website, draft, additional_context)
        editor = PageEditor(ectx)
        try:
            for op in ops:
                editor.apply(op)
            editor.finish()
        except EditRefused as refusal:
            return _refused(refusal.reply)
        if _content(editor.blocks) == _content(page_blocks(draft.design_payload)):
            return EditOutcome(None, f"Nothing changed. {' '.join(editor.notes)}".strip(), "", False)
        summary = summary_line(editor.done or ["Updated the page"])
        version = _save(editor, website, draft, summary, author=author, api_client=api_client, provider=provider,
                        message=message)  # fmt: skip
        _count_new_components(editor.blocks, page_blocks(draft.design_payload))
    reply = " ".join([f"Done: {summary[:1].lower()}{summary[1:]}.", *editor.notes])
    return EditOutcome(version, reply, summary, True)


def _save(
    editor: PageEditor,
    website: Website,
    draft: PageVersion,
    summary: str,
    *,
    author,
    api_client,
    provider,
    message: str,
) -> PageVersion:
    """The edited page as a new version (source ``edited``) with the draft's title and SEO. Every block's
    ``_styles`` is recomputed for its position; ``meta.task_id`` stays: it is the page's origin; ``meta.rewrites``
    keeps the wording variant of each rewritten section still on the page."""
    editor.restyle()
    payload = copy.deepcopy(draft.design_payload) if isinstance(draft.design_payload, dict) else {}
    meta = payload.get("meta") if isinstance(payload.get("meta"), dict) else {}
    payload["blocks"] = editor.blocks
    payload["meta"] = {
        **meta,
        "provider": _provider_name(provider),
        "generated_at": timezone.now().isoformat(),
        "intent": (message or summary_line(editor.done))[:2000],
        "rewrites": {b["_id"]: editor.rewrites[b["_id"]] for b in editor.blocks if b["_id"] in editor.rewrites},
    }
    if not payload["meta"]["rewrites"]:
        del payload["meta"]["rewrites"]
    return save_version(
        website=website,
        slug=draft.slug,
        title=draft.title,
        payload=payload,
        seo_title=draft.seo_title,
        seo_description=draft.seo_description,
        source=PageVersion.Source.EDITED,
        summary=summary,
        author=author,
        api_client=api_client,
    )


def _count_new_components(blocks: list[dict], old_blocks: list[dict]) -> None:
    before = {b.get("_component") for b in old_blocks}
    for component_id in dict.fromkeys(b["_component"] for b in blocks):
        if component_id not in before:
            try:
                track_usage(component_id)
            except AppError:  # the component vanished meanwhile: counting it is not worth failing the edit
                log.warning("Could not count the use of %s", component_id)


def _refused(reply: str) -> EditOutcome:
    return EditOutcome(None, reply, "", False, refused=True)


def _provider_name(provider: object) -> str:
    if isinstance(provider, str) and provider:
        return provider
    return str(getattr(provider, "name", "") or "offline")


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
