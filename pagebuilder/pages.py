"""Page versions and publishing, without loss.

Every generated or edited payload becomes a ``PageVersion``; the draft of a slug is its newest version that
is neither undone nor a snapshot of a previously published page. Undo marks the draft undone, so the
version before it is the draft again (nothing is deleted); restoring any version copies it as a new one.
Publishing writes a version to ``page_categories`` (upsert by website and slug) under a row lock, and first
keeps whatever the live page held as a version of its own (``previously_published``) unless an identical
published version already exists, so a payload an editor or the Rails app put there is never lost.

Every payload this module writes as a draft or as the live page passes ``clean_payload_styles`` first (the
one choke point for ``_styles``); the snapshot of what someone else had published is kept verbatim.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, Max

from pagebuilder.models import PageCategory, PageVersion
from pagebuilder.payload import clean_payload_styles
from websites.errors import Conflict, NotFound
from websites.models import Website

NAME_MAX = 255
SLUG_MAX = 100
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # a page's slug: lowercase words joined by single hyphens


def drafts(website: Website | int, slug: str):
    website_id = website.pk if isinstance(website, Website) else website
    return (
        PageVersion.objects.filter(website_id=website_id, slug=slug, undone=False)
        .exclude(source=PageVersion.Source.PREVIOUSLY_PUBLISHED)
        .order_by("-created_at", "-id")
    )


def drafted_slugs(website: Website | int, slugs) -> set[str]:
    """Those of ``slugs`` that have a draft (one query for a whole sitemap)."""
    website_id = website.pk if isinstance(website, Website) else website
    found = (
        PageVersion.objects.filter(website_id=website_id, slug__in=list(slugs), undone=False)
        .exclude(source=PageVersion.Source.PREVIOUSLY_PUBLISHED)
        .values_list("slug", flat=True)
    )
    return set(found)


def latest_version(website: Website | int, slug: str) -> PageVersion | None:
    """The current draft of the page, or None before anything was generated."""
    return drafts(website, slug).first()


def undo(website: Website, slug: str) -> PageVersion:
    """Take the current draft back; the version before it becomes the draft. Raises Conflict with nothing to undo."""
    with transaction.atomic():
        latest = list(drafts(website, slug).select_for_update()[:2])
        if len(latest) < 2:
            raise Conflict("There is nothing to undo: this is the first version of the page.")
        current, previous = latest
        PageVersion.objects.filter(pk=current.pk).update(undone=True)
        return previous


def restore_version(version: PageVersion, *, author=None) -> PageVersion:
    """Make an earlier version the draft again, as a new version (the history keeps every step)."""
    when = version.created_at.strftime("%d %b %H:%M")
    return PageVersion.objects.create(
        website_id=version.website_id,
        slug=version.slug,
        title=version.title,
        design_payload=clean_payload_styles(version.design_payload),
        seo_title=version.seo_title,
        seo_description=version.seo_description,
        source=PageVersion.Source.RESTORED,
        summary=f"Restored the version of {when} ({version.get_source_display().lower()})",
        author=author,
        restored_from=version,
    )


def save_version(
    *,
    website: Website,
    slug: str,
    title: str,
    payload: dict,
    seo_title: str,
    seo_description: str,
    source: str,
    summary: str,
    task_id=None,
    author=None,
    api_client=None,
) -> PageVersion:
    return PageVersion.objects.create(
        website=website,
        slug=slug,
        title=title[:NAME_MAX],
        design_payload=clean_payload_styles(payload),
        seo_title=seo_title[:255],
        seo_description=seo_description,
        source=source,
        summary=summary[:300],
        task_id=task_id,
        author=author,
        api_client=api_client,
    )


def publish_version(version: PageVersion, *, author=None, api_client=None) -> PageCategory:
    """Make ``version`` the live page; the payload it replaces is kept as a version first."""
    for attempt in range(2):
        try:
            with transaction.atomic():
                return _publish(version, author=author, api_client=api_client)
        except IntegrityError:  # another process created the row between our lookup and insert: lock it now
            if attempt:
                raise
    raise AssertionError("unreachable")


def _publish(version: PageVersion, *, author, api_client) -> PageCategory:
    page = PageCategory.objects.select_for_update().filter(website_id=version.website_id, slug=version.slug).first()
    if page is not None:
        _keep_live(page, author=author, api_client=api_client)
    if page is None:
        page = PageCategory(website_id=version.website_id, slug=version.slug, name=version.title or version.slug)
    page.design_payload = clean_payload_styles(version.design_payload)
    page.seo_title = version.seo_title
    page.seo_description = version.seo_description
    page.save()
    PageVersion.objects.filter(pk=version.pk).update(published=True)
    version.published = True
    return page


def _keep_live(page: PageCategory, *, author, api_client) -> None:
    """Keep what ``page`` shows live as a version of its own, unless an identical published version exists."""
    if not page.design_payload:
        return
    already_kept = PageVersion.objects.filter(
        website_id=page.website_id, slug=page.slug, published=True, design_payload=page.design_payload
    ).exists()
    if not already_kept:
        PageVersion.objects.create(
            website_id=page.website_id,
            slug=page.slug,
            title=page.name,
            design_payload=page.design_payload,
            seo_title=page.seo_title or "",
            seo_description=page.seo_description or "",
            source=PageVersion.Source.PREVIOUSLY_PUBLISHED,
            summary="The page as it was live before this publish",
            published=True,
            author=author,
            api_client=api_client,
        )


def unpublish(website: Website, slug: str, *, author=None, api_client=None) -> bool:
    """Take the page off the live site: its ``page_categories`` row keeps its name and SEO but no payload (what
    was live is kept as a version first). False when it was not live."""
    with transaction.atomic():
        page = PageCategory.objects.select_for_update().filter(website=website, slug=slug).first()
        if not is_published(page):
            return False
        _keep_live(page, author=author, api_client=api_client)
        page.design_payload = None
        page.save(update_fields=["design_payload", "updated_at"])
    return True


def delete_page(website: Website, slug: str, *, author=None, api_client=None) -> None:
    """Delete softly: unpublished, and every draft version marked undone, so the page has no draft and no live
    payload; every version stays in its history and restoring one brings the page back."""
    with transaction.atomic():
        was_live = unpublish(website, slug, author=author, api_client=api_client)
        marked = drafts(website, slug).update(undone=True)
        if not was_live and not marked:
            raise NotFound(f"Website {website.pk} has no page with slug {slug!r} to delete.")


def page_state(website: Website, slug: str) -> dict:
    """Draft and live state of one page: whether the newest version is what is published."""
    draft = latest_version(website, slug)
    live = PageCategory.objects.filter(website=website, slug=slug).first()
    return {
        "draft": draft,
        "live": live,
        "draft_is_published": bool(draft and live and live.design_payload == draft.design_payload),
    }


def is_published(live: PageCategory | None) -> bool:
    """Whether a page is live: its ``page_categories`` row exists and holds a design payload (which may be null)."""
    return live is not None and bool(live.design_payload)


@dataclass(frozen=True)
class PageSummary:
    """One page of a website as lists show it: its live row (if published) and its current draft (if any)."""

    slug: str
    live: PageCategory | None
    draft: PageVersion | None
    versions: int
    updated_at: datetime | None

    @property
    def published(self) -> bool:
        return is_published(self.live)

    @property
    def draft_differs(self) -> bool:
        return bool(self.draft and (self.live is None or self.live.design_payload != self.draft.design_payload))


def page_summaries(website: Website, extra_slugs=()) -> list[PageSummary]:
    """Every page of the website that is live or has versions (plus ``extra_slugs``), sorted by slug."""
    live = {page.slug: page for page in PageCategory.objects.filter(website=website)}
    stats = {
        row["slug"]: row
        for row in PageVersion.objects.filter(website=website)
        .values("slug")
        .annotate(count=Count("id"), latest_at=Max("created_at"))
    }
    summaries = []
    for slug in sorted(set(live) | set(stats) | set(extra_slugs)):
        page, row = live.get(slug), stats.get(slug)
        times = [page.updated_at if page else None, row["latest_at"] if row else None]
        summaries.append(
            PageSummary(
                slug=slug,
                live=page,
                draft=latest_version(website, slug) if row else None,
                versions=row["count"] if row else 0,
                updated_at=max(filter(None, times), default=None),
            )
        )
    return summaries


VERSIONS_SHOWN = 100


@dataclass(frozen=True)
class PageDetail:
    """One page with its history: its ``page_categories`` row (if any), its current draft and newest versions."""

    slug: str
    live: PageCategory | None
    draft: PageVersion | None
    versions: list[PageVersion]

    @property
    def published(self) -> bool:
        return is_published(self.live)


def page_detail(website: Website, slug: str) -> PageDetail:
    """The page under ``slug`` with its newest ``VERSIONS_SHOWN`` versions; NotFound when it is neither live nor
    has any version."""
    live = PageCategory.objects.filter(website=website, slug=slug).first()
    versions = list(
        PageVersion.objects.filter(website=website, slug=slug).order_by("-created_at", "-id")[:VERSIONS_SHOWN]
    )
    if live is None and not versions:
        raise NotFound(f"Website {website.pk} has no page or draft with slug {slug!r}.")
    return PageDetail(slug=slug, live=live, draft=latest_version(website, slug), versions=versions)
