"""Whether the text states a fact Claude read from it, so that no sentence becomes a fact it does not state.

A fact is kept only when its source (the answer's ``evidence``) occurs in the text (whitespace collapsed, case
ignored, typographic quotes and dashes made plain) and its identifying values occur there too (``CHECKS``: names,
the quote's and question's words, the digits of prices, hours, dates and phones, the e-mail). Any other field
whose words or numbers the source does not hold is left out, or the fact is dropped when that field is required.
``leftover`` is the text without the sources of the facts kept: the lines that stated none.
"""

import re

from pagebuilder.fact_extraction.found import FoundFact, found
from websites.fact_kinds import KINDS, LIST

# How a field's value must occur: NAME every word in the source (or the whole name in the text), MOST at least
# MOST_SHARE of its words in the source, SOME at least SOME_SHARE of them, NUMBERS each number in the source,
# DIGITS its digits in a row in the source's digits, EXACT the value itself in the source.
NAME, MOST, SOME, NUMBERS, DIGITS, EXACT = "name", "most", "some", "numbers", "digits", "exact"
MOST_SHARE, SOME_SHARE = 0.8, 0.5
MIN_SOURCE = 5  # characters: a shorter piece ("an") names no place in the text
STEM = 5  # words of at least STEM letters match on their first STEM letters ("class" and "classes")
CHECKS: dict[str, tuple[tuple[str, str], ...]] = {
    "testimonial": (("name", NAME), ("quote", MOST)),
    "team_member": (("name", NAME),),
    "pricing_plan": (("price", NUMBERS), ("name", SOME)),
    "faq": (("question", MOST), ("answer", MOST)),
    "opening_hours": (("hours", NUMBERS),),
    "address": (("address", NUMBERS), ("address", MOST)),
    "phone": (("phone", DIGITS),),
    "email": (("email", EXACT),),
    "stat": (("value", NUMBERS),),
    "milestone": (("date", NUMBERS),),
    "offering": (("name", SOME), ("price", NUMBERS)),
    "menu_item": (("name", SOME), ("price", NUMBERS)),
    "job": (("title", SOME),),
    "post": (("title", MOST), ("date", NUMBERS)),
}
# Fields written in other words than the text's by nature: "USD" for "$", "Monday to Friday" for "Mon–Fri".
UNCHECKED = {("pricing_plan", "currency"), ("opening_hours", "days")}
_PLAIN = {
    **dict.fromkeys("“”„‟«»″", '"'),
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),  # single quotes, prime
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),  # hyphens, dashes, minus
    "…": "...",
}
_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d+")
_BARE_LABEL = re.compile(r"^[^\W\d][\w '&/-]{0,40}:$")
_EDGES = " ,;|-"
_LEADING = " ,;.:!?|-"  # what a removed source leaves at the start of the rest of its line


def plain(text: str) -> tuple[str, list[int]]:
    """``text`` compared as written: whitespace collapsed, casefolded, quotes and dashes plain; with the index in
    ``text`` of each character of the result."""
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                where.append(index)
            continue
        for piece in _PLAIN.get(char, char).casefold():
            out.append(piece)
            where.append(index)
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


class Text:
    """The editor's text, ready for finding sources and values in it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.plain, self.where = plain(text)
        self.words = _words(self.plain)

    def span(self, source: object) -> tuple[int, int] | None:
        """Where ``source`` occurs in the text (start, end), or None."""
        if not isinstance(source, str):
            return None
        key = plain(source.replace("\\u003c", "<"))[0].strip(_EDGES)
        position = self.plain.find(key) if len(key) >= MIN_SOURCE else -1
        if position < 0:
            return None
        return self.where[position], self.where[position + len(key) - 1] + 1


def kept_fact(kind: str, data: dict, source: str, text: Text) -> FoundFact | None:
    """The fact as the text states it (``source`` the exact piece of the text), or None when it is not stated."""
    data = dict(data)
    for name, value in list(data.items()):
        if any(name == field for field, _ in CHECKS.get(kind, ())) or (kind, name) in UNCHECKED:
            continue
        spec = KINDS[kind].field(name)
        if spec is not None and spec.type == LIST:
            data[name] = [item for item in value if _said(item, source, SOME)]
        elif name == "rating":
            stated = 1 <= value <= 5 and (str(value) in _NUMBER.findall(source) or "★" * value in source)
            data[name] = value if stated else None
        elif not _said(str(value), source, SOME):
            if spec is not None and spec.required:
                return None
            data[name] = None
    for name, how in CHECKS.get(kind, ()):
        value = data.get(name)
        if value and not (_said(str(value), source, how) or (how == NAME and plain(str(value))[0] in text.plain)):
            return None
    return found(kind, data, source)


def _said(value: str, source: str, how: str) -> bool:
    """Whether ``source`` holds ``value`` as ``how`` asks (see CHECKS)."""
    said, _ = plain(source)
    if how == EXACT:
        return plain(value)[0] in said
    if how == DIGITS:
        digits = "".join(_NUMBER.findall(value))
        return bool(digits) and digits in "".join(_NUMBER.findall(said))
    if how == NUMBERS:
        return set(_NUMBER.findall(value)) <= set(_NUMBER.findall(said))
    wanted, held = _words(plain(value)[0]), _words(said)
    if not wanted:
        return True
    share = sum(1 for word in wanted if _held(word, held)) / len(wanted)
    numbers_ok = set(_NUMBER.findall(value)) <= set(_NUMBER.findall(said))
    needed = {NAME: 1.0, MOST: MOST_SHARE}.get(how, SOME_SHARE)
    return share >= needed and numbers_ok


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _held(word: str, held: list[str]) -> bool:
    if word in held:
        return True
    return len(word) >= STEM and any(other[:STEM] == word[:STEM] for other in held if len(other) >= STEM)


def leftover(text: str, spans: list[tuple[int, int]]) -> str:
    """The lines of ``text`` without the pieces ``spans`` cover; a line nothing covers stays as written (stripped),
    what remains of a covered one is kept when it still holds a word; a bare heading ("Teachers:") goes."""
    covered = bytearray(len(text))
    for start, end in spans:
        covered[start:end] = b"\x01" * (end - start)
    kept, offset = [], 0
    for line in text.split("\n"):
        marks = covered[offset : offset + len(line)]
        offset += len(line) + 1
        rest = line.strip()
        if any(marks):
            rest = " ".join("".join(" " if mark else char for char, mark in zip(line, marks, strict=True)).split())
            rest = rest.lstrip(_LEADING).rstrip(_EDGES) if _WORD.search(rest) else ""
        if rest and not _BARE_LABEL.match(rest):
            kept.append(rest)
    return "\n".join(kept)
