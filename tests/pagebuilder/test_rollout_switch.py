"""The AI builder's rollout switch in the database (issue 14, item 6): saved in the admin, it takes effect on the
next request without a restart, overriding the environment's defaults; a website without the builder gets 403
with the reason through the API and a notice in the builder."""

import json

import pytest
from django.contrib.auth import get_user_model

from pagebuilder.models import RolloutSwitch
from pagebuilder.rollout import builder_enabled, current_rollout, rollout_bucket
from websites.models import WebsiteMembership

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("inline_queue")]
REASON = "Claude billing is under review"


@pytest.fixture(autouse=True)
def environment_defaults(settings):
    settings.AI_BUILDER_ROLLOUT_PERCENT, settings.AI_BUILDER_ALLOWLIST = 100, []


def generate(client, website, key):
    body = {"page_intent": "about us page", "page_category_slug": "about"}
    return client.post(f"/api/v1/websites/{website.pk}/pages/generate", json.dumps(body),
                       content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")  # fmt: skip


def test_without_a_saved_switch_the_environment_decides():
    rollout = current_rollout()

    assert rollout.enabled is True
    assert rollout.percent == 100
    assert rollout.allowlist == ()


def test_switching_off_refuses_the_api_at_once_with_the_reason_and_switching_on_lets_it_in(client, crumb, api_key_for):
    key = api_key_for(crumb)
    RolloutSwitch.objects.create(pk=1, enabled=False, reason=REASON, percent=100)

    refused = generate(client, crumb, key)
    edit = client.post(f"/api/v1/websites/{crumb.pk}/pages/about/edits", json.dumps({"message": "remove the faq"}),
                       content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")  # fmt: skip

    assert refused.status_code == 403
    assert REASON in refused.json()["detail"]
    assert edit.status_code == 403
    RolloutSwitch.objects.filter(pk=1).update(enabled=True)
    assert generate(client, crumb, key).status_code == 202


def test_percentage_and_allowlist_come_from_the_switch(client, crumb, demo_sites, api_key_for):
    clinic = demo_sites["brightside"]
    RolloutSwitch.objects.create(pk=1, enabled=True, percent=0, allowlist=[crumb.pk])

    assert generate(client, crumb, api_key_for(crumb)).status_code == 202
    refused = generate(client, clinic, api_key_for(clinic))
    assert refused.status_code == 403
    assert "gradual rollout at 0%" in refused.json()["detail"]
    RolloutSwitch.objects.filter(pk=1).update(percent=100, allowlist=[])
    assert all(builder_enabled(i) for i in range(1, 200))
    assert rollout_bucket(clinic.pk) == rollout_bucket(clinic.pk)


def test_the_builder_shows_a_notice_while_the_switch_is_off(client, crumb):
    editor = get_user_model().objects.create_user("ed-rollout", password="pw-ed-12345")
    WebsiteMembership.objects.create(user=editor, website=crumb, role="editor")
    client.force_login(editor)
    RolloutSwitch.objects.create(pk=1, enabled=False, reason=REASON, percent=100)

    pages = client.get(f"/builder/websites/{crumb.pk}/").content.decode()
    page = client.get(f"/builder/websites/{crumb.pk}/pages/about/").content.decode()

    assert REASON in pages
    assert REASON in page
    assert 'id="builder-off"' in page
    RolloutSwitch.objects.filter(pk=1).update(enabled=True)
    assert 'id="builder-off"' not in client.get(f"/builder/websites/{crumb.pk}/").content.decode()


def test_the_admin_changes_the_one_switch_and_cannot_add_a_second_or_delete_it(client, superuser):
    client.force_login(superuser)
    form = {"enabled": "", "reason": REASON, "percent": "40", "allowlist": "[3, 17]"}

    added = client.post("/admin/pagebuilder/rolloutswitch/add/", form)

    assert added.status_code == 302
    switch = RolloutSwitch.objects.get()
    assert switch.pk == 1
    assert switch.enabled is False
    assert switch.allowlist == [3, 17]
    assert client.get("/admin/pagebuilder/rolloutswitch/add/").status_code == 403
    assert client.post("/admin/pagebuilder/rolloutswitch/1/delete/", {"post": "yes"}).status_code == 403
    bad = client.post("/admin/pagebuilder/rolloutswitch/1/change/", {**form, "allowlist": '["crumb"]'})
    assert bad.status_code == 200
    assert "Give a list of website ids" in bad.content.decode()
    assert RolloutSwitch.objects.get().allowlist == [3, 17]
