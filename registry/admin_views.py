"""Pages of the curator admin beyond Django's own: the deprecation step of the action and the search playground."""

from dataclasses import dataclass

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse

from registry.curation import deprecate_components
from registry.embeddings import get_embedding_provider
from registry.forms import PlaygroundForm, ReplacementForm
from registry.models import AiSemanticComponent
from registry.search import SearchHit, search_components
from registry.selectors import components_by_ids
from websites.errors import AppError, InvalidInput

TEMPLATES = "admin/registry/aisemanticcomponent"


def deprecate_selected(
    model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> TemplateResponse | None:
    """The action's two steps, as Django's delete action: first ask for the replacement, then apply it.
    On an error the page is shown again with the message and nothing is changed."""
    form = ReplacementForm(request.POST if request.POST.get("apply") else None)
    if form.is_valid():
        ids = list(queryset.values_list("component_id", flat=True))
        replacement_id = form.cleaned_data["replacement_id"]
        try:
            count = deprecate_components(ids, replacement_id=replacement_id)
        except InvalidInput as error:
            form.add_error("replacement_id", error.message)
        else:
            message = f"Deprecated; replaced by {replacement_id.strip()}."
            LogEntry.objects.log_actions(request.user.pk, queryset, CHANGE, message)
            model_admin.message_user(request, f"Deprecated {count} component(s); pages should use {replacement_id}.")
            return None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Deprecate with a replacement",
        "opts": model_admin.opts,
        "queryset": queryset,
        "form": form,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "action_name": "deprecate_selected",
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, f"{TEMPLATES}/deprecate_selected.html", context)


@dataclass(frozen=True)
class PlaygroundRow:
    rank: int
    hit: SearchHit
    component: AiSemanticComponent
    change_url: str


def search_playground(model_admin: admin.ModelAdmin, request: HttpRequest) -> TemplateResponse:
    """Run a search as the API would and show the ranking with both scores, to tune tags and descriptions."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    categories = list(AiSemanticComponent.objects.order_by("category").values_list("category", flat=True).distinct())
    form = PlaygroundForm(request.GET if "query" in request.GET else None, categories=categories)
    rows, error = [], None
    if form.is_valid():
        try:
            rows = _ranked_rows(form.cleaned_data)
        except AppError as failure:  # an empty or long query, or vectors from another model
            error = failure.message
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Search playground",
        "opts": model_admin.opts,
        "form": form,
        "rows": rows,
        "error": error,
        "searched": form.is_bound and form.is_valid(),
        "model_id": get_embedding_provider().model_id,
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, f"{TEMPLATES}/search_playground.html", context)


def _ranked_rows(params: dict) -> list[PlaygroundRow]:
    hits = search_components(params["query"], category=params["category"] or None, limit=params["limit"] or 10)
    components = components_by_ids([hit.component_id for hit in hits])
    return [
        PlaygroundRow(
            rank=rank,
            hit=hit,
            component=components[hit.component_id],
            change_url=reverse("admin:registry_aisemanticcomponent_change", args=[components[hit.component_id].pk]),
        )
        for rank, hit in enumerate(hits, start=1)
        if hit.component_id in components
    ]
