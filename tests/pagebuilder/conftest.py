"""Page builder fixtures: the demo websites (seeded inside each test's transaction) over the demo registry,
and Claude answered by the shared strict fake. The editor's facts (``FACTS``) and an in-process generation
(``generate``) are in ``tests.helpers.generation``."""

import pytest
from django_q.conf import Conf

from websites.demo import seed_demo
from websites.models import Website


@pytest.fixture
def demo_sites(registry, settings) -> dict[str, Website]:
    """The two demo websites with brand guides, keywords and media, by subdomain."""
    settings.DEBUG = True  # seed_demo refuses otherwise (pytest-django runs tests with DEBUG off)
    seed_demo()
    settings.DEBUG = False
    return {site.subdomain: site for site in Website.objects.filter(subdomain__in=["crumbandco", "brightside"])}


@pytest.fixture
def crumb(demo_sites) -> Website:
    return demo_sites["crumbandco"]


@pytest.fixture
def claude(fake_claude):
    """Claude configured, answered by the shared strict fake (``fake_claude``); retries do not sleep."""
    return fake_claude(ANTHROPIC_WEB_SEARCH=False)


@pytest.fixture
def inline_queue(monkeypatch, settings):
    """Queued work runs in this process (django-q2 sync mode), offline, with the builder on for every website."""
    monkeypatch.setattr(Conf, "SYNC", True)
    settings.AI_BUILDER_ROLLOUT_PERCENT, settings.AI_BUILDER_ALLOWLIST = 100, []
    settings.LLM_PROVIDER = "offline"


@pytest.fixture
def studio(registry) -> Website:
    """A website that is not in the demo data: no brand guide, no media, no facts."""
    return Website.objects.create(name="Lotus Yoga Studio", domain="lotus.test", subdomain="lotus")
