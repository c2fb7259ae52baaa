"""Team members: people lists ("Teachers: Ana Ruiz (founder), Sam Okafor – vinyasa, Lee Chen"), sentences that
name them ("Our teachers are …", "Ana Ruiz is our head coach", "Meet Ana, our founder") and the labelled
``Team: Name | Role | Bio`` line. A name with no role is a team member only inside a people list.
"""

import re

from pagebuilder.fact_extraction.found import FoundFact, every, found
from pagebuilder.fact_extraction.names import is_name, is_role
from pagebuilder.fact_extraction.text import list_items, pipe_fields, trim_end

LABELS = {
    "team", "team member", "team members", "staff", "people", "our people", "our team", "our staff", "teachers",
    "teacher", "our teachers", "the team", "the staff", "the teachers", "instructors", "our instructors",
    "coaches", "our coaches", "trainers", "meet the team", "meet our team", "equipo", "nuestro equipo",
    "el equipo", "profesores", "profesoras", "los profesores", "nuestros profesores", "instructores",
    "entrenadores", "monitores", "personal", "terapeutas",
}  # fmt: skip
_GROUP_EN = r"team|teachers|instructors|coaches|trainers|staff|people|therapists|stylists|chefs|bakers|founders|owners"
_GROUP_ES = r"equipo|profesor[ae]s|instructor[ae]s|entrenador[ae]s|monitor[ae]s|terapeutas|fundador[ae]s|socios|dueños"
_LIST_SENTENCE = re.compile(
    rf"^(?:meet\s+)?(?:our|the)\s+(?:{_GROUP_EN})\s+(?:are|is|includes?|is made up of|consists of)\s*:?\s+(?P<list>.+)$"
    rf"|^(?:nuestr[oa]s?|el|los|las)\s+(?:{_GROUP_ES})\s+(?:son|es|lo forman|incluye|est[áa] formado por)\s*:?\s+"
    r"(?P<lista>.+)$",
    re.I,
)
_IS_OUR = re.compile(r"^(?P<name>[^,;:]+?)\s+(?:is|es)\s+(?:our|nuestr[oa])\s+(?P<role>[^.!?;]+)[.!]?$")
_MEET = re.compile(
    r"^(?:meet|conoce a|te presentamos a)\s+(?P<name>[^,;:]+?),\s+(?:our|nuestr[oa])\s+(?P<role>[^.!?;]+)[.!]?$", re.I
)
_WITH_PARENS = re.compile(r"^(?P<name>.+?)\s*\((?P<role>[^()]+)\)$")
_WITH_DASH = re.compile(r"^(?P<name>.+?)(?:\s+[–—-]+|\s*:)\s+(?P<role>.+)$")


def read_labelled(value: str) -> list[FoundFact]:
    """``Team: Rosa Martin | Owner and head baker | Bio`` or a people list after a label."""
    if "|" in value:
        fields = [*pipe_fields(value), "", ""]
        return every([found("team_member", {"name": fields[0], "role": fields[1], "bio": fields[2]}, value)])
    return people_list(value, strict=False)


def read_sentence(chunk: str) -> list[FoundFact]:
    """A sentence that names people: "Our teachers are Ana Ruiz (founder) and Sam Okafor.", "Ana Ruiz is our head
    coach.", "Meet Ana, our founder"."""
    listed = _LIST_SENTENCE.match(chunk)
    if listed:
        start = listed.start("list") if listed.group("list") else listed.start("lista")
        return people_list(chunk[start:], strict=True)
    named = _IS_OUR.match(chunk) or _MEET.match(chunk)
    if named and is_name(named.group("name")) and is_role(named.group("role")) and len(named["role"].split()) <= 10:
        return every([found("team_member", {"name": named["name"], "role": named["role"].strip()}, chunk)])
    return []


def people_list(text: str, strict: bool) -> list[FoundFact]:
    """Everyone in "Ana Ruiz (founder), Sam Okafor – vinyasa and hot yoga, Lee Chen", or nothing when any piece is
    neither a person nor their role. ``strict`` (no label says it is a list of people): two people, a role or
    a full name, so "Our team is Amazing" names no one."""
    text = trim_end(text)
    people: list[list] = []  # [name, role, start, end]
    for start, end in list_items(text):
        item = text[start:end].strip()
        person = _person(item)
        if person:
            people.append([*person, start, end])
        elif people and _role_piece(item):
            last = people[-1]
            last[1] = f"{last[1]}{text[last[3] : start]}{item}" if last[1] else item
            last[3] = end
        else:
            return []
    if strict and len(people) < 2 and not any(role or " " in name for name, role, _, _ in people):
        return []
    return every([found("team_member", {"name": n, "role": r}, text[a:b]) for n, r, a, b in people])


def _person(item: str) -> tuple[str, str] | None:
    for pattern in (_WITH_PARENS, _WITH_DASH):
        match = pattern.match(item)
        if match and is_name(match.group("name")):
            return " ".join(match.group("name").split()), match.group("role").strip()
    return (" ".join(item.split()), "") if is_name(item) else None


def _role_piece(item: str) -> bool:
    """A piece of a role after a comma or "and" ("founder", "hot yoga"): no sentence of its own."""
    if not item or re.search(r"[.!?:;\"“”«»]", item) or len(item.split()) > 12:
        return False
    return item[0].islower() or is_role(item)
