"""Building a whole site from its sitemap in one task.

Every page of the sitemap whose data is there is written by the generation pipeline (``workflow.build_page``)
as a page of the site (``SiteFrame``): its type and sections from the sitemap, links only to the sitemap's
pages, its own focus keyword and opening line, and what earlier pages said to avoid. Pages are written about
first (the brand's story is its), then home, then the pages a kind of content belongs to, then contact, so a
sentence lands on the page that is about it. Then, across the site: no sentence said twice (``distinct``),
links to pages that could not be built pointed at the contact or home page, one navbar and one footer (chosen
once, kept in the plan) on every page, unique SEO titles and descriptions, and an SEO report per page. Pages
are stored as new versions; with ``publish`` all of them are published in one transaction. Pages of the
sitemap not rebuilt this time get the new navigation as a version of their own, so every menu lists the same
pages.
"""

import logging
import time

from django.db import transaction

from monitoring.models import Operation
from pagebuilder.context import build_context
from pagebuilder.copywriter import sentences
from pagebuilder.models import PageCategory, SitePlan
from pagebuilder.operation_metrics import GenerationMeter
from pagebuilder.pages import drafted_slugs, latest_version
from pagebuilder.providers import get_provider
from pagebuilder.questions import NeedsInput
from pagebuilder.site.copy import fact_homes, page_lead, text_leaves
from pagebuilder.site.distinct import make_distinct
from pagebuilder.site.frame import SiteFrame
from pagebuilder.site.links import SiteLinks, page_href, retargeted
from pagebuilder.site.seo import focus_keywords, unique_seo
from pagebuilder.site.store import store_site
from pagebuilder.workflow import BuiltPage, build_page, usage_summary
from websites import jobs
from websites.errors import AppError
from websites.models import Website

log = logging.getLogger(__name__)
BUILD_ORDER = ("about", "home", "services", "pricing", "menu", "team", "testimonials", "faq", "gallery", "careers",
               "location", "contact")  # fmt: skip


class PageRun:
    """One page of the sitemap in this build: what was planned and what came of it."""

    def __init__(self, page: dict) -> None:
        self.page = page
        self.slug, self.title, self.page_type = page["slug"], page["title"], page["page_type"]
        self.status = "waiting"
        self.built: BuiltPage | None = None
        self.error = ""
        self.questions = list(page.get("needs") or [])

    def state(self) -> dict:
        return {"status": self.status, "error": self.error}


def build_order(runs: list[PageRun]) -> list[PageRun]:
    rank = {page_type: index for index, page_type in enumerate(BUILD_ORDER)}
    return sorted(runs, key=lambda run: rank.get(run.page_type, len(BUILD_ORDER) - 2))


def write_pages(website: Website, plan: SitePlan, request: dict, provider, record) -> tuple[list[PageRun], list]:
    """Write every page of the plan that ``request["only"]`` names (all when it names none); pages that need
    data the site lacks are left waiting with their questions."""
    runs = [PageRun(page) for page in plan.pages]
    only = set(request.get("only") or []) or {run.slug for run in runs}
    for run in runs:
        if run.slug in only and run.questions:
            run.status, run.error = "needs_input", "Waiting for data: " + " ".join(q["text"] for q in run.questions)
    targets = [run for run in runs if run.slug in only and run.status == "waiting"]
    frames = SiteFrames(website, runs)
    avoid: set[str] = set(request.get("avoid") or ()) | kept_sentences(website, runs, only)
    usage: list = []
    for number, run in enumerate(build_order(targets), start=1):
        page_request = {"page_intent": _intent(run), "page_category_slug": run.slug, "provider": provider.name}
        progress = _page_progress(record, run, number, len(targets))
        run.status = "building"
        try:
            run.built = build_page(website, page_request, provider, progress, frames.frame(run, number, avoid))
        except NeedsInput as asking:
            run.status, run.error = "needs_input", str(asking.message)
            run.questions = [q.as_dict() for q in asking.questions]
            continue
        except AppError as error:
            run.status, run.error = "failed", error.message
            continue
        run.status = "built"
        usage += [*run.built.research.usage, *run.built.structure.usage]
        avoid |= {s for _, _, props, _ in run.built.valid for _, t in text_leaves(props) for s in sentences(t)}
    return runs, usage


class SiteFrames:
    """The frame of each page of one build: the site's pages to link, the focus keywords handed out, the facts
    each page is about."""

    def __init__(self, website: Website, runs: list[PageRun]) -> None:
        self.context = build_context(website)
        self.runs = runs
        self.linked = tuple((run.slug, run.title) for run in runs if not run.questions)
        self.homes = fact_homes(self.context)
        self.keywords = focus_keywords([run.page for run in runs if not run.questions], self.context.keywords)

    def frame(self, run: PageRun, number: int, avoid: set[str]) -> SiteFrame:
        return SiteFrame(
            page_type=run.page_type,
            sections=tuple(run.page["sections"]),
            pages=self.linked,
            title=run.title,
            focus_keyword=self.keywords.get(run.slug, ""),
            lead=page_lead(run.page_type, self.context),
            avoid=frozenset(avoid | others_facts(run, self.homes, self.runs)),
            variant=number - 1,
            purpose=run.page.get("purpose") or "",
            homes=self.homes,
        )


def kept_sentences(website: Website, runs: list[PageRun], rebuilt: set[str]) -> set[str]:
    """The copy sentences of the drafts of the sitemap's pages not rebuilt now (navbar and footer left out):
    a page rebuilt alone does not repeat them."""
    said = set()
    for run in runs:
        draft = latest_version(website, run.slug) if run.slug not in rebuilt else None
        for block in (draft.design_payload or {}).get("blocks") or [] if draft else []:
            if isinstance(block, dict) and block.get("_name") not in ("navbar", "footer"):
                said |= {s for _, t in text_leaves(block.get("_props") or {}) for s in sentences(t)}
    return said


def others_facts(run: PageRun, homes: dict[str, str], runs: list[PageRun]) -> set[str]:
    """The facts another page of the sitemap is about (the offers, when there is a services page), which this
    page leaves to it; the home page is the site's overview and may name them (the distinct pass then keeps the
    longer texts on the page they belong to)."""
    if run.page_type == "home":
        return set()
    types = {other.page_type for other in runs if not other.questions}
    return {sentence for sentence, home in homes.items() if home != run.page_type and home in types}


def _intent(run: PageRun) -> str:
    """The page's request as the pipeline reads it: its title and type only. The sitemap's purpose is a note to
    the editor ("Tells who … is"), not copy: it travels in the frame, where a model reads it as guidance and the
    offline planner does not quote it."""
    return f"{run.title} ({run.page_type.replace('_', ' ')} page)"


def _page_progress(record, run: PageRun, number: int, total: int):
    """The workflow's progress callback for page ``number`` of ``total``: the site task's progress runs from 5
    to 85 over the pages; the phase names the page."""

    def progress(phase: str, value: int, message: str) -> None:
        overall = 5 + 80 * ((number - 1) + min(value, 100) / 100) / total
        record(f"{run.slug}:{phase}"[:64], overall, f"Page {number} of {total} ({run.title}): {message}")

    return progress


def finish_site(website: Website, plan: SitePlan, runs: list[PageRun], record) -> tuple[SiteLinks, list[str]]:
    """The site-wide passes over the pages written: distinct copy, links, navigation, SEO."""
    built = [run for run in build_order(runs) if run.status == "built"]
    rebuilt = {run.slug for run in built}
    notes = make_distinct([run.built for run in built], frozenset(kept_sentences(website, runs, rebuilt)))
    record("navigation", 86, "Choosing the site's navbar and footer and linking every page")
    existing = {run.slug for run in runs if run.status == "built"} | _drafted(website, runs)
    links = SiteLinks.of([(run.slug, run.title, run.page_type) for run in runs if run.slug in existing])
    for run in built:
        notes += retarget_links(run, links)
    others = PageCategory.objects.filter(website=website).exclude(slug__in=[run.slug for run in built])
    taken = [(page.seo_title or "", page.seo_description or "") for page in others.exclude(design_payload__isnull=True)]
    unique_seo([(run.slug, run.title, run.built.structure.seo) for run in built], taken)
    return links, notes


def retarget_links(run: PageRun, links: SiteLinks) -> list[str]:
    """Point the page's links to pages the site does not have (one that could not be built) elsewhere."""
    notes, valid = [], run.built.valid
    for index, (semantic_type, component, props, reasoning) in enumerate(valid):
        props, changed = retargeted(props, links)
        if changed:
            valid[index] = (semantic_type, component, props, reasoning)
            notes.append(f"/{run.slug}: {', '.join(sorted(set(changed)))} now lead to {links.fallback_href}.")
    return notes


def _drafted(website: Website, runs: list[PageRun]) -> set[str]:
    """Slugs of sitemap pages not rebuilt now that have a draft from an earlier build."""
    return drafted_slugs(website, [run.slug for run in runs if run.status == "waiting"])


def run_build(task, website: Website, plan: SitePlan, provider, record) -> dict:
    """Build the site for ``task`` and return its result; raises AppError when no page could be built."""
    started = time.monotonic()
    request = task.input or {}
    runs, usage = write_pages(website, plan, request, provider, record)
    if not any(run.status == "built" for run in runs):
        reasons = "; ".join(f"/{run.slug}: {run.error}" for run in runs if run.error)[:900]
        raise AppError(f"No page of the sitemap could be built. {reasons or 'Check the sitemap and try again.'}")
    links, notes = finish_site(website, plan, runs, record)
    record("store", 90, "Saving every page" + (" and publishing the site" if request.get("publish") else ""))
    with transaction.atomic():
        stored = store_site(website, plan, runs, links, task, request)
    result = {
        "site_plan_id": plan.pk,
        "pages": [stored.page_result(run) for run in runs],
        "navigation": stored.navigation,
        "published": stored.published,
        "provider": stored.provider or provider.name,
        "notes": list(dict.fromkeys([*notes, *stored.notes])),
        "usage": usage_summary(usage),
        "duration_ms": round((time.monotonic() - started) * 1000),
    }
    result["links"] = [page_href(slug) for slug in links.slugs]
    return result


def run_site_task(task, provider=None) -> None:
    """Build the site of a claimed task: completed with the per-page result, or failed saying why; the plan
    records how it went and the operators' metrics get one generation for the whole site."""
    request = task.input or {}
    meter = GenerationMeter(task, kind=Operation.Kind.SITE_BUILD)
    website = Website.objects.filter(pk=task.website_id).first()
    plan = SitePlan.objects.filter(pk=request.get("site_plan_id"), website_id=task.website_id).first()
    if website is None or plan is None:
        jobs.fail(task, "The website or its sitemap no longer exists.")
        return
    try:
        provider = provider or get_provider(request.get("provider"))
        result = run_build(task, website, plan, provider, lambda *a: jobs.record_phase(task, *a) or meter.progress(*a))
    except AppError as error:
        _failed(task, plan, error.message, meter)
        return
    except Exception:
        log.exception("Site build %s crashed", task.pk)
        _failed(task, plan, "The site builder hit an internal error; the team has the details. Try again.", meter)
        return
    built = sum(1 for page in result["pages"] if page["status"] == "built")
    waiting = len(result["pages"]) - built
    message = f"Built {built} page{'s' if built != 1 else ''}" + (
        " and published the site" if result["published"] else ""
    )
    jobs.complete(task, result, message + (f"; {waiting} not built (see each page)." if waiting else "."))
    sections = [section for page in result["pages"] for section in page.get("sections") or []]
    meter.record(Operation.Outcome.COMPLETED, {**result, "sections": sections})


def _failed(task, plan: SitePlan, message: str, meter: GenerationMeter) -> None:
    jobs.fail(task, message)
    states = {slug: ({**state, "status": "failed", "error": message} if state.get("status") == "building" else state)
              for slug, state in (plan.page_states or {}).items()}  # fmt: skip
    SitePlan.objects.filter(pk=plan.pk).update(status=SitePlan.Status.FAILED, page_states=states)
    meter.record(Operation.Outcome.FAILED, error=message)
