"""The builder's "Site facts" page: listing, adding, changing and deleting facts with plain form posts and with
htmx, the kind's own fields and limits, and who may do what."""

import pytest
from django.contrib.auth import get_user_model

from websites.models import MediaRecord, SiteFact, WebsiteMembership
from websites.site_facts import add_fact

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client_for, bakery):
    def make(role: str = "editor"):
        user = get_user_model().objects.create_user(f"user-{role}", password="pw-12345-member")
        WebsiteMembership.objects.create(user=user, website=bakery, role=role)
        return client_for(user)

    return make


def facts_url(site, tail=""):
    return f"/builder/websites/{site.pk}/facts/{tail}"


def test_an_editor_adds_a_fact_with_a_plain_form_post(member, bakery):
    client = member()
    page = client.get(facts_url(bakery) + "?kind=team_member")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="bio"' in html
    assert 'id="no-facts"' in html

    response = client.post(facts_url(bakery, "add/"), {"kind": "team_member", "name": "Ana Ruiz", "role": "Founder"})
    assert response.status_code == 302
    assert response["Location"] == facts_url(bakery) + "?kind=team_member"
    assert SiteFact.objects.get(website=bakery).data == {"name": "Ana Ruiz", "role": "Founder"}
    listed = client.get(response["Location"]).content.decode()
    assert "Saved: team member “Ana Ruiz”." in listed
    assert "Ana Ruiz" in listed


def test_a_fact_over_its_limit_is_refused_with_the_reason_and_nothing_is_saved(member, bakery):
    response = member().post(
        facts_url(bakery, "add/"),
        {"kind": "testimonial", "quote": "x" * 601, "name": "Maria G."},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "quote: at most 600 characters (this one has 601)" in html
    assert html.lstrip().startswith('<div id="facts-body">')
    assert 'value="Maria G."' in html  # the add form keeps what was typed, to shorten rather than type again
    assert ">" + "x" * 601 + "</textarea>" in html
    assert not SiteFact.objects.exists()


def test_changing_and_deleting_a_fact_with_htmx(member, bakery):
    photo = MediaRecord.objects.create(website=bakery, media_type="image", cdn_url="https://cdn.test/ana.jpg",
                                       title="Ana at the studio")  # fmt: skip
    fact = add_fact(bakery, "team_member", {"name": "Ana Ruiz", "role": "Founder"})
    client = member()
    changed = client.post(facts_url(bakery, f"{fact.pk}/"), {"name": "Ana Ruiz", "bio": "Prenatal yoga.",
                                                             "portrait": photo.pk}, HTTP_HX_REQUEST="true")  # fmt: skip
    assert changed.status_code == 200
    assert "Changed: team member “Ana Ruiz”." in changed.content.decode()
    fact.refresh_from_db()
    assert fact.data == {"name": "Ana Ruiz", "bio": "Prenatal yoga.", "portrait": photo.pk}  # role cleared

    deleted = client.post(facts_url(bakery, f"{fact.pk}/delete/"), HTTP_HX_REQUEST="true")
    assert "Deleted." in deleted.content.decode()
    assert not SiteFact.objects.exists()


def test_viewers_see_facts_but_cannot_change_them(member, bakery):
    fact = add_fact(bakery, "phone", {"phone": "+1 555 0100"})
    viewer = member("viewer")
    page = viewer.get(facts_url(bakery)).content.decode()
    assert "+1 555 0100" in page
    assert "Add a fact" not in page
    assert viewer.post(facts_url(bakery, f"{fact.pk}/delete/")).status_code == 403
    assert viewer.post(facts_url(bakery, "add/"), {"kind": "phone", "phone": "1"}).status_code == 403
    assert SiteFact.objects.get().data == {"phone": "+1 555 0100"}


def test_another_websites_facts_are_out_of_reach(member, bakery, clinic):
    theirs = add_fact(clinic, "email", {"email": "desk@clinic.test"})
    client = member()
    assert client.get(facts_url(clinic)).status_code == 403
    response = client.post(facts_url(bakery, f"{theirs.pk}/delete/"))
    assert response.status_code == 302
    assert SiteFact.objects.filter(pk=theirs.pk).exists()


def test_hostile_text_in_a_fact_is_escaped(member, bakery):
    add_fact(bakery, "faq", {"question": "<script>alert(1)</script>?", "answer": "<img src=x onerror=alert(2)>"})
    html = member().get(facts_url(bakery)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;?" in html
    assert "<img src=x" not in html


def test_a_refused_change_keeps_what_was_typed_in_that_facts_open_form(member, bakery):
    fact = add_fact(bakery, "testimonial", {"quote": "Lovely bread.", "name": "Maria G."})
    response = member().post(
        facts_url(bakery, f"{fact.pk}/"), {"quote": "y" * 601, "name": "Maria G."}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "quote: at most 600 characters (this one has 601)" in html
    assert f'<li class="fact" id="fact-{fact.pk}">\n        <details open>' in html
    assert ">" + "y" * 601 + "</textarea>" in html
    fact.refresh_from_db()
    assert fact.data["quote"] == "Lovely bread."
