"""The Claude path over the tests' one fake Anthropic API, which answers instantly (imported by generation_bench).

For every playbook page type on both demo websites: the offline planner's sections are the model's answer
(a valid page), the research cache is emptied first so every page pays for research, the editor's facts are read
by Claude (``record_facts``), and one section of each page comes back broken so every page also pays for a repair
round. Measured: the pipeline's own time per page
(everything but the model), and the tokens of every request the transport received, estimated as characters
of the request JSON / 4 (output: characters of the answer / 4), priced by websites.claude_models. The fake is
``tests.fake_anthropic`` installed as the tests' ``fake_claude`` fixture installs it: a request the real API would
refuse, or an answer it could not send, fails the benchmark.
"""

import json
import statistics
import time

import pytest
from django.conf import settings

from pagebuilder.candidates import contract
from pagebuilder.models import ResearchCache
from pagebuilder.playbooks import PLAYBOOKS
from pagebuilder.prop_paths import get_path, set_path
from pagebuilder.providers import get_provider
from registry.models import AiSemanticComponent
from tests import fake_anthropic
from tests.fake_anthropic import FakeAnthropic, answer_name, filled_in
from tests.helpers.claude_answers import facts_data
from tests.helpers.generation import FACTS, generate
from tests.pagebuilder.test_offline_generation import INTENTS
from websites.anthropic_client import cost_usd

INSIGHTS = {"insights": ["Lead with what makes the business different.", "Show real photos.", "One clear action."]}


def measured(fake: FakeAnthropic, calls: list[dict], answer: dict):
    """``answer`` as Claude writes it under the request's schema (every listed prop written, ``filled_in``), with
    the request's estimated tokens recorded in ``calls``: characters of the request JSON / 4 in, of the answer / 4
    out."""
    fill = filled_in(answer)

    def reply(body: dict) -> dict:
        filled = fill(body)
        usage = {"input_tokens": fake.size() // 4, "output_tokens": len(json.dumps(filled)) // 4}
        calls.append({"tool": answer_name(body), "model": body["model"], **usage})
        return filled

    return reply


def _answers(website, intent: str, slug: str) -> tuple[dict, dict]:
    offline = generate(website, intent, slug, context=FACTS).result
    sections = [
        {"semantic_type": b["_name"], "component_id": b["_component"], "props": b["_props"], "reasoning": "Fits."}
        for b in offline["design_payload"]["blocks"]
    ]
    page = {
        "page_title": offline["page_title"],
        "semantic_sections": json.loads(json.dumps(sections)),
        "seo_metadata": offline["seo_metadata"],
        "content_suggestions": [],
    }
    fixed = {key: value for key, value in sections[0].items() if key != "semantic_type"}
    path, limit = _limited_text(sections[0])
    set_path(page["semantic_sections"][0]["props"], path, "x" * (limit + 100))  # breaks maxLength: one repair
    return page, {"sections": [{"index": 0, **fixed}]}


def _limited_text(section: dict) -> tuple[str, int]:
    """A text prop of the section whose contract caps its length (its path), and that cap."""
    component = AiSemanticComponent.objects.get(component_id=section["component_id"])
    rules = contract(component).get("x-prop-constraints") or {}
    for key, rule in rules.items():
        if (
            "[" not in key
            and isinstance(rule.get("maxLength"), int)
            and isinstance(get_path(section["props"], key), str)
        ):
            return key, rule["maxLength"]
    raise AssertionError(f"{section['component_id']} has no length-capped text to break for the repair round")


def run(websites) -> dict:
    overhead_ms, per_page, calls = [], [], []
    with (
        pytest.MonkeyPatch.context() as patch,
        fake_anthropic.installed(patch, ANTHROPIC_WEB_SEARCH=False) as fake,
    ):
        provider = get_provider("anthropic")
        facts = facts_data(FACTS)  # the editor's facts, read by Claude once per page
        for website in websites:
            for playbook in PLAYBOOKS:
                intent, slug = INTENTS[playbook.page_type], playbook.slugs[0]
                page, repair = _answers(website, intent, slug)
                ResearchCache.objects.all().delete()
                fake.answers.clear()
                fake.answers.update(
                    record_insights=[measured(fake, calls, INSIGHTS)],
                    build_page=[measured(fake, calls, page)],
                    repair_sections=[measured(fake, calls, repair)],
                    record_facts=[measured(fake, calls, facts)],
                )
                first_call = len(calls)
                started = time.perf_counter()
                task = generate(website, intent, slug, context=FACTS, provider=provider)
                overhead_ms.append((time.perf_counter() - started) * 1000)
                assert task.status == "completed", task.error
                mine = calls[first_call:]
                cost = sum(
                    cost_usd(c["model"], {"input_tokens": c["input_tokens"], "output_tokens": c["output_tokens"],
                                          "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0})
                    for c in mine
                )  # fmt: skip
                per_page.append(
                    {
                        "calls": len(mine),
                        "input": sum(c["input_tokens"] for c in mine),
                        "output": sum(c["output_tokens"] for c in mine),
                        "structure_input": sum(c["input_tokens"] for c in mine if c["tool"] == "build_page"),
                        "without_repair": sum(c["input_tokens"] for c in mine if c["tool"] != "repair_sections"),
                        "cost": cost,
                    }
                )
        assert fake.refusals == [], fake.refusals[:1]
        assert len(fake.requests) == len(calls), "every request was answered by a measured answer"
    ordered = sorted(overhead_ms)
    inputs = [p["input"] for p in per_page]
    return {
        "pages": len(per_page),
        "models": f"{settings.ANTHROPIC_MODEL} (structure, repair), {settings.ANTHROPIC_FAST_MODEL} (research, facts)",
        "overhead_p50_ms": round(statistics.median(ordered), 1),
        "overhead_p95_ms": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 1),
        "input_tokens_mean": round(statistics.mean(inputs)),
        "input_tokens_max": max(inputs),
        "structure_input_tokens_mean": round(statistics.mean(p["structure_input"] for p in per_page)),
        "input_tokens_without_repair_mean": round(statistics.mean(p["without_repair"] for p in per_page)),
        "input_tokens_without_repair_max": max(p["without_repair"] for p in per_page),
        "output_tokens_mean": round(statistics.mean(p["output"] for p in per_page)),
        "calls_per_page": round(statistics.mean(p["calls"] for p in per_page), 1),
        "cost_usd_mean": round(statistics.mean(p["cost"] for p in per_page), 4),
        "cost_usd_max": round(max(p["cost"] for p in per_page), 4),
    }
