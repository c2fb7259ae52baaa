"""A node of the generic view (the section, a panel, a card) and the ways a read node is reshaped: a heading
lifted out of its first panel, a lone image moved into the pictures, a card's nested object merged in.
"""

from pagebuilder.preview.generic.fields import pictures_part
from pagebuilder.preview.generic.words import MAX_META, MAX_TEXTS


def new_node(level: int, card: bool) -> dict:
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
    return has_intro(node) or has_body(node)


def has_intro(node: dict) -> bool:
    return any(node[name] for name in ("title", "eyebrow", "meta", "texts", "price", "period", "actions"))


def has_body(node: dict) -> bool:
    return any(node[name] for name in ("image", "logo", "cover", "parts"))


def inner_level(node: dict) -> int:
    """The heading level offset of what a node holds: one below its own title, if it has one."""
    return node["level"] + (1 if node["title"] else 0)


def lone_image(node: dict) -> None:
    """An image with no text beside it opens the pictures, rather than being half of an empty split."""
    part = pictures_part(node, "pics")
    part["figures"].insert(0, {"image": node["image"], "caption": "", "href": ""})
    node["parts"].remove(part)
    node["parts"].insert(0, part)
    node["image"] = None


def lift_panel(node: dict) -> None:
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


def merge_child(node: dict, child: dict) -> None:
    """A card's nested object (``content``, ``details``) fills what the card lacks; its own title is the more
    specific one (a tab's ``label`` becomes the eyebrow above its ``content.title``)."""
    if node["title"] and child["title"] and child["title"] != node["title"]:
        node["eyebrow"], node["title"] = node["eyebrow"] or node["title"], child["title"]
    for name in ("title", "href", "eyebrow", "price", "period", "image"):
        node[name] = node[name] or child[name]
    for name, limit in (("meta", MAX_META), ("texts", MAX_TEXTS), ("actions", 4), ("parts", 8)):
        node[name] = (node[name] + [entry for entry in child[name] if entry not in node[name]])[:limit]
