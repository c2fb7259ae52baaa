"""A website's style guide, owned by the Rails schema (``website_style_guide``)."""

from django.db import models

from styleguides.css import current_keys
from websites.models import Website
from websites.rails import RailsModel


class WebsiteStyleGuide(RailsModel):
    website = models.OneToOneField(Website, models.DO_NOTHING, related_name="style_guide")
    tailwind_css = models.TextField(null=True, blank=True)
    theme_config = models.JSONField(null=True, blank=True)

    class Meta(RailsModel.Meta):
        managed = False
        db_table = "website_style_guide"
        ordering = ["website_id"]

    def save(self, *args, **kwargs) -> None:
        # Rows older versions (or Rails) wrote may hold ``radius``: every save stores only ``borderRadius``.
        self.theme_config = current_keys(self.theme_config)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"Style guide of {self.website}"
