"""The words editors use for sections, positions and text fields, and how a message's words are read: the
tables the chat grammar and the editor share (``reviews`` → testimonials, "the second faq", "headline")."""

import re

from registry.models import AiSemanticComponent
from registry.selectors import live_components

# Canonical semantic type → the words an editor may use for it.
SECTION_SYNONYMS: dict[str, tuple[str, ...]] = {
    "hero": ("hero", "header", "top", "top section", "intro", "introduction", "opening", "headline section"),
    "about": ("about", "about us", "story", "our story", "who we are"),
    "features": ("features", "feature", "benefits", "why us", "why choose us", "highlights"),
    "services": ("services", "service", "offerings", "what we offer", "what we do"),
    "testimonials": (
        "testimonials", "testimonial", "reviews", "review", "customer reviews", "quotes", "kind words",
        "social proof", "what people say",
    ),
    "faq": ("faq", "faqs", "questions", "question", "q&a", "frequently asked questions", "common questions"),
    "cta": (
        "cta", "call to action", "calls to action", "call-to-action", "closing", "closer", "closing section",
        "final call to action", "closing cta",
    ),
    "team": ("team", "people", "staff", "our team", "the team", "employees", "meet the team", "team members"),
    "gallery": ("gallery", "photos", "photo", "photo gallery", "pictures", "picture", "images", "image gallery"),
    "stats": ("stats", "statistics", "numbers", "figures", "metrics", "key figures", "facts and figures"),
    "contact": ("contact", "contact form", "form", "contact us", "enquiry form", "get in touch", "contact details"),
    "location": (
        "location", "map", "hours", "opening hours", "address", "directions", "find us", "visit us", "opening times",
    ),
    "menu": ("menu", "products", "product list", "food menu", "our menu"),
    "pricing": ("pricing", "prices", "price", "plans", "price plans", "rates", "fees", "price list"),
    "careers": ("careers", "jobs", "job openings", "vacancies", "open positions", "hiring", "job"),
    "process": ("process", "steps", "how it works", "our process"),
    "timeline": ("timeline", "milestones", "history", "our journey", "our history"),
    "logos": ("logos", "partners", "partner logos", "clients", "trusted by"),
    "blog": ("blog", "posts", "news", "articles", "latest news"),
    "footer": ("footer",),
    "navbar": ("navbar", "navigation", "nav", "menu bar", "nav bar"),
    "banner": ("banner", "announcement", "announcement bar", "notice"),
}  # fmt: skip
SYNONYM_TO_TYPE = {phrase: kind for kind, phrases in SECTION_SYNONYMS.items() for phrase in phrases}

ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5,
    "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8, "ninth": 9, "9th": 9,
    "tenth": 10, "10th": 10, "last": -1, "final": -1,
}  # fmt: skip
DETERMINERS = re.compile(r"^(?:the|a|an|my|our|your|this|that|these|those|its|some)(?:\s+|$)")
SECTION_WORDS = re.compile(r"\s+(?:section|sections|block|blocks|part|area|module|component|band|strip)$")
NUMBERED = re.compile(r"^(?:section|block|number|no\.?|#)\s*(\d{1,2})$")
# Words of a swap hint that say nothing about which block: "a different layout", "another one".
GENERIC_HINT_WORDS = {
    "a", "an", "the", "different", "another", "other", "new", "layout", "design", "style", "version", "block",
    "section", "one", "instead", "look", "kind", "type", "variant", "something", "else", "use", "with", "of",
}  # fmt: skip

# Text fields an editor names → prop paths to try, in order.
TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "headline": ("title", "headline", "heading", "name"),
    "subtitle": ("subtitle", "subheadline", "subheading", "description", "intro", "tagline", "text", "body"),
    "description": ("description", "subtitle", "intro", "text", "body", "summary"),
    "eyebrow": ("eyebrow", "kicker", "tagline"),
    "button": ("primaryAction.label", "action.label", "submitLabel", "buttonLabel", "directionsAction.label"),
    "secondary button": ("secondaryAction.label",),
    "caption": ("caption",),
    "announcement": ("announcement",),
}
FIELD_ALIASES = {
    "headline": "headline", "title": "headline", "heading": "headline", "header": "headline", "name": "headline",
    "subtitle": "subtitle", "sub-title": "subtitle", "subheadline": "subtitle", "sub-headline": "subtitle",
    "subheading": "subtitle", "sub-heading": "subtitle", "tagline": "subtitle", "intro": "subtitle",
    "description": "description", "text": "description", "body": "description", "paragraph": "description",
    "copy": "description", "eyebrow": "eyebrow", "kicker": "eyebrow", "label": "button", "button": "button",
    "button label": "button", "button text": "button", "primary button": "button", "main button": "button",
    "cta button": "button", "action": "button", "secondary button": "secondary button",
    "second button": "secondary button", "caption": "caption", "announcement": "announcement",
}  # fmt: skip


def normalise(text: str) -> str:
    text = " ".join(str(text or "").lower().replace("_", " ").split())
    text = text.strip(" .,!?;:\"'“”‘’")
    text = re.sub(r"'s$", "", text)
    for _ in range(2):
        text = DETERMINERS.sub("", text)
        text = SECTION_WORDS.sub("", text)
    return text.strip()


def canonical_type(text: str) -> str:
    """The semantic type an editor's words name: ``reviews`` → ``testimonials``; unknown words come back as
    they are (normalised)."""
    key = normalise(text)
    if key in SYNONYM_TO_TYPE:
        return SYNONYM_TO_TYPE[key]
    for variant in (key.removesuffix("s"), key + "s", key.replace("-", " "), key.replace(" ", "-")):
        if variant in SYNONYM_TO_TYPE:
            return SYNONYM_TO_TYPE[variant]
    return key


def known_type(text: str) -> str | None:
    """The semantic type when ``text`` is a section word we know (synonym or registry category), else None."""
    kind = canonical_type(text)
    return kind if kind in SECTION_SYNONYMS or kind in registry_categories() else None


def registry_categories() -> set[str]:
    return set(live_components().exclude(category__isnull=True).values_list("category", flat=True).distinct())


def _tokens(text: str) -> set[str]:
    words = set(re.findall(r"[a-z0-9]+", (text or "").lower()))
    return words | {w[:-1] for w in words if len(w) > 3 and w.endswith("s")}


def hint_words(hint: str) -> set[str]:
    return {w for w in _tokens(hint) if w not in GENERIC_HINT_WORDS and len(w) > 1}


def hint_score(component: AiSemanticComponent, words: set[str]) -> float:
    """How well a block matches a hint: words in its id, name or tags count 1, in its description 0.5."""
    if not words:
        return 0.0
    strong = _tokens(" ".join([component.component_id, component.display_name or "", *(component.semantic_tags or [])]))
    weak = _tokens(component.description or "")
    return sum(1.0 if w in strong else 0.5 if w in weak else 0.0 for w in words)


def field_label(path: str) -> str:
    """How a reply names a prop path: ``title`` → headline, ``primaryAction.label`` → button label."""
    leaf = path.rsplit(".", 1)[-1].split("[")[0]
    if leaf in ("title", "headline", "heading") and "." not in path and "[" not in path:
        return "headline"
    if leaf == "label" and "Action" in path:
        return "secondary button label" if path.startswith("secondary") else "button label"
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", leaf).lower()
    return words if "[" not in path else f"{words} ({path})"
