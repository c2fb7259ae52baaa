"""The site's current sitemap (``SitePlan``) and the editor's changes to it before a build.

A site plan task stores its proposal here (``record_proposal``); the editor then adds, removes, renames and
reorders pages and changes a page's sections (``add_page`` … ``set_sections``, from the builder's controls and
chat), or an API caller sends a whole edited sitemap (``clean_pages``). Whatever comes in is checked the same
way: known page types and section types, valid and unique slugs, storable titles, and ``needs`` (the questions
that unlock a page) recomputed from the site's data, never taken from the caller. A plan being built is not
edited; editing a built plan starts a new one, so the built one stays in the history.
"""

from dataclasses import replace

from django.db import transaction

from pagebuilder.context import WebsiteContext, build_context
from pagebuilder.models import SitePlan
from pagebuilder.pages import SLUG, SLUG_MAX
from pagebuilder.playbooks import PLAYBOOKS, PLAYBOOKS_BY_TYPE
from pagebuilder.site.sitemap import PlannedPage, Sitemap, existing_slugs, page_needs, planned_page
from registry.categories import SECTION_CATEGORIES
from websites.errors import Conflict, InvalidInput, NotFound
from websites.models import AiTask, Website
from websites.text import require_storable

MAX_SITE_PAGES = 12
MAX_PAGE_SECTIONS = 12
TITLE_MAX, PURPOSE_MAX = 60, 300
# Every section a page may have; navbar and footer are not among them: the build adds one of each to every page.
SECTION_TYPES = frozenset({s.semantic_type for p in PLAYBOOKS for s in p.sections} | set(SECTION_CATEGORIES))
PAGE_TYPES = tuple(PLAYBOOKS_BY_TYPE)


def current_plan(website: Website | int) -> SitePlan | None:
    website_id = website.pk if isinstance(website, Website) else website
    return SitePlan.objects.filter(website_id=website_id).order_by("-created_at", "-id").first()


def is_building(plan: SitePlan) -> bool:
    """Whether the plan is being built: marked so and its build task still pending or running (a worker lost for
    good leaves the plan marked building; its failed task no longer holds the site)."""
    if plan.status != SitePlan.Status.BUILDING:
        return False
    running = (AiTask.Status.PENDING, AiTask.Status.PROCESSING)
    return AiTask.objects.filter(pk=plan.build_task_id, status__in=running).exists()


def require_plan(website: Website) -> SitePlan:
    plan = current_plan(website)
    if plan is None:
        raise NotFound(f"{website.name} has no sitemap yet: propose one first (POST …/site/plan or the builder).")
    return plan


def record_proposal(website: Website, sitemap: Sitemap, *, task_id=None, user_id=None, api_client_id=None) -> SitePlan:
    """Store a proposed sitemap as the site's current one."""
    return SitePlan.objects.create(
        website=website,
        intent=sitemap.intent,
        pages=[page.as_dict() for page in sitemap.pages],
        provider=sitemap.provider,
        plan_task_id=task_id,
        created_by_id=user_id,
        api_client_id=api_client_id,
    )


def save_pages(website: Website, pages: object, *, intent: str | None = None, user=None, api_client=None) -> SitePlan:
    """A whole edited sitemap (API callers, the builder's form): checked, then the site's current sitemap."""
    context = build_context(website)
    cleaned = clean_pages(website, pages, context)
    previous = current_plan(website)
    return _store(website, previous, cleaned, intent=intent, user=user, api_client=api_client)


def clean_pages(website: Website, pages: object, context: WebsiteContext | None = None) -> list[dict]:
    """The sitemap's pages as stored, from what an editor or API caller sent; InvalidInput says what to fix."""
    if not isinstance(pages, list) or not 1 <= len(pages) <= MAX_SITE_PAGES:
        raise InvalidInput(f"sitemap.pages must be a list of 1 to {MAX_SITE_PAGES} pages.")
    context = context or build_context(website)
    taken = existing_slugs(website)
    cleaned, slugs = [], set()
    for index, page in enumerate(pages):
        planned = _clean_page(page, f"sitemap.pages[{index}]", context, taken)
        if planned.slug in slugs:
            raise InvalidInput(f"sitemap.pages[{index}].slug {planned.slug!r} is used twice; slugs are unique.")
        slugs.add(planned.slug)
        cleaned.append(planned)
    if sum(1 for page in cleaned if page.page_type == "home") > 1:
        raise InvalidInput("A sitemap has at most one page of type 'home'.")
    return [page.as_dict() for page in cleaned]


def _clean_page(page: object, where: str, context: WebsiteContext, taken: set[str]) -> PlannedPage:
    if not isinstance(page, dict):
        raise InvalidInput(f"{where} must be an object with slug, title, page_type and sections.")
    page_type = page.get("page_type")
    if page_type not in PLAYBOOKS_BY_TYPE:
        raise InvalidInput(f"{where}.page_type must be one of {', '.join(PAGE_TYPES)} (got {str(page_type)[:40]!r}).")
    slug = str(page.get("slug") or "").strip()
    if not SLUG.match(slug) or len(slug) > SLUG_MAX:
        raise InvalidInput(f"{where}.slug {slug[:60]!r} is not a slug: lowercase letters, digits and single hyphens.")
    title = _text(page.get("title"), f"{where}.title", TITLE_MAX, required=True)
    purpose = _text(page.get("purpose"), f"{where}.purpose", PURPOSE_MAX, required=False)
    sections = clean_sections(page.get("sections"), f"{where}.sections")
    playbook = PLAYBOOKS_BY_TYPE[page_type]
    return PlannedPage(slug=slug, title=title, page_type=page_type, purpose=purpose, sections=tuple(sections),
                       needs=page_needs(playbook, context), exists=slug in taken,
                       asked=bool(page.get("asked")))  # fmt: skip


def clean_sections(sections: object, where: str) -> list[str]:
    if not isinstance(sections, list) or not 1 <= len(sections) <= MAX_PAGE_SECTIONS:
        raise InvalidInput(f"{where} must list 1 to {MAX_PAGE_SECTIONS} section types (e.g. ['hero', 'about', 'cta']).")
    unknown = [str(s)[:40] for s in sections if s not in SECTION_TYPES]
    if unknown:
        raise InvalidInput(
            f"{where} has unknown section types {', '.join(map(repr, unknown[:3]))}; known: "
            f"{', '.join(sorted(SECTION_TYPES))}. The navbar and footer are added to every page by the build."
        )
    if len(set(sections)) != len(sections):
        raise InvalidInput(f"{where} lists a section type twice.")
    return list(sections)


def _text(value: object, field: str, limit: int, *, required: bool) -> str:
    text = require_storable(str(value or "").strip(), field)
    if required and not text:
        raise InvalidInput(f"{field} must not be empty.")
    if len(text) > limit:
        raise InvalidInput(f"{field} is {len(text)} characters; at most {limit}.")
    return text


def _store(website: Website, plan: SitePlan | None, pages: list[dict], *, intent=None, user=None, api_client=None):
    """``pages`` become the current sitemap: the proposed plan is updated, a built or failed one is kept in the
    history and a new plan made from it; a plan being built is refused."""
    with transaction.atomic():
        if plan is not None:
            plan = SitePlan.objects.select_for_update().get(pk=plan.pk)
            if is_building(plan):
                raise Conflict("The site is being built from this sitemap; wait until the build ends to change it.")
        if plan is not None and plan.status == SitePlan.Status.PROPOSED:
            plan.pages, plan.intent = pages, intent if intent is not None else plan.intent
            plan.save(update_fields=["pages", "intent", "updated_at"])
            return plan
        return SitePlan.objects.create(
            website=website,
            intent=intent if intent is not None else (plan.intent if plan else ""),
            pages=pages,
            provider=plan.provider if plan else "editor",
            navigation=plan.navigation if plan else {},
            created_by=user,
            api_client=api_client,
        )


# -- the editor's changes, one at a time (builder controls and chat) ----------------------------------------------


def _edit(website: Website, change, *, user=None) -> SitePlan:
    plan = require_plan(website)
    pages = [dict(page) for page in plan.pages]
    change(pages)
    context = build_context(website)
    return _store(website, plan, clean_pages(website, pages, context), user=user)


def _index(pages: list[dict], slug: str) -> int:
    for index, page in enumerate(pages):
        if page.get("slug") == slug:
            return index
    raise NotFound(f"The sitemap has no page /{slug}.")


def add_page(website: Website, page_type: str, *, title: str = "", user=None) -> SitePlan:
    """A page of ``page_type`` planned the way the proposal plans one (slug, sections, needs), before contact."""
    if page_type not in PLAYBOOKS_BY_TYPE:
        raise InvalidInput(f"page_type must be one of {', '.join(PAGE_TYPES)} (got {page_type[:40]!r}).")
    context = build_context(website)

    def change(pages: list[dict]) -> None:
        used = {page["slug"] for page in pages}
        page = planned_page(PLAYBOOKS_BY_TYPE[page_type], context, existing_slugs(website) | used, used, asked=True)
        page = replace(page, title=title.strip() or page.title)
        slugs = [p["page_type"] for p in pages]
        position = slugs.index("contact") if "contact" in slugs else len(pages)
        pages.insert(position, page.as_dict())

    return _edit(website, change, user=user)


def remove_page(website: Website, slug: str, *, user=None) -> SitePlan:
    def change(pages: list[dict]) -> None:
        if len(pages) == 1:
            raise InvalidInput("A sitemap keeps at least one page.")
        pages.pop(_index(pages, slug))

    return _edit(website, change, user=user)


def rename_page(website: Website, slug: str, title: str, *, new_slug: str | None = None, user=None) -> SitePlan:
    def change(pages: list[dict]) -> None:
        page = pages[_index(pages, slug)]
        page["title"] = title
        if new_slug:
            page["slug"] = new_slug

    return _edit(website, change, user=user)


def move_page(website: Website, slug: str, position: int, *, user=None) -> SitePlan:
    """Move the page to ``position`` (0 first; clamped to the sitemap)."""

    def change(pages: list[dict]) -> None:
        page = pages.pop(_index(pages, slug))
        pages.insert(max(0, min(position, len(pages))), page)

    return _edit(website, change, user=user)


def move_page_by(website: Website, slug: str, step: int, *, user=None) -> SitePlan:
    """Move the page ``step`` places (-1: up, 1: down; clamped to the sitemap)."""
    plan = require_plan(website)
    return move_page(website, slug, max(0, _index(plan.pages, slug) + step), user=user)


def add_section(website: Website, slug: str, section: str, *, user=None) -> SitePlan:
    """Add a section before the page's closing call to action (at the end when it has none)."""

    def change(pages: list[dict]) -> None:
        page = pages[_index(pages, slug)]
        sections = list(page["sections"])
        if section in sections:
            raise InvalidInput(f"“{page['title']}” (/{slug}) has a {section} section already.")
        sections.insert(len(sections) - 1 if sections[-1:] == ["cta"] else len(sections), section)
        page["sections"] = sections

    return _edit(website, change, user=user)


def remove_section(website: Website, slug: str, section: str, *, user=None) -> SitePlan:
    def change(pages: list[dict]) -> None:
        page = pages[_index(pages, slug)]
        if section not in page["sections"]:
            have = ", ".join(page["sections"])
            raise InvalidInput(f"“{page['title']}” (/{slug}) has no “{section[:40]}” section; it has {have}.")
        page["sections"] = [s for s in page["sections"] if s != section]

    return _edit(website, change, user=user)


def set_sections(website: Website, slug: str, sections: list[str], *, user=None) -> SitePlan:
    def change(pages: list[dict]) -> None:
        pages[_index(pages, slug)]["sections"] = list(sections)

    return _edit(website, change, user=user)
