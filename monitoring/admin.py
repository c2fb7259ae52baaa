"""Monitoring in the admin. Read-only pages of what the monitoring records (operations, request tallies, alert
states): they are written by the recorders and the alert schedule, never by hand; the dashboard itself is
``admin_views``. The Website admin's policy inline also shows what the website has spent on Claude this month and
when its budget resets (``monitoring.budgets``): ``websites`` may not import monitoring, so the Website admin is
registered again here with that inline; everything else stays as ``websites.admin`` defines it."""

from django.contrib import admin

from monitoring.budgets import budget_status, long_date, month_bounds
from monitoring.formatting import usd
from monitoring.models import AlertState, Operation, RequestTally
from websites.admin import ReadOnlyAdmin, WebsiteAdmin, WebsitePolicyInline
from websites.models import Website, WebsitePolicy


@admin.register(Operation)
class OperationAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "kind", "outcome", "website_id", "provider", "fallback", "duration_ms", "cost_usd")
    list_filter = ("kind", "outcome", "provider", "fallback")
    search_fields = ("task_id", "model", "error")
    date_hierarchy = "created_at"
    show_full_result_count = False


@admin.register(RequestTally)
class RequestTallyAdmin(ReadOnlyAdmin):
    list_display = ("minute", "method", "route", "status", "bucket", "count", "total_ms")
    list_filter = ("method", "status")
    search_fields = ("route",)
    date_hierarchy = "minute"
    show_full_result_count = False


@admin.register(AlertState)
class AlertStateAdmin(ReadOnlyAdmin):
    list_display = ("name", "firing", "since", "value", "detail", "evaluated_at")
    list_filter = ("firing",)


class BudgetPolicyInline(WebsitePolicyInline):
    """The policy with this month's spend beside its budget. One form is always shown (``extra``), so the budget
    can be set on a website that has no policy yet; left unchanged, it saves nothing."""

    extra = 1
    readonly_fields = (*WebsitePolicyInline.readonly_fields, "spent_this_month", "budget_resets_on")

    @admin.display(description="AI spend this month (UTC)")
    def spent_this_month(self, policy: WebsitePolicy) -> str:
        if not policy.website_id:  # the blank template of a new row
            return "—"
        status = budget_status(policy.website_id)
        return f"{usd(status.spent_usd)} of {usd(status.budget_usd)}"

    @admin.display(description="budget resets on")
    def budget_resets_on(self, policy: WebsitePolicy) -> str:
        return f"{long_date(month_bounds()[1].date())} (UTC)"


class BudgetWebsiteAdmin(WebsiteAdmin):
    inlines = [BudgetPolicyInline if inline is WebsitePolicyInline else inline for inline in WebsiteAdmin.inlines]


admin.site.unregister(Website)
admin.site.register(Website, BudgetWebsiteAdmin)
