"""Figures: a sentence that is nothing but a number and what it counts ("1,200 members", "15 years of
experience", "Más de 500 alumnos", "We have 98% five-star reviews") and the labelled ``Stat: 3 | generations
of bakers (source)``. A year is no figure, nor is a number inside a longer statement.
"""

import re

from pagebuilder.fact_extraction.found import FoundFact, every, found
from pagebuilder.fact_extraction.prices import has_amount
from pagebuilder.fact_extraction.text import fold, one_space, pipe_fields, trim_end

LABELS = {"stat", "stats", "metric", "figure", "figures", "number", "dato", "datos", "cifra", "cifras"}
_FIGURE = re.compile(
    r"^(?:(?:we have|we've got|we have served|with|tenemos|contamos con)\s+)?"
    r"(?P<value>(?:(?:over|more than|nearly|almost|about|around|roughly|m[áa]s de|casi|unos|unas|cerca de)\s+)?"
    r"\d[\d,.]*(?:\s?[%+kKM]\b|[%+])?)\s+(?P<label>[a-záéíóúñü][\w'’ -]*)$",
    re.I,
)
_YEAR = re.compile(r"^(?:1[89]|20)\d{2}$")
# A label that holds these is a statement, not what a number counts.
_STATEMENT = {"i", "you", "we", "is", "are", "was", "were", "be", "been", "will", "can", "es", "son", "fue", "era",
              "hay", "am", "pm", "hrs"}  # fmt: skip
_FIRST_WORD_NOT = {"am", "pm", "h", "hrs", "to", "a", "y", "and", "de", "for", "on", "at", "in", "by", "en", "por",
                   "para", "the", "el", "la", "of", "or", "o", "x", "times", "veces", "min", "minutes",
                   "minutos"}  # fmt: skip


def read_sentence(chunk: str) -> list[FoundFact]:
    """A figure such as "1,200 members", when the sentence says nothing else."""
    figure = _FIGURE.match(trim_end(chunk))
    if not figure or has_amount(chunk) or len(figure["label"].split()) > 8:
        return []
    value, label = one_space(figure["value"]), one_space(figure["label"])
    words = fold(label).split()
    if _YEAR.match(value) or words[0] in _FIRST_WORD_NOT or any(w in _STATEMENT for w in words):
        return []
    return every([found("stat", {"value": value, "label": label}, chunk)])


def read_labelled(value: str) -> list[FoundFact]:
    """``Stat: 3 | generations of bakers``, ``Stat: 1,200 | members (our 2025 records)`` or ``Stat: 1,200 members``."""
    fields = pipe_fields(value)
    if len(fields) < 2:
        return read_sentence(value)
    label, source = fields[1], fields[2] if len(fields) > 2 else ""
    said = re.match(r"^(.+?)\s*\(([^()]+)\)$", label)
    if said and not source:
        label, source = said.group(1), said.group(2)
    return every([found("stat", {"value": fields[0], "label": label, "source": source}, value)]) if label else []
