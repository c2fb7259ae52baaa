"""The page's frame: the navbar (menus, links, a button) and the footer (columns, social links, contact)."""

from pagebuilder.preview.blocks.parts import actions
from pagebuilder.preview.contact_details import address, email, phone
from pagebuilder.preview.props import Reader, action, first_text, href, link_list, mapping, records, text


def footer(props: dict, reader: Reader) -> dict:
    columns = []
    for entry in records(props.get("columns"), 6):
        links = link_list(entry.get("links"), 12)
        if links:
            columns.append({"title": first_text(entry, "title", "label", limit=60), "links": links})
    social = []
    for entry in records(props.get("social"), 8):
        label = first_text(entry, "label", "platform", "name", limit=40)
        if label and (target := href(entry.get("href"))):
            social.append({"label": label[:1].upper() + label[1:], "href": target})
    newsletter = mapping(props.get("newsletter"))
    return {
        "logo": reader.image(props.get("logo")),
        "tagline": first_text(props, "tagline", "description", limit=200),
        "columns": columns,
        "links": link_list(props.get("links"), 12),
        "social": social,
        "copyright": text(props.get("copyright"), 200),
        "address": address(props.get("address")),
        "email": email(props.get("email")),
        "phone": phone(props.get("phone")),
        "newsletter": {
            "title": text(newsletter.get("title"), 80),
            "button": text(newsletter.get("buttonLabel"), 40) or "Sign up",
        }
        if newsletter
        else None,
        "title": "",
    }


def navbar(props: dict, reader: Reader) -> dict:
    menus = []
    for entry in records(props.get("menus"), 6):
        label = first_text(entry, "label", "title", limit=40)
        groups = []
        for group in records(entry.get("groups"), 6):
            links = []
            for link in records(group.get("links"), 8):
                if found := action(link):
                    found["text"] = text(link.get("description"), 120)
                    links.append(found)
            if links:
                groups.append({"title": text(group.get("title"), 60), "links": links})
        direct = link_list(entry.get("links"), 8)
        if direct:
            groups.append({"title": "", "links": direct})
        if label and groups:
            menus.append({"label": label, "groups": groups})
    utility = mapping(props.get("utility"))
    logo = reader.image(props.get("logo"))
    return {
        "logo": logo,
        "brand": text(mapping(props.get("logo")).get("alt"), 80) if not logo else "",
        "menus": menus,
        "links": link_list(props.get("links"), 10),
        "actions": actions(props, "action", "primaryAction"),
        "phone": phone(utility.get("phone")),
        "note": text(utility.get("note"), 120),
        "title": "",
    }
