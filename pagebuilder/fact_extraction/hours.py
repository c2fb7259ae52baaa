"""Opening hours: "Mon–Fri 7am–9pm", "Monday to Friday 7:00-21:00", "Sat & Sun 9-13", "Weekends: 9am to 1pm",
"lunes a viernes de 7 a 21", "sábados de 9 a 14", "Sunday: closed", several in one sentence, and the labelled
``Hours: Monday to Friday | 6:30–18:00``. Days and hours stay as written; only dashes and spacing are tidied.
A sentence is read only when it holds nothing but hours, so "I was there on Monday at 7pm" is not one.
"""

import re

from pagebuilder.fact_extraction.found import FoundFact, every, found
from pagebuilder.fact_extraction.text import one_space, pipe_fields

LABELS = {"hours", "opening hours", "open", "opening times", "horario", "horarios", "horario de apertura"}
_DAY_NAMES = [
    "mondays?", "tuesdays?", "wednesdays?", "thursdays?", "fridays?", "saturdays?", "sundays?", "mon", "tues?",
    "wed", "thu(?:rs?)?", "fri", "sat", "sun", "lunes", "martes", "mi[ée]rcoles", "jueves", "viernes",
    "s[áa]bados?", "domingos?", "lun", "mar", "mi[ée]", "jue", "vie", "s[áa]b", "dom", "weekdays", "weekends?",
    "daily", "every ?day", "all week", "(?:public |bank )?holidays", "entre semana", "fines de semana",
    "fin de semana", "todos los d[íi]as", "a diario", "festivos", "d[íi]as laborables", "laborables",
]  # fmt: skip
_DAY = r"(?:" + "|".join(_DAY_NAMES) + r")\b\.?"
_DAY_RANGE = rf"{_DAY}(?:\s*(?:[-–—]|to|through|thru|till|until|a|al|hasta)\s*{_DAY})?"
_DAYS = rf"{_DAY_RANGE}(?:\s*(?:,|&|and|y|/|\+)\s*{_DAY_RANGE})*"
_TIME = (
    r"(?:\d{1,2}(?:[:.]\d{2})?(?:\s?[ap]\.?m\.?|\s?h(?:rs)?)?(?![\d%€$£])"  # 7, 7:30, 7.30, 7am, 7 p.m., 21h
    r"|noon|midday|midnight|mediod[íi]a|medianoche)"
)
_TIME_RANGE = rf"{_TIME}\s*(?:[-–—]|to|till|until|til|a|al|hasta)\s*{_TIME}"
_HOURS = (
    rf"{_TIME_RANGE}(?:\s*(?:,|&|and|y|/)\s*(?:(?:from|de|desde)\s+)?{_TIME_RANGE})*"
    r"|closed|cerrado|by appointment(?: only)?|con cita(?: previa)?"
)
_CONNECTOR = r"(?:from|de|del|desde)\s+"
_ENTRY = re.compile(rf"(?:{_CONNECTOR})?(?P<days>{_DAYS})\s*[:,|]?\s*(?:{_CONNECTOR})?(?P<hours>{_HOURS})\b", re.I)
_OPENING = re.compile(
    r"(?:we(?:'|’)?re open|we are open|opening hours|hours|open|abrimos|abiertos?|horarios?)\b\s*:?\s*", re.I
)
_BETWEEN = re.compile(r"\s*(?:[,;.|]\s*)?(?:(?:and|y)\s+)?", re.I)


def read_sentence(chunk: str) -> list[FoundFact]:
    """Every "days hours" in a sentence made only of them (after "We're open", "Hours:" or "Abrimos")."""
    opening = _OPENING.match(chunk)
    position, facts = opening.end() if opening else 0, []
    while position < len(chunk):
        entry = _ENTRY.match(chunk, position)
        if not entry:
            return []
        source = chunk[entry.start("days") : entry.end()]
        facts.append(found("opening_hours", {"days": tidy(entry["days"]), "hours": tidy(entry["hours"])}, source))
        position = _BETWEEN.match(chunk, entry.end()).end()
        if not chunk[position:].strip(" .!"):
            break
    return every(facts)


def read_labelled(value: str) -> list[FoundFact]:
    """``Hours: Monday to Friday | 6:30–18:00`` or hours in a sentence."""
    fields = pipe_fields(value)
    if len(fields) >= 2 and fields[0] and fields[1]:
        return every([found("opening_hours", {"days": tidy(fields[0]), "hours": tidy(fields[1])}, value)])
    return read_sentence(value)


def tidy(text: str) -> str:
    """One en dash for every dash between two words or times ("7am - 9pm" → "7am–9pm"), single spaces."""
    return one_space(re.sub(r"(?<=\w)\s*[-–—]\s*(?=\w)", "–", text.strip(" ,.")))
