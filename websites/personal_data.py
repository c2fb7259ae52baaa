"""Personal data kept on the platform: the e-mail addresses and phone numbers in what we send Claude are replaced by
placeholders (``[EMAIL_1]``, ``[PHONE_2]``) and put back into its answer, so they never leave.

``Redaction`` is one call's mapping: ``redact`` replaces each distinct value by the same placeholder wherever it is
written, ``note`` tells the model what the placeholders stand for, and ``restore`` walks the answer (nested dicts,
lists, strings) putting the values back (``tel:`` links get the number's E.164 form) and removing placeholders that
stand for nothing. Phone numbers are read by Google's libphonenumber (``phonenumbers``): international numbers in
any country, national ones in ``PHONE_REGIONS``; prices, years, hours, dates, postcodes and ids are left alone.
"""

import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

log = logging.getLogger(__name__)

__all__ = ["EMAIL", "EXAMPLE_EMAIL", "EXAMPLE_PHONE", "PHONE_REGIONS", "Redaction", "without_contacts"]

EMAIL_KIND, PHONE_KIND = "EMAIL", "PHONE"
# What an example's contact details (a registry block's ``hello@example.com``) are shown as: they stand for no value,
# so a model that copies one into its answer gets it removed, never shown.
EXAMPLE_EMAIL, EXAMPLE_PHONE = f"[{EMAIL_KIND}]", f"[{PHONE_KIND}]"
# The countries whose national numbers ("0151 234 5678", "(212) 555-0123", "612 34 56 78") are read without a
# country code; a number written with its country code ("+44 …") is read whatever its country. The websites
# record no country, and each further country makes more digit groups look like a valid number.
PHONE_REGIONS = ("GB", "US", "ES", "DE", "FR", "IT", "NL", "IE")
# An address ends in a top-level domain of letters; "logo@2x.png" is an image, not an address.
EMAIL = re.compile(
    r"[\w.%+-]+@(?:[\w-]+\.)+(?!(?:png|jpe?g|gif|svg|webp|avif|bmp|ico)(?![\w-]))[^\W\d_]{2,}(?![\w-])", re.I
)
# A JSON escape (``\n``, ``\"``, ``\u003c``) is read as a separator, so that "\nmia@x.example" in a JSON text
# is the address "mia@x.example" and a placeholder never splits an escape.
_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|.)", re.S)
_SEPARATOR = "\x00"
# A run of digits without a trunk prefix ("2125550123") is an id or an amount unless the text calls it a phone.
_PHONE_WORD = re.compile(
    r"\b(?:call|phone|tel|telephone|ring|text|sms|whatsapp|mobile|cell|fax|llam\w*|tel[eé]fono|tfno|tlf|m[oó]vil)\b",
    re.I,
)
PHONE_WORD_REACH = 24  # characters before a bare run of digits searched for such a word
_NEVER_PHONES = re.compile(r"\d{5}-\d{4}")  # a US ZIP+4 code reads as a valid Spanish number
_SPACES, _SPACE_BEFORE_STOP = re.compile(r" {2,}"), re.compile(r" +([.,;:!?])")
_PLACEHOLDER = re.compile(
    r"(?:(?P<link>mailto:|tel:)\s*)?\[\s*(?P<kind>EMAIL|PHONE)(?:_(?P<number>\d{1,4}))?\s*\]", re.I
)
MIN_DIGITS = 5  # fewer digits in a whole text: no phone number to look for

NOTE = (
    "Contact details in this request were replaced by placeholders before it was sent: "
    "<placeholders>{placeholders}</placeholders>\n"
    "Write a placeholder exactly as shown wherever its value belongs, in links too (mailto:[EMAIL_1], "
    "tel:[PHONE_1]); the real values are put back into your answer. Never write a placeholder not listed here."
)


@dataclass(frozen=True)
class Value:
    """One distinct e-mail address or phone number as written, its placeholder and, for a phone, its E.164 form."""

    kind: str
    text: str
    placeholder: str
    e164: str = ""


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str
    e164: str = ""


class Redaction:
    """The placeholders of one call to Claude: the same written value always gets the same placeholder."""

    def __init__(self) -> None:
        self._by_text: dict[tuple[str, str], Value] = {}
        self._by_placeholder: dict[str, Value] = {}

    @property
    def values(self) -> tuple[Value, ...]:
        return tuple(self._by_text.values())

    def redact_request(self, system: str, stable_context: str | None, prompt: str) -> tuple[str, str | None, str]:
        """A request's texts redacted; the prompt (the user message) ends with the ``note`` when anything was."""
        system, prompt = self.redact(system), self.redact(prompt)
        stable_context = self.redact(stable_context) if stable_context else stable_context
        note = self.note()
        return system, stable_context, f"{prompt}\n{note}" if note else prompt

    def redact(self, text: str) -> str:
        """``text`` with each e-mail address and phone number replaced by its placeholder, also where a value found
        before is written again in a way the finders pass over ("Phone: 0151 23 45 678 … 0151 23 45 678")."""
        if not text:
            return text
        spans = _spans(text, self.values)
        return _replaced(text, spans, lambda span: self._placeholder(span, text[span.start : span.end]))

    def note(self) -> str:
        """What the model must know about the placeholders; empty when nothing was replaced."""
        if not self._by_text:
            return ""
        described = {value.placeholder: self._describe(value) for value in self.values}
        return NOTE.format(placeholders=json.dumps(described, ensure_ascii=False))

    def restore(self, value: object) -> object:
        """A copy of ``value`` (an answer: dicts, lists, strings) with the placeholders replaced by their values."""
        if isinstance(value, str):
            return self._restore_text(value)
        if isinstance(value, list):
            return [self.restore(item) for item in value]
        if isinstance(value, dict):
            return {key: self.restore(item) for key, item in value.items()}
        return value

    def _placeholder(self, span: _Span, written: str) -> str:
        known = self._by_text.get((span.kind, written))
        if known is None:
            number = sum(1 for kind, _ in self._by_text if kind == span.kind) + 1
            known = Value(span.kind, written, f"[{span.kind}_{number}]", span.e164)
            self._by_text[(span.kind, written)] = self._by_placeholder[known.placeholder] = known
        return known.placeholder

    def _describe(self, value: Value) -> str:
        if value.kind == EMAIL_KIND:
            return f"an e-mail address of {len(value.text)} characters"
        description = f"a phone number of {len(value.text)} characters"
        first = next(other for other in self.values if other.e164 == value.e164)
        if first is not value:  # "+44 151 234 5678" and "0151 234 5678": one number written two ways
            description += f", the same number as {first.placeholder}"
        return description

    def _restore_text(self, text: str) -> str:
        invented = 0

        def put_back(match: re.Match) -> str:
            nonlocal invented
            number = match["number"]
            found = self._by_placeholder.get(f"[{match['kind'].upper()}_{int(number)}]") if number else None
            if found is None:
                invented += 1
                return ""
            link = (match["link"] or "").lower()
            return link + (found.e164 if link == "tel:" and found.e164 else found.text)

        restored = _PLACEHOLDER.sub(put_back, text)
        if invented:  # what the removal leaves: "Call  today", "Call ." become "Call today", "Call."
            log.warning("Removed %d placeholder(s) Claude wrote that stand for no value", invented)
            restored = _SPACE_BEFORE_STOP.sub(r"\1", _SPACES.sub(" ", restored)).strip()
        return restored


def without_contacts(text: str) -> str:
    """``text`` with each e-mail address and phone number replaced by ``EXAMPLE_EMAIL`` or ``EXAMPLE_PHONE``."""
    return _replaced(text, _spans(text), lambda span: EXAMPLE_EMAIL if span.kind == EMAIL_KIND else EXAMPLE_PHONE)


def _replaced(text: str, spans: list[_Span], replacement: Callable[[_Span], str]) -> str:
    pieces, last = [], 0
    for span in spans:
        pieces += [text[last : span.start], replacement(span)]
        last = span.end
    return "".join([*pieces, text[last:]])


def _apart(spans: list[_Span]) -> list[_Span]:
    """``spans`` in order without those that overlap an earlier one in the list (the list says which count first)."""
    kept: list[_Span] = []
    for span in spans:
        if not any(span.start < other.end and other.start < span.end for other in kept):
            kept.append(span)
    return sorted(kept, key=lambda span: span.start)


def _spans(text: str, known: Iterable[Value] = ()) -> list[_Span]:
    """Where the e-mail addresses and phone numbers of ``text`` are, in order and not overlapping, with every other
    place where one of them or of the ``known`` values is written. What was found is taken out and the text read
    again: numbers written side by side ("0151 234 5678 +44 151 234 5678") read as one too long at first."""
    seen = {value.text: _Span(0, 0, value.kind, value.e164) for value in known}
    masked = _ESCAPE.sub(lambda match: _SEPARATOR * len(match.group()), text)
    spans: list[_Span] = []
    while found := _apart(_found(masked) + _written_again(masked, seen)):
        spans += found
        for span in found:
            seen.setdefault(text[span.start : span.end], span)
            masked = masked[: span.start] + _SEPARATOR * (span.end - span.start) + masked[span.end :]
    return sorted(spans, key=lambda span: span.start)


def _written_again(text: str, seen: dict[str, _Span]) -> list[_Span]:
    return [
        replace(like, start=match.start(), end=match.end())
        for written, like in seen.items()
        for match in re.finditer(rf"(?<![\w+]){re.escape(written)}(?!\w)", text)
    ]


def _found(text: str) -> list[_Span]:
    emails = [_Span(match.start(), match.end(), EMAIL_KIND) for match in EMAIL.finditer(text)]
    phones = sorted(_phone_spans(text), key=lambda span: (span.start, span.start - span.end))
    return _apart(emails + phones)


def _phone_spans(text: str) -> list[_Span]:
    """Every phone number libphonenumber finds: international ones that are possible numbers in any country,
    national ones that are valid numbers of a ``PHONE_REGIONS`` country and written as a phone."""
    if sum(char.isdigit() for char in text) < MIN_DIGITS:
        return []
    passes = [(phonenumbers.UNKNOWN_REGION, Leniency.POSSIBLE)] + [(region, Leniency.VALID) for region in PHONE_REGIONS]
    spans = []
    for region, leniency in passes:
        for match in PhoneNumberMatcher(text, region, leniency=leniency, max_tries=max(len(text), 1)):
            if region == phonenumbers.UNKNOWN_REGION or _written_as_phone(text, match.start, match.raw_string, region):
                e164 = phonenumbers.format_number(match.number, PhoneNumberFormat.E164)
                spans.append(_Span(match.start, match.end, PHONE_KIND, e164))
    return spans


def _written_as_phone(text: str, start: int, written: str, region: str) -> bool:
    """Whether a valid national number is meant as one: the text calls it a phone, or it is written as the country
    writes its numbers (its digit groups, or one run after a trunk prefix: "01512345678"). "2024-000123" is an
    invoice and "2125550123" an id, though both are valid numbers in the United States."""
    if _NEVER_PHONES.fullmatch(written):
        return False
    if written.startswith(("+", "00")) or _PHONE_WORD.search(text[max(0, start - PHONE_WORD_REACH) : start]):
        return True
    if written.isdigit():
        return written.startswith("0")
    return any(True for _ in PhoneNumberMatcher(written, region, leniency=Leniency.STRICT_GROUPING))
