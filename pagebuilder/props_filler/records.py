"""The site's facts as the records the filler binds an example's lists and objects to: testimonials, people,
figures, plans, jobs, posts, opening hours, milestones, partner logos, locations, menu items and questions with
their answers. A list with no such data is written from the site's texts instead."""

import re

from pagebuilder.context import WebsiteContext
from pagebuilder.copywriter import Copywriter, said_sentences, sentences
from pagebuilder.prop_paths import key_words

# List keys bound to each kind of fact; a list of people is named by its last word (``teamMembers``).
_TESTIMONIAL_KEYS = ("testimonials", "reviews", "quotes")
_PEOPLE_WORDS = ("members", "team", "people", "staff", "teachers", "instructors", "coaches", "doctors", "experts")
_STAT_KEYS = ("stats", "metrics", "highlights", "numbers")
_PLAN_KEYS = ("plans", "tiers", "packages")
_JOB_KEYS = ("jobs", "featuredjobs", "positions", "openings")
_FAQ_KEYS = ("faqs", "questions")


def _owner(kind: str, last: str) -> str | None:
    """The section that shows a list of this key when the page has one."""
    if last in _PEOPLE_WORDS:
        return "team"
    owners = {"testimonials": _TESTIMONIAL_KEYS, "stats": _STAT_KEYS, "pricing": _PLAN_KEYS, "careers": _JOB_KEYS,
              "faq": _FAQ_KEYS, "timeline": ("milestones",)}  # fmt: skip
    return next((section for section, keys in owners.items() if kind in keys), None)


class BlockRecords:
    """The records for one block of ``semantic_type`` whose component has ``capabilities``."""

    def __init__(
        self,
        context: WebsiteContext,
        writer: Copywriter,
        semantic_type: str,
        capabilities: tuple[str, ...],
        page_said: set[str] = frozenset(),
        reserved: set[str] = frozenset(),
    ) -> None:
        self.page_said = page_said  # texts earlier sections of the page say: a written answer does not repeat them
        self.reserved = reserved  # the sections still to come on the page
        self.context = context
        self.writer = writer
        self.semantic_type = semantic_type
        self.capabilities = capabilities

    def top_level(self, example: dict) -> dict | None:
        """The record a whole block is bound to (a single quote, the site's contact details, a rating)."""
        facts = self.context.facts
        if "quote" in example and facts.testimonials:
            return _testimonial(facts.testimonials[0])
        if {"hours", "address"} & set(example) and self.semantic_type in ("location", "contact", "footer"):
            return {"address": self._address(example.get("address")), "phone": facts.phone or None,
                    "email": facts.email or None,
                    "hours": [{"days": d, "hours": h} for d, h in facts.hours] or None}  # fmt: skip
        if "averageRating" in example and facts.testimonials:
            ratings = [t.rating for t in facts.testimonials if t.rating]
            return {
                "averageRating": round(sum(ratings) / len(ratings), 1) if ratings else None,
                "reviewCount": len(facts.testimonials),
            }
        return None

    def _address(self, example: object) -> object:
        address = self.context.facts.address
        if not address:
            return None
        if isinstance(example, dict):
            parts = [p.strip() for p in address.split(",")]
            value = {"line1": parts[0]}
            if len(parts) > 1:
                value["city"] = parts[1]
            if len(parts) > 2:
                value["postalCode"] = parts[2]
            return value
        return address

    def sub_record(self, key: str, record: dict | None) -> dict | None:
        """The record a nested object under ``key`` is bound to."""
        if record is not None and isinstance(record.get(key), dict):
            return record[key]
        facts = self.context.facts
        if key == "author" and "team_members" in self.capabilities and facts.team:
            person = _person(facts.team[0])
            # A person an earlier section introduced is not introduced again; the block goes without an author.
            return {"_data": True} if person["name"] in self.page_said else person
        if key == "featured" and facts.posts:
            return _post(facts.posts[0])
        if record is not None and "_index" in record:
            return {"_index": record["_index"]}
        return None

    def for_list(self, key: str, sample: object) -> list | None:
        """The facts a list is bound to, or None when none are (a gallery's pictures, or texts to write). Facts
        whose own section comes later on the page (``reserved``) are left to it: an about block does not list
        the figures of the stats section below it."""
        records = self._bound(key, sample)
        owner = _owner(key.lower(), (key_words(key) or [key.lower()])[-1])
        if records and owner in self.reserved and owner != self.semantic_type:
            return []
        return records

    def _bound(self, key: str, sample: object) -> list | None:
        facts, kind = self.context.facts, key.lower()
        last = (key_words(key) or [kind])[-1]  # ``teamMembers`` is a list of members
        if kind in _TESTIMONIAL_KEYS:
            return [_testimonial(t) for t in facts.testimonials]
        if last in _PEOPLE_WORDS:
            return [_person(p) for p in facts.team]
        if kind in _STAT_KEYS and isinstance(sample, dict) and "value" in sample:
            return [{"value": v, "label": label} for v, label in facts.stats]
        if kind in _PLAN_KEYS:
            return [_plan(p) for p in facts.plans]
        if kind in _JOB_KEYS:
            return [_job(j) for j in facts.jobs]
        if kind == "departments":
            groups: dict[str, list] = {}
            for job in facts.jobs:
                groups.setdefault(job.department or "Open positions", []).append(_job(job))
            return [{"name": name, "title": name, "jobs": jobs} for name, jobs in groups.items()]
        if kind == "posts":
            return [_post(p) for p in facts.posts]
        if kind == "hours":
            return [{"days": d, "hours": h} for d, h in facts.hours]
        if kind == "milestones":
            return [{"date": m.date, "title": m.title, "description": m.description or None} for m in facts.milestones]
        if kind in ("logos", "badges"):
            return [{"name": m.title, "_media": m} for m in self.context.media if m.is_partner_logo]
        if kind == "locations":
            if not facts.address:
                return []
            return [{"name": self.context.name, "address": facts.address, "phone": facts.phone or None}]
        if self.semantic_type == "menu" and kind in ("sections", "tabs", "categories"):
            groups = {}
            for item in facts.menu:
                groups.setdefault(item.section, []).append(_menu_item(item))
            return [
                {"name": n, "label": n, "id": f"menu-{i + 1}", "items": v} for i, (n, v) in enumerate(groups.items())
            ]
        if self.semantic_type == "menu" and kind == "items":
            return [_menu_item(item) for item in facts.menu]
        if self.semantic_type == "faq" or kind in _FAQ_KEYS:
            return self._faq_records(kind, sample)
        return None

    def _faq_records(self, kind: str, sample: object) -> list:
        pairs = list(self.context.facts.faqs) or self._written_faqs()
        items = [{"question": q, "answer": a} for q, a in pairs]
        if kind == "categories":
            half = (len(items) + 1) // 2
            groups = [("general", "General", items[:half]), ("visiting", "Visiting us", items[half:])]
            return [{"id": i, "label": label, "items": chunk} for i, label, chunk in groups if chunk]
        return items

    def _written_faqs(self) -> list[tuple[str, str]]:
        """Questions whose answers the site's own data states."""
        writer, facts, name = self.writer, self.context.facts, self.context.name
        audience = self.context.brand.audience.rstrip(".")
        offers = [topic.name for topic in writer.topics[:4]]
        offered = f"{', '.join(offers[:-1])} and {offers[-1]}." if len(offers) > 1 else " ".join(writer.summary[:2])
        pairs = [
            (f"What does {name} offer?", offered),
            (f"Who is {name} for?", f"{name} is for {audience[:1].lower()}{audience[1:]}."),
        ]
        if facts.hours:
            pairs.append(("When are you open?", "; ".join(f"{d}: {h}" for d, h in facts.hours) + "."))
        if facts.address:
            pairs.append(("Where can I find you?", f"You can find us at {facts.address}."))
        channels = [c for c in (facts.phone and f"call {facts.phone}", facts.email and f"email {facts.email}") if c]
        reach = " or ".join(channels) if channels else "send us a message through our contact page"
        pairs.append((f"How do I get in touch with {name}?", f"The quickest way is to {reach}."))
        said = said_sentences(self.page_said)
        return [(question, answer) for question, answer in pairs if not said & set(sentences(answer))]


def _testimonial(t) -> dict:
    return {"quote": t.quote, "author": t.author, "role": t.role or None, "rating": t.rating,
            "name": t.author, "text": t.quote, "_person": t.author}  # fmt: skip


def _person(p) -> dict:
    return {"name": p.name, "role": p.role, "bio": p.bio or None, "title": p.role, "_person": p.name}


def _plan(p) -> dict:
    return {"name": p.name, "title": p.name, "price": p.price, "monthlyPrice": p.price, "period": p.period or None,
            "features": list(p.features) or None, "includes": list(p.features) or None}  # fmt: skip


def _job(j) -> dict:
    slug = re.sub(r"[^a-z0-9]+", "-", j.title.lower()).strip("-")
    return {"title": j.title, "location": j.location, "type": j.type or None, "department": j.department or None,
            "href": f"#job-{slug}"}  # fmt: skip


def _post(p) -> dict:
    return {"title": p.title, "date": p.date, "excerpt": p.excerpt or None, "href": "#"}


def _menu_item(m) -> dict:
    return {"name": m.name, "title": m.name, "price": m.price or None, "description": m.description or None}
