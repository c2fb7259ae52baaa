"""Stored site facts: the API (list, kinds, add, change, delete), the rules every write is held to, tenancy, and
the admin form."""

import json

import pytest

from websites.fact_kinds import KINDS, clean_fact
from websites.models import MediaRecord, SiteFact
from websites.site_facts import MAX_FACTS_PER_KIND, add_fact

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(client):
    def send(method: str, path: str, key: str, body: object = None):
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        return getattr(client, method)(f"/api/v1{path}", **kwargs)

    return send


@pytest.fixture
def key(bakery, api_key_for) -> str:
    return api_key_for(bakery)


def test_a_fact_is_added_listed_changed_and_deleted(call, bakery, key):
    added = call("post", f"/websites/{bakery.pk}/facts", key,
                 {"kind": "team_member", "data": {"name": "  Ana   Ruiz ", "role": "Founder"}})  # fmt: skip
    assert added.status_code == 201
    fact = added.json()
    assert fact["data"] == {"name": "Ana Ruiz", "role": "Founder"}
    assert fact["source"] == "api"

    listed = call("get", f"/websites/{bakery.pk}/facts?kind=team_member", key).json()
    assert [f["id"] for f in listed] == [fact["id"]]

    changed = call("patch", f"/websites/{bakery.pk}/facts/{fact['id']}", key, {"role": None, "bio": "Teaches yoga."})
    assert changed.status_code == 200
    assert changed.json()["data"] == {"name": "Ana Ruiz", "bio": "Teaches yoga."}

    assert call("delete", f"/websites/{bakery.pk}/facts/{fact['id']}", key).status_code == 204
    assert not SiteFact.objects.filter(pk=fact["id"]).exists()


def test_a_bad_change_says_what_to_fix_and_keeps_the_fact(call, bakery, key):
    fact = add_fact(bakery, "faq", {"question": "Do I need a mat?", "answer": "No, we lend them."})
    response = call("patch", f"/websites/{bakery.pk}/facts/{fact.pk}", key, {"answer": "x" * 801, "colour": "red"})
    assert response.status_code == 422
    body = response.json()
    assert "answer: at most 800 characters (this one has 801)" in body["detail"]
    assert body["details"]["colour"].startswith("not a field of a question and answer")
    fact.refresh_from_db()
    assert fact.data["answer"] == "No, we lend them."


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"kind": "recipe", "data": {"name": "x"}}, "Unknown fact kind 'recipe'"),
        ({"kind": "testimonial", "data": {"quote": "Great"}}, "name: required"),
        ({"kind": "testimonial", "data": {"quote": "Great", "name": "Jo", "rating": 7}}, "a whole number from 1 to 5"),
        ({"kind": "email", "data": {"email": "not-an-address"}}, "an e-mail address such as"),
        ({"kind": "pricing_plan", "data": {"name": "Unlimited", "price": "89", "features": 5}}, "a list of texts"),
        ({"kind": "logo", "data": {"name": "Guild", "media": 1, "relation": "sponsor"}}, "one of partner"),
    ],
)
def test_invalid_facts_are_refused_with_the_reason(call, bakery, key, body, problem):
    response = call("post", f"/websites/{bakery.pk}/facts", key, body)
    assert response.status_code == 422
    assert problem in response.json()["detail"]
    assert not SiteFact.objects.exists()


def test_another_tenants_website_fact_and_media_are_out_of_reach(call, bakery, clinic, key, api_key_for):
    theirs = add_fact(clinic, "phone", {"phone": "+1 555 0199"})
    assert call("get", f"/websites/{clinic.pk}/facts", key).status_code == 403
    assert call("delete", f"/websites/{bakery.pk}/facts/{theirs.pk}", key).status_code == 404
    assert call("patch", f"/websites/{bakery.pk}/facts/{theirs.pk}", key, {"phone": "1"}).status_code == 404
    assert SiteFact.objects.get(pk=theirs.pk).data == {"phone": "+1 555 0199"}

    photo = MediaRecord.objects.create(website=clinic, media_type="image", cdn_url="https://cdn.test/p.jpg")
    response = call("post", f"/websites/{bakery.pk}/facts", key,
                    {"kind": "team_member", "data": {"name": "Ana Ruiz", "portrait": photo.pk}})  # fmt: skip
    assert response.status_code == 422
    assert response.json()["details"] == {"portrait": "not a media record of this website"}


def test_a_site_has_one_address_and_a_bounded_number_of_each_list(bakery):
    add_fact(bakery, "address", {"address": "1 Old Road"})
    add_fact(bakery, "address", {"address": "12 Harbour Road"})
    assert [f.data["address"] for f in SiteFact.objects.filter(website=bakery)] == ["12 Harbour Road"]
    for number in range(MAX_FACTS_PER_KIND):
        add_fact(bakery, "stat", {"value": str(number), "label": "classes"})
    with pytest.raises(Exception, match=f"already has {MAX_FACTS_PER_KIND} figures"):
        add_fact(bakery, "stat", {"value": "31", "label": "classes"})


def test_the_kinds_endpoint_lists_every_kind_with_its_fields(call, bakery, key):
    kinds = call("get", f"/websites/{bakery.pk}/facts/kinds", key).json()
    assert [k["key"] for k in kinds] == list(KINDS)
    team = next(k for k in kinds if k["key"] == "team_member")
    assert [f["name"] for f in team["fields"]] == ["name", "role", "bio", "portrait"]


def test_every_kinds_example_fields_pass_their_own_rules():
    """The table is consistent: a fact with every field filled at its limit is accepted as it is."""
    at_limit = {"email": lambda f: "hello@example.com", "media": lambda f: 1, "rating": lambda f: 5,
                "choice": lambda f: f.choices[0], "list": lambda f: ["x" * f.max_length] * f.max_items}  # fmt: skip
    for kind in KINDS.values():
        data = {f.name: at_limit.get(f.type, lambda f: "x" * f.max_length)(f) for f in kind.fields}
        assert clean_fact(kind.key, data) == data, kind.key


def test_the_admin_refuses_a_fact_its_kind_does_not_allow(client_for, superuser, bakery):
    response = client_for(superuser).post("/admin/websites/sitefact/add/", {
        "website": bakery.pk, "kind": "faq", "data": json.dumps({"question": "Why?"}), "position": 0, "source": "admin",
    })  # fmt: skip
    assert response.status_code == 200
    assert "answer: required" in response.content.decode()
    assert not SiteFact.objects.exists()
