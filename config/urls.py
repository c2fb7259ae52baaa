from django.contrib import admin
from django.urls import include, path

from config.api import api
from config.views import home

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", api.urls),
    path("builder/", include("pagebuilder.urls")),
    path("", home, name="home"),
]
