"""Chat-first pages in the builder's views (issue 13, item 5): the live address proposal, starting a page with
no address typed, changing a draft's address, and the quick-action chips under the newest answer."""

import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pagebuilder.editing.grammar import HELP_EXAMPLES
from pagebuilder.models import Conversation, Message, PageCategory, PageVersion
from pagebuilder.suggestions import page_suggestions
from tests.helpers.generation import generate
from websites.models import AiTask, Website, WebsiteMembership
from websites.site_facts import add_fact

pytestmark = pytest.mark.django_db
TEACHERS = "a page introducing our teachers"


@pytest.fixture(autouse=True)
def bakers(crumb):
    """The bakery's people, so a page introducing them has its data (without it the builder asks for them first)."""
    for name, role in [("Rosa Martin", "Owner and head baker"), ("Tomás Ortega", "Pastry chef")]:
        add_fact(crumb, "team_member", {"name": name, "role": role})


@pytest.fixture
def editor_client(crumb) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username="editor"))  # seeded: member of both demo websites
    return client


def site_url(site, tail=""):
    return f"/builder/websites/{site.pk}/{tail}"


def page_url(site, slug, tail=""):
    return f"/builder/websites/{site.pk}/pages/{slug}/{tail}"


def field_value(html: str, field_id: str) -> str:
    match = re.search(rf'<input id="{field_id}"[^>]*value="([^"]*)"', html)
    assert match, f"no #{field_id} in the answer"
    return unescape(match.group(1))


def chip_messages(html: str, kind: str) -> list[str]:
    """The messages the chips of one list (``actions`` or ``examples``) post."""
    lists = re.findall(rf'<ul class="chips chips-{kind}".*?</ul>', html, re.S)
    return [unescape(m) for chips in lists for m in re.findall(r'name="message" value="([^"]*)"', chips)]


def started_page(client, site, slug="teachers") -> None:
    """A draft made through the chat, as an editor would: a message, then the generation it starts."""
    client.post(page_url(site, slug, "messages/"), {"message": TEACHERS})
    message = Message.objects.get(conversation__website=site, conversation__slug=slug, kind="generation")
    from pagebuilder.tasks import run_generation

    run_generation(str(message.task_id))


# -- the proposal -----------------------------------------------------------------------------------------------


def test_the_address_is_proposed_from_the_description(editor_client, crumb):
    response = editor_client.get(site_url(crumb, "address/"), {"message": TEACHERS}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert field_value(response.content.decode(), "new-slug") == "teachers"


def test_the_proposal_is_marked_as_a_proposal(editor_client, crumb):
    body = editor_client.get(site_url(crumb, "address/"), {"message": TEACHERS}).content.decode()

    assert '<input type="hidden" name="slug_source" value="proposed">' in body


def test_the_proposal_skips_addresses_in_use(editor_client, crumb):
    generate(crumb, "our teachers", "teachers")

    body = editor_client.get(site_url(crumb, "address/"), {"message": TEACHERS}).content.decode()

    assert field_value(body, "new-slug") == "teachers-2"


def test_a_blank_description_proposes_nothing(editor_client, crumb):
    body = editor_client.get(site_url(crumb, "address/"), {"message": " "}).content.decode()

    assert field_value(body, "new-slug") == ""
    assert "slug_source" not in body


def test_proposals_are_for_members_only(client, crumb):
    outsider = get_user_model().objects.create_user("outsider", password="pw-outsider-1")
    client.force_login(outsider)

    assert client.get(site_url(crumb, "address/"), {"message": TEACHERS}).status_code == 403


def test_the_new_page_form_asks_for_the_description_first_and_proposes_live(editor_client, crumb):
    body = editor_client.get(site_url(crumb)).content.decode()

    assert body.index('id="new-message"') < body.index('id="new-slug"')
    assert re.search(r'<textarea id="new-message"[^>]*hx-trigger="input changed delay:300ms"', body)
    assert not re.search(r'<input id="new-slug"[^>]*required', body)


# -- starting a page --------------------------------------------------------------------------------------------


def test_a_new_page_without_an_address_gets_the_proposed_one(editor_client, crumb):
    response = editor_client.post(site_url(crumb), {"message": TEACHERS, "slug": ""})

    assert response.status_code == 302
    assert response["Location"] == page_url(crumb, "teachers")
    task = AiTask.objects.get(website_id=crumb.pk)
    assert task.input["page_category_slug"] == "teachers"


def test_a_stale_proposal_is_proposed_again_from_the_final_description(editor_client, crumb):
    posted = {"message": TEACHERS, "slug": "introducing", "slug_source": "proposed"}

    response = editor_client.post(site_url(crumb), posted)

    assert response["Location"] == page_url(crumb, "teachers")


def test_a_typed_address_is_kept(editor_client, crumb):
    response = editor_client.post(site_url(crumb), {"message": TEACHERS, "slug": "our-staff"})

    assert response["Location"] == page_url(crumb, "our-staff")


def test_an_invalid_address_shows_the_form_again_with_what_to_fix(editor_client, crumb):
    response = editor_client.post(site_url(crumb), {"message": TEACHERS, "slug": "Our Staff", "facts": "Team: A | B"})
    body = response.content.decode()

    assert response.status_code == 200
    assert "&#x27;our-staff&#x27;" in body
    assert f">{TEACHERS}</textarea>" in body
    assert ">Team: A | B</textarea>" in body
    assert not Conversation.objects.filter(website=crumb).exists()


def test_an_address_in_use_is_refused(editor_client, crumb):
    generate(crumb, "an about page", "about")

    body = editor_client.post(site_url(crumb), {"message": "an about page", "slug": "about"}).content.decode()

    assert "already used by another page" in body
    assert AiTask.objects.filter(website_id=crumb.pk).count() == 1


def test_a_new_page_needs_a_description(editor_client, crumb):
    body = editor_client.post(site_url(crumb), {"message": "", "slug": ""}).content.decode()

    assert "Describe the page first" in body


# -- changing the address ---------------------------------------------------------------------------------------


def test_a_drafts_address_can_be_changed(editor_client, crumb):
    started_page(editor_client, crumb)

    response = editor_client.post(page_url(crumb, "teachers", "address/"), {"address": "our-teachers"})

    assert response.status_code == 302
    assert response["Location"] == page_url(crumb, "our-teachers")
    assert PageVersion.objects.filter(website=crumb, slug="our-teachers").count() == 1
    assert Conversation.objects.get(website=crumb, slug="our-teachers").messages.count() == 2
    page = editor_client.get(response["Location"]).content.decode()
    assert "The page&#x27;s address is now /our-teachers" in page


def test_the_page_offers_the_change_of_address_form_for_a_draft(editor_client, crumb):
    started_page(editor_client, crumb)

    body = editor_client.get(page_url(crumb, "teachers")).content.decode()

    assert f'action="{page_url(crumb, "teachers", "address/")}"' in body
    assert field_value(body, "new-address") == "teachers"


def test_a_published_page_says_why_its_address_stays(editor_client, crumb):
    generate(crumb, "contact us page", "contact", publish=True)

    body = editor_client.get(page_url(crumb, "contact")).content.decode()
    response = editor_client.post(page_url(crumb, "contact", "address/"), {"address": "reach-us"}, follow=True)

    assert "belongs to the platform" in body
    assert 'id="new-address"' not in body
    assert "The address was not changed" in response.content.decode()
    assert PageCategory.objects.filter(website=crumb, slug="contact").exists()
    assert not PageVersion.objects.filter(website=crumb, slug="reach-us").exists()


def test_changing_to_an_address_in_use_is_refused(editor_client, crumb):
    started_page(editor_client, crumb)
    generate(crumb, "an about page", "about")

    response = editor_client.post(page_url(crumb, "teachers", "address/"), {"address": "about"}, follow=True)

    assert "/about is already used" in response.content.decode()
    assert PageVersion.objects.filter(website=crumb, slug="teachers").count() == 1


def test_an_invalid_new_address_is_refused_with_what_to_fix(editor_client, crumb):
    started_page(editor_client, crumb)
    posted = {"address": "Nuestros Profesores"}

    response = editor_client.post(page_url(crumb, "teachers", "address/"), posted, follow=True)

    assert "nuestros-profesores" in response.content.decode()
    assert Conversation.objects.filter(website=crumb, slug="teachers").exists()


def test_another_tenants_page_cannot_be_renamed(editor_client, crumb):
    elsewhere = Website.objects.create(name="Elsewhere", domain="elsewhere.test", subdomain="elsewhere")
    generate(elsewhere, "our teachers", "teachers", context="Teachers: Ana Ruiz (founder)")

    forbidden = editor_client.post(page_url(elsewhere, "teachers", "address/"), {"address": "ours-now"})
    missing = editor_client.post(page_url(crumb, "teachers", "address/"), {"address": "ours-now"})

    assert forbidden.status_code == 403
    assert missing.status_code == 404
    assert PageVersion.objects.get(website=elsewhere).slug == "teachers"


def test_viewers_cannot_rename(client, crumb):
    generate(crumb, "our teachers", "teachers")
    viewer = get_user_model().objects.create_user("viewer", password="pw-viewer-1")
    WebsiteMembership.objects.create(user=viewer, website=crumb, role="viewer")
    client.force_login(viewer)

    assert client.post(page_url(crumb, "teachers", "address/"), {"address": "ours-now"}).status_code == 403


# -- quick actions ----------------------------------------------------------------------------------------------


def test_a_finished_page_shows_its_quick_actions(editor_client, crumb):
    started_page(editor_client, crumb)

    body = editor_client.get(page_url(crumb, "teachers")).content.decode()
    expected = page_suggestions(crumb, "teachers")

    assert expected
    assert chip_messages(body, "actions") == expected


def test_quick_actions_post_to_the_chat(editor_client, crumb):
    started_page(editor_client, crumb)
    body = editor_client.get(page_url(crumb, "teachers")).content.decode()

    forms = re.findall(r'<form method="post" action="([^"]+)" hx-post="([^"]+)"[^>]*class="chip-form"', body)

    assert forms
    assert all(action == hx == page_url(crumb, "teachers", "messages/") for action, hx in forms)


def test_clicking_a_chip_without_javascript_changes_the_page(editor_client, crumb):
    started_page(editor_client, crumb)
    chip = page_suggestions(crumb, "teachers")[0]

    response = editor_client.post(page_url(crumb, "teachers", "messages/"), {"message": chip})

    assert response.status_code == 302
    answer = Message.objects.filter(conversation__slug="teachers", role="assistant").latest("id")
    assert answer.kind == "edit"


def test_with_htmx_the_answer_brings_the_next_quick_actions(editor_client, crumb):
    started_page(editor_client, crumb)
    chip = page_suggestions(crumb, "teachers")[0]

    body = editor_client.post(
        page_url(crumb, "teachers", "messages/"), {"message": chip}, HTTP_HX_REQUEST="true"
    ).content.decode()
    expected = page_suggestions(crumb, "teachers")

    assert expected
    assert chip_messages(body, "actions") == expected


def test_only_the_newest_answer_carries_quick_actions(editor_client, crumb):
    started_page(editor_client, crumb)
    editor_client.post(page_url(crumb, "teachers", "messages/"), {"message": page_suggestions(crumb, "teachers")[0]})

    body = editor_client.get(page_url(crumb, "teachers")).content.decode()
    answers = Message.objects.filter(conversation__slug="teachers", role="assistant").count()

    assert answers == 2
    assert body.count('<ul class="chips chips-actions"') == 1


def test_a_message_not_understood_shows_the_examples_as_chips(editor_client, crumb):
    started_page(editor_client, crumb)

    body = editor_client.post(
        page_url(crumb, "teachers", "messages/"), {"message": "sprinkle some magic"}, HTTP_HX_REQUEST="true"
    ).content.decode()

    assert chip_messages(body, "examples") == HELP_EXAMPLES[:6]


def test_viewers_get_no_chips(client, crumb):
    generate(crumb, "our teachers", "teachers")
    conversation = Conversation.objects.create(website=crumb, slug="teachers")
    Message.objects.create(conversation=conversation, role="assistant", kind="help", text="I didn't understand.")
    viewer = get_user_model().objects.create_user("viewer", password="pw-viewer-1")
    WebsiteMembership.objects.create(user=viewer, website=crumb, role="viewer")
    client.force_login(viewer)

    body = client.get(page_url(crumb, "teachers")).content.decode()

    assert "chip-form" not in body
