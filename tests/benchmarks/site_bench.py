"""Whole-site build benchmark (issue 16; ``run.py site``), in its own database (``pagebuilder_sitebench``): a new
website with data for six pages (``tests.helpers.site_build.rich_website``), its sitemap proposed and edited
through the API down to home, about, services, pricing, team and contact, then built offline N times (default
10, after one warm-up build) by a real django-q2 worker (``manage.py qcluster``), each timed from POST
/site/build to the task reading ``completed`` when polled every 100 ms. The last build is checked as a reader
of the API would (``site_problems``). Prints one JSON line.

The worker is started with this database named in its environment, as ``generation_bench`` does; nothing here
imports another benchmark script, since each of those names its own database in ``os.environ`` on import.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB_NAME = "pagebuilder_sitebench"
sys.path.insert(0, str(ROOT))
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings", DEBUG="true", EMBEDDED_DB_NAME=DB_NAME, LLM_PROVIDER="offline",
    EMBEDDING_PROVIDER="local", Q_WORKERS="1", AI_BUILDER_ROLLOUT_PERCENT="100",
    GENERATION_RATE_LIMIT_PER_MINUTE="100000", LOG_LEVEL="WARNING",
)  # fmt: skip

import django  # noqa: E402

django.setup()

from tests.benchmarks.site_setup import api_for, new_website, prepare_database, six_page_sitemap, wait  # noqa: E402
from tests.benchmarks.timing import summary  # noqa: E402
from tests.helpers.site_build import site_problems  # noqa: E402


def main(runs: int = 10) -> dict:
    prepare_database(ROOT)
    website = new_website()
    api = api_for(website, "sitebench")
    env = {**os.environ, "EMBEDDED_DB_NAME": DB_NAME, "LOG_LEVEL": "WARNING"}
    worker = subprocess.Popen([sys.executable, "manage.py", "qcluster"], cwd=ROOT, env=env)
    timings, built, durations = [], [], []
    try:
        pages = six_page_sitemap(api, website)  # planned by the worker; also loads its embedding model
        body = {"sitemap": {"pages": pages}, "publish": False}
        _build(api, website, body)  # warm-up
        for _ in range(runs):
            elapsed, result = _build(api, website, body)
            timings.append(elapsed)
            durations.append(result["duration_ms"])
            built.append(sum(page["status"] == "built" for page in result["pages"]))
    finally:
        worker.send_signal(signal.SIGINT)
        worker.wait(timeout=60)
    return {
        "pages": [page["page_type"] for page in pages],
        "built_per_run": sorted(set(built)),
        "site_build_ms": summary(timings),
        "worker_duration_ms": summary(durations),
        "problems": site_problems(api, website, result),
    }


def _build(api, website, body: dict) -> tuple[float, dict]:
    started = time.perf_counter()
    task = wait(api, api.post(f"/websites/{website.pk}/site/build", body))
    assert task["status"] == "completed", task
    return (time.perf_counter() - started) * 1000, task["result"]


if __name__ == "__main__":
    print(json.dumps(main(*map(int, sys.argv[1:2]))))
