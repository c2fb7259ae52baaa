"""Facts found in what editors and API callers write: shown to the editor and saved only when confirmed, or
through the API when the request says save_facts; a page built afterwards knows them."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pagebuilder.models import Conversation
from pagebuilder.pages import latest_version
from websites.models import AiTask, SiteFact, WebsiteMembership

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("inline_queue")]
REVIEWS = (
    "“I was terrified of yoga and now I come four times a week.” - Maria G.\n"
    '"The teachers remember your name." — Tom B., member since 2021\n'
    "'Best Sunday mornings in town.' - Priya K."
)


@pytest.fixture
def editor_client(studio) -> Client:
    editor = get_user_model().objects.create_user("ana", password="pw-ana-12345")
    WebsiteMembership.objects.create(user=editor, website=studio, role="editor")
    client = Client()
    client.force_login(editor)
    return client


def test_facts_in_a_message_are_shown_and_saved_only_when_confirmed(
    editor_client, studio, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/builder/websites/{studio.pk}/", {"slug": "reviews", "message": "What our students say",
                                                               "facts": REVIEWS})  # fmt: skip
    page = editor_client.get(f"/builder/websites/{studio.pk}/pages/reviews/").content.decode()
    assert "I found 3 testimonials" in page
    assert "Save to the site's facts" in page
    assert not SiteFact.objects.filter(website=studio).exists()
    reviews = latest_version(studio, "reviews").design_payload
    assert "I was terrified of yoga and now I come four times a week." in json.dumps(reviews)

    asked = Conversation.objects.get(website=studio, slug="reviews").messages.filter(role="user").first()
    response = editor_client.post(f"/builder/websites/{studio.pk}/pages/reviews/messages/{asked.pk}/save-facts/",
                                  HTTP_HX_REQUEST="true")  # fmt: skip
    assert "Saved to the" in response.content.decode()
    saved = SiteFact.objects.filter(website=studio, kind="testimonial").order_by("position")
    assert [fact.data["name"] for fact in saved] == ["Maria G.", "Tom B.", "Priya K."]
    assert {fact.source for fact in saved} == {"confirmed"}


def test_a_viewer_cannot_save_found_facts(editor_client, studio, django_capture_on_commit_callbacks, client_for):
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/builder/websites/{studio.pk}/", {"slug": "reviews", "message": "Reviews page",
                                                               "facts": REVIEWS})  # fmt: skip
    viewer = get_user_model().objects.create_user("vic", password="pw-vic-12345")
    WebsiteMembership.objects.create(user=viewer, website=studio, role="viewer")
    asked = Conversation.objects.get(website=studio, slug="reviews").messages.filter(role="user").first()
    url = f"/builder/websites/{studio.pk}/pages/reviews/messages/{asked.pk}/save-facts/"
    assert client_for(viewer).post(url).status_code == 403
    assert not SiteFact.objects.exists()


def test_an_api_request_saves_its_facts_when_it_says_so(client, studio, api_key_for,
                                                        django_capture_on_commit_callbacks):  # fmt: skip
    key = api_key_for(studio)
    body = {"page_intent": "Meet our teachers", "page_category_slug": "team", "save_facts": True,
            "additional_context": "Teachers: Ana Ruiz (founder), Sam Okafor – vinyasa teacher"}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/v1/websites/{studio.pk}/pages/generate", json.dumps(body),
                               content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")  # fmt: skip
    task = AiTask.objects.get(pk=response.json()["task_id"])
    assert task.status == "completed"
    assert task.result["facts_found"].startswith("I found 2 team members: Ana Ruiz (founder)")
    names = [fact.data["name"] for fact in SiteFact.objects.filter(website=studio, kind="team_member")]
    assert names == ["Ana Ruiz", "Sam Okafor"]
    assert set(SiteFact.objects.values_list("source", flat=True)) == {"api"}


def test_without_save_facts_the_api_keeps_the_facts_to_that_page(client, studio, api_key_for):
    key = api_key_for(studio)
    body = {"page_intent": "Meet our teachers", "page_category_slug": "team",
            "additional_context": "Teachers: Ana Ruiz (founder)"}  # fmt: skip
    client.post(f"/api/v1/websites/{studio.pk}/pages/generate", json.dumps(body), content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {key}")  # fmt: skip
    assert not SiteFact.objects.exists()
