"""The chat's one entry point for changing a page: ``refine_page(website, slug, message)``.

The provider is ``provider_name`` or ``settings.LLM_PROVIDER``. Offline, the message goes through the command
grammar (``pagebuilder.chat_commands``): operations are applied, anything else gets a reply with examples.
With Claude, ``AnthropicProvider.plan_edit`` turns the message into operations, which ``apply_edits`` validates
and applies exactly like the offline ones; a failed call (AppError) becomes a reply and nothing is saved.
Either way the answer is an ``EditOutcome``: the new version (or None), the reply to show, a one-line summary
and whether anything changed; Claude's token usage rides along in ``usage``.

"undo" is not handled here: the chat has an Undo button (``pages.undo``), and a message asking to undo gets
a reply pointing to it.
"""

import logging
import re
from dataclasses import asdict

from django.conf import settings

from pagebuilder import chat_commands
from pagebuilder.edits import EditOutcome, apply_edits, edit_candidates, edit_context
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

    ``additional_context`` overrides the facts the page was generated with (see ``pagebuilder.edits``).
    """
    text = (message or "").strip()
    if not text:
        return EditOutcome(None, "Type what to change, e.g. 'add a faq section'.", "", False)
    if asks_to_undo(text):
        return EditOutcome(None, UNDO_REPLY, "", False)
    draft = latest_version(website, slug)
    if draft is None:
        return EditOutcome(
            None, f"There is no page at /{slug} to change yet. Generate it first, e.g. 'Make an about page'.", "", False
        )
    name = provider_name or settings.LLM_PROVIDER
    if name != "anthropic":
        parsed = chat_commands.parse(text, draft.design_payload)
        if parsed.ops is None:
            return EditOutcome(None, parsed.help or "I didn't understand that.", "", False)
        return apply_edits(
            website, slug, parsed.ops, author=author, provider="offline", message=text,
            additional_context=additional_context,
        )  # fmt: skip
    return _refine_with_claude(website, slug, draft, text, author, additional_context)


def _refine_with_claude(website, slug, draft, text, author, additional_context) -> EditOutcome:
    usage: list[dict] = []
    try:
        provider = get_provider("anthropic")
        ectx = edit_context(website, draft, additional_context)
        ectx.candidates = edit_candidates(ectx, text)
        ops, reply, usages = provider.plan_edit(ectx, draft.design_payload, text)
        usage = [asdict(u) for u in usages]
    except AppError as error:
        log.warning("Claude could not plan the edit of /%s: %s", slug, error.message)
        details = error.details if isinstance(error.details, dict) else {}
        paid = details.get("usage") if isinstance(details.get("usage"), list) else []
        return EditOutcome(None, f"Claude could not make this change: {error.message}", "", False, usage=paid)
    if not ops:
        return EditOutcome(None, reply or "Claude proposed no change; try saying it differently.", "", False, usage)
    outcome = apply_edits(
        website, slug, ops, author=author, provider="anthropic", message=text, base_version=draft, ectx=ectx
    )
    outcome.usage = usage
    if outcome.changed and reply:
        outcome.reply = f"{reply}\n{outcome.reply}"
    elif not outcome.changed and reply:
        outcome.reply = f"{outcome.reply}\n(Claude had planned: {reply})"
    return outcome
