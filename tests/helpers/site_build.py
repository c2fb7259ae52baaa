"""Checks of a whole built site (issue 16) read through the API, and a new website with data for six pages.

``site_problems`` reads every page's draft with ``GET …/pages/{slug}`` and the site with ``GET …/site`` and says
every way the site breaks the issue's rules: navbar first and footer last, the same on every page, linking to
exactly the built pages in sitemap order; every internal link resolving; no copy sentence on two pages (by an
independent splitter here and by ``pagebuilder.site.copy.repeated_sentences``); SEO titles and descriptions
within limits and unique; each page's own focus keyword in its heading and SEO title; every block valid.
"""

import json
import re
from collections import defaultdict

from pagebuilder.context import build_context
from pagebuilder.site.copy import repeated_sentences
from pagebuilder.site.links import hrefs, internal_path
from pagebuilder.validation import validate_block
from registry.models import AiSemanticComponent
from websites.models import BrandGuide, MediaRecord, SeoKeyword, Website
from websites.site_facts import add_fact

SHARED = ("navbar", "footer")
# Keys whose strings are not a page's copy (media, links, identifiers), as a reader of the payload sees them.
NOT_COPY = {"alt", "src", "href", "url", "id", "icon", "image", "avatar", "logo", "mapQuery", "variant"}
MIN_WORDS = 4
SEO_TITLE_MAX, SEO_DESCRIPTION_MAX = 60, 160
PAGE_FIELDS = ("slug", "title", "page_type", "purpose", "sections")


class SiteApi:
    """The JSON API as a client calls it; on-commit callbacks run, so queued work runs (inline queue)."""

    def __init__(self, client, capture, key: str) -> None:
        self.client, self.capture, self.key = client, capture, key

    def post(self, path: str, body: dict, key: str | None = None, **headers):
        with self.capture(execute=True):
            return self.client.post(f"/api/v1{path}", json.dumps(body), content_type="application/json",
                                    HTTP_AUTHORIZATION=f"Bearer {key or self.key}", **headers)  # fmt: skip

    def get(self, path: str, key: str | None = None):
        return self.client.get(f"/api/v1{path}", HTTP_AUTHORIZATION=f"Bearer {key or self.key}")

    def task(self, started) -> dict:
        assert started.status_code == 202, started.content
        return self.get(f"/tasks/{started.json()['task_id']}").json()

    def plan(self, website: Website, intent: str) -> list[dict]:
        task = self.task(self.post(f"/websites/{website.pk}/site/plan", {"intent": intent}))
        assert task["status"] == "completed", task
        return [{k: page[k] for k in PAGE_FIELDS} for page in task["result"]["sitemap"]["pages"]]

    def build(self, website: Website, **body) -> dict:
        return self.task(self.post(f"/websites/{website.pk}/site/build", body))

    def site(self, website: Website) -> dict:
        response = self.get(f"/websites/{website.pk}/site")
        assert response.status_code == 200, response.content
        return response.json()

    def draft(self, website: Website, slug: str) -> dict:
        return self.get(f"/websites/{website.pk}/pages/{slug}").json()["draft"]


def rich_website() -> Website:
    """A physiotherapy practice not in the demo data, with what six pages need: brand guide, seven keywords,
    offerings, team, a price plan, phone, e-mail, address and photos with alt texts."""
    site = Website.objects.create(name="Harbour Physio", domain="harbourphysio.test", subdomain="harbourphysio")
    BrandGuide.objects.create(
        website=site, industry="physiotherapy clinic", brand_voice="warm and precise",
        target_audience="active adults and people recovering from injury", primary_color="#0f5c6e",
        secondary_color="#f2b134",
        summary="Harbour Physio is a physiotherapy practice by the harbour treating sports injuries and back pain.",
    )  # fmt: skip
    keywords = ("physiotherapy harbour", "sports injury physio", "back pain treatment", "physio team",
                "physio prices", "contact physiotherapist", "physio near the harbour")  # fmt: skip
    for rank, keyword in enumerate(keywords):
        SeoKeyword.objects.create(website=site, keyword=keyword, priority=100 - rank)
    photos = (("clinic.jpg", "Treatment room with a window onto the harbour"),
              ("exercise.jpg", "A physiotherapist guiding a knee exercise"),
              ("reception.jpg", "The reception desk of Harbour Physio"))  # fmt: skip
    for name, alt in photos:
        MediaRecord.objects.create(website=site, media_type="image", cdn_url=f"https://cdn.harbour.test/{name}",
                                   title=alt.split(" with ")[0], alt_text=alt, width=1600, height=1000)  # fmt: skip
    for kind, data in (
        ("offering", {"name": "Sports injury rehab", "description": "Return to running, cycling and swimming."}),
        ("offering", {"name": "Back pain care", "description": "Manual therapy and a home exercise plan."}),
        ("offering", {"name": "Post-surgery recovery", "description": "Guided rehab after knee and hip surgery."}),
        ("team_member", {"name": "Ines Caldera", "role": "Lead physiotherapist"}),
        ("team_member", {"name": "Omar Haddad", "role": "Sports physiotherapist"}),
        ("pricing_plan", {"name": "First assessment", "price": "85", "currency": "USD", "period": "visit"}),
        ("pricing_plan", {"name": "Follow-up session", "price": "60", "currency": "USD", "period": "visit"}),
        ("phone", {"phone": "+1 555 0142"}),
        ("email", {"email": "care@harbourphysio.test"}),
        ("address", {"address": "4 Quay Street, Portsmouth, 02201"}),
        ("opening_hours", {"days": "Monday to Friday", "hours": "8:00–19:00"}),
    ):
        add_fact(site, kind, data)
    return site


def edited(pages: list[dict]) -> list[dict]:
    """The proposal as an editor edits it: the about page renamed, the last pages before contact removed (one
    at least, down to six pages), contact moved right after home, the services page's sections changed."""
    pages = [dict(page) for page in pages]
    for page in pages:
        if page["page_type"] == "about":
            page["title"] = "Who we are"
        if page["page_type"] == "services":
            page["sections"] = ["hero", "services", "faq" if "faq" in page["sections"] else "cta"]
    contact = next(page for page in pages if page["page_type"] == "contact")
    rest = [page for page in pages if page is not contact]
    removable = [page for page in rest if page["page_type"] not in ("home", "about", "services")]
    while removable and (len(rest) + 1 > 6 or len(rest) == len(pages) - 1):  # one page less, six at most
        rest.remove(removable.pop())
    return [rest[0], contact, *rest[1:]]


def copy_sentences_of(payload: dict) -> set[str]:
    """The page's sentences of at least four words outside the navbar and footer, split here (not by the
    builder's splitter): at ., ! or ? followed by a space; words compared lower case."""
    found = set()
    for block in payload.get("blocks") or []:
        if block.get("_name") in SHARED:
            continue
        for text in _texts(block.get("_props")):
            for piece in re.split(r"(?<=[.!?])\s+", text):
                words = re.findall(r"[^\W\d_]+", piece.lower())
                if len(words) >= MIN_WORDS:
                    found.add(" ".join(words))
    return found


def _texts(value: object, key: str = "") -> list[str]:
    if isinstance(value, dict):
        return [t for k, v in value.items() if k not in NOT_COPY for t in _texts(v, k)]
    if isinstance(value, list):
        return [t for item in value for t in _texts(item, key)]
    return [value] if isinstance(value, str) and key not in NOT_COPY else []


def linked_slugs(props: dict, by_path: dict[str, str]) -> list[str]:
    """The pages a block links to, in order of first appearance ("/" is the home page)."""
    order: list[str] = []
    for _, href in hrefs(props):
        path = internal_path(href)
        slug = by_path.get(path) if path else None
        if path and slug is None:
            order.append(f"?{href}")
        elif slug and slug not in order:
            order.append(slug)
    return order


def site_problems(api: SiteApi, website: Website, result: dict) -> list[str]:
    """Every way the built site breaks the rules (empty when it keeps them); ``result`` is the build task's."""
    site = api.site(website)
    built = [page["slug"] for page in site["pages"] if page["state"] in ("draft", "published")]
    payloads = {slug: api.draft(website, slug)["design_payload"] for slug in built}
    home = next((page["slug"] for page in site["pages"] if page["page_type"] == "home"), None)
    by_path = {f"/{slug}": slug for slug in built} | ({"/": home} if home in built else {})
    problems = _navigation_problems(payloads, built, by_path)
    problems += _link_problems(payloads, by_path)
    problems += _copy_problems(payloads)
    problems += _seo_problems(site, result, built, len(website.seo_keywords.all()))
    problems += _contract_problems(website, payloads)
    return problems


def own_section_problems(site: dict, result: dict) -> list[str]:
    """A built page planned with a section of its own type (the services section of the services page) has it."""
    planned = {page["slug"]: page["sections"] for page in site["pages"]}
    return [
        f"/{page['slug']}: its own {page['page_type']} section is missing; notes: "
        f"{[n for n in result['notes'] if n.startswith('/' + page['slug'])] + page['notes']}"
        for page in result["pages"]
        if page["status"] == "built"
        and page["page_type"] in planned.get(page["slug"], ())
        and page["page_type"] not in {s["semantic_type"] for s in page["sections"]}
    ]


def _navigation_problems(payloads: dict[str, dict], built: list[str], by_path: dict[str, str]) -> list[str]:
    problems, shared = [], defaultdict(set)
    for slug, payload in payloads.items():
        names = [block["_name"] for block in payload["blocks"]]
        if names.count("navbar") != 1 or names[0] != "navbar":
            problems.append(f"/{slug}: blocks {names}: not exactly one navbar, first")
        if names.count("footer") != 1 or names[-1] != "footer":
            problems.append(f"/{slug}: blocks {names}: not exactly one footer, last")
        for block in payload["blocks"]:
            if block["_name"] in SHARED:
                shared[block["_name"]].add(json.dumps([block["_component"], block["_props"]], sort_keys=True))
                if (links := linked_slugs(block["_props"], by_path)) != built:
                    problems.append(f"/{slug}: the {block['_name']} links to {links}, not the built pages {built}")
    problems += [
        f"{kind} differs between pages: {len(seen)} versions" for kind, seen in shared.items() if len(seen) > 1
    ]
    return problems


def _link_problems(payloads: dict[str, dict], by_path: dict[str, str]) -> list[str]:
    return [
        f"/{slug}: {block['_name']}.{path} = {href!r} leads to no built page"
        for slug, payload in payloads.items()
        for block in payload["blocks"]
        for path, href in hrefs(block["_props"])
        if internal_path(href) is not None and internal_path(href) not in by_path
    ]


def _copy_problems(payloads: dict[str, dict]) -> list[str]:
    seen = defaultdict(list)
    for slug, payload in payloads.items():
        for sentence in copy_sentences_of(payload):
            seen[sentence].append(slug)
    problems = [f"said on {slugs}: {sentence!r}" for sentence, slugs in seen.items() if len(slugs) > 1]
    return problems + [f"copy.repeated_sentences: {s!r} on {p}" for s, p in repeated_sentences(payloads).items()]


def _seo_problems(site: dict, result: dict, built: list[str], keyword_count: int) -> list[str]:
    pages = [page for page in site["pages"] if page["slug"] in built]
    problems = [f"/{p['slug']}: SEO title of {len(p['seo_title'])} characters" for p in pages
                if not 0 < len(p["seo_title"]) <= SEO_TITLE_MAX]  # fmt: skip
    problems += [f"/{p['slug']}: SEO description of {len(p['seo_description'])} characters" for p in pages
                 if not 0 < len(p["seo_description"]) <= SEO_DESCRIPTION_MAX]  # fmt: skip
    for field in ("seo_title", "seo_description"):
        values = [page[field].lower() for page in pages]
        problems += [f"{field} {v!r} on two pages" for v in set(values) if values.count(v) > 1]
    reported = {page["slug"]: page for page in result["pages"] if page["status"] == "built"}
    keywords = [page["focus_keyword"] for page in reported.values()]
    if keyword_count >= len(built) and (not all(keywords) or len(set(keywords)) != len(keywords)):
        problems.append(f"focus keywords {keywords}: not one of its own per page")
    for slug, page in reported.items():
        checks = {check["check"]: check for check in page["seo_report"]["checks"]}
        problems += [f"/{slug}: SEO check {name} failed: {check['detail']}" for name, check in checks.items()
                     if not check["passed"]]  # fmt: skip
        if "focus_keyword_in_heading" not in checks or "focus_keyword_in_title" not in checks:
            problems.append(f"/{slug}: the SEO report has no focus keyword checks: {sorted(checks)}")
        if page["focus_keyword"] and page["focus_keyword"].lower() not in page["seo_metadata"]["title"].lower():
            problems.append(
                f"/{slug}: focus keyword {page['focus_keyword']!r} not in {page['seo_metadata']['title']!r}"
            )
    return problems


def _contract_problems(website: Website, payloads: dict[str, dict]) -> list[str]:
    context = build_context(website)
    ids = {block["_component"] for payload in payloads.values() for block in payload["blocks"]}
    components = {c.component_id: c for c in AiSemanticComponent.objects.filter(component_id__in=ids)}
    return [
        f"/{slug}: {block['_component']}: {violation}"
        for slug, payload in payloads.items()
        for block in payload["blocks"]
        for violation in validate_block(
            components.get(block["_component"]), block["_component"], block["_props"], context
        )
    ]
