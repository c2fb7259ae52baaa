"""The whole-site builder's views (issue 16, items 1-4): who may open and change it, the chat proposing and
editing the sitemap, the panel's controls with their refusals (the service's message, a 4xx, nothing changed),
hostile titles escaped, the build's progress and result, and publishing the whole site (or the reason not to)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pagebuilder.models import Conversation, Message, PageCategory, PageReview, SitePlan
from pagebuilder.pages import latest_version
from pagebuilder.site.chat import SITE_CHAT_SLUG
from pagebuilder.site.plans import current_plan
from pagebuilder.tasks import run_site_build, run_site_plan
from websites.models import WebsiteMembership, WebsitePolicy

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def builder_on(settings):
    settings.AI_BUILDER_ROLLOUT_PERCENT, settings.AI_BUILDER_ALLOWLIST = 100, []
    settings.LLM_PROVIDER = "offline"


@pytest.fixture
def editor(crumb) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username="editor"))  # seeded: editor of both demo websites
    return client


def url(site, tail: str = "") -> str:
    return f"/builder/websites/{site.pk}/site/{tail}"


def say(client, site, text: str):
    return client.post(url(site, "messages/"), {"message": text}, **HTMX)


def planned(client, site, intent: str = "a website for our bakery") -> SitePlan:
    """The editor asks for a sitemap and the worker proposes it."""
    assert say(client, site, intent).status_code == 200
    message = Message.objects.filter(conversation__website=site, kind="generation").latest("id")
    run_site_plan(str(message.task_id))
    return current_plan(site)


def slugs(site) -> list[str]:
    return [page["slug"] for page in current_plan(site).pages]


def test_anonymous_visitors_are_sent_to_the_login(client, crumb):
    for path in [url(crumb), url(crumb, "panel/")]:
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(url(crumb, "messages/"), {"message": "a website"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Conversation.objects.filter(slug=SITE_CHAT_SLUG).exists()


def test_another_tenants_site_is_403_and_an_unknown_one_404(editor, demo_sites):
    outsider = get_user_model().objects.create_user("outsider", password="pw-outsider-1")
    client = Client()
    client.force_login(outsider)
    crumb = demo_sites["crumbandco"]
    planned(editor, crumb)
    assert client.get(url(crumb)).status_code == 403
    assert client.get(url(crumb, "panel/")).status_code == 403
    assert client.post(url(crumb, "messages/"), {"message": "remove the about page"}).status_code == 403
    assert client.post(url(crumb, "pages/about/remove/")).status_code == 403
    assert client.post(url(crumb, "build/")).status_code == 403
    assert client.post(url(crumb, "publish/")).status_code == 403
    assert "about" in slugs(crumb)
    assert editor.get("/builder/websites/999999/site/").status_code == 404


def test_viewers_see_the_sitemap_but_cannot_change_it(editor, crumb):
    planned(editor, crumb)
    viewer = get_user_model().objects.create_user("viewer1", password="pw-viewer-1")
    WebsiteMembership.objects.create(user=viewer, website=crumb, role=WebsiteMembership.Role.VIEWER)
    client = Client()
    client.force_login(viewer)
    page = client.get(url(crumb)).content.decode()
    assert "site-page-about" in page and 'id="build-site"' not in page and "Rename" not in page
    assert client.post(url(crumb, "pages/about/remove/"), **HTMX).status_code == 403
    assert "about" in slugs(crumb)


def test_the_overview_links_here_and_the_site_chat_is_not_a_page(editor, crumb):
    planned(editor, crumb)
    overview = editor.get(f"/builder/websites/{crumb.pk}/").content.decode()
    assert f'href="/builder/websites/{crumb.pk}/site/"' in overview
    assert "/_site" not in overview


def test_an_intent_in_the_chat_proposes_a_sitemap_with_progress(editor, crumb):
    response = say(editor, crumb, "a website for our bakery")
    body = response.content.decode()
    assert "Proposing a sitemap" in body and "every 1s" in body
    message = Message.objects.get(conversation__website=crumb, kind="generation")
    assert message.conversation.slug == SITE_CHAT_SLUG and message.data == {"site_task": "plan"}
    progress = editor.get(url(crumb, f"messages/{message.pk}/progress/"), **HTMX)
    assert progress.status_code == 200 and "Proposing a sitemap" in progress.content.decode()
    run_site_plan(str(message.task_id))
    done = editor.get(url(crumb, f"messages/{message.pk}/progress/"), **HTMX)
    assert done.status_code == 286 and done["HX-Trigger"] == "sitemap-updated"  # stop polling; panel reloads
    plan = current_plan(crumb)
    for page in plan.pages:
        assert f"/{page['slug']}" in done.content.decode()
    panel = editor.get(url(crumb, "panel/"), **HTMX).content.decode()
    for page in plan.pages:
        assert f'id="site-page-{page["slug"]}"' in panel
        for section in page["sections"]:
            assert section in panel
    reloaded = editor.get(url(crumb)).content.decode()  # the chat is kept
    assert "a website for our bakery" in reloaded and "Proposed" in reloaded


def test_chat_commands_change_the_sitemap(editor, crumb):
    planned(editor, crumb)
    response = say(editor, crumb, "rename about to Our story")
    assert response["HX-Trigger"] == "sitemap-updated" and "Renamed /about" in response.content.decode()
    assert next(p for p in current_plan(crumb).pages if p["slug"] == "about")["title"] == "Our story"
    say(editor, crumb, "move contact to the top")
    assert slugs(crumb)[0] == "contact"
    say(editor, crumb, "add a faq section to the home page")
    assert "faq" in next(p for p in current_plan(crumb).pages if p["slug"] == "home")["sections"]
    before = slugs(crumb)
    answer = say(editor, crumb, "remove the spaceship page").content.decode()
    assert "no page “spaceship”" in answer and slugs(crumb) == before
    help_answer = say(editor, crumb, "make it sparkle").content.decode()
    assert "rename about to Our story" in help_answer
    kinds = list(
        Message.objects.filter(conversation__slug=SITE_CHAT_SLUG, role="assistant").values_list("kind", flat=True)
    )
    assert kinds[-2:] == ["error", "help"]


def test_an_empty_message_is_refused_and_not_recorded(editor, crumb):
    response = say(editor, crumb, "   ")
    assert response.status_code == 422 and response["HX-Retarget"] == "#site-chat-status"
    assert "Type a message first" in response.content.decode()
    assert not Message.objects.filter(conversation__slug=SITE_CHAT_SLUG).exists()


def test_controls_rename_remove_move_add_and_change_sections(editor, crumb):
    planned(editor, crumb)
    first, second = slugs(crumb)[:2]
    response = editor.post(url(crumb, f"pages/{second}/rename/"), {"title": "Our story", "slug": "our-story"}, **HTMX)
    assert response.status_code == 200 and "Our story" in response.content.decode()
    assert slugs(crumb)[1] == "our-story"
    editor.post(url(crumb, "pages/our-story/move/"), {"direction": "up"}, **HTMX)
    assert slugs(crumb)[:2] == ["our-story", first]
    editor.post(url(crumb, "pages/our-story/remove/"), **HTMX)
    assert "our-story" not in slugs(crumb)
    response = editor.post(url(crumb, "pages/"), {"page_type": "faq", "title": "Questions"}, **HTMX)
    assert "Added “Questions”" in response.content.decode()
    assert any(p["page_type"] == "faq" and p["title"] == "Questions" for p in current_plan(crumb).pages)
    editor.post(url(crumb, f"pages/{first}/sections/"), {"action": "add", "section": "stats"}, **HTMX)
    assert "stats" in current_plan(crumb).pages[0]["sections"]
    editor.post(url(crumb, f"pages/{first}/sections/"), {"action": "remove", "section": "stats"}, **HTMX)
    assert "stats" not in current_plan(crumb).pages[0]["sections"]


@pytest.mark.parametrize(
    ("tail", "data", "status", "said"),
    [
        ("pages/about/rename/", {"title": "About", "slug": "Not A Slug!"}, 422, "is not a slug"),
        ("pages/about/rename/", {"title": ""}, 422, "must not be empty"),
        ("pages/about/rename/", {"title": "x" * 61}, 422, "at most 60"),
        ("pages/nowhere/remove/", {}, 404, "no page /nowhere"),
        ("pages/about/move/", {"direction": "sideways"}, 422, "up or down"),
        ("pages/", {"page_type": "spaceship"}, 422, "page_type must be one of"),
        ("pages/about/sections/", {"action": "add", "section": "unicorns"}, 422, "unknown section types"),
        ("pages/about/sections/", {"action": "remove", "section": "faq"}, 422, "has no “faq” section"),
    ],
)
def test_bad_input_is_refused_inline_and_changes_nothing(editor, crumb, tail, data, status, said):
    plan = planned(editor, crumb)
    response = editor.post(url(crumb, tail), data, **HTMX)
    assert response.status_code == status
    assert response["HX-Retarget"] == "#site-panel-status" and said in response.content.decode()
    assert current_plan(crumb).pages == plan.pages


def test_without_htmx_a_refusal_is_a_flash_message(editor, crumb):
    planned(editor, crumb)
    response = editor.post(url(crumb, "pages/about/rename/"), {"title": "", "slug": ""}, follow=True)
    assert "must not be empty" in response.content.decode()


def test_hostile_titles_and_intents_are_escaped(editor, crumb):
    planned(editor, crumb, "a website <img src=x onerror=alert(1)>")
    editor.post(url(crumb, "pages/about/rename/"), {"title": "<script>alert('x')</script>"}, **HTMX)
    say(editor, crumb, "rename home to <b onmouseover=alert(2)>Home</b>")
    page = editor.get(url(crumb)).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<b onmouseover" not in page and "<img src=x" not in page


def test_build_shows_progress_then_each_page_and_publishes_the_whole_site(editor, crumb):
    planned(editor, crumb)
    response = editor.post(url(crumb, "build/"), **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "Building the site" in body and "every 1s" in body
    assert 'id="build-site"' not in body and "Rename" not in body  # no changes while it builds
    plan = current_plan(crumb)
    assert plan.status == SitePlan.Status.BUILDING
    run_site_build(str(plan.build_task_id))
    panel = editor.get(url(crumb, "panel/"), **HTMX).content.decode()
    assert "every 1s" not in panel
    built = [page for page in current_plan(crumb).pages if not page.get("needs")]
    assert built
    for page in built:
        row = re.search(rf'id="site-page-{page["slug"]}".*?</li>\s*(?=<li class="site-page|</ol>)', panel, re.S)
        assert row, page["slug"]
        assert "Built — draft" in row.group(0) and f"/pages/{page['slug']}/" in row.group(0)
        assert "seo-report" in row.group(0)
    response = editor.post(url(crumb, "publish/"), **HTMX)
    assert "Published the whole site" in response.content.decode()
    for page in built:
        live = PageCategory.objects.get(website=crumb, slug=page["slug"])
        assert live.design_payload and live.design_payload["blocks"]


def test_a_site_that_requires_review_tells_editors_instead_of_publishing(editor, crumb):
    planned(editor, crumb)
    editor.post(url(crumb, "build/"), **HTMX)
    run_site_build(str(current_plan(crumb).build_task_id))
    WebsitePolicy.objects.create(website=crumb, requires_review=True)
    live_before = list(
        PageCategory.objects.filter(website=crumb).order_by("slug").values_list("slug", "design_payload")
    )
    panel = editor.get(url(crumb, "panel/"), **HTMX).content.decode()
    assert 'id="publish-site"' not in panel and "requires review before publishing" in panel
    response = editor.post(url(crumb, "publish/"), **HTMX)
    assert response.status_code == 403 and "requires review" in response.content.decode()
    live_after = list(PageCategory.objects.filter(website=crumb).order_by("slug").values_list("slug", "design_payload"))
    assert live_after == live_before
    assert 'id="submit-site"' in panel
    submitted = editor.post(url(crumb, "submit/"), **HTMX)
    built = [page["slug"] for page in current_plan(crumb).pages if latest_version(crumb, page["slug"])]
    assert submitted.status_code == 200 and f"Submitted {len(built)} pages for review" in submitted.content.decode()
    pending = PageReview.objects.filter(website=crumb, status=PageReview.Status.PENDING)
    assert sorted(pending.values_list("slug", flat=True)) == sorted(built)
    assert all(review.version_id == latest_version(crumb, review.slug).pk for review in pending)
    again = editor.post(url(crumb, "submit/"), **HTMX)  # every page awaits review: nothing more to submit
    assert again.status_code == 409 and "nothing to submit" in again.content.decode()
    assert (
        list(PageCategory.objects.filter(website=crumb).order_by("slug").values_list("slug", "design_payload"))
        == live_before
    )  # submitting publishes nothing


def test_build_by_chat_and_a_second_build_while_building_is_refused(editor, crumb):
    planned(editor, crumb)
    answer = say(editor, crumb, "looks good, build")
    assert "Building the site" in answer.content.decode() and answer["HX-Trigger"] == "sitemap-updated"
    assert current_plan(crumb).status == SitePlan.Status.BUILDING
    changed = say(editor, crumb, "remove the about page").content.decode()
    assert "being built" in changed and "about" in slugs(crumb)
    refused = editor.post(url(crumb, "pages/about/remove/"), **HTMX)
    assert refused.status_code == 409 and "being built" in refused.content.decode()


def test_rebuilding_one_page_keeps_the_others_and_their_navigation(editor, crumb):
    planned(editor, crumb)
    editor.post(url(crumb, "build/"), **HTMX)
    run_site_build(str(current_plan(crumb).build_task_id))
    built = [page["slug"] for page in current_plan(crumb).pages if not page.get("needs")]
    before = {slug: latest_version(crumb, slug).pk for slug in built}
    panel = editor.get(url(crumb, "panel/"), **HTMX).content.decode()
    assert f"/site/pages/{built[1]}/rebuild/" in panel
    response = editor.post(url(crumb, f"pages/{built[1]}/rebuild/"), **HTMX)
    assert response.status_code == 200 and f"Rebuilding /{built[1]}" in response.content.decode()
    run_site_build(str(current_plan(crumb).build_task_id))
    after = {slug: latest_version(crumb, slug) for slug in built}
    assert after[built[1]].pk != before[built[1]]  # a new version of the rebuilt page
    assert all(after[slug].pk == before[slug] for slug in built if slug != built[1])  # the others untouched
    navbars = {str([(b["_component"], b["_props"]) for b in v.design_payload["blocks"] if b["_name"] == "navbar"])
               for v in after.values()}  # fmt: skip
    assert len(navbars) == 1 and "navbar" in navbars.pop()  # every page shows the same navbar
    answer = say(editor, crumb, f"rebuild the {built[0]} page").content.decode()
    assert f"Building /{built[0]} again" in answer
