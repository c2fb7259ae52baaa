"""Personal data never reaches Claude: a generation, a chat edit, a fact reading and a style guide of a site whose
facts, brand guide and editor's words hold an e-mail address and a phone number, through the real anthropic SDK
over the shared strict fake transport. No request the transport receives holds them in any formatting; Claude sees
placeholders, and what it writes comes back with the real values where it put the placeholders. A site without
personal data sends its prices, hours, years and postcodes untouched."""

import json
import re

import pytest

from pagebuilder import pages, prompts
from pagebuilder.fact_reading import read_facts
from pagebuilder.providers import get_provider
from pagebuilder.refine import refine_page
from styleguides import claude_theme
from styleguides.services import generate_style_guide
from tests.fake_anthropic import filled_in
from tests.helpers.claude_answers import facts_data, offline_answer
from tests.helpers.generation import FACTS, generate
from tests.styleguides.test_claude_theme import THEME
from websites.models import BrandGuide, SiteFact
from websites.personal_data import Redaction

pytestmark = pytest.mark.django_db
PHONE, PHONE_LOCAL = "+44 151 234 5678", "0151 234 5678"  # one number, written two ways
PHONE_DIGITS = "1512345678"  # the number without country code or trunk prefix: in its digits however it is written
EMAIL, ORDERS = "mia@clay.example", "orders@clay.example"
CONTEXT = FACTS.replace("+1 555 0100", PHONE).replace("hello@crumbandco.example", EMAIL)
INSIGHTS = {"insights": ["Put every way to reach you first.", "Show the opening hours.", "Say where you are."]}
PLACEHOLDER = re.compile(r"\[(EMAIL|PHONE)_\d+\]")


def personal_site(site) -> None:
    """The site's stored phone and e-mail, and a brand guide that names another address and the local number."""
    SiteFact.objects.filter(website=site, kind="phone").update(data={"phone": PHONE})
    SiteFact.objects.filter(website=site, kind="email").update(data={"email": EMAIL})
    BrandGuide.objects.filter(website=site).update(
        summary=f"A family bakery in Springfield. Cake orders: {ORDERS} or {PHONE_LOCAL}, a week ahead."
    )


def assert_nothing_personal_sent(claude, *emails: str) -> None:
    """No request holds the addresses or the number: as sent, with JSON escapes read, in any grouping of digits."""
    assert claude.raw, "Claude was asked"
    for raw in claude.raw:
        sent = raw.content.decode()
        for text in (sent, json.dumps(json.loads(sent), ensure_ascii=False)):
            assert not any(email in text.lower() for email in emails)
            runs = re.findall(r"\d[\d\s().+/-]*\d", text)
            assert not any(PHONE_DIGITS in re.sub(r"\D", "", run) for run in runs)


def prompt_of(body: dict) -> str:
    return body["messages"][0]["content"]


def placeholder_after(prompt: str, words: str) -> str:
    """The placeholder the request has where the editor wrote ``words`` before a value, as a model reads it."""
    return re.search(rf"{re.escape(words)}(\[(?:EMAIL|PHONE)_\d+\])", prompt)[1]


def read_facts_as_sent(body: dict) -> dict:
    """A record_facts answer: the facts of the editor's text as it arrived, contact details as its placeholders,
    each with the line that states it (what a careful model reading the same text answers)."""
    prompt = prompt_of(body)
    text = json.loads(prompt[prompt.index("<editor_text>") + 13 : prompt.index("</editor_text>")])
    answer = facts_data(text)
    for line in text.splitlines():
        for match in PLACEHOLDER.finditer(line):
            kind = match[1].lower()
            answer.setdefault(kind, []).append({kind: match[0], "evidence": line})
    return filled_in(answer)(body)


def test_a_generation_sends_placeholders_and_the_page_shows_the_real_contact_details(crumb, claude):
    personal_site(crumb)
    intent = f"make a contact page: people call {PHONE_LOCAL} or write to {ORDERS}"
    page = offline_answer(crumb, intent, "contact", context=CONTEXT)
    assert PHONE in json.dumps(page), "the offline planner put the phone in the page"

    def build_page(body: dict) -> dict:
        prompt = prompt_of(body)
        phone, email = placeholder_after(prompt, "Phone: "), placeholder_after(prompt, "Email: ")
        local, orders = placeholder_after(prompt, "call "), placeholder_after(prompt, "write to ")
        written = json.dumps(page)
        for value, placeholder in ((PHONE, phone), (EMAIL, email), (PHONE_LOCAL, local), (ORDERS, orders)):
            written = written.replace(value, placeholder)
        answer = json.loads(written)
        hero = answer["semantic_sections"][0]["props"]
        hero["description"] = f"Call {local} or write to {orders}. Urgent? [PHONE_9]"  # one it made up
        hero["primaryAction"] = {"label": "Call us", "href": f"tel:{local}"}
        return filled_in(answer)(body)

    claude.answers["record_facts"].append(read_facts_as_sent)
    claude.answers["record_insights"].append(INSIGHTS)
    claude.answers["build_page"].append(build_page)

    task = generate(crumb, intent, "contact", context=CONTEXT, provider=get_provider("anthropic"))

    assert task.status == "completed", task.error
    assert claude.names() == ["record_facts", "record_insights", "build_page"]
    assert_nothing_personal_sent(claude, EMAIL, ORDERS)
    assert "<placeholders>" in prompt_of(claude.requests[-1]), "Claude was told what the placeholders stand for"
    blocks = {block["_name"]: block["_props"] for block in task.result["design_payload"]["blocks"]}
    assert (blocks["contact"]["phone"], blocks["contact"]["email"]) == (PHONE, EMAIL)
    assert blocks["hero"]["description"] == f"Call {PHONE_LOCAL} or write to {ORDERS}. Urgent?"
    assert blocks["hero"]["primaryAction"]["href"] == "tel:+441512345678"
    assert not PLACEHOLDER.search(json.dumps(task.result))
    found = json.dumps(task.result["facts_found"])
    assert PHONE in found and EMAIL in found, "the facts Claude read carry the real values"


def test_a_chat_edit_puts_the_phone_where_claude_placed_its_placeholder(crumb, claude):
    personal_site(crumb)
    assert generate(crumb, "make an about page for our family bakery", "about", context=CONTEXT).status == "completed"
    closing = pages.latest_version(crumb, "about").design_payload["blocks"][-1]
    assert closing["_name"] == "cta"

    def edit_page(body: dict) -> dict:
        phone = placeholder_after(prompt_of(body), "put our phone ")
        props = {**closing["_props"], "description": f"Call us on {phone}."}
        props["primaryAction"] = {"label": "Call us", "href": f"tel:{phone}"}
        operation = {"op": "regenerate", "section": closing["_id"], "props": props}
        return filled_in({"operations": [operation], "reply": f"I put {phone} in the closing section."})(body)

    claude.answers["edit_page"].append(edit_page)

    outcome = refine_page(crumb, "about", f"put our phone {PHONE_LOCAL} in the footer")

    assert outcome.changed, outcome.reply
    assert_nothing_personal_sent(claude, EMAIL, ORDERS)
    sent = prompt_of(claude.requests[0])
    assert "[PHONE_" in sent and "[EMAIL_" in sent, "the page's facts and the request travelled as placeholders"
    props = outcome.version.design_payload["blocks"][-1]["_props"]
    assert props["description"] == f"Call us on {PHONE_LOCAL}."
    assert props["primaryAction"]["href"] == "tel:+441512345678"
    assert outcome.reply.startswith(f"I put {PHONE_LOCAL} in the closing section.")


def test_facts_claude_reads_come_back_with_the_real_contact_details(claude):
    text = f"Reach Mia at {EMAIL} or {PHONE}"
    claude.answers["record_facts"].append(read_facts_as_sent)

    reading = read_facts(text, "anthropic")

    assert_nothing_personal_sent(claude, EMAIL)
    assert "Reach Mia at [EMAIL_1] or [PHONE_1]" in prompt_of(claude.requests[0])
    assert reading.via == "claude"
    facts = sorted((fact.kind, fact.data, fact.source) for fact in reading.extraction.facts)
    assert facts == [("email", {"email": EMAIL}, text), ("phone", {"phone": PHONE}, text)]


def test_a_style_guide_sends_the_brand_guide_without_its_contact_details(crumb, claude):
    personal_site(crumb)
    claude.answers["generate_theme"].append({"theme_config": THEME, "rationale": "Warm and legible."})

    generated = generate_style_guide(crumb, provider="anthropic")

    assert generated.provider == "anthropic"
    assert_nothing_personal_sent(claude, ORDERS)
    assert "Cake orders: [EMAIL_1] or [PHONE_1]" in prompt_of(claude.requests[0])


def test_a_site_without_personal_data_sends_its_figures_untouched(crumb, claude):
    SiteFact.objects.filter(website=crumb, kind__in=["phone", "email"]).delete()
    context = "\n".join(line for line in FACTS.splitlines() if not line.startswith(("Phone:", "Email:")))
    page = offline_answer(crumb, "make an about page for our family bakery", "about", context=context)
    claude.answers["record_facts"].append(read_facts_as_sent)
    claude.answers["record_insights"].append(INSIGHTS)
    claude.answers["build_page"].append(filled_in(page))

    task = generate(crumb, "make an about page for our family bakery", "about", context=context,
                    provider=get_provider("anthropic"))  # fmt: skip

    assert task.status == "completed", task.error
    for body in claude.requests:
        assert "[EMAIL_" not in prompt_of(body) and "[PHONE_" not in prompt_of(body)
        assert "<placeholders>" not in prompt_of(body)
    sent = prompt_of(claude.requests[-1])
    for figure in ("6:30–18:00", "$19", "$3.50", "1952", "Springfield, 12345", "10 km", "36h", "regular since 2015"):
        assert figure in sent, figure


@pytest.mark.parametrize(
    "text",
    [
        prompts.RESEARCH_SYSTEM,
        prompts.RESEARCH_WEB_SEARCH,
        prompts.STRUCTURE_SYSTEM,
        prompts.REPAIR_SYSTEM,
        prompts.EDIT_SYSTEM,
        prompts.FACTS_SYSTEM,
        prompts.SITE_PLAN_SYSTEM,
        claude_theme.SYSTEM,
        claude_theme.GUIDELINES,
    ],
)
def test_our_own_instructions_hold_nothing_the_redaction_would_change(text):
    assert Redaction().redact(text) == text
