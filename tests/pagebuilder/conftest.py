"""Page builder fixtures: the demo websites (seeded inside each test's transaction) over the demo registry,
and Claude answered by the shared strict fake. The editor's facts (``FACTS``) and an in-process generation
(``generate``) are in ``tests.helpers.generation``."""

import pytest

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
