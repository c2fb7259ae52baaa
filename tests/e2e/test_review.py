"""Review before publishing in real Chromium: on a website that requires review, an editor changes a live page
by chat and submits it (there is no Publish button for them); a reviewer signs in, finds the page awaiting review,
reads what changed since the live version and approves it, and the live page changes."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from pagebuilder.models import PageCategory, PageReview
from pagebuilder.pages import latest_version, publish_version
from tests.helpers.browser import log_in, shot
from tests.helpers.generation import FACTS, generate
from websites.models import Website, WebsiteMembership, WebsitePolicy

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
NEW_HEADLINE = "Bread baked before dawn"


@pytest.fixture
def live_about(page):
    """The bakery requires review, has a reviewer, and /about-review is live."""
    website = Website.objects.get(subdomain="crumbandco")
    WebsitePolicy.objects.create(website=website, requires_review=True)
    reviewer = get_user_model().objects.create_user("rita", password="pw-rita-12345")
    WebsiteMembership.objects.create(user=reviewer, website=website, role=WebsiteMembership.Role.REVIEWER)
    task = generate(website, "make an about page for our family bakery", "about-review", context=FACTS)
    assert task.status == "completed", task.error
    publish_version(latest_version(website, "about-review"))
    return website


def hero_title(website: Website) -> str:
    live = PageCategory.objects.get(website=website, slug="about-review").design_payload
    return next(block for block in live["blocks"] if block["_name"] == "hero")["_props"]["title"]


def test_an_editor_submits_and_a_reviewer_approves(page, browser, live_server, live_about):
    website = live_about
    before = hero_title(website)
    log_in(page)
    page.goto(f"/builder/websites/{website.pk}/pages/about-review/")
    box = page.locator("#chat-input")
    box.fill(f"set the hero headline to '{NEW_HEADLINE}'")
    box.press("Enter")
    expect(page.locator(".state .badge.changed")).to_have_text("Draft — not published")
    expect(page.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".note")).to_contain_text("Submitted for review")
    expect(page.locator("#review-state")).to_contain_text("Awaiting review")
    expect(page.get_by_role("button", name="Submit for review")).to_be_disabled()
    shot(page, "40-review-submitted")
    assert hero_title(website) == before  # nothing is live until it is approved

    reviewer = browser.new_context(base_url=live_server.url, viewport={"width": 1400, "height": 900}).new_page()
    reviewer.set_default_timeout(20_000)
    log_in(reviewer, "rita", "pw-rita-12345")
    reviewer.goto(f"/builder/websites/{website.pk}/")
    awaiting = reviewer.get_by_role("heading", name="Awaiting your review")
    expect(awaiting).to_be_visible()
    reviewer.locator(".awaiting-review a").first.click()
    panel = reviewer.locator("#review-panel")
    expect(panel.get_by_role("heading", name="What changed since the live version")).to_be_visible()
    change = panel.locator(".review-diff li", has_text="Hero")
    expect(change.locator("del")).to_contain_text(before)
    expect(change.locator("ins")).to_contain_text(NEW_HEADLINE)
    shot(reviewer, "41-review-diff")

    panel.get_by_role("button", name="Approve and publish").click()
    expect(reviewer.locator(".note")).to_contain_text("Approved")
    expect(reviewer.locator(".state .badge.live")).to_have_text("Published")
    expect(reviewer.locator("#review-state")).to_contain_text("Approved by rita")
    shot(reviewer, "42-review-approved")
    assert hero_title(website) == NEW_HEADLINE
    review = PageReview.objects.get(website=website, slug="about-review")
    assert (review.status, review.reviewed_by.username) == ("approved", "rita")
    reviewer.context.close()
    assert page.dialogs == []
