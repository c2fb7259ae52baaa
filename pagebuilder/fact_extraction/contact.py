"""Contact details: e-mail addresses anywhere; phone numbers that are plainly numbers ("+1 555 0100",
"(555) 010-0199") or that the sentence calls one ("Call 612 34 56 78"); street addresses, labelled
("Address:", "Dirección:") or a line that is one ("12 Harbour Road, Springfield", "Calle Mayor 5, Madrid").
"""

import re

from pagebuilder.fact_extraction.found import FoundFact, every, found
from pagebuilder.fact_extraction.text import fold, one_space, trim_end

PHONE_LABELS = {"phone", "telephone", "tel", "phone number", "mobile", "whatsapp", "call", "call us", "telefono",
                "tfno", "tlf", "movil", "llamanos"}  # fmt: skip
EMAIL_LABELS = {"email", "e-mail", "mail", "email us", "correo", "correo electronico", "escribenos"}
ADDRESS_LABELS = {"address", "our address", "location", "find us", "visit us", "direccion", "nuestra direccion",
                  "ubicacion", "donde estamos", "estamos en"}  # fmt: skip
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){0,4}(?![\w%€$£])")
_CALL = re.compile(r"\b(?:call|phone|tel|telephone|ring|text|whatsapp|mobile|cell|llam\w*|telefono|tlf|movil)\b")
_STREET_EN = (r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Dr|Way|Place|Pl|Square|Sq|Court|Ct"
              r"|Terrace|Close|Parade|Highway|Hwy|Row|Crescent|Mews|Quay|Wharf|Pier")  # fmt: skip
_STREET_ES = r"Calle|C/|Avenida|Avda|Av|Plaza|Pza|Paseo|Camino|Carrera|Calzada|Ronda|Traves[íi]a|Carretera|R[úu]a"
_ADDRESS = re.compile(
    rf"^\d{{1,5}}[A-Za-z]?(?:[-/]\d{{1,4}})?,?\s+(?:[A-Z0-9][\w'’.-]*\s+){{0,4}}(?:{_STREET_EN})\b\.?"
    r"(?:\s*,\s*[^!?]{1,120}|\s+[A-Z0-9][^!?]{0,120})?$"
    rf"|^(?:{_STREET_ES})\.?\s+(?:(?:de|del|la|las|los|el|y)\s+|[A-ZÁÉÍÓÚÑ0-9][\w'’.-]*,?\s+)+"
    r"(?:n[º°o]\.?\s*)?\d{1,5}\b[^!?]{0,120}$"
)
_AT = re.compile(
    r"^(?:we(?:'|’)?re at|we are at|find us at|visit us at|located at|you can find us at|(?:our|the) address is|"
    r"(?:nuestra|la) direcci[óo]n es|estamos en|"
    r"nos encontramos en|vis[íi]tanos en|encu[ée]ntranos en)\s*:?\s*",
    re.I,
)


def read_sentence(chunk: str) -> list[FoundFact]:
    """The e-mail addresses and phone numbers in a sentence: a bare number only when the sentence calls it a
    phone ("Call us on 612 34 56 78") or is nothing but the number."""
    facts = [found("email", {"email": match.group()}, chunk) for match in _EMAIL.finditer(chunk)]
    without_emails = _EMAIL.sub(" ", chunk)
    called = bool(_CALL.search(fold(without_emails)))
    for match in _PHONE.finditer(without_emails):
        number = match.group()
        if _digits(number) and (called or _plainly_phone(number) or trim_end(chunk) == number):
            facts.append(found("phone", {"phone": number}, chunk))
    return every(facts)


def read_address(chunk: str) -> list[FoundFact]:
    """A sentence that is a street address, perhaps after "We're at" or "Estamos en"."""
    at = _AT.match(chunk)
    address = trim_end(chunk[at.end() if at else 0 :])
    if not _ADDRESS.match(address):
        return []
    return every([found("address", {"address": one_space(address)}, chunk)])


def read_labelled(kind: str, value: str) -> list[FoundFact]:
    """``Address: …`` (any text), ``Phone: …`` (its numbers) or ``Email: …`` (its addresses)."""
    if kind == "address":
        return every([found("address", {"address": one_space(trim_end(value))}, value)]) if value.strip() else []
    if kind == "email":
        return every([found("email", {"email": match.group()}, value) for match in _EMAIL.finditer(value)])
    numbers = [match.group() for match in _PHONE.finditer(value) if _digits(match.group())]
    return every([found("phone", {"phone": number}, value) for number in numbers])


def _digits(number: str) -> bool:
    return 7 <= sum(c.isdigit() for c in number) <= 15


def _plainly_phone(number: str) -> bool:
    """An international prefix or an area code in parentheses: no other figure is written like that."""
    return number.startswith("+") or bool(re.match(r"^\(\d{1,4}\)", number))
