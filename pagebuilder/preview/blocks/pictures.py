"""Sections made of pictures: a gallery (figures and before/after pairs) and a row of logos or badges."""

from pagebuilder.preview.blocks.parts import head
from pagebuilder.preview.props import Reader, first_text, href, items, mapping, records, text


def gallery(props: dict, reader: Reader) -> dict:
    view = head(props)
    figures = []
    for value in items(props.get("images"), 24):
        if image := reader.image(value):
            figures.append({"image": image, "caption": text(mapping(value).get("caption"), 160)})
    for entry in records(props.get("slides"), 24) + records(props.get("items"), 24):
        caption = first_text(entry, "caption", "title", "label", limit=160)
        if image := reader.image(entry.get("image") if "image" in entry else entry, caption):
            figures.append({"image": image, "caption": caption})
    pairs = []
    for entry in records(props.get("pairs"), 8):
        before, after = reader.image(entry.get("before"), "Before"), reader.image(entry.get("after"), "After")
        if before or after:
            pairs.append({"before": before, "after": after, "caption": text(entry.get("caption"), 160)})
    view.update(figures=figures[:24], pairs=pairs)
    return view


def logos(props: dict, reader: Reader) -> dict:
    view = head(props, title_keys=("title", "label", "heading"))
    found = []
    for entry in records(props.get("logos") or props.get("badges") or props.get("items"), 24):
        name = first_text(entry, "name", "title", limit=80)
        image = reader.image(entry.get("logo") or entry.get("image"), name)
        if name or image:
            found.append(
                {
                    "name": name,
                    "caption": text(entry.get("caption"), 80),
                    "image": image,
                    "href": href(entry.get("href")),
                }
            )
    view.update(logos=found, badges=any(entry["caption"] for entry in found))
    return view
