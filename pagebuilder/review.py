"""Review before publishing, per website (``WebsitePolicy.requires_review``; no policy row: no review).

On a website that requires review, editors submit their draft instead of publishing it: the draft is already a
version, and a pending ``PageReview`` points at it. Reviewers and owners (superusers too) see what changed since
the live version and approve it — which publishes exactly that version through ``pages.publish_version`` — or
send it back with a comment; either way the version stays in the history. A review whose draft changed after it
was submitted is stale: it cannot be approved (409), only sent back or replaced by submitting the new draft.

API clients publish directly only with the publish permission on their key (``ApiClient.may_publish``), on any
website; without it they may submit for review. Nothing here deletes or changes a version.
"""

from dataclasses import dataclass
from functools import cached_property

from django.db import IntegrityError, transaction
from django.utils import timezone

from pagebuilder.models import PageCategory, PageReview, PageVersion
from pagebuilder.pages import latest_version, publish_version
from pagebuilder.review_diff import PageDiff, page_diff
from websites.access import may_review
from websites.errors import Conflict, Forbidden, InvalidInput, NotFound
from websites.models import ApiClient, Website, WebsitePolicy
from websites.text import require_storable

COMMENT_MAX = 2000
Status = PageReview.Status


def requires_review(website: Website) -> bool:
    return WebsitePolicy.objects.filter(website_id=website.pk, requires_review=True).exists()


def may_publish_directly(user, website: Website) -> bool:
    """Everyone who may edit publishes on a website without review; on one with review, reviewers and owners."""
    return not requires_review(website) or may_review(user, website)


def require_publish_permission(api_client: ApiClient) -> None:
    if not api_client.may_publish:
        raise Forbidden(
            f"API client {api_client.name!r} lacks the publish permission (may_publish), so it cannot publish "
            "directly: submit the draft for review (POST …/pages/{slug}/submit), or ask an administrator to give "
            "the key the publish permission."
        )


def decide_publish(requested: bool | None, api_client: ApiClient | None) -> bool:
    """Whether a generation publishes its page: as requested, by default when its API client may publish.
    Asking to publish without the permission is refused before anything starts."""
    if api_client is None:
        return True if requested is None else requested
    if requested and not api_client.may_publish:
        require_publish_permission(api_client)
    return api_client.may_publish if requested is None else requested


def publish_draft(website: Website, slug: str, *, user=None, api_client: ApiClient | None = None) -> PageVersion:
    """Publish the page's current draft directly, if the caller may; a pending review of it counts as approved."""
    if api_client is not None:
        require_publish_permission(api_client)
    elif user is not None and not may_publish_directly(user, website):
        raise Forbidden(
            f"{website.name} requires review before publishing: submit the draft for review instead; a reviewer "
            "or an owner publishes it."
        )
    with transaction.atomic():
        draft = latest_version(website, slug)
        if draft is None:
            raise NotFound(f"/{slug} has no draft to publish yet.")
        publish_version(draft, author=user, api_client=api_client)
        by = f" by API client {api_client.name!r}" if api_client else ""
        PageReview.objects.filter(version=draft, status=Status.PENDING).update(
            status=Status.APPROVED, reviewed_by=user, reviewed_at=timezone.now(), comment=f"Published directly{by}."
        )
    return draft


def submit_for_review(website: Website, slug: str, *, user=None, api_client: ApiClient | None = None) -> PageReview:
    """Submit the current draft; a pending review of an older draft of the page is withdrawn (it stays listed)."""
    try:
        with transaction.atomic():
            draft = latest_version(website, slug)
            if draft is None:
                raise NotFound(f"/{slug} has no draft to submit for review yet.")
            live = PageCategory.objects.filter(website=website, slug=slug).first()
            if live is not None and live.design_payload and live.design_payload == draft.design_payload:
                raise Conflict("The live page already shows this draft: there is nothing to review.")
            pending = PageReview.objects.select_for_update().filter(website=website, slug=slug, status=Status.PENDING)
            for earlier in pending:
                if earlier.version_id == draft.pk:
                    raise Conflict("This draft is already awaiting review.")
                _settle(earlier, Status.WITHDRAWN, None, "Replaced by a newer submission of the page.")
            return PageReview.objects.create(
                website=website, slug=slug, version=draft, submitted_by=user, api_client=api_client
            )
    except IntegrityError as error:  # someone submitted the same page at the same moment
        raise Conflict("The page was just submitted for review by someone else; reload to see it.") from error


def review_of(website: Website, slug: str, review_id: int) -> PageReview:
    """The review ``review_id`` of this page, else NotFound (another page's or website's id included)."""
    review = (
        PageReview.objects.select_related("version", "submitted_by", "reviewed_by", "api_client")
        .filter(pk=review_id, website=website, slug=slug)
        .first()
    )
    if review is None:
        raise NotFound(f"/{slug} has no review {review_id}.")
    return review


def approve(review: PageReview, user) -> PageReview:
    """Publish exactly the submitted version and record who approved it. Conflict when it is no longer pending or
    the draft changed since it was submitted."""
    website = review.website
    _require_reviewer(user, website, "approve")
    with transaction.atomic():
        review = PageReview.objects.select_for_update().select_related("version").get(pk=review.pk)
        _require_pending(review)
        if is_stale(review):
            raise Conflict(
                "The draft changed after it was submitted, so this is no longer the version the editor would "
                "publish: send it back, or ask the editor to submit the current draft."
            )
        publish_version(review.version, author=user)
        _settle(review, Status.APPROVED, user, "")
    return review


def send_back(review: PageReview, user, comment: str) -> PageReview:
    """Refuse the submitted version with a comment saying what to change; the version and the draft stay."""
    website = review.website
    _require_reviewer(user, website, "send back")
    comment = require_storable((comment or "").strip(), "comment")
    if not comment:
        raise InvalidInput("Say what should change before sending the draft back: the comment is required.")
    if len(comment) > COMMENT_MAX:
        raise InvalidInput(f"The comment is {len(comment)} characters long; at most {COMMENT_MAX}.")
    with transaction.atomic():
        review = PageReview.objects.select_for_update().get(pk=review.pk)
        _require_pending(review)
        _settle(review, Status.REJECTED, user, comment)
    return review


def is_stale(review: PageReview) -> bool:
    """Whether the page's draft is no longer the submitted version (edited, undone or restored since)."""
    draft = latest_version(review.website_id, review.slug)
    return draft is None or draft.pk != review.version_id


def _settle(review: PageReview, status: str, user, comment: str) -> None:
    review.status, review.reviewed_by, review.comment, review.reviewed_at = status, user, comment, timezone.now()
    review.save(update_fields=["status", "reviewed_by", "comment", "reviewed_at"])


def _require_reviewer(user, website: Website, what: str) -> None:
    if not may_review(user, website):
        raise Forbidden(f"Only reviewers and owners of {website.name} may {what} drafts submitted for review.")


def _require_pending(review: PageReview) -> None:
    if review.status != Status.PENDING:
        raise Conflict(f"This review is already settled ({review.get_status_display().lower()}); reload the page.")


@dataclass
class ReviewState:
    """What the page view shows about review: whether the website requires it, what the user may do, the pending
    review (and whether it is stale) and the newest review of the page."""

    required: bool
    may_review: bool
    may_publish: bool
    pending: PageReview | None
    latest: PageReview | None
    live: PageCategory | None

    @cached_property
    def stale(self) -> bool:
        return self.pending is not None and is_stale(self.pending)

    @cached_property
    def diff(self) -> PageDiff | None:
        """The pending version against the live page (worked out only when a template shows it)."""
        if self.pending is None:
            return None
        live, version = self.live, self.pending.version
        live_seo = (live.seo_title, live.seo_description) if live is not None and live.design_payload else ("", "")
        return page_diff(live.design_payload if live else None, version.design_payload, live_seo=live_seo,
                         seo=(version.seo_title, version.seo_description))  # fmt: skip


def review_state(website: Website, slug: str, user, live: PageCategory | None) -> ReviewState:
    reviews = PageReview.objects.filter(website=website, slug=slug).select_related(
        "version", "submitted_by", "reviewed_by", "api_client"
    )
    latest = reviews.first()
    reviewer = may_review(user, website)
    required = requires_review(website)
    return ReviewState(
        required=required,
        may_review=reviewer,
        may_publish=not required or reviewer,
        pending=latest if latest is not None and latest.status == Status.PENDING else None,
        latest=latest,
        live=live,
    )


def attach_reviews(versions: list[PageVersion]) -> list[PageVersion]:
    """Give each version its newest review as ``version.review`` (None when it was never submitted)."""
    newest: dict[int, PageReview] = {}
    for review in PageReview.objects.filter(version__in=versions).select_related("reviewed_by").order_by("created_at"):
        newest[review.version_id] = review
    for version in versions:
        version.review = newest.get(version.pk)
    return versions


@dataclass(frozen=True)
class AwaitingReview:
    review: PageReview
    stale: bool


def awaiting_review(website: Website) -> list[AwaitingReview]:
    """The website's pending reviews, oldest first, each saying whether its draft changed since."""
    pending = PageReview.objects.filter(website=website, status=Status.PENDING).select_related(
        "version", "submitted_by", "api_client"
    )
    return [AwaitingReview(review, is_stale(review)) for review in pending.order_by("created_at")]
