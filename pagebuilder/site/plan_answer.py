"""A model's sitemap answer (``{"pages": [{slug, title, page_type, purpose, sections}]}``) checked and normalised
into a ``Sitemap`` by the offline planner's rules, whatever the answer schema promised:

- page types only from ``playbooks.PLAYBOOKS_BY_TYPE``; each at most once (a service detail or landing page may
  repeat); a home page first (the offline one is added when the answer has none); at most ``MAX_PAGES`` pages;
- slugs slugified, at most SLUG_CHARS, unique (a repeat is numbered); an existing page's slug marks the page
  ``exists`` (the plan rebuilds it); a missing or unusable slug is the offline planner's for that type;
- sections only those the page's playbook or the registry knows, each once, none that needs data the site lacks
  (the page's ``needs`` ask for it); the playbook's required sections the site can fill are always there, the
  hero first;
- titles and purposes plain, storable text within TITLE_CHARS and PURPOSE_CHARS; one that is empty or names a
  number the site's data does not hold is replaced by the offline planner's wording;
- ``needs`` and ``asked`` recomputed from the site's data and the intent, never taken from the model.

A page that breaks a rule it cannot be repaired under (an unknown page type, a repeated page type) is left out
and the sitemap's ``notes`` say so; the editor reviews the plan anyway. An answer with no list of pages, or with
no page the builder can build, is an AppError saying what to do (the task fails with it).
"""

import re

from django.utils.text import slugify

from pagebuilder.copywriter import cut
from pagebuilder.playbooks import PLAYBOOKS_BY_TYPE, Playbook
from pagebuilder.questions import Question
from pagebuilder.site.plan_request import SitePlanRequest, section_definition
from pagebuilder.site.sitemap import (
    PlannedPage,
    Sitemap,
    asked_page_types,
    fillable_sections,
    page_needs,
    page_purpose,
    page_title,
    slug_for,
    without_dedicated_sections,
)
from pagebuilder.validation import plain_text
from websites.errors import AppError
from websites.text import text_problem

TITLE_CHARS, PURPOSE_CHARS, SLUG_CHARS = 60, 200, 60
REPEATABLE = {"service_detail", "landing"}  # page types a site may have several of (one per service, campaign)
_NUMBER = re.compile(r"\d+")


class _Plan:
    """The pages kept so far and what was left out or changed, while one answer is read."""

    def __init__(self, request: SitePlanRequest) -> None:
        self.request = request
        self.context = request.context
        self.asked = asked_page_types(request.intent)
        self.numbers = set(_NUMBER.findall(_known_text(request)))
        self.pages: list[PlannedPage] = []
        self.slugs: set[str] = set()
        self.types: set[str] = set()
        self.notes: list[str] = []


def checked_sitemap(
    request: SitePlanRequest, answer: object, *, provider: str, request_id: str | None = None
) -> Sitemap:
    """The sitemap ``answer`` proposes, checked and normalised (see the module docstring); AppError when it holds
    no list of pages or no page that can be built."""
    entries = answer.get("pages") if isinstance(answer, dict) else None
    if not isinstance(entries, list):
        raise _malformed(f"pages is {type(entries).__name__}, not a list", request_id)
    plan = _Plan(request)
    for number, entry in enumerate(entries, start=1):
        page = _page(plan, number, entry)
        if page is not None:
            plan.pages.append(page)
            plan.slugs.add(page.slug)
            plan.types.add(page.page_type)
    if not plan.pages:
        raise _malformed("it proposes no page the builder can build", request_id)
    pages = _home_first(plan)
    if len(pages) > request.max_pages:
        left = ", ".join(f"/{page.slug}" for page in pages[request.max_pages :])
        plan.notes.append(f"A site plan has at most {request.max_pages} pages; {left} left out.")
        pages = pages[: request.max_pages]
    context = request.context
    industry = "" if context.brand.is_default else context.brand.industry
    pages = without_dedicated_sections(pages)
    return Sitemap(context.website_id, request.intent, industry, tuple(pages), provider, tuple(plan.notes))


def _malformed(problem: str, request_id: str | None) -> AppError:
    return AppError(
        f"Claude returned a malformed sitemap: {problem}. Try again, or plan the site offline.",
        details={"request_id": request_id},
    )


def _page(plan: _Plan, number: int, entry: object) -> PlannedPage | None:
    """One proposed page checked, or None (with a note) when it cannot be kept."""
    if not isinstance(entry, dict):
        plan.notes.append(f"Page {number} of the plan was not a page; it was left out.")
        return None
    page_type = _string(entry.get("page_type")).lower()
    label = cut(plain_text(_string(entry.get("title"))), TITLE_CHARS) or f"page {number}"
    playbook = PLAYBOOKS_BY_TYPE.get(page_type)
    if playbook is None:
        plan.notes.append(f"“{label}” has the page type {page_type[:40]!r}, which the builder cannot build; left out.")
        return None
    if page_type in plan.types and page_type not in REPEATABLE:
        plan.notes.append(f"“{label}” was a second {playbook.title.lower()}; left out.")
        return None
    slug, exists = _slug(plan, playbook, entry.get("slug"))
    needs = page_needs(playbook, plan.context)
    return PlannedPage(
        slug=slug,
        title=_text(plan, entry.get("title"), TITLE_CHARS) or page_title(page_type, plan.context),
        page_type=page_type,
        purpose=_text(plan, entry.get("purpose"), PURPOSE_CHARS) or page_purpose(page_type, plan.context),
        sections=_sections(plan, playbook, entry.get("sections"), needs, slug),
        needs=needs,
        exists=exists,
        asked=page_type in plan.asked,
    )


def _string(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _slug(plan: _Plan, playbook: Playbook, value: object) -> tuple[str, bool]:
    """The proposed slug made valid and unique; the offline planner's slug for the type when none is usable."""
    base = slugify(_string(value).strip("/"))[:SLUG_CHARS].strip("-")
    if not base:
        return slug_for(playbook, set(plan.request.taken), plan.slugs)
    slug, count = base, 2
    while slug in plan.slugs:
        slug, count = f"{base[: SLUG_CHARS - 4]}-{count}", count + 1
    if slug != base:
        plan.notes.append(f"Two pages had the slug /{base}; the later one is /{slug}.")
    return slug, slug in plan.request.taken


def _text(plan: _Plan, value: object, limit: int) -> str:
    """Plain, storable text within ``limit``; "" when there is none, or when it names a number the site's data
    does not hold (the caller then writes the offline planner's wording)."""
    text = cut(plain_text(_string(value)), limit)
    if not text or text_problem(text):
        return ""
    if not set(_NUMBER.findall(text)) <= plan.numbers:
        return ""
    return text


def _known_text(request: SitePlanRequest) -> str:
    """Every value the site's data and the intent hold, as one text: the numbers a title may name are its own."""
    context, brand = request.context, request.context.brand
    return " ".join([repr(context.facts), context.name, brand.industry, brand.summary, *context.keywords,
                     request.intent])  # fmt: skip


def _sections(plan: _Plan, playbook: Playbook, value: object, needs: tuple[Question, ...], slug: str) -> tuple:
    """The proposed sections the page may have, then the playbook's required ones the site can fill (hero first,
    the others before a closing call to action); the offline planner's sections when none is left."""
    allowed = plan.request.allowed_sections(playbook)
    capabilities = plan.context.capabilities
    waiting = {question.id for question in needs}
    kept: list[str] = []
    dropped: list[str] = []
    for item in value if isinstance(value, list) else []:
        kind = _string(item).lower()
        if not kind or kind in kept:
            continue
        section = section_definition(kind, playbook)
        unknown = kind not in allowed
        lacking = section is not None and section.needs is not None and section.needs not in capabilities
        if unknown or lacking or (kind in waiting and section is not None and section.required):
            dropped.append(kind[:40])
            continue
        kept.append(kind)
    fillable = fillable_sections(playbook, plan.context, needs)
    required = [s.semantic_type for s in playbook.sections if s.required and s.semantic_type in fillable]
    for kind in required:
        if kind not in kept:
            at = len(kept) - 1 if kept and kept[-1] == "cta" and kind != "cta" else len(kept)
            kept.insert(at, kind)
    if "hero" in kept:
        kept.remove("hero")
        kept.insert(0, "hero")
    if dropped:
        plan.notes.append(f"/{slug}: left out {', '.join(dropped)} (no block for it, or data the site lacks).")
    return tuple(kept) or fillable


def _home_first(plan: _Plan) -> list[PlannedPage]:
    """The pages with the home page first; the offline planner's home page when the answer has none."""
    homes = [page for page in plan.pages if page.page_type == "home"]
    others = [page for page in plan.pages if page.page_type != "home"]
    if homes:
        return [homes[0], *others]
    playbook = PLAYBOOKS_BY_TYPE["home"]
    slug, exists = slug_for(playbook, set(plan.request.taken), plan.slugs)
    needs = page_needs(playbook, plan.context)
    home = PlannedPage(
        slug=slug,
        title=page_title("home", plan.context),
        page_type="home",
        purpose=page_purpose("home", plan.context),
        sections=fillable_sections(playbook, plan.context, needs),
        needs=needs,
        exists=exists,
        asked="home" in plan.asked,
    )
    plan.notes.append(f"The plan had no home page; /{slug} was added.")
    return [home, *others]
