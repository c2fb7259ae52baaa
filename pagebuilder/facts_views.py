"""The builder's "Site facts" page: the website's stored facts by kind, a form to add one of any kind, and
forms to change or delete each. Plain form posts that redirect back (no JavaScript needed); with htmx the same
URLs answer with the page's fact list, so the page updates in place."""

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pagebuilder.views import builder_view, can_edit
from websites.access import website_for_user
from websites.errors import AppError
from websites.fact_kinds import KINDS, LIST, MEDIA, fact_kind
from websites.models import MediaRecord, SiteFact
from websites.site_facts import add_fact, delete_fact, facts_of, update_fact


@builder_view
def facts(request: HttpRequest, website_id: int) -> HttpResponse:
    site = website_for_user(request.user, website_id)
    kind = KINDS.get(request.GET.get("kind") or "") or KINDS["testimonial"]
    return render(request, "builder/facts.html", _context(request, site, kind))


@require_POST
@builder_view
def add(request: HttpRequest, website_id: int) -> HttpResponse:
    site = website_for_user(request.user, website_id, edit=True)
    try:
        kind = fact_kind(request.POST.get("kind") or "")
        fact = add_fact(site, kind.key, _posted(request, kind), source=SiteFact.Source.EDITOR)
    except AppError as error:  # the form again with what the editor typed, to fix rather than type again
        kind = KINDS.get(request.POST.get("kind") or "")
        return _answer(request, site, error=error.message, kind=kind, typed=request.POST)
    return _answer(request, site, done=f"Saved: {kind.label.lower()} “{kind.title(fact.data)}”.", kind=kind)


@require_POST
@builder_view
def change(request: HttpRequest, website_id: int, fact_id: int) -> HttpResponse:
    site = website_for_user(request.user, website_id, edit=True)
    try:
        current = facts_of(site).filter(pk=fact_id).first()
        kind = fact_kind(current.kind if current else "")
        changes = {f.name: value for f in kind.fields if (value := _posted(request, kind).get(f.name)) is not None}
        cleared = {f.name: None for f in kind.fields if f.name not in changes}
        fact = update_fact(site, fact_id, {**cleared, **changes})
    except AppError as error:  # that fact's form keeps what the editor typed
        return _answer(request, site, error=error.message, typed=request.POST, typed_fact=fact_id)
    return _answer(request, site, done=f"Changed: {kind.label.lower()} “{kind.title(fact.data)}”.")


@require_POST
@builder_view
def remove(request: HttpRequest, website_id: int, fact_id: int) -> HttpResponse:
    site = website_for_user(request.user, website_id, edit=True)
    try:
        delete_fact(site, fact_id)
    except AppError as error:
        return _answer(request, site, error=error.message)
    return _answer(request, site, done="Deleted.")


def _posted(request: HttpRequest, kind) -> dict:
    """The form's fields of ``kind``: lists one item per line, media as ids, empty fields left out."""
    data = {}
    for spec in kind.fields:
        value = (request.POST.get(spec.name) or "").strip()
        if not value:
            continue
        data[spec.name] = value.splitlines() if spec.type == LIST else value
    return data


def _answer(
    request: HttpRequest, site, *, done: str = "", error: str = "", kind=None, typed=None, typed_fact: int | None = None
) -> HttpResponse:
    """With htmx the fact list (a refused form shown again with the editor's words); else a flash message and a
    redirect back."""
    if request.htmx:
        context = _context(request, site, kind or KINDS["testimonial"], typed=typed, typed_fact=typed_fact)
        return render(request, "builder/facts.html#facts-body", {**context, "done": done, "error": error})
    if error:
        flash.error(request, error)
    else:
        flash.success(request, done)
    url = reverse("builder:facts", args=[site.pk])
    return redirect(f"{url}?kind={kind.key}" if kind else url)


def _context(request: HttpRequest, site, kind, *, typed=None, typed_fact: int | None = None) -> dict:
    """The page's context; ``typed`` (the posted form) fills the add form, or with ``typed_fact`` that fact's form."""
    stored = list(facts_of(site))

    def values(k, fact) -> list[dict]:
        return _typed(k, typed) if typed is not None and fact.pk == typed_fact else _values(k, fact.data)

    groups = [
        {"kind": k, "facts": [{"fact": f, "title": k.title(f.data), "values": values(k, f)}
                              for f in stored if f.kind == key]}
        for key, k in KINDS.items()
    ]  # fmt: skip
    new_typed = typed is not None and typed_fact is None
    media = list(MediaRecord.objects.filter(website=site, status="active", media_type="image").order_by("-id")[:100])
    return {
        "website": site,
        "kind": kind,
        "new_values": _typed(kind, typed) if new_typed else [{"field": f, "value": ""} for f in kind.fields],
        "kinds": list(KINDS.values()),
        "groups": [g for g in groups if g["facts"]],
        "media": media,
        "media_type": MEDIA,
        "list_type": LIST,
        "can_edit": can_edit(request.user, site),
        "typed_fact": typed_fact if typed is not None else None,
    }


def _typed(kind, posted) -> list[dict]:
    """Each field of the kind with what the editor posted for it."""
    values = [{"field": f, "value": posted.get(f.name, "")} for f in kind.fields]
    for value in values:  # the media select compares ids
        if value["field"].type == MEDIA and value["value"].isdigit():
            value["value"] = int(value["value"])
    return values


def _values(kind, data: dict) -> list[dict]:
    """Each field of the kind with its current value as the form shows it (lists one item per line)."""
    return [
        {"field": f, "value": "\n".join(data.get(f.name) or []) if f.type == LIST else data.get(f.name, "")}
        for f in kind.fields
    ]
