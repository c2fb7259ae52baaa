"""The builder in real Chromium, as an editor uses it: log in, build a page by chat while a real worker runs
it, watch the progress reach completion, see the sections in the preview, refine, undo, publish, reload in the
middle of a generation, stay safe with hostile text, and fit a 375 px wide phone."""

import re

import pytest
from playwright.sync_api import expect

from pagebuilder.models import GENERATION_TASK_TYPE, Conversation, Message, PageCategory, PageVersion
from pagebuilder.workflow import run_task
from tests.config.test_worker import qcluster  # noqa: F401 - a real django-q2 worker
from tests.helpers.browser import log_in, shot
from tests.helpers.generation import FACTS, generate
from websites import jobs
from websites.models import BrandGuide, MediaRecord, Website

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
GENERATION_TIMEOUT = 90_000  # the worker process starts and loads the embedding model on its first task


def open_new_page(page, slug: str, message: str, facts: str = "") -> None:
    page.goto("/builder/")
    page.get_by_role("link", name="Crumb & Co. Bakery").click()
    page.get_by_label("Page address").fill(slug)
    page.get_by_label("What should the page be?").fill(message)
    if facts:
        page.get_by_text("Facts for this page (optional)").click()
        page.locator("#new-facts").fill(facts)
    page.get_by_role("button", name="Start building").click()
    page.wait_for_url(f"**/pages/{slug}/")


def preview(page):
    return page.frame_locator("iframe.preview")


def test_build_refine_undo_and_publish_a_page_by_chat(page, qcluster):  # noqa: F811
    log_in(page)
    shot(page, "01-signed-in")
    open_new_page(page, "services-e2e", "Make a services page for our family bakery", FACTS)
    card = page.locator(".progress-card")
    expect(card).to_be_visible()
    expect(page.locator("#chat-input")).to_be_disabled()
    shot(page, "02-progress")
    expect(page.get_by_text("is ready as a draft")).to_be_visible(timeout=GENERATION_TIMEOUT)
    expect(page.locator("#chat-input")).to_be_enabled()
    expect(page.locator(".phase.done")).to_have_count(0)  # the finished card lists sections instead of phases
    sections = page.locator(".msg.done .sections > li")
    count = sections.count()
    assert count >= 4
    expect(preview(page).locator("section.pb-block")).to_have_count(count)
    expect(preview(page).locator("section.pb-faq")).to_have_count(1)
    expect(page.locator(".badge", has_text="Draft — not published")).to_be_visible()
    shot(page, "03-generated")

    box = page.locator("#chat-input")
    box.fill("remove the faq")
    box.press("Enter")
    expect(page.locator(".msg-assistant").last).to_contain_text("faq", ignore_case=True)
    expect(preview(page).locator("section.pb-faq")).to_have_count(0)
    expect(preview(page).locator("section.pb-block")).to_have_count(count - 1)
    shot(page, "04-refined")

    page.get_by_role("button", name="Undo").click()
    expect(page.locator(".note")).to_contain_text("Undone")
    expect(preview(page).locator("section.pb-faq")).to_have_count(1)
    shot(page, "05-undone")

    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".state .badge.live")).to_have_text("Published")
    website = Website.objects.get(subdomain="crumbandco")
    live = PageCategory.objects.get(website=website, slug="services-e2e")
    draft = PageVersion.objects.filter(website=website, slug="services-e2e", undone=False).first()
    assert live.design_payload == draft.design_payload
    assert any(b["_name"] == "faq" for b in live.design_payload["blocks"])
    shot(page, "06-published")
    assert page.dialogs == []


def test_reloading_mid_generation_resumes_the_progress_card(page):
    log_in(page)
    website = Website.objects.get(subdomain="crumbandco")
    conversation = Conversation.objects.create(website=website, slug="contact-e2e")
    Message.objects.create(conversation=conversation, role="user", text="Make a contact page")
    task = jobs.create_task(
        task_type=GENERATION_TASK_TYPE,
        website_id=website.pk,
        input={"page_intent": "Make a contact page", "page_category_slug": "contact-e2e", "provider": "offline"},
        message="queued",
    )
    Message.objects.create(conversation=conversation, role="assistant", kind="generation", task_id=task.pk)
    task = jobs.claim(task.pk)  # a worker has it and is in the middle of the structure phase
    jobs.record_phase(task, "structure", 35, "Writing the page with the offline provider")

    page.goto(f"/builder/websites/{website.pk}/pages/contact-e2e/")
    page.reload()
    card = page.locator(".progress-card")
    expect(card).to_contain_text("Writing the page with the offline provider")
    expect(card.locator(".phase.current")).to_have_text("Structure")
    expect(card.locator("progress")).to_have_attribute("value", "35")
    expect(page.locator("#chat-input")).to_be_disabled()
    shot(page, "07-reloaded-mid-generation")

    run_task(task)  # the worker carries on; the card notices on its next poll
    expect(page.get_by_text("is ready as a draft")).to_be_visible(timeout=10_000)
    expect(page.locator("#chat-input")).to_be_enabled()
    # The demo bakery stores its address, so its contact page shows the contact form and where to find it.
    expect(preview(page).locator("section.pb-contact")).to_have_count(2)


XSS = '<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=2;alert(2)</script>'


def test_hostile_text_renders_inert(page, qcluster):  # noqa: F811
    website = Website.objects.get(subdomain="crumbandco")
    MediaRecord.objects.filter(website=website, title="Fresh bread on the counter").update(alt_text=f"Bread {XSS}")
    BrandGuide.objects.filter(website=website).update(summary=f"Crumb & Co. bakes bread. {XSS}")
    log_in(page)
    open_new_page(page, "xss-e2e", f"Make a home page {XSS}", facts=f'Testimonial: "Great {XSS}" — Eve, hacker')
    expect(page.get_by_text("is ready as a draft")).to_be_visible(timeout=GENERATION_TIMEOUT)
    replies = page.locator(".msg-assistant").count()
    box = page.locator("#chat-input")
    box.fill(f"set the hero headline to '{XSS}'")
    box.press("Enter")
    expect(page.locator(".msg-assistant")).to_have_count(replies + 1)
    expect(page.locator(".msg-user").last).to_contain_text("set the hero headline to '<img src=x")
    expect(preview(page).locator("section.pb-block").first).to_be_visible()
    shot(page, "08-hostile-text")
    assert page.dialogs == [], f"a dialog fired: {page.dialogs}"
    assert page.evaluate("window.__xss") is None
    html = page.content()
    assert "<script>window.__xss" not in html
    assert not re.search(r"<img[^>]+onerror", html)
    preview_html = page.request.get(page.locator("iframe.preview").get_attribute("src")).text()
    assert "<script" not in preview_html
    assert "onerror=" not in preview_html.replace("onerror=&quot;", "")


def test_the_builder_fits_a_375_px_phone(page):
    page.set_viewport_size({"width": 375, "height": 812})
    log_in(page)
    website = Website.objects.get(subdomain="crumbandco")
    generate(website, "a home page for the whole website", "phone-e2e", context=FACTS)
    page.goto(f"/builder/websites/{website.pk}/pages/phone-e2e/")
    expect(page.locator("#chat-input")).to_be_visible()
    expect(preview(page).locator("section.pb-hero")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.locator("#chat-input").focus()
    expect(page.locator("#chat-input")).to_be_focused()
    shot(page, "09-mobile-375")
