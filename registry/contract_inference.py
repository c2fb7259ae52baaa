"""A block's usage requirements inferred from its example props, for registry files that carry no contract."""

import math
import re
from collections.abc import Iterator

from registry.jsx_examples import is_placeholder

HEADLINE_KEYS = ("title", "heading", "headline")
PRIMARY_TEXT_KEYS = ("message", "quote", "tagline", "description", "content", "text", "bio")
SECONDARY_LISTS = {"actions", "buttons", "socialLinks", "breadcrumbs"}

# Length floors by the last word of a prop name.
HEADLINE_WORDS = {"title", "heading", "headline", "name", "question"}
LABEL_WORDS = {"label", "eyebrow", "badge", "tag", "button", "cta", "placeholder"}
LABEL_TEXT_WORDS = {"button", "cta", "badge", "link", "submit", "more"}  # buttonText, ctaText, readMoreText
SHORT_PROSE_WORDS = {"subtitle", "subheading", "tagline", "caption", "note", "intro"}
LONG_PROSE_WORDS = {"description", "content", "body", "bio", "quote", "message", "answer", "excerpt", "summary"}
FLOORS = {"headline": 80, "label": 40, "short": 160, "long": 240, "other": 60}
NO_LENGTH_WORDS = {
    "href", "url", "link", "src", "id", "icon", "variant", "size", "type", "theme", "layout", "position", "align",
    "alignment", "color", "class", "target", "rel", "slug", "key", "format", "mode", "direction", "alt", "style",
    "background", "margin", "padding", "width", "height", "pattern",
}  # fmt: skip
ACTION_LISTS = {"actions", "buttons", "ctas"}
ITEMS_FLOOR, ACTION_ITEMS_FLOOR, MEDIA_ITEMS_FLOOR = 6, 2, 12

MEDIA_NOUNS = {
    "image", "images", "img", "src", "photo", "photos", "picture", "pictures", "avatar", "avatars", "portrait",
    "headshot", "logo", "logos", "video", "videos", "poster", "thumbnail", "thumbnails", "thumb", "icon", "gallery",
    "media",
}  # fmt: skip
URL_SUFFIXES = {"src", "url", "path"}
LOGO_CONTEXT = {"logos", "logo", "companies", "partners", "clients", "brands", "sponsors", "customers"}
PEOPLE_CONTEXT = {
    "members", "member", "team", "people", "staff", "employees", "founders", "authors", "author", "speakers",
    "instructors", "investors", "testimonials", "testimonial", "reviews", "review", "profile", "person",
}  # fmt: skip
HERO_WORDS = {"background", "hero", "cover", "banner"}
GALLERY_WORDS = {"gallery", "carousel", "slides", "slide"}
_URLISH = re.compile(r"^(?:/|\./|\.\./|https?://|data:)|\.(?:jpe?g|png|gif|webp|avif|svg|mp4|webm|mov)(?:\?|$)", re.I)
_VIDEO_FILE = re.compile(r"\.(?:mp4|webm|mov|m3u8)(?:\?|$)", re.I)
PHOTO_REFUSES = ["logo", "video"]

CAPABILITY_WORDS = {
    "reviews_or_testimonials": {"testimonial", "testimonials", "review", "reviews", "rating", "ratings", "quote",
                                "quotes"},
    "team_members": {"team", "members", "people", "staff", "employees", "founders"},
    "stats_or_metrics": {"stats", "metrics", "achievements", "statistics", "kpis"},
    "logos": {"logos", "companies", "partners", "clients", "brands", "sponsors"},
    "pricing_plans": {"plans", "pricing", "tiers", "prices"},
    "blog_posts": {"posts", "post", "articles"},
    "job_openings": {"jobs", "positions", "openings", "vacancies", "careers"},
    "opening_hours": {"hours"},
    "location_address": {"address", "addresses", "locations"},
    "history_milestones": {"milestones", "history"},
    "contact_details": {"phone", "email"},
}  # fmt: skip
# Words of a block id that say what it shows even when its example sets no props (``hero-stats-social-proof``).
ID_CAPABILITY_WORDS = {
    "reviews_or_testimonials": {"testimonial", "testimonials", "reviews"},
    "team_members": {"team"},
    "stats_or_metrics": {"stats", "metrics"},
    "logos": {"logos"},
    "pricing_plans": {"pricing", "plans"},
    "job_openings": {"jobs", "careers"},
}
CATEGORY_CAPABILITIES = {
    "testimonials": "reviews_or_testimonials",
    "team": "team_members",
    "stats": "stats_or_metrics",
    "logos": "logos",
    "pricing": "pricing_plans",
    "blog": "blog_posts",
    "article": "blog_posts",
}


def infer_requirements(example: dict, *, category: str, component_id: str) -> dict:
    """``usageRequirements`` (the contract bundle's shape) inferred from one block's example props.

    The result has the contract bundle's ``usageRequirements`` shape (``requiredProps``, ``propConstraints``,
    ``mediaSlots``, ``requiresSiteCapabilities``), so a bundle entry for the same block can replace any of it key by
    key. Everything here is deliberately conservative, and documented in the README:

    - required props: one prop, the block's headline (``title``/``heading``/``headline``, else a ``…Title``-like
      prop, else ``name``), else its main text (``message``, ``quote``, …), else its main list, else its first
      literal string or object. Nothing else is required: an example shows what a block can take, not what it needs.
    - length limits: ``maxLength`` = twice the longest example text rounded up to ten, never below a floor by kind
      of text (headline 80, label 40, short prose 160, long prose 240, other 60); ``maxItems`` = twice the longest
      example list, at least 6 (2 for actions and buttons, 12 for galleries and logo walls). URLs, ids, icons, alt
      texts and layout values get none; no ``minItems`` and no ``minLength`` are inferred.
    - media slots: a prop whose name ends in a media word (``image``, ``images``, ``src``, ``photo``, ``avatar``,
      ``logo``, ``backgroundImage``, ``video``, ``poster``, ``thumbnail``, ``icon``, ``gallery``, ``media``;
      ``…Src``/``…Url`` suffixes read through) and whose example value is a URL, an object with ``src``, a
      placeholder or a list of them, and any object with a ``src``. Roles follow the name and its surroundings:
      logos (and images under ``logos``/``partners``/``companies``…) take the ``logo`` role, avatars and a person's
      photo the ``portrait`` role, videos ``video``, posters and thumbnails ``thumbnail``, background/hero/cover
      images ``hero``, lists of images ``gallery``, any other image ``feature``. A slot is required only when it is
      the required prop itself.
    - site capabilities: from the category, the block id's words and prop names (``testimonials``/``reviews``/
      ``quote`` → ``reviews_or_testimonials``, ``team``/``members`` → ``team_members``, ``stats``/``metrics``/
      ``achievements`` → ``stats_or_metrics``, ``logos``/``companies``/``partners`` → ``logos``, ``plans``/``pricing``
      → ``pricing_plans``, ``posts``/``articles`` → ``blog_posts``, ``jobs``/``positions`` → ``job_openings``,
      ``hours`` → ``opening_hours``, ``address``/``locations`` → ``location_address``, ``milestones``/``history`` →
      ``history_milestones``, ``phone``/``email`` → ``contact_details``), plus ``media_library`` for a required
      photo slot (an optional one is left out for a site without photos), ``logos`` for a list of logos and
      ``video`` for a video slot. FAQs are not a capability here: the planner
      writes answers from the site's own data.
    """
    required = required_props(example)
    slots = media_slots(example, required)
    return {
        "requiredProps": required,
        "propConstraints": prop_constraints(example, required, media_lists=_media_lists(slots)),
        "mediaSlots": slots,
        "requiresSiteCapabilities": site_capabilities(example, category=category, component_id=component_id,
                                                      slots=slots),
    }  # fmt: skip


def words(name: str) -> list[str]:
    """``onHoverImgSrc`` → ``["on", "hover", "img", "src"]``; ``hero-stats-grid`` → ``["hero", "stats", "grid"]``."""
    return [word.lower() for word in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", name)]


def _literal(value: object) -> bool:
    return value not in (None, "", [], {}) and not is_placeholder(value)


# -- required props --------------------------------------------------------------------------------------------------


def required_props(example: dict) -> list[str]:
    """The one prop a block cannot do without, by the rules in the module docstring (empty for no props)."""
    strings = [key for key, value in example.items() if isinstance(value, str) and value]
    rules = (
        [key for key in strings if key in HEADLINE_KEYS],
        [key for key in strings if words(key)[-1:] and words(key)[-1] in ("title", "heading", "headline")],
        [key for key in strings if key == "name"],
        [key for key in PRIMARY_TEXT_KEYS if key in strings],
        [key for key, value in example.items() if isinstance(value, list) and _literal(value)
         and key not in SECONDARY_LISTS],
        strings,
        [key for key, value in example.items() if _literal(value) and not isinstance(value, bool | int | float)],
    )  # fmt: skip
    return next(([found[0]] for found in rules if found), [])


# -- length limits ---------------------------------------------------------------------------------------------------


def prop_constraints(example: dict, required: list[str], *, media_lists: frozenset[str] = frozenset()) -> dict:
    """``{path: {required?, maxLength? | maxItems?}}`` for every text and list of the example; ``media_lists``
    (galleries, logo walls) get a higher floor for their number of items."""
    longest: dict[str, int] = {}
    counts: dict[str, int] = {}
    _measure(example, "", longest, counts)
    constraints: dict[str, dict] = {name: {"required": True} for name in required}
    for path, length in longest.items():
        limit = max(_floor(path), math.ceil(2 * length / 10) * 10)
        constraints.setdefault(path, {})["maxLength"] = limit
    for path, count in counts.items():
        list_path = path.removesuffix("[]")
        if list_path.replace("[]", "").rsplit(".", 1)[-1] in ACTION_LISTS:
            limit = max(ACTION_ITEMS_FLOOR, count)  # buttons: a row of two, not a growing list
        else:
            limit = max(MEDIA_ITEMS_FLOOR if list_path in media_lists else ITEMS_FLOOR, 2 * count)
        constraints.setdefault(list_path, {})["maxItems"] = limit
    return constraints


def _measure(value: object, path: str, longest: dict[str, int], counts: dict[str, int]) -> None:
    """The longest text per path and the longest list per path (paths in the ``items[].title`` form)."""
    if is_placeholder(value):
        return
    if isinstance(value, dict):
        for key, sub in value.items():
            _measure(sub, f"{path}.{key}" if path else key, longest, counts)
    elif isinstance(value, list):
        if value and not all(is_placeholder(item) for item in value):
            counts[f"{path}[]"] = max(counts.get(f"{path}[]", 0), len(value))
        for item in value:
            _measure(item, f"{path}[]", longest, counts)
    elif isinstance(value, str) and _limited(path, value):
        longest[path] = max(longest.get(path, 0), len(value))


def _limited(path: str, value: str) -> bool:
    key = path.replace("[]", "").rsplit(".", 1)[-1]
    last = (words(key) or [""])[-1]
    return bool(key) and last not in NO_LENGTH_WORDS and not _URLISH.search(value.strip())


def _floor(path: str) -> int:
    key = path.replace("[]", "").rsplit(".", 1)[-1]
    parts = words(key) or [""]
    last = parts[-1]
    if last in HEADLINE_WORDS:
        return FLOORS["headline"]
    if last in LABEL_WORDS or (last == "text" and len(parts) > 1 and parts[-2] in LABEL_TEXT_WORDS):
        return FLOORS["label"]
    if last in SHORT_PROSE_WORDS:
        return FLOORS["short"]
    if last in LONG_PROSE_WORDS or key == "text":
        return FLOORS["long"]
    return FLOORS["other"]


# -- media slots -----------------------------------------------------------------------------------------------------


def media_slots(example: dict, required: list[str]) -> dict:
    """``{path: {path, roles, disallowedRoles, minPixelClass, required, note}}`` (the contract bundle's shape)."""
    found: dict[str, dict] = {}
    _find_media(example, "", "", {}, [], found)
    for path, slot in found.items():
        slot["required"] = path.removesuffix("[]") in required  # the required prop is itself the media
    return found


def _media_lists(slots: dict) -> frozenset[str]:
    """The lists whose items are (or hold) media: ``images[]`` → ``images``, ``partners[].logo`` → ``partners``."""
    lists = set()
    for path in slots:
        if path.endswith("[]"):
            lists.add(path.removesuffix("[]"))
        elif "[]." in path:
            lists.add(path.rsplit("[].", 1)[0])
    return frozenset(lists)


def _media_noun(key: str) -> str | None:
    """The media word a prop name ends in, reading through ``…Src``/``…Url`` (``avatarUrl`` → ``avatar``)."""
    parts = words(key)
    if len(parts) > 1 and parts[-1] in URL_SUFFIXES:
        parts = parts[:-1]
    return parts[-1] if parts and parts[-1] in MEDIA_NOUNS else None


def _media_value(value: object, noun: str | None) -> bool:
    """Whether a value can be media: a URL, an object with ``src``, or (for a media-named prop) a placeholder."""
    if isinstance(value, dict) and not is_placeholder(value):
        return isinstance(value.get("src"), str) or is_placeholder(value.get("src"))
    if noun is None:
        return False
    if is_placeholder(value) or value in ("", "..."):
        return noun != "icon"
    return isinstance(value, str) and bool(_URLISH.search(value.strip()))


def _find_media(value: object, path: str, key: str, parent: dict, context: list[str], found: dict) -> None:
    noun = _media_noun(key) if key else None
    if isinstance(value, list):
        for item in value:
            _find_media(item, f"{path}[]", key, parent, context, found)
        return
    if path and _media_value(value, noun):
        found.setdefault(path, _slot(path, key, value, parent, context))
        return
    if isinstance(value, dict) and not is_placeholder(value):
        inner = [*context, *words(key)] if key else context
        for sub_key, sub in value.items():
            _find_media(sub, f"{path}.{sub_key}" if path else sub_key, sub_key, value, inner, found)


def _slot(path: str, key: str, value: object, parent: dict, context: list[str]) -> dict:
    roles, refused, size = _roles(key, value, parent, context, in_list=path.endswith("[]"))
    note = "Inferred from the example's prop name and value; a curator may correct it."
    return {"path": path, "roles": roles, "disallowedRoles": refused, "minPixelClass": size, "note": note}


def _roles(key: str, value: object, parent: dict, context: list[str], *, in_list: bool) -> tuple[list, list, str]:
    names = set(words(key))
    noun = _media_noun(key) or ""
    src = value.get("src") if isinstance(value, dict) else value
    if noun in ("video", "videos") or (isinstance(src, str) and _VIDEO_FILE.search(src)):
        return ["video"], ["logo", "avatar", "portrait", "thumbnail"], "large"
    if noun in ("logo", "logos", "icon") or LOGO_CONTEXT & set(context[-2:]) or "logo" in names:
        return ["logo"], ["hero", "feature", "gallery", "portrait", "avatar", "video"], "small"
    if noun in ("avatar", "avatars", "portrait", "headshot") or _is_person(names, parent, context):
        size = "small" if noun in ("avatar", "avatars") else "medium"
        return ["portrait", "avatar"], ["logo", "video", "gallery"], size
    if noun in ("poster", "thumbnail", "thumbnails", "thumb"):
        return ["thumbnail", "feature", "hero"], PHOTO_REFUSES, "small"
    if names & HERO_WORDS:
        return ["hero", "feature"], [*PHOTO_REFUSES, "avatar", "thumbnail"], "large"
    if in_list or noun in ("images", "photos", "pictures") or names & GALLERY_WORDS:
        return ["gallery", "feature"], PHOTO_REFUSES, "medium"
    return ["feature", "hero", "thumbnail"], PHOTO_REFUSES, "medium"


def _is_person(names: set[str], parent: dict, context: list[str]) -> bool:
    """A photo of someone: named after a person (``authorImage``), under people, or beside a name and a role."""
    if names & {"author", "profile", "person"} or PEOPLE_CONTEXT & set(context[-2:]):
        return True
    return "name" in parent and bool({"role", "position", "jobTitle"} & set(parent))


# -- site capabilities -----------------------------------------------------------------------------------------------


def site_capabilities(example: dict, *, category: str, component_id: str, slots: dict) -> list[str]:
    """The site data a block shows (see the module docstring); sorted."""
    found = {CATEGORY_CAPABILITIES[category]} if category in CATEGORY_CAPABILITIES else set()
    id_words = set(words(component_id))
    found |= {capability for capability, names in ID_CAPABILITY_WORDS.items() if id_words & names}
    for key in _content_keys(example):
        key_words = words(key)
        for capability, names in CAPABILITY_WORDS.items():
            last_word = key_words[-1:] and key_words[-1] in names
            if last_word or (capability == "opening_hours" and "hours" in key_words):
                found.add(capability)
    found |= _media_capabilities(slots)
    return sorted(found)


def _content_keys(value: object) -> Iterator[str]:
    """Every key of the example whose value is content, not a switch or a number."""
    if isinstance(value, dict) and not is_placeholder(value):
        for key, sub in value.items():
            if _literal(sub) and not isinstance(sub, bool | int | float):
                yield key
            yield from _content_keys(sub)
    elif isinstance(value, list):
        for item in value:
            yield from _content_keys(item)


def _media_capabilities(slots: dict) -> set[str]:
    found = set()
    for path, slot in slots.items():
        roles = set(slot["roles"])
        if roles == {"video"}:
            found.add("video")
        elif roles == {"logo"}:
            if "[]" in path:
                found.add("logos")  # a list of logos is partners or customers; one logo is the site's own
        elif slot.get("required"):
            # Only a photo the block cannot do without needs the site's photos: an optional portrait or picture
            # is left out for a site that has none, and the people, quotes or offers still show.
            found.add("media_library")
    return found
