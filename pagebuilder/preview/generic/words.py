"""The generic view's vocabulary: which part a prop plays, read from its key's words (``missionTitle`` is a
title, ``heroImage`` an image), which values read as prose for people, and the reading context of one block."""

import re
from dataclasses import dataclass, field
from itertools import islice

from pagebuilder.preview.props import SCRIPT_URL, Reader
from pagebuilder.preview.props import strings as prop_strings
from pagebuilder.preview.props import text as prop_text

MAX_DEPTH = 4  # section → panel → card → a card's nested object; deeper values are ignored
MAX_KEYS = 60  # keys looked at in one object
MAX_NODES = 160  # cards, list entries, stats, quotes, pictures and links drawn for one block
MAX_LIST = 24
MAX_TEXTS = 4
MAX_META = 6

_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
URLISH = re.compile(r"^(?:[a-z][a-z0-9+.-]*:(?!\s)|/|#|www\.)|\.(?:png|jpe?g|gif|svg|webp|avif|mp4|webm|pdf)$", re.I)
_COLOUR = re.compile(r"^(?:#[0-9a-f]{3,8}|(?:rgb|hsl|oklch|oklab|lab|lch|hwb)a?\(.*\))$", re.I)
_TOKEN = re.compile(r"[\w.\[\]%#]+(?:[-:/_][\w.\[\]%#]+)+")  # bg-primary, md:flex, lucide/shield, some_id
_LETTERS = re.compile(r"[^\W\d_]{2}")
STAT = re.compile(r"\D{0,6}\d[\d.,:/ ]{0,10}\D{0,8}")
ORDINAL = re.compile(r"0\d")
DIGIT = re.compile(r"\d")
SENTENCE = re.compile(r"[.!?…]$|^.{61,}")


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# role → the last words of the keys that play it (``missionTitle`` is a title, ``heroImage`` an image)
ROLES = {
    "title": _set("title heading headline name"),
    "label": _set("label day days feature platform"),
    "eyebrow": _set("eyebrow badge overline kicker tagline pretitle preheading"),
    "lead": _set(
        "subtitle subheading subheadline description text content body summary intro message copy paragraph "
        "excerpt bio details detail blurb lead caption note story statement copyright disclaimer answer"
    ),
    "meta": _set(
        "role position designation company date year category department location duration period status client "
        "industry time hours level format tag author type jobtitle readtime"
    ),
    "price": _set("price cost fee"),
    "value": _set("value number stat figure metric count percentage percent total amount"),
    "image": _set(
        "image img photo picture avatar logo thumbnail poster cover portrait headshot src background screenshot "
        "illustration media"
    ),
    "images": _set("images photos gallery pictures screenshots thumbnails"),
    "action": _set("action cta button"),
    "actions": _set("actions buttons ctas"),
    "href": _set("href url link path"),
    "quote": _set("quote testimonial review"),
    "question": _set("question"),
    "contact": _set("phone telephone tel mobile email address"),
    "highlight": _set("highlight highlighted"),
}
ROLE_OF_WORD = {word: role for role, words in ROLES.items() for word in words}
ROLE_OF_KEY = {"badgetext": "eyebrow", "sectionlabel": "eyebrow", "subtitle": "lead", "jobtitle": "meta"}
# behaviour and styling, never content: a key with one of these words is not read
SKIP_WORDS = _set(
    "id ids key slug icon icons variant variants theme class classname color colour colors size align alignment "
    "layout mode style styles interval delay speed opacity aria placeholder config sticky filter filters query "
    "timezone target rel index order width height autoplay loop muted transition animation effect overlay gradient "
    "tab sizes srcset close dismiss cancel"
)
SKIP_FIRST = _set("on is has show hide enable disable default auto data max min use allow")
# prefixes that qualify a key rather than start a panel of their own (``primaryCta``, ``heroImage``)
NEUTRAL = _set(
    "main primary secondary hero featured background section page header intro gallery short long full sub pre "
    "image cover read view see more title heading headline profile top bottom"
)
GROUP_ROLES = _set("title label")
ACTION_STEMS = _set("button cta link action more all")
LOGO_WORDS = _set("logos partners clients companies brands investors sponsors customers badges")
STEP_WORDS = _set("steps process phases stages")
LINE_WORDS = _set("milestones timeline events history experiences experience chapters")
MINOR_WORDS = _set("category tag type format level status industry")
PERSON_WORDS = _set("author person reviewer host speaker owner")
CONTENT = {  # part kind → the list that holds its entries
    "cards": "cards",
    "qa": "groups",
    "quotes": "quotes",
    "stats": "stats",
    "links": "links",
    "list": "entries",
    "pics": "figures",
    "logos": "figures",
    "menu": "items",
}
QUOTE_KEYS = ("quote", "testimonial", "review", "text", "content", "body")
TITLE_ORDER = ("title", "heading", "headline", "name", "question", "label", "day", "days")


@dataclass
class Context:
    """What one block is read with: the reader for media, the drawn-entry budget and, for ``covers``, the props'
    texts behind each text this view composed (a summary line, an address)."""

    reader: Reader
    budget: int = MAX_NODES
    composed: dict[str, list[str]] = field(default_factory=dict)
    minor: set[str] = field(default_factory=set)  # categories, tags, types: no reason to leave a dedicated view
    bar: bool = False  # a navbar: a list of links with submenus is its menu, drawn as dropdowns

    def take(self, wanted: int) -> int:
        granted = max(min(wanted, self.budget), 0)
        self.budget -= granted
        return granted


@dataclass(frozen=True)
class Key:
    name: str
    words: tuple[str, ...]
    role: str
    value: object

    @property
    def prefix(self) -> str:
        return self.words[0] if len(self.words) > 1 else ""


# Words and prose ---------------------------------------------------------------------------------------------


text = prop_text  # refuses a text naming a script or data URL


def first_text(entry: dict, *keys: str, limit: int = 300) -> str:
    return next((shown for key in keys if (shown := text(entry.get(key), limit))), "")


def strings(value: object, limit: int, text_limit: int) -> list[str]:
    return [entry for entry in prop_strings(value, limit, text_limit) if not SCRIPT_URL.search(entry)]


def key_words(name: str) -> tuple[str, ...]:
    """``missionBackgroundImage`` → (mission, background, image); snake and kebab case alike."""
    return tuple(word.lower() for word in _WORD.findall(name[:80]))


def role_of(words: tuple[str, ...]) -> str:
    """The part a key plays, from its whole name or its last word; "skip" for behaviour and styling keys."""
    if not words or words[0] in SKIP_FIRST or any(word in SKIP_WORDS for word in words):
        return "skip"
    whole = "".join(words)
    if whole in ROLE_OF_KEY:
        return ROLE_OF_KEY[whole]
    if len(words) > 1 and words[-1] == "position":
        return "skip"  # imagePosition, iconPosition: layout, not a job title
    return ROLE_OF_WORD.get(words[-1], "other")


def prose(value: str) -> bool:
    """Reads as words for people ("1-2 days", "Up to 70% off"): two or more words, one with letters at least, and
    not an URL, a colour, a class list (``bg-muted text-sm``) or an id."""
    parts = value.split()
    if len(parts) < 2 or URLISH.search(value) or _COLOUR.match(value):
        return False
    if sum(1 for part in parts if _classy(part)) * 2 >= len(parts):
        return False
    return any(_LETTERS.search(part) for part in parts)


def _classy(token: str) -> bool:
    return bool(_TOKEN.fullmatch(token) and _LETTERS.search(token))


def listable(value: str) -> bool:
    """A list entry worth showing: has letters, and a single word is no id, path, class or colour."""
    if not _LETTERS.search(value) or URLISH.search(value) or _COLOUR.match(value):
        return False
    return " " in value or not _classy(value)


def camel(words: tuple[str, ...]) -> str:
    return words[0] + "".join(word.title() for word in words[1:]) if words else ""


def keys_of(obj: dict) -> list[Key]:
    found = []
    for name, value in islice(obj.items(), MAX_KEYS):
        if isinstance(name, str) and (words := key_words(name)):
            role = role_of(words)
            if role != "skip" and value is not None and not isinstance(value, bool):
                found.append(Key(name, words, role, value))
    return found
