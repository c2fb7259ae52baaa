"""Writes RESULTS.md with the machine and date beside the figures."""

import os
import platform
from datetime import UTC, datetime
from pathlib import Path

from tests.benchmarks.load_report import load_lines
from tests.benchmarks.ops_report import operations_lines

RESULTS = Path(__file__).with_name("RESULTS.md")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{memory_kb / 1024 / 1024:.0f} GiB RAM"
    except OSError:
        memory = "unknown RAM"
    return f"{cpu}, {os.cpu_count()} cores, {memory}, Python {platform.python_version()}, {platform.system()}"


def write_results(
    sync: dict,
    search: dict,
    generation: dict | None = None,
    ui: dict | None = None,
    operations=None,
    load: dict | None = None,
    site: list[str] | None = None,
) -> Path:
    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on: {machine()}.",
        "Embedded PostgreSQL 18 + pgvector; local embedding model (all-MiniLM-L6-v2, numpy); `make bench`.",
        "",
        f"## Registry sync (real @opensite/ui export, {sync['blocks']} blocks)",
        "",
        "| run | created | updated | unchanged | embeddings computed | seconds | target |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, target in (("cold", "≤ 60 s"), ("warm", "≤ 3 s")):
        c = sync[name]
        lines.append(
            f"| {name} | {c['created']} | {c['updated']} | {c['unchanged']} | "
            f"{c['embeddings computed']} | {c['seconds']} | {target} |"
        )
    lines += [
        "",
        "## Search latency through HTTP (gunicorn, 2 workers x 4 threads, 605 components, limit 10)",
        "",
        "| queries | concurrency | requests | p50 ms | p95 ms | p99 ms | req/s |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in search["latency"]:
        lines.append(
            f"| {row['queries']} | {row['concurrency']} | {row['requests']} | {row['p50_ms']} | "
            f"{row['p95_ms']} | {row['p99_ms']} | {row['throughput_rps']} |"
        )
    lines += search_cost_lines(search)
    if generation:
        lines += generation_lines(generation)
    if ui:
        lines += ui_lines(ui)
    if operations:
        lines += operations_lines(*operations)
    if load:
        lines += load_lines(load)
    if site:
        lines += ["", *site]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    return RESULTS


def generation_lines(results: dict) -> list[str]:
    api, claude = results["offline_api"], results.get("claude")
    lines = [
        "## Page generation (demo registry, both demo websites, every playbook page type, with editor facts)",
        "",
        "| measure | pages | p50 | p95 | max | target |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| offline, POST to completed through the API and a qcluster worker (ms) | {api['n']} | {api['p50']} | "
        f"{api['p95']} | {api['max']} | p95 ≤ 2000 ms |",
    ]
    if claude:
        lines += [
            f"| Claude path with an instant fake transport: pipeline overhead (ms) | {claude['pages']} | "
            f"{claude['overhead_p50_ms']} | {claude['overhead_p95_ms']} | | ≤ 300 ms |",
            "",
            f"Claude tokens per page ({claude['models']}; counted from the requests the fake transport received,",
            "characters / 4; every page pays for research (cache emptied), reading the editor's facts and one repair",
            "round):",
            "",
            "| measure | mean | max | target |",
            "| --- | --- | --- | --- |",
            f"| input tokens, all calls ({claude['calls_per_page']} per page) | {claude['input_tokens_mean']} | "
            f"{claude['input_tokens_max']} | ≤ 24000 |",
            f"| input tokens without a repair round | {claude['input_tokens_without_repair_mean']} | "
            f"{claude['input_tokens_without_repair_max']} | ≤ 24000 |",
            f"| input tokens of the structure call | {claude['structure_input_tokens_mean']} | | |",
            f"| output tokens | {claude['output_tokens_mean']} | | |",
            f"| USD at websites/claude_models.py prices, no prompt-cache discount | {claude['cost_usd_mean']} | "
            f"{claude['cost_usd_max']} | |",
            "",
            "The original plan spent about 64k input tokens per page (research with the whole registry, then the",
            "structure call with it again); here Claude only ever sees the five candidates of each planned section,",
            "each with its own props schema in the answer schema (about 6k of the structure call's tokens on a",
            "6-section page; the largest pages here have 9 sections, 45 candidates).",
        ]
    if results.get("real_library"):
        lines += ["", *real_library_lines(results["real_library"])]
    return [*lines, ""]


def real_library_lines(real: dict) -> list[str]:
    api = real["offline_api"]
    lines = [
        "## Page generation with only the real @opensite/ui library live (605 blocks, demo blocks deprecated)",
        "",
        f"Export synced into the generation database with `--prune` in {real['sync_seconds']} s (cold: every",
        "embedding computed, while nothing else runs). Then every playbook page type on both demo websites, offline",
        "through the API and a qcluster worker:",
        "",
        "| measure | pages | p50 | p95 | max | target |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| offline, POST to completed (ms) | {api['n']} | {api['p50']} | {api['p95']} | {api['max']} | "
        "p95 ≤ 2000 ms |",
        "",
        "| page type | pages | sections per page | pages with every required section | required sections left out |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in real["page_types"]:
        missing = ", ".join(row["missing"]) or "none"
        sections = ", ".join(str(n) for n in row["sections"])
        lines.append(
            f"| {row['page_type']} | {row['pages']} | {sections} | {row['all_required']} of {row['pages']} | "
            f"{missing} |"
        )
    lines += [
        "",
        "A required section is left out only when no block can be filled from the site's data; the task result and",
        "the chat say which and why. The library has no block that lists open positions (its nearest is",
        "contact-careers, an application form), so a careers page says that no careers block is registered.",
    ]
    return lines


def ui_lines(results: dict) -> list[str]:
    lines = [
        "## Builder UI in Chromium (localhost, `manage.py runserver` + one qcluster worker; real library live)",
        "",
        "Preview of a generated home page per demo website, Core Web Vitals from PerformanceObserver (median of 5",
        "loads; CLS is the worst load) and the document's weight (HTML with inlined CSS, images not counted):",
        "",
        "| website | LCP p50 ms | LCP max ms | CLS | HTML+CSS KB |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in results["vitals"]:
        lines.append(
            f"| {row['website']} | {row['lcp_ms']} | {row['lcp_max_ms']} | {row['cls']} | {row['weight_kb']} |"
        )
    chat = results["chat"]
    lines += [
        "",
        "Targets: LCP ≤ 1500 ms, CLS ≤ 0.05, HTML+CSS ≤ 60 KB.",
        "",
        f"Chat, {chat['runs']} runs: pressing Enter to the progress card on screen p50 {chat['card_p50_ms']} ms "
        f"(max {chat['card_max_ms']} ms); to the first update from the worker (polled every second) p50 "
        f"{chat['worker_p50_ms']} ms (max {chat['worker_max_ms']} ms).",
        "",
    ]
    return lines


def search_cost_lines(search: dict) -> list[str]:
    """The cost of one search whose query vector is cached, per ``fields``, and of one uncached embedding."""
    embedding = search["embedding"]
    lines = [
        "",
        "Cost of one search with its query vector cached (600 requests from 40 popular queries at concurrency 10;",
        "CPU of gunicorn's processes and of the PostgreSQL backends serving them, from /proc):",
        "",
        "| fields | CPU ms per search | bytes for 10 hits | p50 ms | p95 ms | req/s |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in search["cost"]:
        lines.append(
            f"| {row['fields']} | {row['cpu_ms_per_search']} | {row['bytes_10_hits']} | {row['p50_ms']} | "
            f"{row['p95_ms']} | {row['throughput_rps']} |"
        )
    return [
        *lines,
        "",
        f"One uncached query embedding (local model, one BLAS thread, {embedding['queries']} queries): "
        f"p50 {embedding['p50_ms']} ms, p95 {embedding['p95_ms']} ms.",
        "",
        "Targets (issue 15): at most 4 ms of CPU per cached search (Django plus PostgreSQL); p95 ≤ 50 ms at",
        "concurrency 10 and at least 300 requests per second; an uncached query embedding in at most 8 ms.",
        "",
        "Where the CPU of one cached search goes (re-examined for issue 15 item 1; `run.py search-cost` measures only",
        "this part): PostgreSQL about 2.7 ms of backend CPU per search (EXPLAIN ANALYZE: ~0.65 ms planning, ~2.4 ms",
        "executing, of which the HNSW walk over 1024-d vectors at ef_search 64 is ~1 ms, the full-text rank ~0.5 ms —",
        "its documents are already stored and GIN-indexed in `registry_componentsyncstate.search_document`, nothing",
        "is computed per query — tags ~0.1 ms, fusion and the similarity lookups of word-only candidates ~0.3 ms). A",
        "prepared statement with server-side binding, even with a forced generic plan, saved under 0.1 ms of backend",
        "CPU (measured on a raw psycopg cursor, 3 x 400 searches), so the statement stays one client-bound message.",
        "Django about 1.2 ms (summary) and 1.5 ms (full) in-process since the search endpoint renders its",
        "already-shaped hits without response-schema validation (before: 1.3 and 2.0 ms). What is left is the HNSW",
        "distance work over 1024-d vectors (the local model's 384-d vectors are stored padded; the column is",
        "Rails-owned).",
        "",
    ]
