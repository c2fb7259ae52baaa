"""Websites API: what an API client may see of the tenants it is scoped to."""

from django.http import HttpRequest
from ninja import Router

from websites.access import website_for_client
from websites.models import Website
from websites.schemas import WebsiteOut

router = Router(tags=["websites"])


@router.get("", response=list[WebsiteOut], summary="Websites this API client may act on")
def list_websites(request: HttpRequest):
    client = request.auth
    websites = Website.objects.all() if client.all_websites else client.websites.all()
    return list(websites)


@router.get("/{int:website_id}", response=WebsiteOut, summary="One website")
def get_website(request: HttpRequest, website_id: int):
    return website_for_client(request.auth, website_id)
