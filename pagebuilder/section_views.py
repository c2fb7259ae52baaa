"""The panel's controls: per section of the draft (move up or down, remove, rewrite, swap its block, edit its
texts) and per page (SEO, unpublish, delete softly). Each is a plain form post that redirects back to the page;
with htmx the same URL answers with the panel. Section controls are the chat's edit operations, applied through
``apply_edits`` as a new version by the editor; the work is in ``pagebuilder.editing.controls``."""

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pagebuilder.editing.apply import apply_edits
from pagebuilder.editing.controls import (
    FailedTexts,
    change_seo,
    require_section,
    section_texts,
    text_operations,
)
from pagebuilder.editing.operations import Move, Op, Regenerate, Remove, Swap
from pagebuilder.editing.outcome import EditOutcome
from pagebuilder.models import Conversation, PageVersion
from pagebuilder.pages import delete_page, latest_version, unpublish
from pagebuilder.views import _page_context, _page_url, builder_view, lazy_sections
from websites.access import website_for_user
from websites.errors import AppError
from websites.models import Website


@require_POST
@builder_view
def move(request: HttpRequest, website_id: int, slug: str, section_id: str) -> HttpResponse:
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        site = website_for_user(request.user, website_id, edit=True)
        return _answer(request, site, slug, error="Say whether to move the section up or down.")
    return _edit(request, website_id, slug, section_id, [Move(section=section_id, position=direction)])


@require_POST
@builder_view
def remove(request: HttpRequest, website_id: int, slug: str, section_id: str) -> HttpResponse:
    return _edit(request, website_id, slug, section_id, [Remove(section=section_id)])


@require_POST
@builder_view
def regenerate(request: HttpRequest, website_id: int, slug: str, section_id: str) -> HttpResponse:
    return _edit(request, website_id, slug, section_id, [Regenerate(section=section_id)])


@require_POST
@builder_view
def swap(request: HttpRequest, website_id: int, slug: str, section_id: str) -> HttpResponse:
    target = (request.POST.get("component_id") or "").strip()
    if not target:
        site = website_for_user(request.user, website_id, edit=True)
        return _answer(request, site, slug, error="Choose the block the section should use.")
    return _edit(request, website_id, slug, section_id, [Swap(section=section_id, target=target, exact=True)])


@require_POST
@builder_view
def texts(request: HttpRequest, website_id: int, slug: str, section_id: str) -> HttpResponse:
    site, draft = _draft(request, website_id, slug)
    fields = section_texts(draft, section_id)
    posted = {spec.path: request.POST[spec.name] for spec in fields if spec.name in request.POST}
    try:
        ops = text_operations(section_id, fields, request.POST)
    except AppError as error:
        return _answer(request, site, slug, failed=FailedTexts(section_id, error.message, posted))
    if not ops:
        return _answer(request, site, slug, note="No text was changed.")
    outcome = _apply(request, site, slug, ops)
    if outcome.refused:
        return _answer(request, site, slug, failed=FailedTexts(section_id, outcome.reply, posted))
    return _answer(request, site, slug, note=outcome.reply)


@require_POST
@builder_view
def seo(request: HttpRequest, website_id: int, slug: str) -> HttpResponse:
    site = website_for_user(request.user, website_id, edit=True)
    title, description = request.POST.get("seo_title") or "", request.POST.get("seo_description") or ""
    try:
        version = change_seo(site, slug, title, description, author=request.user)
    except AppError as error:
        return _answer(request, site, slug, seo={"error": error.message, "title": title, "description": description})
    note = f"{version.summary}: saved as a new version." if version else "The SEO title and description are unchanged."
    return _answer(request, site, slug, note=note)


@require_POST
@builder_view
def unpublish_page(request: HttpRequest, website_id: int, slug: str) -> HttpResponse:
    site = website_for_user(request.user, website_id, edit=True)
    if unpublish(site, slug, author=request.user):
        return _answer(request, site, slug, note="Unpublished: the page is no longer live; its versions are kept.")
    return _answer(request, site, slug, note="This page was not live.")


@require_POST
@builder_view
def delete(request: HttpRequest, website_id: int, slug: str) -> HttpResponse:
    site = website_for_user(request.user, website_id, edit=True)
    try:
        delete_page(site, slug, author=request.user)
    except AppError as error:
        return _answer(request, site, slug, error=error.message)
    return _answer(
        request, site, slug, note="Deleted: the page is not live and has no draft. Restore a version to bring it back."
    )


def _draft(request: HttpRequest, website_id: int, slug: str) -> tuple[Website, PageVersion]:
    site = website_for_user(request.user, website_id, edit=True)
    draft = latest_version(site, slug)
    if draft is None:
        raise Http404("This page has no draft to change.")
    return site, draft


def _apply(request: HttpRequest, site: Website, slug: str, ops: list[Op]) -> EditOutcome:
    """The operations as one version by the editor, written from the chat's facts for this page as chat edits are."""
    conversation = Conversation.objects.filter(website=site, slug=slug).first()
    facts = (conversation.facts if conversation else None) or None
    return apply_edits(site, slug, ops, author=request.user, provider="offline", additional_context=facts)


def _edit(request: HttpRequest, website_id: int, slug: str, section_id: str, ops: list[Op]) -> HttpResponse:
    site, draft = _draft(request, website_id, slug)
    require_section(draft, section_id)
    outcome = _apply(request, site, slug, ops)
    if outcome.refused:
        return _answer(request, site, slug, error=outcome.reply)
    return _answer(request, site, slug, note=outcome.reply)


def _answer(
    request: HttpRequest,
    site: Website,
    slug: str,
    *,
    note: str = "",
    error: str = "",
    failed: FailedTexts | None = None,
    seo: dict | None = None,
) -> HttpResponse:
    """With htmx the panel (a refused text form shown again with the editor's words); else a flash message and
    a redirect back to the page."""
    if request.htmx:
        context = {**_page_context(request, site, slug), "note": note, "error": error, "seo_form": seo}
        if failed is not None:
            conversation = Conversation.objects.filter(website=site, slug=slug).first()
            context["sections"] = lazy_sections(site, context["draft"], conversation, failed)
        return render(request, "builder/page.html#panel", context)
    message = failed.message if failed is not None else (seo or {}).get("error") or error
    if message:
        flash.error(request, message)
    else:
        flash.success(request, note)
    return redirect(_page_url(site.pk, slug))
