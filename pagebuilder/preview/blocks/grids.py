"""Sections whose body is a row or grid of cards or figures: features, process steps, stats, timeline."""

from pagebuilder.preview.blocks.parts import actions, card, cards, head, stats
from pagebuilder.preview.props import Reader, date, records, strings, text


def features(props: dict, reader: Reader) -> dict:
    view = head(props)
    rows = cards(props.get("rows"), reader, 8)
    for entry in records(props.get("tabs"), 8):
        tab = card(entry, reader, title_keys=("title", "label", "name"))
        tab["eyebrow"] = text(entry.get("label"), 40) if tab["title"] != text(entry.get("label"), 40) else ""
        if tab["title"] or tab["text"] or tab["image"]:
            rows.append(tab)
    view.update(
        items=cards(props.get("items") or props.get("features"), reader, 24),
        rows=rows,
        checklist=strings(props.get("checklist"), 16),
        image=reader.image(props.get("image"), view["title"]),
        actions=actions(props, "primaryAction", "secondaryAction", "action"),
    )
    return view


def process(props: dict, reader: Reader) -> dict:
    view = head(props)
    view.update(
        steps=cards(props.get("steps") or props.get("items"), reader, 12),
        actions=actions(props, "action", "primaryAction"),
    )
    return view


def stats_block(props: dict, reader: Reader) -> dict:
    view = head(props)
    view.update(
        stats=stats(props.get("stats") or props.get("items"), 8),
        image=reader.image(props.get("image"), view["title"]),
        actions=actions(props, "action", "primaryAction"),
    )
    return view


def timeline(props: dict, reader: Reader) -> dict:
    view = head(props)
    found = []
    for entry in records(props.get("milestones") or props.get("items") or props.get("events"), 16):
        milestone = card(entry, reader)
        milestone.update(
            date=date(entry.get("date") or entry.get("year") or entry.get("period")),
            status=text(entry.get("status"), 30).replace("-", " "),
        )
        if milestone["title"] or milestone["text"]:
            found.append(milestone)
    view.update(milestones=found)
    return view
