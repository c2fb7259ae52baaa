"""The generic block view: any block's props, read by the names the real @opensite/ui library uses, drawn as one
readable section (``templates/preview/blocks/generic.html``) instead of the unknown-block placeholder.

A node (the section, a panel, a card) holds a title, eyebrow, meta line, texts, price, image, buttons and parts
(card grids, stats, quotes, Q&A, checklists, pictures, logos, links, panels) in the order of the props' keys. Keys are
read by their last camelCase word (``missionTitle`` is a title, ``heroImage`` an image, ``primaryCta`` a button);
keys sharing a prefix with a heading (``ctaHeading`` + ``ctaDescription``) become a panel. Scalars under names we
do not know are shown only when they read as prose, so ids, variants, class names, colours and URLs stay hidden.

Reading is bounded (``MAX_KEYS`` keys per object, ``MAX_DEPTH`` levels, ``MAX_NODES`` drawn entries per block).
Safety is the props layer's: texts stay plain strings for the templates to escape (and a text naming a script URL
is dropped), links pass ``href`` and media ``Reader.image`` (the website's own library or our /static/ files);
nothing is marked safe. ``covers`` tells whether a dedicated template's view draws all this view would.
"""

import re
from dataclasses import dataclass, field
from itertools import islice

from pagebuilder.preview.blocks import address, email, phone
from pagebuilder.preview.props import SCRIPT_URL, Image, Reader, href, mapping, rating, records
from pagebuilder.preview.props import strings as prop_strings
from pagebuilder.preview.props import text as prop_text

MAX_DEPTH = 4  # section → panel → card → a card's nested object; deeper values are ignored
MAX_KEYS = 60  # keys looked at in one object
MAX_NODES = 160  # cards, list entries, stats, quotes, pictures and links drawn for one block
MAX_LIST = 24
MAX_TEXTS = 4
MAX_META = 6

_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_URLISH = re.compile(r"^(?:[a-z][a-z0-9+.-]*:(?!\s)|/|#|www\.)|\.(?:png|jpe?g|gif|svg|webp|avif|mp4|webm|pdf)$", re.I)
_COLOUR = re.compile(r"^(?:#[0-9a-f]{3,8}|(?:rgb|hsl|oklch|oklab|lab|lch|hwb)a?\(.*\))$", re.I)
_TOKEN = re.compile(r"[\w.\[\]%#]+(?:[-:/_][\w.\[\]%#]+)+")  # bg-primary, md:flex, lucide/shield, some_id
_LETTERS = re.compile(r"[^\W\d_]{2}")
_STAT = re.compile(r"\D{0,6}\d[\d.,:/ ]{0,10}\D{0,8}")
_ORDINAL = re.compile(r"0\d")
_DIGIT = re.compile(r"\d")
_SENTENCE = re.compile(r"[.!?…]$|^.{61,}")


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
    if len(parts) < 2 or _URLISH.search(value) or _COLOUR.match(value):
        return False
    if sum(1 for part in parts if _classy(part)) * 2 >= len(parts):
        return False
    return any(_LETTERS.search(part) for part in parts)


def _classy(token: str) -> bool:
    return bool(_TOKEN.fullmatch(token) and _LETTERS.search(token))


def listable(value: str) -> bool:
    """A list entry worth showing: has letters, and a single word is no id, path, class or colour."""
    if not _LETTERS.search(value) or _URLISH.search(value) or _COLOUR.match(value):
        return False
    return " " in value or not _classy(value)


def _camel(words: tuple[str, ...]) -> str:
    return words[0] + "".join(word.title() for word in words[1:]) if words else ""


def _keys(obj: dict) -> list[Key]:
    found = []
    for name, value in islice(obj.items(), MAX_KEYS):
        if isinstance(name, str) and (words := key_words(name)):
            role = role_of(words)
            if role != "skip" and value is not None and not isinstance(value, bool):
                found.append(Key(name, words, role, value))
    return found


# Nodes -------------------------------------------------------------------------------------------------------


def _node(level: int, card: bool) -> dict:
    return {
        "title": "",
        "href": "",
        "eyebrow": "",
        "meta": [],
        "texts": [],
        "price": "",
        "period": "",
        "image": None,
        "logo": None,
        "cover": None,
        "actions": [],
        "parts": [],
        "level": level,
        "card": card,
    }


def has_content(node: dict) -> bool:
    return _intro(node) or _body(node)


def read_node(obj: dict, ctx: Context, depth: int, *, level: int = 0, card: bool = False) -> dict:
    """One object as a node: pairs first (button text + URL, image src + alt), then keys sharing a prefix with a
    heading as panels (top level only), the title by priority, then every other key in order."""
    node = _node(level, card)
    keys = _keys(obj)
    used = _pairs(obj, keys, node, ctx, depth)
    groups = _groups(keys, used) if depth == 0 else {}
    in_group = {key.name for members in groups.values() for key in members}
    used |= _title(keys, used | in_group, node, depth)
    for key in keys:
        if key.name in used:
            continue
        if key.name in in_group:
            if members := groups.pop(key.prefix or key.words[0], None):
                _panel(node, members, ctx, depth)
            continue
        _field(node, key, obj, ctx, depth)
    if node["card"] and not node["title"] and node["meta"]:
        node["title"] = node["meta"].pop(0)  # a row with no title of its own: its category or date leads
    if depth == 0 and not node["title"] and node["parts"] and node["parts"][0]["kind"] == "panel":
        _lift(node)
    if node["image"] and not node["card"] and not _intro(node):
        _lone_image(node)
    return node


def _lone_image(node: dict) -> None:
    """An image with no text beside it opens the pictures, rather than being half of an empty split."""
    part = _pictures_part(node, "pics")
    part["figures"].insert(0, {"image": node["image"], "caption": "", "href": ""})
    node["parts"].remove(part)
    node["parts"].insert(0, part)
    node["image"] = None


def _lift(node: dict) -> None:
    """A section with no heading whose first part is a panel with one (``brandName`` + ``brandTagline``, a
    ``post`` object): the panel becomes the section's own head, so the page keeps its h2."""
    panel = node["parts"].pop(0)["section"]
    if not panel["title"]:
        node["parts"].insert(0, {"kind": "panel", "section": panel})
        return
    if panel["eyebrow"] and node["eyebrow"]:  # the lifted heading's own eyebrow goes with it
        node["meta"].insert(0, node["eyebrow"])
        node["eyebrow"] = ""
    for name in ("title", "href", "eyebrow", "price", "period", "image", "logo"):
        node[name] = node[name] or panel[name]
    node["meta"] = (panel["meta"] + node["meta"])[:MAX_META]
    node["texts"] = (panel["texts"] + node["texts"])[:MAX_TEXTS]
    node["actions"] = (panel["actions"] + node["actions"])[:4]
    _shift(node["parts"], 1)  # read under a section without a heading; now there is one
    node["parts"] = panel["parts"] + node["parts"]


def _shift(parts: list[dict], by: int) -> None:
    """Moves the heading levels of lifted parts (and what they hold) up or down."""
    for part in parts:
        nodes = part.get("cards") or ([part["section"]] if part["kind"] == "panel" else [])
        for inner in nodes:
            inner["level"] = max(inner["level"] + by, 0)
            _shift(inner["parts"], by)


def _body(node: dict) -> bool:
    return any(node[name] for name in ("image", "logo", "cover", "parts"))


def _intro(node: dict) -> bool:
    return any(node[name] for name in ("title", "eyebrow", "meta", "texts", "price", "period", "actions"))


def _title(keys: list[Key], used: set[str], node: dict, depth: int) -> set[str]:
    """The node's heading: title, heading, headline, then name (question, label, day for cards)."""
    order = TITLE_ORDER if depth else TITLE_ORDER[:4]
    candidates = [
        key
        for key in keys
        if key.name not in used
        and key.words[-1] in order
        and (len(key.words) == 1 or key.prefix in NEUTRAL or depth > 0)
        and text(key.value, 200)
    ]
    if not candidates:
        return set()
    chosen = min(candidates, key=lambda key: order.index(key.words[-1]))
    node["title"] = text(chosen.value, 200)
    return {chosen.name}


def _panel(node: dict, members: list[Key], ctx: Context, depth: int) -> bool:
    """Keys sharing a prefix (``ctaHeading``, ``ctaDescription``, ``ctaImage``) drawn as one panel."""
    sub = {(_camel(key.words[1:]) or key.name): key.value for key in members}
    panel = read_node(sub, ctx, depth + 1, level=_inner(node))
    if not has_content(panel):
        return False
    node["parts"].append({"kind": "panel", "section": panel})
    return True


def _inner(node: dict) -> int:
    """The heading level offset of what a node holds: one below its own title, if it has one."""
    return node["level"] + (1 if node["title"] else 0)


def _groups(keys: list[Key], used: set[str]) -> dict[str, list[Key]]:
    """prefix → keys, for prefixes (not neutral ones like ``primary``) that carry a title or label of their own."""
    groups: dict[str, list[Key]] = {}
    for key in keys:
        if key.name not in used and key.prefix and key.prefix not in NEUTRAL:
            groups.setdefault(key.prefix, []).append(key)
    for key in keys:  # ``skills`` joins ``skillsTitle``
        if key.name not in used and len(key.words) == 1 and key.words[0] in groups:
            groups[key.words[0]].append(key)
    return {
        prefix: members
        for prefix, members in groups.items()
        if len(members) > 1 and any(member.role in GROUP_ROLES for member in members)
    }


# Pairs of sibling keys ---------------------------------------------------------------------------------------


def _pairs(obj: dict, keys: list[Key], node: dict, ctx: Context, depth: int) -> set[str]:
    """Siblings that mean one thing together, taken out before anything else reads them: a quote with its author's
    keys, ``buttonText`` + ``buttonUrl``, ``imageSrc`` + ``imageAlt``, ``phone`` + ``phoneHref``."""
    by_words = {key.words: key for key in keys}
    used = _quote_pair(obj, keys, node, ctx)
    for key in keys:
        if key.name in used or len(key.words) < 2:
            continue
        stem, last = key.words[:-1], key.words[-1]
        if last in ("text", "label"):
            used |= _button_pair(obj, key, by_words, node)
        elif last == "alt" and (source := by_words.get(stem) or by_words.get((*stem, "src"))):
            if isinstance(source.value, str) and source.name not in used:
                used |= {key.name, source.name}
                _set_image(node, source, {"src": source.value, "alt": key.value}, ctx, depth)
        elif last in ("href", "url", "link", "path") and (source := by_words.get(stem)) and source.name not in used:
            used |= _link_pair(source, key, node, ctx)
    return used


def _button_pair(obj: dict, key: Key, by_words: dict, node: dict) -> set[str]:
    """``ctaText`` + ``ctaHref``, ``primaryButtonText`` + ``primaryButtonUrl``; a lone ``buttonText`` is a button
    without a target (a card's own link, if it has one)."""
    stem = key.words[:-1]
    target = next(
        (by_words[(*stem, word)] for word in ("href", "url", "link", "path") if (*stem, word) in by_words), None
    )
    if target is None and stem[-1] not in ACTION_STEMS:
        return set()
    label = text(key.value, 60)
    if label and len(node["actions"]) < 4:
        own = obj.get("href") or obj.get("url") or obj.get("link")
        node["actions"].append(_button(label, href(target.value) if target else href(own), len(node["actions"])))
    return {key.name} | ({target.name} if target else set())


def _link_pair(source: Key, key: Key, node: dict, ctx: Context) -> set[str]:
    """``titleHref`` links the title; ``phone`` + ``phoneHref`` (or an address and its map link) become a link."""
    if source.role == "title":
        node["href"] = node["href"] or href(key.value)
        return {key.name}
    if source.role != "contact" or not (label := text(source.value, 200)):
        return set()
    _append_link(node, {"label": label, "href": href(key.value)}, ctx)
    return {source.name, key.name}


def _quote_pair(obj: dict, keys: list[Key], node: dict, ctx: Context) -> set[str]:
    """A quote given as sibling keys (``quote``, ``author``/``authorName``, ``role``, ``avatar``) is one quote."""
    if not any(key.role == "quote" and isinstance(key.value, str) for key in keys):
        return set()
    quote = _quote(obj, ctx)
    if quote is None or not ctx.take(1):
        return set()
    node["parts"].append({"kind": "quotes", "quotes": [quote]})
    person_words = {"author", "avatar", "name", "role", "position", "company", "rating", "designation"}
    return {key.name for key in keys if key.role == "quote" or key.words[0] in person_words}


def _button(label: str, target: str, index: int) -> dict:
    return {"label": label, "href": target, "primary": index == 0}


# Fields ------------------------------------------------------------------------------------------------------


def _field(node: dict, key: Key, obj: dict, ctx: Context, depth: int) -> bool:
    if isinstance(key.value, dict):
        return _object(node, key, ctx, depth)
    if isinstance(key.value, list | tuple):
        return _list(node, key, ctx, depth)
    return _scalar(node, key, ctx, depth)


def _scalar(node: dict, key: Key, ctx: Context, depth: int) -> bool:
    role, value = key.role, key.value
    shown = text(value, 1200 if role in ("lead", "other") else 200)
    if not shown:
        return False
    if role == "image":
        return _set_image(node, key, value, ctx, depth)
    if role == "href":
        found = href(value) if node["card"] and not node["href"] else ""
        node["href"] = node["href"] or found
        return bool(found)
    if role == "contact":
        return _contact(node, key, ctx)
    if role == "highlight":
        return _highlight(node, key, ctx)
    if role in ("title", "question", "label") and not node["title"] and (role != "label" or node["card"]):
        node["title"] = text(value, 200)
        return True
    if role in ("label", "eyebrow") and not node["eyebrow"]:
        node["eyebrow"] = text(value, 80)
        return True
    if role == "price" and not node["price"]:
        node["price"] = text(value, 40)
        return True
    if key.words[-1] == "period" and not node["period"]:  # "per month", drawn beside the price
        node["period"] = text(value, 40)
        return True
    if role == "title" and len(key.words) > 1:  # authorName, clientName beside a title: a fact, not a heading
        return _add(node["meta"], text(value, 80), MAX_META, ctx)
    if role == "action":  # "cta": "Book a table" is a button label; "formAction": "/subscribe" is not
        return listable(shown) and _add_action(node, {"label": text(value, 60), "href": ""})
    if role == "value" and not _DIGIT.search(shown):
        return False  # a tab's or option's value ("leadership"), not a figure
    if role in ("meta", "value", "label", "eyebrow", "price"):
        if key.words[-1] in MINOR_WORDS:
            ctx.minor.add(text(value, 80))
        return _add(node["meta"], text(value, 80), MAX_META, ctx)
    if role != "lead" and prose(shown) and not _SENTENCE.search(shown):  # artist, "1-2 days": facts, not paragraphs
        return _add(node["meta"], shown, MAX_META, ctx)
    if (role == "lead" and len(key.words) == 1) or prose(shown):
        return _add(node["texts"], shown if not node["card"] else text(value, 600), MAX_TEXTS, ctx)
    return False


def _highlight(node: dict, key: Key, ctx: Context) -> bool:
    """``headingHighlight``: the words the library sets off at the end of the heading, appended to it."""
    words = text(key.value, 80)
    if not (node["title"] and words and key.words[0] in ("title", "heading", "headline")):
        return False
    title, node["title"] = node["title"], f"{node['title']} {words}"
    ctx.composed[node["title"]] = [title, words]
    return True


def _add(found: list, entry: str, limit: int, ctx: Context) -> bool:
    # Every text and fact line passes here: the one place a text naming a script URL is refused, whichever way
    # it was read or cut (a cut "javascript:alert(1)" can end as a bare "javascript:").
    if entry and not SCRIPT_URL.search(entry) and len(found) < limit and entry not in found and ctx.take(1):
        found.append(entry)
        return True
    return False


def _add_action(node: dict, found: dict | None) -> bool:
    if not found or not found.get("label") or len(node["actions"]) >= 4:
        return False
    node["actions"].append(_button(found["label"], found.get("href") or "", len(node["actions"])))
    return True


def _contact(node: dict, key: Key, ctx: Context) -> bool:
    """A phone number, e-mail address or postal address as a link (tel:, mailto:) or a plain line."""
    kind = key.words[-1]
    if kind == "address":
        lines = address(key.value)
        found = {"label": ", ".join(lines), "href": ""} if lines else None
        ctx.composed[", ".join(lines)] = lines
    elif kind == "email":
        found = email(key.value)
    else:
        found = phone(key.value)
    if not found or not found["label"] or SCRIPT_URL.search(found["label"]) or _URLISH.search(found["label"]):
        return False
    return _append_link(node, found, ctx)


def _append_link(node: dict, link: dict, ctx: Context) -> bool:
    """Adds to the node's contact links (a column of links drawn where the first one was met)."""
    part = next((part for part in node["parts"] if part["kind"] == "links" and part.get("contact")), None)
    if part is None:
        part = {"kind": "links", "links": [], "column": True, "contact": True}
        node["parts"].append(part)
    if len(part["links"]) >= 8 or not ctx.take(1):
        return False
    part["links"].append(link)
    return True


def _set_image(node: dict, key: Key, value: object, ctx: Context, depth: int) -> bool:
    """The node's logo, cover (a hero's background), main image, or one more picture beside it."""
    image = ctx.reader.image(value, node["title"])
    if image is None:
        return False
    words = set(key.words)
    if "logo" in words and not node["card"] and not node["logo"]:
        node["logo"] = image
    elif words & {"background", "cover"} and depth == 0 and ctx.reader.hero and not node["cover"]:
        node["cover"] = image
    elif not node["image"]:
        node["image"] = image
    elif depth <= 1 and not node["card"] and ctx.take(1):
        _pictures_part(node, "pics")["figures"].append({"image": image, "caption": "", "href": ""})
    else:
        return False
    return True


def _pictures_part(node: dict, kind: str) -> dict:
    part = next((part for part in node["parts"] if part["kind"] == kind), None)
    if part is None:
        part = {"kind": kind, "figures": []}
        node["parts"].append(part)
    return part


# Objects and lists -------------------------------------------------------------------------------------------


def _object(node: dict, key: Key, ctx: Context, depth: int) -> bool:
    """A nested object: an image, a button, a quote, a person, an address; else a panel (top level) or more of
    the same card (a card's ``content`` object)."""
    value = key.value
    if key.role == "image" or _image_like(value):
        return _set_image(node, key, value, ctx, depth)
    if key.role in ("action", "actions", "href") or _action_like(value):
        return _add_action(node, _action(value))
    if _quote_text(value):
        quote = _quote(value, ctx)
        if quote is None or not ctx.take(1):
            return False
        node["parts"].append({"kind": "quotes", "quotes": [quote]})
        return True
    if key.role == "contact":
        return _contact(node, key, ctx)
    if key.words[-1] in PERSON_WORDS:
        return _person(node, value, ctx)
    if depth >= MAX_DEPTH - 1:
        return False
    child = read_node(value, ctx, depth + 1, level=_inner(node), card=node["card"])
    if not has_content(child):
        return False
    if depth == 0:
        node["parts"].append({"kind": "panel", "section": child})
    else:
        _merge(node, child)
    return True


def _merge(node: dict, child: dict) -> None:
    """A card's nested object (``content``, ``details``) fills what the card lacks; its own title is the more
    specific one (a tab's ``label`` becomes the eyebrow above its ``content.title``)."""
    if node["title"] and child["title"] and child["title"] != node["title"]:
        node["eyebrow"], node["title"] = node["eyebrow"] or node["title"], child["title"]
    for name in ("title", "href", "eyebrow", "price", "period", "image"):
        node[name] = node[name] or child[name]
    for name, limit in (("meta", MAX_META), ("texts", MAX_TEXTS), ("actions", 4), ("parts", 8)):
        node[name] = (node[name] + [entry for entry in child[name] if entry not in node[name]])[:limit]


def _person(node: dict, value: dict, ctx: Context) -> bool:
    name = first_text(value, "name", "title", limit=80)
    role = first_text(value, "role", "position", "title", "company", limit=80)
    if not name:
        return False
    if node["card"]:
        return _add(node["meta"], name, MAX_META, ctx)
    image = _first_image(value, ctx, name, ("avatar", "photo", "image", "portrait"))
    if not ctx.take(1):
        return False
    node["parts"].append(
        {"kind": "person", "person": {"name": name, "role": role if role != name else "", "image": image}}
    )
    return True


def _list(node: dict, key: Key, ctx: Context, depth: int) -> bool:
    found = records(key.value, MAX_LIST)
    if found:
        return _records(node, key, found, ctx, depth)
    entries = strings(key.value, MAX_LIST, 200)
    if not entries:
        return False
    if key.role in ("image", "images") or all(_URLISH.search(entry) for entry in entries):
        return _pictures(node, key, entries, ctx)
    if key.words[-1][:-1] in ROLES["lead"]:  # paragraphs, descriptions: texts, not a checklist
        added = [_add(node["texts"], entry, MAX_TEXTS, ctx) for entry in strings(key.value, MAX_TEXTS, 1200)]
        return any(added)
    entries = [entry for entry in entries if listable(entry)]
    entries = entries[: ctx.take(len(entries))]
    if not entries:
        return False
    node["parts"].append({"kind": "list", "entries": entries})
    return True


def _pictures(node: dict, key: Key, values: list, ctx: Context) -> bool:
    """Pictures from a list of URLs or image objects: a card keeps its first; a section shows them all."""
    images = [image for value in values if (image := ctx.reader.image(value, node["title"]))]
    if not images:
        return False
    if node["card"]:
        node["image"] = node["image"] or images[0]
        return True
    kind = "logos" if key.words[-1] in LOGO_WORDS else "pics"
    figures = [{"image": image, "caption": "", "href": ""} for image in images[: ctx.take(len(images))]]
    _pictures_part(node, kind)["figures"].extend(figures)
    return bool(figures)


def _records(node: dict, key: Key, found: list[dict], ctx: Context, depth: int) -> bool:
    if key.role in ("action", "actions"):  # actions, buttons, ctas: the node's buttons
        added = [_add_action(node, _action(entry)) for entry in found]
        return any(added)
    if all(_option(entry) for entry in found):
        return False  # {label, value} pairs: the options of a tab bar or filter, not content
    kind = list_kind(found, key.words)
    if kind in ("qa", "qa_groups"):
        groups = _qa_groups(found, ctx) if kind == "qa_groups" else [{"label": "", "items": _qa(found, ctx)}]
        part = {"kind": "qa", "groups": [group for group in groups if group["items"]]}
    elif kind == "quotes":
        part = {"kind": "quotes", "quotes": [quote for entry in found if (quote := _quote(entry, ctx))]}
        part["quotes"] = part["quotes"][: ctx.take(len(part["quotes"]))]
    elif kind == "stats":
        part = {"kind": "stats", "stats": _stats(found, ctx)}
    elif kind == "links":
        part = {"kind": "links", "links": _links(found, ctx), "column": node["card"]}
    elif kind in ("pics", "logos"):
        part = {"kind": kind, "figures": _figures(found, ctx)}
    elif node["card"] or depth >= MAX_DEPTH - 1:
        part = {"kind": "list", "entries": [entry for record in found if (entry := _summary(record, ctx))]}
        part["entries"] = part["entries"][: ctx.take(len(part["entries"]))]
    else:
        part = _cards(node, key, found, ctx, depth)
    if not part[CONTENT[part["kind"]]]:
        return False
    if node["card"] and kind in ("pics", "logos"):
        node["image"] = node["image"] or part["figures"][0]["image"]
        return True
    node["parts"].append(part)
    return True


def _cards(node: dict, key: Key, found: list[dict], ctx: Context, depth: int) -> dict:
    words = set(key.words)
    style = "steps" if words & STEP_WORDS else "line" if words & LINE_WORDS else "grid"
    cards = []
    for entry in found:
        if not ctx.take(1):
            break
        card = read_node(entry, ctx, depth + 1, level=_inner(node), card=True)
        if has_content(card):
            cards.append(card)
    if cards and all(card["title"] and not _intro({**card, "title": ""}) and not _body(card) for card in cards):
        # titles and nothing else (tags, filters, a plain menu): a list, not a grid of empty cards
        if any(card["href"] for card in cards):
            return {"kind": "links", "links": [{"label": card["title"], "href": card["href"]} for card in cards]}
        return {"kind": "list", "entries": [card["title"] for card in cards]}
    return {"kind": "cards", "cards": cards, "style": style}


# Record shapes -----------------------------------------------------------------------------------------------


def _roles(entry: dict) -> dict[str, list]:
    """role → the values of an object's keys that play it, in key order."""
    found: dict[str, list] = {}
    for name, value in islice(entry.items(), MAX_KEYS):
        if isinstance(name, str) and value is not None and not isinstance(value, bool):
            found.setdefault(role_of(key_words(name)), []).append(value)
    return found


def _first(roles: dict, names: tuple[str, ...], limit: int) -> str:
    for name in names:
        for value in roles.get(name, ()):
            if shown := text(value, limit):
                return shown
    return ""


def list_kind(found: list[dict], words: tuple[str, ...]) -> str:
    """What a list of objects is: Q&A (or groups of it), quotes, stats, links, pictures, logos or cards."""
    sample = [_roles(entry) for entry in found[:8]]
    if any(_first(roles, ("question",), 200) for roles in sample):
        return "qa"
    if any(_nested_questions(entry) for entry in found[:8]):
        return "qa_groups"
    if any(_quote_text(entry) for entry in found[:8]):
        return "quotes"
    if sum(1 for roles in sample if _stat_like(roles)) * 2 > len(sample):
        return "stats"
    if all(_link_like(roles) for roles in sample):
        return "links"
    if all(roles.get("image") and not _described(roles) for roles in sample):
        return "logos" if words[-1] in LOGO_WORDS else "pics"
    return "cards"


def _described(roles: dict) -> bool:
    return any(roles.get(role) for role in ("lead", "meta", "price", "value", "actions", "action"))


def _option(entry: dict) -> bool:
    roles = _roles(entry)
    values = [text(value, 40) for value in roles.get("value", ())]
    return set(roles) <= {"label", "value", "skip"} and bool(values) and not any(map(_DIGIT.search, values))


def _nested_questions(entry: dict) -> bool:
    lists = (value for value in islice(entry.values(), MAX_KEYS) if isinstance(value, list))
    return any(_first(_roles(inner), ("question",), 200) for value in lists for inner in records(value, 4))


def _stat_like(roles: dict) -> bool:
    value = _first(roles, ("value",), 40)
    return (
        bool(_STAT.fullmatch(value))  # a figure (300+, 99%, $2M, 4.9/5), not an ordinal (01) or a word
        and not _ORDINAL.fullmatch(value)
        and bool(_first(roles, ("label", "title", "lead"), 200))
        and not (roles.get("image") or roles.get("price"))
    )


def _link_like(roles: dict) -> bool:
    labelled = _first(roles, ("label", "title"), 80) or _first(roles, ("lead",), 60)
    prose_text = any(prose(text(value, 300)) and len(text(value, 300)) > 60 for value in roles.get("lead", ()))
    return bool(labelled and _first(roles, ("href",), 300)) and not (prose_text or roles.get("image"))


def _image_like(value: dict) -> bool:
    return isinstance(value.get("src"), str) or (isinstance(value.get("url"), str) and "alt" in value)


def _action_like(value: dict) -> bool:
    roles = _roles(value)
    return bool(_first(roles, ("lead", "label", "title"), 60) and _first(roles, ("href",), 300)) and not (
        roles.get("image") or any(len(text(entry, 300)) > 60 for entry in roles.get("lead", ()))
    )


def _action(value: dict) -> dict | None:
    roles = _roles(value)
    label = text(value.get("label"), 60) or _first(roles, ("lead", "label", "title"), 60)
    return {"label": label, "href": href(next(iter(roles.get("href", ())), None))} if label else None


def _quote_text(value: object) -> str:
    if not isinstance(value, dict):
        return ""
    return first_text(value, "quote", "testimonial", "review", limit=800)


def _first_image(value: dict, ctx: Context, alt: str, keys: tuple[str, ...]):
    return next((image for key in keys if (image := ctx.reader.image(value.get(key), alt))), None)


def _quote(entry: dict, ctx: Context) -> dict | None:
    """{quote, author, role, image, rating} from ``quote``/``testimonial``/``review`` (or ``text``) and an author
    given as a name, an object {name, role, avatar} or sibling keys (``authorName``, ``authorRole`` …)."""
    quote = first_text(entry, *QUOTE_KEYS, limit=800)
    if not quote:
        return None
    author = entry.get("author")
    author = author if isinstance(author, dict) else {"name": author}
    name = first_text(author, "name", "title", limit=80) or first_text(
        entry, "authorName", "name", "avatarName", "reviewer", limit=80
    )
    role = first_text(author, "role", "position", "company", limit=80) or first_text(
        entry, "role", "authorRole", "position", "designation", "avatarRole", "company", limit=80
    )
    keys = ("avatar", "photo", "image", "portrait")
    image = _first_image(author, ctx, name, keys) or _first_image(
        entry, ctx, name, (*keys, "authorImage", "authorAvatar", "avatarSrc")
    )
    return {"quote": quote, "author": name, "role": role, "image": image, "rating": rating(entry.get("rating"))}


# Entries -----------------------------------------------------------------------------------------------------


def _qa(found: list[dict], ctx: Context) -> list[dict]:
    pairs = []
    for entry in found:
        roles = _roles(entry)
        question = _first(roles, ("question", "title"), 200)
        if question and ctx.take(1):
            pairs.append({"question": question, "answer": _first(roles, ("lead",), 1500)})
    return pairs


def _qa_groups(found: list[dict], ctx: Context) -> list[dict]:
    """FAQ categories: {title, questions: [...]} each; the label is the group's own title."""
    groups = []
    for entry in found[:8]:
        lists = (records(value) for value in islice(entry.values(), MAX_KEYS) if isinstance(value, list))
        inner = next((found for found in lists if any(_first(_roles(one), ("question",), 200) for one in found)), [])
        label = _first(_roles(entry), ("title", "label", "meta"), 80)
        groups.append({"label": label, "items": _qa(inner, ctx)})
    return groups


def _stats(found: list[dict], ctx: Context) -> list[dict]:
    stats = []
    for entry in found[:12]:
        roles = _roles(entry)
        stat = {
            "value": _first(roles, ("value", "price"), 24),
            "label": _first(roles, ("label", "title"), 80) or _first(roles, ("lead",), 80),
            "text": _first(roles, ("lead",), 200) if _first(roles, ("label", "title"), 80) else "",
            "trend": "",
        }
        if (stat["value"] or stat["label"]) and ctx.take(1):
            stats.append(stat)
    return stats


def _links(found: list[dict], ctx: Context) -> list[dict]:
    links = []
    for entry in found:
        roles = _roles(entry)
        label = first_text(entry, "label", "text", "title", "name", limit=60) or _first(roles, ("label", "lead"), 60)
        if label and ctx.take(1):
            links.append({"label": label, "href": href(next(iter(roles.get("href", ())), None))})
    return links


def _figures(found: list[dict], ctx: Context) -> list[dict]:
    figures = []
    for entry in found:
        roles = _roles(entry)
        caption = _first(roles, ("title", "label", "lead"), 160)
        image = ctx.reader.image(entry, caption) if _image_like(entry) else None
        image = image or next(
            (picture for value in roles.get("image", ()) if (picture := ctx.reader.image(value, caption))), None
        )
        if (image or caption) and ctx.take(1):
            figures.append({"image": image, "caption": caption, "href": href(next(iter(roles.get("href", ())), None))})
    return figures


def _summary(entry: dict, ctx: Context) -> str:
    """One line for an object too deep to draw as a card: its title, a short fact and the start of its text."""
    roles = _roles(entry)
    parts = [
        _first(roles, ("title", "question", "label"), 100),
        _first(roles, ("meta", "value", "price"), 60),
        _first(roles, ("lead",), 160),
    ]
    line = " · ".join(part for part in parts if part)
    ctx.composed[line] = [part for part in parts if part]
    return line


# The block ---------------------------------------------------------------------------------------------------


def build(values: object, reader: Reader, *, bar: bool = False) -> tuple[dict, Context]:
    """The generic view of a block's props (``bar``: as one compact row, for a navbar) and its reading context,
    for ``covers``."""
    ctx = Context(reader=reader)
    node = read_node(mapping(values), ctx, 0)
    node.update(
        bar=bar,
        layout="cover" if node["cover"] else "",
        center=not node["image"] and not node["parts"] and not node["card"],
    )
    return node, ctx


# The dedicated/generic choice --------------------------------------------------------------------------------

STRUCTURE = frozenset({"kind", "style", "layout", "level", "card", "bar", "center", "column", "contact", "primary"})
_NOT_WORD = re.compile(r"\W+")
ATOM = 24  # characters of a text compared: dedicated views cut some texts shorter than we do


def atoms(view: object, found: list[str], depth: int = 0) -> list[str]:
    """Every text, link and image source a view draws (bounded), for comparing two views of the same props."""
    if depth > 16 or len(found) > 4000:
        return found
    if isinstance(view, str):
        found.append(view)
    elif isinstance(view, Image):
        found.append(view.src)
    elif isinstance(view, dict):
        for name, value in view.items():
            if name not in STRUCTURE:
                atoms(value, found, depth + 1)
    elif isinstance(view, list | tuple):
        for value in view:
            atoms(value, found, depth + 1)
    return found


def covers(dedicated: dict, view: dict, ctx: Context) -> bool:
    """Whether a dedicated view draws everything the generic ``view`` found (texts compared loosely: case,
    punctuation and a cut-off end aside), so that a demo block keeps its own template and a library block whose
    props that template does not know (``actions`` lists, ``buttonText`` in a plan) is drawn generically."""
    haystack = "\x00".join(_NOT_WORD.sub("", entry.casefold()) for entry in atoms(dedicated, []))
    for entry in atoms(view, []):
        if entry in ctx.minor:
            continue
        for piece in ctx.composed.get(entry, [entry]):
            if _NOT_WORD.sub("", piece.casefold())[:ATOM] not in haystack:
                return False
    return True
