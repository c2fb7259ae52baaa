"""Publishing a whole site in one action: every page of the sitemap that has a draft, all or none.

Each page goes through ``review.publish_draft`` (the same permission rules as one page: an API key needs the
publish permission, an editor on a site that requires review cannot publish) inside one transaction, so a page
that fails (no draft, a refused permission, a database error) leaves every page as it was. What each page
showed before is kept as a version first, as when publishing one page.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from pagebuilder.models import PageReview, PageVersion
from pagebuilder.pages import drafted_slugs, page_state
from pagebuilder.review import publish_draft, submit_for_review
from pagebuilder.site.plans import is_building, require_plan
from websites.errors import Conflict
from websites.models import ApiClient, Website


def publish_pages(website: Website, slugs: list[str], *, api_client: ApiClient | None = None, user=None,
                  user_id: int | None = None) -> list[PageVersion]:  # fmt: skip
    """Publish the drafts of ``slugs`` in one transaction; raises (and publishes nothing) when one fails."""
    if user is None and user_id is not None:
        user = get_user_model().objects.filter(pk=user_id).first()
    with transaction.atomic():
        return [publish_draft(website, slug, user=user, api_client=api_client) for slug in slugs]


def submit_site_for_review(website: Website, *, user=None, api_client: ApiClient | None = None) -> list[str]:
    """Submit the draft of every built page of the sitemap that is not live as it is and not awaiting review
    already, in one transaction (all or none); the slugs submitted. Conflict when there is nothing to submit."""
    plan = require_plan(website)
    if is_building(plan):
        raise Conflict("The site is being built; submit it when the build has finished.")
    waiting = [page["slug"] for page in plan.pages if _submittable(website, page["slug"])]
    if not waiting:
        raise Conflict("Every built page is live or awaiting review already: there is nothing to submit.")
    with transaction.atomic():
        for slug in waiting:
            submit_for_review(website, slug, user=user, api_client=api_client)
    return waiting


def _submittable(website: Website, slug: str) -> bool:
    state = page_state(website, slug)
    draft = state["draft"]
    if draft is None or state["draft_is_published"]:
        return False
    return not PageReview.objects.filter(version=draft, status=PageReview.Status.PENDING).exists()


def publish_site(website: Website, *, api_client: ApiClient | None = None, user=None) -> list[PageVersion]:
    """Publish every page of the site's current sitemap that has a draft; pages still waiting for data are not
    part of the site yet. Conflict while the site is being built or when no page has been built."""
    plan = require_plan(website)
    if is_building(plan):
        raise Conflict("The site is being built; publish it when the build has finished.")
    drafted = drafted_slugs(website, [page["slug"] for page in plan.pages])
    slugs = [page["slug"] for page in plan.pages if page["slug"] in drafted]
    if not slugs:
        raise Conflict("No page of the sitemap has been built yet: build the site first.")
    return publish_pages(website, slugs, api_client=api_client, user=user)
