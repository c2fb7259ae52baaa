"""What Claude sees of the site and of the candidate blocks, compact: strings and lists shortened, example asset URLs
and contact details replaced, and ``<`` escaped so that no value can close a data tag."""

import json
import re

from pagebuilder.context import WebsiteContext
from pagebuilder.copywriter import cut
from pagebuilder.media import MediaItem
from pagebuilder.providers.answer_schemas import (
    MAX_KEYWORDS,
)
from pagebuilder.structure import (
    Candidate,
    Research,
)
from registry.jsx_examples import literal_only
from websites.personal_data import without_contacts

MIN_INSIGHTS, MAX_INSIGHTS, INSIGHT_CHARS = 3, 8, 200
INDUSTRY_CHARS = 120  # ResearchCache.industry's length

# Compaction of what the model sees.
DESCRIPTION_CHARS = 160
EXAMPLE_STRING_CHARS = 60
EXAMPLE_LIST_ITEMS = 2
EXAMPLE_MAX_CHARS = 900  # an example still longer than this is shortened once more
INTENT_CHARS = 1000
REQUEST_CONTEXT_CHARS = 4000
MEDIA_ITEMS = 30
ALT_CHARS = 90
BRAND_FIELD_CHARS = 400
PAGES_LISTED = 30
EDIT_REPLY_CHARS = 600
MEDIA_PLACEHOLDER = "MEDIA_URL"
_OBVIOUS_REFUSALS = {"logo", "video", "favicon", "video-thumbnail"}
_MEDIA_FILE = re.compile(r"^(?:https?://|/)\S+\.(?:svg|png|jpe?g|webp|gif|avif|mp4|webm|mov)(?:[?#]\S*)?$", re.I)


def compact_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def data_json(value: object) -> str:
    """Compact JSON for inside a data tag: ``<`` is escaped so no value can open or close a tag."""
    return compact_json(value).replace("<", "\\u003c")


def site_parts(research: Research) -> str:
    context = research.context
    request = {"intent": research.intent[:INTENT_CHARS], "page_slug": research.slug}
    if context.additional_context:
        request["additional_context"] = context.additional_context[:REQUEST_CONTEXT_CHARS]
    return (
        f"<site_data>{data_json(site_data(context))}</site_data>\n<editor_request>{data_json(request)}</editor_request>"
    )


def site_data(context: WebsiteContext) -> dict:
    brand = context.brand
    data = {
        "site": context.name,
        "domain": context.domain,
        "brand": {
            "industry": cut(brand.industry, INDUSTRY_CHARS),
            "voice": cut(brand.voice, BRAND_FIELD_CHARS),
            "audience": cut(brand.audience, BRAND_FIELD_CHARS),
            "summary": cut(brand.summary, BRAND_FIELD_CHARS),
        },
        "keywords": list(context.keywords[:MAX_KEYWORDS]),
        "pages": [f"/{slug}" for slug, _ in context.pages[:PAGES_LISTED]],
        "capabilities": sorted(context.capabilities),
        "media": [media_summary(item) for item in context.media[:MEDIA_ITEMS]],
    }
    return data


def media_summary(item: MediaItem) -> dict:
    summary = {
        "url": item.url,
        "roles": [item.role, *sorted(item.roles - {item.role})],
        "px": item.pixel_class,
        "alt": cut(item.label, ALT_CHARS),
    }
    if item.is_partner_logo:
        summary["partner"] = True
    return summary


def catalogue(candidates: list[Candidate]) -> list[dict]:
    """Compact summaries of the distinct candidates, in order."""
    seen: dict[str, dict] = {}
    for candidate in candidates:
        if candidate.component_id not in seen:
            seen[candidate.component_id] = candidate_summary(candidate)
    return list(seen.values())


def candidate_summary(candidate: Candidate) -> dict:
    """What a model sees of a candidate block, compact: ``id``, ``name`` (only when it says more than the id),
    ``about`` (the description cut to one line), ``rules`` (per prop path: ``req`` for required, ``≤N`` characters,
    ``N-M items``), ``slots`` (media slots: accepted roles, smallest pixel class, ``req``), ``needs`` (site
    capabilities) and ``ex`` (the example props with long strings and lists shortened, asset URLs replaced)."""
    summary: dict = {"id": candidate.component_id}
    if _words(candidate.display_name) != _words(candidate.component_id):
        summary["name"] = candidate.display_name
    summary["about"] = cut(candidate.description, DESCRIPTION_CHARS)
    constraints = candidate.constraints if isinstance(candidate.constraints, dict) else {}
    rules: dict[str, str] = {prop: "req" for prop in candidate.required_props if isinstance(prop, str)}
    for path, rule in constraints.items():
        required = rules.get(path) == "req" or (isinstance(rule, dict) and rule.get("required") is True)
        text = " ".join(part for part in ("req" if required else "", limit_text(rule)) if part)
        if text:
            rules[path] = text
    if rules:
        summary["rules"] = rules
    slots = candidate.media_slots if isinstance(candidate.media_slots, dict) else {}
    slot_texts = {path: slot_text(slot) for path, slot in slots.items() if isinstance(slot, dict)}
    if slot_texts:
        summary["slots"] = slot_texts
    if candidate.capabilities:
        summary["needs"] = list(candidate.capabilities)
    literal = literal_only(candidate.example_props)  # what the example computed is no shape to copy
    example = shorten(literal, EXAMPLE_STRING_CHARS, EXAMPLE_LIST_ITEMS)
    if len(compact_json(example)) > EXAMPLE_MAX_CHARS:
        example = shorten(literal, EXAMPLE_STRING_CHARS // 2, 1)
    summary["ex"] = example
    return summary


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", (text or "").lower())


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def limit_text(rules: object) -> str:
    """``{"maxLength": 80}`` → ``≤80``; ``{"minItems": 2, "maxItems": 4}`` → ``2-4 items``."""
    if not isinstance(rules, dict):
        return ""
    parts = []
    low, high = _int(rules.get("minLength")), _int(rules.get("maxLength"))
    if low and high:
        parts.append(f"{low}-{high} chars")
    elif high:
        parts.append(f"\u2264{high}")
    elif low:
        parts.append(f"\u2265{low} chars")
    low, high = _int(rules.get("minItems")), _int(rules.get("maxItems"))
    if low is not None and high is not None:
        parts.append(f"{low}-{high} items")
    elif high is not None:
        parts.append(f"\u2264{high} items")
    elif low is not None:
        parts.append(f"\u2265{low} items")
    return " ".join(parts)


def slot_text(slot: dict) -> str:
    """``hero|feature ≥large req``, plus ``not x|y`` for refused roles an accepted asset might also have."""
    allowed = [r for r in slot.get("roles") or [] if isinstance(r, str)]
    refused = [r for r in slot.get("disallowedRoles") or [] if isinstance(r, str) and r not in _OBVIOUS_REFUSALS]
    parts = ["|".join(allowed) or "any"]
    if isinstance(slot.get("minPixelClass"), str):
        parts.append(f"\u2265{slot['minPixelClass']}")
    if slot.get("required") is True:
        parts.append("req")
    if refused:
        parts.append(f"not {'|'.join(refused)}")
    return " ".join(parts)


def shorten(value: object, chars: int, items: int, key: str = "") -> object:
    """A short copy of an example value: strings cut, lists to their first items, media URLs and contact details
    replaced (``[EMAIL]`` and ``[PHONE]`` stand for no value: copied into an answer, they are removed)."""
    if isinstance(value, str):
        if (key == "src" and value) or _MEDIA_FILE.search(value):
            return MEDIA_PLACEHOLDER  # never show a model an example asset URL it might copy
        value = without_contacts(value)  # nor an example's e-mail or phone, which would read as the site's own
        return value if len(value) <= chars else cut(value, chars - 1) + "…"
    if isinstance(value, list):
        return [shorten(item, chars, items, key) for item in value[:items]]
    if isinstance(value, dict):
        return {k: shorten(v, chars, items, k) for k, v in value.items()}
    return value
