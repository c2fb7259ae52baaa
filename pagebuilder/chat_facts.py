"""Facts an editor states in a chat message or a page's facts text: found with the offline extractor, shown
under the message with what was understood, and saved to the site's facts when the editor confirms, so the
next page knows them too. Nothing is saved without that confirmation."""

from pagebuilder.fact_extraction import describe, extract_facts
from pagebuilder.fact_extraction.found import Extraction
from pagebuilder.models import Message
from websites.models import SiteFact, Website
from websites.site_facts import facts_of, save_found


def note_found_facts(message: Message, text: str) -> None:
    """Record on ``message`` the facts ``text`` states that the site does not have yet."""
    website = message.conversation.website
    extraction = extract_facts(text)
    new = [fact for fact in extraction.facts if not _stored(website, fact.kind, fact.data)]
    if not new:
        return
    message.data = {**message.data, "found_facts": [{"kind": f.kind, "data": f.data} for f in new],
                    "found_text": describe(Extraction(tuple(new), ""))}  # fmt: skip
    message.save(update_fields=["data"])


def save_noted_facts(message: Message) -> int:
    """Save the facts noted on ``message`` to its website; how many were new."""
    found = [(entry["kind"], entry["data"]) for entry in message.data.get("found_facts") or []]
    saved = save_found(message.conversation.website, found, source=SiteFact.Source.CONFIRMED)
    message.data = {**message.data, "facts_saved": len(saved)}
    message.save(update_fields=["data"])
    return len(saved)


def _stored(website: Website, kind: str, data: dict) -> bool:
    return facts_of(website, kind).filter(data=data).exists()
