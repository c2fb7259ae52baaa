"""The demo seed across apps: ``websites.demo``'s tenants, logins and API client, with the demo curator in the
registry's Curators group (this layer may know both; the websites app may not know the registry)."""

from typing import TextIO

from django.contrib.auth import get_user_model
from django.db import transaction

from pagebuilder.curation import curators_group
from websites import demo
from websites.demo_data import DEMO_CURATOR


@transaction.atomic
def seed_demo(*, stdout: TextIO | None = None) -> demo.DemoResult:
    """Create or refresh the demo data (see ``websites.demo.seed_demo``). Refuses with DEBUG off."""
    result = demo.seed_demo(stdout=stdout)
    get_user_model().objects.get(username=DEMO_CURATOR).groups.add(curators_group())
    return result
