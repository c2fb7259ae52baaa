"""The site as its sitemap stands: each planned page with where it is (``GET …/site`` and the builder).

A page's ``state`` is one of: ``needs_input`` (the site lacks data it needs; its questions say which),
``planned`` (not built yet), ``building`` (the current build is writing it), ``failed`` (the last build could
not write it; ``error`` says why), ``draft`` (built, not live, or live with a newer draft) and ``published``
(the live page is its current draft).
"""

from pagebuilder.models import SitePlan
from pagebuilder.pages import page_state
from pagebuilder.site.links import page_href
from pagebuilder.site.plans import is_building, require_plan
from websites.models import Website


def site_state(website: Website) -> dict:
    plan = require_plan(website)
    building = is_building(plan)
    return {
        "site_plan_id": plan.pk,
        "status": plan.status,
        "intent": plan.intent,
        "provider": plan.provider,
        "plan_task_id": plan.plan_task_id,
        "build_task_id": plan.build_task_id,
        "navigation": plan.navigation or {},
        "updated_at": plan.updated_at,
        "pages": [_page(website, plan, page, building) for page in plan.pages],
    }


def _page(website: Website, plan: SitePlan, page: dict, building: bool) -> dict:
    slug = page["slug"]
    recorded = (plan.page_states or {}).get(slug) or {}
    current = page_state(website, slug)
    draft, live = current["draft"], current["live"]
    if page.get("needs") and draft is None:
        state = "needs_input"
    elif building and recorded.get("status") == "building":
        state = "building"
    elif draft is None:
        state = "failed" if recorded.get("status") == "failed" else "planned"
    else:
        state = "published" if current["draft_is_published"] else "draft"
    return {
        **page,
        "href": page_href(slug),
        "state": state,
        "error": (recorded.get("error") or None) if state == "failed" else None,
        "version_id": draft.pk if draft else None,
        "live": bool(live and live.design_payload),
        "seo_title": draft.seo_title if draft else "",
        "seo_description": draft.seo_description if draft else "",
    }
