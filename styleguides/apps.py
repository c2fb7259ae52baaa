from django.apps import AppConfig


class StyleguidesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "styleguides"
    verbose_name = "Style guides"
