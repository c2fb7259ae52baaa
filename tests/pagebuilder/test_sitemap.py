"""Sitemap proposal (issue 16, step one): the offline planner for both demo websites and a new website without
facts, and ``POST /api/v1/websites/{id}/site/plan`` end to end with the worker run in this process."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from pagebuilder.models import PageVersion, RolloutSwitch
from pagebuilder.playbooks import PLAYBOOKS_BY_TYPE
from pagebuilder.site.sitemap import CORE_PAGES, MAX_PAGES, propose_sitemap
from pagebuilder.tasks import SITE_PLAN_TASK_TYPE, recover_lost_generations
from websites import jobs
from websites.models import AiTask, SiteFact, Website
from websites.site_facts import add_fact

pytestmark = pytest.mark.django_db
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The fixed page titles and first words of purposes the planner writes itself; everything else must be data.
FIXED_TITLES = {"Services", "Contact", "Prices", "Menu", "Our team", "Reviews", "Gallery", "Questions and answers",
                "Find us", "Careers"}  # fmt: skip


@pytest.fixture
def clinic_site(demo_sites) -> Website:
    return demo_sites["brightside"]


def site_words(website: Website) -> str:
    """Everything the website says about itself, as one lowercase text (read here, not through the planner)."""
    values = [website.name]
    for data in SiteFact.objects.filter(website=website).values_list("data", flat=True):
        values.extend(str(value) for value in data.values())
    return " ".join(values).lower()


def assert_well_formed(sitemap, website: Website) -> None:
    pages = sitemap.pages
    slugs = [page.slug for page in pages]
    assert len(slugs) == len(set(slugs)), slugs
    assert all(SLUG.match(slug) for slug in slugs), slugs
    assert len(pages) <= MAX_PAGES
    assert [p.page_type for p in pages][:3] == ["home", "about", "services"] and pages[-1].page_type == "contact"
    known = site_words(website)
    for page in pages:
        playbook_sections = {s.semantic_type for s in PLAYBOOKS_BY_TYPE[page.page_type].sections}
        assert page.sections and set(page.sections) <= playbook_sections, (page.page_type, page.sections)
        assert page.sections[0] == "hero"
        for question in page.needs:
            assert question.text.endswith("?") or question.text.endswith(".")
            assert question.id not in page.sections  # a section waiting for data is not planned yet
        # Every number and every capitalised word after a purpose's first word comes from the site's data.
        title_words = [] if page.title in FIXED_TITLES else page.title.removeprefix("About ").split()
        purpose_words = page.purpose.split()[1:]
        for word in [*title_words, *purpose_words]:
            bare = word.strip(".,:;'’s").lower() if word[0].isupper() or any(c.isdigit() for c in word) else ""
            assert not bare or bare in known, (page.page_type, word, page.purpose)


def test_bakery_sitemap_uses_its_offerings_address_and_photos(crumb):
    sitemap = propose_sitemap(crumb, "A website for our family bakery")
    assert_well_formed(sitemap, crumb)
    by_type = {page.page_type: page for page in sitemap.pages}
    assert set(CORE_PAGES) <= set(by_type)
    # The site has photos and an address, so a gallery and a location page; no prices, team or reviews.
    assert {"gallery", "location"} <= set(by_type)
    assert not {"pricing", "team", "testimonials", "careers", "menu", "faq"} & set(by_type)
    assert all(not page.needs for page in sitemap.pages)
    assert "Sourdough bread" in by_type["services"].purpose
    assert "12 Mill Lane" in by_type["contact"].purpose
    # The map and hours are the location page's: the contact page does not show them a second time.
    assert "location" in by_type["location"].sections and "location" not in by_type["contact"].sections
    assert sitemap.industry == "bakery"
    assert json.loads(json.dumps(sitemap.as_dict()))["pages"][0]["slug"] == "home"


def test_clinic_sitemap_asks_for_the_prices_and_team_its_intent_names(clinic_site):
    sitemap = propose_sitemap(clinic_site, "A site for our dental clinic with prices and our team of dentists")
    assert_well_formed(sitemap, clinic_site)
    by_type = {page.page_type: page for page in sitemap.pages}
    assert {"pricing", "team"} <= set(by_type)
    assert by_type["pricing"].asked and by_type["team"].asked
    assert [q.text for q in by_type["pricing"].needs] == ["What are your prices?"]
    assert [q.kind for q in by_type["team"].needs] == ["team_member"]
    assert "pricing" not in by_type["pricing"].sections and "team" not in by_type["team"].sections
    assert "Emergency appointments" in by_type["services"].purpose


def test_new_website_without_facts_gets_core_pages_with_questions(studio):
    sitemap = propose_sitemap(studio, "a website for our yoga studio")
    assert_well_formed(sitemap, studio)
    assert [page.page_type for page in sitemap.pages] == ["home", "about", "services", "contact"]
    by_type = {page.page_type: page for page in sitemap.pages}
    assert [q.kind for q in by_type["services"].needs] == ["offering"]
    assert [q.id for q in by_type["contact"].needs] == ["contact"]
    assert "contact" not in by_type["contact"].sections
    assert not by_type["home"].needs and not by_type["about"].needs
    assert sitemap.industry == ""
    assert not any(ch.isdigit() for page in sitemap.pages for ch in page.title + page.purpose)


def test_facts_unlock_pages_and_remove_their_questions(studio):
    add_fact(studio, "pricing_plan", {"name": "Drop-in", "price": "18", "currency": "USD"})
    add_fact(studio, "faq", {"question": "Do I need a mat?", "answer": "No, we lend them."})
    add_fact(studio, "phone", {"phone": "+1 555 0199"})
    sitemap = propose_sitemap(studio, "a website for our yoga studio with a gallery")
    assert_well_formed(sitemap, studio)
    by_type = {page.page_type: page for page in sitemap.pages}
    assert "Drop-in" in by_type["pricing"].purpose and not by_type["pricing"].needs
    assert "pricing" in by_type["pricing"].sections
    assert not by_type["faq"].needs and "faq" in by_type["faq"].sections
    assert not by_type["contact"].needs
    assert [q.id for q in by_type["gallery"].needs] == ["gallery"]  # asked for, but no photos yet


def test_intent_asking_for_everything_is_capped_and_keeps_core_pages(crumb):
    intent = "bakery site with prices, menu, team, reviews, gallery, faq, location and jobs"
    sitemap = propose_sitemap(crumb, intent)
    assert_well_formed(sitemap, crumb)
    assert len(sitemap.pages) == MAX_PAGES
    assert set(CORE_PAGES) <= {page.page_type for page in sitemap.pages}


def test_existing_pages_keep_their_slug_and_others_are_not_taken(crumb):
    payload = {"blocks": []}
    PageVersion.objects.create(website=crumb, slug="about-us", title="About", design_payload=payload)
    PageVersion.objects.create(website=crumb, slug="gallery", title="Old", design_payload=payload)
    PageVersion.objects.create(website=crumb, slug="contact", title="Contact", design_payload=payload)
    sitemap = propose_sitemap(crumb, "A website for our family bakery")
    by_type = {page.page_type: page for page in sitemap.pages}
    assert (by_type["about"].slug, by_type["about"].exists) == ("about-us", True)
    assert (by_type["contact"].slug, by_type["contact"].exists) == ("contact", True)
    assert not by_type["home"].exists
    assert len({page.slug for page in sitemap.pages}) == len(sitemap.pages)


# The API, end to end: 202, the worker (inline), the task's result.


@pytest.fixture
def api(client, django_capture_on_commit_callbacks, inline_queue):
    class Api:
        def post(self, path, body, key, **headers):
            with django_capture_on_commit_callbacks(execute=True):
                return client.post(
                    f"/api/v1{path}", json.dumps(body), content_type="application/json",
                    HTTP_AUTHORIZATION=f"Bearer {key}", **headers,
                )  # fmt: skip

        def get(self, path, key):
            return client.get(f"/api/v1{path}", HTTP_AUTHORIZATION=f"Bearer {key}")

    return Api()


def test_site_plan_api_returns_a_task_whose_result_holds_the_sitemap(api, crumb, api_key_for):
    key = api_key_for(crumb)
    response = api.post(f"/websites/{crumb.pk}/site/plan", {"intent": "A website for our family bakery"}, key)
    assert response.status_code == 202, response.content
    started = response.json()
    assert started["status"] == "pending" and started["task_id"] in started["message"]
    task = api.get(f"/tasks/{started['task_id']}", key).json()
    assert task["status"] == "completed", task
    sitemap = task["result"]["sitemap"]
    assert sitemap == propose_sitemap(crumb, "A website for our family bakery").as_dict()
    assert [page["slug"] for page in sitemap["pages"]][:3] == ["home", "about", "services"]
    assert AiTask.objects.get(pk=started["task_id"]).task_type == SITE_PLAN_TASK_TYPE


def test_site_plan_api_is_idempotent_with_a_key(api, crumb, api_key_for):
    key = api_key_for(crumb)
    path, body = f"/websites/{crumb.pk}/site/plan", {"intent": "A website for our family bakery"}
    first = api.post(path, body, key, HTTP_IDEMPOTENCY_KEY="plan-1").json()
    again = api.post(path, body, key, HTTP_IDEMPOTENCY_KEY="plan-1").json()
    assert first["task_id"] == again["task_id"]
    assert api.post(path, {"intent": "another site"}, key, HTTP_IDEMPOTENCY_KEY="plan-1").status_code == 409
    assert AiTask.objects.filter(task_type=SITE_PLAN_TASK_TYPE).count() == 1


@pytest.mark.parametrize("intent", ["", "   ", "x" * 2001, None])
def test_bad_intent_is_422_and_creates_nothing(api, crumb, api_key_for, intent):
    response = api.post(f"/websites/{crumb.pk}/site/plan", {"intent": intent}, api_key_for(crumb))
    assert response.status_code == 422, response.content
    assert "intent" in json.dumps(response.json())
    assert not AiTask.objects.exists()


def test_another_tenants_website_is_403_and_its_plan_task_is_hidden(api, crumb, clinic_site, api_key_for):
    clinic_key, crumb_key = api_key_for(clinic_site), api_key_for(crumb)
    response = api.post(f"/websites/{crumb.pk}/site/plan", {"intent": "our bakery site"}, clinic_key)
    assert response.status_code == 403
    assert not AiTask.objects.exists()
    started = api.post(f"/websites/{crumb.pk}/site/plan", {"intent": "our bakery site"}, crumb_key).json()
    assert api.get(f"/tasks/{started['task_id']}", clinic_key).status_code == 404


def test_rollout_switched_off_refuses_a_site_plan(api, crumb, api_key_for):
    RolloutSwitch.objects.update_or_create(pk=1, defaults={"enabled": False, "reason": "maintenance", "percent": 100})
    response = api.post(f"/websites/{crumb.pk}/site/plan", {"intent": "our bakery site"}, api_key_for(crumb))
    assert response.status_code == 403
    assert "maintenance" in response.json()["detail"]
    assert not AiTask.objects.exists()


def test_site_plan_is_in_the_openapi_document(client):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/websites/{website_id}/site/plan"]["post"]
    assert {"202", "403", "422"} <= set(operation["responses"])


def test_a_site_plan_whose_queue_message_was_lost_is_sent_again_and_runs(crumb, inline_queue, settings):
    task = jobs.create_task(task_type=SITE_PLAN_TASK_TYPE, website_id=crumb.pk, input={"intent": "our bakery site"},
                            message="queued")  # fmt: skip
    silent_since = timezone.now() - timedelta(seconds=settings.GENERATION_STALE_AFTER_SECONDS + 5)
    AiTask.objects.filter(pk=task.pk).update(updated_at=silent_since)  # pending, its message lost
    recover_lost_generations()
    task.refresh_from_db()
    assert task.status == AiTask.Status.COMPLETED, task.error
    assert task.result["sitemap"]["pages"][0]["page_type"] == "home"


def test_a_shop_is_the_business_not_a_request_for_a_menu(studio):
    """Used live: "a website for our bike repair shop, with our prices and a page about the team" proposed a
    menu page; "shop" names the business. Pages waiting for data say so in a sentence."""
    sitemap = propose_sitemap(studio, "a website for our bike repair shop, with our prices and a page about the team")
    types = [page.page_type for page in sitemap.pages]
    assert "menu" not in types
    assert {"pricing", "team"} <= set(types)
    team = next(page for page in sitemap.pages if page.page_type == "team")
    assert team.purpose == f"The team page of {studio.name}, built once its questions are answered."
