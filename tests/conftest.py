"""Shared fixtures: a few named websites and people, API keys, the one fake Claude, and a refusal of real network
access."""

import socket
from contextlib import ExitStack

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from registry.sync import SyncReport
from tests import fake_anthropic
from tests.helpers.network import is_local
from tests.helpers.registry import resync_demo_registry
from websites.api_clients import api_client_create
from websites.models import Website


@pytest.fixture(autouse=True, scope="session")
def _refuse_network():
    """Tests never reach the internet: external services are faked at the HTTP transport."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def guarded(real):
        def connect(self, address):
            if not is_local(address):
                raise OSError(f"Network access to {address!r} is refused in tests; fake the transport instead.")
            return real(self, address)

        return connect

    socket.socket.connect, socket.socket.connect_ex = guarded(real_connect), guarded(real_connect_ex)
    yield
    socket.socket.connect, socket.socket.connect_ex = real_connect, real_connect_ex


@pytest.fixture
def fake_claude(monkeypatch):
    """fake_claude(**settings) -> the tests' one fake Claude (``tests.fake_anthropic.FakeAnthropic``), installed
    for the rest of the test with ``fake_anthropic.installed``: Claude configured (a test key, the Anthropic
    provider, any settings given), every request checked as the real API checks it and answered from the fake's
    queues, retries recording their waits instead of sleeping. An answer queued that the real API could not send
    fails the test when it ends (``NotSendable``). One fake per test: a second call is refused."""
    installed: list[fake_anthropic.FakeAnthropic] = []
    with ExitStack() as stack:

        def install(**settings_overrides) -> fake_anthropic.FakeAnthropic:
            if installed:
                raise RuntimeError("fake_claude is already installed in this test; configure that one instead")
            installed.append(stack.enter_context(fake_anthropic.installed(monkeypatch, **settings_overrides)))
            return installed[0]

        yield install


@pytest.fixture
def bakery(db) -> Website:
    return Website.objects.create(name="Test Bakery", domain="bakery.test", subdomain="bakery")


@pytest.fixture
def clinic(db) -> Website:
    return Website.objects.create(name="Test Clinic", domain="clinic.test", subdomain="clinic")


@pytest.fixture
def api_key_for(db):
    """api_key_for(*websites, all_websites=False, name=None, may_track_usage=False, may_publish=False) -> the raw
    key of a new client."""
    counter = iter(range(1, 1000))

    def make(
        *websites: Website,
        all_websites: bool = False,
        name: str | None = None,
        may_track_usage: bool = False,
        may_publish: bool = False,
    ) -> str:
        _, key = api_client_create(
            name=name or f"client-{next(counter)}",
            websites=websites,
            all_websites=all_websites,
            may_track_usage=may_track_usage,
            may_publish=may_publish,
        )
        return key

    return make


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("ed", password="pw-ed-12345")


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("stan", password="pw-stan-12345", is_staff=True)


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", password="pw-root-12345")


@pytest.fixture
def client_for():
    """client_for(user) -> a Django test client logged in as that user."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture(scope="session")
def demo_registry(django_db_setup, django_db_blocker) -> SyncReport:
    """The demo registry (74 blocks) synced and committed once for the whole session; the first sync's report.

    Every test that asks for ``registry`` sees it inside its own rolled-back transaction. Transactional tests
    (``transaction=True``) flush Django-owned tables (``ComponentSyncState``) but not the unmanaged Rails table;
    such a test that needs the demo registry calls ``tests.helpers.registry.resync_demo_registry()`` itself.
    """
    with django_db_blocker.unblock():
        return resync_demo_registry()


@pytest.fixture
def registry(demo_registry, db) -> SyncReport:
    """The demo registry inside this test's transaction: changes made here are rolled back afterwards."""
    return demo_registry
