"""Request/response schemas of the style guide API."""

from ninja import Field, Schema


class GenerateIn(Schema):
    brand_guide_id: int | None = None
    industry: str | None = Field(None, max_length=100)
    mood: str | None = Field(None, max_length=40)
    color_preferences: list[str] | None = Field(
        None, max_length=3, description="Up to 3 colours: primary, secondary, accent."
    )
    provider: str | None = Field(None, description="'offline' forces the algorithmic generator; default from settings.")


class PatchIn(Schema):
    tailwind_css: str | None = None
    theme_config_patch: dict | None = Field(None, description="JSON Merge Patch (RFC 7396): null deletes a key.")


class StyleGuideOut(Schema):
    website_id: int
    tailwind_css: str
    theme_config: dict
    updated_at: str


class GeneratedOut(StyleGuideOut):
    contrast_report: list[dict]
    provider: str
    repairs: list[str]
