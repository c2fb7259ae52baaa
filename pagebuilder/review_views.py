"""The builder's review controls: an editor submits the page's draft for review; a reviewer or owner approves
it (which publishes exactly the submitted version) or sends it back with a comment. Plain form posts that
redirect back to the page; with htmx they answer with the panel. The work is in ``pagebuilder.review``."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from pagebuilder.review import approve, review_of, send_back, submit_for_review
from pagebuilder.views import _after_change, builder_view, refuse_in_panel
from websites.access import website_for_user
from websites.errors import AppError


@require_POST
@builder_view
def submit(request: HttpRequest, website_id: int, slug: str) -> HttpResponse:
    site = website_for_user(request.user, website_id, edit=True)
    try:
        submit_for_review(site, slug, user=request.user)
    except AppError as error:
        return refuse_in_panel(request, site, slug, error)
    note = "Submitted for review: a reviewer or owner will publish it or send it back with a comment."
    return _after_change(request, website_id, slug, note)


@require_POST
@builder_view
def approve_review(request: HttpRequest, website_id: int, slug: str, review_id: int) -> HttpResponse:
    site = website_for_user(request.user, website_id)
    try:
        approve(review_of(site, slug, review_id), request.user)
    except AppError as error:
        return refuse_in_panel(request, site, slug, error)
    return _after_change(request, website_id, slug, "Approved: the live page now shows the submitted version.")


@require_POST
@builder_view
def send_back_review(request: HttpRequest, website_id: int, slug: str, review_id: int) -> HttpResponse:
    site = website_for_user(request.user, website_id)
    comment = request.POST.get("comment") or ""
    try:
        send_back(review_of(site, slug, review_id), request.user, comment)
    except AppError as error:
        return refuse_in_panel(request, site, slug, error, review_comment=comment)
    note = "Sent back with your comment: the editor sees it on the page; the draft and its version are kept."
    return _after_change(request, website_id, slug, note)
