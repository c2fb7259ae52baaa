"""Every Claude request the application builds (reading the request's facts, research with and without web search,
page structure, repair, edit_page, the style guide theme and the site plan) goes through the shared strict fake,
which refuses what the real API refuses, once with claude-sonnet-5-5 (ANTHROPIC_MODEL) and once with
claude-haiku-5-5 (ANTHROPIC_FAST_MODEL) as the model of every call."""

import copy

import pytest

from pagebuilder.models import ResearchCache
from pagebuilder.providers import get_provider
from pagebuilder.refine import refine_page
from pagebuilder.site.planning import plan_sitemap
from styleguides.claude_theme import claude_theme
from tests.fake_anthropic import filled_in
from tests.helpers.claude_answers import facts_answer
from tests.helpers.generation import FACTS, generate
from tests.pagebuilder.test_claude_workflow import INSIGHTS, INTENT, SLUG, good_page, repaired
from tests.styleguides.test_claude_theme import THEME

pytestmark = pytest.mark.django_db
ALL_CALLS = ["record_facts", "record_insights", "build_page", "repair_sections", "edit_page", "generate_theme",
             "plan_site"]  # fmt: skip
PLAN = {"pages": [{"slug": "home", "title": "Home", "page_type": "home", "purpose": "Welcomes visitors.",
                   "sections": ["hero", "services", "cta"]}]}  # fmt: skip


def queue_every_answer(fake, page: dict) -> None:
    broken = copy.deepcopy(page)
    broken["semantic_sections"][1]["props"]["title"] = "Our story " * 40  # too long: one repair round
    fake.answers["record_facts"].append(facts_answer(FACTS))
    fake.answers["record_insights"].append(INSIGHTS)
    fake.answers["build_page"].append(filled_in(broken))
    fake.answers["repair_sections"].append(filled_in(repaired(1, page["semantic_sections"][1])))
    fake.answers["edit_page"].append({"operations": [], "reply": "Which section do you mean?"})
    fake.answers["generate_theme"].append({"theme_config": THEME, "rationale": "Warm."})
    fake.answers["plan_site"].append(PLAN)


def run_every_call(crumb) -> None:
    task = generate(crumb, INTENT, SLUG, context=FACTS, provider=get_provider("anthropic"))
    assert task.status == "completed", task.error
    refine_page(crumb, SLUG, "change it")
    claude_theme(brand_context={"industry": "bakery"}, industry="bakery", mood="warm", color_preferences=None)
    assert plan_sitemap(crumb, "A website for our bakery", "anthropic").sitemap.provider == "anthropic"


@pytest.mark.parametrize("model", ["claude-sonnet-5-5", "claude-haiku-5-5"])  # the defaults of both settings
@pytest.mark.parametrize("web_search", [False, True])
def test_every_request_follows_the_models_contract(crumb, fake_claude, model, web_search):
    page = good_page(crumb)
    ResearchCache.objects.all().delete()
    fake = fake_claude(ANTHROPIC_MODEL=model, ANTHROPIC_FAST_MODEL=model, ANTHROPIC_WEB_SEARCH=web_search)
    queue_every_answer(fake, page)
    run_every_call(crumb)

    assert fake.refusals == [], "the fake answers 400 to anything the real API refuses"
    assert fake.names() == ALL_CALLS
    for body in fake.requests:
        assert body["model"] == model
        assert not {"temperature", "top_p", "top_k"} & set(body)
        assert body["messages"][-1]["role"] == "user", "no prefill"
        assert body.get("tool_choice", {"type": "auto"}) == {"type": "auto"}, "never a forced tool choice"
        assert body["thinking"]["type"] in ("between_tools", "disabled")
    research = fake.requests[1]
    others = [body for body in fake.requests if body is not research]
    assert ("tools" in research) is web_search
    assert ("output_config" in research) is not web_search
    assert all("output_config" in body and "tools" not in body for body in others)
