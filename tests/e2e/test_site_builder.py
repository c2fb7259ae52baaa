"""The whole-site builder in real Chromium with a real worker (issue 16): on a new website an editor asks for "a
website for our yoga studio", edits the proposed sitemap with the controls and by chat (rename, remove, reorder,
add pages, change sections), builds it, checks two built pages' previews (the navbar lists exactly the sitemap's
pages, every internal link resolves) and publishes the whole site. Screenshots go to /tmp/site-ui-*.png."""

import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pagebuilder.models import PageCategory, SitePlan
from pagebuilder.pages import latest_version
from pagebuilder.site.links import internal_path, page_href, resolves
from pagebuilder.site.plans import current_plan
from tests.config.test_worker import qcluster  # noqa: F401 - a real django-q2 worker
from tests.e2e.site_data import yoga_studio
from tests.helpers.browser import log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
TASK_TIMEOUT = 120_000  # the worker process starts and loads the embedding model on its first task
BUILD_TIMEOUT = 300_000  # generous: six pages on a shared machine; the one-minute target is a benchmark's
SHOTS = Path(tempfile.gettempdir())  # /tmp/site-ui-*.png
WANTED = ["home", "about", "services", "pricing", "team", "contact"]


def screenshot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"site-ui-{name}.png"), full_page=True)


def chat(page, text: str) -> None:
    box = page.locator("#chat-input")
    expect(box).to_be_enabled()
    count = page.locator("#messages > li").count()
    box.fill(text)
    box.press("Enter")
    expect(page.locator("#messages > li")).to_have_count(count + 2)


def row(page, slug: str):
    return page.locator(f"#site-page-{slug}")


def sitemap_slugs(page) -> list[str]:
    return page.locator(".site-page").evaluate_all("rows => rows.map(r => r.dataset.slug)")


def links_of(preview, selector: str) -> list[str]:
    return preview.locator(selector).evaluate_all("links => links.map(a => a.getAttribute('href'))")


def edit_sitemap(page, proposed: list[str]) -> None:
    """Rename, remove, reorder and add pages and remove sections, with the controls and by chat, down to WANTED."""
    row(page, "about").get_by_text("Rename").click()
    page.locator("#rename-title-about").fill("Our story")
    row(page, "about").get_by_role("button", name="Save").click()
    expect(row(page, "about").locator(".site-page-title")).to_have_text("Our story")
    for slug in [s for s in proposed if s not in WANTED]:  # the gallery and location pages of the proposal
        title = row(page, slug).locator(".site-page-title").inner_text()
        if slug == "gallery":
            chat(page, "remove the gallery page")
        else:
            page.get_by_role("button", name=f"Remove {title} from the sitemap").click()
        expect(row(page, slug)).to_have_count(0)
    page.get_by_role("button", name="Move Prices up").click()
    expect(page.locator(".note")).to_contain_text("Moved /pricing up")
    assert sitemap_slugs(page).index("pricing") < sitemap_slugs(page).index("services")
    chat(page, "move pricing after services")
    expect(page.locator(".site-page").nth(3)).to_have_attribute("data-slug", "pricing")
    chat(page, "remove the contact page")
    expect(row(page, "contact")).to_have_count(0)
    page.locator("#add-page-type").select_option("contact")
    page.locator("#add-page-title").fill("Contact us")
    page.get_by_role("button", name="Add page").click()
    expect(row(page, "contact").locator(".site-page-title")).to_have_text("Contact us")
    chat(page, "remove the team page")
    expect(row(page, "team")).to_have_count(0)
    chat(page, "add a team page")
    expect(row(page, "team")).to_be_visible()
    if "gallery" in row(page, "home").locator(".site-sections").inner_text():
        page.get_by_role("button", name="Remove the gallery section from Lotus Flow Yoga").click()
        expect(row(page, "home").locator(".site-section", has_text="gallery")).to_have_count(0)
    chat(page, "remove gallery from about")
    chat(page, "make it sparkle")
    expect(page.locator(".msg-help")).to_contain_text("rename about to Our story")
    expect(page.locator(".msg-help")).to_be_in_viewport()  # the chat keeps its newest answer in view
    assert sitemap_slugs(page) == WANTED


def check_previews(page, slugs: tuple[str, ...]) -> None:
    """Each built page's preview: its navbar links to exactly the sitemap's pages, every internal link resolves."""
    hrefs = {page_href(slug) for slug in WANTED}
    for slug in slugs:
        with page.context.expect_page() as opened:
            row(page, slug).locator(".site-preview-link").click()
        preview = opened.value
        preview.wait_for_load_state()
        menu = [internal_path(h) for h in links_of(preview, ".pb-navbar a[href]")]
        # "/" (the logo's link) is the home page too
        assert {page_href("home") if h == "/" else h for h in menu if h} == hrefs, menu
        every = links_of(preview, "a[href]")
        broken = [h for h in every if not resolves(h, set(WANTED), "home")]
        assert broken == [], broken
        screenshot(preview, f"05-preview-{slug}")
        preview.close()


def test_plan_edit_build_and_publish_a_whole_site(page, qcluster, settings):  # noqa: F811
    settings.AI_BUILDER_ROLLOUT_PERCENT, settings.AI_BUILDER_ALLOWLIST = 100, []
    site = yoga_studio()
    log_in(page)
    page.goto(f"/builder/websites/{site.pk}/")
    page.get_by_role("link", name="Build the whole site").click()
    expect(page.get_by_role("heading", name="Build the whole site")).to_be_visible()

    chat(page, "a website for our yoga studio")
    expect(page.locator(".plan-done")).to_be_visible(timeout=TASK_TIMEOUT)
    expect(page.locator(".site-page").first).to_be_visible()
    proposed = sitemap_slugs(page)
    assert set(WANTED) <= set(proposed), proposed
    expect(row(page, "home")).to_contain_text("hero")
    screenshot(page, "01-proposed")

    edit_sitemap(page, proposed)
    screenshot(page, "02-edited")

    chat(page, "looks good, build")
    expect(page.locator(".build-progress")).to_be_visible()
    screenshot(page, "03-building")
    expect(page.locator("#publish-site")).to_be_visible(timeout=BUILD_TIMEOUT)
    expect(page.locator(".site-page.state-draft")).to_have_count(len(WANTED))
    expect(page.locator(".site-page .seo-report")).to_have_count(len(WANTED))
    screenshot(page, "04-built")
    # Every page keeps the section it is about (the slugs here are the page types): no note says otherwise.
    notes = page.locator("#site-panel").inner_text()
    lost = [
        (slug, section) for slug, section in re.findall(r"/(\w+): left out the (\w+) section", notes) if slug == section
    ]
    assert lost == [], notes

    plan = current_plan(site)
    assert plan.status == SitePlan.Status.BUILT
    check_previews(page, ("home", "services"))

    page.get_by_role("button", name="Publish the whole site").click()
    expect(page.locator(".note")).to_contain_text("Published the whole site")
    expect(page.locator(".site-page.state-published")).to_have_count(len(WANTED))
    screenshot(page, "06-published")
    for slug in WANTED:
        live = PageCategory.objects.get(website=site, slug=slug)
        assert live.design_payload == latest_version(site, slug).design_payload
    assert page.dialogs == []
