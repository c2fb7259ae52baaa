"""The offline chat grammar: an editor's message → edit operations (``operations``), without a model.

``parse(message, payload)`` never raises: it returns the operations, or a helpful reply with examples
(``HELP_EXAMPLES``, which the chat UI also shows) when it does not understand a part of the message. The
commands it understands (add, remove, move, set text, regenerate, swap, tone) are listed in the README's
"Chat commands" section; each ``_<command>`` function below reads one of them.
"""

import re
from dataclasses import dataclass, fields, replace

from pagebuilder.editing.message_text import (
    ARTICLE,
    PLACEHOLDER,
    block_hint,
    position_word,
    protect_quotes,
    restore_quotes,
    section_ref,
    split_commands,
)
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
_FIELD = re.compile(
    r"(?P<field>(?:primary |main |secondary |second |cta )?button(?: label| text)?|headline|heading|title|"
    r"sub-?title|sub-?headline|sub-?heading|tagline|eyebrow|kicker|description|intro|text|body|label|caption|"
    r"announcement)",
    re.I,
)
_FIELD_FIRST = re.compile(rf"^(?:the\s+)?{_FIELD.pattern}\s+(?:of|in|on|for)\s+(?P<section>.+)$", re.I)
_FIELD_LAST = re.compile(rf"^(?P<section>.*?)(?:'s)?\s*\b{_FIELD.pattern}$", re.I)
_PROP_PATH = re.compile(r"^[A-Za-z_][\w]*(?:\[\d+\])?(?:\.[A-Za-z_][\w]*(?:\[\d+\])?)+$")
_VERBS = (_ADD, _REMOVE, _REGENERATE)
_SECTION_PRONOUNS = {"it", "this", "the page", "the whole page", "everything", "the copy", "the text", "the texts",
                     "the wording", "the tone", "page", "all", "whole page"}  # fmt: skip


@dataclass(frozen=True)
class ParseResult:
    ops: list | None
    help: str | None = None


class _NotUnderstood(Exception):
    pass


# --- commands ------------------------------------------------------------------------------------------------


def _value(raw: str, values: list[str], quoted_only: bool) -> str | None:
    raw = raw.strip()
    match = PLACEHOLDER.fullmatch(raw)
    if match:
        return values[int(match.group(1))]
    if quoted_only or PLACEHOLDER.search(raw):
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
    return [SetText(section=section_ref(section), path=field or "headline", value=value)]


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
        position = position_word(located.group("pos") or located.group("end"))
        if position in ("up", "down"):
            return None
        rest, anchor = located.group("what"), located.group("anchor") or ""
    what = re.sub(r"^(?:another|a new|new|more|an extra|extra)\s+", "", ARTICLE.sub("", rest.strip()), flags=re.I)
    what = normalise(what)
    if not what or PLACEHOLDER.search(what):
        return None
    return [Add(semantic_type=canonical_type(what), position=position, anchor=section_ref(anchor))]


def _move(command: str) -> list | None:
    match = _MOVE.match(command)
    if not match:
        return None
    if re.match(r"^put\s+(?:a|an|some)\s", command, re.I):
        return None  # "put a faq after the about" adds
    position = position_word(match.group("pos") or match.group("end"))
    anchor = match.group("anchor") or ""
    return [Move(section=section_ref(match.group("section")), position=position,
                 anchor=section_ref(anchor) if position in ("before", "after") else "")]  # fmt: skip


def _regenerate(command: str) -> list | None:
    match = _REGENERATE.match(command)
    if not match:
        return None
    section = section_ref(match.group("section"))
    if normalise(section) in ("page", "whole page", "everything", "it", "all"):
        return None  # a whole new page is a generation, not an edit
    return [Regenerate(section=section)]


def _tone(command: str) -> list | None:
    if PLACEHOLDER.search(command):
        return None
    for pattern in _TONE:
        match = pattern.match(command)
        if match:
            groups = match.groupdict()
            section = groups.get("section") or groups.get("section2") or ""
            if section.strip().lower() in _SECTION_PRONOUNS:
                section = ""
            return [Tone(tone=" ".join(match.group("tone").split()), section=section_ref(section))]
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
        section, hint = section_ref(match.group("section")), block_hint(match.group("hint"))
        if PLACEHOLDER.search(hint):
            return None
        different = re.match(r"^(?:different|another|other|new)\b\s*(?P<rest>.*)$", hint, re.I)
        if different:
            return [Swap(section=section, target=_same_kind(section, block_hint(different.group("rest"))))]
        return _replace_with_type(section, hint) or [Swap(section=section, target=_same_kind(section, hint))]
    if match := _USE_DIFFERENT.match(command):
        section = block_hint(match.group("section"))
        return [Swap(section=of or section, target="" if not of else section)]
    if match := _SHOW_AS.match(command):
        section, hint = section_ref(match.group("section")), block_hint(match.group("hint"))
        if PLACEHOLDER.search(hint) or not hint:
            return None
        return [Swap(section=section, target=hint)]
    if match := _USE_HINT.match(command):
        hint, section = block_hint(match.group("hint")), section_ref(match.group("section") or of)
        if not hint or PLACEHOLDER.search(hint):
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
        if PLACEHOLDER.search(command):
            return None
        return [Swap(section=section_ref(match.group("section")), target="")]
    return None


def _same_kind(section: str, hint: str) -> str:
    """A hint that only repeats the section's kind ("swap the hero for another hero") means any other block."""
    kind = known_type(hint)
    return "" if kind is not None and kind == known_type(section) else hint


def _remove(command: str) -> list | None:
    match = _REMOVE.match(command)
    return [Remove(section=section_ref(match.group("section")))] if match else None


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
        protected, values = protect_quotes(text)
        commands = split_commands(protected)
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
                part = restore_quotes(command, values) if len(commands) > 1 else ""
                return ParseResult(None, help_text(text, payload, part))
            ops += [_restored(op, values) for op in found]
        return ParseResult(ops, None)
    except Exception:
        return ParseResult(None, help_text(str(message or ""), payload))


def _restored(op, values: list[str]):
    """The op with any placeholder left in its reference texts put back (quoted section names)."""
    changes = {
        f.name: restore_quotes(getattr(op, f.name), values)
        for f in fields(op)
        if isinstance(getattr(op, f.name), str) and "\x00" in getattr(op, f.name)
    }
    return replace(op, **changes) if changes else op
