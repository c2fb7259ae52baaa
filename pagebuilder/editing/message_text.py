"""The text of a chat message before the grammar reads it: quoted values set aside (they keep their case and
may contain "and"), politeness trimmed, the message split into commands, and the words for positions, sections
and block hints tidied."""

import re

# Opening quote → the characters that may close it.
_QUOTES = {
    '"': '"\u201d',
    "\u201c": '\u201d"',
    "\u201e": '\u201c\u201d"',
    "\u00ab": "\u00bb",
    "\u2018": "\u2019'",
    "'": "'\u2019",
    "\u201a": "\u2018\u2019",
}
_POLITE_START = re.compile(
    r"^(?:(?:please|pls|plz|kindly|now|also|then|and|ok|okay|hey|hi|hello|so|just|maybe|"
    r"(?:can|could|would|will) you(?: please)?|i(?:'d| would) like(?: you)? to|i want(?: you)? to|"
    r"i need(?: you)? to|we need to|let'?s|go ahead and|try to|you can|you could)\b[\s,]*)+",
    re.I,
)
_POLITE_END = re.compile(
    r"(?:[\s,]+(?:please|pls|thanks|thank you|thx|for me|if you can|if possible|now|instead please))*[\s.!?,]*$", re.I
)
_SEPARATORS = re.compile(
    r"\s*(?:;|\n|\r|\.\s+(?=[a-z])|,?\s+and then\s+|,?\s+then\s+|,?\s+and\s+|,\s*(?=(?:please\s+)?"
    r"(?:add|insert|remove|delete|drop|move|put|set|change|update|rewrite|regenerate|swap|use|make|replace)\b))\s*",
    re.I,
)
PLACEHOLDER = re.compile(r"\x00(\d+)\x00")

_LAYOUT_WORDS = re.compile(r"\s+(?:layout|design|style|block|version|one|look|variant)$", re.I)
ARTICLE = re.compile(r"^(?:a|an|the|some|one)\s+", re.I)
_TOP_WORDS = {"top", "start", "beginning", "first", "on top", "higher", "further up"}
_BOTTOM_WORDS = {"bottom", "end", "last", "lower", "further down"}


def protect_quotes(text: str) -> tuple[str, list[str]]:
    """``text`` with quoted values replaced by placeholders, and the values. A quote opens at the start or after a
    space or bracket and closes before a space, punctuation or the end, so apostrophes inside ("Rosa's") stay."""
    values: list[str] = []
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char in _QUOTES and (index == 0 or not text[index - 1].isalnum()):
            end = _closing_quote(text, index + 1, _QUOTES[char])
            if end is not None:
                values.append(text[index + 1 : end])
                out.append(f"\x00{len(values) - 1}\x00")
                index = end + 1
                continue
        out.append(char)
        index += 1
    return "".join(out), values


def _closing_quote(text: str, start: int, closers: str) -> int | None:
    for index in range(start, len(text)):
        if text[index] in closers and (index + 1 == len(text) or not text[index + 1].isalnum()):
            return index
    return None


def restore_quotes(text: str, values: list[str]) -> str:
    return PLACEHOLDER.sub(lambda m: values[int(m.group(1))], text)


def strip_politeness(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _POLITE_START.sub("", text.strip())
        text = _POLITE_END.sub("", text).strip()
    return text


def split_commands(text: str) -> list[str]:
    return [part for part in (strip_politeness(p) for p in _SEPARATORS.split(text)) if part]


def position_word(word: str | None) -> str:
    word = " ".join((word or "").lower().split())
    word = re.sub(r"^(?:at|to) the (?:very )?", "", word).removesuffix(" of the page")
    if word in ("before", "above", "ahead of", "in front of", "on top of"):
        return "before"
    if word in ("after", "below", "beneath", "under", "underneath", "following"):
        return "after"
    if word in ("up",) or word in ("higher", "further up"):
        return "up"
    if word in ("down", "lower", "further down"):
        return "down"
    if word in _TOP_WORDS:
        return "top"
    if word in _BOTTOM_WORDS:
        return "bottom"
    return ""


def section_ref(text: str | None) -> str:
    """A section reference as the editor wrote it, tidied: "the testimonials section" → "the testimonials"."""
    return " ".join((text or "").split()).strip(" ,.")


def block_hint(text: str) -> str:
    text = ARTICLE.sub("", " ".join(text.split()).strip(" ,."))
    previous = None
    while previous != text:
        previous = text
        text = _LAYOUT_WORDS.sub("", text)
    return text.strip()
