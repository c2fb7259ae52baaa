"""People: the team, what clients say (testimonials) and the jobs open to new colleagues (careers)."""

from pagebuilder.preview.blocks.parts import actions, head, person
from pagebuilder.preview.contact_details import email
from pagebuilder.preview.props import Reader, first_text, href, link_list, rating, records, strings, text


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
