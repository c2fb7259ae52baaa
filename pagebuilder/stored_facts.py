"""Facts in the shape the builder reads (``facts.SiteFacts``): the website's stored facts (``websites.SiteFact``)
and those an editor writes in a request or message, merged, so every generation and edit knows what the site has
said about itself."""

from dataclasses import fields, replace

from pagebuilder.fact_extraction import extract_facts
from pagebuilder.fact_extraction.found import Extraction
from pagebuilder.facts import (
    Job,
    MenuItem,
    Milestone,
    Offering,
    Plan,
    Post,
    SiteFacts,
    TeamMember,
    Testimonial,
)
from websites.models import MediaRecord, SiteFact, Website

MAX_PER_LIST = 30
MAX_NOTES = 30
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}


def price_text(price: str, currency: str = "") -> str:
    """ "19" and "USD" → "$19"; "120" and "MXN" → "120 MXN"; a price already written with its currency stays."""
    price, currency = (price or "").strip(), (currency or "").strip().upper()
    if not currency or not price or not price[0].isdigit():
        return price
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{price}" if symbol else f"{price} {currency}"


def stored_facts(website: Website) -> SiteFacts:
    """Every stored fact of the website, in its order."""
    rows = list(SiteFact.objects.filter(website=website).order_by("kind", "position", "id"))
    media_ids = {row.data.get(name) for row in rows for name in ("portrait", "media") if row.data.get(name)}
    urls = dict(MediaRecord.objects.filter(website=website, pk__in=media_ids).values_list("pk", "cdn_url"))
    return _site_facts([(row.kind, row.data, urls.get(row.data.get("portrait"), "")) for row in rows])


def text_facts(text: str | None, extraction: Extraction | None = None) -> SiteFacts:
    """The facts an editor wrote in a request or a message: ``extraction`` when they were read already (by
    Claude or offline, ``pagebuilder.fact_reading``), else read as people write them (``fact_extraction``);
    what states no fact is kept as notes, line by line."""
    extraction = extraction if extraction is not None else extract_facts(text or "")
    notes = [line.strip()[:500] for line in extraction.leftover.splitlines() if line.strip()]
    return _site_facts([(fact.kind, fact.data, "") for fact in extraction.facts], notes[:MAX_NOTES])


def _site_facts(facts: list[tuple[str, dict, str]], notes: list[str] = ()) -> SiteFacts:
    """(kind, data, portrait URL) in the shape the builder reads."""
    lists: dict[str, list] = {f.name: [] for f in fields(SiteFacts) if f.name not in ("address", "phone", "email")}
    singles: dict[str, str] = {}
    for kind, data, portrait in facts:
        if kind in ("address", "phone", "email"):
            singles.setdefault(kind, data.get(kind, ""))
            continue
        item = _converted(kind, data, portrait)
        if item is not None and len(lists[_FIELD_OF_KIND[kind]]) < MAX_PER_LIST:
            lists[_FIELD_OF_KIND[kind]].append(item)
    lists["notes"] = list(notes)
    return SiteFacts(**{name: tuple(values) for name, values in lists.items()}, **singles)


_FIELD_OF_KIND = {
    "testimonial": "testimonials", "team_member": "team", "pricing_plan": "plans", "faq": "faqs",
    "opening_hours": "hours", "stat": "stats", "milestone": "milestones", "offering": "offerings",
    "logo": "partners", "menu_item": "menu", "job": "jobs", "post": "posts",
}  # fmt: skip


def _converted(kind: str, data: dict, portrait: str) -> object:
    def text(name: str) -> str:
        return str(data.get(name) or "")

    match kind:
        case "testimonial":
            return Testimonial(text("quote"), text("name"), text("role"), data.get("rating"), portrait)
        case "team_member":
            return TeamMember(text("name"), text("role"), text("bio"), portrait)
        case "pricing_plan":
            price = price_text(text("price"), text("currency"))
            return Plan(text("name"), price, text("period"), tuple(data.get("features") or ()))
        case "faq":
            return (text("question"), text("answer"))
        case "opening_hours":
            return (text("days"), text("hours"))
        case "stat":
            return (text("value"), text("label"))
        case "milestone":
            return Milestone(text("date"), text("title"), text("description"))
        case "offering":
            return Offering(text("name"), text("description"), text("price"))
        case "logo":
            return text("name")
        case "menu_item":
            return MenuItem(text("section"), text("name"), text("price"), text("description"))
        case "job":
            return Job(text("title"), text("location"), text("type"), text("department"))
        case "post":
            return Post(text("date"), text("title"), text("excerpt"))
    return None


def merged(first: SiteFacts, second: SiteFacts) -> SiteFacts:
    """``first``'s facts, then ``second``'s that ``first`` does not already state; single values from ``first``
    when it has them. A request's facts come first: they are what the editor said for this page."""
    changes = {}
    for spec in fields(SiteFacts):
        mine, theirs = getattr(first, spec.name), getattr(second, spec.name)
        if isinstance(mine, tuple):
            changes[spec.name] = mine + tuple(item for item in theirs if item not in mine)
        else:
            changes[spec.name] = mine or theirs
    return replace(first, **changes)
