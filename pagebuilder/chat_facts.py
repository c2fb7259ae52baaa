"""Facts an editor states in a chat message or a page's facts text: read by the configured provider
(``fact_reading``: Claude, or the offline extractor), shown under the message with what was understood, and saved
to the site's facts when the editor confirms, so the next page knows them too. Nothing is saved without that
confirmation."""

from pagebuilder.fact_extraction import describe
from pagebuilder.fact_extraction.found import Extraction
from pagebuilder.fact_reading import read_facts
from pagebuilder.models import Message
from websites.models import SiteFact
from websites.site_facts import not_stored, save_found


def note_found_facts(message: Message, text: str) -> None:
    """Record on ``message`` the facts ``text`` states that the site does not have yet."""
    reading = read_facts(text, website=message.conversation.website)  # offline when past the AI budget
    extraction = reading.extraction
    new = not_stored(message.conversation.website, [(fact.kind, fact.data) for fact in extraction.facts])
    if not new:
        return
    found = tuple(fact for fact in extraction.facts if (fact.kind, fact.data) in new)
    said = describe(Extraction(found, ""))
    message.data = {**message.data, "found_facts": [{"kind": kind, "data": data} for kind, data in new],
                    "found_text": f"{said} ({reading.note})" if reading.note else said}  # fmt: skip
    message.save(update_fields=["data"])


def save_noted_facts(message: Message) -> int:
    """Save the facts noted on ``message`` to its website; how many were new."""
    found = [(entry["kind"], entry["data"]) for entry in message.data.get("found_facts") or []]
    saved = save_found(message.conversation.website, found, source=SiteFact.Source.CONFIRMED)
    message.data = {**message.data, "facts_saved": len(saved)}
    message.save(update_fields=["data"])
    return len(saved)
