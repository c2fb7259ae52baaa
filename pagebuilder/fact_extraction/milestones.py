"""Milestones in the business's history: "2009: started as a pop-up on the pier", "In 2015 we opened our
second studio", "We moved to Mill Lane in 2018", "Founded in 1952", "En 2015 abrimos …" and the labelled
``Milestone: 1952 | What happened | More``. Only what "we/our" did: "I was there in 2009" is no milestone.
"""

import re

from pagebuilder.fact_extraction.found import FoundFact, every, found
from pagebuilder.fact_extraction.text import capitalise, one_space, pipe_fields, trim_end

LABELS = {"milestone", "milestones", "history", "our history", "hito", "hitos", "historia", "nuestra historia"}
_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
           r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto"
           r"|septiembre|octubre|noviembre|diciembre")  # fmt: skip
_DATE = rf"(?:(?:{_MONTHS})\.?\s+(?:de\s+)?)?(?:1[89]|20)\d{{2}}\b"
_DATED = re.compile(rf"^(?P<date>{_DATE})\s*(?P<mark>[:,–—-])\s*(?P<title>.+)$", re.I)
_IN_YEAR = re.compile(rf"^(?:back\s+)?(?:in|en)\s+(?P<date>{_DATE}),?\s+(?P<title>.+)$", re.I)
_YEAR_AT_END = re.compile(rf"^(?P<title>.+?),?\s+(?:in|en)\s+(?P<date>{_DATE})$", re.I)
_FOUNDED = re.compile(
    rf"^(?P<title>founded|established|est\.|opened|fundad[oa]s?|inaugurad[oa]s?|abiert[oa]s?)\s+(?:(?:in|en)\s+)?"
    rf"(?P<date>{_DATE})$",
    re.I,
)
# What the business did: "we", "our", or a Spanish verb in the first person plural ("abrimos", "nacimos").
_OURS = re.compile(r"^(?:we|we've|we're|our|us|nosotros|nuestr[oa]s?|\w+(?:amos|imos|emos))\b", re.I)


def read_sentence(chunk: str) -> list[FoundFact]:
    """One milestone, when the sentence is a dated event of the business and nothing else."""
    text = trim_end(chunk)
    dated = _DATED.match(text)
    if dated and (dated["mark"] != "," or _OURS.match(dated["title"])):
        return _said(dated["date"], dated["title"], chunk)
    for pattern in (_IN_YEAR, _YEAR_AT_END):
        match = pattern.match(text)
        if match and _OURS.match(match["title"]):
            return _said(match["date"], match["title"], chunk)
    founded = _FOUNDED.match(text)
    return _said(founded["date"], founded["title"], chunk) if founded else []


def read_labelled(value: str) -> list[FoundFact]:
    """``Milestone: 1952 | Opened the first shop | Grandma Rosa's bakery``, ``Milestone: 1952 Opened …``."""
    fields = pipe_fields(value)
    if len(fields) >= 2 and fields[0] and fields[1]:
        return _milestone(fields[0], fields[1], fields[2] if len(fields) > 2 else "", value)
    dated = re.match(rf"^(?P<date>{_DATE})\s*[:,–—-]?\s*(?P<title>.+)$", value, re.I)
    return _said(dated["date"], dated["title"], value) if dated else read_sentence(value)


def _milestone(date: str, title: str, description: str, source: str) -> list[FoundFact]:
    return every([found("milestone", {"date": date, "title": title, "description": description}, source)])


def _said(date: str, title: str, source: str) -> list[FoundFact]:
    """A milestone read from a sentence: its title starts with a capital and ends with no full stop."""
    return _milestone(one_space(date), capitalise(one_space(trim_end(title))), "", source)
