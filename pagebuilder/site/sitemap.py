"""Sitemap proposal (whole-site generation, step one): from a site-level intent ("a website for our yoga studio")
and what the website already holds, the pages a small business site needs, each with its slug, title, page type,
a one-line purpose and the sections it will have.

Offline and deterministic: the pages come from the playbooks (``playbooks.PLAYBOOKS``) and the site's
capabilities (``context.site_capabilities``). Home, about, services and contact are always proposed; pricing,
team, testimonials, FAQ, menu, gallery, location and careers only when the site's facts or media support them or
the intent asks for them. A page the intent asks for (or a core page) whose data the site lacks is still proposed,
with ``needs``: the questions (``questions.py``) whose answers unlock it, and without the sections it cannot fill.
Titles and purposes are written only from the site's own data (its name, facts and media), never invented.
"""

import re
from dataclasses import asdict, dataclass, replace

from django.utils.text import slugify

from pagebuilder.context import WebsiteContext, build_context
from pagebuilder.models import PageCategory, PageVersion
from pagebuilder.playbooks import PLAYBOOKS_BY_TYPE, Playbook, Section, planned_sections
from pagebuilder.questions import Question, missing_data_questions
from websites.fact_kinds import KINDS
from websites.models import Website

MAX_PAGES = 8
CORE_PAGES = ("home", "about", "services", "contact")
# Optional pages in the order they are offered, each with the capability that makes it worth having.
OPTIONAL_PAGES = {
    "pricing": "pricing_plans",
    "menu": "menu_items",
    "team": "team_members",
    "testimonials": "reviews_or_testimonials",
    "gallery": "media_library",
    "faq": "faq_entries",
    "location": "location_address",
    "careers": "job_openings",
}
# Words in a site-level intent that ask for an optional page ("… with our prices and the teachers").
INTENT_CUES = {
    "pricing": {"price", "prices", "pricing", "plans", "rates", "fees", "costs", "packages"},
    "menu": {"menu", "menus", "products", "catalogue"},  # not "shop": "our bike repair shop" is the business
    "team": {"team", "staff", "teachers", "instructors", "people", "dentists", "founders"},
    "testimonials": {"reviews", "testimonials", "ratings"},
    "gallery": {"gallery", "photos", "portfolio", "pictures"},
    "faq": {"faq", "faqs", "questions"},
    "location": {"location", "locations", "directions", "map", "address"},
    "careers": {"careers", "jobs", "hiring", "vacancies", "recruiting"},
}
# Questions for required sections ``questions.py`` does not ask about on single pages (a FAQ or gallery page is
# built from the brand there); a sitemap proposes such a page only with its data, so it asks for it.
_EXTRA_QUESTIONS = {
    "faq": Question(
        "faq", "Which questions do your customers ask most, and what do you answer?", "faq", KINDS["faq"].example,
        ("faq_entries",),
    ),
    "gallery": Question(
        "gallery", "Which photos of your work may the gallery show? Add them to the media library.", "",
        "Upload photos in Media, each with a short alt text.", ("media_library",),
    ),
}  # fmt: skip


@dataclass(frozen=True)
class PlannedPage:
    slug: str
    title: str
    page_type: str
    purpose: str
    sections: tuple[str, ...]
    needs: tuple[Question, ...] = ()
    exists: bool = False  # the website already has a page at this slug (the plan rebuilds it)
    asked: bool = False  # the intent asked for this page by name

    def as_dict(self) -> dict:
        return {
            "slug": self.slug,
            "title": self.title,
            "page_type": self.page_type,
            "purpose": self.purpose,
            "sections": list(self.sections),
            "needs": [q.as_dict() for q in self.needs],
            "exists": self.exists,
            "asked": self.asked,
        }


@dataclass(frozen=True)
class Sitemap:
    website_id: int
    intent: str
    industry: str
    pages: tuple[PlannedPage, ...]
    provider: str = "offline"
    notes: tuple[str, ...] = ()  # for the editor: pages of a model's answer left out or changed, and why

    def as_dict(self) -> dict:
        base = asdict(self)
        base["pages"] = [page.as_dict() for page in self.pages]
        base["notes"] = list(self.notes)
        return base


def propose_sitemap(website: Website, intent: str, *, context: WebsiteContext | None = None) -> Sitemap:
    """The sitemap the offline planner proposes for ``website`` and a site-level ``intent`` (``context``: the
    website's, when the caller has built it already)."""
    context = context or build_context(website)
    asked = asked_page_types(intent)
    chosen = list(CORE_PAGES)
    for page_type, capability in OPTIONAL_PAGES.items():
        if page_type in asked or capability in context.capabilities:
            chosen.append(page_type)
    # Pages the intent asked for come first when the cap leaves no room for every supported one.
    optional = sorted(chosen[len(CORE_PAGES) :], key=lambda t: (t not in asked, list(OPTIONAL_PAGES).index(t)))
    chosen = [*CORE_PAGES[:3], *optional[: MAX_PAGES - len(CORE_PAGES)], "contact"]
    taken = existing_slugs(website)
    used: set[str] = set()
    pages = []
    for page_type in chosen:
        page = planned_page(PLAYBOOKS_BY_TYPE[page_type], context, taken, used, asked=page_type in asked)
        used.add(page.slug)
        pages.append(page)
    pages = without_dedicated_sections(pages)
    return Sitemap(website.pk, intent, "" if context.brand.is_default else context.brand.industry, tuple(pages))


def without_dedicated_sections(pages: list[PlannedPage]) -> list[PlannedPage]:
    """The pages without sections another page of the site is about: with a team page, the about page does not
    show the team again (the same cards on two pages). The home page keeps its overview sections, and a page
    keeps a section the editor adds back later."""
    dedicated = {page.page_type for page in pages}
    return [
        page if page.page_type == "home"
        else replace(page, sections=tuple(s for s in page.sections if s == page.page_type or s not in dedicated))
        for page in pages
    ]  # fmt: skip


def asked_page_types(intent: str) -> set[str]:
    """The optional page types the intent names ("with our prices and a photo gallery" → pricing, gallery)."""
    words = set(re.findall(r"[a-z]+", intent.lower()))
    return {page_type for page_type, cues in INTENT_CUES.items() if words & cues}


def existing_slugs(website: Website) -> set[str]:
    """Slugs the website uses already: published pages and pages with versions (drafts, deleted ones)."""
    published = PageCategory.objects.filter(website=website).values_list("slug", flat=True)
    versioned = PageVersion.objects.filter(website=website).values_list("slug", flat=True).distinct()
    return set(published) | set(versioned)


def slug_for(playbook: Playbook, taken: set[str], used: set[str]) -> tuple[str, bool]:
    """The slug of the website's existing page of this type when it has one (that page is rebuilt), else the
    playbook's first slug, numbered when an existing page of another type or an earlier planned page has it."""
    existing = next((slug for slug in playbook.slugs if slug in taken and slug not in used), None)
    if existing is not None:
        return existing, True
    base = slugify(playbook.slugs[0]) or playbook.page_type
    slug, number = base, 2
    while slug in taken or slug in used:
        slug, number = f"{base}-{number}", number + 1
    return slug, False


def page_needs(playbook: Playbook, context: WebsiteContext) -> tuple[Question, ...]:
    """The questions that unlock the page's required sections the site cannot fill yet."""
    questions = missing_data_questions(playbook, context, set())
    extra = _EXTRA_QUESTIONS.get(playbook.page_type)
    if extra is not None and not set(extra.capabilities) & context.capabilities:
        questions.append(extra)
    return tuple(questions)


def fillable_sections(playbook: Playbook, context: WebsiteContext, needs: tuple[Question, ...]) -> tuple[str, ...]:
    """The playbook's sections this site can fill: optional ones its data supports, required ones unless they
    need data it lacks (the page's ``needs`` ask for that data)."""
    unlocked_by_answers = {q.id for q in needs}

    def fillable(section: Section) -> bool:
        if section.semantic_type in unlocked_by_answers and section.required:
            return False
        return section.needs is None or section.needs in context.capabilities

    return tuple(s.semantic_type for s in planned_sections(playbook, context.capabilities) if fillable(s))


def planned_page(
    playbook: Playbook, context: WebsiteContext, taken: set[str], used: set[str], *, asked: bool
) -> PlannedPage:
    slug, exists = slug_for(playbook, taken, used)
    needs = page_needs(playbook, context)
    return PlannedPage(
        slug=slug,
        title=page_title(playbook.page_type, context),
        page_type=playbook.page_type,
        purpose=page_purpose(playbook.page_type, context),
        sections=fillable_sections(playbook, context, needs),
        needs=needs,
        exists=exists,
        asked=asked,
    )


_TITLES = {
    "home": "{name}",
    "about": "About {name}",
    "services": "Services",
    "contact": "Contact",
    "pricing": "Prices",
    "menu": "Menu",
    "team": "Our team",
    "testimonials": "Reviews",
    "gallery": "Gallery",
    "faq": "Questions and answers",
    "location": "Find us",
    "careers": "Careers",
}


def page_title(page_type: str, context: WebsiteContext) -> str:
    """The page's title; a type the offline planner never proposes (a service detail, a landing page) is named
    by its playbook."""
    return _TITLES.get(page_type, PLAYBOOKS_BY_TYPE[page_type].title).format(name=context.name)


def listed(names: list[str], limit: int = 3) -> str:
    """ "a, b and c" of the first ``limit`` names, "and more" when there are others."""
    shown = [name for name in names if name][:limit]
    if len(names) > limit:
        return ", ".join(shown) + " and more"
    return " and ".join([", ".join(shown[:-1]), shown[-1]]) if len(shown) > 1 else "".join(shown)


def page_purpose(page_type: str, context: WebsiteContext) -> str:
    """One line saying what the page does, built only from the site's name and facts."""
    facts, name = context.facts, context.name
    offers = listed([o.name for o in facts.offerings] or [m.name for m in facts.menu])
    purposes = {
        "home": f"Welcomes visitors to {name}" + (f" and points them to {offers}." if offers else "."),
        "about": f"Tells who {name} is and why people choose it.",
        "services": f"Presents {offers}, each with its benefit." if offers else f"Presents what {name} offers.",
        "contact": f"How to reach {name}" + (f": {_channels(context)}." if _channels(context) else "."),
        "pricing": f"Shows the published prices: {listed([p.name for p in facts.plans])}.",
        "menu": f"Lists the menu: {listed([m.name for m in facts.menu])}.",
        "team": f"Introduces {listed([m.name for m in facts.team])}.",
        "testimonials": f"Quotes what {listed([t.author for t in facts.testimonials])} said about {name}.",
        "gallery": f"Shows {name}'s own photos.",
        "faq": f"Answers {len(facts.faqs)} common questions." if facts.faqs else "Answers common questions.",
        "location": f"Where to find {name}" + (f": {facts.address}." if facts.address else "."),
        "careers": f"Lists open positions: {listed([j.title for j in facts.jobs])}.",
    }
    if page_type in OPTIONAL_PAGES and OPTIONAL_PAGES[page_type] not in context.capabilities:
        kind = page_type.replace("_", " ")
        return f"The {kind} page of {name}, built once its questions are answered."
    return purposes.get(page_type, f"The {PLAYBOOKS_BY_TYPE[page_type].title.lower()} of {name}.")


def _channels(context: WebsiteContext) -> str:
    facts = context.facts
    channels = [word for word, value in (("phone", facts.phone), ("e-mail", facts.email)) if value]
    if facts.address:
        channels.append(f"the address {facts.address}")
    return listed(channels)
