"""The whole-site build API's refusals (issue 16): bad sitemaps (422 naming the field, nothing stored or
queued), another tenant's website, a build while one runs (409), Idempotency-Key repeats, and a title with
markup stored as written but shown as text only. Queued work runs inline; the build itself is in test_site_build."""

from decimal import Decimal

import pytest

from pagebuilder.context import build_context
from pagebuilder.models import SitePlan
from pagebuilder.preview import render_page
from pagebuilder.site.navigation import NavLink, choose_navigation
from pagebuilder.tasks import SITE_BUILD_TASK_TYPE
from tests.helpers.site_build import SiteApi
from websites.models import AiTask, WebsitePolicy

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, django_capture_on_commit_callbacks, inline_queue, crumb, api_key_for) -> SiteApi:
    return SiteApi(client, django_capture_on_commit_callbacks, api_key_for(crumb))


@pytest.fixture
def proposed(api, crumb) -> list[dict]:
    return api.plan(crumb, "A website for our family bakery")


def page(**changes) -> dict:
    return {"slug": "home", "title": "Home", "page_type": "home", "purpose": "", "sections": ["hero", "cta"], **changes}


BAD_SITEMAPS = {
    "unknown page type": ([page(page_type="blog")], "page_type"),
    "duplicate slug": ([page(), page(page_type="contact", sections=["hero", "contact"])], "slug"),
    "unknown section": ([page(sections=["hero", "carousel-of-doom"])], "sections"),
    "navbar as a section": ([page(sections=["navbar", "hero"])], "sections"),
    "no sections": ([page(sections=[])], "sections"),
    "too many pages": ([page(slug=f"p{i}", page_type="about") for i in range(13)], "pages"),
    "no pages": ([], "pages"),
    "bad slug": ([page(slug="About Us")], "slug"),
    "long title": ([page(title="x" * 61)], "title"),
    "NUL in title": ([page(title="Home\x00")], "title"),
    "two home pages": ([page(), page(slug="start")], "home"),
}


@pytest.mark.parametrize("case", BAD_SITEMAPS)
def test_a_bad_sitemap_is_422_naming_the_field_and_changes_nothing(api, crumb, proposed, case):
    pages, field = BAD_SITEMAPS[case]
    plan = SitePlan.objects.get(website=crumb)
    response = api.post(f"/websites/{crumb.pk}/site/build", {"sitemap": {"pages": pages}})
    assert response.status_code == 422, response.content
    assert field in str(response.json()["detail"])
    assert not AiTask.objects.filter(task_type=SITE_BUILD_TASK_TYPE).exists()
    assert list(SitePlan.objects.filter(website=crumb)) == [plan] and plan.pages == SitePlan.objects.get().pages


def test_rebuilding_a_page_the_sitemap_lacks_is_404(api, crumb, proposed):
    response = api.post(f"/websites/{crumb.pk}/site/build", {"pages": ["nowhere"]})
    assert response.status_code == 404 and "/nowhere" in response.json()["detail"]


def test_a_site_without_a_sitemap_is_404_to_read_build_and_publish(api, crumb):
    assert api.get(f"/websites/{crumb.pk}/site").status_code == 404
    assert api.post(f"/websites/{crumb.pk}/site/build", {}).status_code == 404
    assert api.post(f"/websites/{crumb.pk}/site/publish", {}).status_code == 404


def test_another_tenants_website_is_refused_and_its_task_hidden(api, crumb, proposed, demo_sites, api_key_for):
    other = api_key_for(demo_sites["brightside"], may_publish=True)
    for response in (
        api.post(f"/websites/{crumb.pk}/site/build", {}, key=other),
        api.get(f"/websites/{crumb.pk}/site", key=other),
        api.post(f"/websites/{crumb.pk}/site/publish", {}, key=other),
    ):
        assert response.status_code in (403, 404), response.content
    assert not AiTask.objects.filter(task_type=SITE_BUILD_TASK_TYPE).exists()
    started = api.post(f"/websites/{crumb.pk}/site/build", {"publish": False})
    assert api.get(f"/tasks/{started.json()['task_id']}", key=other).status_code == 404


def test_a_build_while_one_runs_is_409_and_the_sitemap_is_not_edited(client, api, crumb, proposed):
    queued = SiteApi(client, lambda execute: _NotRun(), api.key)  # the worker has not picked the first one up
    assert queued.post(f"/websites/{crumb.pk}/site/build", {}).status_code == 202
    assert api.get(f"/websites/{crumb.pk}/site").json()["status"] == "building"
    again = api.post(f"/websites/{crumb.pk}/site/build", {})
    assert again.status_code == 409 and "being built" in again.json()["detail"]
    edited = api.post(f"/websites/{crumb.pk}/site/build", {"sitemap": {"pages": proposed[:2]}})
    assert edited.status_code == 409
    assert api.post(f"/websites/{crumb.pk}/site/publish", {}).status_code == 409
    assert AiTask.objects.filter(task_type=SITE_BUILD_TASK_TYPE).count() == 1
    assert len(SitePlan.objects.get(website=crumb).pages) == len(proposed)


class _NotRun:
    def __enter__(self):
        return []

    def __exit__(self, *exc):
        return False


def test_an_idempotency_key_repeated_returns_the_same_task(api, crumb, proposed):
    path, body = f"/websites/{crumb.pk}/site/build", {"sitemap": {"pages": proposed}, "publish": False}
    first = api.post(path, body, HTTP_IDEMPOTENCY_KEY="site-1")
    again = api.post(path, body, HTTP_IDEMPOTENCY_KEY="site-1")
    assert first.status_code == again.status_code == 202
    assert first.json()["task_id"] == again.json()["task_id"]
    other = api.post(path, {**body, "sitemap": {"pages": proposed[:3]}}, HTTP_IDEMPOTENCY_KEY="site-1")
    assert other.status_code == 409
    assert AiTask.objects.filter(task_type=SITE_BUILD_TASK_TYPE).count() == 1


def test_markup_in_a_title_is_stored_but_never_drawn_as_markup(api, crumb, proposed):
    evil = '<script>alert("x")</script> Menu'
    pages = [dict(p, title=evil) if p["page_type"] == "about" else p for p in proposed]
    task = api.build(crumb, sitemap={"pages": pages}, publish=False)
    assert task["status"] == "completed", task
    about = next(p for p in api.site(crumb)["pages"] if p["page_type"] == "about")
    assert about["title"] == evil  # stored as the editor wrote it
    payload = api.draft(crumb, about["slug"])["design_payload"]
    navbar = next(b for b in payload["blocks"] if b["_name"] == "navbar")
    labels = [link["label"] for link in navbar["_props"]["links"]]
    assert 'alert("x")' in labels and not any("<" in label for label in labels)  # the menu shows its text
    html = render_page(payload, css="", media={}, categories={})
    assert "<script" not in html and "alert(" in html


def test_a_seven_page_site_gets_a_navbar(crumb):
    links = [NavLink(f"Page {i}", f"/page-{i}") for i in range(7)]
    navigation = choose_navigation(build_context(crumb), links)
    assert navigation.navbar is not None, navigation.notes


def test_a_claude_build_past_the_monthly_budget_is_402_and_nothing_starts(api, crumb, proposed, settings):
    settings.LLM_PROVIDER = "anthropic"  # the site build's provider when the request names none
    WebsitePolicy.objects.update_or_create(website=crumb, defaults={"monthly_ai_budget_usd": Decimal("0.10")})
    plan = SitePlan.objects.get(website=crumb)
    response = api.post(f"/websites/{crumb.pk}/site/build", {})
    assert response.status_code == 402, response.content
    assert "this site build" in response.json()["detail"]  # the estimate of a whole site ($0.30) passes $0.10
    assert not AiTask.objects.filter(task_type=SITE_BUILD_TASK_TYPE).exists()
    assert SitePlan.objects.get(pk=plan.pk).status == SitePlan.Status.PROPOSED
    settings.LLM_PROVIDER = "offline"  # offline builds cost nothing: the same site builds
    assert api.post(f"/websites/{crumb.pk}/site/build", {}).status_code == 202
