"""Websites API: what an API client may see of the tenants it is scoped to."""

from django.http import HttpRequest
from ninja import Router

from websites.access import website_for_client
from websites.models import Website
from websites.schemas import AUTHENTICATED, WebsiteOut, error_responses

router = Router(tags=["websites"])


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
