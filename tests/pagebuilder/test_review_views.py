"""Review before publishing in the builder: an editor on a website that requires review sees "Submit for review"
instead of Publish and is refused a direct publish (403, saying to submit); a reviewer sees what changed since the
live version (escaped), approves or sends back with a comment; viewers do neither; the website's page list shows
reviewers what awaits them. Plain form posts and htmx alike."""

import copy
import html

import pytest
from django.contrib.auth import get_user_model

from pagebuilder.models import PageCategory, PageReview, PageVersion
from pagebuilder.pages import latest_version, publish_version, save_version
from tests.helpers.generation import generate
from websites.models import WebsiteMembership, WebsitePolicy

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
HOSTILE = '<script>alert("x")</script> Bread & <b>butter</b>'


@pytest.fixture
def people(crumb, client_for):
    """Logged-in clients of the bakery (which requires review) by role; the seeded ``editor`` is an editor."""
    WebsitePolicy.objects.create(website=crumb, requires_review=True)
    clients = {"editor": client_for(get_user_model().objects.get(username="editor"))}
    for role in ("reviewer", "viewer", "owner"):
        user = get_user_model().objects.create_user(f"the-{role}", password=f"pw-{role}-12345")
        WebsiteMembership.objects.create(user=user, website=crumb, role=role)
        clients[role] = client_for(user)
    return clients


@pytest.fixture
def live_and_draft(crumb):
    """/about is live; the draft after it changes the hero's title to hostile text and drops the last section."""
    generate(crumb, "An about page for our family bakery", "about")
    live = latest_version(crumb, "about")
    publish_version(live)
    payload = copy.deepcopy(live.design_payload)
    hero = next(block for block in payload["blocks"] if block["_name"] == "hero")
    old_headline = hero["_props"]["title"]
    hero["_props"]["title"] = HOSTILE
    removed = payload["blocks"].pop()
    save_version(website=crumb, slug="about", title=live.title, payload=payload, seo_title=live.seo_title,
                 seo_description=live.seo_description, source=PageVersion.Source.EDITED, summary="Edited")  # fmt: skip
    return {"live": live, "old_headline": old_headline, "removed": removed}


def url(site, tail=""):
    return f"/builder/websites/{site.pk}/pages/about/{tail}"


def test_an_editor_submits_instead_of_publishing(people, crumb, live_and_draft):
    page = people["editor"].get(url(crumb)).content.decode()
    assert "Submit for review" in page
    assert ">Publish</button>" not in page

    refused = people["editor"].post(url(crumb, "publish/"))
    assert refused.status_code == 403
    assert "requires review before publishing: submit the draft for review" in refused.content.decode()
    refused_htmx = people["editor"].post(url(crumb, "publish/"), **HTMX)
    assert refused_htmx.status_code == 403
    assert refused_htmx["HX-Retarget"] == "#panel-status"
    assert PageCategory.objects.get(website=crumb, slug="about").design_payload == live_and_draft["live"].design_payload

    submitted = people["editor"].post(url(crumb, "submit/"), **HTMX)
    assert submitted.status_code == 200
    panel = submitted.content.decode()
    assert "Submitted for review" in panel
    assert "Awaiting review" in panel
    assert PageReview.objects.get().version == latest_version(crumb, "about")
    again = people["editor"].get(url(crumb)).content.decode()
    assert 'id="submit-review" disabled' in again  # already submitted: nothing to submit until the draft changes


def test_a_reviewer_sees_the_changes_escaped_and_approves(people, crumb, live_and_draft):
    people["editor"].post(url(crumb, "submit/"))
    review = PageReview.objects.get()
    listing = people["reviewer"].get(f"/builder/websites/{crumb.pk}/").content.decode()
    assert "Awaiting your review" in listing
    assert "submitted by editor" in listing
    assert "Awaiting your review" not in people["editor"].get(f"/builder/websites/{crumb.pk}/").content.decode()

    page = people["reviewer"].get(url(crumb)).content.decode()

    assert "What changed since the live version" in page
    assert "<script>alert" not in page  # the hostile headline is shown as text
    assert html.escape(HOSTILE, quote=False).replace('"', "&quot;") in page
    assert html.escape(live_and_draft["old_headline"]) in page
    assert f"<strong>{live_and_draft['removed']['_name'].capitalize()}</strong>" in page
    assert "Removed" in page
    assert ">Approve and publish</button>" in page
    assert 'for="review-comment"' in page
    assert "You can view this page but not change it" not in page  # reviewers may edit too
    assert "You can view this page but not change it" in people["viewer"].get(url(crumb)).content.decode()

    approved = people["reviewer"].post(url(crumb, f"reviews/{review.pk}/approve/"), **HTMX)

    assert approved.status_code == 200
    assert "Approved: the live page now shows the submitted version." in approved.content.decode()
    assert PageCategory.objects.get(website=crumb, slug="about").design_payload == review.version.design_payload
    review.refresh_from_db()
    assert review.status == "approved"
    assert review.reviewed_by.username == "the-reviewer"


def test_a_reviewer_sends_back_with_a_comment_the_editor_reads(people, crumb, live_and_draft):
    people["editor"].post(url(crumb, "submit/"))
    review = PageReview.objects.get()
    send_back = url(crumb, f"reviews/{review.pk}/send-back/")

    empty = people["reviewer"].post(send_back, {"comment": "  "})
    assert empty.status_code == 422
    assert "the comment is required" in empty.content.decode()

    sent = people["reviewer"].post(send_back, {"comment": "Say <where> the bakery is."})
    assert sent.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.comment) == ("rejected", "Say <where> the bakery is.")
    page = people["editor"].get(url(crumb)).content.decode()
    assert "Sent back" in page
    assert "Say &lt;where&gt; the bakery is." in page
    assert PageCategory.objects.get(website=crumb, slug="about").design_payload == live_and_draft["live"].design_payload


def test_a_stale_review_is_refused_with_409(people, crumb, live_and_draft):
    people["editor"].post(url(crumb, "submit/"))
    review = PageReview.objects.get()
    people["editor"].post(url(crumb, "undo/"))  # the draft is the live version again

    page = people["reviewer"].get(url(crumb)).content.decode()
    assert "The draft changed after it was submitted" in page
    assert "Approve and publish" not in page
    refused = people["reviewer"].post(url(crumb, f"reviews/{review.pk}/approve/"), **HTMX)
    assert refused.status_code == 409
    assert "changed after it was submitted" in refused.content.decode()
    assert "submit it again" in people["editor"].get(url(crumb)).content.decode()


def test_editors_and_viewers_may_not_decide_and_viewers_may_not_submit(people, crumb, live_and_draft):
    people["editor"].post(url(crumb, "submit/"))
    review = PageReview.objects.get()
    editor_page = people["editor"].get(url(crumb)).content.decode()
    assert "Approve and publish" not in editor_page
    assert "What changed since the live version" not in editor_page

    for role in ("editor", "viewer"):
        approve = people[role].post(url(crumb, f"reviews/{review.pk}/approve/"))
        assert approve.status_code == 403, role
        send_back = people[role].post(url(crumb, f"reviews/{review.pk}/send-back/"), {"comment": "no"})
        assert send_back.status_code == 403, role
    viewer_page = people["viewer"].get(url(crumb)).content.decode()
    assert "Submit for review" not in viewer_page
    assert people["viewer"].post(url(crumb, "submit/")).status_code == 403
    review.refresh_from_db()
    assert review.status == "pending"


def test_owners_publish_directly_and_other_websites_reviews_are_out_of_reach(people, crumb, demo_sites, live_and_draft):
    clinic = demo_sites["brightside"]
    empty = {"version": "1.0", "blocks": []}
    version = save_version(website=clinic, slug="about", title="About", payload=empty, seo_title="",
                           seo_description="", source=PageVersion.Source.GENERATED, summary="")  # fmt: skip
    other = PageReview.objects.create(website=clinic, slug="about", version=version)
    owner_page = people["owner"].get(url(crumb)).content.decode()
    assert ">Publish</button>" in owner_page
    assert "Submit for review" not in owner_page
    # The other website's review id through this website's page: not found, and nothing changes.
    assert people["owner"].post(url(crumb, f"reviews/{other.pk}/approve/")).status_code == 404
    assert people["owner"].post(url(crumb, "publish/")).status_code == 302
    live = PageCategory.objects.get(website=crumb, slug="about").design_payload
    assert live == latest_version(crumb, "about").design_payload
    other.refresh_from_db()
    assert other.status == "pending"


def test_nothing_changes_on_a_website_without_review(crumb, client_for, live_and_draft):
    editor = client_for(get_user_model().objects.get(username="editor"))
    page = editor.get(url(crumb)).content.decode()
    assert ">Publish</button>" in page
    assert "Submit for review" not in page
    assert editor.post(url(crumb, "publish/")).status_code == 302
    assert (
        PageCategory.objects.get(website=crumb, slug="about").design_payload
        == latest_version(crumb, "about").design_payload
    )


def test_the_admin_lists_reviews_read_only(people, crumb, live_and_draft, superuser, client_for):
    people["editor"].post(url(crumb, "submit/"))
    admin = client_for(superuser)
    listing = admin.get("/admin/pagebuilder/pagereview/")
    assert listing.status_code == 200
    assert "Awaiting review" in listing.content.decode()
    assert admin.get("/admin/pagebuilder/pagereview/add/").status_code == 403
