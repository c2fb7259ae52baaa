"""Which registry categories can hold each kind of page section, in either registry.

The page playbooks speak of sections (hero, services, location …); the demo registry files one category per
section, while the real @opensite/ui library files the same kind of block under other names (services in
``services-list``, heroes also in ``background-pattern-hero``, locations under ``contact``). This one table
maps a section to every category whose blocks may serve it, first the section's own name. A name nobody
mapped is still searched as a category of its own, so a new category works before anyone maps it.

``context_adapters`` is the curators' JSON object on a component: ``{"industries": [...], "use_cases": [...],
"brand_alignment": [...]}`` (lists of short words; other keys are kept and ignored). ``adapter_matches`` counts
how many of a site's industry words and a page's use cases a component's adapters name; the planner ranks
such blocks higher among a section's candidates.
"""

import re
from collections.abc import Iterable

SECTION_CATEGORIES: dict[str, tuple[str, ...]] = {
    "hero": ("hero", "background-pattern-hero"),
    "services": ("services", "services-list"),
    "about": ("about",),
    "features": ("features", "comparison"),
    "stats": ("stats",),
    "testimonials": ("testimonials", "reviews"),
    "gallery": ("gallery", "carousel"),
    "cta": ("cta", "banner"),
    "process": ("process", "timeline"),
    "timeline": ("timeline", "process"),
    "team": ("team",),
    "careers": ("careers",),
    "contact": ("contact",),
    "location": ("location", "contact"),
    "faq": ("faq",),
    "pricing": ("pricing",),
    "menu": ("menu", "pricing"),
    "logos": ("logos",),
    "blog": ("blog", "resource-list", "article"),
    "projects": ("project-list", "case-studies-list"),
    "industries": ("industries",),
}

# How editors speak of each category's blocks; indexed with every component (embedding text and full text),
# because the library's descriptions talk about layout ("a responsive grid of cards") rather than purpose.
CATEGORY_PHRASES: dict[str, str] = {
    "about": "about us: who we are, our story, mission and values",
    "article": "a long written article or blog post with headings",
    "background-pattern-hero": "the big welcome section at the top of a page, over a patterned background",
    "banner": "a thin announcement bar or promo strip for a sale or news",
    "blog": "latest news and blog posts",
    "careers": "jobs and open positions, we are hiring",
    "carousel": "a slideshow or carousel of slides",
    "case-studies-list": "customer success stories and case studies",
    "case-study-detail": "one customer success story in detail with results",
    "comparison": "compare us with the competition, plans or products side by side",
    "contact": "contact us: a form, phone, email, address, map and office locations; book a call or a meeting",
    "cta": "a call to action closing the page: a strong invitation to sign up, book or get started",
    "faq": "frequently asked questions and answers",
    "features": "why customers choose us: features, benefits and advantages",
    "footer": "site footer with links, address and social icons",
    "gallery": "photo gallery of images",
    "hero": "the big welcome section at the top of a page: main headline, intro and a button",
    "industries": "the sectors and industries we serve",
    "link-page": "link in bio page with all our links",
    "list": "a list of items, achievements or awards",
    "location": "where to find us: address, map and opening hours",
    "logos": "logos of clients, partners and brands that trust us",
    "menu": "food and drink menu with prices",
    "navbar": "top navigation menu with the site's pages",
    "offer-modal": "popup offer or newsletter signup with a discount",
    "pricing": "pricing plans, prices and packages",
    "process": "how it works, step by step process",
    "project-detail": "one project in detail",
    "project-list": "portfolio of projects and our work",
    "resource-detail": "one guide or downloadable resource",
    "resource-list": "guides, downloads and resources",
    "service-detail": "one service in detail",
    "services": "the services we offer",
    "services-list": "the services we offer",
    "stats": "key numbers and statistics, figures and metrics",
    "team": "meet the team: the people behind the company, staff and founders",
    "testimonials": "what our clients say: customer reviews, quotes, feedback and ratings",
    "timeline": "history and milestones over the years, a timeline",
}

ADAPTER_KEYS = ("industries", "use_cases", "brand_alignment")
_WORD = re.compile(r"[a-z0-9]+")
_FILLER = frozenset("a an and for in of on or our page section site the to website with".split())  # noqa: SIM905


def category_phrase(category: str | None) -> str:
    """How editors speak of blocks of ``category`` ("" for a category nobody described)."""
    return CATEGORY_PHRASES.get(category or "", "")


def categories_for(section: str) -> tuple[str, ...]:
    """Every category whose blocks may serve ``section``: the mapped ones, else the name itself."""
    return SECTION_CATEGORIES.get(section, (section,))


def adapter_terms(adapters: object) -> set[str]:
    """The lower-case words a component's context adapters name, from the documented keys only."""
    if not isinstance(adapters, dict):
        return set()
    terms: set[str] = set()
    for key in ADAPTER_KEYS:
        values = adapters.get(key)
        for value in values if isinstance(values, list) else []:
            if isinstance(value, str):
                terms.update(_words(value))
    return terms


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower())) - _FILLER


def adapter_matches(adapters: object, wanted: Iterable[str]) -> int:
    """How many of the ``wanted`` words (a site's industry, a page's use case) the adapters name."""
    terms = adapter_terms(adapters)
    return len(terms & {word for text in wanted for word in _words(text)}) if terms else 0
