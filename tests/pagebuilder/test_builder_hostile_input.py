"""The builder's forms refuse text PostgreSQL cannot store with a message, not a 500 (issue 10, finding 3)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pagebuilder.models import Message
from websites.models import AiTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(crumb) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username="editor"))  # seeded: member of both demo websites
    return client


@pytest.mark.parametrize(
    ("fields", "what"),
    [({"message": "Make an about\x00 page"}, "message"), ({"message": "About page", "facts": "Hours: 9\x00"}, "facts")],
)
def test_a_nul_in_a_new_page_request_is_refused_with_a_message(editor_client, crumb, fields, what):
    response = editor_client.post(f"/builder/websites/{crumb.pk}/", {"slug": "about", **fields}, follow=True)

    assert response.status_code == 200
    assert f"The {what}" in response.content.decode()
    assert "NUL character" in response.content.decode()
    assert not Message.objects.exists()
    assert not AiTask.objects.exists()


def test_a_nul_in_a_chat_message_is_refused_in_the_chat_status(editor_client, crumb):
    response = editor_client.post(
        f"/builder/websites/{crumb.pk}/pages/about/messages/", {"message": "remove the faq\x00"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 422
    assert response["HX-Retarget"] == "#chat-status"
    assert "NUL character" in response.content.decode()
    assert not Message.objects.exists()
