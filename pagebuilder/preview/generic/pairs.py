"""Sibling keys that mean one thing together, read before the keys one by one: a quote with its author's keys,
a button's text with its URL, an image's source with its alt text, a phone number with its link.
"""

from pagebuilder.preview.generic.entries import build_quote
from pagebuilder.preview.generic.fields import append_link, make_button, set_image
from pagebuilder.preview.generic.words import ACTION_STEMS, Context, Key, text
from pagebuilder.preview.props import href


def read_pairs(obj: dict, keys: list[Key], node: dict, ctx: Context, depth: int) -> set[str]:
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
