"""When a builder request fails, in real Chromium: nothing the editor was looking at or typing is lost. Undo with
nothing to undo leaves the panel and its preview as they were and says why (409); a chat message refused while a
generation runs (409), or lost to a dead connection, leaves the input enabled with the text in it and says what
happened and what to do; a panel control whose page went away meanwhile (404) says so above the preview."""

import pytest
from playwright.sync_api import expect

from pagebuilder.models import GENERATION_TASK_TYPE, Conversation, Message
from pagebuilder.pages import delete_page
from tests.helpers.browser import log_in, shot
from tests.helpers.generation import FACTS, generate
from websites import jobs
from websites.models import Website

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


def preview(page):
    return page.frame_locator("iframe.preview")


def open_generated(page, slug: str) -> Website:
    """A page generated once (a single version), open in the builder with its preview showing."""
    website = Website.objects.get(subdomain="crumbandco")
    task = generate(website, "make an about page for our family bakery", slug, context=FACTS)
    assert task.status == "completed", task.error
    log_in(page)
    page.goto(f"/builder/websites/{website.pk}/pages/{slug}/")
    expect(preview(page).locator("section.pb-hero")).to_be_visible()
    return website


def start_running_generation(website: Website, slug: str) -> None:
    """Another tab (or the API) started a generation of this page that a worker is now running."""
    conversation, _ = Conversation.objects.get_or_create(website=website, slug=slug)
    task = jobs.create_task(
        task_type=GENERATION_TASK_TYPE,
        website_id=website.pk,
        input={"page_intent": "Make an about page", "page_category_slug": slug, "provider": "offline"},
        message="queued",
    )
    Message.objects.create(conversation=conversation, role="assistant", kind="generation", task_id=task.pk)
    jobs.claim(task.pk)


def test_undo_with_nothing_to_undo_keeps_the_preview_and_says_why(page):
    open_generated(page, "undo-e2e")
    frame = page.locator("iframe.preview")
    src = frame.get_attribute("src")
    headline = preview(page).locator("section.pb-hero h1, section.pb-hero h2").first.inner_text()
    blocks = preview(page).locator("section.pb-block").count()

    with page.expect_response("**/undo/") as answer:
        page.get_by_role("button", name="Undo").click()
    assert answer.value.status == 409
    status = page.locator("#panel-status")
    expect(status).to_have_text("There is nothing to undo: this is the first version of the page.")
    expect(status).to_have_attribute("role", "status")
    expect(page.get_by_role("button", name="Undo")).to_be_enabled()
    expect(frame).to_have_attribute("src", src)  # the same preview, not an error card in its place
    expect(preview(page).locator("section.pb-block")).to_have_count(blocks)
    expect(preview(page).locator("section.pb-hero h1, section.pb-hero h2").first).to_have_text(headline)
    expect(page.locator("#panel .msg")).to_have_count(0)
    expect(page.locator(".versions li")).to_have_count(1)
    shot(page, "30-undo-nothing-to-undo")

    page.get_by_role("button", name="Publish").click()  # the next control that works clears the complaint
    expect(page.locator(".state .badge.live")).to_have_text("Published")
    expect(page.locator("#panel-status")).to_be_empty()


def test_a_chat_message_refused_while_a_generation_runs_keeps_the_text_and_the_input(page):
    website = open_generated(page, "busy-e2e")
    box = page.locator("#chat-input")
    expect(box).to_be_enabled()
    start_running_generation(website, "busy-e2e")
    sent = page.locator(".msg-user").count()

    box.fill("remove the faq")
    with page.expect_response("**/messages/") as answer:
        box.press("Enter")
    assert answer.value.status == 409
    status = page.locator("#chat-status")
    expect(status).to_contain_text("A generation is still running for this page; wait until it finishes.")
    expect(status).to_contain_text("Your message is still in the box")
    expect(box).to_be_enabled()
    expect(box).to_have_value("remove the faq")
    expect(box).to_be_focused()
    expect(page.locator("#chat-form").get_by_role("button", name="Send")).to_be_enabled()
    expect(page.locator(".msg-user")).to_have_count(sent)  # nothing was added to the conversation
    expect(preview(page).locator("section.pb-hero")).to_be_visible()
    shot(page, "31-chat-refused-409")


def test_a_chat_message_lost_to_the_network_can_be_sent_again(page):
    open_generated(page, "offline-e2e")
    box = page.locator("#chat-input")
    page.route("**/pages/offline-e2e/messages/", lambda route: route.abort("internetdisconnected"))

    box.fill("remove the faq")
    page.get_by_role("button", name="Send").click()
    status = page.locator("#chat-status")
    expect(status).to_have_text(
        "The server could not be reached: check your connection. Your message is still in the box: send it again."
    )
    expect(box).to_be_enabled()
    expect(box).to_have_value("remove the faq")
    expect(page.get_by_role("button", name="Send")).to_be_enabled()
    shot(page, "32-chat-network-error")

    page.unroute("**/pages/offline-e2e/messages/")  # the connection is back: sending again works
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".msg-user").last).to_have_text("You\nremove the faq")
    expect(preview(page).locator("section.pb-faq")).to_have_count(0)
    expect(status).to_be_empty()
    expect(page.locator("#chat-input")).to_have_value("")
    shot(page, "33-chat-sent-again")


def test_a_section_control_of_a_page_deleted_meanwhile_says_so_above_the_preview(page):
    website = open_generated(page, "gone-e2e")
    delete_page(website, "gone-e2e")  # in another tab

    page.get_by_role("button", name="Regenerate the hero section").focus()
    with page.expect_response("**/regenerate/") as answer:
        page.keyboard.press("Enter")
    assert answer.value.status == 404
    expect(page.locator("#panel-status")).to_have_text(
        "That is no longer there (error 404). Reload the page to see its current state."
    )
    expect(preview(page).locator("section.pb-hero")).to_be_visible()
    shot(page, "34-section-control-404")
