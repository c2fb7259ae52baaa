from django.contrib import admin

from styleguides.models import WebsiteStyleGuide
from websites.admin import RailsOwnedAdmin


@admin.register(WebsiteStyleGuide)
class WebsiteStyleGuideAdmin(RailsOwnedAdmin):
    list_display = ("website", "updated_at")
    list_select_related = ("website",)
