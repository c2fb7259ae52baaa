from django.contrib import admin
from django.urls import include, path

from config.api import api
from config.views import home
from monitoring.views import metrics

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", api.urls),
    path("builder/", include("pagebuilder.urls")),
    path("metrics", metrics, name="metrics"),
    path("", home, name="home"),
]
