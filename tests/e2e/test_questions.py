"""Questions instead of hollow pages in real Chromium (issue 13, item 3): on a new website with no facts, a team
page is not built until the editor says who the team is; their answer, written as people write, builds it."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.config.test_worker import qcluster  # noqa: F401 - a real django-q2 worker
from tests.helpers.browser import log_in, shot
from websites.models import BrandGuide, SiteFact, Website, WebsiteMembership

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
GENERATION_TIMEOUT = 90_000  # the worker process starts and loads the embedding model on its first task
TEACHERS = (
    "Teachers: Ana Ruiz (founder, restorative and prenatal), Sam Okafor (vinyasa and hot yoga), Lee Chen (meditation)."
)


@pytest.fixture
def studio(demo) -> Website:
    site = Website.objects.create(name="Lotus Flow Yoga", domain="lotusflow.test", subdomain="lotusflow")
    BrandGuide.objects.create(website=site, industry="yoga studio", brand_voice="calm", target_audience="beginners",
                              summary="A small yoga studio by the harbour.")  # fmt: skip
    WebsiteMembership.objects.create(user=get_user_model().objects.get(username="editor"), website=site)
    return site


def test_the_builder_asks_for_the_team_and_builds_the_page_from_the_answer(page, qcluster, studio):  # noqa: F811
    log_in(page)
    page.goto(f"/builder/websites/{studio.pk}/")
    intent = page.get_by_label("What should the page be?")
    intent.fill("Introduce our teachers")
    intent.press("Enter")
    page.wait_for_url("**/pages/teachers/")

    question = page.locator(".card.asking")
    expect(question).to_contain_text("Who is on your team, and what does each person do?", timeout=GENERATION_TIMEOUT)
    expect(question.get_by_role("link", name="Site facts")).to_be_visible()
    expect(page.locator("iframe.preview")).to_have_count(0)  # no draft: nothing was built meanwhile
    shot(page, "questions-01-asked")

    chat = page.locator("#chat-input")
    chat.fill(TEACHERS)
    chat.press("Enter")
    found = page.get_by_text("I found 3 team members: Ana Ruiz (founder, restorative and prenatal)")
    expect(found.first).to_be_visible()
    expect(page.get_by_text("is ready as a draft")).to_be_visible(timeout=GENERATION_TIMEOUT)
    team = page.frame_locator("iframe.preview").locator("section.pb-team")
    for name in ("Ana Ruiz", "Sam Okafor", "Lee Chen"):
        expect(team).to_contain_text(name)
    shot(page, "questions-02-built")
    assert SiteFact.objects.filter(website=studio, kind="team_member").count() == 3
