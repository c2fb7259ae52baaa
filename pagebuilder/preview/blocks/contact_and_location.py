"""How to reach and find the business: a contact section (form, channels) and its locations."""

from pagebuilder.preview.blocks.parts import actions, card, head
from pagebuilder.preview.contact_details import address, email, hours, phone
from pagebuilder.preview.props import Reader, first_text, href, records, strings, text

FIELD_TYPES = {"email": "email", "phone": "tel", "tel": "tel", "telephone": "tel", "message": "textarea"}


def contact(props: dict, reader: Reader) -> dict:
    view = head(props)
    fields = []
    for name in strings(props.get("fields"), 8, 40):
        key = name.lower()
        fields.append({"name": key, "label": name[:1].upper() + name[1:], "type": FIELD_TYPES.get(key, "text")})
    channels = []
    for entry in records(props.get("channels"), 8):
        channel = card(entry, reader)
        if channel["title"] or channel["text"]:
            channels.append(channel)
    view.update(
        email=email(props.get("email")),
        phone=phone(props.get("phone")),
        address=address(props.get("address")),
        hours=hours(props.get("hours")),
        fields=fields,
        submit=text(props.get("submitLabel"), 40) or "Send",
        channels=channels,
        actions=actions(props, "directionsAction", "action", "primaryAction"),
    )
    return view


def location(props: dict, reader: Reader) -> dict:
    view = head(props)
    places = []
    for entry in records(props.get("locations") or props.get("branches"), 12):
        name = first_text(entry, "name", "title", limit=80)
        if name:
            places.append(
                {
                    "name": name,
                    "address": address(entry.get("address")),
                    "phone": phone(entry.get("phone")),
                    "image": reader.image(entry.get("image"), name),
                    "href": href(entry.get("href")),
                }
            )
    view.update(
        address=address(props.get("address")),
        phone=phone(props.get("phone")),
        email=email(props.get("email")),
        hours=hours(props.get("hours")),
        hours_heading="" if "hour" in view["title"].lower() else "Opening hours",
        notice=text(props.get("specialNotice") or props.get("note"), 200),
        places=places,
        actions=actions(props, "directionsAction", "action", "primaryAction"),
    )
    return view
