"""Changing pages through the API as editors can: edits by message or operations, publish, unpublish, undo,
versions, restore and soft delete; with the generation API's tenancy, Idempotency-Key and JSON errors."""

import json

import pytest
from django_q.conf import Conf

from pagebuilder.models import PageCategory, PageVersion
from pagebuilder.pages import latest_version
from tests.fake_anthropic import filled_in
from tests.helpers.generation import generate
from websites.models import AiTask

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def rollout(settings):
    settings.AI_BUILDER_ROLLOUT_PERCENT, settings.AI_BUILDER_ALLOWLIST = 100, []


@pytest.fixture
def page(crumb):
    generate(crumb, "An about page for our family bakery", "about", publish=False)
    return latest_version(crumb, "about")


@pytest.fixture
def call(client, crumb, api_key_for):
    key = api_key_for(crumb, may_publish=True)  # a client with the publish permission (the platform's CMS)

    def send(method: str, tail: str, body: object = None, *, key: str = key, **headers):
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {key}", **headers}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        return getattr(client, method)(f"/api/v1/websites/{crumb.pk}/pages/about{tail}", **kwargs)

    return send


def test_operations_apply_at_once_as_a_new_version(call, page):
    response = call("post", "/edits", {"operations": [{"op": "move", "section": "cta", "position": "top"}]})
    assert response.status_code == 200
    body = response.json()
    assert body["changed"] is True
    assert body["action"] == "edit"
    assert body["message"].startswith("Done: moved the cta section to the top")
    draft = latest_version(page.website, "about")
    assert body["version_id"] == draft.pk
    assert draft.design_payload["blocks"][0]["_name"] == "cta"
    assert draft.api_client_id is not None
    assert AiTask.objects.get(pk=body["task_id"]).status == "completed"


def test_an_offline_message_applies_at_once(call, page, settings):
    settings.LLM_PROVIDER = "offline"
    response = call("post", "/edits", {"message": "remove the cta"})
    assert response.status_code == 200
    assert response.json()["summary"] == "Removed the cta section"


def test_a_refused_edit_is_a_422_that_says_why_and_saves_nothing(call, page, settings):
    settings.LLM_PROVIDER = "offline"
    too_long = {"op": "set_text", "section": "hero", "path": "headline", "value": "x" * 400}
    response = call("post", "/edits", {"operations": [too_long]})
    assert response.status_code == 422
    assert "at most" in response.json()["detail"]
    not_understood = call("post", "/edits", {"message": "paint it blue with sparkles"})
    assert not_understood.status_code == 422
    assert latest_version(page.website, "about").pk == page.pk
    assert not AiTask.objects.filter(task_type="page_edit").exists()


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({}, "either a message"),
        ({"message": "remove the faq", "operations": [{"op": "remove", "section": "faq"}]}, "not both"),
        ({"operations": [{"op": "explode"}]}, "operation 1 has the unknown op 'explode'"),
        ({"operations": [{"op": "set_text", "section": "hero"}]}, "needs a section, a path and a value"),
    ],
)
def test_malformed_edits_are_refused(call, page, body, problem):
    response = call("post", "/edits", body)
    assert response.status_code == 422
    assert problem in response.json()["detail"]


def test_publish_unpublish_and_the_live_row(call, page, crumb):
    published = call("post", "/publish")
    assert published.status_code == 200
    assert published.json()["published"] is True
    assert PageCategory.objects.get(website=crumb, slug="about").design_payload == page.design_payload

    taken_down = call("post", "/unpublish")
    assert taken_down.json()["changed"] is True
    assert PageCategory.objects.get(website=crumb, slug="about").design_payload is None
    again = call("post", "/unpublish")
    assert again.json()["changed"] is False
    assert again.json()["message"] == "/about was not live."


def test_undo_versions_and_restore(call, page):
    call("post", "/edits", {"operations": [{"op": "remove", "section": "cta"}]})
    undone = call("post", "/undo")
    assert undone.status_code == 200
    assert undone.json()["version_id"] == page.pk
    assert call("post", "/undo").status_code == 409  # only the first version is left

    versions = call("get", "/versions").json()
    assert [v["source"] for v in versions] == ["edited", "generated"]
    assert versions[0]["undone"] is True
    restored = call("post", f"/versions/{versions[0]['id']}/restore")
    assert restored.status_code == 200
    assert latest_version(page.website, "about").source == "restored"
    assert call("post", "/versions/999999/restore").status_code == 404


def test_soft_delete_keeps_every_version_and_a_restore_brings_the_page_back(call, page, crumb):
    call("post", "/publish")
    deleted = call("delete", "")
    assert deleted.status_code == 200
    assert latest_version(crumb, "about") is None
    assert PageCategory.objects.get(website=crumb, slug="about").design_payload is None
    assert call("delete", "").status_code == 404
    assert call("post", f"/versions/{page.pk}/restore").status_code == 200
    assert latest_version(crumb, "about").design_payload == page.design_payload


def test_an_idempotency_key_replays_the_same_change_once(call, page):
    body = {"operations": [{"op": "remove", "section": "cta"}]}
    first = call("post", "/edits", body, HTTP_IDEMPOTENCY_KEY="edit-1")
    second = call("post", "/edits", body, HTTP_IDEMPOTENCY_KEY="edit-1")
    assert first.json()["task_id"] == second.json()["task_id"]
    assert second.json()["replayed"] is True
    assert PageVersion.objects.filter(website=page.website, slug="about").count() == 2
    other = call("post", "/edits", {"operations": [{"op": "remove", "section": "hero"}]}, HTTP_IDEMPOTENCY_KEY="edit-1")
    assert other.status_code == 409


def test_another_tenants_pages_are_out_of_reach(call, page, api_key_for, demo_sites):
    outsider = api_key_for(demo_sites["brightside"])
    assert call("post", "/publish", key=outsider).status_code == 403
    assert call("post", "/edits", {"message": "remove the cta"}, key=outsider).status_code == 403
    assert call("get", "/versions", key=outsider).status_code == 403
    assert not PageCategory.objects.filter(slug="about").exists()


def test_a_message_claude_plans_is_queued_and_its_task_completes(
    call, page, claude, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.LLM_PROVIDER = "anthropic"
    monkeypatch.setattr(Conf, "SYNC", True)
    cta = next(b["_id"] for b in page.design_payload["blocks"] if b["_name"] == "cta")
    claude.answers["edit_page"].append(
        filled_in({"reply": "Moved it.", "operations": [{"op": "move", "section": cta, "position": "top"}]})
    )
    with django_capture_on_commit_callbacks(execute=True):  # the queue message is sent once the task is committed
        response = call("post", "/edits", {"message": "put the call to action first"})
    assert response.status_code == 202
    task = AiTask.objects.get(pk=response.json()["task_id"])
    assert task.status == "completed"
    assert task.result["changed"] is True
    assert latest_version(page.website, "about").design_payload["blocks"][0]["_name"] == "cta"
