"""Pieces every category's view is made of: the heading (eyebrow, title, lead), buttons, cards, figures and a
person, each read from the prop names the demo registry's components use.
"""

from pagebuilder.preview.props import Reader, action, first_text, href, records, text

TITLE_KEYS = ("title", "headline", "heading")
LEAD_KEYS = ("subtitle", "description", "lead", "intro", "summary")
BODY_KEYS = ("description", "detail", "excerpt", "text", "body", "summary", "answer", "content")


def head(props: dict, *, title_keys=TITLE_KEYS, lead_keys=LEAD_KEYS) -> dict:
    return {
        "eyebrow": text(props.get("eyebrow"), 80),
        "title": first_text(props, *title_keys, limit=200),
        "lead": first_text(props, *lead_keys, limit=600),
    }


def actions(props: dict, *keys: str, limit: int = 3) -> list[dict]:
    """Buttons from the action objects under ``keys``; the first is the primary one."""
    found = [found for key in keys if (found := action(props.get(key)))][:limit]
    return [{**entry, "primary": index == 0} for index, entry in enumerate(found)]


def card(entry: dict, reader: Reader, *, image_keys=("image",), title_keys=("title", "name", "label")) -> dict:
    title = first_text(entry, *title_keys, limit=140)
    image = next((found for key in image_keys if (found := reader.image(entry.get(key), title))), None)
    return {
        "title": title,
        "text": first_text(entry, *BODY_KEYS, limit=600),
        "image": image,
        "href": href(entry.get("href") or entry.get("url")),
        "action": action(entry.get("action")),
    }


def cards(value: object, reader: Reader, limit: int = 24, **options) -> list[dict]:
    found = (card(entry, reader, **options) for entry in records(value, limit))
    return [entry for entry in found if entry["title"] or entry["text"] or entry["image"]]


def stats(value: object, limit: int = 8) -> list[dict]:
    found = []
    for entry in records(value, limit):
        stat = {
            "value": first_text(entry, "value", "number", "figure", limit=24),
            "label": first_text(entry, "label", "title", "name", limit=80),
            "text": first_text(entry, "description", "detail", limit=200),
            "trend": text(entry.get("trend"), 80),
        }
        if stat["value"] or stat["label"]:
            found.append(stat)
    return found


def person(value: object, reader: Reader) -> dict:
    """An author given as a name or as {name, role, photo}."""
    if isinstance(value, dict):
        name = first_text(value, "name", "title", limit=80)
        return {"name": name, "role": text(value.get("role"), 80), "image": reader.image(value.get("photo"), name)}
    return {"name": text(value, 80), "role": "", "image": None}
