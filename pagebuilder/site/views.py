"""The whole-site builder's HTML views: the chat about the site and the sitemap panel with its controls, the
build's progress, the built pages and publishing the whole site.

Views parse, authorise (``website_for_user``; ``edit=True`` for every POST) and call ``site.plans``,
``site.conversation``, ``site.starting`` and ``site.publishing``; ``site.panel`` gathers what the panel shows.
Every POST is a plain form post that works without JavaScript (flash message, redirect back); with htmx the
same URL answers with the panel (or the chat's new messages). A refused change answers with the service's
status (403, 404, 409, 422) and its message for the panel's status region, leaving the panel as it was.
"""

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseStopPolling

from pagebuilder.models import Message
from pagebuilder.site import plans
from pagebuilder.site.chat import SITE_CHAT_SLUG
from pagebuilder.site.conversation import build_note, running_plan_task, send_site_message, site_messages, start_build
from pagebuilder.site.panel import panel_context, plan_card, with_cards
from pagebuilder.site.publishing import publish_site, submit_site_for_review
from pagebuilder.views import builder_view, can_edit
from websites.access import website_for_user
from websites.errors import AppError, InvalidInput

CHAT_STATUS, PANEL_STATUS = "#site-chat-status", "#site-panel-status"
KEPT = "Your message is still in the box: send it again when you are ready."


def _site_url(website_id: int) -> str:
    return reverse("builder:site", args=[website_id])


def _refuse(request: HttpRequest, error: AppError, website_id: int, region: str, hint: str = "") -> HttpResponse:
    if request.htmx:
        context = {"message": error.message, "hint": hint}
        response = render(request, "builder/page.html#refusal", context, status=error.status)
        response["HX-Retarget"], response["HX-Reswap"] = region, "innerHTML"
        return response
    flash.error(request, error.message)
    return redirect(_site_url(website_id))


def _context(request: HttpRequest, site, **extra) -> dict:
    return {"website": site, "can_edit": can_edit(request.user, site), **panel_context(site, request.user), **extra}


@require_GET
@builder_view
def site(request: HttpRequest, website_id: int) -> HttpResponse:
    website = website_for_user(request.user, website_id)
    context = _context(
        request, website, chat_messages=with_cards(site_messages(website)), planning=running_plan_task(website)
    )
    return render(request, "builder/site.html", context)


@require_GET
@builder_view
def panel(request: HttpRequest, website_id: int) -> HttpResponse:
    website = website_for_user(request.user, website_id)
    return render(request, "builder/site.html#panel", _context(request, website))


@require_POST
@builder_view
def send(request: HttpRequest, website_id: int) -> HttpResponse:
    website = website_for_user(request.user, website_id, edit=True)
    try:
        asked, answer = send_site_message(website, request.POST.get("message") or "", request.user)
    except AppError as error:
        return _refuse(request, error, website_id, CHAT_STATUS, hint=KEPT)
    if not request.htmx:
        return redirect(_site_url(website_id))
    context = _context(request, website, new_messages=with_cards([asked, answer]), planning=running_plan_task(website))
    response = render(request, "builder/site.html#sent", context)
    if answer.kind in (Message.Kind.EDIT, Message.Kind.TEXT) and answer.data.get("site_task") != "plan":
        response["HX-Trigger"] = "sitemap-updated"
    return response


@require_GET
@builder_view
def progress(request: HttpRequest, website_id: int, message_id: int) -> HttpResponse:
    """The sitemap proposal's card: progress while it runs, then the proposal (and the panel reloads)."""
    website = website_for_user(request.user, website_id)
    message = get_object_or_404(Message, pk=message_id, conversation__website=website,
                                conversation__slug=SITE_CHAT_SLUG, kind=Message.Kind.GENERATION)  # fmt: skip
    card = message.card = plan_card(message)
    context = _context(request, website, message=message)
    if card.running:
        return render(request, "builder/site.html#plan-card", context)
    response = render(request, "builder/site.html#plan-finished", context)
    stopped = HttpResponseStopPolling(response.content)
    stopped["HX-Trigger"] = "sitemap-updated"
    return stopped


def _changed(request: HttpRequest, website, note: str) -> HttpResponse:
    if request.htmx:
        return render(request, "builder/site.html#panel", _context(request, website, note=note))
    flash.success(request, note)
    return redirect(_site_url(website.pk))


def _control(change):
    """A sitemap control: the change (given the website, the POST data and the user) returns the note shown."""

    @require_POST
    @builder_view
    def view(request: HttpRequest, website_id: int, slug: str | None = None) -> HttpResponse:
        website = website_for_user(request.user, website_id, edit=True)
        try:
            note = change(website, request.POST, request.user, slug)
        except AppError as error:
            return _refuse(request, error, website_id, PANEL_STATUS)
        return _changed(request, website, note)

    view.__name__ = change.__name__
    return view


def _rename(website, data, user, slug: str) -> str:
    title = (data.get("title") or "").strip()
    new_slug = (data.get("slug") or "").strip() or None
    plans.rename_page(website, slug, title, new_slug=None if new_slug == slug else new_slug, user=user)
    return f"Renamed /{slug} to “{title}”" + (f" at /{new_slug}." if new_slug and new_slug != slug else ".")


def _remove(website, data, user, slug: str) -> str:
    plans.remove_page(website, slug, user=user)
    return f"Removed /{slug} from the sitemap."


def _move(website, data, user, slug: str) -> str:
    step = {"up": -1, "down": 1}.get(data.get("direction") or "")
    if step is None:
        raise InvalidInput("direction must be up or down.")
    plans.move_page_by(website, slug, step, user=user)
    return f"Moved /{slug} {data['direction']}."


def _add(website, data, user, slug=None) -> str:
    before = {page["slug"] for page in plans.require_plan(website).pages}
    plan = plans.add_page(website, data.get("page_type") or "", title=data.get("title") or "", user=user)
    added = next((page for page in plan.pages if page["slug"] not in before), None)
    return f"Added “{added['title']}” (/{added['slug']})." if added else "Added the page."


def _sections(website, data, user, slug: str) -> str:
    section = data.get("section") or ""
    if data.get("action") == "remove":
        plans.remove_section(website, slug, section, user=user)
        return f"Removed the {section} section from /{slug}."
    plans.add_section(website, slug, section, user=user)
    return f"Added the {section} section to /{slug}."


def _build(website, data, user, slug=None) -> str:
    return build_note(start_build(website, user))


def _rebuild(website, data, user, slug: str) -> str:
    start_build(website, user, only=[slug])
    return f"Rebuilding /{slug}: the other pages keep their drafts and the same navigation."


def _submit(website, data, user, slug=None) -> str:
    slugs = submit_site_for_review(website, user=user)
    return f"Submitted {len(slugs)} pages for review ({', '.join('/' + s for s in slugs)}); a reviewer publishes them."


def _publish(website, data, user, slug=None) -> str:
    versions = publish_site(website, user=user)
    return f"Published the whole site: {len(versions)} pages are live ({', '.join('/' + v.slug for v in versions)})."


rename = _control(_rename)
remove = _control(_remove)
move = _control(_move)
add = _control(_add)
sections = _control(_sections)
build = _control(_build)
publish = _control(_publish)
rebuild = _control(_rebuild)
submit = _control(_submit)
