"""Pages as the platform's renderer reads them, owned by the Rails schema (``page_categories``)."""

from django.db import models

from websites.models import Website
from websites.rails import RailsModel


class PageCategory(RailsModel):
    website = models.ForeignKey(Website, models.DO_NOTHING, related_name="pages")
    slug = models.CharField(max_length=255)
    name = models.CharField(max_length=255)
    design_payload = models.JSONField(null=True, blank=True)
    seo_title = models.CharField(max_length=255, null=True, blank=True)
    seo_description = models.TextField(null=True, blank=True)

    class Meta(RailsModel.Meta):
        managed = False
        db_table = "page_categories"
        ordering = ["website_id", "slug"]
        unique_together = [("website", "slug")]
        verbose_name = "page"

    def __str__(self) -> str:
        return f"{self.name} (/{self.slug})"
