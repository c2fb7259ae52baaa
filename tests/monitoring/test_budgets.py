"""Monthly AI budgets per website (issue 14, item 4): the spend of a calendar month in UTC from recorded operations,
the policy's budget over the setting's, the estimate of the next operation, and Claude work that would pass the
budget refused with 402 and a message giving the spend, the budget and the reset date, before any task exists and
before the fake Anthropic transport hears anything: generations and edits through the API and the chat, answers
that continue a generation, Claude style guides. Offline work is never refused; fact reading falls back offline."""

import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from monitoring.budgets import (
    DEFAULT_ESTIMATES_USD,
    budget_status,
    ensure_within_budget,
    estimated_cost,
    long_date,
    month_bounds,
)
from monitoring.models import Operation
from pagebuilder.fact_reading import read_facts
from pagebuilder.models import Conversation, GenerationRequest, Message, PageVersion
from styleguides.models import WebsiteStyleGuide
from websites import jobs
from websites.errors import PaymentRequired
from websites.models import AiTask, Website, WebsiteMembership, WebsitePolicy

pytestmark = pytest.mark.django_db
MID_DECEMBER = datetime(2026, 12, 15, 12, 0, tzinfo=UTC)
GENERATE = {"page_intent": "An about page for our family bakery", "page_category_slug": "about"}


def spend(website: Website, cost: str, at: datetime | None = None, **fields) -> Operation:
    """One recorded operation of ``website`` that cost ``cost`` dollars (at ``at``; default now)."""
    defaults = {"kind": "generation", "outcome": "completed", "provider": "anthropic"}
    at = at or datetime.now(UTC)
    return Operation.objects.create(website_id=website.pk, cost_usd=Decimal(cost), created_at=at, **(defaults | fields))


def limit(website: Website, budget: str | None) -> None:
    WebsitePolicy.objects.update_or_create(website=website, defaults={"monthly_ai_budget_usd": budget})


def refusal_for(website: Website, spent: str, budget: str, what: str = "this generation") -> str:
    """The message a refusal this month must carry (the reset date is the first of next month, UTC)."""
    resets = long_date(month_bounds()[1].date())
    return (
        f"{website.name} has spent ${spent} of its ${budget} monthly AI budget; {what} would pass it. "
        f"The budget resets on {resets} (UTC). Ask an administrator to raise it, or use the offline builder."
    )


def post(client, path: str, body: dict, key: str, **headers):
    return client.post(f"/api/v1{path}", json.dumps(body), content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {key}", **headers)  # fmt: skip


@pytest.fixture(autouse=True)
def builder_on(settings):
    settings.AI_BUILDER_ROLLOUT_PERCENT, settings.AI_BUILDER_ALLOWLIST = 100, []
    settings.AI_MONTHLY_BUDGET_USD = Decimal("25.00")


@pytest.fixture
def exhausted(bakery) -> Website:
    """The bakery with all of its $1.00 budget spent this month: any Claude work would pass it."""
    limit(bakery, "1.00")
    spend(bakery, "1.00")
    return bakery


# --- the spend, the budget, the estimate ----------------------------------------------------------------------------


def test_the_spend_is_this_utc_months_operations_of_this_website_only(bakery, clinic):
    spend(bakery, "1.250000", datetime(2026, 12, 1, 0, 0, tzinfo=UTC))  # the first instant of the month
    spend(bakery, "2.000100", datetime(2026, 12, 31, 23, 59, 59, tzinfo=UTC))
    spend(bakery, "0.004", MID_DECEMBER, kind="facts", provider="anthropic", outcome="failed")  # failures cost too
    spend(bakery, "0", MID_DECEMBER, provider="offline")
    spend(bakery, "7", datetime(2026, 11, 30, 23, 59, 59, 999999, tzinfo=UTC))  # last month
    spend(bakery, "9", datetime(2026, 12, 1, 0, 30, tzinfo=timezone(timedelta(hours=1))))  # 30 Nov, 23:30 UTC
    spend(bakery, "11", datetime(2027, 1, 1, 0, 0, tzinfo=UTC))  # next month
    spend(clinic, "5", MID_DECEMBER)

    status = budget_status(bakery.pk, now=MID_DECEMBER)

    assert status.spent_usd == Decimal("3.254100")
    assert status.budget_usd == Decimal("25.00")
    assert status.month_start == datetime(2026, 12, 1, tzinfo=UTC)
    assert status.resets_on.isoformat() == "2027-01-01"
    assert budget_status(bakery.pk, now=datetime(2026, 11, 15, tzinfo=UTC)).spent_usd == Decimal(16)
    assert budget_status(clinic.pk, now=MID_DECEMBER).spent_usd == Decimal(5)


def test_the_policy_budget_overrides_the_setting_and_an_empty_one_falls_back(bakery, settings):
    settings.AI_MONTHLY_BUDGET_USD = Decimal("40.00")
    assert budget_status(bakery.pk).budget_usd == Decimal("40.00")  # no policy
    limit(bakery, "2.50")
    assert budget_status(bakery.pk).budget_usd == Decimal("2.50")
    limit(bakery, None)
    assert budget_status(bakery.pk).budget_usd == Decimal("40.00")


def test_the_estimate_is_the_mean_of_the_last_50_completed_claude_operations_of_the_kind(bakery, clinic):
    assert estimated_cost("generation") == DEFAULT_ESTIMATES_USD["generation"] == Decimal("0.05")
    start = datetime(2026, 12, 1, tzinfo=UTC)
    for minute in range(10):  # the oldest: beyond the last 50
        spend(clinic, "9", start + timedelta(minutes=minute))
    for minute in range(10, 60):
        spend(bakery if minute % 2 else clinic, "0.02" if minute % 2 else "0.04", start + timedelta(minutes=minute))
    spend(bakery, "5", start + timedelta(hours=2), outcome="failed")
    spend(bakery, "5", start + timedelta(hours=2), provider="offline", fallback=True)
    spend(bakery, "5", start + timedelta(hours=2), kind="edit")

    assert estimated_cost("generation") == Decimal("0.03")
    assert estimated_cost("edit") == Decimal(5)
    assert estimated_cost("style_guide") == Decimal("0.01")
    assert estimated_cost("facts") == Decimal("0.005")


def test_the_refusal_message_gives_the_spend_the_budget_and_the_reset_date():
    studio = Website.objects.create(name="Harbor Clay Studio", domain="harbor.test", subdomain="harbor")
    limit(studio, "25.00")
    spend(studio, "24.975", MID_DECEMBER)  # shown to the cent
    spend(studio, "3", datetime(2026, 11, 30, 12, 0, tzinfo=UTC))  # last month does not count

    with pytest.raises(PaymentRequired) as refused:
        ensure_within_budget(studio, "generation", provider="anthropic", now=MID_DECEMBER)

    assert refused.value.status == 402
    assert refused.value.code == "budget_exceeded"
    assert refused.value.message == (
        "Harbor Clay Studio has spent $24.98 of its $25.00 monthly AI budget; this generation would pass it. The "
        "budget resets on 1 January 2027 (UTC). Ask an administrator to raise it, or use the offline builder."
    )
    assert refused.value.details == {"spent_usd": "24.98", "budget_usd": "25.00", "resets_on": "2027-01-01"}
    ensure_within_budget(studio, "edit", provider="anthropic", now=MID_DECEMBER)  # $0.01 more still fits
    ensure_within_budget(studio, "generation", provider="anthropic", now=datetime(2027, 1, 1, tzinfo=UTC))  # reset
    ensure_within_budget(studio, "generation", provider="offline", now=MID_DECEMBER)  # offline: never refused


def test_a_budget_of_zero_blocks_all_claude_work_even_when_it_has_cost_nothing(bakery):
    limit(bakery, "0")
    spend(bakery, "0", MID_DECEMBER, kind="edit")  # the estimate of an edit is now $0

    with pytest.raises(PaymentRequired, match=r"has spent \$0\.00 of its \$0\.00 monthly AI budget; this edit"):
        ensure_within_budget(bakery, "edit", provider="anthropic", now=MID_DECEMBER)
    ensure_within_budget(bakery, "edit", provider="offline", now=MID_DECEMBER)


# --- the API --------------------------------------------------------------------------------------------------------


def test_a_claude_generation_past_the_budget_is_a_402_without_a_task_or_a_model_call(
    client, exhausted, api_key_for, fake_claude
):
    claude = fake_claude()

    response = post(client, f"/websites/{exhausted.pk}/pages/generate", GENERATE, api_key_for(exhausted))

    assert response.status_code == 402
    body = response.json()
    assert body["code"] == "budget_exceeded"
    assert body["detail"] == refusal_for(exhausted, "1.00", "1.00")
    assert body["details"]["budget_usd"] == "1.00"
    assert not AiTask.objects.exists()
    assert not GenerationRequest.objects.exists()
    assert claude.requests == []


def test_offline_generation_with_an_exhausted_budget_still_starts(client, exhausted, api_key_for, fake_claude):
    claude = fake_claude(LLM_PROVIDER="offline")  # Claude configured, offline chosen (the API has no provider field)

    response = post(client, f"/websites/{exhausted.pk}/pages/generate", GENERATE, api_key_for(exhausted))

    assert response.status_code == 202, response.content
    assert AiTask.objects.get(pk=response.json()["task_id"]).input["provider"] == "offline"
    assert claude.requests == []


def test_a_repeated_request_gets_its_task_but_a_new_one_is_refused_once_the_budget_is_spent(
    client, bakery, api_key_for, fake_claude
):
    fake_claude()
    key = api_key_for(bakery)
    first = post(client, f"/websites/{bakery.pk}/pages/generate", GENERATE, key, HTTP_IDEMPOTENCY_KEY="once")
    spend(bakery, "25.00")

    again = post(client, f"/websites/{bakery.pk}/pages/generate", GENERATE, key, HTTP_IDEMPOTENCY_KEY="once")
    new = post(client, f"/websites/{bakery.pk}/pages/generate", GENERATE, key, HTTP_IDEMPOTENCY_KEY="twice")

    assert first.status_code == again.status_code == 202
    assert again.json()["task_id"] == first.json()["task_id"]
    assert new.status_code == 402
    assert AiTask.objects.count() == 1


def test_an_edit_claude_would_plan_is_refused_but_operations_still_apply(client, exhausted, api_key_for, fake_claude):
    claude = fake_claude()
    PageVersion.objects.create(website=exhausted, slug="about", design_payload={"blocks": []}, source="generated")
    key = api_key_for(exhausted)

    refused = post(client, f"/websites/{exhausted.pk}/pages/about/edits", {"message": "make the hero warmer"}, key)
    operations = post(client, f"/websites/{exhausted.pk}/pages/about/edits",
                      {"operations": [{"op": "remove", "section": "faq"}]}, key)  # fmt: skip

    assert refused.status_code == 402
    assert refused.json()["detail"] == refusal_for(exhausted, "1.00", "1.00", "this edit")
    assert operations.status_code != 402  # offline operations are never refused (this one finds no faq: 422)
    assert not AiTask.objects.filter(task_type="page_edit").exists()
    assert claude.requests == []


def test_a_claude_style_guide_past_the_budget_is_refused_and_an_offline_one_is_made(
    client, exhausted, api_key_for, fake_claude
):
    claude = fake_claude()
    key = api_key_for(exhausted)

    refused = post(client, f"/websites/{exhausted.pk}/style-guide/generate", {"mood": "calm"}, key)

    assert refused.status_code == 402
    assert refused.json()["detail"] == refusal_for(exhausted, "1.00", "1.00", "this style guide")
    assert not WebsiteStyleGuide.objects.filter(website=exhausted).exists()
    offline = post(client, f"/websites/{exhausted.pk}/style-guide/generate", {"mood": "calm", "provider": "offline"},
                   key)  # fmt: skip
    assert offline.status_code == 200
    assert offline.json()["provider"] == "offline"
    assert claude.requests == []


def test_answers_that_would_restart_a_claude_generation_are_refused(client, exhausted, api_key_for, fake_claude):
    claude = fake_claude()
    task = jobs.create_task(task_type="page_generation", website_id=exhausted.pk,
                            input={**GENERATE, "provider": "anthropic"}, message="")  # fmt: skip
    questions = [{"id": "pricing", "kind": "pricing_plan", "capabilities": ["pricing"], "text": "Your prices?"}]
    jobs.ask(task, {"questions": questions}, "What do you charge?")

    response = post(client, f"/tasks/{task.pk}/answers", {"skip": True}, api_key_for(exhausted))

    assert response.status_code == 402
    assert response.json()["detail"] == refusal_for(exhausted, "1.00", "1.00")
    task.refresh_from_db()
    assert task.public_status == "needs_input"  # still waiting: answer it once the budget allows
    assert claude.requests == []


# --- the builder ----------------------------------------------------------------------------------------------------


@pytest.fixture
def editor_of(db):
    def make(website: Website) -> Client:
        user = get_user_model().objects.create_user(f"ed-{website.pk}", password="pw-ed-12345")
        WebsiteMembership.objects.create(user=user, website=website, role=WebsiteMembership.Role.EDITOR)
        client = Client()
        client.force_login(user)
        return client

    return make


def chat(client, website: Website, text: str, slug: str = "about", **headers):
    return client.post(f"/builder/websites/{website.pk}/pages/{slug}/messages/", {"message": text}, **headers)


HTMX_CHAT = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TRIGGER": "chat-form"}


def test_the_chat_shows_the_refusal_in_its_status_region_and_keeps_the_typed_text(exhausted, editor_of, fake_claude):
    claude = fake_claude()
    editor = editor_of(exhausted)

    response = chat(editor, exhausted, "Make an about page for our family bakery, open since 1952", **HTMX_CHAT)

    body = response.content.decode()
    assert response.status_code == 402
    assert response["HX-Retarget"] == "#chat-status"
    assert refusal_for(exhausted, "1.00", "1.00") in body
    assert "Your message is still in the box" in body
    assert not Message.objects.exists()  # nothing recorded, so sending it again later does not repeat it
    assert not AiTask.objects.exists()
    assert claude.requests == []


def test_a_chat_edit_and_the_new_page_form_are_refused_the_same_way(exhausted, editor_of, fake_claude):
    claude = fake_claude()
    editor = editor_of(exhausted)
    PageVersion.objects.create(website=exhausted, slug="about", design_payload={"blocks": []}, source="generated")

    edit = chat(editor, exhausted, "make the hero sound warmer", **HTMX_CHAT)
    without_js = chat(editor, exhausted, "make the hero sound warmer", follow=True)
    new_page = editor.post(f"/builder/websites/{exhausted.pk}/", {"message": "Create a pricing page", "slug": ""})

    assert edit.status_code == 402
    assert refusal_for(exhausted, "1.00", "1.00", "this edit") in edit.content.decode()
    assert refusal_for(exhausted, "1.00", "1.00", "this edit") in without_js.content.decode()  # a flash message
    assert refusal_for(exhausted, "1.00", "1.00") in new_page.content.decode()
    assert "Create a pricing page</textarea>" in new_page.content.decode()  # the form keeps what was typed
    assert not Message.objects.exists()
    assert claude.requests == []


def test_retrying_a_failed_claude_generation_is_refused_the_same_way(exhausted, editor_of, fake_claude):
    claude = fake_claude()
    failed = jobs.create_task(task_type="page_generation", website_id=exhausted.pk, input=GENERATE, message="")
    jobs.fail(failed, "Claude was overloaded.")
    conversation = Conversation.objects.create(website=exhausted, slug="about")
    card = Message.objects.create(conversation=conversation, role="assistant", kind="generation", task_id=failed.pk)

    response = editor_of(exhausted).post(
        f"/builder/websites/{exhausted.pk}/pages/about/messages/{card.pk}/retry/", HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 402
    assert response["HX-Retarget"] == "#chat-status"
    assert refusal_for(exhausted, "1.00", "1.00") in response.content.decode()
    assert list(AiTask.objects.values_list("pk", flat=True)) == [failed.pk]
    assert claude.requests == []


def test_offline_chat_work_is_never_refused(exhausted, editor_of, settings):
    settings.LLM_PROVIDER = "offline"
    limit(exhausted, "0")

    response = chat(editor_of(exhausted), exhausted, "Make an about page for our family bakery", **HTMX_CHAT)

    assert response.status_code == 200
    assert AiTask.objects.filter(website_id=exhausted.pk).count() == 1


def test_a_website_name_with_markup_is_shown_as_text_in_the_refusal(editor_of, fake_claude):
    fake_claude()
    hostile = Website.objects.create(name='<img src=x onerror="alert(1)">Clay', domain="x.test", subdomain="x")
    limit(hostile, "0")

    body = chat(editor_of(hostile), hostile, "Make an about page", **HTMX_CHAT).content.decode()

    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;Clay has spent $0.00" in body
    assert "<img" not in body


def test_facts_claude_would_read_past_the_budget_are_read_offline_with_a_note(exhausted, fake_claude):
    claude = fake_claude()

    reading = read_facts("Phone: +1 555 0100\nHours: Monday to Friday | 6:30–18:00", website=exhausted)

    assert reading.via == "offline"
    assert reading.note == "read offline: this month's AI budget of $1.00 is spent"
    assert {fact.kind for fact in reading.extraction.facts} >= {"phone", "opening_hours"}
    assert claude.requests == []


# --- the admin ------------------------------------------------------------------------------------------------------


def policy_form(website: Website, budget: str) -> dict:
    """The Website change form as the admin posts it, with a policy row giving ``budget``."""
    return {
        "name": website.name, "domain": website.domain, "subdomain": website.subdomain,
        "brand_guides-TOTAL_FORMS": "0", "brand_guides-INITIAL_FORMS": "0",
        "brand_guides-MIN_NUM_FORMS": "0", "brand_guides-MAX_NUM_FORMS": "1000",
        "policy-TOTAL_FORMS": "1", "policy-INITIAL_FORMS": "0", "policy-MIN_NUM_FORMS": "0",
        "policy-MAX_NUM_FORMS": "1", "policy-0-website": str(website.pk), "policy-0-monthly_ai_budget_usd": budget,
    }  # fmt: skip


def test_the_admin_shows_the_spend_and_reset_date_and_refuses_a_negative_budget(client_for, superuser, bakery):
    spend(bakery, "3.456")
    spend(bakery, "50", datetime.now(UTC) - timedelta(days=40))  # an earlier month
    admin = client_for(superuser)
    change = f"/admin/websites/website/{bakery.pk}/change/"

    page = admin.get(change).content.decode()
    negative = admin.post(change, policy_form(bakery, "-1"))
    saved = admin.post(change, policy_form(bakery, "12.50"))

    assert "AI spend this month (UTC)" in page
    assert "$3.46 of $25.00" in page
    assert f"{long_date(month_bounds()[1].date())} (UTC)" in page
    assert negative.status_code == 200
    assert "A monthly AI budget cannot be negative" in negative.content.decode()
    assert saved.status_code == 302
    assert WebsitePolicy.objects.get(website=bakery).monthly_ai_budget_usd == Decimal("12.50")
    assert "$3.46 of $12.50" in admin.get(change).content.decode()
