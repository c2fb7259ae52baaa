"""Demo logins work: staff users in the admin, every user on the site's own sign-in page."""

import io

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())


@pytest.mark.parametrize("username", ["admin", "curator"])
def test_staff_demo_users_sign_in_to_the_admin(demo, username):
    client = Client()
    response = client.post("/admin/login/?next=/admin/", {"username": username, "password": username}, follow=True)
    assert response.request["PATH_INFO"] == "/admin/"
    assert "Site administration" in response.content.decode()


def test_editor_signs_in_and_sees_their_websites(demo):
    client = Client()
    response = client.post("/accounts/login/", {"username": "editor", "password": "editor"}, follow=True)
    html = response.content.decode()
    assert "Signed in as editor" in html
    assert "Crumb &amp; Co. Bakery" in html
    assert "Brightside Dental Clinic" in html


def test_editor_is_not_let_into_the_admin(demo):
    response = Client().post("/admin/login/?next=/admin/", {"username": "editor", "password": "editor"})
    assert response.status_code == 200
    assert "staff account" in response.content.decode()


def test_wrong_password_says_so(demo):
    response = Client().post("/accounts/login/", {"username": "editor", "password": "nope"})
    assert "do not match" in response.content.decode()
