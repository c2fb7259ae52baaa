"""Builder UI benchmarks in Chromium (run by ``make bench`` after generation_bench, on its database).

1. For a generated page of each demo website: the preview's Core Web Vitals measured with PerformanceObserver
   (largest-contentful-paint and layout-shift, buffered) on localhost, and the weight of the preview document
   (HTML with the inlined CSS; images not counted).
2. The time from pressing Enter in the chat to the first progress card on screen, and to the first progress
   update that comes from the worker (a phase other than "waiting for a worker").
The server is ``manage.py runserver`` (DEBUG on, so static files are served) with one ``qcluster`` worker.
"""

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB_NAME = "pagebuilder_genbench"
sys.path.insert(0, str(ROOT))
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings", DEBUG="true", EMBEDDED_DB_NAME=DB_NAME, LLM_PROVIDER="offline",
    EMBEDDING_PROVIDER="local", LOG_LEVEL="WARNING", Q_WORKERS="1",
    DJANGO_ALLOW_ASYNC_UNSAFE="true",  # Playwright's sync API runs an event loop in this thread; ORM calls are sync
)  # fmt: skip

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.helpers.generation import FACTS  # noqa: E402
from websites.models import Website  # noqa: E402

OBSERVER = """
window.__lcp = 0; window.__cls = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__lcp = e.startTime; })
  .observe({type: 'largest-contentful-paint', buffered: true});
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
}).observe({type: 'layout-shift', buffered: true});
"""
RUNS = 5


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError("the server did not start")


def _log_in(context, base: str):
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "editor")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page


def vitals(browser, base: str) -> list[dict]:
    rows = []
    for website in Website.objects.filter(subdomain__in=["crumbandco", "brightside"]).order_by("pk"):
        slug = "bench-home"
        call_command("generate_page", website=website.subdomain, intent="a home page for the whole website",
                     slug=slug, context=FACTS, quiet=True)  # fmt: skip
        context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 800})
        page = _log_in(context, base)
        context.add_init_script(OBSERVER)
        url = f"{base}/builder/websites/{website.pk}/pages/{slug}/preview/"
        lcp, cls = [], []
        for _ in range(RUNS):
            page.goto(url, wait_until="load")
            page.wait_for_timeout(300)  # let the observers deliver buffered entries (a measurement, not a sync)
            lcp.append(page.evaluate("window.__lcp"))
            cls.append(page.evaluate("window.__cls"))
        weight = len(page.request.get(url).body())
        rows.append({
            "website": website.name, "lcp_ms": round(statistics.median(lcp), 1), "lcp_max_ms": round(max(lcp), 1),
            "cls": round(max(cls), 4), "weight_kb": round(weight / 1024, 1),
        })  # fmt: skip
        context.close()
    return rows


def enter_to_progress(browser, base: str) -> dict:
    website = Website.objects.get(subdomain="crumbandco")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = _log_in(context, base)
    card_ms, worker_ms = [], []
    for run in range(RUNS):
        page.goto(f"{base}/builder/websites/{website.pk}/pages/bench-chat-{run}-{int(time.time())}/")
        page.fill("#chat-input", "Make a contact page")
        started = time.perf_counter()
        page.press("#chat-input", "Enter")
        page.wait_for_selector(".progress-card, .msg.done", timeout=30_000)
        card_ms.append((time.perf_counter() - started) * 1000)
        page.wait_for_function(
            "() => { const c = document.querySelector('.progress-card .progress-message strong');"
            " return document.querySelector('.msg.done') || (c && !/Waiting/.test(c.textContent)); }",
            timeout=60_000,
        )
        worker_ms.append((time.perf_counter() - started) * 1000)
        page.wait_for_selector(".msg.done, .msg.failed", timeout=60_000)
    context.close()
    return {
        "runs": RUNS,
        "card_p50_ms": round(statistics.median(card_ms), 1),
        "card_max_ms": round(max(card_ms), 1),
        "worker_p50_ms": round(statistics.median(worker_ms), 1),
        "worker_max_ms": round(max(worker_ms), 1),
    }


def main() -> dict:
    port = _free_port()
    env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1,localhost"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE")
    server = subprocess.Popen([sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    worker = subprocess.Popen([sys.executable, "manage.py", "qcluster"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(port)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True,
                args=["--no-sandbox", "--disable-background-networking"],
            )  # fmt: skip
            results = {"vitals": vitals(browser, base), "chat": enter_to_progress(browser, base)}
            browser.close()
    finally:
        worker.send_signal(signal.SIGINT)  # qcluster finishes its tasks and stops its workers
        server.terminate()
        for proc in (worker, server):
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return results


if __name__ == "__main__":
    print(json.dumps(main()))
