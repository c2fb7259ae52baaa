"""One view model per registry category: the props a category's components use (see the demo registry's example
props), read defensively into plain dicts and lists for ``templates/preview/blocks/<category>.html``.

Every builder takes ``(props, reader)`` where ``props`` is a dict (possibly empty) and returns a dict; unknown
keys are ignored, and nested lists are capped so that a hostile payload cannot blow up the page.
"""

import re
from collections.abc import Callable

from pagebuilder.preview.props import (
    Reader,
    action,
    date,
    first_text,
    href,
    items,
    link_list,
    mapping,
    rating,
    records,
    strings,
    text,
)

_EMAIL = re.compile(r"[^@\s<>\"'()\\,;:]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,24}")
_PHONE_CHARS = re.compile(r"[^\d+]")

TITLE_KEYS = ("title", "headline", "heading")
LEAD_KEYS = ("subtitle", "description", "lead", "intro", "summary")
BODY_KEYS = ("description", "detail", "excerpt", "text", "body", "summary", "answer", "content")


# Shared pieces -----------------------------------------------------------------------------------------------


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


def address(value: object) -> list[str]:
    """Address lines from a string or an object {line1, line2, city, postalCode, region, country}."""
    if isinstance(value, str):
        line = text(value, 200)
        return [line] if line else []
    value = mapping(value)
    town = " ".join(part for part in (text(value.get("postalCode"), 20), text(value.get("city"), 80)) if part)
    lines = [
        text(value.get("line1") or value.get("street"), 120),
        text(value.get("line2"), 120),
        town,
        text(value.get("region") or value.get("state"), 80),
        text(value.get("country"), 80),
    ]
    return [line for line in lines if line]


def email(value: object) -> dict | None:
    shown = text(value, 254)
    if not shown:
        return None
    return {"label": shown, "href": href(f"mailto:{shown}") if _EMAIL.fullmatch(shown) else ""}


def phone(value: object) -> dict | None:
    shown = text(value, 40)
    if not shown:
        return None
    digits = _PHONE_CHARS.sub("", shown)
    return {"label": shown, "href": f"tel:{digits}" if len(digits) >= 3 else ""}


def hours(value: object) -> list[dict]:
    found = []
    for entry in records(value, 14):
        row = {
            "days": first_text(entry, "days", "day", "label", "name", limit=60),
            "hours": first_text(entry, "hours", "time", "value", "open", limit=60),
        }
        if row["days"] or row["hours"]:
            found.append(row)
    return found


def person(value: object, reader: Reader) -> dict:
    """An author given as a name or as {name, role, photo}."""
    if isinstance(value, dict):
        name = first_text(value, "name", "title", limit=80)
        return {"name": name, "role": text(value.get("role"), 80), "image": reader.image(value.get("photo"), name)}
    return {"name": text(value, 80), "role": "", "image": None}


# Categories --------------------------------------------------------------------------------------------------


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


def _testimonial(entry: dict, reader: Reader, image_keys=("avatar", "photo", "image", "portrait")) -> dict | None:
    quote = first_text(entry, "quote", "text", "review", "body", limit=800)
    if not quote:
        return None
    author = person(entry.get("author"), reader)
    name = author["name"] or first_text(entry, "name", limit=80)
    image = author["image"] or next(
        (found for key in image_keys if (found := reader.image(entry.get(key), name))), None
    )
    return {
        "quote": quote,
        "author": name,
        "role": text(entry.get("role"), 80) or author["role"],
        "image": image,
        "rating": rating(entry.get("rating")),
    }


def testimonials(props: dict, reader: Reader) -> dict:
    view = head(props)
    found = []
    for entry in records(props.get("testimonials") or props.get("reviews") or props.get("items"), 12):
        if quote := _testimonial(entry, reader):
            found.append(quote)
    view.update(
        featured=_testimonial(props, reader),
        quotes=found,
        average=rating(props.get("averageRating")),
        count=text(props.get("reviewCount"), 20),
        source=text(props.get("sourceLabel"), 80),
        actions=actions(props, "action", "primaryAction"),
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


def _questions(value: object, limit: int = 24) -> list[dict]:
    found = []
    for entry in records(value, limit):
        question = first_text(entry, "question", "title", "q", limit=200)
        answer = first_text(entry, "answer", "description", "a", "text", limit=1500)
        if question:
            found.append({"question": question, "answer": answer})
    return found


def faq(props: dict, reader: Reader) -> dict:
    view = head(props)
    groups = []
    for entry in records(props.get("categories"), 8):
        questions = _questions(entry.get("items") or entry.get("questions"), 16)
        if questions:
            groups.append({"label": first_text(entry, "label", "title", "name", limit=60), "items": questions})
    plain = _questions(props.get("items") or props.get("questions"))
    if plain:
        groups.insert(0, {"label": "", "items": plain})
    view.update(groups=groups, actions=actions(props, "contactAction", "action", "primaryAction"))
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


def team(props: dict, reader: Reader) -> dict:
    view = head(props)
    members = []
    for entry in records(props.get("members") or props.get("people") or props.get("items"), 24):
        name = first_text(entry, "name", "title", limit=80)
        if not name:
            continue
        members.append(
            {
                "name": name,
                "role": first_text(entry, "role", "position", "jobTitle", limit=80),
                "department": text(entry.get("department"), 60),
                "bio": text(entry.get("bio") or entry.get("description"), 600),
                "image": reader.image(entry.get("photo") or entry.get("image") or entry.get("avatar"), name),
                "email": email(entry.get("email")),
                "links": link_list(entry.get("links"), 4),
            }
        )
    view.update(members=members, spotlight=any(member["bio"] for member in members))
    return view


def stats_block(props: dict, reader: Reader) -> dict:
    view = head(props)
    view.update(
        stats=stats(props.get("stats") or props.get("items"), 8),
        image=reader.image(props.get("image"), view["title"]),
        actions=actions(props, "action", "primaryAction"),
    )
    return view


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


def _post(entry: dict, reader: Reader) -> dict | None:
    post = card(entry, reader)
    if not post["title"]:
        return None
    post.update(date=date(entry.get("date")), category=text(entry.get("category"), 40))
    return post


def blog(props: dict, reader: Reader) -> dict:
    view = head(props)
    featured = _post(props["featured"], reader) if isinstance(props.get("featured"), dict) else None
    posts = [post for entry in records(props.get("posts") or props.get("items"), 12) if (post := _post(entry, reader))]
    view.update(featured=featured, posts=posts, actions=actions(props, "viewAllAction", "action"))
    return view


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


def process(props: dict, reader: Reader) -> dict:
    view = head(props)
    view.update(
        steps=cards(props.get("steps") or props.get("items"), reader, 12),
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


def _jobs(value: object, limit: int = 16) -> list[dict]:
    found = []
    for entry in records(value, limit):
        title = first_text(entry, "title", "name", limit=100)
        if title:
            meta = [text(entry.get(key), 40) for key in ("location", "type", "department")]
            found.append({"title": title, "href": href(entry.get("href")), "meta": [part for part in meta if part]})
    return found


def careers(props: dict, reader: Reader) -> dict:
    view = head(props)
    departments = []
    for entry in records(props.get("departments"), 8):
        jobs = _jobs(entry.get("jobs"), 12)
        if jobs:
            departments.append({"name": first_text(entry, "name", "title", limit=60), "jobs": jobs})
    jobs = _jobs(props.get("jobs") or props.get("featuredJobs") or props.get("positions"))
    if jobs:
        departments.insert(0, {"name": "", "jobs": jobs})
    view.update(
        departments=departments,
        benefits=strings(props.get("benefits"), 12, 120),
        image=reader.image(props.get("image"), view["title"]),
        actions=actions(props, "allJobsAction", "action", "primaryAction"),
    )
    return view


BUILDERS: dict[str, Callable[[dict, Reader], dict]] = {
    "hero": hero,
    "about": about,
    "features": features,
    "services": services,
    "testimonials": testimonials,
    "cta": cta,
    "faq": faq,
    "pricing": pricing,
    "team": team,
    "stats": stats_block,
    "contact": contact,
    "gallery": gallery,
    "logos": logos,
    "blog": blog,
    "footer": footer,
    "navbar": navbar,
    "process": process,
    "timeline": timeline,
    "banner": banner,
    "menu": menu,
    "location": location,
    "careers": careers,
}
CATEGORIES = tuple(BUILDERS)
