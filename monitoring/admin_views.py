"""The operators' dashboard at ``/admin/metrics/``: staff only (``config/urls.py`` wraps it in the admin site's
``admin_view``). It reads the filters, asks ``monitoring.dashboard`` for the figures and draws them."""

from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone

from monitoring.dashboard import dashboard_report
from monitoring.figures import figures
from monitoring.forms import DashboardFilters

TEMPLATE = "admin/monitoring/metrics.html"


def metrics_dashboard(request: HttpRequest) -> TemplateResponse:
    """Generations, their cost and the API's errors for the chosen period and website. Filters that are not
    valid (an unknown period or website) answer 400 with the form saying what to change, and no figures."""
    form = DashboardFilters(request.GET)
    context = {**admin.site.each_context(request), "title": "Metrics", "form": form}
    if not form.is_valid():
        return TemplateResponse(request, TEMPLATE, context, status=400)
    report = dashboard_report(form.cleaned_data["period"], form.cleaned_data["website"], timezone.now())
    context.update(report=report, figures=figures(report))
    return TemplateResponse(request, TEMPLATE, context)
