"""Claude tokens of a six-page site (issue 16; ``run.py site-tokens``), in its own database
(``pagebuilder_sitetokens``), over the tests' fake Anthropic transport (``tests.fake_anthropic``).

The website and its six-page sitemap are those of ``site_bench`` (planned offline through the API). The site is
then built with the anthropic provider in this process (``start_site_build`` then the worker's own
``run_site_task``), the research cache emptied first so every page type pays for research. Claude's answer to
each page's build_page request is the page the offline planner writes from the same research, so every section
is a valid block of the page's own candidates; research is answered with three insights. Each request the
transport received is priced as the API would bill it with prompt caching (``prompt_cache.account``: the system
blocks up to the breakpoint written once, read by later requests with the same prefix). Prints one JSON line.
"""

import json
import os
import re
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB_NAME = "pagebuilder_sitetokens"
sys.path.insert(0, str(ROOT))
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings", DEBUG="true", EMBEDDED_DB_NAME=DB_NAME, LLM_PROVIDER="offline",
    EMBEDDING_PROVIDER="local", AI_BUILDER_ROLLOUT_PERCENT="100", GENERATION_RATE_LIMIT_PER_MINUTE="100000",
    LOG_LEVEL="WARNING",
)  # fmt: skip

import django  # noqa: E402

django.setup()

import pytest  # noqa: E402
from django.conf import settings  # noqa: E402
from django_q.conf import Conf  # noqa: E402

from pagebuilder.models import ResearchCache  # noqa: E402
from pagebuilder.providers import get_provider  # noqa: E402
from pagebuilder.providers.anthropic import AnthropicProvider  # noqa: E402
from pagebuilder.providers.anthropic.requests import offered_sections  # noqa: E402
from pagebuilder.site.build import run_site_task  # noqa: E402
from pagebuilder.site.starting import start_site_build  # noqa: E402
from tests import fake_anthropic  # noqa: E402
from tests.benchmarks.prompt_cache import account  # noqa: E402
from tests.benchmarks.site_setup import api_for, new_website, prepare_database, six_page_sitemap  # noqa: E402
from tests.fake_anthropic import answer_name, filled_in  # noqa: E402
from websites import jobs  # noqa: E402
from websites.claude_models import cost_usd  # noqa: E402

INSIGHTS = {"insights": ["Lead with what makes the practice different.", "Show real photos.", "One clear action."]}


class AnsweredClaude(AnthropicProvider):
    """The Claude provider, its build_page answer queued on the fake just before each request: the page the
    offline planner writes from the same research (as ``claude_bench`` answers with the offline page)."""

    def __init__(self, fake, outputs: dict[int, int]) -> None:
        super().__init__()
        self.fake, self.outputs, self.offline = fake, outputs, get_provider("offline")
        self.choices: list[dict] = []  # per page: the blocks chosen from every candidate and from those offered

    def generate_structure(self, research):
        page = self.offline.generate_structure(replace(research, sections=offered_sections(research)))
        unlimited = self.offline.generate_structure(research)
        self.choices.append({"slug": research.slug, "offered": [s.component_id for s in page.sections],
                             "all": [s.component_id for s in unlimited.sections]})  # fmt: skip
        answer = {
            "page_title": page.page_title,
            "semantic_sections": [{"semantic_type": s.semantic_type, "component_id": s.component_id,
                                   "props": s.props, "reasoning": s.reasoning or "Fits."} for s in page.sections],
            "seo_metadata": {"title": page.seo.title, "description": page.seo.description,
                             "keywords": page.seo.keywords},
            "content_suggestions": [],
        }  # fmt: skip
        self.fake.answers["build_page"].append(self.measured(json.loads(json.dumps(answer))))
        return super().generate_structure(research)

    def measured(self, answer: dict):
        """``answer`` filled in as Claude writes it under the request's schema; its size kept as output tokens."""
        fill = filled_in(answer)

        def reply(body: dict) -> dict:
            filled = fill(body)
            self.outputs[len(self.fake.requests) - 1] = len(json.dumps(filled)) // 4
            return filled

        return reply


def build_with_claude(website, pages: list[dict]) -> list[dict]:
    """Build the sitemap with the anthropic provider over the fake; per request: its page, tool and body."""
    outputs: dict[int, int] = {}
    with pytest.MonkeyPatch.context() as patch, fake_anthropic.installed(patch, ANTHROPIC_WEB_SEARCH=False) as fake:
        provider = AnsweredClaude(fake, outputs)
        fake.answers["record_insights"] = [provider.measured(INSIGHTS) for _ in pages]
        ResearchCache.objects.all().delete()
        started = start_site_build(website, pages=pages, provider="anthropic")
        task = jobs.claim(started.task.pk)
        run_site_task(task, provider=provider)
        task.refresh_from_db()
        assert task.status == "completed", task.error
        assert fake.refusals == [], fake.refusals[:1]
        sizes = [len(raw.content.decode()) for raw in fake.raw]
        rows = account(list(zip(fake.requests, sizes, strict=True)))
        result = task.result
        choices = provider.choices
    calls = []
    for index, (body, row) in enumerate(zip(fake.requests, rows, strict=True)):
        page = _page_of(body)
        calls.append({"page": page, "tool": answer_name(body), **row, "output": outputs.get(index, 0),
                      "parts": parts_of(body)})  # fmt: skip
    return calls, result, choices


def parts_of(body: dict) -> dict[str, int]:
    """Tokens of each part of a request: the cached system blocks, the answer schema, each data tag of the
    prompt; what is left (the JSON around them, model settings) is ``rest``."""
    schema = (body.get("output_config") or {}).get("format") or [t for t in body.get("tools") or []]
    prompt = body["messages"][0]["content"]
    parts = {"system": len(json.dumps(body["system"])), "answer_schema": len(json.dumps(schema))}
    for tag, text in re.findall(r"<(\w+)>(.*?)</\1>", prompt, flags=re.S):
        parts[tag] = parts.get(tag, 0) + len(json.dumps(text)) + 2 * len(tag) + 5
    parts["rest"] = len(json.dumps(body)) - sum(parts.values())
    return {name: size // 4 for name, size in parts.items()}


def _page_of(body: dict) -> str:
    """The page a request was for: its page slug in the prompt, else its page type (research)."""
    prompt = body["messages"][0]["content"]
    for marker in ('"page_slug":"', '"slug":"', '"type":"'):
        if marker in prompt:
            return prompt.split(marker, 1)[1].split('"', 1)[0]
    return "?"


def summarise(calls: list[dict], pages: list[dict]) -> dict:
    def cost(rows: list[dict]) -> float:
        usages = [(r["model"], {"input_tokens": r["input"], "output_tokens": r["output"],
                                "cache_creation_input_tokens": r["cache_write"],
                                "cache_read_input_tokens": r["cache_read"]}) for r in rows]  # fmt: skip
        return round(sum(cost_usd(model, usage) for model, usage in usages), 4)

    def totals(rows: list[dict]) -> dict:
        return {"calls": len(rows), "input": sum(r["input"] for r in rows),
                "cache_write": sum(r["cache_write"] for r in rows), "cache_read": sum(r["cache_read"] for r in rows),
                "strict_read": sum(r["strict_read"] for r in rows), "output": sum(r["output"] for r in rows),
                "cost_usd": cost(rows)}  # fmt: skip

    slugs = {page["slug"]: page["page_type"] for page in pages}
    per_page = {}
    for slug, kind in slugs.items():
        per_page[slug] = totals([c for c in calls if c["page"] in (slug, kind)])
    tools = dict.fromkeys(c["tool"] for c in calls)
    by_tool = {tool: totals([c for c in calls if c["tool"] == tool]) for tool in tools}
    return {"per_page": per_page, "by_tool": by_tool, "site": totals(calls)}


def main() -> dict:
    prepare_database(ROOT)
    website = new_website()
    Conf.SYNC = True  # the offline plan runs inline here (no worker in this benchmark)
    pages = six_page_sitemap(api_for(website, "sitetokens"), website)
    Conf.SYNC = False  # the build task is run below by the worker's own function, with the fake installed
    calls, result, choices = build_with_claude(website, pages)
    return {
        "models": f"{settings.ANTHROPIC_MODEL} (structure, repair), {settings.ANTHROPIC_FAST_MODEL} (research)",
        "built": sum(page["status"] == "built" for page in result["pages"]),
        "calls": calls,
        "choices": choices,
        **summarise(calls, pages),
    }


if __name__ == "__main__":
    print(json.dumps(main()))
