"""The panel's section controls in real Chromium: they appear when the pointer is on a section and when the
keyboard is inside it; move, remove, swap and regenerate change the preview at once (regenerating twice gives
other words each time); a text over its contract's limit is refused with the reason and nothing is saved."""

import re

import pytest
from playwright.sync_api import expect

from pagebuilder.models import PageVersion
from tests.helpers.browser import log_in, shot
from tests.helpers.generation import FACTS, generate
from websites.models import Website

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


def preview(page):
    return page.frame_locator("iframe.preview")


def item(page, name: str):
    """The section list's row of the one section called ``name`` (hero, team, …)."""
    heading = page.locator(".section-head strong", has_text=re.compile(f"^{name}$", re.I))
    return page.locator(".section-item").filter(has=heading)


def hero_heading(page):
    return preview(page).locator("section.pb-hero").locator("h1, h2").first


@pytest.fixture
def about(page):
    website = Website.objects.get(subdomain="crumbandco")
    task = generate(website, "make an about page for our family bakery", "about-e2e", context=FACTS)
    assert task.status == "completed", task.error
    log_in(page)
    page.goto(f"/builder/websites/{website.pk}/pages/about-e2e/")
    expect(preview(page).locator("section.pb-hero")).to_be_visible()
    return website


def test_controls_show_on_hover_and_on_keyboard_focus(page, about):
    team = item(page, "team")
    controls = team.locator(".section-controls")
    expect(controls).to_have_css("opacity", "0")
    team.hover()
    expect(controls).to_have_css("opacity", "1")
    shot(page, "20-section-controls-hover")
    page.mouse.move(0, 0)
    expect(controls).to_have_css("opacity", "0")
    page.get_by_role("button", name="Remove the about section").focus()
    page.keyboard.press("Tab")  # its "Edit texts", then on into the next section's first control
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Move the features section up")).to_be_focused()
    expect(item(page, "features").locator(".section-controls")).to_have_css("opacity", "1")
    expect(item(page, "about").locator(".section-controls")).to_have_css("opacity", "0")
    shot(page, "21-section-controls-keyboard")


def test_move_remove_swap_and_regenerate_change_the_preview(page, about):
    sections = preview(page).locator("section.pb-block")
    count = sections.count()
    rows = [name.lower() for name in page.locator(".section-head strong").all_inner_texts()]
    position = rows.index("team")
    assert count == len(rows)

    team = item(page, "team")
    team.hover()
    page.get_by_role("button", name="Move the team section up").click()
    expect(page.locator(".note")).to_have_text("Done: moved the team section up.")
    expect(sections.nth(position - 1)).to_have_class(re.compile(r"\bpb-team\b"))
    expect(page.get_by_role("button", name="Move the team section up")).to_be_focused()  # htmx kept the focus
    shot(page, "22-section-moved")

    item(page, "stats").hover()
    page.get_by_role("button", name="Remove the stats section").click()
    expect(page.locator(".note")).to_have_text("Done: removed the stats section.")
    expect(sections).to_have_count(count - 1)
    expect(preview(page).locator("section.pb-stats")).to_have_count(0)
    expect(item(page, "stats")).to_have_count(0)

    item(page, "hero").hover()
    page.get_by_label("Block for the hero section").select_option(label="Hero Centered Text")
    page.get_by_role("button", name="Swap the block of the hero section").click()
    expect(page.locator(".note")).to_contain_text("swapped the hero block Hero Split With Image for Hero Centered Text")
    expect(item(page, "hero").locator(".section-head")).to_contain_text("Hero Centered Text")
    expect(preview(page).locator("section.pb-hero img")).to_have_count(0)  # the centered hero has no photo
    shot(page, "23-section-swapped")

    first = hero_heading(page).inner_text()
    item(page, "hero").hover()
    page.get_by_role("button", name="Regenerate the hero section").click()
    expect(page.locator(".note")).to_have_text("Done: rewrote the hero section.")
    expect(hero_heading(page)).not_to_have_text(first)
    second = hero_heading(page).inner_text()
    page.get_by_role("button", name="Regenerate the hero section").focus()
    page.keyboard.press("Enter")  # the keyboard works the controls too
    expect(page.get_by_role("button", name="Regenerate the hero section")).to_be_focused()
    expect(hero_heading(page)).not_to_have_text(second)
    shot(page, "24-section-regenerated")
    assert page.dialogs == []


def test_a_text_over_the_contract_limit_is_refused_with_the_reason(page, about):
    before = PageVersion.objects.filter(website=about, slug="about-e2e").count()
    headline = hero_heading(page).inner_text()
    hero = item(page, "hero")
    hero.hover()
    hero.get_by_text("Edit texts").click()
    field = hero.get_by_label("Headline")
    expect(field).to_have_value(headline)
    field.fill("B" * 95)
    shot(page, "25-section-texts-form")
    page.get_by_role("button", name="Save the texts of the hero section").click()
    alert = item(page, "hero").get_by_role("alert")
    expect(alert).to_have_text(
        "The hero headline can be at most 80 characters; yours has 95. Shorten it and send it again."
    )
    expect(item(page, "hero").get_by_label("Headline")).to_have_value("B" * 95)  # kept to shorten
    expect(hero_heading(page)).to_have_text(headline)
    assert PageVersion.objects.filter(website=about, slug="about-e2e").count() == before
    shot(page, "26-section-text-refused")

    item(page, "hero").get_by_label("Headline").fill("Fresh bread daily")
    page.get_by_role("button", name="Save the texts of the hero section").click()
    expect(hero_heading(page)).to_have_text("Fresh bread daily")
    assert PageVersion.objects.filter(website=about, slug="about-e2e").count() == before + 1
