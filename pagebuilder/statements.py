"""What an editor states about the business in a request ("we started as a pop-up on the pier in 2009", "classes
are pay-what-you-can on Sundays") beside what they ask for. The offline writer cannot rewrite such a sentence,
so it carries it, as written, into the text of the page's most fitting section: the about section for history,
the pricing section for prices, the hero when nothing fits better. Labelled facts (a team list, a review, a
price) are read by ``fact_extraction`` and are not statements; instructions ("make an about page") are not
either. A statement no section could take stays in ``unplaced`` for the generation's suggestions.
"""

import re

from pagebuilder.fact_extraction import extract_facts

MIN_WORDS = 4
MAX_CHARS = 300
MAX_STATEMENTS = 6
_SENTENCES = re.compile(r"(?<=[.!?;])\s+|\n+")
# Where a request joins what to build to what is true: "an about page: we started…", "…, we teach by the water".
_JOINS = re.compile(r":\s+|\s+[–—]\s+|\s+-\s+|,\s+(?=(?:we|our|i|us|they|everything|all)\b)", re.I)
# Facts with a section of their own; a sentence stating one (a list of people, a review, a price) is shown there.
_SHOWN_KINDS = {"testimonial", "team_member", "pricing_plan", "faq", "opening_hours", "address", "phone", "email",
                "menu_item", "job", "offering"}  # fmt: skip
_WORD = re.compile(r"[\w$€£'-]+")
# First words of a request rather than a statement: verbs of asking (English and Spanish), and "a page …".
_ASKING = {
    "make", "create", "build", "write", "add", "generate", "design", "need", "want", "give", "put", "show",
    "please", "can", "could", "would", "let's", "lets", "introduce", "tell", "explain", "list", "describe",
    "showcase", "highlight", "feature", "include", "mention", "use", "keep", "focus", "announce", "promote",
    "present", "welcome", "i'd", "i'm", "help", "set", "draft", "crea", "haz", "genera", "escribe", "necesito",
    "quiero", "queremos", "necesitamos", "añade", "por", "page", "homepage", "landing", "about", "una", "un",
}  # fmt: skip
# How the rest of a request goes on when it is not a statement: "…, with our opening hours".
_NOT_A_START = {"with", "for", "including", "showing", "featuring", "and", "or", "in", "on", "at", "that", "which",
                "where", "using", "plus", "but", "so", "y", "con", "para", "sobre", "incluyendo"}  # fmt: skip
_PAGE_WORDS = {"page", "pages", "website", "site", "section", "sections", "página", "sitio", "web"}
# Words that say which section a statement belongs in; a statement with none goes to the about or hero text.
_CUES = {
    "about": {"started", "founded", "since", "began", "opened", "family", "history", "years", "generation",
              "story", "grew", "mission", "believe", "values", "empezamos", "fundada", "desde"},
    "timeline": {"started", "founded", "since", "opened", "moved"},
    "pricing": {"price", "prices", "pay", "pay-what-you-can", "cost", "costs", "free", "discount", "fee",
                "fees", "cheap", "cheaper", "$", "€", "£", "precio", "gratis"},
    "location": {"parking", "park", "located", "entrance", "bus", "train", "street", "corner", "near", "pier"},
    "contact": {"call", "email", "reply", "answer", "reach", "message", "book", "booking"},
    "team": {"teacher", "teachers", "staff", "team", "founder", "chef", "instructor", "instructors"},
    "services": {"class", "classes", "offer", "offers", "course", "courses", "workshop", "workshops", "serve"},
    "features": {"class", "classes", "offer", "offers", "every", "always", "only"},
    "faq": {"question", "questions", "ask", "asked"},
}  # fmt: skip
_WEIGHT = {"features": 0.5, "services": 0.5}  # their cue words are common; a more specific section wins a tie
_DEFAULT_ORDER = ("about", "hero", "features", "services", "cta")


def stated_sentences(*texts: str) -> list[str]:
    """The statements in ``texts`` (a request's intent, the notes left over from its facts), each once, as
    sentences: capitalised and closed with a full stop."""
    found: list[str] = []
    for text in texts:
        for sentence in _SENTENCES.split(text or ""):
            if any(fact.kind in _SHOWN_KINDS for fact in extract_facts(sentence).facts):
                continue  # a labelled fact: shown through its own section
            for piece in _pieces(sentence):
                stated = _statement(piece)
                if stated and stated.lower() not in {f.lower() for f in found}:
                    found.append(stated)
    return found[:MAX_STATEMENTS]


def _pieces(sentence: str) -> list[str]:
    """The parts of a sentence that may state something: after a request's instruction, a comma starts one
    too ("Make a home page, every course ends with a firing night")."""
    pieces = _JOINS.split(sentence)
    first = _WORD.findall(pieces[0].lower())[:1]
    if first and first[0] in _ASKING and ", " in pieces[0]:
        pieces[:1] = pieces[0].split(", ", 1)
    return pieces


def _statement(piece: str) -> str | None:
    piece = " ".join(piece.split()).strip(" ,;:-–—")
    words = [w.lower() for w in _WORD.findall(piece)]
    if len(words) < MIN_WORDS or len(piece) > MAX_CHARS or words[0] in _ASKING | _NOT_A_START:
        return None
    names_the_page = bool(set(words[:4]) & _PAGE_WORDS)
    if names_the_page or (set(words) & _PAGE_WORDS and not {"we", "our", "i", "nosotros"} & set(words)):
        return None  # "an about page for our bike shop", "a page for the bakery": what to build, not a fact
    piece = piece[:1].upper() + piece[1:]
    return piece if piece.endswith((".", "!", "?")) else f"{piece}."


def best_section(sentence: str, planned: list[str]) -> str | None:
    """The planned section whose cue words the sentence shares most; the about section, else the hero, when
    none does."""
    words = {w.lower() for w in _WORD.findall(sentence)} | ({"$"} if "$" in sentence else set())
    scored = [(_score(words, kind), -index, kind) for index, kind in enumerate(planned)]
    best = max(scored, default=(0, 0, None))
    if best[0] > 0:
        return best[2]
    return next((kind for kind in _DEFAULT_ORDER if kind in planned), planned[0] if planned else None)


def _score(words: set[str], kind: str) -> float:
    return len(words & _CUES.get(kind, set())) * _WEIGHT.get(kind, 1.0)


class Statements:
    """The statements of one page and where each should go; a statement whose section has been written without
    it may go into any later section's text."""

    def __init__(self, sentences: list[str], planned: list[str]) -> None:
        self.pending = {sentence: best_section(sentence, planned) for sentence in sentences}
        self.passed: set[str] = set()

    def for_section(self, semantic_type: str) -> list[str]:
        return [s for s, kind in self.pending.items() if kind == semantic_type or kind in self.passed]

    def section_kept(self, semantic_type: str, texts: set[str]) -> None:
        """A section is on the page with ``texts``: the statements it says are placed."""
        said = " ".join(texts)
        for sentence in [s for s in self.pending if s in said]:
            del self.pending[sentence]
        self.passed.add(semantic_type)

    def unplaced(self) -> list[str]:
        return list(self.pending)
