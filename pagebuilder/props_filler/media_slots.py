"""Media slots filled from the site's own library: the asset that fits a slot's roles and size (for a person only
their own portrait, for a "before" or "after" slot only a photo that says so), unused and on-topic ones first;
the slot's value for it; and the pictures a gallery's list is bound to."""

import re
from collections.abc import Iterable

from pagebuilder.media import MediaItem, fits_slot

GALLERY_LIST_KEYS = {"images", "photos", "slides", "pairs", "pictures"}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2}


def fitting(media: Iterable[MediaItem], slot: dict) -> list[MediaItem]:
    return [m for m in media if fits_slot(m, slot)]


def asset_for(
    media: Iterable[MediaItem], slot: dict, record: dict | None, focus: str, used: set[str]
) -> MediaItem | None:
    """The asset for a slot of an item bound to ``record``: the record's own (a partner's logo, a gallery's
    picture), else the best fitting one for the person or the words the record names (``focus`` without any)."""
    leaf = str(slot.get("path") or "").rsplit(".", 1)[-1]
    item = record.get("_media") if record and leaf not in ("before", "after") else None
    if item is None:
        person = (record or {}).get("_person")
        hint = person or " ".join(str(v) for v in (record or {}).values() if isinstance(v, str))
        item = _pick(media, slot, hint or focus, used, person_only=bool(person), must_say=leaf)
    return item


def _pick(
    media: Iterable[MediaItem], slot: dict, hint: str, used: set[str], *, person_only: bool = False, must_say: str = ""
) -> MediaItem | None:
    """The best fitting asset: for a person only their own portrait; for a "before" or "after" slot only an
    unused photo that says so; otherwise unused, on-topic, big."""
    hint_words = _words(hint)
    fitting_media = fitting(media, slot)
    if must_say in ("before", "after"):
        fitting_media = [m for m in fitting_media if must_say in _words(f"{m.title} {m.alt}") and m.url not in used]
    if person_only:
        name_words = hint_words
        matches = [m for m in fitting_media if name_words and name_words <= _words(f"{m.title} {m.alt}")]
        return matches[0] if matches else None
    preferred = (slot.get("roles") or [None])[0]

    def rank(item: MediaItem) -> tuple:
        overlap = len(hint_words & _words(f"{item.title} {item.alt}"))
        return (item.url in used, item.role != preferred, -overlap)

    return min(fitting_media, key=rank) if fitting_media else None


def slot_value(example: object, item: MediaItem) -> object:
    """The asset as the example gives its media: a URL, or an object with the keys the example has."""
    if isinstance(example, dict):
        value = {"src": item.url}
        if "alt" in example or item.media_type == "image":
            value["alt"] = item.alt or item.title
        if "type" in example and item.media_type == "video":
            value["type"] = "image/svg+xml" if item.url.endswith(".svg") else "video/mp4"
        for dimension in ("width", "height"):
            if dimension in example and getattr(item, dimension):
                value[dimension] = getattr(item, dimension)
        return value
    return item.url


def is_gallery_list(key: str, semantic_type: str) -> bool:
    kind = key.lower()
    return kind in GALLERY_LIST_KEYS or (semantic_type == "gallery" and kind == "items")


def gallery_records(media: Iterable[MediaItem], slots: dict, item_path: str, used: set[str]) -> list:
    """One record per picture that fits the slot of the list's items (or of a key inside them), unused first."""
    slot = slots.get(item_path) or next((s for p, s in slots.items() if p.startswith(item_path + ".")), None)
    if slot is None:
        return []
    found = fitting(media, slot)
    found.sort(key=lambda m: m.url in used)
    return [{"_media": m, "title": m.title, "caption": m.title, "name": m.title, "alt": m.alt} for m in found]
