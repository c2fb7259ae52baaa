"""Read-only admin pages of what the monitoring records (operations, request tallies, alert states): they are
written by the recorders and the alert schedule, never by hand. The dashboard itself is ``admin_views``."""

from django.contrib import admin
from django.http import HttpRequest

from monitoring.models import AlertState, Operation, RequestTally


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable by staff with the view permission; nobody adds, changes or deletes rows here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


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
