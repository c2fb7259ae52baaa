"""A section that cannot be built is named with its reason, in the result and in the chat; a page with no
section at all fails with a message that says why, never an empty "()" (issue 11, item 4)."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from pagebuilder.models import Message
from pagebuilder.tasks import run_generation
from tests.helpers.generation import generate

pytestmark = pytest.mark.django_db


def test_a_page_whose_blocks_cannot_be_filled_fails_saying_why(crumb):
    with connection.cursor() as cursor:  # as an export synced before its examples could be read
        cursor.execute("UPDATE ai_semantic_components SET props_schema = props_schema - 'x-example-props'")

    task = generate(crumb, "frequently asked questions", "faq")

    assert task.status == "failed"
    assert "No section of this page could be built from the site's data" in task.error
    assert "no example props in its contract" in task.error
    assert "()" not in task.error


def test_a_section_left_out_is_named_with_the_reason_in_the_result(crumb):
    """Two reviews where every testimonials block needs more: built without it, and the result says why."""
    reviews = '"Best bread in town." — Jane Doe\n"Lovely staff." — Sam Lee'
    task = generate(crumb, "what our customers say", "testimonials", context=reviews)

    assert task.status == "completed", task.error
    assert "testimonials" not in [section["semantic_type"] for section in task.result["sections"]]
    left_out = " ".join(task.result["notes"] + task.result["content_suggestions"])
    assert "No testimonials block could be filled from the site's data" in left_out
    assert "Tried:" in left_out


def test_a_required_section_without_its_data_is_asked_for_not_left_out(crumb):
    task = generate(crumb, "meet the team", "team")  # no team facts: the page would be hollow

    assert task.public_status == "needs_input"
    assert [question["kind"] for question in task.result["questions"]] == ["team_member"]


def test_the_chat_card_says_what_is_missing_and_what_would_let_it_in(crumb):
    client = Client()
    client.force_login(get_user_model().objects.get(username="editor"))  # seeded: member of both demo websites
    client.post(f"/builder/websites/{crumb.pk}/", {"slug": "team", "message": "Introduce our team"})
    message = Message.objects.filter(conversation__website=crumb, kind="generation").latest("id")
    run_generation(str(message.task_id))  # what the worker does

    card = client.get(
        f"/builder/websites/{crumb.pk}/pages/team/messages/{message.pk}/progress/", HTTP_HX_REQUEST="true"
    ).content.decode()

    assert "Who is on your team, and what does each person do?" in card
    assert f"/builder/websites/{crumb.pk}/facts/?kind=team_member" in card
