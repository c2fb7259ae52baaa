"""Style guides in the admin: a visual preview (swatches with contrast ratios, type, radius and shadow samples),
a regenerate action that runs the same service as the API, and a form that holds edits to the same rules as
the API (the theme validator, the CSS gate). The preview reads the stored theme through ``readable_theme``: a
row Rails or an older version wrote is shown as far as it is usable, with a note on what was left out."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from styleguides import css
from styleguides.css_safety import sanitize_css
from styleguides.models import WebsiteStyleGuide
from styleguides.services import generate_style_guide
from styleguides.swatches import ratio, swatches
from styleguides.theme_defaults import MOODS
from styleguides.theme_validation import readable_theme, theme_problems
from websites.admin import RailsOwnedAdmin
from websites.errors import AppError

SCALES = ("primary", "secondary", "accent", "neutral")
# theme_config can be PATCHed by API callers; only values the CSS compiler would emit reach the preview's
# style attributes (the same full-match patterns, so the two can never disagree).
_SAFE = {"color": css.COLOR, "length": css.LENGTH, "shadow": css.SHADOW, "font": css.FONT_STACK}


def _safe(kind: str, value: object) -> str | None:
    if not isinstance(value, str) or len(value) > css.MAX_VALUE_LENGTH or not _SAFE[kind].fullmatch(value):
        return None
    return value


def _safe_map(kind: str, values: object) -> dict:
    return {k: v for k, v in (values or {}).items() if _safe(kind, v)} if isinstance(values, dict) else {}


def preview_context(theme_config: object) -> dict:
    """Plain data for the preview template: every value is escaped there, none is trusted as markup."""
    theme, problems = readable_theme(theme_config)
    colors = theme.get("colors") if isinstance(theme.get("colors"), dict) else {}
    scales = []
    for name in SCALES:
        steps = colors.get(name)
        scales.append(
            {
                "name": name,
                "steps": [
                    {
                        "step": step,
                        "hex": hex_,
                        "on_white": ratio(hex_, "#ffffff"),
                        "on_black": ratio(hex_, "#000000"),
                    }
                    for step, hex_ in _safe_map("color", steps).items()
                ],
            }
        )
    semantic = _safe_map("color", colors.get("semantic"))
    pairs = swatches(semantic)
    typography = theme.get("typography") if isinstance(theme.get("typography"), dict) else {}
    return {
        "scales": scales,
        "pairs": pairs,
        "semantic": semantic,
        "type_scale": _safe_map("length", typography.get("scale")),
        "fonts": _safe_map("font", typography.get("fonts")),
        "border_radius": _safe_map("length", theme.get("borderRadius")),
        "shadows": _safe_map("shadow", theme.get("shadows")),
        "problems": problems[:10],
        "more_problems": max(0, len(problems) - 10),
    }


class WebsiteStyleGuideForm(forms.ModelForm):
    """The same rules as the API: the theme must pass the validator and the CSS the gate."""

    class Meta:
        model = WebsiteStyleGuide
        fields = ("theme_config", "tailwind_css")

    def clean_theme_config(self) -> object:
        theme = self.cleaned_data.get("theme_config")
        if theme is None:
            return theme  # an empty field: no theme, readers use their defaults
        theme = css.current_keys(theme)  # the stored JSON of an older row says radius: saved as borderRadius
        problems = theme_problems(theme)
        if problems:
            raise ValidationError(["The theme was refused:", *problems])
        return theme

    def clean_tailwind_css(self) -> str | None:
        css = self.cleaned_data.get("tailwind_css")
        try:
            return sanitize_css(css) if css else css
        except AppError as exc:
            raise ValidationError(exc.message) from exc


@admin.register(WebsiteStyleGuide)
class WebsiteStyleGuideAdmin(RailsOwnedAdmin):
    form = WebsiteStyleGuideForm
    list_display = ("website", "updated_at")
    list_select_related = ("website",)
    readonly_fields = ("website", "preview", "created_at", "updated_at")
    fields = ("website", "preview", "theme_config", "tailwind_css", "created_at", "updated_at")
    actions = ["regenerate"]

    @admin.display(description="Preview")
    def preview(self, obj: WebsiteStyleGuide) -> SafeString:
        return render_to_string("admin/styleguides/preview.html", preview_context(obj.theme_config))

    @admin.action(description="Regenerate the selected style guides (offline generator, brand colours kept)")
    def regenerate(self, request: HttpRequest, queryset) -> None:
        for guide in queryset.select_related("website"):
            mood = readable_theme(guide.theme_config)[0].get("mood")
            try:
                generate_style_guide(guide.website, mood=mood if mood in MOODS else None, provider="offline")
            except AppError as exc:
                messages.error(request, f"{guide.website}: {exc.message}")
            else:
                messages.success(request, f"Regenerated the style guide of {guide.website}.")
