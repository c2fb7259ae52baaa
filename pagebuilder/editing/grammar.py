"""The offline chat grammar: an editor's message → edit operations (``operations``), without a model.

``parse(message, payload)`` never raises: it returns the operations, or a helpful reply with examples
(``HELP_EXAMPLES``, which the chat UI also shows) when it does not understand a part of the message.

Grammar (case-insensitive; "please", "can you", "could you", "I'd like to", "thanks" and a trailing "." or
"!" are ignored; values in straight or curly quotes keep their case and may contain "and"):

- several commands: joined by " and ", " then ", ";", a new line, or ", " before the next verb. A part without
  a verb takes the previous part's add / remove / regenerate verb: "remove the faq and the gallery".
- add:         ``add|insert|include|append|put in [a|an|some] <type> [section] [<position>]``
               e.g. "add a faq section", "add testimonials after the about section", "add a map at the bottom"
- remove:      ``remove|delete|drop|get rid of|take out|hide <section>``, e.g. "remove the testimonials"
- move:        ``move|put|place|shift <section> <position>`` or ``move <section> up|down``,
               e.g. "move the faq above the cta", "move the gallery to the top"
- set text:    ``set|change|update|make|replace|rename|edit <field> [of <section>] to|as|with "<text>"`` or
               ``… <section> <field> to "<text>"``, e.g. "set the hero headline to 'Fresh bread daily'",
               "change the cta button to “Book now”". Fields: headline / title / heading, subtitle / tagline,
               description / text, eyebrow, button / button label, secondary button, or a prop path. Without a
               section, headline, subtitle, eyebrow and button mean the hero's. Unquoted text is accepted
               when a field is named: "set the headline to Fresh bread daily".
- regenerate:  ``regenerate|rewrite|redo|refresh|reword|rephrase <section>``, e.g. "rewrite the about section"
- swap:        ``use|try|switch to [a|an] <hint> [for|in <section>] [instead]`` ("use a carousel instead": the
               section is the one whose category has a block matching the hint),
               ``swap|switch|replace|change <section> for|with|to|into [a] <hint>`` ("swap the testimonials
               for a grid"), ``use|try a different|another <section>`` ("use a different hero"),
               ``show <section> as a <hint>``. When the hint names another kind of section ("swap the
               testimonials for a faq"), the section is replaced by a new one of that kind at its place.
- tone:        ``make <section|it|the page> [sound] [more|less] <tone>``, ``change the tone [of <section>] to
               <tone>``, ``use a <tone> tone [for <section>]`` — Claude only; offline the reply says so.

Positions: ``before|above|ahead of <section>``, ``after|below|under|following <section>``,
``at|to the top|start|beginning`` / ``first``, ``at|to the bottom|end`` / ``last``.
Sections are named as ``EditablePage.resolve`` resolves them: by type, category, block name or synonym, with an
optional ordinal ("the second faq", "the last section", "section 3").
"undo" is not a command here: the chat's Undo button takes back the last change (``pagebuilder.refine``).
"""

import re
from dataclasses import dataclass, fields, replace

from pagebuilder.editing.operations import Add, Move, Regenerate, Remove, SetText, Swap, Tone
from pagebuilder.editing.vocabulary import FIELD_ALIASES, canonical_type, known_type, normalise

HELP_EXAMPLES = [
    "add a faq section",
    "add testimonials after the about section",
    "remove the testimonials",
    "move the faq above the cta",
    "move the gallery to the top",
    "set the hero headline to 'Fresh bread daily'",
    "change the cta button to 'Book now'",
    "regenerate the hero",
    "use a carousel instead",
    "swap the testimonials for a grid",
    "use a different hero",
]
MAX_COMMANDS = 10

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
_PLACEHOLDER = re.compile(r"\x00(\d+)\x00")

_WHERE = (
    r"(?:(?P<pos>before|above|ahead of|in front of|on top of|after|below|beneath|under|underneath|following)\s+"
    r"(?:of\s+)?(?P<anchor>.+)|(?P<end>(?:at|to) the (?:very )?(?:top|start|beginning|bottom|end)(?: of the page)?|"
    r"on top|first|last|up|down|higher|lower|further up|further down))"
)
_ADD = re.compile(r"^(?:add|insert|include|append|put in|put|place|give me|i want|we want)\s+(?P<rest>.+)$", re.I)
_REMOVE = re.compile(
    r"^(?:remove|delete|drop|get rid of|take out|take away|hide|cut|lose|kill|scrap|ditch)\s+(?P<section>.+?)"
    r"(?:\s+(?:from|off) (?:the|this) page)?$",
    re.I,
)
_MOVE = re.compile(
    rf"^(?:move|put|place|shift|bring|drag|push)\s+(?P<section>.+?)\s+{_WHERE}$",
    re.I,
)
_SET = re.compile(
    r"^(?:set|change|update|make|replace|rename|edit|write|put|let)\s+(?P<target>.+?)\s+"
    r"(?:to read|to say|to be|read|say|to|with|as|into|=|:)\s+(?P<value>.+)$",
    re.I,
)
_REGENERATE = re.compile(
    r"^(?:regenerate|re-generate|rewrite|re-write|redo|re-do|refresh|redraft|reword|rephrase|rework|"
    r"write again|generate again|write a new version of|give me a new version of|new text for|new copy for)\s+"
    r"(?P<section>.+?)(?:\s+again)?$",
    re.I,
)
_TONE = [
    re.compile(
        r"^(?:change|set|adjust|switch)\s+the\s+(?:tone|voice)(?:\s+of\s+(?P<section>.+?))?\s+to\s+(?P<tone>.+)$",
        re.I,
    ),
    re.compile(
        r"^(?:use|write in|try|give (?:it|the page)|rewrite (?P<section2>.+?) in)\s+(?:a|an)\s+(?P<tone>.+?)\s+"
        r"(?:tone|voice)(?:\s+(?:for|in|on)\s+(?P<section>.+))?$",
        re.I,
    ),
    re.compile(
        r"^(?:make|have)\s+(?P<section>it|this|the page|the whole page|everything|the copy|the text|the texts|"
        r"the wording|the tone|.+?)\s+(?:sound\s+|read\s+|feel\s+)?(?P<tone>(?:(?:a (?:bit|little)|much|slightly|"
        r"way|even|very|more|less)\s+)*[a-z-]+(?:er|ier|al|ful|ive|ic|ous|y|ish|ly|ing|ed|ant|ent|le)"
        r"(?:\s+and\s+[a-z-]+)?)$",
        re.I,
    ),
    re.compile(r"^(?P<tone>(?:more|less)\s+[a-z-]+(?:\s+and\s+[a-z-]+)?)(?:\s+(?:for|in)\s+(?P<section>.+))?$", re.I),
]
_SWAP_WITH = re.compile(
    r"^(?:swap|switch|replace|change|exchange|turn|convert)\s+(?P<section>.+?)\s+(?:for|with|to|into|by)\s+"
    r"(?P<hint>.+)$",
    re.I,
)
_SWAP_ALONE = re.compile(
    r"^(?:swap|switch|replace|change)\s+(?:out\s+)?(?P<section>.+?)(?:\s+(?:block|layout|design|style))?$", re.I
)
_USE_DIFFERENT = re.compile(
    r"^(?:use|try|pick|choose|show|give me|go with|switch to|change to|i want|we want)\s+(?:a|an|the|some)?\s*"
    r"(?:different|another|other|new)\s+(?P<section>.+?)$",
    re.I,
)
_SHOW_AS = re.compile(
    r"^(?:show|display|present|lay out|make|turn)\s+(?P<section>.+?)\s+(?:as|into|like)\s+(?P<hint>.+)$", re.I
)
_USE_HINT = re.compile(
    r"^(?:use|try|pick|choose|go with|switch to|change to|give me|make it|show)\s+(?P<hint>.+?)"
    r"(?:\s+(?:for|in|on)\s+(?P<section>.+?))?$",
    re.I,
)
_INSTEAD = re.compile(r"\s+instead(?:\s+of\s+(?P<of>.+))?$", re.I)
_LAYOUT_WORDS = re.compile(r"\s+(?:layout|design|style|block|version|one|look|variant)$", re.I)
_ARTICLE = re.compile(r"^(?:a|an|the|some|one)\s+", re.I)
_FIELD = re.compile(
    r"(?P<field>(?:primary |main |secondary |second |cta )?button(?: label| text)?|headline|heading|title|"
    r"sub-?title|sub-?headline|sub-?heading|tagline|eyebrow|kicker|description|intro|text|body|label|caption|"
    r"announcement)",
    re.I,
)
_FIELD_FIRST = re.compile(rf"^(?:the\s+)?{_FIELD.pattern}\s+(?:of|in|on|for)\s+(?P<section>.+)$", re.I)
_FIELD_LAST = re.compile(rf"^(?P<section>.*?)(?:'s)?\s*\b{_FIELD.pattern}$", re.I)
_PROP_PATH = re.compile(r"^[A-Za-z_][\w]*(?:\[\d+\])?(?:\.[A-Za-z_][\w]*(?:\[\d+\])?)+$")
_TOP_WORDS = {"top", "start", "beginning", "first", "on top", "higher", "further up"}
_BOTTOM_WORDS = {"bottom", "end", "last", "lower", "further down"}
_VERBS = (_ADD, _REMOVE, _REGENERATE)
_SECTION_PRONOUNS = {"it", "this", "the page", "the whole page", "everything", "the copy", "the text", "the texts",
                     "the wording", "the tone", "page", "all", "whole page"}  # fmt: skip


@dataclass(frozen=True)
class ParseResult:
    ops: list | None
    help: str | None = None


class _NotUnderstood(Exception):
    pass


# --- text ----------------------------------------------------------------------------------------------------


def _protect_quotes(text: str) -> tuple[str, list[str]]:
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


def _restore(text: str, values: list[str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values[int(m.group(1))], text)


def _polite(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _POLITE_START.sub("", text.strip())
        text = _POLITE_END.sub("", text).strip()
    return text


def _split(text: str) -> list[str]:
    return [part for part in (_polite(p) for p in _SEPARATORS.split(text)) if part]


def _position(word: str | None) -> str:
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


def _section(text: str | None) -> str:
    """A section reference as the editor wrote it, tidied: "the testimonials section" → "the testimonials"."""
    return " ".join((text or "").split()).strip(" ,.")


def _hint(text: str) -> str:
    text = _ARTICLE.sub("", " ".join(text.split()).strip(" ,."))
    previous = None
    while previous != text:
        previous = text
        text = _LAYOUT_WORDS.sub("", text)
    return text.strip()


# --- commands ------------------------------------------------------------------------------------------------


def _value(raw: str, values: list[str], quoted_only: bool) -> str | None:
    raw = raw.strip()
    match = _PLACEHOLDER.fullmatch(raw)
    if match:
        return values[int(match.group(1))]
    if quoted_only or _PLACEHOLDER.search(raw):
        return None
    return raw


def _set_text(command: str, values: list[str]) -> list | None:
    match = _SET.match(command)
    if not match:
        return None
    target = " ".join(match.group("target").split())
    section, field = "", ""
    if _PROP_PATH.match(target.split()[-1]):  # "set hero primaryAction.label to 'x'"
        section, field = " ".join(target.split()[:-1]), target.split()[-1]
    elif first := _FIELD_FIRST.match(target):
        section, field = first.group("section"), first.group("field")
    elif last := _FIELD_LAST.match(target):
        section, field = last.group("section"), last.group("field")
    else:  # no field named: the target is the section ("change the cta to 'Book now'": its headline)
        section = target
    value = _value(match.group("value"), values, quoted_only=not field)
    if value is None:
        return None
    field = field if _PROP_PATH.match(field) else field.lower()
    if field.startswith("cta "):
        field = field.removeprefix("cta ")
        section = section if normalise(section) else "cta"
    if normalise(section) in ("", "page"):
        section = "hero"
    if field and not _PROP_PATH.match(field):
        field = FIELD_ALIASES.get(normalise(field), field)
    return [SetText(section=_section(section), path=field or "headline", value=value)]


def _add(command: str) -> list | None:
    match = _ADD.match(command)
    if not match:
        return None
    rest = match.group("rest")
    if re.match(r"^(?:the|my|our|this)\s+", rest, re.I) and re.match(r"^put\b", command, re.I):
        return None  # "put the faq after the cta" is a move
    position, anchor = "", ""
    located = re.match(rf"^(?P<what>.+?)\s+{_WHERE}$", rest, re.I)
    if located:
        position = _position(located.group("pos") or located.group("end"))
        if position in ("up", "down"):
            return None
        rest, anchor = located.group("what"), located.group("anchor") or ""
    what = re.sub(r"^(?:another|a new|new|more|an extra|extra)\s+", "", _ARTICLE.sub("", rest.strip()), flags=re.I)
    what = normalise(what)
    if not what or _PLACEHOLDER.search(what):
        return None
    return [Add(semantic_type=canonical_type(what), position=position, anchor=_section(anchor))]


def _move(command: str) -> list | None:
    match = _MOVE.match(command)
    if not match:
        return None
    if re.match(r"^put\s+(?:a|an|some)\s", command, re.I):
        return None  # "put a faq after the about" adds
    position = _position(match.group("pos") or match.group("end"))
    anchor = match.group("anchor") or ""
    return [Move(section=_section(match.group("section")), position=position,
                 anchor=_section(anchor) if position in ("before", "after") else "")]  # fmt: skip


def _regenerate(command: str) -> list | None:
    match = _REGENERATE.match(command)
    if not match:
        return None
    section = _section(match.group("section"))
    if normalise(section) in ("page", "whole page", "everything", "it", "all"):
        return None  # a whole new page is a generation, not an edit
    return [Regenerate(section=section)]


def _tone(command: str) -> list | None:
    if _PLACEHOLDER.search(command):
        return None
    for pattern in _TONE:
        match = pattern.match(command)
        if match:
            groups = match.groupdict()
            section = groups.get("section") or groups.get("section2") or ""
            if section.strip().lower() in _SECTION_PRONOUNS:
                section = ""
            return [Tone(tone=" ".join(match.group("tone").split()), section=_section(section))]
    return None


def _replace_with_type(section: str, hint: str) -> list | None:
    """ "swap the testimonials for a faq": a new section of that kind in place of the old one."""
    kind = known_type(hint)
    if kind is None or kind == known_type(section):
        return None
    return [Add(semantic_type=kind, position="before", anchor=section), Remove(section=section)]


def _swap(command: str) -> list | None:
    instead = _INSTEAD.search(command)
    of = ""
    if instead:
        of = instead.group("of") or ""
        command = command[: instead.start()]
    if match := _SWAP_WITH.match(command):
        section, hint = _section(match.group("section")), _hint(match.group("hint"))
        if _PLACEHOLDER.search(hint):
            return None
        different = re.match(r"^(?:different|another|other|new)\b\s*(?P<rest>.*)$", hint, re.I)
        if different:
            return [Swap(section=section, target=_same_kind(section, _hint(different.group("rest"))))]
        return _replace_with_type(section, hint) or [Swap(section=section, target=_same_kind(section, hint))]
    if match := _USE_DIFFERENT.match(command):
        section = _hint(match.group("section"))
        return [Swap(section=of or section, target="" if not of else section)]
    if match := _SHOW_AS.match(command):
        section, hint = _section(match.group("section")), _hint(match.group("hint"))
        if _PLACEHOLDER.search(hint) or not hint:
            return None
        return [Swap(section=section, target=hint)]
    if match := _USE_HINT.match(command):
        hint, section = _hint(match.group("hint")), _section(match.group("section") or of)
        if not hint or _PLACEHOLDER.search(hint):
            return None
        if section:
            return _replace_with_type(section, hint) or [Swap(section=section, target=_same_kind(section, hint))]
        words = hint.split()
        for size in (2, 1):  # "use a before-after gallery": the hint ends with the section's kind
            if len(words) > size and known_type(" ".join(words[-size:])):
                return [Swap(section=" ".join(words[-size:]), target=" ".join(words[:-size]))]
        if not instead and not re.search(r"\b(?:layout|design|style|block|version|look)\b", command, re.I):
            return None  # "use …" alone is too vague to be a swap
        return [Swap(section="", target=hint)]
    if match := _SWAP_ALONE.match(command):
        if _PLACEHOLDER.search(command):
            return None
        return [Swap(section=_section(match.group("section")), target="")]
    return None


def _same_kind(section: str, hint: str) -> str:
    """A hint that only repeats the section's kind ("swap the hero for another hero") means any other block."""
    kind = known_type(hint)
    return "" if kind is not None and kind == known_type(section) else hint


def _remove(command: str) -> list | None:
    match = _REMOVE.match(command)
    return [Remove(section=_section(match.group("section")))] if match else None


def _one(command: str, values: list[str], previous_verb: str) -> tuple[list, str]:
    """The operations of one command and its verb; a command without a verb of its own takes the previous
    command's add / remove / regenerate ("remove the faq and the gallery")."""
    for name, parser in (
        ("set", lambda c: _set_text(c, values)),
        ("move", _move),
        ("add", _add),
        ("remove", _remove),
        ("tone", _tone),
        ("regenerate", _regenerate),
        ("swap", _swap),
    ):
        ops = parser(command)
        if ops:
            return ops, name
    looks_like_a_section = re.match(r"^(?:the|a|an|some|our|my|its|another)\s", command, re.I) or known_type(command)
    if previous_verb in ("add", "remove", "regenerate") and looks_like_a_section:
        return _one(f"{previous_verb} {command}", values, "")
    raise _NotUnderstood(command)


def help_text(message: str, payload: dict | None, not_understood: str = "") -> str:
    sections = _page_sections(payload)
    lines = []
    if not_understood and not_understood.strip().lower() != message.strip().lower():
        lines.append(f"I didn't understand “{not_understood}”. Nothing was changed.")
    else:
        lines.append(f"I didn't understand “{message.strip()[:200]}”. Nothing was changed.")
    lines.append("Here is what I can do (join several with “and”):")
    lines += [f"• {example}" for example in HELP_EXAMPLES]
    if sections:
        lines.append(f"This page's sections: {', '.join(sections)}.")
    return "\n".join(lines)


def _page_sections(payload: dict | None) -> list[str]:
    blocks = payload.get("blocks") if isinstance(payload, dict) else None
    if not isinstance(blocks, list):
        return []
    return [str(b.get("_name") or b.get("_type") or "section") for b in blocks if isinstance(b, dict)]


def parse(message: str, payload: dict | None = None) -> ParseResult:
    """The operations ``message`` asks for, or a help reply with examples; never raises."""
    try:
        text = str(message or "").replace("\r\n", "\n").replace("\r", "\n").strip()
        if not text.strip():
            return ParseResult(None, help_text("", payload))
        protected, values = _protect_quotes(text)
        commands = _split(protected)
        if not commands:
            return ParseResult(None, help_text(text, payload))
        if len(commands) > MAX_COMMANDS:
            return ParseResult(None, f"That is {len(commands)} commands; send at most {MAX_COMMANDS} at a time.")
        ops: list = []
        verb = ""
        for command in commands:
            try:
                found, verb = _one(command, values, verb)
            except _NotUnderstood:
                part = _restore(command, values) if len(commands) > 1 else ""
                return ParseResult(None, help_text(text, payload, part))
            ops += [_restored(op, values) for op in found]
        return ParseResult(ops, None)
    except Exception:
        return ParseResult(None, help_text(str(message or ""), payload))


def _restored(op, values: list[str]):
    """The op with any placeholder left in its reference texts put back (quoted section names)."""
    changes = {
        f.name: _restore(getattr(op, f.name), values)
        for f in fields(op)
        if isinstance(getattr(op, f.name), str) and "\x00" in getattr(op, f.name)
    }
    return replace(op, **changes) if changes else op
