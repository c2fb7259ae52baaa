"""Page versions and publishing, without loss.

Every generated or edited payload becomes a ``PageVersion``; the draft of a slug is its newest version that
is neither undone nor a snapshot of a previously published page. Undo marks the draft undone, so the
version before it is the draft again (nothing is deleted); restoring any version copies it as a new one.
Publishing writes a version to ``page_categories`` (upsert by website and slug) under a row lock, and first
keeps whatever the live page held as a version of its own (``previously_published``) unless an identical
published version already exists, so a payload an editor or the Rails app put there is never lost.
"""

from django.db import IntegrityError, transaction

from pagebuilder.models import PageCategory, PageVersion
from websites.errors import Conflict
from websites.models import Website

NAME_MAX = 255


def drafts(website: Website | int, slug: str):
    website_id = website.pk if isinstance(website, Website) else website
    return (
        PageVersion.objects.filter(website_id=website_id, slug=slug, undone=False)
        .exclude(source=PageVersion.Source.PREVIOUSLY_PUBLISHED)
        .order_by("-created_at", "-id")
    )


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
        design_payload=version.design_payload,
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
        design_payload=payload,
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
    if page is not None and page.design_payload:
        already_kept = PageVersion.objects.filter(
            website_id=version.website_id, slug=version.slug, published=True, design_payload=page.design_payload
        ).exists()
        if not already_kept:
            PageVersion.objects.create(
                website_id=version.website_id,
                slug=version.slug,
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
    if page is None:
        page = PageCategory(website_id=version.website_id, slug=version.slug, name=version.title or version.slug)
    page.design_payload = version.design_payload
    page.seo_title = version.seo_title
    page.seo_description = version.seo_description
    page.save()
    PageVersion.objects.filter(pk=version.pk).update(published=True)
    version.published = True
    return page


def page_state(website: Website, slug: str) -> dict:
    """Draft and live state of one page: whether the newest version is what is published."""
    draft = latest_version(website, slug)
    live = PageCategory.objects.filter(website=website, slug=slug).first()
    return {
        "draft": draft,
        "live": live,
        "draft_is_published": bool(draft and live and live.design_payload == draft.design_payload),
    }
