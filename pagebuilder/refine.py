"""The chat's one entry point for changing a page: ``refine_page(website, slug, message)``.

The provider (``provider_name`` or ``settings.LLM_PROVIDER``) plans the operations (``Provider.plan_edit``:
offline the command grammar of ``pagebuilder.editing.grammar``, with Claude a model call); ``apply_edits``
validates and applies them the same way whoever planned them. A message the planner does not understand, or a
failed model call (AppError), becomes a reply and nothing is saved.
Either way the answer is an ``EditOutcome``: the new version (or None), the reply to show, a one-line summary
and whether anything changed; Claude's token usage rides along in ``usage``.

"undo" is not handled here: the chat has an Undo button (``pages.undo``), and a message asking to undo gets
a reply pointing to it.
"""

import logging
import re
import time
from dataclasses import asdict

from pagebuilder.editing.apply import apply_edits
from pagebuilder.editing.origin import edit_context
from pagebuilder.editing.outcome import EditOutcome
from pagebuilder.operation_metrics import record_edit
from pagebuilder.pages import latest_version
from pagebuilder.providers import get_provider
from websites.errors import AppError
from websites.models import Website

log = logging.getLogger(__name__)

UNDO_REPLY = (
    "To take back the last change, use the Undo button: the version before it becomes the draft again "
    "(nothing is deleted, and every version stays in the page's history)."
)
_UNDO = re.compile(
    r"^(?:please |can you |could you )*(?:undo|revert|roll ?back|go back|take (?:that|it) back)"
    r"(?: that| this| it| the last (?:change|edit|step)| my last (?:change|edit)| please| thanks)*$"
)


def asks_to_undo(message: str) -> bool:
    words = " ".join(re.sub(r"[.,;:!?]+", " ", (message or "").lower()).split())
    return bool(_UNDO.match(words))


def refine_page(
    website: Website,
    slug: str,
    message: str,
    *,
    author=None,
    provider_name: str | None = None,
    additional_context: str | None = None,
) -> EditOutcome:
    """Change the draft of ``slug`` as ``message`` asks; never raises for what the editor typed.

    ``additional_context`` overrides the facts the page was generated with (see ``pagebuilder.editing.origin``).
    """
    text = (message or "").strip()
    if not text:
        return EditOutcome(None, "Type what to change, e.g. 'add a faq section'.", "", False, refused=True)
    if asks_to_undo(text):
        return EditOutcome(None, UNDO_REPLY, "", False, refused=True)
    draft = latest_version(website, slug)
    if draft is None:
        return EditOutcome(
            None, f"There is no page at /{slug} to change yet. Generate it first, e.g. 'Make an about page'.", "", False
        )
    provider = get_provider(provider_name)
    started = time.monotonic()
    outcome = _refine(website, slug, draft, text, author, provider, additional_context)
    record_edit(website.pk, provider.name, started, outcome)
    return outcome


def _refine(website, slug, draft, text, author, provider, additional_context) -> EditOutcome:
    usage: list[dict] = []
    try:
        ectx = edit_context(website, draft, additional_context)
        ops, reply, usages = provider.plan_edit(ectx, draft.design_payload, text)
        usage = [asdict(u) for u in usages]
    except AppError as error:
        log.warning("%s could not plan the edit of /%s: %s", provider.display_name, slug, error.message)
        details = error.details if isinstance(error.details, dict) else {}
        paid = details.get("usage") if isinstance(details.get("usage"), list) else []
        reply = f"{provider.display_name} could not make this change: {error.message}"
        return EditOutcome(None, reply, "", False, usage=paid, refused=True)
    if ops is None:
        return EditOutcome(None, reply or "I didn't understand that.", "", False, usage, refused=True)
    if not ops:
        said = reply or f"{provider.display_name} proposed no change; try saying it differently."
        return EditOutcome(None, said, "", False, usage, refused=True)
    outcome = apply_edits(
        website, slug, ops, author=author, provider=provider.name, message=text, base_version=draft, ectx=ectx
    )
    outcome.usage = usage
    if outcome.changed and reply:
        outcome.reply = f"{reply}\n{outcome.reply}"
    elif not outcome.changed and reply:
        outcome.reply = f"{outcome.reply}\n({provider.display_name} had planned: {reply})"
    return outcome
