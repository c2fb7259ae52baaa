from django.contrib import admin
from django.urls import include, path

from config.api import api
from config.views import api_not_found, home

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", api.urls),
    path("builder/", include("pagebuilder.urls")),
    path("api/<path:rest>", api_not_found),
    path("", home, name="home"),
]
