"""Reading a block's props into the generic view's nodes, object by object and list by list. ``build`` is the
entry. A panel, a card and a nested object are each read as a node again, so the functions of this walk call one
another and live together here; what a node is made of and how it is reshaped are in ``nodes``, ``headings``,
``pairs`` and ``fields``.
"""

from pagebuilder.preview.generic.entries import (
    action_like,
    action_of,
    build_figures,
    build_links,
    build_menu,
    build_qa,
    build_qa_groups,
    build_quote,
    build_stats,
    image_like,
    is_option,
    list_kind,
    quote_text,
    summary_line,
)
from pagebuilder.preview.generic.fields import (
    add_action,
    add_person,
    add_pictures,
    add_text,
    read_contact,
    read_scalar,
    set_image,
)
from pagebuilder.preview.generic.headings import panel_groups, take_title
from pagebuilder.preview.generic.nodes import (
    has_body,
    has_content,
    has_intro,
    inner_level,
    lift_panel,
    lone_image,
    merge_child,
    new_node,
)
from pagebuilder.preview.generic.pairs import read_pairs
from pagebuilder.preview.generic.words import (
    CONTENT,
    LINE_WORDS,
    MAX_DEPTH,
    MAX_LIST,
    MAX_TEXTS,
    PERSON_WORDS,
    ROLES,
    STEP_WORDS,
    URLISH,
    Context,
    Key,
    camel,
    keys_of,
    listable,
    strings,
)
from pagebuilder.preview.props import Reader, mapping, records


def read_node(obj: dict, ctx: Context, depth: int, *, level: int = 0, card: bool = False) -> dict:
    """One object as a node: pairs first (button text + URL, image src + alt), then keys sharing a prefix with a
    heading as panels (top level only), the title by priority, then every other key in order."""
    node = new_node(level, card)
    keys = keys_of(obj)
    used = read_pairs(obj, keys, node, ctx, depth)
    groups = panel_groups(keys, used) if depth == 0 else {}
    in_group = {key.name for members in groups.values() for key in members}
    used |= take_title(keys, used | in_group, node, depth)
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
        lift_panel(node)
    if node["image"] and not node["card"] and not has_intro(node):
        lone_image(node)
    return node


def _panel(node: dict, members: list[Key], ctx: Context, depth: int) -> bool:
    """Keys sharing a prefix (``ctaHeading``, ``ctaDescription``, ``ctaImage``) drawn as one panel."""
    sub = {(camel(key.words[1:]) or key.name): key.value for key in members}
    panel = read_node(sub, ctx, depth + 1, level=inner_level(node))
    if not has_content(panel):
        return False
    node["parts"].append({"kind": "panel", "section": panel})
    return True


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
        return add_person(node, value, ctx)
    if depth >= MAX_DEPTH - 1:
        return False
    child = read_node(value, ctx, depth + 1, level=inner_level(node), card=node["card"])
    if not has_content(child):
        return False
    if depth == 0:
        node["parts"].append({"kind": "panel", "section": child})
    else:
        merge_child(node, child)
    return True


def _list(node: dict, key: Key, ctx: Context, depth: int) -> bool:
    found = records(key.value, MAX_LIST)
    if found:
        return _records(node, key, found, ctx, depth)
    entries = strings(key.value, MAX_LIST, 200)
    if not entries:
        return False
    if key.role in ("image", "images") or all(URLISH.search(entry) for entry in entries):
        return add_pictures(node, key, entries, ctx)
    if key.words[-1][:-1] in ROLES["lead"]:  # paragraphs, descriptions: texts, not a checklist
        added = [add_text(node["texts"], entry, MAX_TEXTS, ctx) for entry in strings(key.value, MAX_TEXTS, 1200)]
        return any(added)
    entries = [entry for entry in entries if listable(entry)]
    entries = entries[: ctx.take(len(entries))]
    if not entries:
        return False
    node["parts"].append({"kind": "list", "entries": entries})
    return True


def _records(node: dict, key: Key, found: list[dict], ctx: Context, depth: int) -> bool:
    if key.role in ("action", "actions"):  # actions, buttons, ctas: the node's buttons
        added = [add_action(node, action_of(entry)) for entry in found]
        return any(added)
    if ctx.bar and depth == 0 and (items := build_menu(found, ctx)):
        node["parts"].append({"kind": "menu", "items": items})
        return True
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
        card = read_node(entry, ctx, depth + 1, level=inner_level(node), card=True)
        if has_content(card):
            cards.append(card)
    if cards and all(card["title"] and not has_intro({**card, "title": ""}) and not has_body(card) for card in cards):
        # titles and nothing else (tags, filters, a plain menu): a list, not a grid of empty cards
        if any(card["href"] for card in cards):
            return {"kind": "links", "links": [{"label": card["title"], "href": card["href"]} for card in cards]}
        return {"kind": "list", "entries": [card["title"] for card in cards]}
    return {"kind": "cards", "cards": cards, "style": style}


def build(values: object, reader: Reader, *, bar: bool = False) -> tuple[dict, Context]:
    """The generic view of a block's props (``bar``: as one compact row, for a navbar) and its reading context,
    for ``covers``."""
    ctx = Context(reader=reader, bar=bar)
    node = read_node(mapping(values), ctx, 0)
    node.update(
        bar=bar,
        layout="cover" if node["cover"] else "",
        center=not node["image"] and not node["parts"] and not node["card"],
    )
    return node, ctx
