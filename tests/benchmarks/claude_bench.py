"""The Claude path with a fake Anthropic transport that answers instantly (imported by generation_bench).

For every playbook page type on both demo websites: the offline planner's sections are the model's answer
(a valid page), the research cache is emptied first so every page pays for research, and one section of each
page comes back broken so every page also pays for a repair round. Measured: the pipeline's own time per page
(everything but the model), and the tokens of every request the transport received, estimated as characters
of the request JSON / 4 (output: characters of the answer / 4), priced by websites.claude_models.
"""

import json
import statistics
import time

import httpx2
from django.conf import settings
from django.test import override_settings

from pagebuilder.models import ResearchCache
from pagebuilder.playbooks import PLAYBOOKS
from pagebuilder.providers import get_provider
from tests.fake_anthropic import answer_name, check_request, filled_in, structured_answer
from tests.helpers.generation import FACTS, generate
from tests.pagebuilder.test_offline_generation import INTENTS
from websites import anthropic_client
from websites.anthropic_client import cost_usd

INSIGHTS = {"insights": ["Lead with what makes the business different.", "Show real photos.", "One clear action."]}


class InstantClaude:
    def __init__(self) -> None:
        self.answers: dict[str, list] = {}
        self.calls: list[dict] = []

    def handle(self, request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content)
        check_request(body)  # what the real API would refuse fails the benchmark too
        tool = answer_name(body)
        answer = filled_in(self.answers[tool].pop(0))(body)  # every listed prop written, as the schema asks
        tokens_in, tokens_out = len(request.content.decode()) // 4, len(json.dumps(answer)) // 4
        usage = {"input_tokens": tokens_in, "output_tokens": tokens_out}
        self.calls.append({"tool": tool, "model": body["model"], **usage})
        return structured_answer(body, answer, usage)


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
    page["semantic_sections"][0]["props"]["title"] = "x" * 500  # breaks maxLength: one repair round
    return page, {"sections": [{"index": 0, **fixed}]}


def run(websites) -> dict:
    fake = InstantClaude()
    client = httpx2.Client(transport=httpx2.MockTransport(fake.handle))
    anthropic_client._http_client = client
    overhead_ms, per_page = [], []
    with override_settings(ANTHROPIC_API_KEY="bench-key", LLM_PROVIDER="anthropic", ANTHROPIC_WEB_SEARCH=False):
        provider = get_provider("anthropic")
        for website in websites:
            for playbook in PLAYBOOKS:
                intent, slug = INTENTS[playbook.page_type], playbook.slugs[0]
                page, repair = _answers(website, intent, slug)
                ResearchCache.objects.all().delete()
                fake.answers = {"record_insights": [INSIGHTS], "build_page": [page], "repair_sections": [repair]}
                first_call = len(fake.calls)
                started = time.perf_counter()
                task = generate(website, intent, slug, context=FACTS, provider=provider)
                overhead_ms.append((time.perf_counter() - started) * 1000)
                assert task.status == "completed", task.error
                calls = fake.calls[first_call:]
                cost = sum(
                    cost_usd(c["model"], {"input_tokens": c["input_tokens"], "output_tokens": c["output_tokens"],
                                          "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0})
                    for c in calls
                )  # fmt: skip
                per_page.append(
                    {
                        "calls": len(calls),
                        "input": sum(c["input_tokens"] for c in calls),
                        "output": sum(c["output_tokens"] for c in calls),
                        "structure_input": sum(c["input_tokens"] for c in calls if c["tool"] == "build_page"),
                        "without_repair": sum(c["input_tokens"] for c in calls if c["tool"] != "repair_sections"),
                        "cost": cost,
                    }
                )
    anthropic_client._http_client = None
    ordered = sorted(overhead_ms)
    inputs = [p["input"] for p in per_page]
    return {
        "pages": len(per_page),
        "models": f"{settings.ANTHROPIC_MODEL} (structure, repair), {settings.ANTHROPIC_FAST_MODEL} (research)",
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
