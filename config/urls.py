from django.contrib import admin
from django.urls import include, path

from config.api import api
from config.views import home
from monitoring.admin_views import metrics_dashboard
from monitoring.views import metrics

urlpatterns = [
    # Before admin/ so the admin's catch-all does not answer it; admin_view makes it staff only, as the admin.
    path("admin/metrics/", admin.site.admin_view(metrics_dashboard), name="admin_metrics"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", api.urls),
    path("builder/", include("pagebuilder.urls")),
    path("metrics", metrics, name="metrics"),
    path("", home, name="home"),
]
