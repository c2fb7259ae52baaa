"""Defensive reading of block props: whatever a payload holds (missing keys, None, numbers where text is expected,
text where a list is expected, nested garbage, enormous lists) becomes small, plain structures the preview
templates can show without another check.

Nothing here marks anything safe: values stay plain strings and the templates escape them. What this layer
decides is what may be *used*: a link only for a site path, ``#anchor``, ``http(s)://``, ``mailto:`` or ``tel:``;
media only from the website's media library (``media``) or our own ``/static/`` files, and an image only when its
intrinsic size is known, so that it reserves its box before it loads (no layout shift).
"""

import math
import re
from dataclasses import dataclass, field

MAX_ITEMS = 24
MAX_URL = 2048
MAX_DIMENSION = 20_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_URL_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f\\<>\"'`]")
_SCRIPTISH = re.compile(r"(?:java|vb)script:|data:", re.I)
_LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")
_STATIC = re.compile(r"/static/[A-Za-z0-9._~/%+-]+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

Media = dict[str, tuple[int | None, int | None]]


SCRIPT_URL = re.compile(r"(?:java|vb)script:|data:\w+/", re.I)


def text(value: object, limit: int = 300) -> str:
    """A one-line string from text or a number; "" for anything else (None, booleans, lists, dicts)."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int):
        try:
            value = str(value)
        except ValueError:  # more digits than Python will print
            return ""
    elif isinstance(value, float):
        if not math.isfinite(value):
            return ""
        value = f"{value:g}"
    elif not isinstance(value, str):
        return ""
    cleaned = " ".join(_CONTROL.sub("", value[: limit * 4 + 16]).split())
    if SCRIPT_URL.search(cleaned):  # harmless once escaped, but never content, in any template
        return ""
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1].rstrip() + "…"
    return cleaned


def first_text(props: dict, *keys: str, limit: int = 300) -> str:
    """The first non-empty text among ``keys``."""
    for key in keys:
        found = text(props.get(key), limit)
        if found:
            return found
    return ""


def items(value: object, limit: int = MAX_ITEMS) -> list:
    """The first ``limit`` entries of a list; [] for anything that is not a list."""
    if isinstance(value, list | tuple):
        return list(value[: max(limit, 0)])
    return []


def records(value: object, limit: int = MAX_ITEMS) -> list[dict]:
    """The objects among the first entries of a list (at most ``limit`` of them)."""
    if not isinstance(value, list | tuple):
        return []
    found = []
    for entry in value[: limit * 4]:
        if isinstance(entry, dict):
            found.append(entry)
            if len(found) >= limit:
                break
    return found


def strings(value: object, limit: int = MAX_ITEMS, text_limit: int = 200) -> list[str]:
    """Non-empty texts among the first entries of a list; a lone string counts as a one-item list."""
    if isinstance(value, str):
        value = [value]
    found = []
    for entry in items(value, limit * 4):
        shown = text(entry, text_limit)
        if shown:
            found.append(shown)
            if len(found) >= limit:
                break
    return found


def mapping(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def href(value: object) -> str:
    """The link target if it is one we allow (site path, #anchor, http(s)://, mailto:, tel:); else ""."""
    if not isinstance(value, str):
        return ""
    url = value.strip()
    if not url or len(url) > MAX_URL or _URL_FORBIDDEN.search(url) or _SCRIPTISH.search(url):
        return ""
    if url.startswith("/") and not url.startswith("//"):
        return url
    if url.startswith("#") and len(url) > 1:
        return url
    lowered = url.lower()
    for scheme in _LINK_SCHEMES:
        if lowered.startswith(scheme) and len(url) > len(scheme):
            return url
    return ""


def action(value: object, label_limit: int = 60) -> dict | None:
    """{label, href} for a button or link; None without a label. A refused href leaves the label as plain text."""
    if not isinstance(value, dict):
        return None
    label = first_text(value, "label", "text", "title", "name", limit=label_limit)
    if not label:
        return None
    return {"label": label, "href": href(value.get("href") or value.get("url"))}


def link_list(value: object, limit: int = MAX_ITEMS) -> list[dict]:
    return [found for entry in records(value, limit) if (found := action(entry)) is not None]


def date(value: object) -> dict | None:
    """{text, iso}: ``iso`` only for an ISO date, usable as a <time datetime>."""
    shown = text(value, 40)
    if not shown:
        return None
    return {"text": shown, "iso": shown if _ISO_DATE.fullmatch(shown) else ""}


def rating(value: object) -> dict | None:
    """{value, stars, blanks} for a 0–5 rating; None for anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    if not 0 < value <= 5:
        return None
    whole = round(value)
    return {"value": f"{value:g}", "stars": "★" * whole, "blanks": "☆" * (5 - whole)}


def _dimension(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not math.isfinite(value) or not 0 < value <= MAX_DIMENSION:
        return None
    return max(round(value), 1)


def media_url_allowed(url: object, media: Media) -> bool:
    """An URL the preview may load: a key of the website's media map (itself a site path or http(s) URL), or one
    of our own static files."""
    if not isinstance(url, str) or not url or len(url) > MAX_URL:
        return False
    if url in media:
        return href(url) == url and not url.startswith(("#", "mailto:", "tel:")) and " " not in url
    if url.startswith("/static/demo/") and not url.startswith("/static/demo/placeholder"):
        return False  # the demo websites' own media: only through that website's media library
    return bool(_STATIC.fullmatch(url)) and ".." not in url and "//" not in url


class PageImages:
    """Loading hints for the images of one page, handed out in document order while the page renders: the
    first image is not lazy, the first large one (or the first in a hero) near the top gets fetchpriority=high,
    every other image loads lazily."""

    HIGH_PRIORITY_BLOCKS = 2  # only an image in the first blocks can be the largest contentful paint
    LARGE_PX = 600

    def __init__(self) -> None:
        self.count = 0
        self.high_given = False

    def claim(self, image: "Image") -> dict:
        index, self.count = self.count, self.count + 1
        large = max(image.width, image.height) >= self.LARGE_PX
        near_top = image.block_index < self.HIGH_PRIORITY_BLOCKS
        if not self.high_given and image.may_lead and near_top and (large or image.hero):
            self.high_given = True
            return {"lazy": False, "high": True}
        return {"lazy": index > 0, "high": False}


@dataclass
class Image:
    src: str
    alt: str
    width: int
    height: int
    hero: bool = False
    block_index: int = 0
    may_lead: bool = True  # False for logos: never the largest contentful paint
    page: PageImages | None = field(default=None, repr=False)

    def claim(self) -> dict:
        """Called by the template as the <img> is written, so the hints follow document order."""
        if self.page is None:
            return {"lazy": True, "high": False}
        return self.page.claim(self)


@dataclass
class Reader:
    """What one block's props are read against: the allowed media and the page's image hints."""

    media: Media
    page: PageImages
    hero: bool = False
    block_index: int = 0
    may_lead: bool = True

    def image(self, value: object, alt: str = "") -> Image | None:
        """An allowed image with a known size; None otherwise. ``value`` is {src, alt, width?, height?} or an URL."""
        if isinstance(value, str):
            value = {"src": value}
        if not isinstance(value, dict):
            return None
        src = value.get("src") if isinstance(value.get("src"), str) else value.get("url")
        if not media_url_allowed(src, self.media):
            return None
        known = self.media.get(src) or (None, None)
        known = known if isinstance(known, tuple | list) and len(known) == 2 else (None, None)
        width, height = _dimension(known[0]), _dimension(known[1])
        if not (width and height):
            width, height = _dimension(value.get("width")), _dimension(value.get("height"))
        if not (width and height):
            return None
        return Image(
            src=src,
            alt=text(value.get("alt"), 250) or alt,
            width=width,
            height=height,
            hero=self.hero,
            block_index=self.block_index,
            may_lead=self.may_lead,
            page=self.page,
        )

    def video(self, video: object, poster: object, alt: str = "") -> dict | None:
        """{kind: "video", src, poster, width, height} for an allowed clip of known size (no autoplay), else
        {kind: "image", image} for the poster or an allowed .svg placeholder clip; None when nothing is allowed."""
        video = {"src": video} if isinstance(video, str) else mapping(video)
        source = video.get("src")
        poster_image = self.image(poster, alt)
        if media_url_allowed(source, self.media):
            if source.lower().endswith(".svg"):
                clip = poster_image or self.image({**video, "alt": video.get("alt") or alt})
                return {"kind": "image", "image": clip} if clip else None
            known = self.media.get(source) or (None, None)
            width = _dimension(known[0]) or (poster_image.width if poster_image else None)
            height = _dimension(known[1]) or (poster_image.height if poster_image else None)
            if width and height:
                return {"kind": "video", "src": source, "poster": poster_image, "width": width, "height": height}
        return {"kind": "image", "image": poster_image} if poster_image else None
