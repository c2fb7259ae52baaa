"""Storing a built site: each page's payload with the site's navbar and footer, its SEO report, a new version
per page, the navigation brought to every other page of the sitemap, and, when asked, the whole site published.

Runs inside the build's transaction, so a failure stores nothing and publishes nothing. The navbar and footer
blocks are chosen once per sitemap and kept in the plan (``SitePlan.navigation``): a later build, of one page or
all, fills the same blocks with the current pages.
"""

from dataclasses import asdict, dataclass, field

from django.contrib.auth import get_user_model

from pagebuilder.context import build_context
from pagebuilder.models import PageCategory, PageVersion, SitePlan
from pagebuilder.pages import drafted_slugs, latest_version, save_version
from pagebuilder.payload import block_id, block_styles, effective_theme
from pagebuilder.seo_report import SitePages, media_alt_texts, seo_report
from pagebuilder.site.links import SiteLinks, page_href
from pagebuilder.site.navigation import NavLink, SiteNavigation, navigation_with
from pagebuilder.site.plans import current_plan
from pagebuilder.site.publishing import publish_pages
from registry.selectors import block_name, track_usage
from websites.models import ApiClient, Website

SHARED = ("navbar", "footer")


@dataclass
class Stored:
    navigation: dict
    provider: str = ""
    published: bool = False
    notes: list[str] = field(default_factory=list)
    versions: dict = field(default_factory=dict)  # slug -> PageVersion stored now
    reports: dict = field(default_factory=dict)  # slug -> SEO report dict

    def page_result(self, run) -> dict:
        version = self.versions.get(run.slug)
        built = run.built
        result = {
            "slug": run.slug,
            "title": run.title,
            "page_type": run.page_type,
            "status": run.status,
            "href": page_href(run.slug),
            "version_id": version.pk if version else None,
            "error": run.error or None,
            "questions": run.questions if run.status == "needs_input" else [],
        }
        if built is not None and run.status == "built":
            result.update(
                sections=[
                    {"semantic_type": t, "component_id": c.component_id, "block_name": block_name(c)}
                    for t, c, _, _ in built.valid
                ],
                seo_metadata=asdict(built.structure.seo),
                focus_keyword=built.research.focus_keyword,
                seo_report=self.reports.get(run.slug),
                dropped_sections=built.dropped,
                notes=built.research.notes + built.structure.content_suggestions,
            )
        return result


def site_navigation(website: Website, plan: SitePlan, links: SiteLinks) -> SiteNavigation:
    context = build_context(website)
    menu = [
        NavLink(menu_label(title, page_type, context.name), page_href(slug)) for slug, title, page_type in links.pages
    ]
    stored = plan.navigation or {}
    return navigation_with(context, menu, stored.get("navbar"), stored.get("footer"))


def menu_label(title: str, page_type: str, name: str) -> str:
    """How the menu names a page: "Home" and "About" rather than the site's name in each; else its title."""
    if page_type == "home" and title.strip().lower() in (name.lower(), "home"):
        return "Home"
    if page_type == "about" and name.lower() in title.lower():
        return "About"
    return title


def nav_block(slug: str, index: int, nav, theme: dict) -> dict:
    """A navbar or footer block as the payload holds it."""
    return {
        "_id": block_id(slug, index, nav.component.component_id),
        "_type": block_name(nav.component),
        "_name": nav.semantic_type,
        "_component": nav.component.component_id,
        "_props": nav.props,
        "_styles": block_styles(theme, nav.semantic_type, index),
        "_children": [],
    }


def with_navigation(payload: dict, slug: str, navigation: SiteNavigation, theme: dict) -> dict:
    """``payload`` with its navbar and footer blocks replaced by the site's (the other blocks kept in order)."""
    blocks = [b for b in payload.get("blocks") or [] if not (isinstance(b, dict) and b.get("_name") in SHARED)]
    if navigation.navbar is not None:
        blocks.insert(0, nav_block(slug, 0, navigation.navbar, theme))
    if navigation.footer is not None:
        blocks.append(nav_block(slug, len(blocks), navigation.footer, theme))
    return {**payload, "blocks": blocks}


def shared_blocks(payload: dict) -> list:
    return [(b.get("_component"), b.get("_props")) for b in payload.get("blocks") or [] if b.get("_name") in SHARED]


def store_site(website: Website, plan: SitePlan, runs: list, links: SiteLinks, task, request: dict) -> Stored:
    """Store every built page and the navigation; publish when the request asks. Call inside a transaction."""
    navigation = site_navigation(website, plan, links)
    stored = Stored(navigation={"navbar": _nav_id(navigation.navbar), "footer": _nav_id(navigation.footer)},
                    notes=list(navigation.notes))  # fmt: skip
    built = [run for run in runs if run.status == "built"]
    stored.provider = next((run.built.provider.name for run in built), "")
    payloads = {run.slug: _site_payload(run, navigation, task) for run in built}
    site = _site_pages(website, links, built)
    media = media_alt_texts(website)
    for run in built:
        seo = run.built.structure.seo
        report = seo_report(slug=run.slug, payload=payloads[run.slug], seo_title=seo.title,
                            seo_description=seo.description, focus_keyword=run.built.research.focus_keyword,
                            media=media, site=site.without(run.slug, seo))  # fmt: skip
        stored.reports[run.slug] = report.as_dict()
        stored.versions[run.slug] = _save(website, run, payloads[run.slug], task, request)
        for _, component, _, _ in run.built.valid:
            track_usage(component.component_id)
    stored.notes += _refresh_other_pages(website, runs, links, navigation, task)
    if request.get("publish"):
        _publish_all(website, links, request)
        stored.published = True
    _record_plan(plan, runs, stored, task)
    return stored


def _nav_id(nav) -> str | None:
    return nav.component.component_id if nav is not None else None


def _site_payload(run, navigation: SiteNavigation, task) -> dict:
    built = run.built
    before = [(n.semantic_type, n.component, n.props) for n in (navigation.navbar,) if n is not None]
    after = [(n.semantic_type, n.component, n.props) for n in (navigation.footer,) if n is not None]
    return built.payload(str(task.pk), extra=(before, after))


@dataclass(frozen=True)
class _SitePages:
    slugs: frozenset[str]
    home_slug: str | None
    seo: dict  # slug -> (title, description)

    def without(self, slug: str, seo) -> SitePages:
        others = {s: v for s, v in self.seo.items() if s != slug}
        return SitePages(slugs=self.slugs, home_slug=self.home_slug,
                         other_titles=frozenset(t.lower() for t, _ in others.values() if t),
                         other_descriptions=frozenset(d.lower() for _, d in others.values() if d))  # fmt: skip


def _site_pages(website: Website, links: SiteLinks, built: list) -> _SitePages:
    """The site's pages as the SEO report compares them: the sitemap's linked pages and the live ones."""
    live = PageCategory.objects.filter(website=website).exclude(design_payload__isnull=True)
    seo = {page.slug: (page.seo_title or "", page.seo_description or "") for page in live}
    seo.update({run.slug: (run.built.structure.seo.title, run.built.structure.seo.description) for run in built})
    return _SitePages(frozenset(links.slugs) | frozenset(seo), links.home_slug, seo)


def _save(website: Website, run, payload: dict, task, request: dict) -> PageVersion:
    built = run.built
    author = get_user_model().objects.filter(pk=request["user_id"]).first() if request.get("user_id") else None
    client = ApiClient.objects.filter(pk=request.get("api_client_id")).first() if request.get("api_client_id") else None
    return save_version(
        website=website, slug=run.slug, title=run.title, payload=payload, seo_title=built.structure.seo.title,
        seo_description=built.structure.seo.description, source=PageVersion.Source.GENERATED,
        summary=f"Built with the site ({len(built.valid)} sections, {built.provider.name})",
        task_id=task.pk, author=author, api_client=client,
    )  # fmt: skip


def _refresh_other_pages(website: Website, runs: list, links: SiteLinks, navigation, task) -> list[str]:
    """Pages of the sitemap not rebuilt now: their draft gets the site's navigation when it differs."""
    notes = []
    theme = effective_theme(build_context(website))
    for run in runs:
        if run.status == "built" or run.slug not in links.slugs:
            continue
        draft = latest_version(website, run.slug)
        if draft is None:
            continue
        payload = with_navigation(draft.design_payload, run.slug, navigation, theme)
        if shared_blocks(payload) == shared_blocks(draft.design_payload):
            continue
        save_version(
            website=website, slug=run.slug, title=draft.title, payload=payload, seo_title=draft.seo_title,
            seo_description=draft.seo_description, source=PageVersion.Source.EDITED,
            summary=f"Navigation updated to the site's {len(links.slugs)} pages", task_id=task.pk,
        )  # fmt: skip
        notes.append(f"/{run.slug}: navigation updated to the site's pages.")
    return notes


def _publish_all(website: Website, links: SiteLinks, request: dict) -> None:
    client = ApiClient.objects.filter(pk=request.get("api_client_id")).first() if request.get("api_client_id") else None
    publish_pages(website, links.slugs, api_client=client, user_id=request.get("user_id"))


def _record_plan(plan: SitePlan, runs: list, stored: Stored, task) -> None:
    plan.navigation = {k: v for k, v in stored.navigation.items() if v}
    states = dict(plan.page_states or {})
    for run in runs:
        if run.status != "waiting":
            version = stored.versions.get(run.slug)
            states[run.slug] = {**run.state(), "version_id": version.pk if version else None, "task_id": str(task.pk)}
    plan.page_states = states
    plan.status = SitePlan.Status.BUILT
    plan.save(update_fields=["navigation", "page_states", "status", "updated_at"])


def with_site_navigation(website: Website, slug: str, payload: dict, theme: dict) -> dict:
    """A single page generated for a slug of the site's sitemap gets the site's navbar and footer (the blocks
    the site build chose, listing the sitemap's pages that exist), so regenerating one page from its chat keeps
    the site's navigation; any other page is returned as it is."""
    plan = current_plan(website)
    if plan is None or not plan.navigation or slug not in {page["slug"] for page in plan.pages}:
        return payload
    existing = drafted_slugs(website, [page["slug"] for page in plan.pages]) | {slug}
    links = SiteLinks.of([(p["slug"], p["title"], p["page_type"]) for p in plan.pages if p["slug"] in existing])
    return with_navigation(payload, slug, site_navigation(website, plan, links), theme)
