"""Reading a block's props into the generic view's nodes: a node's own fields, panels built from keys that share
a prefix, and the lists that become card grids, stats, quotes, Q&A, pictures and links. ``build`` is the entry."""

from pagebuilder.preview.generic.entries import (
    action_like,
    action_of,
    build_figures,
    build_links,
    build_qa,
    build_qa_groups,
    build_quote,
    build_stats,
    first_image,
    image_like,
    is_option,
    list_kind,
    quote_text,
    summary_line,
)
from pagebuilder.preview.generic.fields import (
    add_action,
    add_text,
    append_link,
    make_button,
    pictures_part,
    read_contact,
    read_scalar,
    set_image,
)
from pagebuilder.preview.generic.words import (
    ACTION_STEMS,
    CONTENT,
    GROUP_ROLES,
    LINE_WORDS,
    LOGO_WORDS,
    MAX_DEPTH,
    MAX_LIST,
    MAX_META,
    MAX_TEXTS,
    NEUTRAL,
    PERSON_WORDS,
    ROLES,
    STEP_WORDS,
    TITLE_ORDER,
    URLISH,
    Context,
    Key,
    camel,
    first_text,
    keys_of,
    listable,
    strings,
    text,
)
from pagebuilder.preview.props import Reader, href, mapping, records

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
    keys = keys_of(obj)
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
    part = pictures_part(node, "pics")
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
    sub = {(camel(key.words[1:]) or key.name): key.value for key in members}
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
                set_image(node, source, {"src": source.value, "alt": key.value}, ctx, depth)
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
        node["actions"].append(make_button(label, href(target.value) if target else href(own), len(node["actions"])))
    return {key.name} | ({target.name} if target else set())


def _link_pair(source: Key, key: Key, node: dict, ctx: Context) -> set[str]:
    """``titleHref`` links the title; ``phone`` + ``phoneHref`` (or an address and its map link) become a link."""
    if source.role == "title":
        node["href"] = node["href"] or href(key.value)
        return {key.name}
    if source.role != "contact" or not (label := text(source.value, 200)):
        return set()
    append_link(node, {"label": label, "href": href(key.value)}, ctx)
    return {source.name, key.name}


def _quote_pair(obj: dict, keys: list[Key], node: dict, ctx: Context) -> set[str]:
    """A quote given as sibling keys (``quote``, ``author``/``authorName``, ``role``, ``avatar``) is one quote."""
    if not any(key.role == "quote" and isinstance(key.value, str) for key in keys):
        return set()
    quote = build_quote(obj, ctx)
    if quote is None or not ctx.take(1):
        return set()
    node["parts"].append({"kind": "quotes", "quotes": [quote]})
    person_words = {"author", "avatar", "name", "role", "position", "company", "rating", "designation"}
    return {key.name for key in keys if key.role == "quote" or key.words[0] in person_words}


def _field(node: dict, key: Key, obj: dict, ctx: Context, depth: int) -> bool:
    if isinstance(key.value, dict):
        return _object(node, key, ctx, depth)
    if isinstance(key.value, list | tuple):
        return _list(node, key, ctx, depth)
    return read_scalar(node, key, ctx, depth)


def _object(node: dict, key: Key, ctx: Context, depth: int) -> bool:
    """A nested object: an image, a button, a quote, a person, an address; else a panel (top level) or more of
    the same card (a card's ``content`` object)."""
    value = key.value
    if key.role == "image" or image_like(value):
        return set_image(node, key, value, ctx, depth)
    if key.role in ("action", "actions", "href") or action_like(value):
        return add_action(node, action_of(value))
    if quote_text(value):
        quote = build_quote(value, ctx)
        if quote is None or not ctx.take(1):
            return False
        node["parts"].append({"kind": "quotes", "quotes": [quote]})
        return True
    if key.role == "contact":
        return read_contact(node, key, ctx)
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
        return add_text(node["meta"], name, MAX_META, ctx)
    image = first_image(value, ctx, name, ("avatar", "photo", "image", "portrait"))
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
    if key.role in ("image", "images") or all(URLISH.search(entry) for entry in entries):
        return _pictures(node, key, entries, ctx)
    if key.words[-1][:-1] in ROLES["lead"]:  # paragraphs, descriptions: texts, not a checklist
        added = [add_text(node["texts"], entry, MAX_TEXTS, ctx) for entry in strings(key.value, MAX_TEXTS, 1200)]
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
    pictures_part(node, kind)["figures"].extend(figures)
    return bool(figures)


def _records(node: dict, key: Key, found: list[dict], ctx: Context, depth: int) -> bool:
    if key.role in ("action", "actions"):  # actions, buttons, ctas: the node's buttons
        added = [add_action(node, action_of(entry)) for entry in found]
        return any(added)
    if all(is_option(entry) for entry in found):
        return False  # {label, value} pairs: the options of a tab bar or filter, not content
    kind = list_kind(found, key.words)
    if kind in ("qa", "qa_groups"):
        groups = build_qa_groups(found, ctx) if kind == "qa_groups" else [{"label": "", "items": build_qa(found, ctx)}]
        part = {"kind": "qa", "groups": [group for group in groups if group["items"]]}
    elif kind == "quotes":
        part = {"kind": "quotes", "quotes": [quote for entry in found if (quote := build_quote(entry, ctx))]}
        part["quotes"] = part["quotes"][: ctx.take(len(part["quotes"]))]
    elif kind == "stats":
        part = {"kind": "stats", "stats": build_stats(found, ctx)}
    elif kind == "links":
        part = {"kind": "links", "links": build_links(found, ctx), "column": node["card"]}
    elif kind in ("pics", "logos"):
        part = {"kind": kind, "figures": build_figures(found, ctx)}
    elif node["card"] or depth >= MAX_DEPTH - 1:
        part = {"kind": "list", "entries": [entry for record in found if (entry := summary_line(record, ctx))]}
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
