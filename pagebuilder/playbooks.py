"""Page-type playbooks: which semantic sections a page of each type has, in order.

The offline planner builds pages from them; Claude gets the chosen playbook as guidance (it may deviate when
the site's data calls for it). A section is ``required`` when the page type makes no sense without it; an
optional section names the site capability (``needs``) that makes it worth including, or ``None`` when it
suits any site. The page type comes from the editor's intent by embedding similarity to each playbook's
example intents (the best match counts), with the page slug as a hint.
"""

import re
import threading
from dataclasses import dataclass

import numpy as np

from registry.embeddings import get_embedding_provider


@dataclass(frozen=True)
class Section:
    semantic_type: str
    category: str
    required: bool = False
    needs: str | None = None
    guidance: str = ""


@dataclass(frozen=True)
class Playbook:
    page_type: str
    title: str
    examples: tuple[str, ...]
    slugs: tuple[str, ...]
    sections: tuple[Section, ...]


def _s(semantic_type: str, required: bool = False, needs: str | None = None, guidance: str = "", category: str = ""):
    return Section(semantic_type, category or semantic_type, required, needs, guidance)


HERO = _s("hero", True, guidance="One clear promise for this page, the page's main keyword, one primary action.")
CTA = _s("cta", True, guidance="Close with one next step that matches the page's goal.")

PLAYBOOKS: tuple[Playbook, ...] = (
    Playbook(
        "home",
        "Home page",
        (
            "home page for our business",
            "the main page of our website",
            "homepage that welcomes visitors",
            "front page with an overview of everything we do",
            "landing page of the whole site",
        ),
        ("home", "index", "homepage", "start"),
        (
            HERO,
            _s("services", True, guidance="The three to six main offers, each with one benefit."),
            _s("about", needs="media_library", guidance="A short story that builds trust."),
            _s("stats", needs="stats_or_metrics", guidance="Only real, sourced figures."),
            _s("testimonials", needs="reviews_or_testimonials", guidance="Genuine customer words only."),
            _s("gallery", needs="media_library", guidance="The site's own best photos."),
            CTA,
        ),
    ),
    Playbook(
        "about",
        "About page",
        (
            "about us page",
            "tell our story and history",
            "who we are and what we believe",
            "page about our family business and founders",
            "our mission and values",
        ),
        ("about", "about-us", "our-story", "story", "who-we-are"),
        (
            HERO,
            _s("about", True, guidance="The story: who, since when, why; concrete details from the brand summary."),
            _s("features", guidance="What makes the business different, from its own keywords and summary."),
            _s("timeline", needs="history_milestones", guidance="Milestones only when dates are known."),
            _s("team", needs="team_members", guidance="Real people with their real roles."),
            _s("stats", needs="stats_or_metrics"),
            _s("testimonials", needs="reviews_or_testimonials"),
            _s("gallery", needs="media_library", guidance="A few of the site's own photos."),
            CTA,
        ),
    ),
    Playbook(
        "services",
        "Services page",
        (
            "page listing our services",
            "what we offer",
            "all our treatments",
            "overview of the services we provide",
            "our offerings",
        ),
        ("services", "our-services", "what-we-do", "offerings", "treatments"),
        (
            HERO,
            _s("services", True, guidance="Every main service with a one-sentence benefit."),
            _s("process", guidance="How working with the business goes, in three to five steps."),
            _s("testimonials", needs="reviews_or_testimonials"),
            _s("faq", needs="faq_entries"),
            CTA,
        ),
    ),
    Playbook(
        "service_detail",
        "Service detail page",
        (
            "page about one specific service",
            "details about a single treatment",
            "explain how this service works",
            "a page for our dental implants service",
            "page for our custom wedding cakes",
        ),
        ("service", "treatment", "product"),
        (
            HERO,
            _s("features", True, guidance="What the service includes and why it matters."),
            _s("process", guidance="What happens step by step."),
            _s("gallery", needs="media_library"),
            _s("pricing", needs="pricing_plans"),
            _s("faq", needs="faq_entries"),
            CTA,
        ),
    ),
    Playbook(
        "contact",
        "Contact page",
        (
            "contact us page",
            "page where people can get in touch",
            "book an appointment",
            "enquiry form with our phone and email",
            "how to reach us",
        ),
        ("contact", "contact-us", "get-in-touch", "book", "appointments"),
        (
            HERO,
            _s("contact", True, guidance="A short form and every real contact channel."),
            _s("location", needs="location_address"),
            _s("faq", needs="faq_entries"),
        ),
    ),
    Playbook(
        "pricing",
        "Pricing page",
        (
            "pricing page",
            "show our prices",
            "how much it costs",
            "our plans and packages",
            "fees and rates",
        ),
        ("pricing", "prices", "plans", "rates", "fees"),
        (
            HERO,
            _s("pricing", True, needs="pricing_plans", guidance="Only the site's published prices."),
            _s("features", guidance="What every plan includes."),
            _s("testimonials", needs="reviews_or_testimonials"),
            _s("faq", needs="faq_entries"),
            CTA,
        ),
    ),
    Playbook(
        "faq",
        "FAQ page",
        (
            "frequently asked questions",
            "answers to common questions",
            "faq page",
            "help page with questions and answers",
        ),
        ("faq", "faqs", "help", "questions"),
        (
            HERO,
            _s("faq", True, guidance="Real questions customers ask, answered plainly."),
            _s("contact", guidance="Where to ask what the FAQ does not answer."),
        ),
    ),
    Playbook(
        "team",
        "Team page",
        (
            "meet the team",
            "our staff",
            "page about our people",
            "introduce our dentists",
            "our employees and what they do",
            "introduce the people who work here",
        ),
        ("team", "our-team", "people", "staff", "meet-the-team"),
        (
            HERO,
            _s("team", True, needs="team_members", guidance="Every real person, name and role."),
            _s("about", guidance="What the team stands for."),
            _s("careers", needs="job_openings"),
            CTA,
        ),
    ),
    Playbook(
        "careers",
        "Careers page",
        (
            "careers page",
            "we are hiring",
            "job openings",
            "work with us",
            "join our team vacancies",
            "we are hiring new staff",
            "recruiting people to work here",
        ),
        ("careers", "jobs", "join-us", "work-with-us", "hiring"),
        (
            HERO,
            _s("about", guidance="Why people like working here."),
            _s("careers", True, needs="job_openings", guidance="Only open positions."),
            _s("process", guidance="How applying works."),
            _s("testimonials", needs="reviews_or_testimonials"),
            CTA,
        ),
    ),
    Playbook(
        "testimonials",
        "Testimonials page",
        (
            "testimonials page",
            "what customers say about us",
            "reviews from our clients",
            "customer stories",
            "patient reviews and ratings",
        ),
        ("testimonials", "reviews", "stories", "success-stories"),
        (
            HERO,
            _s("testimonials", True, needs="reviews_or_testimonials", guidance="Genuine quotes, attributed."),
            _s("stats", needs="stats_or_metrics"),
            _s("logos", needs="logos"),
            CTA,
        ),
    ),
    Playbook(
        "gallery",
        "Gallery page",
        (
            "photo gallery",
            "pictures of our work",
            "portfolio",
            "photos of our cakes",
            "before and after images",
        ),
        ("gallery", "portfolio", "photos", "our-work", "work"),
        (
            HERO,
            _s("gallery", True, needs="media_library", guidance="The site's own photos with honest captions."),
            _s("testimonials", needs="reviews_or_testimonials"),
            CTA,
        ),
    ),
    Playbook(
        "menu",
        "Menu or products page",
        (
            "our menu",
            "products we sell",
            "food and drink menu with prices",
            "bread and pastry list",
            "shop catalogue",
        ),
        ("menu", "products", "shop", "our-menu", "catalogue"),
        (
            HERO,
            _s("menu", True, needs="menu_items", guidance="Items, descriptions and prices from the site."),
            _s("gallery", needs="media_library"),
            _s("location", needs="location_address"),
            CTA,
        ),
    ),
    Playbook(
        "location",
        "Location page",
        (
            "find us",
            "how to get to our shop",
            "our address and opening hours",
            "visit us map and directions",
            "locations page",
        ),
        ("location", "locations", "find-us", "visit", "visit-us", "directions"),
        (
            HERO,
            _s("location", True, needs="location_address", guidance="Address, hours and directions."),
            _s("contact", guidance="How to reach the business before visiting."),
            _s("gallery", needs="media_library"),
            CTA,
        ),
    ),
    Playbook(
        "landing",
        "Landing page",
        (
            "landing page for a promotion",
            "spring offer campaign",
            "special deal sign up page",
            "launch of a new product",
            "limited time discount page",
        ),
        ("landing", "offer", "promo", "campaign", "special", "launch"),
        (
            HERO,
            _s("features", True, guidance="Benefits of the offer, not a list of everything."),
            _s("stats", needs="stats_or_metrics"),
            _s("testimonials", needs="reviews_or_testimonials"),
            _s("logos", needs="logos"),
            _s("faq", needs="faq_entries"),
            CTA,
        ),
    ),
)
PLAYBOOKS_BY_TYPE = {playbook.page_type: playbook for playbook in PLAYBOOKS}
SLUG_BONUS = 0.35
WORD_BONUS = 0.15
# Words (or phrases) in an intent that point at one page type.
_CUES = {
    "home": {"homepage", "home", "front"},
    "contact": {"book", "booking", "appointment", "enquiry", "enquiries", "reach"},
    "pricing": {"price", "prices", "pricing", "cost", "costs", "charges", "fees"},
    "faq": {"faq", "faqs", "questions"},
    "team": {"team", "staff"},
    "careers": {"hiring", "jobs", "careers", "vacancies"},
    "testimonials": {"reviews", "testimonials"},
    "gallery": {"gallery", "photos", "portfolio", "pictures"},
    "menu": {"menu", "products"},
    "location": {"directions", "address", "location", "map"},
    "landing": {"promotion", "campaign", "offer", "launch", "discount"},
    "about": {"story", "history", "founders", "about page", "about us"},
    "services": {"services", "treatments"},
}


@dataclass(frozen=True)
class PageTypeMatch:
    page_type: str
    score: float
    slug_hint: bool


_vectors: dict[str, np.ndarray] = {}
_vectors_lock = threading.Lock()


def _playbook_matrix() -> np.ndarray:
    provider = get_embedding_provider()
    with _vectors_lock:
        if provider.model_id not in _vectors:
            texts = [example for p in PLAYBOOKS for example in p.examples]
            matrix = np.asarray(provider.embed_documents(texts), dtype=np.float32)
            _vectors[provider.model_id] = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
        return _vectors[provider.model_id]


def _slug_words(slug: str) -> set[str]:
    return {slug, *re.split(r"[-_]+", slug)} - {""}


def detect_page_type(intent: str, slug: str = "") -> PageTypeMatch:
    """The playbook whose example intents are closest in meaning to the intent; a matching slug and cue words
    in the intent add a bonus."""
    vector = np.asarray(get_embedding_provider().embed_query(intent[:1000]), dtype=np.float32)
    vector /= np.linalg.norm(vector) or 1.0
    similarities = iter((_playbook_matrix() @ vector).tolist())
    scores = [max(next(similarities) for _ in playbook.examples) for playbook in PLAYBOOKS]
    words = _slug_words(slug.lower())
    lowered = intent.lower()
    intent_words = set(re.findall(r"[a-z]+", lowered))
    best: PageTypeMatch | None = None
    for playbook, similarity in zip(PLAYBOOKS, scores, strict=True):
        hint = bool(words & set(playbook.slugs))
        cues = _CUES.get(playbook.page_type, set())
        cued = any(cue in lowered if " " in cue else cue in intent_words for cue in cues)
        score = float(similarity) + (SLUG_BONUS if hint else 0.0) + (WORD_BONUS if cued else 0.0)
        if best is None or score > best.score:
            best = PageTypeMatch(playbook.page_type, round(score, 4), hint)
    return best


def planned_sections(playbook: Playbook, capabilities: frozenset[str]) -> list[Section]:
    """The sections a page of this type gets for a site with these capabilities (required ones always)."""
    return [s for s in playbook.sections if s.required or s.needs is None or s.needs in capabilities]
