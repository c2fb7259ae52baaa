"""Testimonials: a quote in straight, curly or « » quotes followed by "— Name, role", on one line or with the
name on the next; "Name said: “…”"; labelled ``Testimonial:`` / ``Reseña:`` lines (also ``quote | name | role``).
A rating is read from "(5 stars)", "5 estrellas", "★★★★★" or "5/5". A quote with no name is no testimonial.
"""

import re
from collections.abc import Callable
from typing import Any

from pagebuilder.fact_extraction.found import FoundFact, every, found
from pagebuilder.fact_extraction.names import is_name
from pagebuilder.fact_extraction.text import one_space, pipe_fields, trim_end

LABELS = {"testimonial", "testimonials", "review", "reviews", "resena", "resenas", "opinion", "opiniones",
          "testimonio", "testimonios"}  # fmt: skip
_CLOSERS = {'"': '"”“', "“": "”“\"", "”": "”\"", "«": "»", "„": "“”", "‘": "’", "'": "'"}  # fmt: skip
_RATINGS = (
    re.compile(r"\(?\s*\b([1-5])(?:[.,]0)?\s*(?:/\s*5\s*)?(?:stars?|estrellas?|★)\s*\)?", re.I),
    re.compile(r"\(?\s*\b([1-5])\s*/\s*5\b\s*\)?"),
    re.compile(r"(★{1,5})☆*"),
)
# What comes between a quote and its author: a dash, or "says" ("“Amazing place,” says Tom").
_DASH = re.compile(r"^\s*(?:[-–—―~]+|,?\s*(?:says|said|writes|wrote|dice|dijo|comenta)\b)\s*")
_SAID = re.compile(
    r"^(?P<who>[^\"“«„:]{2,90}?),?\s+(?:said|says|wrote|writes|told us|dijo|dice|escribi[óo]|coment[óo]|comenta)"
    r"\s*:?\s*(?P<quoted>[\"“«„‘].*)$"
)
_LONGEST = 1200  # longer than any quote a testimonial may hold: no need to look further


def read_line(chunk: str) -> list[FoundFact]:
    """One line: “quote” — Name, role (rating), or Name said: “quote”."""
    if len(chunk) > _LONGEST:
        return []
    said = _SAID.match(chunk)
    if said:
        person = _person(said.group("who"))
        quoted = _quoted(said.group("quoted"), lambda rest: rest.strip(" .") == "" or None)
        if person and quoted:
            return _testimonial(quoted[0], *person, quoted[2], chunk)
    text, first_rating = _leading_rating(chunk)
    quoted = _quoted(text, _attribution)
    return _testimonial(quoted[0], *quoted[1], first_rating or quoted[2], chunk) if quoted else []


def read_pair(line: str, next_line: str) -> list[FoundFact]:
    """A quote alone on its line (perhaps with a rating, before or after it), "— Name, role" on the next."""
    text, first_rating = _leading_rating(line.strip())
    quoted = _quoted(text, lambda rest: rest.strip() == "" or None)
    if not quoted or len(line) > _LONGEST:
        return []
    rest, rating = _without_rating(next_line)
    person = _attribution(rest)
    if not person:
        return []
    return _testimonial(quoted[0], *person, first_rating or quoted[2] or rating, f"{line}\n{next_line}")


def read_labelled(value: str) -> list[FoundFact]:
    """``Testimonial: "…" — Name, role (5 stars)``, ``Testimonial: quote | name | role`` or an unquoted quote."""
    if "|" in value:
        rest, rating = _without_rating(value)
        fields = [*pipe_fields(rest), ""]
        quote = fields[0].strip("\"“”'‘’«» ")
        return _testimonial(quote, fields[1], fields[2], rating, value) if len(fields) > 2 else []
    facts = read_line(value)
    if facts or value[:1] in _CLOSERS:
        return facts
    for dash in reversed(list(re.finditer(r"\s[-–—―]+\s", value))):
        rest, rating = _without_rating(value[dash.start() :])
        person = _attribution(rest)
        if person:
            return _testimonial(value[: dash.start()].strip(), *person, rating, value)
    return []


def _quoted(text: str, read_rest: Callable[[str], Any]) -> tuple[str, Any, int | None] | None:
    """(quote, what ``read_rest`` made of the text after it, rating) for the longest quote whose rest reads."""
    if not text or text[0] not in _CLOSERS:
        return None
    for end in range(len(text) - 1, 0, -1):
        if text[end] in _CLOSERS[text[0]]:
            rest, rating = _without_rating(text[end + 1 :])
            made = read_rest(rest)
            if made:
                return text[1:end].strip(), made, rating
    return None


def _leading_rating(text: str) -> tuple[str, int | None]:
    """The stars before a quote ("★★★★★ “quote” — Name"), and the text after them."""
    for pattern in _RATINGS:
        match = pattern.match(text)
        if match and match.group().strip():
            return text[match.end() :].lstrip(), _rating(match)
    return text, None


def _without_rating(text: str) -> tuple[str, int | None]:
    """The text without its rating ("(5 stars)", "4/5", "★★★★"), and the rating."""
    for pattern in _RATINGS:
        match = pattern.search(text)
        if match:
            return text[: match.start()] + " " + text[match.end() :], _rating(match)
    return text, None


def _rating(match: re.Match) -> int:
    stars = match.group(1)
    return len(stars) if stars.startswith("★") else int(stars)


def _attribution(rest: str) -> tuple[str, str] | None:
    """("Maria G.", "member since 2021") from "— Maria G., member since 2021"."""
    dash = _DASH.match(rest)
    return _person(rest[dash.end() :]) if dash else None


def _person(text: str) -> tuple[str, str] | None:
    text = trim_end(one_space(text).strip(" ,;"))
    parens = re.match(r"^(.+?)\s*\(([^()]+)\)$", text)
    name, _, role = (parens.group(1), "", parens.group(2)) if parens else text.partition(",")
    name, role = name.strip(), trim_end(role.strip())
    return (name, role) if is_name(name) else None


def _testimonial(quote: str, name: str, role: str, rating: int | None, source: str) -> list[FoundFact]:
    if not quote.strip(" .…"):
        return []
    # A comma before the closing quote ("Amazing place," says Tom) belongs to the sentence around the quote.
    data = {"quote": one_space(quote).rstrip(","), "name": name, "role": role, "rating": rating}
    return every([found("testimonial", data, source)])
