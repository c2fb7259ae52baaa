"""What the extractor hands back (``FoundFact``, ``Extraction``) and ``found``, the one place a fact is made:
its data is checked against ``websites.fact_kinds`` so every extracted fact can be saved as it is.
"""

from dataclasses import dataclass

from websites.errors import InvalidInput
from websites.fact_kinds import clean_fact


@dataclass(frozen=True)
class FoundFact:
    kind: str  # a key of websites.fact_kinds.KINDS
    data: dict  # passes clean_fact(kind, data) unchanged
    source: str  # the exact piece of the text it came from


@dataclass(frozen=True)
class Extraction:
    facts: tuple[FoundFact, ...] = ()
    leftover: str = ""  # the lines and sentences that became no fact, as written

    def of_kind(self, kind: str) -> list[dict]:
        return [fact.data for fact in self.facts if fact.kind == kind]


def found(kind: str, data: dict, source: str) -> FoundFact | None:
    """The fact, or None when its data would not be saved unchanged (a field too long, one required missing):
    a fact the schema would alter or refuse is not the fact the text states."""
    data = {name: value for name, value in data.items() if value not in (None, "", [])}
    try:
        cleaned = clean_fact(kind, data)
    except InvalidInput:
        return None
    return FoundFact(kind, data, source.strip()) if cleaned == data else None


def every(facts: list[FoundFact | None]) -> list[FoundFact]:
    """All the facts, or none when one of them failed: a list read half is not what the text says."""
    return [fact for fact in facts if fact] if facts and all(facts) else []
