"""Questions instead of hollow pages: a page type whose required section needs data the site lacks stops and
asks, through the API (needs_input, answers, skip) and in the chat; answers are read as facts and saved."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pagebuilder.models import Conversation, Message, PageVersion
from pagebuilder.pages import latest_version
from tests.helpers.generation import generate
from websites.models import AiTask, SiteFact, Website, WebsiteMembership

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("inline_queue")]


@pytest.fixture
def api(client, studio, api_key_for, django_capture_on_commit_callbacks):
    key = api_key_for(studio)

    def send(method: str, path: str, body: object = None, *, key: str = key):
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        with django_capture_on_commit_callbacks(execute=True):  # queued work runs once its rows are committed
            return getattr(client, method)(f"/api/v1{path}", **kwargs)

    return send


def blocks(website: Website, slug: str) -> dict[str, dict]:
    return {block["_name"]: block for block in latest_version(website, slug).design_payload["blocks"]}


def test_a_pricing_page_without_prices_asks_instead_of_building(studio):
    task = generate(studio, "A pricing page for our yoga classes", "pricing")
    assert task.public_status == "needs_input"
    assert [q["id"] for q in task.result["questions"]] == ["pricing"]
    assert task.result["questions"][0]["kind"] == "pricing_plan"
    assert "What are your prices?" in task.message
    assert not PageVersion.objects.filter(website=studio).exists()


def test_an_api_caller_answers_and_the_page_is_built_with_the_stated_prices(api, studio):
    started = api("post", f"/websites/{studio.pk}/pages/generate",
                  {"page_intent": "A pricing page for our yoga classes", "page_category_slug": "pricing"})  # fmt: skip
    task_id = started.json()["task_id"]
    polled = api("get", f"/tasks/{task_id}").json()
    assert polled["status"] == "needs_input"
    assert polled["questions"][0]["id"] == "pricing"
    assert polled["error"] is None

    prices = "Drop-in class $18, monthly unlimited $89/month"
    answered = api("post", f"/tasks/{task_id}/answers", {"answers": [{"question_id": "pricing", "answer": prices}]})
    assert answered.status_code == 202
    assert AiTask.objects.get(pk=task_id).status == "completed"
    text = json.dumps(blocks(studio, "pricing")["pricing"]["_props"])
    assert "18" in text
    assert "89" in text
    saved = SiteFact.objects.filter(website=studio, kind="pricing_plan")
    assert saved.count() == 2
    assert {fact.source for fact in saved} == {"confirmed"}


def test_an_answer_without_the_data_asked_for_is_refused_and_the_question_stays(api, studio):
    task_id = api("post", f"/websites/{studio.pk}/pages/generate",
                  {"page_intent": "Meet our teachers", "page_category_slug": "team"}).json()["task_id"]  # fmt: skip
    response = api("post", f"/tasks/{task_id}/answers",
                   {"answers": [{"question_id": "team", "answer": "Our team is lovely and friendly."}]})  # fmt: skip
    assert response.status_code == 422
    assert "I could not find team members" in response.json()["detail"]
    assert AiTask.objects.get(pk=task_id).public_status == "needs_input"
    unknown = api("post", f"/tasks/{task_id}/answers", {"answers": [{"question_id": "menu", "answer": "x"}]})
    assert unknown.status_code == 422
    assert not SiteFact.objects.exists()


def test_skipping_builds_the_page_without_that_section(api, studio):
    request = {"page_intent": "What our students say", "page_category_slug": "reviews"}
    task_id = api("post", f"/websites/{studio.pk}/pages/generate", request).json()["task_id"]
    assert api("post", f"/tasks/{task_id}/answers", {"skip": True}).status_code == 202
    assert AiTask.objects.get(pk=task_id).status == "completed"
    assert "testimonials" not in blocks(studio, "reviews")
    again = api("post", f"/tasks/{task_id}/answers", {"skip": True})
    assert again.status_code == 409


def test_another_clients_task_cannot_be_answered(api, studio, api_key_for, clinic):
    task_id = api("post", f"/websites/{studio.pk}/pages/generate",
                  {"page_intent": "Our prices", "page_category_slug": "prices"}).json()["task_id"]  # fmt: skip
    outsider = api_key_for(clinic)
    assert api("post", f"/tasks/{task_id}/answers", {"skip": True}, key=outsider).status_code == 404


def test_in_the_chat_the_editor_answers_in_words_and_the_next_page_knows(studio, django_capture_on_commit_callbacks):
    editor = get_user_model().objects.create_user("ana", password="pw-ana-12345")
    WebsiteMembership.objects.create(user=editor, website=studio, role="editor")
    client = Client()
    client.force_login(editor)
    page_url = f"/builder/websites/{studio.pk}/pages/team/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/builder/websites/{studio.pk}/", {"slug": "team", "message": "Introduce our teachers"})
    html = client.get(page_url).content.decode()
    assert "Who is on your team, and what does each person do?" in html
    assert "Build it without" in html

    with django_capture_on_commit_callbacks(execute=True):
        teachers = "Teachers: Ana Ruiz (founder, restorative and prenatal), Sam Okafor (vinyasa and hot yoga), " \
                   "Lee Chen (meditation)."  # fmt: skip
        client.post(page_url + "messages/", {"message": teachers})
    team = json.dumps(blocks(studio, "team")["team"]["_props"])
    for name in ("Ana Ruiz", "Sam Okafor", "Lee Chen"):
        assert name in team
    replies = [m.text for m in Conversation.objects.get(website=studio, slug="team").messages.all()]
    assert any(text.startswith("I found 3 team members: Ana Ruiz") for text in replies)
    page = client.get(page_url).content.decode()
    assert "Save to the site's facts" not in page, "answering the question saved them already"

    second = generate(studio, "An about page for the studio", "about")
    assert second.status == "completed"
    assert SiteFact.objects.filter(website=studio, kind="team_member").count() == 3


def test_in_the_chat_build_it_without_goes_on_without_the_section(studio, django_capture_on_commit_callbacks):
    editor = get_user_model().objects.create_user("sam", password="pw-sam-12345")
    WebsiteMembership.objects.create(user=editor, website=studio, role="editor")
    client = Client()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/builder/websites/{studio.pk}/", {"slug": "pricing", "message": "Our class prices"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/builder/websites/{studio.pk}/pages/pricing/messages/", {"message": "Build it without"})
    assert "pricing" not in blocks(studio, "pricing")
    messages = Conversation.objects.get(website=studio, slug="pricing").messages
    assert list(messages.values_list("role", "kind")) == [
        ("user", Message.Kind.TEXT), ("assistant", Message.Kind.TEXT),  # the question, kept as text
        ("user", Message.Kind.TEXT), ("assistant", Message.Kind.GENERATION),
    ]  # fmt: skip


def test_a_services_page_without_services_asks_what_is_offered_and_names_the_answer(api, studio):
    started = api("post", f"/websites/{studio.pk}/pages/generate",
                  {"page_intent": "page listing our services", "page_category_slug": "services"})  # fmt: skip
    task_id = started.json()["task_id"]
    polled = api("get", f"/tasks/{task_id}").json()
    assert polled["status"] == "needs_input"
    assert [(q["id"], q["kind"]) for q in polled["questions"]] == [("services", "offering")]

    offered = "We offer vinyasa flow, restorative yoga and prenatal yoga"
    answered = api("post", f"/tasks/{task_id}/answers", {"answers": [{"question_id": "services", "answer": offered}]})
    assert answered.status_code == 202
    services = json.dumps(blocks(studio, "services")["services"]["_props"])
    assert "Vinyasa flow" in services
    assert "Prenatal yoga" in services


def test_a_home_page_without_services_is_built_without_asking(studio):
    task = generate(studio, "home page for our business", "home")

    assert task.status == "completed"
    assert "services" not in {section["semantic_type"] for section in task.result["sections"]}
    assert any("services" in suggestion for suggestion in task.result["content_suggestions"])
