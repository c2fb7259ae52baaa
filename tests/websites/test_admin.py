"""Admin: tenant records are read-mostly; API client keys are shown once and stored hashed."""

import re

import pytest

from websites.api_clients import api_client_authenticate
from websites.models import ApiClient

pytestmark = pytest.mark.django_db


def test_superuser_sees_every_model_in_admin(client_for, superuser):
    html = client_for(superuser).get("/admin/").content.decode()
    for name in (
        "Websites",
        "Brand guides",
        "Seo keywords",
        "Media records",
        "Ai tasks",
        "API clients",
        "Website memberships",
        "Semantic components",
        "Website style guides",
        "Pages",
    ):
        assert name in html, name


def test_rails_owned_rows_cannot_be_added_or_deleted(client_for, superuser, bakery):
    admin = client_for(superuser)
    assert admin.get("/admin/websites/website/add/").status_code == 403
    assert admin.get(f"/admin/websites/website/{bakery.pk}/delete/").status_code == 403
    assert admin.get(f"/admin/websites/website/{bakery.pk}/change/").status_code == 200


def test_adding_an_api_client_shows_the_key_once(client_for, superuser, bakery):
    admin = client_for(superuser)
    response = admin.post(
        "/admin/websites/apiclient/add/",
        {"name": "from-admin", "websites": [bakery.pk], "is_active": "on"},
        follow=True,
    )
    assert response.status_code == 200
    match = re.search(r"API key for from-admin: (pb_\S+)", response.content.decode())
    assert match, "the new key was not shown"
    client = ApiClient.objects.get(name="from-admin")
    assert api_client_authenticate(match.group(1)) == client
    assert list(client.websites.all()) == [bakery]
    again = admin.get(f"/admin/websites/apiclient/{client.pk}/change/").content.decode()
    assert match.group(1) not in again


def test_staff_without_permissions_cannot_see_api_clients(client_for, staff):
    assert client_for(staff).get("/admin/websites/apiclient/").status_code == 403
