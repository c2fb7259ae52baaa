"""Sections that present the business in a heading, a lead and buttons: hero, about, call to action, banner."""

from pagebuilder.preview.blocks.parts import actions, cards, head, person, stats
from pagebuilder.preview.props import Reader, first_text, href, mapping, strings, text


def hero(props: dict, reader: Reader) -> dict:
    view = head(props)
    announcement = mapping(props.get("announcement"))
    note = first_text(announcement, "text", "title", limit=140)
    view.update(
        actions=actions(props, "primaryAction", "secondaryAction", "action"),
        announcement={
            "label": text(announcement.get("label"), 30),
            "text": note,
            "href": href(announcement.get("href")),
        }
        if note
        else None,
        stats=stats(props.get("stats"), 6),
        layout="center",
        media=None,
        reverse=text(props.get("imagePosition"), 10) == "left",
    )
    background = reader.image(props.get("backgroundImage"), view["title"])
    clip = reader.video(props.get("video"), props.get("poster"), view["title"]) if "video" in props else None
    if clip is None and "poster" in props:
        clip = reader.video(None, props.get("poster"), view["title"])
    image = reader.image(props.get("image"), view["title"])
    if background or (clip and clip["kind"] == "image"):
        view.update(layout="cover", cover=background or clip["image"])
    elif clip or image:
        view.update(layout="split", media=clip or {"kind": "image", "image": image})
    return view


def about(props: dict, reader: Reader) -> dict:
    view = head(props, lead_keys=("description", "subtitle", "mission", "intro"))
    author = person(props.get("author"), reader)
    message = text(props.get("message") or props.get("quote"), 1500)
    view.update(
        paragraphs=strings(props.get("paragraphs"), 8, 1200),
        quote={"quote": message, "author": author["name"], "role": author["role"], "image": author["image"]}
        if message
        else None,
        values=cards(props.get("values"), reader, 12),
        highlights=stats(props.get("highlights") or props.get("stats"), 6),
        image=reader.image(props.get("image"), view["title"]),
        actions=actions(props, "action", "primaryAction", "secondaryAction"),
    )
    return view


def cta(props: dict, reader: Reader) -> dict:
    view = head(props)
    wants_form = any(key in props for key in ("placeholder", "buttonLabel", "formAction"))
    view.update(
        actions=actions(props, "primaryAction", "secondaryAction", "action"),
        image=reader.image(props.get("image"), view["title"]),
        form={
            "placeholder": text(props.get("placeholder"), 80) or "Your email address",
            "button": text(props.get("buttonLabel"), 40) or "Subscribe",
            "note": text(props.get("privacyNote"), 300),
        }
        if wants_form
        else None,
    )
    return view


def banner(props: dict, reader: Reader) -> dict:
    view = head(props, lead_keys=("detail", "description", "subtitle"))
    buttons = [label for key in ("acceptLabel", "rejectLabel") if (label := text(props.get(key), 30))]
    view.update(
        message=first_text(props, "message", "text", limit=300),
        actions=actions(props, "action", "primaryAction", "policyLink"),
        buttons=buttons,
        image=reader.image(props.get("image"), view["title"]),
    )
    return view
