"""The publish permission of API keys: publishing directly (POST …/publish, or a generation that publishes) needs
``may_publish``; without it a client gets 403 naming the permission, may submit the draft for review
(POST …/submit) and its generations stay drafts by default."""

import json

import pytest
from django_q.conf import Conf

from pagebuilder.models import PageCategory, PageReview
from pagebuilder.pages import latest_version
from pagebuilder.review import send_back
from tests.helpers.generation import generate
from websites.models import AiTask, WebsitePolicy

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def inline_queue(monkeypatch, settings):
    monkeypatch.setattr(Conf, "SYNC", True)
    settings.AI_BUILDER_ROLLOUT_PERCENT, settings.AI_BUILDER_ALLOWLIST = 100, []
    settings.LLM_PROVIDER = "offline"


@pytest.fixture
def post(client, crumb, django_capture_on_commit_callbacks):
    def send(tail: str, key: str, body: dict | None = None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/api/v1/websites/{crumb.pk}{tail}", json.dumps(body or {}),
                               content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")  # fmt: skip

    return send


@pytest.fixture
def about(crumb):
    generate(crumb, "An about page for our family bakery", "about")
    return latest_version(crumb, "about")


def test_publishing_without_the_permission_is_403_naming_it(post, crumb, about, api_key_for):
    response = post("/pages/about/publish", api_key_for(crumb, name="cms"))

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert "lacks the publish permission (may_publish)" in response.json()["detail"]
    assert "POST …/pages/{slug}/submit" in response.json()["detail"]
    assert not PageCategory.objects.filter(website=crumb, slug="about").exists()
    assert not AiTask.objects.filter(task_type="page_publish").exists()


def test_publishing_with_the_permission_is_200_also_where_review_is_required(post, crumb, about, api_key_for):
    WebsitePolicy.objects.create(website=crumb, requires_review=True)

    response = post("/pages/about/publish", api_key_for(crumb, may_publish=True))

    assert response.status_code == 200, response.content
    assert response.json()["published"] is True
    assert PageCategory.objects.get(website=crumb, slug="about").design_payload == about.design_payload


def test_a_client_without_the_permission_submits_for_review_and_reads_the_outcome(
    post, client, crumb, about, api_key_for, superuser
):
    key = api_key_for(crumb, name="cms")

    submitted = post("/pages/about/submit", key)

    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["action"] == "submit"
    assert submitted.json()["version_id"] == about.pk
    review = PageReview.objects.get()
    assert (review.status, review.version_id, review.api_client.name) == ("pending", about.pk, "cms")
    again = post("/pages/about/submit", key)
    assert again.status_code == 409
    assert "already awaiting review" in again.json()["detail"]
    assert post("/pages/nothing-here/submit", key).status_code == 404

    send_back(review, superuser, "Name the town in the title.")
    versions = client.get(f"/api/v1/websites/{crumb.pk}/pages/about/versions", HTTP_AUTHORIZATION=f"Bearer {key}")
    newest = versions.json()[0]
    assert (newest["id"], newest["review_status"], newest["review_comment"]) == (
        about.pk,
        "rejected",
        "Name the town in the title.",
    )


def test_generations_publish_only_for_clients_that_may(post, crumb, api_key_for):
    plain, publisher = api_key_for(crumb), api_key_for(crumb, may_publish=True)
    body = {"page_intent": "contact us page", "page_category_slug": "contact"}

    refused = post("/pages/generate", plain, {**body, "publish": True})
    assert refused.status_code == 403
    assert "publish permission" in refused.json()["detail"]
    assert not AiTask.objects.exists()

    drafted = post("/pages/generate", plain, body)
    assert drafted.status_code == 202
    assert AiTask.objects.get(pk=drafted.json()["task_id"]).result["published"] is False
    assert not PageCategory.objects.filter(website=crumb, slug="contact").exists()

    published = post("/pages/generate", publisher, body)
    assert AiTask.objects.get(pk=published.json()["task_id"]).result["published"] is True
    assert PageCategory.objects.get(website=crumb, slug="contact").design_payload
