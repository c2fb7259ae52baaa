"""Facts an editor supplies in a generation request's ``additional_context``, one labelled fact per line (the
labels and their fields are listed in ``parse_facts``); blocks that show testimonials, team members, prices and
the like may only be chosen when the site really has that data.
"""

import re
from dataclasses import dataclass, field

# What to write in the facts to give a page the data a section needs, one example line per capability.
FACT_HINTS = {
    "reviews_or_testimonials": 'Testimonial: "Their words" — Name, role',
    "team_members": "Team: Name | Role",
    "stats_or_metrics": "Stat: 25 | years in business",
    "pricing_plans": "Plan: Name | $19 | per month | feature; feature",
    "menu_items": "Menu: Section | Item | $7 | description",
    "job_openings": "Job: Title | Location | Full-time",
    "opening_hours": "Hours: Monday to Friday | 9:00–17:00",
    "location_address": "Address: street, city, postcode",
    "faq_entries": "FAQ: Question? | Answer",
    "blog_posts": "Post: 2026-01-31 | Title | excerpt",
    "history_milestones": "Milestone: 1998 | What happened",
    "logos": "a partner or accreditation logo in the media library",
}

MAX_FACTS_PER_KIND = 30
_LINE = re.compile(r"^\s*[-*•]?\s*([A-Za-z][A-Za-z ]{1,20}?)\s*:\s*(.+?)\s*$")
_QUOTED = re.compile(r"^[\"“”'‘’](?P<quote>.+?)[\"“”'‘’]\s*(?:[—–-]+\s*(?P<rest>.*))?$")
_RATING = re.compile(r"\(?\s*([1-5])\s*(?:/\s*5\s*)?(?:stars?|★)\s*\)?", re.I)
_HOURS_SPLIT = re.compile(
    r"^(?P<days>[A-Za-z][A-Za-z ,&/–-]*?)\s*(?:\||:|\s)\s*(?P<hours>(?:\d|closed|by appointment).*)$", re.I
)


@dataclass(frozen=True)
class Testimonial:
    quote: str
    author: str
    role: str = ""
    rating: int | None = None
    portrait: str = ""  # a media library URL, from a stored fact


@dataclass(frozen=True)
class TeamMember:
    name: str
    role: str
    bio: str = ""
    portrait: str = ""  # a media library URL, from a stored fact


@dataclass(frozen=True)
class Offering:
    name: str
    description: str = ""
    price: str = ""


@dataclass(frozen=True)
class Plan:
    name: str
    price: str
    period: str = ""
    features: tuple[str, ...] = ()


@dataclass(frozen=True)
class MenuItem:
    section: str
    name: str
    price: str = ""
    description: str = ""


@dataclass(frozen=True)
class Job:
    title: str
    location: str
    type: str = ""
    department: str = ""


@dataclass(frozen=True)
class Post:
    date: str
    title: str
    excerpt: str = ""


@dataclass(frozen=True)
class Milestone:
    date: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class SiteFacts:
    testimonials: tuple[Testimonial, ...] = ()
    team: tuple[TeamMember, ...] = ()
    hours: tuple[tuple[str, str], ...] = ()
    address: str = ""
    phone: str = ""
    email: str = ""
    stats: tuple[tuple[str, str], ...] = ()
    faqs: tuple[tuple[str, str], ...] = ()
    plans: tuple[Plan, ...] = ()
    menu: tuple[MenuItem, ...] = ()
    jobs: tuple[Job, ...] = ()
    posts: tuple[Post, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    partners: tuple[str, ...] = ()
    offerings: tuple[Offering, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def capabilities(self) -> set[str]:
        """Site capabilities these facts provide (names as in the registry's ``requiresSiteCapabilities``)."""
        present = {
            "reviews_or_testimonials": self.testimonials,
            "team_members": self.team,
            "opening_hours": self.hours,
            "location_address": self.address,
            "stats_or_metrics": self.stats,
            "faq_entries": self.faqs,
            "pricing_plans": self.plans,
            "menu_items": self.menu,
            "job_openings": self.jobs,
            "blog_posts": self.posts,
            "contact_details": self.phone or self.email,
            "history_milestones": self.milestones,
        }
        return {name for name, value in present.items() if value}


def _fields(value: str) -> list[str]:
    return [part.strip() for part in value.split("|")]


def _testimonial(value: str) -> Testimonial | None:
    rating_match = _RATING.search(value)
    rating = int(rating_match.group(1)) if rating_match else None
    if rating_match:
        value = (value[: rating_match.start()] + value[rating_match.end() :]).strip()
    parts = _fields(value)
    if len(parts) >= 2:
        quote, author, role = parts[0].strip("\"“”'‘’ "), parts[1], parts[2] if len(parts) > 2 else ""
    else:
        match = _QUOTED.match(value)
        if not match:
            return None
        quote, rest = match.group("quote"), (match.group("rest") or "").strip()
        author, _, role = rest.partition(",")
        author, role = author.strip(), role.strip()
    if not quote or not author:
        return None
    return Testimonial(quote=quote.strip(), author=author, role=role, rating=rating)


def _person(value: str) -> TeamMember | None:
    parts = _fields(value)
    if len(parts) == 1:  # "Name — Role" or "Name, Role"
        parts = re.split(r"\s+[—–-]\s+|,\s*", value, maxsplit=1)
    name, role = parts[0], parts[1] if len(parts) > 1 else ""
    if not name or not role:
        return None
    return TeamMember(name=name, role=role, bio=parts[2] if len(parts) > 2 else "")


def _hours(value: str) -> tuple[str, str] | None:
    parts = _fields(value)
    if len(parts) >= 2 and parts[0] and parts[1]:
        return parts[0], parts[1]
    match = _HOURS_SPLIT.match(value)
    return (match.group("days").strip(" ,"), match.group("hours").strip()) if match else None


def _pair(value: str) -> tuple[str, str] | None:
    parts = _fields(value)
    if len(parts) >= 2 and parts[0] and parts[1]:
        return parts[0], parts[1]
    if "?" in value:
        question, _, answer = value.partition("?")
        if answer.strip():
            return question.strip() + "?", answer.strip()
    return None


def _plan(value: str) -> Plan | None:
    parts = _fields(value)
    if len(parts) < 2 or not parts[0] or not parts[1]:
        return None
    period = parts[2] if len(parts) > 2 else ""
    features = tuple(f.strip() for f in (parts[3] if len(parts) > 3 else "").split(";") if f.strip())
    return Plan(name=parts[0], price=parts[1], period=period, features=features)


def _menu(value: str) -> MenuItem | None:
    parts = _fields(value)
    if len(parts) < 2 or not parts[0] or not parts[1]:
        return None
    return MenuItem(
        section=parts[0],
        name=parts[1],
        price=parts[2] if len(parts) > 2 else "",
        description=parts[3] if len(parts) > 3 else "",
    )


def _job(value: str) -> Job | None:
    parts = _fields(value)
    if len(parts) < 2 or not parts[0] or not parts[1]:
        return None
    return Job(
        title=parts[0],
        location=parts[1],
        type=parts[2] if len(parts) > 2 else "",
        department=parts[3] if len(parts) > 3 else "",
    )


def _post(value: str) -> Post | None:
    parts = _fields(value)
    if len(parts) < 2 or not re.match(r"^\d{4}-\d{2}-\d{2}$", parts[0]) or not parts[1]:
        return None
    return Post(date=parts[0], title=parts[1], excerpt=parts[2] if len(parts) > 2 else "")


def _milestone(value: str) -> Milestone | None:
    parts = _fields(value)
    if len(parts) < 2 or not parts[0] or not parts[1]:
        return None
    return Milestone(date=parts[0], title=parts[1], description=parts[2] if len(parts) > 2 else "")


_PARSERS = {
    "testimonial": ("testimonials", _testimonial),
    "review": ("testimonials", _testimonial),
    "team": ("team", _person),
    "team member": ("team", _person),
    "staff": ("team", _person),
    "hours": ("hours", _hours),
    "opening hours": ("hours", _hours),
    "stat": ("stats", _pair),
    "metric": ("stats", _pair),
    "faq": ("faqs", _pair),
    "question": ("faqs", _pair),
    "plan": ("plans", _plan),
    "price": ("plans", _plan),
    "menu": ("menu", _menu),
    "product": ("menu", _menu),
    "job": ("jobs", _job),
    "vacancy": ("jobs", _job),
    "post": ("posts", _post),
    "milestone": ("milestones", _milestone),
    "partner": ("partners", lambda value: value),
}
_SINGLE = {"address": "address", "phone": "phone", "telephone": "phone", "email": "email", "e-mail": "email"}


def parse_facts(text: str | None) -> SiteFacts:
    """The facts stated in ``text``; unrecognised lines become notes. Never raises.

    Blocks that show testimonials, team members, opening hours, prices, menus, jobs, posts or metrics may only be
    chosen when the site really has that data: the platform's tables hold none of it, so the editor states it, one
    fact per line, with a label the planner recognises (case-insensitive; ``|`` separates fields)::

        Testimonial: "Best sourdough in town." — Jane Doe, regular customer (5 stars)
        Team: Rosa Martin | Owner and head baker | Third-generation baker.
        Hours: Monday to Friday | 6:30–18:00
        Address: 12 Mill Lane, Springfield, 12345
        Phone: +1 555 0100
        Email: hello@crumbandco.example
        Stat: 3 | generations of bakers
        FAQ: Do you bake gluten-free bread? | Yes, every Tuesday and Friday.
        Plan: Starter box | $19 | per month | 2 loaves a week; free delivery
        Menu: Breads | Country sourdough | $7 | Slow-fermented for 36 hours
        Job: Early-shift baker | Springfield | Full-time | Bakery
        Post: 2026-03-01 | How we feed our starter | A look at the 80-year-old culture.
        Milestone: 1952 | Opened the first shop | Grandma Rosa's bakery on Mill Lane.
        Partner: Springfield Farmers' Market

    Every other line is kept as a free-text note. The offline planner uses only these parsed facts; Claude also
    reads the whole text, as data (never as instructions).
    """
    lists: dict[str, list] = {name: [] for name, _ in _PARSERS.values()}
    singles: dict[str, str] = {}
    notes: list[str] = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        match = _LINE.match(line)
        label = match.group(1).strip().lower() if match else ""
        value = match.group(2).strip() if match else ""
        if label in _SINGLE and value:
            singles.setdefault(_SINGLE[label], value[:200])
            continue
        parser = _PARSERS.get(label)
        parsed = parser[1](value) if parser and value else None
        if parsed and len(lists[parser[0]]) < MAX_FACTS_PER_KIND:
            lists[parser[0]].append(parsed)
        else:
            notes.append(line.strip()[:500])
    return SiteFacts(
        **{name: tuple(values) for name, values in lists.items()},
        **singles,
        notes=tuple(notes[:MAX_FACTS_PER_KIND]),
    )
