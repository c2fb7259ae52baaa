"""List entries by what they look like (a stat, a quote, a question and its answer, a link, a picture) and the
parts built from them."""

from itertools import islice

from pagebuilder.preview.generic.words import (
    DIGIT,
    LOGO_WORDS,
    MAX_KEYS,
    ORDINAL,
    QUOTE_KEYS,
    STAT,
    Context,
    first_text,
    key_words,
    prose,
    role_of,
    text,
)
from pagebuilder.preview.props import href, rating, records


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
    if any(quote_text(entry) for entry in found[:8]):
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


def is_option(entry: dict) -> bool:
    roles = _roles(entry)
    values = [text(value, 40) for value in roles.get("value", ())]
    return set(roles) <= {"label", "value", "skip"} and bool(values) and not any(map(DIGIT.search, values))


def _nested_questions(entry: dict) -> bool:
    lists = (value for value in islice(entry.values(), MAX_KEYS) if isinstance(value, list))
    return any(_first(_roles(inner), ("question",), 200) for value in lists for inner in records(value, 4))


def _stat_like(roles: dict) -> bool:
    value = _first(roles, ("value",), 40)
    return (
        bool(STAT.fullmatch(value))  # a figure (300+, 99%, $2M, 4.9/5), not an ordinal (01) or a word
        and not ORDINAL.fullmatch(value)
        and bool(_first(roles, ("label", "title", "lead"), 200))
        and not (roles.get("image") or roles.get("price"))
    )


def _link_like(roles: dict) -> bool:
    labelled = _first(roles, ("label", "title"), 80) or _first(roles, ("lead",), 60)
    prose_text = any(prose(text(value, 300)) and len(text(value, 300)) > 60 for value in roles.get("lead", ()))
    return bool(labelled and _first(roles, ("href",), 300)) and not (prose_text or roles.get("image"))


def image_like(value: dict) -> bool:
    return isinstance(value.get("src"), str) or (isinstance(value.get("url"), str) and "alt" in value)


def action_like(value: dict) -> bool:
    roles = _roles(value)
    return bool(_first(roles, ("lead", "label", "title"), 60) and _first(roles, ("href",), 300)) and not (
        roles.get("image") or any(len(text(entry, 300)) > 60 for entry in roles.get("lead", ()))
    )


def action_of(value: dict) -> dict | None:
    roles = _roles(value)
    label = text(value.get("label"), 60) or _first(roles, ("lead", "label", "title"), 60)
    return {"label": label, "href": href(next(iter(roles.get("href", ())), None))} if label else None


def quote_text(value: object) -> str:
    if not isinstance(value, dict):
        return ""
    return first_text(value, "quote", "testimonial", "review", limit=800)


def first_image(value: dict, ctx: Context, alt: str, keys: tuple[str, ...]):
    return next((image for key in keys if (image := ctx.reader.image(value.get(key), alt))), None)


def build_quote(entry: dict, ctx: Context) -> dict | None:
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
    image = first_image(author, ctx, name, keys) or first_image(
        entry, ctx, name, (*keys, "authorImage", "authorAvatar", "avatarSrc")
    )
    return {"quote": quote, "author": name, "role": role, "image": image, "rating": rating(entry.get("rating"))}


# Entries -----------------------------------------------------------------------------------------------------


def build_qa(found: list[dict], ctx: Context) -> list[dict]:
    pairs = []
    for entry in found:
        roles = _roles(entry)
        question = _first(roles, ("question", "title"), 200)
        if question and ctx.take(1):
            pairs.append({"question": question, "answer": _first(roles, ("lead",), 1500)})
    return pairs


def build_qa_groups(found: list[dict], ctx: Context) -> list[dict]:
    """FAQ categories: {title, questions: [...]} each; the label is the group's own title."""
    groups = []
    for entry in found[:8]:
        lists = (records(value) for value in islice(entry.values(), MAX_KEYS) if isinstance(value, list))
        inner = next((found for found in lists if any(_first(_roles(one), ("question",), 200) for one in found)), [])
        label = _first(_roles(entry), ("title", "label", "meta"), 80)
        groups.append({"label": label, "items": build_qa(inner, ctx)})
    return groups


def build_stats(found: list[dict], ctx: Context) -> list[dict]:
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


def build_links(found: list[dict], ctx: Context) -> list[dict]:
    links = []
    for entry in found:
        roles = _roles(entry)
        label = first_text(entry, "label", "text", "title", "name", limit=60) or _first(roles, ("label", "lead"), 60)
        if label and ctx.take(1):
            links.append({"label": label, "href": href(next(iter(roles.get("href", ())), None))})
    return links


def build_figures(found: list[dict], ctx: Context) -> list[dict]:
    figures = []
    for entry in found:
        roles = _roles(entry)
        caption = _first(roles, ("title", "label", "lead"), 160)
        image = ctx.reader.image(entry, caption) if image_like(entry) else None
        image = image or next(
            (picture for value in roles.get("image", ()) if (picture := ctx.reader.image(value, caption))), None
        )
        if (image or caption) and ctx.take(1):
            figures.append({"image": image, "caption": caption, "href": href(next(iter(roles.get("href", ())), None))})
    return figures


def build_menu(found: list[dict], ctx: Context) -> list[dict]:
    """A navbar's menu when some of its entries open a submenu: {label, href, groups: [{title, links}]} each,
    a submenu of links as one untitled group; [] when an entry is neither a link nor a dropdown, or none is a
    dropdown (a plain list of links is drawn as such)."""
    items = []
    for entry in found:
        roles = _roles(entry)
        label = first_text(entry, "label", "title", "text", "name", limit=60)
        target = href(next(iter(roles.get("href", ())), None))
        inner = next((value for value in islice(entry.values(), MAX_KEYS) if records(value)), None)
        groups = _menu_groups(records(inner), ctx) if inner is not None else []
        if not label or not (target or groups) or not ctx.take(1):
            return []
        items.append({"label": label, "href": target, "groups": groups})
    return items if any(item["groups"] for item in items) else []


def _menu_groups(found: list[dict], ctx: Context) -> list[dict]:
    if all(_link_like(_roles(entry)) for entry in found):
        return [{"title": "", "links": build_links(found, ctx)}]
    groups = []
    for entry in found:
        inner = next((records(value) for value in islice(entry.values(), MAX_KEYS) if records(value)), [])
        if inner and all(_link_like(_roles(link)) for link in inner):
            title = first_text(entry, "title", "label", "name", limit=60)
            groups.append({"title": title, "links": build_links(inner, ctx)})
    return groups


def summary_line(entry: dict, ctx: Context) -> str:
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
