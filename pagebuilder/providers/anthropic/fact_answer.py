"""Claude's ``record_facts`` answer read into an ``Extraction``: each fact's fields as ``websites.fact_kinds``
defines them, kept only when the text states it (``stated``); the rest is dropped and counted in the log."""

import logging

from pagebuilder.fact_extraction.found import Extraction, FoundFact
from pagebuilder.providers.anthropic.fact_request import EVIDENCE, NO_RATING, readable_kinds
from pagebuilder.providers.anthropic.stated import Text, kept_fact, leftover
from websites.errors import AppError
from websites.fact_kinds import LIST, LONG_TEXT, MEDIA, RATING, FactKind

log = logging.getLogger(__name__)


def parse_facts(data: object, text: str, *, request_id: str | None = None) -> Extraction:
    """The facts of the answer that ``text`` states, and ``text`` without their sources; AppError when the answer
    is not an object of fact lists."""
    if not isinstance(data, dict):
        raise AppError("Claude returned a malformed list of facts; try again.", details={"request_id": request_id})
    text = str(text or "").replace("\r\n", "\n").replace("\r", "\n")
    reading = Text(text)
    proposed = [(kind, item) for kind in readable_kinds() for item in _items(data.get(kind.key))]
    kept: list[tuple[tuple[int, int], FoundFact]] = []
    for kind, item in proposed:
        span = reading.span(item.get(EVIDENCE))
        fact = kept_fact(kind.key, fact_data(kind, item), text[span[0] : span[1]], reading) if span else None
        if fact is not None:
            kept.append((span, fact))
    dropped = len(proposed) - len(kept)
    if dropped:
        log.info("Dropped %d of the %d facts Claude read: the text does not state them", dropped, len(proposed))
    facts: dict[tuple, FoundFact] = {}  # in the text's order, each fact once
    for _, fact in sorted(kept, key=lambda entry: entry[0][0]):
        facts.setdefault((fact.kind, repr(fact.data)), fact)
    return Extraction(tuple(facts.values()), leftover(text, [span for span, _ in kept]))


def _items(value: object) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def fact_data(kind: FactKind, item: dict) -> dict:
    """The item's fields of ``kind`` with whitespace tidied as ``clean_fact`` would, empty ones left out."""
    data: dict = {}
    for spec in kind.fields:
        value = item.get(spec.name)
        if spec.type == MEDIA or value is None:
            continue
        if spec.type == RATING:
            value = value if isinstance(value, int) and not isinstance(value, bool) and value != NO_RATING else None
        elif spec.type == LIST:
            value = [" ".join(entry.split()) for entry in value if isinstance(entry, str) and entry.strip()]
        elif not isinstance(value, str):
            value = None
        elif spec.type == LONG_TEXT:
            value = "\n".join(" ".join(line.split()) for line in value.strip().splitlines())
        else:
            value = " ".join(value.split())
        if value not in (None, "", []):
            data[spec.name] = value
    return data
