from django.contrib import admin

from pagebuilder.models import PageCategory
from websites.admin import RailsOwnedAdmin


@admin.register(PageCategory)
class PageCategoryAdmin(RailsOwnedAdmin):
    list_display = ("name", "slug", "website", "updated_at")
    list_filter = ("website",)
    list_select_related = ("website",)
    search_fields = ("name", "slug")
