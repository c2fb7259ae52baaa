"""Page generation benchmarks (run by ``make bench`` in a child process with its own database).

1. Offline generation end to end through the API and a real django-q2 worker (``manage.py qcluster``): time
   from POST /pages/generate to the task reading ``completed`` when polled every 100 ms, for every playbook page
   type on both demo websites.
2. The Claude path with a fake Anthropic transport that answers instantly: the pipeline's own overhead per
   page (context, search, validation, repair, storage), and the input/output tokens of every request the
   transport received (estimated as characters / 4 of the request JSON, the usual rule of thumb) with the
   cost that implies at the configured prices.
3. The same offline run through the API and a worker with only the real @opensite/ui library live (the export
   synced with ``--prune``, which deprecates the demo blocks): timings, and per page type the sections per
   page and how many pages hold every required section of their playbook.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB_NAME = "pagebuilder_genbench"
sys.path.insert(0, str(ROOT))
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings",
    DEBUG="true",
    EMBEDDED_DB_NAME=DB_NAME,
    LLM_PROVIDER="offline",
    EMBEDDING_PROVIDER="local",
    Q_WORKERS="2",
    AI_BUILDER_ROLLOUT_PERCENT="100",
    GENERATION_RATE_LIMIT_PER_MINUTE="100000",
    LOG_LEVEL="WARNING",
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from pagebuilder.playbooks import PLAYBOOKS  # noqa: E402
from tests.benchmarks.timing import summary  # noqa: E402
from tests.helpers.generation import FACTS  # noqa: E402
from tests.pagebuilder.test_offline_generation import INTENTS  # noqa: E402
from websites.api_clients import api_client_create  # noqa: E402
from websites.models import ApiClient, Website  # noqa: E402


def prepare() -> list[Website]:
    call_command("bootstrap_schema", verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("seed_demo", verbosity=0)
    call_command("sync_registry", str(ROOT / "registry" / "fixtures" / "demo-registry.json"), verbosity=0)
    call_command("generate_style_guide", all_missing=True, provider="offline", verbosity=0)
    return list(Website.objects.filter(subdomain__in=["crumbandco", "brightside"]).order_by("pk"))


def offline_through_api(websites: list[Website]) -> tuple[dict, list[dict]]:
    """Timings of every playbook page type on every website, and per page what was built."""
    ApiClient.objects.filter(name="genbench").delete()
    _, key = api_client_create(name="genbench", websites=websites)
    env = {**os.environ, "EMBEDDED_DB_NAME": DB_NAME, "LOG_LEVEL": "WARNING"}
    worker = subprocess.Popen([sys.executable, "manage.py", "qcluster"], cwd=ROOT, env=env)
    client = Client(HTTP_HOST="localhost")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    try:
        _warm_up(client, auth, websites[0])
        timings, pages = [], []
        for website in websites:
            for playbook in PLAYBOOKS:
                intent, slug = INTENTS[playbook.page_type], playbook.slugs[0]
                elapsed, result = _run_one(client, auth, website, intent, slug, FACTS)
                timings.append(elapsed)
                built = [section["semantic_type"] for section in result["sections"]]
                required = [s.semantic_type for s in playbook.sections if s.required]
                pages.append(
                    {"page_type": playbook.page_type, "sections": len(built),
                     "all_required": all(name in built for name in required),
                     "missing": sorted(set(required) - set(built))}
                )  # fmt: skip
    finally:
        worker.send_signal(signal.SIGINT)
        worker.wait(timeout=60)
    return summary(timings), pages


def per_page_type(pages: list[dict]) -> list[dict]:
    rows = []
    for playbook in PLAYBOOKS:
        mine = [page for page in pages if page["page_type"] == playbook.page_type]
        rows.append(
            {
                "page_type": playbook.page_type,
                "pages": len(mine),
                "sections": [page["sections"] for page in mine],
                "all_required": sum(page["all_required"] for page in mine),
                "missing": sorted({name for page in mine for name in page["missing"]}),
            }
        )
    return rows


def real_library_only(websites: list[Website]) -> dict:
    """Sync the export with --prune (cold: every embedding computed), then the offline run again."""
    export = ROOT.parent / "shared" / "opensite" / "registry-export.json"
    started = time.perf_counter()
    call_command("sync_registry", str(export), prune=True, verbosity=0)
    sync_seconds = round(time.perf_counter() - started, 1)
    timings, pages = offline_through_api(websites)
    return {"sync_seconds": sync_seconds, "offline_api": timings, "page_types": per_page_type(pages)}


def _warm_up(client: Client, auth: dict, website: Website) -> None:
    """Queue one task per worker process at once, so every worker has loaded the model before timing starts."""
    body = json.dumps({"page_intent": "contact us page", "page_category_slug": "warm-up"})
    ids = [
        client.post(
            f"/api/v1/websites/{website.pk}/pages/generate", body, content_type="application/json", **auth
        ).json()["task_id"]
        for _ in range(2 * int(os.environ["Q_WORKERS"]))
    ]
    deadline = time.perf_counter() + 180
    while ids and time.perf_counter() < deadline:
        ids = [
            i for i in ids if client.get(f"/api/v1/tasks/{i}", **auth).json()["status"] not in ("completed", "failed")
        ]
        time.sleep(0.05)


def _run_one(client: Client, auth: dict, website: Website, intent: str, slug: str, context: str) -> tuple[float, dict]:
    body = {"page_intent": intent, "page_category_slug": slug, "additional_context": context}
    started = time.perf_counter()
    response = client.post(
        f"/api/v1/websites/{website.pk}/pages/generate", json.dumps(body), content_type="application/json", **auth
    )
    assert response.status_code == 202, response.content[:300]
    task_id = response.json()["task_id"]
    deadline = started + 120
    while time.perf_counter() < deadline:
        task = client.get(f"/api/v1/tasks/{task_id}", **auth).json()
        if task["status"] in ("completed", "failed"):
            assert task["status"] == "completed", task
            return (time.perf_counter() - started) * 1000, task["result"]
        time.sleep(0.1)
    raise TimeoutError(f"task {task_id} did not finish in 120 s")


def main() -> dict:
    websites = prepare()
    results = {"offline_api": offline_through_api(websites)[0]}
    try:
        from tests.benchmarks import claude_bench
    except ImportError:
        results["claude"] = None
    else:
        results["claude"] = claude_bench.run(websites)
    results["real_library"] = real_library_only(websites)  # last: it deprecates the demo blocks
    return results


if __name__ == "__main__":
    print(json.dumps(main()))
