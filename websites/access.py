"""Tenant scoping: every API endpoint that names a website goes through ``website_for_client``."""

from websites.api_clients import api_client_may_use
from websites.errors import Forbidden, NotFound
from websites.models import ApiClient, Website


def website_for_client(client: ApiClient, website_id: int) -> Website:
    """The website ``website_id`` if ``client`` may act on it: 404 when it does not exist, 403 when out of scope."""
    website = Website.objects.filter(pk=website_id).first()
    if website is None:
        raise NotFound(f"No website has id {website_id}.")
    if not api_client_may_use(client, website.pk):
        raise Forbidden(f"API client {client.name!r} may not act on website {website_id}.")
    return website
