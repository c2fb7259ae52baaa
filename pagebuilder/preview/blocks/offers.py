"""What the business sells, with prices: services, pricing plans, a menu."""

from pagebuilder.preview.blocks.parts import actions, card, head
from pagebuilder.preview.props import Reader, action, first_text, items, records, strings, text


def services(props: dict, reader: Reader) -> dict:
    view = head(props)
    found = []
    for entry in records(props.get("services") or props.get("items"), 24):
        service = card(entry, reader)
        service.update(
            price=first_text(entry, "price", "priceFrom", limit=30),
            price_from=bool(text(entry.get("priceFrom"), 30)) and not text(entry.get("price"), 30),
            duration=text(entry.get("duration"), 40),
            includes=strings(entry.get("includes"), 8, 120),
        )
        if service["title"] or service["text"]:
            found.append(service)
    view.update(
        services=found,
        image=reader.image(props.get("image"), view["title"]),
        actions=actions(props, "action", "primaryAction", "viewAllAction"),
    )
    return view


def pricing(props: dict, reader: Reader) -> dict:
    view = head(props)
    plans = []
    for entry in records(props.get("plans") or props.get("tiers"), 6):
        yearly = text(entry.get("yearlyPrice"), 30)
        monthly = text(entry.get("monthlyPrice"), 30)
        plan = {
            "name": first_text(entry, "name", "title", limit=60),
            "price": text(entry.get("price"), 30) or monthly or yearly,
            "period": text(entry.get("period"), 40) or ("per month" if monthly else "per year" if yearly else ""),
            "alternative": f"or {yearly} per year" if monthly and yearly else "",
            "text": text(entry.get("description"), 300),
            "features": strings(entry.get("features"), 12, 120),
            "action": action(entry.get("action")),
            "highlighted": entry.get("highlighted") is True,
        }
        if plan["name"] or plan["price"]:
            plans.append(plan)
    rows = []
    for entry in records(props.get("rows"), 20):
        feature = first_text(entry, "feature", "label", "name", limit=120)
        values = []
        for value in items(entry.get("values"), len(plans) or 6):
            if isinstance(value, bool):
                values.append({"text": "", "yes": value})
            else:
                values.append({"text": text(value, 120), "yes": None})
        if feature:
            rows.append({"feature": feature, "values": values})
    view.update(plans=plans, rows=rows, note=text(props.get("savingsLabel"), 60))
    return view


def _menu_items(value: object, reader: Reader, limit: int = 24) -> list[dict]:
    found = []
    for entry in records(value, limit):
        name = first_text(entry, "name", "title", limit=80)
        if name:
            found.append(
                {
                    "name": name,
                    "text": text(entry.get("description"), 300),
                    "price": text(entry.get("price"), 20),
                    "tags": strings(entry.get("tags"), 4, 30),
                    "badge": text(entry.get("badge"), 30),
                    "image": reader.image(entry.get("image"), name),
                }
            )
    return found


def _menu_sections(value: object, reader: Reader) -> list[dict]:
    found = []
    for entry in records(value, 8):
        entries = _menu_items(entry.get("items"), reader, 16)
        if entries:
            found.append({"name": first_text(entry, "name", "title", "label", limit=60), "items": entries, "level": 3})
    return found


def menu(props: dict, reader: Reader) -> dict:
    view = head(props)
    tabs = []
    for entry in records(props.get("tabs"), 6):
        sections = _menu_sections(entry.get("sections"), reader)
        label = first_text(entry, "label", "title", "name", limit=60)
        if sections:
            for section in sections:
                section["level"] = 4 if label else 3
            tabs.append({"label": label, "sections": sections})
    sections = _menu_sections(props.get("sections"), reader)
    if sections:
        tabs.insert(0, {"label": "", "sections": sections})
    view.update(
        tabs=tabs,
        cards=_menu_items(props.get("items"), reader),
        note=text(props.get("footnote"), 300),
        actions=actions(props, "action", "primaryAction"),
    )
    return view
