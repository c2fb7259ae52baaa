"""The builder's HTML views: websites, pages, the chat split view and its htmx partials, the preview.

Views parse, authorise (``chat.website_for`` on every view and partial) and render; the work happens in
``pagebuilder.chat``, ``pagebuilder.pages`` and ``styleguides.services``. Every POST is a normal form post
that works without JavaScript (it redirects back to the page); with htmx the same URL answers with a partial.
"""

from functools import wraps

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseStopPolling

from pagebuilder import chat
from pagebuilder.addresses import new_page_address, rename_refusal
from pagebuilder.chat_facts import save_noted_facts
from pagebuilder.editing.controls import section_controls
from pagebuilder.editing.grammar import HELP_EXAMPLES
from pagebuilder.models import Conversation, Message, PageCategory, PageVersion
from pagebuilder.pages import is_published, latest_version, page_state, restore_version, undo
from pagebuilder.review import attach_reviews, awaiting_review, publish_draft, review_state
from pagebuilder.rollout import builder_refusal
from pagebuilder.services import SLUG
from pagebuilder.structure import SEO_DESCRIPTION_MAX, SEO_TITLE_MAX
from pagebuilder.suggestions import page_suggestions
from styleguides.models import WebsiteStyleGuide
from styleguides.services import generate_style_guide
from styleguides.swatches import swatches
from styleguides.theme import MOODS
from styleguides.theme_defaults import INDUSTRIES
from styleguides.theme_validation import readable_theme
from websites.access import may_review, website_for_user, websites_for_user
from websites.errors import AppError, Forbidden, NotFound

SHOWN_THEME_PROBLEMS = 5
KEPT = "Your message is still in the box: send it again when you are ready."
CHAT_STATUS, PANEL_STATUS = "#chat-status", "#panel-status"  # the page's status regions, for refusals (htmx)
EXAMPLES = [
    "Make an about page for our family bakery",
    "Create a contact page with our opening hours",
    "Build a services page for our treatments",
]


def builder_view(view):
    """Login required; our AppErrors become 403/404 pages (Forbidden, NotFound) or a flash message."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Forbidden as error:
            raise PermissionDenied(error.message) from error
        except NotFound as error:
            raise Http404(error.message) from error

    return wrapped


def _page_url(website_id: int, slug: str) -> str:
    return reverse("builder:page", args=[website_id, slug])


def _fail(
    request: HttpRequest, error: AppError, fallback: str, *, region: str = CHAT_STATUS, hint: str = ""
) -> HttpResponse:
    """A refusal the editor can act on (nothing to undo, a generation still running, …).

    With htmx: the error's own status (409, 422, …) and the message for the status region ``region`` (HX-Retarget),
    so what the form targets (the chat, the panel with its preview) stays as it is; builder.js swaps such refusals
    in and gives the chat its controls back. Without JavaScript: a flash message and a redirect back."""
    if request.htmx:
        context = {"message": error.message, "hint": hint}
        response = render(request, "builder/page.html#refusal", context, status=error.status)
        response["HX-Retarget"] = region
        response["HX-Reswap"] = "innerHTML"
        return response
    flash.error(request, error.message)
    return redirect(fallback)


@require_GET
@builder_view
def home(request: HttpRequest) -> HttpResponse:
    websites = list(websites_for_user(request.user))
    if not websites and not request.user.is_superuser:
        raise PermissionDenied("You are not a member of any website yet; an administrator adds memberships.")
    return render(request, "builder/home.html", {"websites": websites})


@builder_view
def website(request: HttpRequest, website_id: int) -> HttpResponse:
    """The website's pages and the new-page form: the editor describes the page; its address is the one they
    typed or, left empty (or still the live proposal), one proposed from the description."""
    site = website_for_user(request.user, website_id, edit=request.method == "POST")
    extra = {}
    if request.method == "POST":
        text = request.POST.get("message") or ""
        typed = "" if request.POST.get("slug_source") == "proposed" else request.POST.get("slug")
        try:
            slug = new_page_address(site, typed, text)
            chat.send_message(site, slug, text, request.user, facts=request.POST.get("facts"))
            return redirect(_page_url(website_id, slug))
        except AppError as error:  # the form again, with what the editor typed and what to fix
            extra = {"form": {key: request.POST.get(key, "") for key in ("message", "slug", "slug_source", "facts")}}
            extra["error"] = error.message
    context = {"website": site, "pages": chat.page_rows(site), "examples": EXAMPLES,
               "builder_off": builder_refusal(site.pk), **extra,
               "awaiting_review": awaiting_review(site) if may_review(request.user, site) else None}  # fmt: skip
    return render(request, "builder/website.html", context)


def _page_context(request: HttpRequest, site, slug: str) -> dict:
    conversation = Conversation.objects.filter(website=site, slug=slug).first()
    state = page_state(site, slug)
    history = attach_reviews(
        list(PageVersion.objects.filter(website=site, slug=slug).select_related("author", "api_client")[:50])
    )
    chat_messages = list(conversation.messages.select_related("version")) if conversation else []
    facts = conversation.facts if conversation else None
    editable = can_edit(request.user, site)
    return {
        "website": site,
        "slug": slug,
        "builder_off": builder_refusal(site.pk),
        "conversation": conversation,
        "chat_messages": chat_messages,
        "running": chat.running_generation(conversation) if conversation else None,
        "draft": state["draft"],
        "live": state["live"],
        "draft_is_published": state["draft_is_published"],
        "versions": history,
        "can_edit": editable,
        # The panel shows it; the chat's partials (a progress poll every second) never ask for it.
        "review": SimpleLazyObject(lambda: review_state(site, slug, request.user, state["live"])),
        "is_live": is_published(state["live"]),
        "seo_title_max": SEO_TITLE_MAX,
        "seo_description_max": SEO_DESCRIPTION_MAX,
        "sections": lazy_sections(site, state["draft"], conversation) if editable else [],
        "help_examples": HELP_EXAMPLES[:6],
        # Quick actions go under the newest answer; both are worked out only when the template shows them.
        "last_answer_id": chat_messages[-1].pk if chat_messages and chat_messages[-1].role == "assistant" else None,
        "suggestions": SimpleLazyObject(lambda: page_suggestions(site, slug, facts)),
        "rename_refusal": SimpleLazyObject(lambda: rename_refusal(site, slug)),
    }


def lazy_sections(site, draft: PageVersion | None, conversation: Conversation | None, failed=None):
    """The draft's section controls, built only when a template shows them (the panel, not the chat's partials)."""
    if draft is None:
        return []
    facts = (conversation.facts if conversation else None) or None
    return SimpleLazyObject(lambda: section_controls(site, draft, facts, failed=failed))


def can_edit(user, site) -> bool:
    try:
        website_for_user(user, site.pk, edit=True)
    except AppError:
        return False
    return True


@require_GET
@builder_view
def page(request: HttpRequest, website_id: int, slug: str) -> HttpResponse:
    site = website_for_user(request.user, website_id)
    if not SLUG.match(slug):
        raise Http404("No such page.")
    return render(request, "builder/page.html", _page_context(request, site, slug))


@require_POST
@builder_view
def send(request: HttpRequest, website_id: int, slug: str) -> HttpResponse:
    site = website_for_user(request.user, website_id, edit=True)
    try:
        asked, answer = chat.send_message(
            site, slug, request.POST.get("message") or "", request.user, facts=request.POST.get("facts")
        )
    except AppError as error:
        typed = request.htmx.trigger == "chat-form" and (request.POST.get("message") or "").strip()
        return _fail(request, error, _page_url(website_id, slug), hint=KEPT if typed else "")
    if not request.htmx:
        return redirect(_page_url(website_id, slug))
    context = {**_page_context(request, site, slug), "new_messages": [asked, answer]}
    response = render(request, "builder/page.html#sent", context)
    if answer.version_id:
        response["HX-Trigger"] = "page-updated"
    return response


@require_POST
@builder_view
def save_facts(request: HttpRequest, website_id: int, slug: str, message_id: int) -> HttpResponse:
    """The editor confirms the facts found in their message: they become the site's facts."""
    site = website_for_user(request.user, website_id, edit=True)
    message = get_object_or_404(Message, pk=message_id, conversation__website=site, conversation__slug=slug,
                                role=Message.Role.USER)  # fmt: skip
    saved = save_noted_facts(message)
    if not request.htmx:
        flash.success(request, f"Saved {saved} facts to the site.")
        return redirect(_page_url(website_id, slug))
    return render(request, "builder/page.html#message", {**_page_context(request, site, slug), "message": message})


@require_GET
@builder_view
def progress(request: HttpRequest, website_id: int, slug: str, message_id: int) -> HttpResponse:
    site = website_for_user(request.user, website_id)
    message = get_object_or_404(
        Message, pk=message_id, conversation__website=site, conversation__slug=slug, kind=Message.Kind.GENERATION
    )
    context = {**_page_context(request, site, slug), "message": message}
    view = chat.generation_view(message)
    if view.running:
        return render(request, "builder/page.html#generation", context)
    response = render(request, "builder/page.html#finished", context)
    stopped = HttpResponseStopPolling(response.content)
    stopped["HX-Trigger"] = "page-updated"
    return stopped


@require_POST
@builder_view
def retry(request: HttpRequest, website_id: int, slug: str, message_id: int) -> HttpResponse:
    site = website_for_user(request.user, website_id, edit=True)
    message = get_object_or_404(Message, pk=message_id, conversation__website=site, conversation__slug=slug)
    try:
        answer = chat.retry_generation(message, request.user)
    except AppError as error:
        return _fail(request, error, _page_url(website_id, slug))
    if not request.htmx:
        return redirect(_page_url(website_id, slug))
    context = {**_page_context(request, site, slug), "new_messages": [answer]}
    return render(request, "builder/page.html#sent", context)


def _after_change(request: HttpRequest, website_id: int, slug: str, note: str) -> HttpResponse:
    if request.htmx:
        site = website_for_user(request.user, website_id)
        return render(request, "builder/page.html#panel", {**_page_context(request, site, slug), "note": note})
    flash.success(request, note)
    return redirect(_page_url(website_id, slug))


@require_POST
@builder_view
def undo_view(request: HttpRequest, website_id: int, slug: str) -> HttpResponse:
    site = website_for_user(request.user, website_id, edit=True)
    try:
        previous = undo(site, slug)
    except AppError as error:
        return _fail(request, error, _page_url(website_id, slug), region=PANEL_STATUS)
    return _after_change(request, website_id, slug, f"Undone: back to “{previous.summary or 'the previous version'}”.")


@require_POST
@builder_view
def restore(request: HttpRequest, website_id: int, slug: str, version_id: int) -> HttpResponse:
    site = website_for_user(request.user, website_id, edit=True)
    version = get_object_or_404(PageVersion, pk=version_id, website=site, slug=slug)
    restore_version(version, author=request.user)
    return _after_change(request, website_id, slug, "Restored that version as the current draft.")


def refuse_in_panel(request: HttpRequest, site, slug: str, error: AppError, **extra) -> HttpResponse:
    """A refused publish or review action, with the error's status (403, 404, 409, 422): with htmx the panel's
    status region says why (the panel, and what was typed in it, stays); without, the page again with the reason
    in its panel."""
    if request.htmx:
        return _fail(request, error, _page_url(site.pk, slug), region=PANEL_STATUS)
    context = {**_page_context(request, site, slug), "error": error.message, **extra}
    return render(request, "builder/page.html", context, status=error.status)


@require_POST
@builder_view
def publish(request: HttpRequest, website_id: int, slug: str) -> HttpResponse:
    """Publish the draft directly: anyone who may edit on a website without review, reviewers and owners on one
    with review (editors there submit it for review: ``review_views.submit``)."""
    site = website_for_user(request.user, website_id, edit=True)
    try:
        publish_draft(site, slug, user=request.user)
    except AppError as error:
        return refuse_in_panel(request, site, slug, error)
    return _after_change(request, website_id, slug, "Published: the live page now shows this draft.")


@require_GET
@builder_view
def panel(request: HttpRequest, website_id: int, slug: str) -> HttpResponse:
    site = website_for_user(request.user, website_id)
    return render(request, "builder/page.html#panel", _page_context(request, site, slug))


@require_GET
@builder_view
@xframe_options_sameorigin
def preview(request: HttpRequest, website_id: int, slug: str, version_id: int | None = None) -> HttpResponse:
    site = website_for_user(request.user, website_id)
    if version_id is not None:
        version = get_object_or_404(PageVersion, pk=version_id, website=site, slug=slug)
        payload = version.design_payload
    elif (draft := latest_version(site, slug)) is not None:
        payload = draft.design_payload
    else:
        live = PageCategory.objects.filter(website=site, slug=slug).first()
        if live is None or not live.design_payload:
            raise Http404("This page has no draft yet.")
        payload = live.design_payload
    from pagebuilder.preview import preview_csp
    from pagebuilder.preview.service import preview_html, website_media

    response = HttpResponse(preview_html(site, payload), content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = preview_csp(website_media(site))
    response["Cache-Control"] = "no-store"
    return response


@builder_view
def style(request: HttpRequest, website_id: int) -> HttpResponse:
    site = website_for_user(request.user, website_id)
    if request.method == "POST":
        site = website_for_user(request.user, website_id, edit=True)
        mood = request.POST.get("mood") or None
        industry = (request.POST.get("industry") or "").strip()[:120] or None
        try:
            generate_style_guide(site, mood=mood, industry=industry, provider="offline")
        except AppError as error:
            return _fail(request, error, reverse("builder:style", args=[website_id]))
        flash.success(request, "A new style guide was generated; every preview now uses it.")
        return redirect(
            request.POST.get("next") if _safe_next(request) else reverse("builder:style", args=[website_id])
        )
    guide = WebsiteStyleGuide.objects.filter(website=site).first()
    # A row Rails or an older version wrote may hold values nothing can use: show the rest and say what is left out.
    theme, problems = readable_theme(guide.theme_config if guide else None)
    return render(
        request,
        "builder/style.html",
        {
            "website": site,
            "guide": guide,
            "theme": theme,
            "swatches": swatches(theme.get("colors", {}).get("semantic", {})),
            "theme_problems": problems[:SHOWN_THEME_PROBLEMS],
            "more_theme_problems": max(0, len(problems) - SHOWN_THEME_PROBLEMS),
            "moods": sorted(MOODS),
            "industries": sorted(INDUSTRIES),
            "can_edit": can_edit(request.user, site),
            "next": request.GET.get("next", ""),
        },
    )


def _safe_next(request: HttpRequest) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or ""
    return bool(target) and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
