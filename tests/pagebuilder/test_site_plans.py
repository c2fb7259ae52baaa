"""The site's sitemap between proposal and build (``pagebuilder.site.plans``): the editor's changes one at a time,
a whole edited sitemap checked field by field, and no edit while a build runs; plus the cross-page helpers the
build relies on (focus keywords, unique SEO, sections other pages are about)."""

import pytest

from pagebuilder.models import SitePlan
from pagebuilder.site import plans
from pagebuilder.site.seo import focus_keywords, unique_seo
from pagebuilder.site.sitemap import propose_sitemap
from pagebuilder.structure import SeoMetadata
from websites import jobs
from websites.errors import Conflict, InvalidInput, NotFound
from websites.models import AiTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(demo_sites):
    website = demo_sites["brightside"]
    plans.record_proposal(website, propose_sitemap(website, "a website for our clinic with the team"))
    return website


def slugs(website) -> list[str]:
    return [page["slug"] for page in plans.current_plan(website).pages]


def test_the_editor_adds_removes_renames_and_reorders_pages(site):
    before = slugs(site)
    plan = plans.add_page(site, "faq", title="Your questions")
    added = next(page for page in plan.pages if page["page_type"] == "faq")
    assert added["title"] == "Your questions" and added["sections"][0] == "hero"
    assert [p["page_type"] for p in plan.pages][-1] == "contact"  # added before the contact page
    plans.remove_page(site, before[1])
    assert before[1] not in slugs(site)
    plans.rename_page(site, before[2], "What we do", new_slug="what-we-do")
    renamed = next(page for page in plans.current_plan(site).pages if page["slug"] == "what-we-do")
    assert renamed["title"] == "What we do"
    plans.move_page(site, "what-we-do", 0)
    assert slugs(site)[0] == "what-we-do"
    plans.move_page(site, "what-we-do", 99)  # clamped to the end
    assert slugs(site)[-1] == "what-we-do"
    assert SitePlan.objects.filter(website=site).count() == 1  # a proposed plan is edited in place


def test_sections_are_changed_and_checked(site):
    home = slugs(site)[0]
    plans.set_sections(site, home, ["hero", "faq", "cta"])
    assert plans.current_plan(site).pages[0]["sections"] == ["hero", "faq", "cta"]
    with pytest.raises(InvalidInput, match="unknown section types 'navbar'"):
        plans.set_sections(site, home, ["hero", "navbar"])
    with pytest.raises(InvalidInput, match="twice"):
        plans.set_sections(site, home, ["hero", "hero"])
    with pytest.raises(InvalidInput, match="1 to 12"):
        plans.set_sections(site, home, [])
    assert plans.current_plan(site).pages[0]["sections"] == ["hero", "faq", "cta"]  # a refused edit changes nothing


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"page_type": "blog-ish"}, "page_type must be one of"),
        ({"slug": "Not A Slug"}, "is not a slug"),
        ({"title": ""}, "title must not be empty"),
        ({"title": "x" * 61}, "at most 60"),
        ({"purpose": "y" * 301}, "at most 300"),
        ({"sections": "hero"}, "must list 1 to 12 section types"),
        ({"title": "nul\x00byte"}, "title"),
    ],
)
def test_a_bad_page_in_an_edited_sitemap_names_the_field(site, change, message):
    pages = [dict(page) for page in plans.current_plan(site).pages]
    pages[1] = {**pages[1], **change}
    with pytest.raises(InvalidInput, match=message) as refused:
        plans.save_pages(site, pages)
    assert "sitemap.pages[1]" in refused.value.message or "page_type" in refused.value.message


def test_duplicate_slugs_two_home_pages_and_too_many_pages_are_refused(site):
    pages = [dict(page) for page in plans.current_plan(site).pages]
    with pytest.raises(InvalidInput, match="used twice"):
        plans.save_pages(site, [*pages, dict(pages[0])])
    with pytest.raises(InvalidInput, match="at most one page of type 'home'"):
        plans.save_pages(site, [*pages, {**pages[0], "slug": "start"}])
    many = [{**pages[-1], "slug": f"page-{n}", "page_type": "landing"} for n in range(13)]
    with pytest.raises(InvalidInput, match="1 to 12 pages"):
        plans.save_pages(site, many)


def test_needs_come_from_the_site_not_the_caller(site):
    pages = [dict(page) for page in plans.current_plan(site).pages]
    pages[0] = {**pages[0], "needs": [{"id": "forged", "text": "Pay here"}]}
    plan = plans.save_pages(site, pages)
    assert all(q.get("id") != "forged" for page in plan.pages for q in page["needs"])


def test_unknown_page_and_empty_sitemap_are_refused(site):
    with pytest.raises(NotFound, match="/nowhere"):
        plans.remove_page(site, "nowhere")
    for slug in slugs(site)[1:]:
        plans.remove_page(site, slug)
    with pytest.raises(InvalidInput, match="at least one page"):
        plans.remove_page(site, slugs(site)[0])


def test_no_edit_while_a_build_runs_and_a_built_plan_is_kept_in_the_history(site):
    plan = plans.current_plan(site)
    task = jobs.create_task(task_type="site_build", website_id=site.pk, input={}, message="building")
    SitePlan.objects.filter(pk=plan.pk).update(status=SitePlan.Status.BUILDING, build_task_id=task.pk)
    with pytest.raises(Conflict, match="being built"):
        plans.rename_page(site, slugs(site)[0], "Start")
    AiTask.objects.filter(pk=task.pk).update(status=AiTask.Status.COMPLETED)
    SitePlan.objects.filter(pk=plan.pk).update(status=SitePlan.Status.BUILT)
    edited = plans.rename_page(site, slugs(site)[0], "Start")
    assert edited.pk != plan.pk and edited.status == SitePlan.Status.PROPOSED
    assert SitePlan.objects.get(pk=plan.pk).pages[0]["title"] != "Start"  # the built sitemap stays as it was


def test_a_lost_build_does_not_hold_the_sitemap(site):
    plan = plans.current_plan(site)
    task = jobs.create_task(task_type="site_build", website_id=site.pk, input={}, message="building")
    AiTask.objects.filter(pk=task.pk).update(status=AiTask.Status.FAILED)
    SitePlan.objects.filter(pk=plan.pk).update(status=SitePlan.Status.BUILDING, build_task_id=task.pk)
    assert plans.rename_page(site, slugs(site)[0], "Start").pages[0]["title"] == "Start"


def test_a_section_another_page_is_about_is_not_repeated(demo_sites):
    website = demo_sites["brightside"]
    sitemap = propose_sitemap(website, "a website with our team")
    types = {page.page_type for page in sitemap.pages}
    for page in sitemap.pages:
        if page.page_type != "home":
            assert not (set(page.sections) - {page.page_type}) & types, (page.page_type, page.sections)


def test_focus_keywords_are_handed_out_once_home_first():
    pages = [
        {"slug": "about", "title": "About", "page_type": "about", "purpose": "", "sections": ["hero", "about"]},
        {"slug": "home", "title": "Home", "page_type": "home", "purpose": "", "sections": ["hero"]},
        {"slug": "prices", "title": "Prices", "page_type": "pricing", "purpose": "", "sections": ["pricing"]},
        {"slug": "contact", "title": "Contact", "page_type": "contact", "purpose": "", "sections": ["contact"]},
    ]
    chosen = focus_keywords(pages, ["dentist leeds", "dental prices", "about our dentists"])
    assert chosen["home"] == "dentist leeds"
    assert chosen["prices"] == "dental prices" and chosen["about"] == "about our dentists"
    assert chosen["contact"] == ""  # the keywords ran out: no page gets another's keyword
    assert len({k for k in chosen.values() if k}) == 3


def test_unique_seo_rewrites_only_the_repeats():
    first, second, third = (SeoMetadata("Bright Smiles", "Dental care in Leeds."),
                            SeoMetadata("Bright Smiles", "Dental care in Leeds."),
                            SeoMetadata("Prices | Bright Smiles", "What a check-up costs."))  # fmt: skip
    unique_seo([("home", "Home", first), ("about", "About", second), ("prices", "Prices", third)],
               taken=[("Prices | Bright Smiles", "")])  # fmt: skip
    titles = [first.title, second.title, third.title]
    assert first.title == "Bright Smiles" and len({t.lower() for t in titles}) == 3
    assert all(len(t) <= 60 for t in titles) and "Prices | Bright Smiles" not in titles[2:]
    assert second.description != first.description and "About" in second.description
