"""Websites API: what an API client may see of the tenants it is scoped to, and their facts."""

from dataclasses import asdict
from typing import Any

from django.http import HttpRequest
from ninja import Body, Query, Router, Status

from websites.access import website_for_client
from websites.fact_kinds import KINDS
from websites.models import SiteFact, Website
from websites.schemas import (
    AUTHENTICATED,
    JSON_BODY,
    FactIn,
    FactKindOut,
    FactOut,
    WebsiteOut,
    error_responses,
)
from websites.site_facts import add_fact, delete_fact, facts_of, update_fact

router = Router(tags=["websites"])
# Any of a fact's fields (its kind says which); checked by the kind's rules, not by a schema per kind.
PATCH_BODY = Body(..., examples=[{"role": "Founder and teacher", "bio": None}])


@router.get(
    "",
    response={200: list[WebsiteOut], **error_responses(*AUTHENTICATED)},
    summary="Websites this API client may act on",
)
def list_websites(request: HttpRequest):
    client = request.auth
    websites = Website.objects.all() if client.all_websites else client.websites.all()
    return list(websites)


@router.get(
    "/{int:website_id}", response={200: WebsiteOut, **error_responses(*AUTHENTICATED, 403, 404)}, summary="One website"
)
def get_website(request: HttpRequest, website_id: int):
    return website_for_client(request.auth, website_id)


@router.get(
    "/{int:website_id}/facts",
    response={200: list[FactOut], **error_responses(*AUTHENTICATED, 403, 404)},
    summary="The website's facts (testimonials, team, prices, …), optionally of one kind",
)
def list_facts(request: HttpRequest, website_id: int, kind: str | None = Query(None, max_length=32)):
    return list(facts_of(website_for_client(request.auth, website_id), kind))


@router.get(
    "/{int:website_id}/facts/kinds",
    response={200: list[FactKindOut], **error_responses(*AUTHENTICATED, 403, 404)},
    summary="The kinds of fact and their fields",
)
def list_fact_kinds(request: HttpRequest, website_id: int):
    website_for_client(request.auth, website_id)
    return [{**asdict(kind), "fields": [asdict(f) for f in kind.fields]} for kind in KINDS.values()]


@router.post(
    "/{int:website_id}/facts",
    response={201: FactOut, **error_responses(*JSON_BODY, 403, 404)},
    summary="Add a fact (an address, phone or e-mail replaces the website's current one)",
)
def create_fact(request: HttpRequest, website_id: int, payload: FactIn):
    website = website_for_client(request.auth, website_id)
    return Status(201, add_fact(website, payload.kind, payload.data, source=SiteFact.Source.API))


@router.patch(
    "/{int:website_id}/facts/{int:fact_id}",
    response={200: FactOut, **error_responses(*JSON_BODY, 403, 404)},
    summary='Change some fields of a fact (null or "" clears a field)',
)
def patch_fact(request: HttpRequest, website_id: int, fact_id: int, payload: dict[str, Any] = PATCH_BODY):
    return update_fact(website_for_client(request.auth, website_id), fact_id, payload)


@router.delete(
    "/{int:website_id}/facts/{int:fact_id}",
    response={204: None, **error_responses(*AUTHENTICATED, 403, 404)},
    summary="Delete a fact",
)
def remove_fact(request: HttpRequest, website_id: int, fact_id: int):
    delete_fact(website_for_client(request.auth, website_id), fact_id)
    return Status(204, None)
