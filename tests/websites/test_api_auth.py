"""API key authentication and website scoping."""

import base64
import time

import pytest

from websites.api_clients import api_client_authenticate, api_client_rotate_key
from websites.models import ApiClient

pytestmark = pytest.mark.django_db


def _bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _basic(name: str, key: str) -> dict:
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(f"{name}:{key}".encode()).decode()}


def test_no_key_is_401_with_a_json_hint(client, bakery):
    response = client.get(f"/api/v1/websites/{bakery.pk}")
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]
    assert response.json()["code"] == "unauthorized"
    assert "Bearer" in response["WWW-Authenticate"]


@pytest.mark.parametrize("key", ["nonsense", "pb_000000000000_wrong", ""])
def test_wrong_key_is_401(client, bakery, api_key_for, key):
    real = api_key_for(bakery)
    forged = key or real[:-1] + ("A" if real[-1] != "A" else "B")
    response = client.get(f"/api/v1/websites/{bakery.pk}", **_bearer(forged))
    assert response.status_code == 401


def test_bearer_key_reads_its_website(client, bakery, api_key_for):
    response = client.get(f"/api/v1/websites/{bakery.pk}", **_bearer(api_key_for(bakery)))
    assert response.status_code == 200
    assert response.json()["name"] == "Test Bakery"


def test_client_scoped_to_a_gets_403_for_b(client, bakery, clinic, api_key_for):
    response = client.get(f"/api/v1/websites/{clinic.pk}", **_bearer(api_key_for(bakery)))
    assert response.status_code == 403
    assert "may not act on website" in response.json()["detail"]


def test_unknown_website_is_404(client, bakery, api_key_for):
    response = client.get("/api/v1/websites/999999", **_bearer(api_key_for(bakery)))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_all_websites_client_reaches_every_site(client, bakery, clinic, api_key_for):
    key = api_key_for(all_websites=True)
    assert client.get(f"/api/v1/websites/{clinic.pk}", **_bearer(key)).status_code == 200
    names = {w["name"] for w in client.get("/api/v1/websites", **_bearer(key)).json()}
    assert names == {"Test Bakery", "Test Clinic"}


def test_list_shows_only_the_clients_websites(client, bakery, clinic, api_key_for):
    listed = client.get("/api/v1/websites", **_bearer(api_key_for(bakery))).json()
    assert [w["id"] for w in listed] == [bakery.pk]


def test_http_basic_with_client_name_and_key(client, bakery, api_key_for):
    key = api_key_for(bakery, name="rails-renderer")
    assert client.get(f"/api/v1/websites/{bakery.pk}", **_basic("rails-renderer", key)).status_code == 200
    assert client.get(f"/api/v1/websites/{bakery.pk}", **_basic("someone-else", key)).status_code == 401


def test_inactive_client_is_401(client, bakery, api_key_for):
    key = api_key_for(bakery, name="retired")
    ApiClient.objects.filter(name="retired").update(is_active=False)
    assert client.get(f"/api/v1/websites/{bakery.pk}", **_bearer(key)).status_code == 401


def test_key_is_stored_hashed_and_use_is_recorded(client, bakery, api_key_for):
    key = api_key_for(bakery, name="hashed")
    stored = ApiClient.objects.get(name="hashed")
    assert key not in (stored.key_hash, stored.key_prefix)
    assert len(stored.key_hash) == 64
    assert stored.last_used_at is None
    client.get(f"/api/v1/websites/{bakery.pk}", **_bearer(key))
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_non_numeric_website_id_is_json_404(client, bakery, api_key_for):
    response = client.get("/api/v1/websites/not-a-number", **_bearer(api_key_for(bakery)))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_unknown_api_path_is_json_404(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "/api/v1/docs" in response.json()["detail"]


def test_a_known_key_is_not_looked_up_again_within_the_cache_time(
    client, bakery, api_key_for, django_assert_num_queries
):
    key = api_key_for(bakery, name="busy")
    assert client.get("/api/v1/websites", **_bearer(key)).status_code == 200

    with django_assert_num_queries(0):
        assert api_client_authenticate(key).name == "busy"
    assert api_client_authenticate(key + "x") is None, "a wrong key is never taken from the cache"


def test_deactivating_or_rotating_a_client_through_the_orm_stops_its_cached_key_at_once(client, bakery, api_key_for):
    key = api_key_for(bakery, name="revoked")
    assert client.get("/api/v1/websites", **_bearer(key)).status_code == 200
    stored = ApiClient.objects.get(name="revoked")

    new_key = api_client_rotate_key(stored)  # as the admin's rotate action does

    assert client.get("/api/v1/websites", **_bearer(key)).status_code == 401
    assert client.get("/api/v1/websites", **_bearer(new_key)).status_code == 200
    stored.is_active = False
    stored.save()  # as the admin's form does
    assert client.get("/api/v1/websites", **_bearer(new_key)).status_code == 401


def test_a_change_another_process_made_takes_effect_within_the_cache_time(client, bakery, api_key_for, settings):
    settings.API_KEY_CACHE_SECONDS = 0.2
    key = api_key_for(bakery, name="elsewhere")
    assert client.get("/api/v1/websites", **_bearer(key)).status_code == 200
    ApiClient.objects.filter(name="elsewhere").update(is_active=False)  # no signal, as from another process

    deadline = time.monotonic() + 5
    while client.get("/api/v1/websites", **_bearer(key)).status_code == 200:
        assert time.monotonic() < deadline, "the deactivated key still worked after 5 s"
    assert client.get("/api/v1/websites", **_bearer(key)).status_code == 401


def test_the_cached_client_is_a_copy_per_request(bakery, api_key_for):
    key = api_key_for(bakery, name="shared")
    first = api_client_authenticate(key)
    first.name = "changed by one request"

    assert api_client_authenticate(key).name == "shared"
