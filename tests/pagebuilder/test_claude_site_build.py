"""A whole site written by Claude (issue 16) over the tests' fake Anthropic API, which refuses what the real one
refuses: one structure call per page whose cached system blocks (the site's data, its pages, the site rules) are
the same for every page, each page's own frame (focus keyword, what other pages said) in the uncached prompt,
and the usual site-wide result (distinct copy, one navbar, SEO reports, one site_build operation with tokens).

Claude's answer to each page is the page the offline planner writes from the same offered blocks (queued on the
fake just before the request, as ``tests/benchmarks/site_token_bench.py`` answers), so the real provider,
client and workflow code run on a valid answer."""

import json
import re
from dataclasses import replace

import pytest

from monitoring.models import Operation
from pagebuilder.context import build_context
from pagebuilder.pages import latest_version
from pagebuilder.providers import get_provider
from pagebuilder.providers.anthropic import AnthropicProvider
from pagebuilder.providers.anthropic.requests import offered_sections
from pagebuilder.site.build import run_site_task
from pagebuilder.site.copy import fact_homes, repeated_sentences
from pagebuilder.site.plans import record_proposal
from pagebuilder.site.sitemap import propose_sitemap
from pagebuilder.site.starting import start_site_build
from tests.fake_anthropic import answer_name, filled_in
from websites import jobs

pytestmark = pytest.mark.django_db
INSIGHTS = {"insights": ["Open with the family's story.", "Show the bakers at work.", "End with a visit invitation."]}


class AnsweredClaude(AnthropicProvider):
    """The Claude provider; before each structure call the fake gets the answer a careful model would give."""

    def __init__(self, fake) -> None:
        super().__init__()
        self.fake, self.offline = fake, get_provider("offline")

    def generate_structure(self, research):
        page = self.offline.generate_structure(replace(research, sections=offered_sections(research)))
        answer = {
            "page_title": page.page_title,
            "semantic_sections": [{"semantic_type": s.semantic_type, "component_id": s.component_id,
                                   "props": s.props, "reasoning": "Fits."} for s in page.sections],
            "seo_metadata": {"title": page.seo.title, "description": page.seo.description,
                             "keywords": page.seo.keywords},
            "content_suggestions": [],
        }  # fmt: skip
        self.fake.answers["build_page"].append(filled_in(json.loads(json.dumps(answer))))
        return super().generate_structure(research)


def tag(prompt: str, name: str) -> dict:
    return json.loads(re.search(rf"<{name}>(.*?)</{name}>", prompt, re.S).group(1))


def test_claude_writes_each_page_of_the_site_with_the_site_in_the_cached_context(fake_claude, crumb):
    fake = fake_claude(ANTHROPIC_WEB_SEARCH=False)
    sitemap = propose_sitemap(crumb, "A website for our family bakery")
    record_proposal(crumb, sitemap)
    pages = [page.as_dict() for page in sitemap.pages if page.page_type in ("home", "about", "services", "contact")]
    fake.answers["record_insights"] = [INSIGHTS] * len(pages)
    started = start_site_build(crumb, pages=pages, provider="anthropic")
    task = jobs.claim(started.task.pk)
    run_site_task(task, provider=AnsweredClaude(fake))
    task.refresh_from_db()

    assert task.status == "completed", task.error
    assert fake.refusals == []
    result = task.result
    assert [page["status"] for page in result["pages"]] == ["built"] * len(pages)
    assert result["provider"] == "anthropic" and result["usage"]["input_tokens"] > 0
    builds = [body for body in fake.requests if answer_name(body) == "build_page"]
    assert len(builds) == len(pages)
    stable = {json.dumps(body["system"]) for body in builds}
    assert len(stable) == 1  # the same cached prefix for every page of the site
    system = builds[0]["system"]
    assert system[-1]["cache_control"] == {"type": "ephemeral"}
    hrefs = [page["href"] for page in tag(system[-1]["text"], "site_pages")]
    assert hrefs == [f"/{page['slug']}" for page in pages]
    frames = [tag(body["messages"][0]["content"], "page_frame") for body in builds]
    keywords = [frame["focus_keyword"] for frame in frames]
    assert all(keywords) and len(set(keywords)) == len(keywords)  # each page its own focus keyword
    # The first page written (about) leaves only the services page's facts (its offers) alone; later pages also
    # what the pages before them said.
    offers = {sentence for sentence, home in fact_homes(build_context(crumb)).items() if home == "services"}
    assert set(frames[0]["said_elsewhere"]) <= offers and all(frame["said_elsewhere"] for frame in frames[1:])
    assert all("<site_data>" not in body["messages"][0]["content"] for body in builds)  # cached, not repeated

    payloads = {page["slug"]: latest_version(crumb, page["slug"]).design_payload for page in pages}
    assert repeated_sentences(payloads) == {}
    navbars = {json.dumps([b["_props"] for b in p["blocks"] if b["_name"] == "navbar"]) for p in payloads.values()}
    assert len(navbars) == 1
    assert all(page["seo_report"]["checks"] for page in result["pages"])
    operation = Operation.objects.get(task_id=task.pk)
    assert (operation.kind, operation.provider, operation.outcome) == ("site_build", "anthropic", "completed")
    assert operation.input_tokens > 0
