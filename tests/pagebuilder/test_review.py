"""Review before publishing, as a service: submitting keeps the draft as a version with a pending review; approving
publishes exactly that version; sending back needs a comment and keeps everything; a draft changed after submission
cannot be approved; editors may not publish directly on a website that requires review, and nothing changes on one
that does not. Also the section-by-section diff a reviewer reads."""

import copy

import pytest
from django.contrib.auth import get_user_model

from pagebuilder.addresses import rename_page
from pagebuilder.models import PageCategory, PageReview, PageVersion
from pagebuilder.pages import latest_version, publish_version, save_version
from pagebuilder.review import (
    approve,
    decide_publish,
    publish_draft,
    requires_review,
    send_back,
    submit_for_review,
)
from pagebuilder.review_diff import page_diff
from websites.api_clients import api_client_create
from websites.errors import Conflict, Forbidden, InvalidInput, NotFound
from websites.models import WebsiteMembership, WebsitePolicy

pytestmark = pytest.mark.django_db
Role = WebsiteMembership.Role


def payload(headline: str = "Fresh bread daily", *, faq: bool = True) -> dict:
    blocks = [
        {"_id": "blk_hero", "_type": "HeroSplit", "_name": "hero", "_component": "hero-split",
         "_props": {"headline": headline, "subtitle": "Since 1952", "image": {"src": "/a.svg", "alt": "Bread"}},
         "_styles": {}, "_children": []},
        {"_id": "blk_faq", "_type": "FaqList", "_name": "faq", "_component": "faq-list",
         "_props": {"title": "Questions", "items": [{"question": "Gluten-free?", "answer": "On Tuesdays."}]},
         "_styles": {}, "_children": []},
    ]  # fmt: skip
    return {"version": "1.0", "blocks": blocks if faq else blocks[:1], "meta": {}}


def draft(website, slug: str = "about", **changes):
    return save_version(
        website=website,
        slug=slug,
        title="About",
        payload=payload(**changes),
        seo_title="About us",
        seo_description="Our bakery",
        source=PageVersion.Source.GENERATED,
        summary="Generated",
    )


def person(website, name: str, role: str | None):
    user = get_user_model().objects.create_user(name, password=f"pw-{name}-12345")
    if role:
        WebsiteMembership.objects.create(user=user, website=website, role=role)
    return user


@pytest.fixture
def reviewed(bakery):
    """The bakery requires review; an editor and a reviewer work on it."""
    WebsitePolicy.objects.create(website=bakery, requires_review=True)
    return bakery


@pytest.fixture
def editor_of(reviewed):
    return person(reviewed, "edna", Role.EDITOR)


@pytest.fixture
def reviewer_of(reviewed):
    return person(reviewed, "rita", Role.REVIEWER)


def live_payload(website, slug: str = "about"):
    row = PageCategory.objects.filter(website=website, slug=slug).first()
    return row.design_payload if row else None


def test_submit_then_approve_publishes_exactly_that_version(reviewed, editor_of, reviewer_of):
    version = draft(reviewed)
    review = submit_for_review(reviewed, "about", user=editor_of)
    assert (review.status, review.version_id, review.submitted_by) == ("pending", version.pk, editor_of)
    assert live_payload(reviewed) is None  # nothing is live until a reviewer approves

    approved = approve(review, reviewer_of)

    assert (approved.status, approved.reviewed_by, approved.comment) == ("approved", reviewer_of, "")
    assert approved.reviewed_at is not None
    assert live_payload(reviewed) == version.design_payload
    version.refresh_from_db()
    assert version.published is True
    with pytest.raises(Conflict, match="already settled"):
        approve(approved, reviewer_of)


def test_send_back_needs_a_comment_and_keeps_the_version_and_the_draft(reviewed, editor_of, reviewer_of):
    version = draft(reviewed)
    review = submit_for_review(reviewed, "about", user=editor_of)
    with pytest.raises(InvalidInput, match="comment is required"):
        send_back(review, reviewer_of, "   ")
    with pytest.raises(InvalidInput, match="at most 2000"):
        send_back(review, reviewer_of, "x" * 2001)

    rejected = send_back(review, reviewer_of, "  The headline should name the town.  ")

    rejected.refresh_from_db()
    assert (rejected.status, rejected.comment, rejected.reviewed_by) == (
        "rejected",
        "The headline should name the town.",
        reviewer_of,
    )
    assert latest_version(reviewed, "about").pk == version.pk  # the editor's draft is unchanged
    assert PageVersion.objects.filter(pk=version.pk, published=False).exists()  # kept, in the history
    assert live_payload(reviewed) is None
    with pytest.raises(Conflict):
        approve(rejected, reviewer_of)


def test_a_draft_changed_after_submission_cannot_be_approved(reviewed, editor_of, reviewer_of):
    first = draft(reviewed)
    review = submit_for_review(reviewed, "about", user=editor_of)
    second = draft(reviewed, headline="Fresh bread, every morning")  # the editor kept working

    with pytest.raises(Conflict, match="changed after it was submitted") as refused:
        approve(review, reviewer_of)

    assert refused.value.status == 409
    review.refresh_from_db()
    assert review.status == "pending"
    assert live_payload(reviewed) is None
    # Submitting again replaces the stale review; the first stays listed, withdrawn, and its version stays.
    again = submit_for_review(reviewed, "about", user=editor_of)
    review.refresh_from_db()
    assert (review.status, again.version_id) == ("withdrawn", second.pk)
    assert PageVersion.objects.filter(pk=first.pk).exists()
    approve(again, reviewer_of)
    assert live_payload(reviewed) == second.design_payload


def test_an_editor_may_not_publish_directly_on_a_website_that_requires_review(reviewed, editor_of, reviewer_of):
    draft(reviewed)
    with pytest.raises(Forbidden, match="submit the draft for review") as refused:
        publish_draft(reviewed, "about", user=editor_of)
    assert refused.value.status == 403
    assert live_payload(reviewed) is None
    with pytest.raises(Forbidden, match="Only reviewers and owners"):
        approve(submit_for_review(reviewed, "about", user=editor_of), editor_of)


def test_reviewers_owners_and_superusers_publish_directly_and_settle_a_pending_review(reviewed, editor_of):
    version = draft(reviewed)
    review = submit_for_review(reviewed, "about", user=editor_of)
    owner = person(reviewed, "olga", Role.OWNER)

    assert publish_draft(reviewed, "about", user=owner).pk == version.pk

    review.refresh_from_db()
    assert (review.status, review.reviewed_by) == ("approved", owner)
    assert live_payload(reviewed) == version.design_payload
    draft(reviewed, headline="New")
    root = get_user_model().objects.create_superuser("root", password="pw-root-12345")
    publish_draft(reviewed, "about", user=root)
    assert live_payload(reviewed)["blocks"][0]["_props"]["headline"] == "New"


def test_nothing_changes_on_a_website_without_review(bakery):
    editor = person(bakery, "edna", Role.EDITOR)
    version = draft(bakery)
    assert requires_review(bakery) is False  # no policy row
    WebsitePolicy.objects.create(website=bakery, requires_review=False)
    assert requires_review(bakery) is False

    assert publish_draft(bakery, "about", user=editor).pk == version.pk
    assert live_payload(bakery) == version.design_payload
    assert not PageReview.objects.exists()


def test_what_cannot_be_submitted(reviewed, editor_of):
    with pytest.raises(NotFound, match="no draft to submit"):
        submit_for_review(reviewed, "about", user=editor_of)
    version = draft(reviewed)
    submit_for_review(reviewed, "about", user=editor_of)
    with pytest.raises(Conflict, match="already awaiting review"):
        submit_for_review(reviewed, "about", user=editor_of)
    publish_version(version)
    PageReview.objects.update(status="withdrawn")
    with pytest.raises(Conflict, match="nothing to review"):
        submit_for_review(reviewed, "about", user=editor_of)


def test_api_clients_publish_only_with_the_permission(reviewed):
    draft(reviewed)
    plain, _ = api_client_create(name="cms", websites=[reviewed])
    publisher, _ = api_client_create(name="renderer", websites=[reviewed], may_publish=True)

    with pytest.raises(Forbidden, match="lacks the publish permission"):
        publish_draft(reviewed, "about", api_client=plain)
    review = submit_for_review(reviewed, "about", api_client=plain)
    assert review.submitter == "API client cms"
    publish_draft(reviewed, "about", api_client=publisher)  # also on a website that requires review

    review.refresh_from_db()
    assert review.status == "approved"
    assert "renderer" in review.comment
    # Generations: published by default only for clients that may publish; asking without the permission is refused.
    assert (decide_publish(None, plain), decide_publish(None, publisher), decide_publish(False, publisher)) == (
        False,
        True,
        False,
    )
    with pytest.raises(Forbidden):
        decide_publish(True, plain)


def test_renaming_a_page_moves_its_reviews(reviewed, editor_of):
    draft(reviewed, slug="about-draft")
    review = submit_for_review(reviewed, "about-draft", user=editor_of)
    rename_page(reviewed, "about-draft", "our-story")
    review.refresh_from_db()
    assert review.slug == "our-story"


def test_the_diff_names_added_removed_moved_and_changed_sections_with_their_texts():
    live = payload()
    new = copy.deepcopy(live)
    new["blocks"][0]["_props"]["headline"] = "<b>Fresh</b> bread"
    new["blocks"][0]["_props"]["image"]["src"] = "/b.svg"  # not a text: reported as another change
    new["blocks"].reverse()  # the faq moves above the hero
    new["blocks"].append({"_id": "blk_cta", "_type": "CtaBanner", "_name": "cta", "_props": {"title": "Visit us"}})
    del new["blocks"][0]["_props"]["items"]  # the faq loses its list: the texts it held are gone
    live["blocks"].append({"_id": "blk_map", "_type": "MapEmbed", "_name": "location", "_props": {}})

    diff = page_diff(live, new, live_seo=("About", "x"), seo=("About us", "x"))

    by_name = {change.name: change for change in diff.sections}
    assert [c.kind for c in diff.sections] == ["changed", "changed", "added", "removed"]
    hero, faq = by_name["hero"], by_name["faq"]
    assert [(t.path, t.old, t.new) for t in hero.texts] == [("headline", "Fresh bread daily", "<b>Fresh</b> bread")]
    assert hero.other is True
    assert hero.moved and faq.moved
    assert [(t.path, t.old, t.new) for t in faq.texts] == [
        ("items[0].question", "Gluten-free?", ""),
        ("items[0].answer", "On Tuesdays.", ""),
    ]
    assert [(t.path, t.new) for t in by_name["cta"].texts] == [("title", "Visit us")]
    assert by_name["location"].block == "MapEmbed"
    assert [(t.path, t.old, t.new) for t in diff.seo] == [("SEO title", "About", "About us")]
    assert diff.live and diff.unchanged == 0


def test_the_diff_of_an_unchanged_or_never_published_page():
    same = page_diff(payload(), payload())
    assert same.empty and same.unchanged == 2
    first = page_diff(None, payload(faq=False))
    assert first.live is False
    assert [(c.kind, c.name) for c in first.sections] == [("added", "hero")]
    moved = payload()
    moved["blocks"].reverse()
    assert [c.kind for c in page_diff(payload(), moved).sections] == ["moved", "moved"]
