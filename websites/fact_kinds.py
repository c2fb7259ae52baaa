"""The kinds of site fact (testimonials, team members, prices, …): their fields, limits and the site capability
each provides. One table for the model, the forms, the API, the extractors and the page builder, so a fact is
checked the same way wherever it comes from. ``clean_fact`` checks one fact's data against its kind.
"""

import re
from dataclasses import dataclass

from websites.errors import InvalidInput

TEXT, LONG_TEXT, LIST, MEDIA, RATING, CHOICE, EMAIL = "text", "long_text", "list", "media", "rating", "choice", "email"
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")


@dataclass(frozen=True)
class FactField:
    name: str
    label: str
    type: str = TEXT
    required: bool = False
    max_length: int = 160
    max_items: int = 0  # LIST only
    choices: tuple[str, ...] = ()  # CHOICE only


@dataclass(frozen=True)
class FactKind:
    key: str
    label: str
    plural: str
    capability: str  # the registry's requiresSiteCapabilities name it satisfies
    fields: tuple[FactField, ...]
    example: str  # how an editor might state one, for questions and hints
    single: bool = False  # one per site (address, phone, email): a new one replaces the old

    def field(self, name: str) -> FactField | None:
        return next((f for f in self.fields if f.name == name), None)

    def title(self, data: dict) -> str:
        """A short name for one fact of this kind, for lists and replies."""
        return str(data.get(self.fields[0].name) or "")[:80]


_PORTRAIT = FactField("portrait", "Portrait (from the media library)", MEDIA)

KINDS: dict[str, FactKind] = {
    kind.key: kind
    for kind in (
        FactKind("testimonial", "Testimonial", "testimonials", "reviews_or_testimonials", (
            FactField("quote", "Quote", LONG_TEXT, required=True, max_length=600),
            FactField("name", "Name", required=True, max_length=120),
            FactField("role", "Role or context", max_length=160),
            FactField("rating", "Rating (1–5)", RATING),
            _PORTRAIT,
        ), '"The best class of my week." — Maria G., member since 2021'),
        FactKind("team_member", "Team member", "team members", "team_members", (
            FactField("name", "Name", required=True, max_length=120),
            FactField("role", "Role", max_length=160),
            FactField("bio", "Short bio", LONG_TEXT, max_length=400),
            _PORTRAIT,
        ), "Team: Ana Ruiz (founder), Sam Okafor – vinyasa teacher"),
        FactKind("pricing_plan", "Price or plan", "prices", "pricing_plans", (
            FactField("name", "Name", required=True, max_length=120),
            FactField("price", "Price", required=True, max_length=40),
            FactField("currency", "Currency", max_length=8),
            FactField("period", "Per (month, class, …)", max_length=60),
            FactField("features", "What it includes", LIST, max_length=120, max_items=12),
        ), "Monthly unlimited: $89/month; drop-in class: $18"),
        FactKind("faq", "Question and answer", "questions and answers", "faq_entries", (
            FactField("question", "Question", required=True, max_length=200),
            FactField("answer", "Answer", LONG_TEXT, required=True, max_length=800),
        ), "Q: Do I need my own mat? A: No, we lend mats for free."),
        FactKind("opening_hours", "Opening hours", "opening hours", "opening_hours", (
            FactField("days", "Days", required=True, max_length=80),
            FactField("hours", "Hours", required=True, max_length=80),
        ), "Mon–Fri 7am–9pm, Sat 9am–1pm"),
        FactKind("address", "Address", "address", "location_address", (
            FactField("address", "Address", LONG_TEXT, required=True, max_length=200),
        ), "Address: 12 Harbour Road, Springfield 12345", single=True),
        FactKind("phone", "Phone", "phone", "contact_details", (
            FactField("phone", "Phone", required=True, max_length=40),
        ), "Phone: +1 555 0100", single=True),
        FactKind("email", "E-mail", "e-mail", "contact_details", (
            FactField("email", "E-mail", EMAIL, required=True, max_length=200),
        ), "Email: hello@example.com", single=True),
        FactKind("stat", "Figure", "figures", "stats_or_metrics", (
            FactField("value", "Value", required=True, max_length=40),
            FactField("label", "What it counts", required=True, max_length=120),
            FactField("source", "Source", max_length=160),
        ), "Stat: 1,200 | members (our 2025 records)"),
        FactKind("milestone", "Milestone", "milestones", "history_milestones", (
            FactField("date", "When", required=True, max_length=40),
            FactField("title", "What happened", required=True, max_length=160),
            FactField("description", "More", LONG_TEXT, max_length=400),
        ), "Milestone: 2009 | Started as a pop-up on the pier"),
        FactKind("offering", "Service or offering", "services", "offerings", (
            FactField("name", "Name", required=True, max_length=120),
            FactField("description", "Description", LONG_TEXT, max_length=400),
            FactField("price", "Price", max_length=40),
        ), "Service: Prenatal yoga | gentle classes for every trimester | $20"),
        FactKind("logo", "Partner or accreditation logo", "logos", "logos", (
            FactField("name", "Name", required=True, max_length=120),
            FactField("media", "Logo (from the media library)", MEDIA, required=True),
            FactField("relation", "Partner or accreditation", CHOICE, choices=("partner", "accreditation")),
        ), "Partner: Springfield Farmers' Market (its logo in the media library)"),
        FactKind("menu_item", "Menu item", "menu items", "menu_items", (
            FactField("section", "Menu section", max_length=80),
            FactField("name", "Name", required=True, max_length=120),
            FactField("price", "Price", max_length=40),
            FactField("description", "Description", LONG_TEXT, max_length=300),
        ), "Menu: Breads | Country sourdough | $7"),
        FactKind("job", "Open position", "open positions", "job_openings", (
            FactField("title", "Title", required=True, max_length=120),
            FactField("location", "Location", max_length=120),
            FactField("type", "Type (full-time, …)", max_length=60),
            FactField("department", "Department", max_length=80),
        ), "Job: Front-desk host | Springfield | Part-time"),
        FactKind("post", "Post", "posts", "blog_posts", (
            FactField("date", "Date (YYYY-MM-DD)", max_length=10),
            FactField("title", "Title", required=True, max_length=160),
            FactField("excerpt", "Excerpt", LONG_TEXT, max_length=400),
        ), "Post: 2026-03-01 | How we choose our teachers"),
    )
}  # fmt: skip


def fact_kind(key: str) -> FactKind:
    kind = KINDS.get(str(key or ""))
    if kind is None:
        raise InvalidInput(f"Unknown fact kind {key!r}; use one of: {', '.join(KINDS)}.")
    return kind


def clean_fact(key: str, data: object) -> dict:
    """``data`` checked against its kind: known fields only, required ones present, texts trimmed and within
    their limits. InvalidInput naming every problem (``details``: {field: problem}) otherwise. Media fields hold
    media record ids; whether they belong to the website is checked where the website is known."""
    kind = fact_kind(key)
    if not isinstance(data, dict):
        raise InvalidInput(
            f"A {kind.label.lower()} is an object with the fields {', '.join(f.name for f in kind.fields)}."
        )
    problems: dict[str, str] = {}
    for name in data:
        if kind.field(name) is None:
            problems[name] = f"not a field of a {kind.label.lower()} (fields: {', '.join(f.name for f in kind.fields)})"
    cleaned: dict = {}
    for spec in kind.fields:
        value, problem = _clean_value(spec, data.get(spec.name))
        if problem:
            problems[spec.name] = problem
        elif value not in (None, "", []):
            cleaned[spec.name] = value
        elif spec.required:
            problems[spec.name] = "required"
    if problems:
        listed = "; ".join(f"{name}: {problem}" for name, problem in problems.items())
        raise InvalidInput(f"This {kind.label.lower()} cannot be saved: {listed}.", details=problems)
    return cleaned


def _clean_value(spec: FactField, value: object) -> tuple[object, str]:
    """(the cleaned value, "") or (None, what is wrong)."""
    if value is None:
        return None, ""
    if spec.type == LIST:
        items = value.split("\n") if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            return None, "a list of texts"
        items = [" ".join(item.split()) for item in items if item.strip()]
        if len(items) > spec.max_items:
            return None, f"at most {spec.max_items} items"
        too_long = [item for item in items if len(item) > spec.max_length]
        return (None, f"each item at most {spec.max_length} characters") if too_long else (items, "")
    if spec.type in (MEDIA, RATING):
        number = value if isinstance(value, int) and not isinstance(value, bool) else None
        if isinstance(value, str) and value.strip().isdigit():
            number = int(value.strip())
        if value == "":
            return None, ""
        if number is None or number < 1 or (spec.type == RATING and number > 5):
            return None, "a whole number from 1 to 5" if spec.type == RATING else "a media record id"
        return number, ""
    if not isinstance(value, str):
        return None, "a text"
    text = (
        " ".join(value.split())
        if spec.type != LONG_TEXT
        else "\n".join(" ".join(p.split()) for p in value.strip().splitlines())
    )
    if len(text) > spec.max_length:
        return None, f"at most {spec.max_length} characters (this one has {len(text)})"
    if text and spec.type == EMAIL and not _EMAIL.match(text):
        return None, "an e-mail address such as hello@example.com"
    if text and spec.type == CHOICE and text not in spec.choices:
        return None, f"one of {', '.join(spec.choices)}"
    return text, ""
