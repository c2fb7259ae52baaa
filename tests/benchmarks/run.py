"""`make bench`: registry sync, search latency and page generation, written to tests/benchmarks/RESULTS.md.

Runs against its own database (``pagebuilder_bench`` in the embedded server) so dev data is untouched:
1. cold sync of the real @opensite/ui export (605 blocks, every embedding computed) and a warm resync;
2. search latency through HTTP against gunicorn (2 workers x 4 threads, DEBUG off), p50/p95/p99 over 600
   distinct queries (every query embedded: the query cache cannot help) and over 600 requests drawn from 40
   popular queries (the per-process query cache warm), each at concurrency 1 and 10;
3. page generation (``generation_bench``, in a child process with its own database ``pagebuilder_genbench``):
   offline through the API and a real worker, and the Claude path's overhead and tokens over a fake transport;
4. the builder in Chromium (``ui_bench``, on the same database): the preview's Core Web Vitals and weight, and
   the time from pressing Enter in the chat to the first progress update;
5. operations (``metrics_bench``, ``dashboard_bench``, each with its own database): the request-metrics
   middleware's cost per request and the admin dashboard's render time over 100,000 requests and 10,000 tasks.
   ``run.py operations`` measures only these and replaces their section of RESULTS.md;
6. load (``load_test``, its own database): 5,000 searches at concurrency 50, then task-status polling at 200
   requests a second for 60 s, through gunicorn. ``run.py load`` measures only this and replaces its section
   (options after ``load`` go to ``load_test.py``, e.g. ``--port 8840``).
7. the whole site (issue 16; ``site_bench``, ``site_token_bench``, each with its own database): a six-page site
   built offline through the API and a worker, timed over 10 builds; and the Claude input tokens of the same
   site over the fake transport with prompt caching. ``run.py site [runs]`` and ``run.py site-tokens`` measure
   only one of them and replace its section.
``run.py search-cost [rounds]`` measures only the server CPU per cached search (median of rounds, default 5) and
prints it as JSON without writing RESULTS.md; ``BENCH_DB_NAME`` names another database with the real library
synced (default ``pagebuilder_bench``, which ``make bench`` fills).
   Failed requests do not stop ``make bench``: the figures are written with the errors, then it exits 1.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings",
    DEBUG="true",
    EMBEDDED_DB_NAME=os.environ.get("BENCH_DB_NAME") or "pagebuilder_bench",
    LLM_PROVIDER="offline",
    EMBEDDING_PROVIDER="local",
)

import django  # noqa: E402

django.setup()

from tests.benchmarks import load_report, search_bench, sync_bench  # noqa: E402
from tests.benchmarks.load import ERRORS_EXIT  # noqa: E402
from tests.benchmarks.ops_report import operations_lines, replace_section  # noqa: E402
from tests.benchmarks.report import RESULTS, write_results  # noqa: E402
from tests.benchmarks.site_report import BUILD_TITLE, TOKENS_TITLE, build_lines, tokens_lines  # noqa: E402


def _child(script: str, *args: str, accept: tuple[int, ...] = (0,)) -> dict:
    """Run one benchmark script in its own process (it uses its own database) and return its JSON line; an exit
    status outside ``accept`` stops the benchmarks."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name(script)), *args],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    if done.returncode not in accept:
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-6000:])
        raise SystemExit(f"{script} failed (exit {done.returncode}); its output is above.")
    return json.loads(done.stdout.strip().splitlines()[-1])


def operations_only() -> int:
    """``run.py operations``: measure only the operations benchmarks and replace their section of RESULTS.md."""
    lines = operations_lines(_child("metrics_bench.py"), _child("dashboard_bench.py"))
    RESULTS.write_text(replace_section(RESULTS.read_text(encoding="utf-8"), lines), encoding="utf-8")
    print(f"Operations results written to {RESULTS}")
    return 0


def _load(*args: str) -> dict:
    """The load test's figures; failed requests are in them (and make ``make bench`` exit 1 at the end)."""
    return _child("load_test.py", *args, accept=(0, ERRORS_EXIT))


def load_only(args: list[str]) -> int:
    """``run.py load [load_test options]``: run only the load test and replace its section of RESULTS.md."""
    results = _load(*args)
    text = replace_section(RESULTS.read_text(encoding="utf-8"), load_report.load_lines(results), load_report.TITLE)
    RESULTS.write_text(text, encoding="utf-8")
    print(f"Load results written to {RESULTS}")
    return 1 if results["errors"] else 0


def site_only(args: list[str]) -> int:
    """``run.py site [runs]`` / ``run.py site-tokens``: one whole-site benchmark, replacing its section."""
    if args[0] == "site":
        lines, title = build_lines(_child("site_bench.py", *args[1:2])), BUILD_TITLE
    else:
        lines, title = tokens_lines(_child("site_token_bench.py")), TOKENS_TITLE
    RESULTS.write_text(replace_section(RESULTS.read_text(encoding="utf-8"), lines, title), encoding="utf-8")
    print(f"Whole-site results written to {RESULTS}")
    return 0


def main() -> int:
    if sys.argv[1:] == ["operations"]:
        return operations_only()
    if sys.argv[1:2] == ["search-cost"]:
        print(json.dumps(search_bench.cost(*map(int, sys.argv[2:3]))))
        return 0
    if sys.argv[1:2] == ["load"]:
        return load_only(sys.argv[2:])
    if sys.argv[1:2] in (["site"], ["site-tokens"]):
        return site_only(sys.argv[1:])
    export = ROOT.parent / "shared" / "opensite" / "registry-export.json"
    if not export.exists():
        print(f"{export} is missing: the benchmarks need the real @opensite/ui export.", file=sys.stderr)
        return 1
    sync_results = sync_bench.run(export)
    search_results = search_bench.run()
    generation_results = _child("generation_bench.py")
    ui_results = _child("ui_bench.py")
    operations = (_child("metrics_bench.py"), _child("dashboard_bench.py"))
    load = _load()
    site = build_lines(_child("site_bench.py")) + tokens_lines(_child("site_token_bench.py"))
    path = write_results(sync_results, search_results, generation_results, ui_results, operations, load, site)
    print(f"Results written to {path}")
    if load["errors"]:
        print(f"The load test saw {load['errors']} failed requests; see RESULTS.md.", file=sys.stderr)
    return 1 if load["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
