"""Chat-first pages in real Chromium (issue 13, item 5): the editor only describes the page and presses Enter;
the address proposed live from the description is the page's address; a quick-action chip changes the page;
a draft's address can be changed afterwards; an address the editor typed themselves is kept."""

import pytest
from playwright.sync_api import expect

from tests.config.test_worker import qcluster  # noqa: F401 - a real django-q2 worker
from tests.helpers.browser import ARTIFACTS, log_in, shot
from websites.models import Website
from websites.site_facts import add_fact

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
GENERATION_TIMEOUT = 90_000  # the worker process starts and loads the embedding model on its first task
INTENT = "A page introducing our teachers"
# Counts the live address proposals the description box asked for (whether or not the page let them go out).
COUNT_PROPOSALS = """
document.addEventListener("htmx:beforeRequest", function (event) {
  if (event.detail.elt.id === "new-message") window.__proposals = (window.__proposals || 0) + 1;
});
"""


@pytest.fixture(autouse=True)
def bakers(demo):
    """The bakery's people, so a page introducing them has its data (without it the builder asks for them first)."""
    crumb = Website.objects.get(subdomain="crumbandco")
    for name, role in [("Rosa Martin", "Owner and head baker"), ("Tomás Ortega", "Pastry chef")]:
        add_fact(crumb, "team_member", {"name": name, "role": role})


def open_bakery(page) -> None:
    page.goto("/builder/")
    page.get_by_role("link", name="Crumb & Co. Bakery").click()
    expect(page.get_by_role("heading", name="Start a new page")).to_be_visible()


def shot_of_view(page, name: str) -> None:
    """A screenshot of the viewport: a full-page one scrolls the chat's message list back to its top."""
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def preview(page):
    return page.frame_locator("iframe.preview")


def test_describe_press_enter_and_refine_with_a_chip(page, qcluster):  # noqa: F811
    log_in(page)
    open_bakery(page)
    intent = page.get_by_label("What should the page be?")
    intent.press_sequentially(INTENT)
    expect(page.get_by_label("Page address")).to_have_value("teachers", timeout=15000)
    intent.press("Shift+Enter")
    expect(intent).to_have_value(f"{INTENT}\n")
    shot(page, "chat-first-01-address-proposed")

    intent.press("Enter")
    page.wait_for_url("**/pages/teachers/")
    expect(page.locator("#chat-heading code")).to_have_text("/teachers")
    expect(page.get_by_text("is ready as a draft")).to_be_visible(timeout=GENERATION_TIMEOUT)
    chip = page.get_by_role("button", name="Add a FAQ section")
    expect(chip).to_be_visible()
    expect(preview(page).locator("section.pb-faq")).to_have_count(0)
    shot_of_view(page, "chat-first-02-built-with-chips")

    chip.click()
    expect(page.locator(".msg-user").last).to_have_text("You Add a FAQ section")
    expect(preview(page).locator("section.pb-faq")).to_have_count(1)
    expect(page.locator(".msg-assistant").last.locator(".chips-actions")).to_be_visible()
    expect(page.locator("#chat-input")).to_be_enabled()
    shot_of_view(page, "chat-first-03-chip-applied")

    page.get_by_text("Change address").first.click()
    page.get_by_label("New address of this page").fill("our-teachers")
    page.get_by_role("button", name="Change address").click()
    page.wait_for_url("**/pages/our-teachers/")
    expect(page.locator("#chat-heading code")).to_have_text("/our-teachers")
    expect(preview(page).locator("section.pb-faq")).to_have_count(1)
    expect(page.locator(".msg-assistant").last.locator(".chips-actions")).to_be_in_viewport()
    shot(page, "chat-first-04-address-changed")
    assert page.dialogs == []


def test_an_address_the_editor_typed_is_kept(page):
    page.add_init_script(COUNT_PROPOSALS)
    log_in(page)
    open_bakery(page)
    intent = page.get_by_label("What should the page be?")
    address = page.get_by_label("Page address")
    intent.press_sequentially(INTENT)
    expect(address).to_have_value("teachers", timeout=15000)  # the first proposal may load the embedding model
    asked = page.evaluate("window.__proposals")

    address.fill("meet-the-teachers")
    intent.press_sequentially(" and their classes")
    page.wait_for_function(f"window.__proposals > {asked}")
    expect(address).to_have_value("meet-the-teachers")
    shot(page, "chat-first-05-typed-address")

    intent.press("Enter")
    page.wait_for_url("**/pages/meet-the-teachers/")
    expect(page.locator("#chat-heading code")).to_have_text("/meet-the-teachers")
    expect(page.locator(".progress-card")).to_be_visible()
