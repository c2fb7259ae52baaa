"""The facts the builder reads about a site (``SiteFacts``: testimonials, team, prices, hours, …), whether stored
or written in a request (``stored_facts``), and what each provides: blocks that show testimonials, team members,
prices and the like may only be chosen when the site really has that data.
"""

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
    "offerings": "Service: Name | what it is | price",
}


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
            "offerings": self.offerings,
        }
        return {name for name, value in present.items() if value}
