"""Small text helpers the readers share: sentences, lists split outside parentheses, labels, bullets, accents.
Every piece they return is a slice of what they were given, so a fact's ``source`` is exact.
"""

import re
import unicodedata

_BULLET = re.compile(r"^\s*(?:[-*•·▪◦]|\d{1,2}[.)](?!\d))\s+")
_WORD = r"[^\W\d_]+(?:['’-][^\W\d_]+)*"
_LABEL = re.compile(rf"^\s*(?:[-*•·]\s*)?({_WORD}(?:(?:\s+|\s*[&/]\s*){_WORD}){{0,4}})\s*:\s*(.*?)\s*$")
# A sentence ends at . ! ? or … followed by a space and what can start one; never inside quotes or after an
# initial ("Maria G. said") or a common abbreviation ("St. Mary").
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»’)]?\s+(?=[\"“«‘¿¡(]?[A-ZÁÉÍÓÚÑÜ0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:St|Ave|Rd|Dr|Dra|Mr|Mrs|Ms|Sr|Sra|Jr|Prof|No|Nº|Av|Avda|Blvd|Mt|Est|Tel|Tlf|Tfno|approx|vs|etc))"
    r"\.$"
)
LIST_SEPARATOR = re.compile(r"\s*(?:[,;]\s*(?:(?:and|or|y|e|o|&|plus)\s+)?|\s+(?:and|or|y|e|o|&|plus)\s+)", re.I)


def one_space(text: str) -> str:
    return " ".join(text.split())


def capitalise(text: str) -> str:
    """First letter upper, the rest as written ("drop-in" → "Drop-in", "iPhone repairs" stays)."""
    text = text.strip()
    if text[:1].islower() and not text[1:2].isupper():
        return text[:1].upper() + text[1:]
    return text


def fold(text: str) -> str:
    """Lower case without accents, for matching labels and keywords ("Teléfono" → "telefono")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def without_bullet(text: str) -> str:
    """The text after a list bullet ("- ", "• ", "1. "), still a slice of it."""
    match = _BULLET.match(text)
    return text[match.end() :].strip() if match else text.strip()


def label_of(line: str) -> tuple[str, str] | None:
    """("label" folded, value) for "Label: value" lines; None when the line has no label of a few words."""
    match = _LABEL.match(line)
    if not match:
        return None
    return fold(one_space(match.group(1))), match.group(2)


def sentences(text: str) -> list[str]:
    """The sentences of one line, each a slice of it."""
    return [text[start:end] for start, end in sentence_spans(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, without the spaces around it."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + len(match.group(0).rstrip())
        if _ABBREVIATION.search(text[start : match.start()]) or _inside_quotes(text[start:end]):
            continue
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(text)))
    return [_stripped(text, a, b) for a, b in spans if text[a:b].strip()]


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())


def _inside_quotes(text: str) -> bool:
    """Whether a quote opened in ``text`` is still open at its end."""
    opened = sum(text.count(c) for c in "“«„") - sum(text.count(c) for c in "”»")
    return opened > 0 or text.count('"') % 2 == 1


def list_items(text: str) -> list[tuple[int, int]]:
    """(start, end) of the items of "a, b and c" in ``text``; separators inside parentheses do not count."""
    masked = re.sub(r"\([^()]*\)", lambda m: "(" + "x" * (len(m.group()) - 2) + ")", text)
    spans, start = [], 0
    for match in LIST_SEPARATOR.finditer(masked):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def pipe_fields(value: str) -> list[str]:
    return [one_space(part) for part in value.split("|")]


def trim_end(text: str) -> str:
    """Without the sentence's closing full stop (an initial's "G." keeps its own)."""
    text = text.strip()
    if text.endswith((".", "!")) and not re.search(r"(?:\b[A-Z]|\.\.)\.$", text):
        return text[:-1].rstrip()
    return text
