"""Style guide writes: generation (algorithmic or Claude) and updates with JSON Merge Patch semantics.

``theme_config`` is merged per RFC 7396 (nested objects merge, ``null`` deletes) under a row lock, so two
concurrent patches both land; the shallow ``||`` of the original plan would wipe nested keys. Every theme that
is stored passes ``validate_theme`` and every CSS ``sanitize_css`` first: page payloads copy theme values and
the renderer pastes the CSS into a <style> element on live sites. A patch is merged onto the readable part of
the stored theme, so values an older version or Rails stored that no reader can use are dropped (and logged)
by the next patch instead of blocking every patch after them.

Key names: a theme is stored with the plan's top-level keys (``borderRadius``, not the ``radius`` of older
versions). A stored ``radius`` is read as ``borderRadius`` and every save writes only ``borderRadius``
(``WebsiteStyleGuide.save``); a patch may still say ``radius`` (``current_patch`` renames it), not both.
"""

import copy
import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from monitoring.budgets import ensure_within_budget
from monitoring.models import Operation
from monitoring.recording import record_operation
from styleguides.css import compile_css
from styleguides.css_safety import sanitize_css
from styleguides.models import WebsiteStyleGuide
from styleguides.theme import ThemeInputs, generate_theme, repair_theme, theme_inputs
from styleguides.theme_validation import (
    MAX_DEPTH,
    check_patch,
    current_patch,
    nesting_depth,
    readable_theme,
    validate_theme,
)
from websites.errors import AppError, InvalidInput, NotFound, RateLimited, ServiceUnavailable
from websites.models import BrandGuide, Website

PROVIDERS = ("offline", "anthropic")
logger = logging.getLogger(__name__)


def merge_patch(target: object, patch: object) -> object:
    """RFC 7396: objects merge recursively, ``null`` removes a key, anything else replaces. The patch may nest
    at most MAX_DEPTH levels (checked without recursion first), so the merge's own recursion is bounded; the
    target is copied only along the keys the patch touches, never deep-copied, so a deeply nested stored value
    costs nothing. Neither input is modified."""
    if nesting_depth(patch, MAX_DEPTH) > MAX_DEPTH:
        raise InvalidInput(f"theme_config_patch: nested deeper than {MAX_DEPTH} levels.")
    return _merge(target, patch)


def _merge(target: object, patch: object) -> object:
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)  # bounded by the depth check
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = _merge(result.get(key), value)
    return result


def _locked_style_guide(website: Website) -> WebsiteStyleGuide:
    """The website's row, created if absent, locked until the surrounding transaction ends."""
    now = timezone.now()
    WebsiteStyleGuide.objects.bulk_create(
        [WebsiteStyleGuide(website=website, theme_config={}, created_at=now, updated_at=now)],
        ignore_conflicts=True,
    )
    return WebsiteStyleGuide.objects.select_for_update().get(website=website)


@transaction.atomic
def update_style_guide(
    website: Website, tailwind_css: str | None = None, theme_patch: dict | None = None
) -> WebsiteStyleGuide:
    """Apply a caller's CSS and/or theme patch. Without new CSS, a changed theme recompiles the CSS so the two
    never disagree. The patch's shape is checked before the merge and the merged theme as a whole after it;
    either failing is InvalidInput naming the paths, and nothing is stored."""
    if theme_patch is not None:
        check_patch(theme_patch)
        theme_patch = current_patch(theme_patch)
    css = sanitize_css(tailwind_css) if tailwind_css is not None else None
    guide = _locked_style_guide(website)
    if theme_patch is not None:
        base, dropped = readable_theme(guide.theme_config)
        if dropped:
            logger.warning("style guide of website %s: dropped unusable stored values: %s", website.pk, dropped)
        guide.theme_config = validate_theme(merge_patch(base, theme_patch))
        if css is None:
            css = sanitize_css(compile_css(guide.theme_config))
    if css is not None:
        guide.tailwind_css = css
    guide.save()
    return guide


@dataclass
class GeneratedStyleGuide:
    guide: WebsiteStyleGuide
    contrast_report: list[dict]
    provider: str
    repairs: list[str] = field(default_factory=list)
    usage: dict | None = None


def generate_style_guide(website: Website, **options) -> GeneratedStyleGuide:
    """Build a theme for ``website`` (Claude when configured, else the algorithmic generator), compile and
    store it; the outcome, its cost and a model failure are recorded for the operators' metrics. Claude's theme is
    refused (PaymentRequired) when it would pass the website's monthly AI budget. ``options``:
    ``brand_guide_id``, ``industry``, ``mood``, ``color_preferences``, ``provider``."""
    started = time.monotonic()
    provider = options.get("provider") or settings.LLM_PROVIDER
    try:
        generated = _generate_style_guide(website, **options)
    except (RateLimited, ServiceUnavailable) as error:  # the model failed; bad input is not an operation
        _record(website, provider, started, Operation.Outcome.FAILED, error=error.message)
        raise
    _record(website, generated.provider, started, Operation.Outcome.COMPLETED, usage=generated.usage)
    return generated


def _record(website: Website, provider: str, started: float, outcome: str, usage=None, error: str = "") -> None:
    record_operation(
        Operation.Kind.STYLE_GUIDE, website_id=website.pk, outcome=outcome, provider=provider,
        duration_ms=(time.monotonic() - started) * 1000, calls=[usage] if usage else [], error=error,
    )  # fmt: skip


def _generate_style_guide(
    website: Website,
    *,
    brand_guide_id: int | None = None,
    industry: str | None = None,
    mood: str | None = None,
    color_preferences: list[str] | None = None,
    provider: str | None = None,
) -> GeneratedStyleGuide:
    provider = provider or settings.LLM_PROVIDER
    if provider not in PROVIDERS:
        raise InvalidInput(f"provider must be one of {', '.join(PROVIDERS)}, not {provider!r}.")
    if provider == "anthropic" and not settings.ANTHROPIC_API_KEY:
        # The caller's choice, not an outage: retrying cannot help, so a 422 rather than a 503.
        raise InvalidInput("provider=anthropic needs ANTHROPIC_API_KEY on the server; send provider=offline instead.")
    ensure_within_budget(website, "style_guide", provider=provider)  # 402 before Claude is asked
    brand = _brand_guide(website, brand_guide_id)
    inputs = theme_inputs(
        brand_primary=brand.primary_color if brand else None,
        brand_secondary=brand.secondary_color if brand else None,
        color_preferences=color_preferences,
        industry=industry or (brand.industry if brand else None),
        mood=mood,
    )
    usage = None
    if provider == "anthropic":
        result, usage = _claude_result(brand, inputs, color_preferences)
    else:
        result = generate_theme(inputs)
    theme = validate_theme(result.theme_config)  # the generator's and the repaired theme always pass; checked anyway
    css = sanitize_css(compile_css(theme))
    with transaction.atomic():
        guide = _locked_style_guide(website)
        guide.theme_config, guide.tailwind_css = theme, css
        guide.save()
    return GeneratedStyleGuide(
        guide=guide, contrast_report=result.contrast_report, provider=provider, repairs=result.repairs, usage=usage
    )


def _claude_result(brand: BrandGuide | None, inputs: ThemeInputs, color_preferences: list[str] | None):
    from styleguides.claude_theme import claude_theme  # the SDK loads only when Claude is used

    brand_context = {
        "industry": brand.industry if brand else inputs.industry,
        "brand_voice": brand.brand_voice if brand else None,
        "target_audience": brand.target_audience if brand else None,
        "summary": brand.summary if brand else None,
        "primary_color": inputs.primary,
        "secondary_color": inputs.secondary,
    }
    try:
        raw, usage = claude_theme(
            brand_context=brand_context, industry=inputs.industry, mood=inputs.mood, color_preferences=color_preferences
        )
    except (RateLimited, ServiceUnavailable):
        raise
    except AppError as exc:  # from the caller's side any provider failure is "the service is unavailable"
        raise ServiceUnavailable(
            f"Claude could not generate a theme: {exc.message} (provider=offline uses the built-in generator).",
            retryable=exc.retryable,
        ) from exc
    return repair_theme(raw, inputs=inputs), usage


def _brand_guide(website: Website, brand_guide_id: int | None) -> BrandGuide | None:
    guides = BrandGuide.objects.filter(website=website)
    if brand_guide_id is None:
        return guides.order_by("-updated_at", "-id").first()
    guide = guides.filter(pk=brand_guide_id).first()
    if guide is None:
        raise NotFound(f"Website {website.pk} has no brand guide with id {brand_guide_id}.")
    return guide
