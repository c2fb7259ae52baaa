"""The builder's HTML views and htmx partials: permissions on every view, CSRF on every POST, what each
partial answers, the chat flow (generate, refine, undo, restore, publish) and the safe preview."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pagebuilder.models import Conversation, Message, PageCategory, PageVersion
from pagebuilder.tasks import run_generation
from tests.helpers.generation import generate
from websites.models import AiTask, WebsiteMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(crumb) -> Client:
    user = get_user_model().objects.get(username="editor")  # seeded: member of both demo websites
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def outsider_client(db) -> Client:
    user = get_user_model().objects.create_user("outsider", password="pw-outsider-1")
    client = Client()
    client.force_login(user)
    return client


def url(site, slug="about", tail=""):
    return f"/builder/websites/{site.pk}/pages/{slug}/{tail}"


def start(client, site, slug="about", message="Make an about page for our family bakery", **extra):
    return client.post(f"/builder/websites/{site.pk}/", {"slug": slug, "message": message, **extra})


def generation_message(site, slug="about") -> Message:
    return Message.objects.filter(conversation__website=site, conversation__slug=slug, kind="generation").latest("id")


def finish(site, slug="about") -> Message:
    message = generation_message(site, slug)
    run_generation(str(message.task_id))  # what the worker does
    return message


def test_login_is_required_everywhere(client, crumb):
    for path in ["/builder/", f"/builder/websites/{crumb.pk}/", url(crumb), url(crumb, tail="preview/")]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/accounts/login/" in response["Location"], path


def test_editors_see_their_websites_and_others_get_403(editor_client, outsider_client, crumb, demo_sites):
    home = editor_client.get("/builder/").content.decode()
    assert "Crumb &amp; Co. Bakery" in home
    assert "Brightside Dental Clinic" in home
    assert outsider_client.get("/builder/").status_code == 403
    for path in [f"/builder/websites/{crumb.pk}/", url(crumb), url(crumb, tail="panel/"), url(crumb, tail="preview/")]:
        assert outsider_client.get(path).status_code == 403, path
    assert editor_client.get("/builder/websites/999999/").status_code == 404


def test_superusers_see_every_website(client, crumb, superuser):
    client.force_login(superuser)
    assert "Crumb &amp; Co. Bakery" in client.get("/builder/").content.decode()


def test_viewers_may_look_but_not_change(client, crumb):
    viewer = get_user_model().objects.create_user("viewer", password="pw-viewer-1")
    WebsiteMembership.objects.create(user=viewer, website=crumb, role="viewer")
    client.force_login(viewer)
    assert client.get(f"/builder/websites/{crumb.pk}/").status_code == 200
    assert start(client, crumb).status_code == 403
    assert client.post(url(crumb, tail="messages/"), {"message": "hi"}).status_code == 403


def test_every_post_needs_a_csrf_token(crumb):
    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.get(username="editor"))
    for path in [f"/builder/websites/{crumb.pk}/", url(crumb, tail="messages/"), url(crumb, tail="undo/"),
                 url(crumb, tail="publish/"), f"/builder/websites/{crumb.pk}/style/"]:  # fmt: skip
        assert client.post(path, {"message": "x", "slug": "about"}).status_code == 403, path
    page = client.get(f"/builder/websites/{crumb.pk}/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    ok = client.post(
        f"/builder/websites/{crumb.pk}/",
        {"slug": "about", "message": "Make an about page", "csrfmiddlewaretoken": token},
    )
    assert ok.status_code == 302


def test_a_new_page_starts_a_generation_with_a_progress_card_and_disabled_input(editor_client, crumb):
    response = start(editor_client, crumb, facts="Team: Rosa Martin | Owner")
    assert response.status_code == 302
    assert response["Location"] == url(crumb)
    assert Conversation.objects.get(website=crumb, slug="about").facts == "Team: Rosa Martin | Owner"
    page = editor_client.get(url(crumb)).content.decode()
    message = generation_message(crumb)
    assert f'hx-get="{url(crumb, tail=f"messages/{message.pk}/progress/")}"' in page
    assert 'hx-trigger="every 1s"' in page
    assert re.search(r'<textarea id="chat-input"[^>]*disabled', page)
    assert "Waiting for a worker" in page
    task = AiTask.objects.get(pk=message.task_id)
    assert task.input["additional_context"] == "Team: Rosa Martin | Owner"
    assert task.input["publish"] is False


def test_the_progress_partial_follows_the_task_then_stops_polling(editor_client, crumb):
    start(editor_client, crumb)
    message = generation_message(crumb)
    AiTask.objects.filter(pk=message.task_id).update(
        status="processing", phase="structure", progress=35, message="Writing"
    )
    running = editor_client.get(url(crumb, tail=f"messages/{message.pk}/progress/"), HTTP_HX_REQUEST="true")
    body = running.content.decode()
    assert running.status_code == 200
    assert 'value="35"' in body
    assert "Writing" in body
    assert re.search(r'class="phase current" aria-current="step">Structure', body)
    AiTask.objects.filter(pk=message.task_id).update(status="pending", phase="queued", progress=0)
    finish(crumb)
    done = editor_client.get(url(crumb, tail=f"messages/{message.pk}/progress/"), HTTP_HX_REQUEST="true")
    body = done.content.decode()
    assert done.status_code == 286
    assert done["HX-Trigger"] == "page-updated"
    assert "is ready as a draft" in body
    assert "SEO title" in body
    assert "search score" in body
    assert 'hx-swap-oob="true"' in body
    assert not re.search(r'<textarea id="chat-input"[^>]*disabled', body)


def test_a_failed_generation_shows_the_error_and_a_retry_button(editor_client, crumb):
    start(editor_client, crumb)
    message = generation_message(crumb)
    AiTask.objects.filter(pk=message.task_id).update(status="failed", error="Claude is overloaded; try again.")
    body = editor_client.get(url(crumb)).content.decode()
    assert "Claude is overloaded; try again." in body
    assert url(crumb, tail=f"messages/{message.pk}/retry/") in body
    retried = editor_client.post(url(crumb, tail=f"messages/{message.pk}/retry/"), HTTP_HX_REQUEST="true")
    assert retried.status_code == 200
    assert "progress-card" in retried.content.decode()
    assert AiTask.objects.filter(input__page_intent="Make an about page for our family bakery").count() == 2


def test_partials_of_another_website_are_out_of_reach(editor_client, crumb, demo_sites):
    other = demo_sites["brightside"]
    start(editor_client, crumb)
    message = generation_message(crumb)
    assert editor_client.get(url(other, tail=f"messages/{message.pk}/progress/")).status_code == 404
    assert editor_client.post(url(other, tail=f"messages/{message.pk}/retry/")).status_code == 404
    finish(crumb)
    version = PageVersion.objects.get(website=crumb, slug="about")
    assert editor_client.get(url(other, tail=f"versions/{version.pk}/preview/")).status_code == 404
    assert editor_client.post(url(other, tail=f"versions/{version.pk}/restore/")).status_code == 404


def test_undo_restore_and_publish(editor_client, crumb):
    first = generate(crumb, "an about page", "about")
    second = generate(crumb, "an about page with our story", "about")
    panel = editor_client.post(url(crumb, tail="undo/"), HTTP_HX_REQUEST="true").content.decode()
    assert "Undone" in panel
    drafts = PageVersion.objects.filter(website=crumb, slug="about")
    assert drafts.get(pk=second.result["version_id"]).undone
    nothing = editor_client.post(url(crumb, tail="undo/"), HTTP_HX_REQUEST="true")
    assert nothing.status_code == 409
    assert nothing.content.decode().count("nothing to undo") == 1
    restored = editor_client.post(url(crumb, tail=f"versions/{second.result['version_id']}/restore/"))
    assert restored.status_code == 302
    newest = PageVersion.objects.filter(website=crumb, slug="about").first()
    assert newest.source == "restored"
    assert newest.design_payload == second.result["design_payload"]
    assert newest.restored_from_id == second.result["version_id"]
    assert first.result["version_id"] != newest.pk
    panel = editor_client.post(url(crumb, tail="publish/"), HTTP_HX_REQUEST="true").content.decode()
    assert "Published" in panel
    assert PageCategory.objects.get(website=crumb, slug="about").design_payload == newest.design_payload


def test_undo_with_nothing_to_undo_answers_409_for_the_status_region_not_the_panel(editor_client, crumb):
    only = generate(crumb, "an about page", "about")
    response = editor_client.post(url(crumb, tail="undo/"), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 409
    assert response["HX-Retarget"] == "#panel-status"
    assert response["HX-Reswap"] == "innerHTML"
    assert body.strip() == '<p class="error">There is nothing to undo: this is the first version of the page.</p>'
    assert not PageVersion.objects.get(pk=only.result["version_id"]).undone


def test_undo_with_nothing_to_undo_without_javascript_redirects_back_with_the_message(editor_client, crumb):
    only = generate(crumb, "an about page", "about")
    response = editor_client.post(url(crumb, tail="undo/"))
    assert response.status_code == 302
    assert response["Location"] == url(crumb)
    page = editor_client.get(response["Location"]).content.decode()
    assert re.search(r'<ul class="flash" role="status"><li class="error">There is nothing to undo', page)
    assert f'src="{url(crumb, tail="preview/")}?v={only.result["version_id"]}"' in page  # the preview is still there
    assert not PageVersion.objects.get(pk=only.result["version_id"]).undone


def test_a_refused_chat_message_answers_409_and_keeps_the_chat(editor_client, crumb):
    start(editor_client, crumb)  # a generation is running
    response = editor_client.post(
        url(crumb, tail="messages/"), {"message": "remove the faq"}, HTTP_HX_REQUEST="true", HTTP_HX_TRIGGER="chat-form"
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert response["HX-Retarget"] == "#chat-status"
    assert "A generation is still running for this page; wait until it finishes." in body
    assert "Your message is still in the box" in body
    assert 'id="chat-form"' not in body  # the form (with the typed text) is left alone
    assert not Message.objects.filter(text="remove the faq").exists()


def test_the_preview_is_a_script_free_document_with_a_strict_csp(editor_client, crumb):
    generate(crumb, "an about page", "about")
    response = editor_client.get(url(crumb, tail="preview/"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    csp = response["Content-Security-Policy"]
    assert "script-src" not in csp or "'none'" in csp
    assert "default-src 'none'" in csp
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    html = response.content.decode()
    assert "<script" not in html.lower()
    assert "<!doctype html>" in html.lower()
    page = editor_client.get(url(crumb)).content.decode()
    assert re.search(r'<iframe class="preview"[^>]*sandbox=""', page)


def test_the_style_panel_shows_swatches_and_regenerates(editor_client, crumb):
    body = editor_client.get(f"/builder/websites/{crumb.pk}/style/").content.decode()
    assert "Regenerate" in body
    response = editor_client.post(f"/builder/websites/{crumb.pk}/style/", {"mood": "calm", "industry": ""})
    assert response.status_code == 302
    body = editor_client.get(f"/builder/websites/{crumb.pk}/style/").content.decode()
    assert "Mood: calm" in body
    assert "contrast" in body


def test_hostile_text_in_chat_is_escaped_everywhere(editor_client, crumb):
    hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    start(editor_client, crumb, message=f"Make a page {hostile}")
    finish(crumb)
    page = editor_client.get(url(crumb)).content.decode()
    assert "<script>alert(2)" not in page
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_a_regenerated_style_guide_shows_in_the_preview_at_once(editor_client, crumb):
    generate(crumb, "an about page", "about")
    before = editor_client.get(url(crumb, tail="preview/")).content.decode()
    editor_client.post(f"/builder/websites/{crumb.pk}/style/", {"mood": "bold", "industry": "technology"})
    after = editor_client.get(url(crumb, tail="preview/")).content.decode()
    from styleguides.models import WebsiteStyleGuide

    primary = WebsiteStyleGuide.objects.get(website=crumb).theme_config["colors"]["semantic"]["primary"]
    assert primary in after
    assert before != after


def test_the_website_page_lists_drafts_and_published_pages(editor_client, crumb):
    generate(crumb, "an about page", "about")
    generate(crumb, "contact us page", "contact", publish=True)
    body = editor_client.get(f"/builder/websites/{crumb.pk}/").content.decode()
    assert "<code>/about</code>" in body
    assert "<code>/contact</code>" in body
    assert '<span class="badge draft">Draft</span>' in body
    assert '<span class="badge live">Published</span>' in body


def test_a_page_written_offline_because_claude_was_unavailable_says_so_in_the_chat(editor_client, crumb):
    start(editor_client, crumb)
    message = finish(crumb)
    task = AiTask.objects.get(pk=message.task_id)
    reason = "Claude is overloaded (HTTP 529) after 4 attempts; try again in a minute."
    task.result = {**task.result, "fallback": {"from": "anthropic", "reason": reason}}
    task.save(update_fields=["result"])

    page = editor_client.get(url(crumb)).content.decode()

    assert f"Written offline because Claude was unavailable: {reason}" in page
