"""Every generation, edit, style guide and fact reading leaves one ``monitoring.Operation`` with its outcome,
the provider that wrote the result, durations, tokens and cost; a Claude outage that the offline planner
covered counts as a fallback. The real workflow runs, Claude answered by the shared strict fake transport."""

import json
from decimal import Decimal

import pytest

from monitoring.models import Operation
from pagebuilder import pages
from pagebuilder.chat_facts import note_found_facts
from pagebuilder.models import Conversation, Message
from pagebuilder.providers import get_provider
from pagebuilder.refine import refine_page
from tests.fake_anthropic import api_error, filled_in
from tests.helpers.claude_answers import facts_answer, offline_answer
from tests.helpers.generation import FACTS, generate
from tests.styleguides.test_claude_theme import THEME
from websites.claude_models import cost_usd

pytestmark = pytest.mark.django_db
INTENT = "make an about page for our family bakery"
INSIGHTS = {"insights": ["Open with the family's story.", "Show the bakers at work."]}


def only_operation(**filters) -> Operation:
    found = list(Operation.objects.filter(**filters))
    assert len(found) == 1, found
    return found[0]


def test_an_offline_generation_records_outcome_timing_and_the_blocks_it_used(crumb):
    task = generate(crumb, INTENT, "about", context=FACTS)
    assert task.status == "completed", task.error
    op = only_operation(kind="generation")
    assert (op.website_id, op.task_id, op.outcome, op.provider, op.fallback) == (
        crumb.pk, task.pk, "completed", "offline", False
    )  # fmt: skip
    assert op.components == [s["component_id"] for s in task.result["sections"]]
    assert op.first_progress_ms is not None and op.first_progress_ms >= 0
    assert op.duration_ms > 0
    assert op.cost_usd == 0 and op.input_tokens == 0


def test_a_claude_generation_records_its_tokens_and_cost(crumb, claude):
    claude.answers["record_facts"].append(facts_answer(FACTS))
    claude.answers["record_insights"].append(INSIGHTS)
    claude.answers["build_page"].append(filled_in(offline_answer(crumb, INTENT, "about")))
    task = generate(crumb, INTENT, "about", context=FACTS, provider=get_provider("anthropic"))
    assert task.status == "completed", task.error
    op = only_operation(task_id=task.pk)
    calls = task.result["usage"]["calls"]
    assert op.provider == "anthropic" and op.model
    assert op.input_tokens == sum(c["input_tokens"] for c in calls) > 0
    assert op.output_tokens == sum(c["output_tokens"] for c in calls) > 0
    assert op.cost_usd == Decimal(str(round(sum(c["cost_usd"] for c in calls), 6))) > 0


def test_a_claude_outage_written_offline_counts_as_a_fallback(crumb, claude):
    claude.answers["record_facts"].append(facts_answer(FACTS))
    claude.answers["record_insights"].append(INSIGHTS)
    claude.answers["build_page"] += [api_error(529, "overloaded_error") for _ in range(4)]
    task = generate(crumb, INTENT, "about", context=FACTS, provider=get_provider("anthropic"))
    assert task.status == "completed", task.error
    op = only_operation(task_id=task.pk)
    assert (op.outcome, op.provider, op.fallback) == ("completed", "offline", True)


def test_a_failed_generation_is_recorded_with_its_error(crumb, claude, settings):
    settings.CLAUDE_OFFLINE_FALLBACK = False
    claude.answers["record_facts"].append(facts_answer(FACTS))
    claude.answers["record_insights"].append(INSIGHTS)
    claude.answers["build_page"] += [api_error(529, "overloaded_error") for _ in range(4)]
    task = generate(crumb, INTENT, "about", context=FACTS, provider=get_provider("anthropic"))
    assert task.status == "failed"
    op = only_operation(kind="generation")
    assert op.outcome == "failed" and op.provider == "anthropic"
    assert "overloaded" in op.error


def test_a_generation_waiting_for_answers_is_recorded_as_needs_input(studio):
    task = generate(studio, "a page with our prices", "prices")
    assert task.public_status == "needs_input"
    assert only_operation(kind="generation").outcome == "needs_input"


def test_an_edit_records_its_outcome_and_cost(crumb, claude, settings):
    assert generate(crumb, INTENT, "about", context=FACTS).status == "completed"
    hero = next(b for b in pages.latest_version(crumb, "about").design_payload["blocks"] if b["_name"] == "hero")
    settings.LLM_PROVIDER = "anthropic"
    claude.answers["edit_page"].append(
        {"operations": [{"op": "set_text", "section": hero["_id"], "path": "title", "value": "Fresh bread"}],
         "reply": "Done."}
    )  # fmt: skip
    outcome = refine_page(crumb, "about", "New headline 'Fresh bread'")
    assert outcome.changed, outcome.reply
    op = only_operation(kind="edit")
    assert (op.website_id, op.outcome, op.provider) == (crumb.pk, "completed", "anthropic")
    assert op.cost_usd == Decimal(str(round(outcome.usage[0]["cost_usd"], 6))) > 0

    refine_page(crumb, "about", "make it sparkle", provider_name="offline")  # the offline grammar cannot
    assert Operation.objects.filter(kind="edit", outcome="failed", provider="offline").count() == 1


def test_a_claude_style_guide_records_its_cost(client, bakery, api_key_for, fake_claude):
    claude = fake_claude()
    claude.answers["generate_theme"].append({"theme_config": THEME})
    response = client.post(
        f"/api/v1/websites/{bakery.pk}/style-guide/generate", json.dumps({"mood": "calm"}),
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {api_key_for(bakery)}",
    )  # fmt: skip
    assert response.status_code == 200, response.content
    op = only_operation(kind="style_guide")
    assert (op.website_id, op.outcome, op.provider) == (bakery.pk, "completed", "anthropic")
    request = claude.requests[0]
    assert op.cost_usd == Decimal(str(round(cost_usd(request["model"], claude.usage), 6))) > 0


def test_a_fact_reading_in_the_chat_records_its_cost_but_not_inside_a_generation(studio, fake_claude):
    claude = fake_claude()
    claude.answers["record_facts"].append(filled_in({"team_member": []}))
    conversation = Conversation.objects.create(website=studio, slug="team")
    text = "Our founder Ana Ruiz teaches restorative yoga by the river every morning."
    note_found_facts(Message.objects.create(conversation=conversation, role="user", text=text), text)
    op = only_operation(kind="facts")
    assert (op.website_id, op.provider) == (studio.pk, "anthropic")
    assert op.cost_usd > 0
