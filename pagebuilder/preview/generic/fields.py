"""One field of a node: a scalar (text, meta, price, contact), a button, a link, an image, a person or a list of
pictures, each added only when it reads as content and the block's drawn-entry budget allows."""

from pagebuilder.preview.contact_details import address, email, phone
from pagebuilder.preview.generic.entries import first_image
from pagebuilder.preview.generic.words import (
    DIGIT,
    LOGO_WORDS,
    MAX_META,
    MAX_TEXTS,
    MINOR_WORDS,
    SENTENCE,
    URLISH,
    Context,
    Key,
    first_text,
    listable,
    prose,
    text,
)
from pagebuilder.preview.props import SCRIPT_URL, href


def make_button(label: str, target: str, index: int) -> dict:
    return {"label": label, "href": target, "primary": index == 0}


# Fields ------------------------------------------------------------------------------------------------------


def read_scalar(node: dict, key: Key, ctx: Context, depth: int) -> bool:
    role, value = key.role, key.value
    shown = text(value, 1200 if role in ("lead", "other") else 200)
    if not shown:
        return False
    if role == "image":
        return set_image(node, key, value, ctx, depth)
    if role == "href":
        found = href(value) if node["card"] and not node["href"] else ""
        node["href"] = node["href"] or found
        return bool(found)
    if role == "contact":
        return read_contact(node, key, ctx)
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
        return add_text(node["meta"], text(value, 80), MAX_META, ctx)
    if role == "action":  # "cta": "Book a table" is a button label; "formAction": "/subscribe" is not
        return listable(shown) and add_action(node, {"label": text(value, 60), "href": ""})
    if role == "value" and not DIGIT.search(shown):
        return False  # a tab's or option's value ("leadership"), not a figure
    if role in ("meta", "value", "label", "eyebrow", "price"):
        if key.words[-1] in MINOR_WORDS:
            ctx.minor.add(text(value, 80))
        return add_text(node["meta"], text(value, 80), MAX_META, ctx)
    if role != "lead" and prose(shown) and not SENTENCE.search(shown):  # artist, "1-2 days": facts, not paragraphs
        return add_text(node["meta"], shown, MAX_META, ctx)
    if (role == "lead" and len(key.words) == 1) or prose(shown):
        return add_text(node["texts"], shown if not node["card"] else text(value, 600), MAX_TEXTS, ctx)
    return False


def _highlight(node: dict, key: Key, ctx: Context) -> bool:
    """``headingHighlight``: the words the library sets off at the end of the heading, appended to it."""
    words = text(key.value, 80)
    if not (node["title"] and words and key.words[0] in ("title", "heading", "headline")):
        return False
    title, node["title"] = node["title"], f"{node['title']} {words}"
    ctx.composed[node["title"]] = [title, words]
    return True


def add_text(found: list, entry: str, limit: int, ctx: Context) -> bool:
    # Every text and fact line passes here: the one place a text naming a script URL is refused, whichever way
    # it was read or cut (a cut "javascript:alert(1)" can end as a bare "javascript:").
    if entry and not SCRIPT_URL.search(entry) and len(found) < limit and entry not in found and ctx.take(1):
        found.append(entry)
        return True
    return False


def add_action(node: dict, found: dict | None) -> bool:
    if not found or not found.get("label") or len(node["actions"]) >= 4:
        return False
    node["actions"].append(make_button(found["label"], found.get("href") or "", len(node["actions"])))
    return True


def read_contact(node: dict, key: Key, ctx: Context) -> bool:
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
    if not found or not found["label"] or SCRIPT_URL.search(found["label"]) or URLISH.search(found["label"]):
        return False
    return append_link(node, found, ctx)


def append_link(node: dict, link: dict, ctx: Context) -> bool:
    """Adds to the node's contact links (a column of links drawn where the first one was met)."""
    part = next((part for part in node["parts"] if part["kind"] == "links" and part.get("contact")), None)
    if part is None:
        part = {"kind": "links", "links": [], "column": True, "contact": True}
        node["parts"].append(part)
    if len(part["links"]) >= 8 or not ctx.take(1):
        return False
    part["links"].append(link)
    return True


def set_image(node: dict, key: Key, value: object, ctx: Context, depth: int) -> bool:
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
        pictures_part(node, "pics")["figures"].append({"image": image, "caption": "", "href": ""})
    else:
        return False
    return True


def pictures_part(node: dict, kind: str) -> dict:
    part = next((part for part in node["parts"] if part["kind"] == kind), None)
    if part is None:
        part = {"kind": kind, "figures": []}
        node["parts"].append(part)
    return part


# Objects and lists -------------------------------------------------------------------------------------------


def add_person(node: dict, value: dict, ctx: Context) -> bool:
    """An ``author`` or ``host`` object: a meta line on a card, else a person (name, role, photo) of its own."""
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


def add_pictures(node: dict, key: Key, values: list, ctx: Context) -> bool:
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
