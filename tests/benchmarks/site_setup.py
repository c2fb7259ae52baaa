"""What both whole-site benchmarks (issue 16) start from, without touching the process's environment: a
prepared database (schema, demo registry), a new website with data for six pages (``rich_website``), and its
sitemap proposed and edited through the API down to home, about, services, pricing, team and contact."""

import json
import time
from contextlib import nullcontext

from django.core.management import call_command
from django.test import Client

from pagebuilder.models import SitePlan
from tests.helpers.site_build import SiteApi, rich_website
from websites.api_clients import api_client_create
from websites.models import ApiClient, Website

SIX = ("home", "about", "services", "pricing", "team", "contact")
INTENT = "A website for our physiotherapy practice with our team and prices"
FINAL = ("completed", "failed", "needs_input")


def prepare_database(root) -> None:
    call_command("bootstrap_schema", verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("sync_registry", str(root / "registry" / "fixtures" / "demo-registry.json"), verbosity=0)


def new_website() -> Website:
    """A fresh Harbour Physio (an earlier run's is deleted first) with its style guide."""
    for old in Website.objects.filter(subdomain="harbourphysio"):
        SitePlan.objects.filter(website=old).delete()
        old.delete()
    website = rich_website()
    call_command("generate_style_guide", all_missing=True, provider="offline", verbosity=0)
    return website


def api_for(website: Website, name: str) -> SiteApi:
    """The API as an outside client calls it: queued work goes to the broker (no inline execution)."""
    ApiClient.objects.filter(name=name).delete()
    _, key = api_client_create(name=name, websites=[website])
    return SiteApi(Client(HTTP_HOST="localhost"), lambda **_: nullcontext(), key)


def wait(api: SiteApi, started, seconds: float = 300, every: float = 0.1) -> dict:
    """The task ``started`` (a 202 answer) once it has finished, polled every ``every`` seconds."""
    assert started.status_code == 202, started.content[:300]
    task_id, deadline = started.json()["task_id"], time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        task = api.get(f"/tasks/{task_id}").json()
        if task["status"] in FINAL:
            return task
        time.sleep(every)
    raise TimeoutError(f"task {task_id} did not finish in {seconds} s")


def six_page_sitemap(api: SiteApi, website: Website) -> list[dict]:
    """The proposed sitemap (POST …/site/plan) as an editor edits it: one page of each of the six types, in that
    order, the about page renamed."""
    task = wait(api, api.post(f"/websites/{website.pk}/site/plan", {"intent": INTENT}))
    assert task["status"] == "completed", task
    proposed = {page["page_type"]: page for page in task["result"]["sitemap"]["pages"]}
    missing = [kind for kind in SIX if kind not in proposed]
    assert not missing, f"the proposal has no {missing} page: {json.dumps(list(proposed))}"
    fields = ("slug", "title", "page_type", "purpose", "sections")
    pages = [{key: proposed[kind][key] for key in fields} for kind in SIX]
    pages[1]["title"] = "Who we are"
    return pages
