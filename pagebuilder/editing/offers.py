"""The blocks a model may add or swap to for a chat message: only messages that add or swap get any, and only
for the kinds of section the message names (or, for a swap naming none, the section whose blocks match its
words), so an edit request stays small however large the registry is."""

import re

from pagebuilder.candidates import candidate_from
from pagebuilder.editing.checks import CheckedPage
from pagebuilder.editing.origin import EditContext
from pagebuilder.editing.outcome import EditRefused
from pagebuilder.editing.vocabulary import SYNONYM_TO_TYPE
from pagebuilder.structure import Candidate

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
    editor = CheckedPage(ectx)
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
