from django.apps import AppConfig


class PagebuilderConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pagebuilder"
    verbose_name = "Page builder"
