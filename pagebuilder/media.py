"""What each media record is good for: its role (logo, hero/feature photo, portrait/avatar, gallery, video) and
its pixel class, inferred from type, title, alt text and dimensions.

The registry's media slots name the roles they accept (``roles``), refuse (``disallowedRoles``) and the smallest
pixel class they need (``minPixelClass``). A record carries one primary ``role`` (shown to people and to Claude)
and the set of ``roles`` it can serve, so a wide landscape photo may fill a hero, a feature or a gallery slot.
"""

import re
from dataclasses import dataclass

PIXEL_CLASSES = ("small", "medium", "large")
LARGE_PX = 1200
MEDIUM_PX = 600

_LOGO_WORDS = re.compile(r"\b(logo|logotype|wordmark|brand ?mark|square mark|app icon|favicon|emblem)\b", re.I)
_PORTRAIT_WORDS = re.compile(r"\b(portrait|headshot|head shot|profile photo|photo of (dr|mr|mrs|ms)\b)", re.I)
_PARTNER_WORDS = re.compile(r"\b(partner|client|accredit\w*|certif\w*|award|member of|association|as seen)\b", re.I)


@dataclass(frozen=True)
class MediaItem:
    id: int
    url: str
    media_type: str
    title: str
    alt: str
    width: int | None
    height: int | None
    role: str
    roles: frozenset[str]
    pixel_class: str
    is_partner_logo: bool = False

    @property
    def label(self) -> str:
        return self.alt or self.title or "Image"


def pixel_class(width: int | None, height: int | None) -> str:
    longest = max(width or 0, height or 0)
    if longest >= LARGE_PX:
        return "large"
    if longest >= MEDIUM_PX:
        return "medium"
    return "small"


def pixel_class_at_least(actual: str, minimum: str | None) -> bool:
    if not minimum or minimum not in PIXEL_CLASSES:
        return True
    return PIXEL_CLASSES.index(actual) >= PIXEL_CLASSES.index(minimum)


def infer_roles(media_type: str, title: str, alt: str, width: int | None, height: int | None) -> tuple[str, set[str]]:
    """The primary role and every role the asset can fill."""
    words = f"{title} {alt}"
    if media_type == "video":
        return "video", {"video"}
    if _LOGO_WORDS.search(words):
        return "logo", {"logo"}
    w, h = width or 0, height or 0
    if _PORTRAIT_WORDS.search(words) or (
        h > w * 1.15 and re.search(r"\b(dr\.?|chef|owner|founder|manager)\b", words, re.I)
    ):
        roles = {"portrait", "avatar"}
        return "portrait", roles
    if w and h and w >= 1200 and w >= h * 1.4:
        return "hero", {"hero", "feature", "gallery"}
    if w and h and abs(w - h) <= max(w, h) * 0.1:
        return "gallery", {"gallery", "feature", "thumbnail"}
    return "feature", {"feature", "gallery", "thumbnail"}


def media_item(record) -> MediaItem:
    """A ``MediaItem`` from a ``MediaRecord`` row."""
    title, alt = (record.title or "").strip(), (record.alt_text or "").strip()
    role, roles = infer_roles(record.media_type, title, alt, record.width, record.height)
    return MediaItem(
        id=record.pk,
        url=record.cdn_url,
        media_type=record.media_type,
        title=title,
        alt=alt,
        width=record.width,
        height=record.height,
        role=role,
        roles=frozenset(roles),
        pixel_class=pixel_class(record.width, record.height),
        is_partner_logo=role == "logo" and bool(_PARTNER_WORDS.search(f"{title} {alt}")),
    )


def fits_slot(item: MediaItem, slot: dict) -> bool:
    """Whether ``item`` may fill a contract media slot."""
    allowed = set(slot.get("roles") or [])
    refused = set(slot.get("disallowedRoles") or [])
    if allowed and not (item.roles & allowed):
        return False
    if item.role in refused:
        return False
    if "video" in allowed and item.media_type != "video" and not (allowed - {"video"}):
        return False
    if item.media_type == "video" and "video" not in allowed:
        return False
    return pixel_class_at_least(item.pixel_class, slot.get("minPixelClass"))
