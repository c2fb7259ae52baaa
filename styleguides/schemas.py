"""Request/response schemas of the style guide API."""

from typing import Literal, Self

from ninja import Field, Schema
from pydantic import model_validator

from styleguides.theme_defaults import MOODS

MAX_INT32 = 2**31 - 1
Mood = Literal[MOODS]


class StyleGuideGenerateIn(Schema):
    brand_guide_id: int | None = Field(None, ge=1, le=MAX_INT32, description="Default: the newest brand guide.")
    industry: str | None = Field(None, max_length=100)
    mood: Mood | None = None
    color_preferences: list[str] | None = Field(
        None, max_length=3, description="Up to 3 colours: primary, secondary, accent (#hex, rgb(), hsl() or oklch())."
    )
    provider: Literal["offline", "anthropic"] | None = Field(
        None, description="'offline' forces the algorithmic generator; default from settings."
    )

    model_config = {
        "json_schema_extra": {"examples": [{"industry": "bakery", "mood": "warm", "color_preferences": ["#b45309"]}]}
    }


class StyleGuidePatchIn(Schema):
    tailwind_css: str | None = Field(None, max_length=65536, description="Replaces the stored CSS (checked first).")
    theme_config_patch: dict | None = Field(None, description="JSON Merge Patch (RFC 7396): null deletes a key.")

    model_config = {
        "json_schema_extra": {
            "anyOf": [
                {"required": ["tailwind_css"], "properties": {"tailwind_css": {"type": "string"}}},
                {"required": ["theme_config_patch"], "properties": {"theme_config_patch": {"type": "object"}}},
            ],
            "examples": [{"theme_config_patch": {"colors": {"semantic": {"primary": "#1d4ed8"}}}}],
        }
    }

    @model_validator(mode="after")
    def _something_to_change(self) -> Self:
        if self.tailwind_css is None and self.theme_config_patch is None:
            raise ValueError("send tailwind_css, theme_config_patch or both")
        return self


class StyleGuideOut(Schema):
    website_id: int
    tailwind_css: str
    theme_config: dict = Field(description="The stored theme, less anything this version cannot read.")
    theme_problems: list[str] = Field(description="What was left out of the stored theme and why (usually none).")
    updated_at: str


class StyleGuideGeneratedOut(StyleGuideOut):
    contrast_report: list[dict]
    provider: str
    repairs: list[str]
