"""Services and offerings: "Services: prenatal yoga, vinyasa, meditation", "We offer X, Y and Z", "Ofrecemos
…", an item's description in parentheses or after a dash, and the labelled ``Service: Name | description |
price``. Praise is no service: "We offer the best experience in town" names none.
"""

import re

from pagebuilder.fact_extraction.found import FoundFact, every, found
from pagebuilder.fact_extraction.text import capitalise, fold, list_items, pipe_fields, trim_end

LABELS = {"services", "service", "our services", "offerings", "offering", "what we offer", "we offer", "classes",
          "our classes", "courses", "treatments", "servicios", "servicio", "nuestros servicios", "ofrecemos",
          "clases", "nuestras clases", "cursos", "tratamientos"}  # fmt: skip
_WE_OFFER = re.compile(
    r"^(?:we\s+(?:also\s+)?(?:offer|provide|teach|run|host)|(?:tambi[ée]n\s+)?(?:ofrecemos|impartimos|damos))"
    r"\s*:?\s+(?P<list>.+)$",
    re.I,
)
_PRAISE = {"best", "great", "amazing", "awesome", "excellent", "incredible", "unique", "perfect", "wonderful",
           "fantastic", "quality", "friendly", "warm", "welcoming", "unforgettable", "everything", "anything",
           "something", "lots", "plenty", "variety", "range", "selection", "wide", "mejor", "mejores", "increible",
           "excelente", "unico", "unica", "calidad", "todo", "gran", "variedad", "amplia", "you", "your", "te",
           "tu", "tus", "us", "nos", "what", "lo"}  # fmt: skip
# A service is named by a noun: an item starting with a preposition ("by the water") or holding a verb ("every
# class ends with tea") says where or how, not what.
_NOT_A_NAME = {"by", "in", "at", "on", "with", "for", "from", "to", "near", "outside", "inside", "every", "each",
               "en", "con", "para", "junto", "cada"}  # fmt: skip
_VERBS = {"is", "are", "was", "were", "ends", "starts", "begins", "runs", "takes", "has", "have", "gets", "comes",
          "es", "son", "termina", "empieza"}  # fmt: skip
_ARTICLE = re.compile(r"^(?:a|an|the|un|una|unos|unas|el|la|los|las)\s+", re.I)
_DESCRIBED = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<description>[^()]+)\)$|^(?P<name2>.+?)\s+[–—-]+\s+(?P<d2>.+)$")


def read_sentence(chunk: str) -> list[FoundFact]:
    """A sentence such as "We offer prenatal yoga, vinyasa and meditation."."""
    offer = _WE_OFFER.match(chunk)
    return offering_list(chunk[offer.start("list") :]) if offer else []


def read_labelled(value: str) -> list[FoundFact]:
    """``Service: Prenatal yoga | gentle classes for every trimester | $20`` or a list of services."""
    if "|" not in value:
        return offering_list(value)
    fields = [*pipe_fields(value), "", ""]
    data = {"name": fields[0], "description": fields[1], "price": fields[2]}
    return every([found("offering", data, value)]) if fields[0] else []


def offering_list(text: str) -> list[FoundFact]:
    """Each item of "a, b and c" as an offering, or none when one of them is no service's name."""
    text = trim_end(text)
    facts = []
    for start, end in list_items(text):
        item = text[start:end].strip()
        described = _DESCRIBED.match(item)
        name = (described["name"] or described["name2"]) if described else item
        description = (described["description"] or described["d2"]) if described else ""
        name = _ARTICLE.sub("", name.strip())
        words = re.findall(r"[^\W\d_]+", fold(name))
        if not words or len(words) > 8 or re.search(r"[\d.!?:;\"“”«»$€£]", name) or _PRAISE & set(words):
            return []
        if words[0] in _NOT_A_NAME or _VERBS & set(words):
            return []
        facts.append(found("offering", {"name": capitalise(name), "description": description.strip()}, item))
    return every(facts)
