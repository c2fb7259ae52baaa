"""The builder's page-address views: the address proposed live while an editor describes a new page (an htmx
GET answering with the address field), and moving a never-published page to another address (a plain form
post that redirects to the page's new URL). The work happens in ``pagebuilder.addresses``."""

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from pagebuilder.addresses import propose_slug, rename_page
from pagebuilder.chat import MESSAGE_MAX
from pagebuilder.views import builder_view
from websites.access import website_for_user
from websites.errors import AppError


@require_GET
@builder_view
def propose(request: HttpRequest, website_id: int) -> HttpResponse:
    """The new-page form's address field holding the address proposed for ``?message=``."""
    site = website_for_user(request.user, website_id)
    proposed = propose_slug(site, (request.GET.get("message") or "")[:MESSAGE_MAX].replace("\x00", ""))
    context = {"website": site, "proposed": proposed, "source": "proposed"}
    return render(request, "builder/website.html#address-field", context)


@require_POST
@builder_view
def rename(request: HttpRequest, website_id: int, slug: str) -> HttpResponse:
    site = website_for_user(request.user, website_id, edit=True)
    try:
        address = rename_page(site, slug, request.POST.get("address") or "")
    except AppError as error:
        if error.status == 404:
            raise
        flash.error(request, f"The address was not changed: {error.message}")
        return redirect(reverse("builder:page", args=[website_id, slug]))
    flash.success(request, f"The page's address is now /{address} (it was /{slug}).")
    return redirect(reverse("builder:page", args=[website_id, address]))
