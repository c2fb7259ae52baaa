"""What a person's name and a job title look like: capitalised words with particles, initials, apostrophes and
hyphens ("Ana de la Fuente", "Maria G.", "Seán O'Neill-Park"), and the words that make a phrase a role.
"""

import re

from pagebuilder.fact_extraction.text import fold

_PARTICLES = {"de", "del", "della", "di", "da", "das", "do", "dos", "du", "la", "le", "van", "von", "der", "den",
              "ter", "ten", "bin", "al", "y", "e"}  # fmt: skip
_TITLES = {"dr.", "dra.", "mr.", "mrs.", "ms.", "prof.", "sr.", "sra.", "srta.", "dr", "mr", "mrs", "ms"}
_INITIAL = re.compile(r"^(?:[A-ZÁÉÍÓÚÑ]\.){1,3}$|^[A-ZÁÉÍÓÚÑ]$")
# Words that start sentences or praise and are capitalised without being anyone's name.
_NOT_NAMES = {
    "our", "the", "we", "i", "you", "they", "he", "she", "it", "this", "that", "these", "those", "my", "your",
    "their", "a", "an", "and", "or", "all", "everyone", "everybody", "nobody", "someone", "here", "there",
    "nuestro", "nuestra", "nuestros", "nuestras", "el", "la", "los", "las", "un", "una", "todos", "todas",
    "yo", "tu", "ella", "ellos", "nosotros", "certified", "experienced", "qualified", "friendly", "amazing",
    "great", "professional", "passionate", "expert", "experts", "wonderful", "available", "ready", "happy",
    "customer", "client", "member", "student", "anonymous", "guest", "mom", "dad", "as", "like", "but", "so", "also",
    "even", "one", "another", "some", "many", "every", "what", "why", "how", "when", "where", "who", "if", "then",
    "because", "today", "always", "never", "just", "only", "please", "thanks", "como", "pero", "hoy", "siempre",
}  # fmt: skip
ROLE_WORDS = {
    "founder", "cofounder", "co-founder", "owner", "co-owner", "teacher", "instructor", "coach", "trainer",
    "manager", "director", "chef", "baker", "barista", "therapist", "stylist", "designer", "assistant",
    "receptionist", "partner", "ceo", "cto", "coo", "cfo", "president", "dentist", "doctor", "nurse",
    "physiotherapist", "consultant", "advisor", "adviser", "accountant", "lawyer", "architect", "engineer",
    "developer", "photographer", "editor", "writer", "mechanic", "technician", "cook", "sommelier", "guide",
    "tutor", "mentor", "principal", "specialist", "lead", "head", "host", "pastry", "hygienist", "vet",
    "fundador", "fundadora", "cofundador", "cofundadora", "dueno", "duena", "propietario", "propietaria",
    "profesor", "profesora", "maestro", "maestra", "instructora", "entrenador", "entrenadora", "monitor",
    "monitora", "gerente", "directora", "cocinero", "cocinera", "panadero", "panadera", "pastelero",
    "pastelera", "recepcionista", "terapeuta", "fisioterapeuta", "socio", "socia", "encargado", "encargada",
    "jefe", "jefa", "estilista", "peluquero", "peluquera", "disenador", "disenadora", "asistente", "medico",
    "medica", "dentista", "abogado", "abogada", "fotografo", "fotografa", "tutora", "guia", "responsable",
}  # fmt: skip


def is_name(text: str) -> bool:
    """Whether ``text`` is a person's name: 1–5 capitalised words, particles and initials between them."""
    words = text.split()
    if not 1 <= len(words) <= 5 or words[0].lower() in _PARTICLES or words[-1].lower() in _PARTICLES:
        return False
    if fold(words[0]) in _NOT_NAMES or (len(words) == 1 and is_role(words[0])):
        return False
    if words[0].lower() in _TITLES:  # "Dr. Jane Smith": the title is not the name, but may precede it
        words = words[1:]
    return bool(words) and all(_name_word(w) for w in words) and any(not _INITIAL.match(w) for w in words)


def _name_word(word: str) -> bool:
    if word.lower() in _PARTICLES or _INITIAL.match(word):
        return True
    rest = word[1:].replace("'", "").replace("’", "").replace("-", "")
    return word[0].isupper() and (not rest or rest.isalpha()) and not (len(word) > 3 and word.isupper())


def is_role(text: str) -> bool:
    """Whether ``text`` names a job: one of its words is a role word ("head coach", "profesora de yoga")."""
    for word in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", fold(text)):
        if word in ROLE_WORDS or (word.endswith("s") and word[:-1] in ROLE_WORDS):
            return True
    return False
