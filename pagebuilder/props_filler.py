"""Offline props: a block's example props, re-written with the site's own data.

The walk follows the shape of the contract's ``x-example-props``. Lists that need real data (testimonials,
people, figures, prices, menu items, jobs, posts, hours, milestones, partner logos) are bound to the facts the
editor supplied; with too few facts the list comes out short and validation refuses the block, so the planner
moves on to the next candidate. Media slots take the best unused asset of the site's own library that fits the
slot's roles and size, and a person's photo only ever comes from a portrait whose title or alt text names that
person. Texts come from ``Copywriter`` and respect the contract's length limits. UI configuration values of the
example (icon names, form fields, layout switches) are kept as they are.
"""

import json
import re
from collections.abc import Iterable

from pagebuilder.context import WebsiteContext
from pagebuilder.copywriter import Copywriter, capitalise, cut, fit
from pagebuilder.media import MediaItem, fits_slot
from pagebuilder.prop_paths import LINK_WORDS, key_words, slot_key
from pagebuilder.structure import Candidate
from registry.jsx_examples import is_placeholder, literal_only

MISSING = object()

# Example values kept verbatim: UI configuration, not claims about the business.
KEEP_KEYS = {
    "icon", "fields", "formAction", "placeholder", "buttonLabel", "submitLabel", "acceptLabel", "rejectLabel",
    "imagePosition", "columns", "height", "speed", "sticky", "autoplay", "showFilters", "overlayOpacity",
    "platform", "timezone", "filters", "status", "category",
}  # fmt: skip
# Values that state facts: only ever taken from the site's data, never from the example.
FACT_KEYS = {
    "value", "price", "monthlyPrice", "yearlyPrice", "priceFrom", "period", "savingsLabel", "date", "rating",
    "averageRating", "reviewCount", "quote", "author", "email", "phone", "duration", "trend", "hours", "days",
    "location", "department", "type", "mapQuery", "address", "includes", "features", "tags", "sourceLabel",
    "badge", "benefits",
}  # fmt: skip
TITLE_KEYS = {"title", "headline", "heading", "name"}
SHORT_KEYS = {"eyebrow", "kicker", "label", "tagline"}
TEXT_KEYS = {
    "subtitle", "description", "text", "body", "content", "detail", "summary", "intro", "message", "excerpt",
    "caption", "note", "mission", "bio", "footnote", "privacyNote", "specialNotice", "answer",
}  # fmt: skip
ACTION_ORDER = {"primaryAction": 0, "action": 0, "directionsAction": 0, "allJobsAction": 1, "secondaryAction": 1}
# A key's last word that makes it a link (``buttonUrl``, ``ctaHref``), and the first words of links to profiles
# elsewhere, which only the site's own data could give.
PROFILE_WORDS = {"linkedin", "twitter", "x", "facebook", "instagram", "github", "youtube", "tiktok", "dribbble",
                 "behance", "website", "social", "profile", "portfolio", "map", "calendar", "booking"}  # fmt: skip
# A key's words that make it a button's text (``buttonText``, ``ctaLabel``, ``linkText``).
BUTTON_WORDS = {"button", "cta", "link", "action"}
LABEL_WORDS = {"text", "label", "title"}
BUTTON_LISTS = (["actions"], ["buttons"], ["ctas"])
GALLERY_LIST_KEYS = {"images", "photos", "slides", "pairs", "pictures"}


def in_list(path: str) -> bool:
    return path.endswith("]") or "]." in path


def filled_share(props: dict, example: dict) -> float:
    """How much of the example's content the filled props carry: their texts, numbers and media over those of
    the example's literal parts (at most 1; 1 for an example with none)."""
    wanted = _leaves(literal_only(example))
    return 1.0 if not wanted else min(_leaves(props) / wanted, 1.0)


def _leaves(value: object) -> int:
    if isinstance(value, dict):
        return sum(_leaves(item) for item in value.values())
    if isinstance(value, list):
        return sum(_leaves(item) for item in value)
    if isinstance(value, bool) or value is None:
        return 0
    return 1 if isinstance(value, int | float) or (isinstance(value, str) and value.strip()) else 0


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2}


class PropsFiller:
    """Fills blocks for one page; remembers which media it used so sections do not repeat photos."""

    def __init__(self, context: WebsiteContext, writer: Copywriter, slug: str = "") -> None:
        self.context = context
        self.writer = writer
        self.slug = slug
        self.used_media: set[str] = set()

    # -- entry point -------------------------------------------------------------------------------------------

    def fill(self, candidate: Candidate, semantic_type: str) -> dict:
        self.candidate = candidate
        self.semantic_type = semantic_type
        self.slots = {slot_key(path): slot for path, slot in candidate.media_slots.items() if isinstance(slot, dict)}
        self.written: set[str] = set()  # generated texts of this block: each is said once
        example = candidate.example_props if isinstance(candidate.example_props, dict) else {}
        record = self._top_level_record(example)
        props = self._object(example, "", record)
        for name in candidate.required_props:  # required props the example lacks
            if name not in props:
                value = self._string(name, "", name, 0, record)
                if value is not MISSING:
                    props[name] = value
        return props

    # -- constraints -------------------------------------------------------------------------------------------

    def _limit(self, path: str, key: str) -> int | None:
        rules = self.candidate.constraints.get(slot_key(path)) or {}
        limit = rules.get("maxLength") if isinstance(rules, dict) else None
        return limit if isinstance(limit, int) else None

    def _bounds(self, path: str, example_len: int) -> tuple[int, int, int]:
        rules = self.candidate.constraints.get(slot_key(path)) or {}
        low = rules.get("minItems") if isinstance(rules.get("minItems"), int) else 0
        high = rules.get("maxItems") if isinstance(rules.get("maxItems"), int) else max(example_len, 1) * 2
        wanted = min(max(example_len, low, 1), high)
        return low, high, wanted

    # -- walking -----------------------------------------------------------------------------------------------

    def _value(self, example: object, path: str, key: str, index: int, record: dict | None) -> object:
        if is_placeholder(example):  # code the example ran (a callback, an icon): nothing of the site's to write
            return MISSING
        if slot_key(path) in self.slots:
            return self._media_value(example, self.slots[slot_key(path)], record)
        if isinstance(example, dict):
            if key in ACTION_ORDER or (
                {"label", "href"} <= set(example) and len(example) <= 3 and key != "announcement"
            ):
                return self._action(example, key, index)
            sub_record = self._sub_record(key, record)
            value = self._object(example, path, sub_record)
            return value if value else MISSING
        if isinstance(example, list):
            return self._list(example, path, key, record)
        if isinstance(example, str):
            return self._string(key, path, example, index, record)
        if record is not None and key in record:
            return MISSING if record[key] is None else record[key]
        if key in FACT_KEYS:
            return MISSING
        return example

    def _object(self, example: dict, path: str, record: dict | None) -> dict:
        result = {}
        for index, (key, sub_example) in enumerate(example.items()):
            sub_path = f"{path}.{key}" if path else key
            value = self._value(sub_example, sub_path, key, index, record)
            if value is not MISSING:
                result[key] = value
        return result

    def _list(self, example: list, path: str, key: str, record: dict | None) -> object:
        item_path = f"{path}[]"
        sample = example[0] if example else ""
        if record is not None and isinstance(record.get(key), list):
            source = record[key]
        else:
            source = self._records(key, sample, item_path)
        _, high, wanted = self._bounds(path, len(example))
        if source is None:  # generated list
            if isinstance(sample, str) and key in KEEP_KEYS:
                return list(example)
            if key in FACT_KEYS:
                return MISSING
            source = [None] * wanted
        if isinstance(sample, dict) and {"label", "href"} <= set(sample) and key_words(key)[-1:] in BUTTON_LISTS:
            actions = [self._action(sample, key, index) for index in range(min(wanted, 2))]
            actions = [action for action in actions if action is not MISSING]
            return _distinct(actions) or MISSING  # buttons lead to the site's own pages, never to a keyword
        items = []
        for index, item_record in enumerate(source[:high]):
            if isinstance(sample, dict):
                if isinstance(item_record, dict):
                    item_record = {**item_record, "_index": index, "_data": True}
                value = self._item(sample, f"{path}[{index}]", index, item_record)
            elif item_record is not None and not isinstance(item_record, dict):
                value = cut(str(item_record), self._limit(item_path, key))
            else:
                value = self._value(sample, f"{path}[{index}]", key, index, item_record)
            if value is not MISSING:
                items.append(value)
        items = _distinct(items)  # a list generated from little data repeats itself; say each thing once
        return items if items else MISSING

    def _item(self, sample: dict, path: str, index: int, record: dict | None) -> object:
        value = self._object(sample, path, record if record is not None else {"_index": index})
        if not value:
            return MISSING  # nothing of the item could be written from the site's data
        required_slots = [
            name for name, slot in self.slots.items() if slot.get("required") and name.startswith(slot_key(path) + ".")
        ]
        for name in required_slots:  # a person without their own photo is left out rather than shown wrongly
            leaf = name[len(slot_key(path)) + 1 :]
            if leaf not in value and "." not in leaf:
                return MISSING
        return value

    # -- texts -------------------------------------------------------------------------------------------------

    def _string(self, key: str, path: str, example: str, index: int, record: dict | None) -> object:
        limit = self._limit(path, key)
        if record is not None and key in record and key != "_index":
            value = record[key]
            if value in (None, ""):
                return MISSING
            return cut(str(value), limit) if isinstance(value, str) else value
        if record is not None and record.get("_data"):
            return example if key in KEEP_KEYS else MISSING  # a fact's field the fact does not state
        if key in KEEP_KEYS:
            return example
        if key in FACT_KEYS:
            return self._fact_string(key, limit)
        words = key_words(key)
        if words and words[-1] in LINK_WORDS:
            if PROFILE_WORDS & set(words[:-1]):
                return MISSING  # a profile elsewhere: nothing in the site's data says where
            return self.writer.action(0)[1]  # type: ignore[index] - the main action always exists
        if len(words) > 1 and words[-1] in LABEL_WORDS and BUTTON_WORDS & set(words[:-1]):
            return fit([self.writer.action(0, self.slug)[0]], limit)  # type: ignore[index] - goes with the link
        if example.strip().isdigit() and in_list(path):  # "01", "2": the item's number, padded like the example
            number = record.get("_index", index) if record else index
            return str(number + 1).zfill(len(example.strip()))
        text = self._generated(key, path, index, record, limit)
        if not isinstance(text, str):
            return text
        if text in self.written:
            return MISSING  # the same words twice in one block (a panel repeating the section's title)
        self.written.add(text)
        return text

    def _generated(self, key: str, path: str, index: int, record: dict | None, limit: int | None) -> object:
        in_item = record is not None and "_index" in record
        index = record.get("_index", index) if record else index
        writer = self.writer
        if key == "id":
            return f"item-{index + 1}"
        if key == "alt":
            return MISSING
        if key == "copyright":
            return writer.copyright(limit)
        if key in TITLE_KEYS:
            if in_item:
                return self._item_title(path, index, limit)
            return writer.section_title(self.semantic_type, limit)
        if key in SHORT_KEYS:
            if in_item:
                return self._item_title(path, index, limit)
            if key == "tagline":
                return fit([writer.summary[0], writer.audience_line()], limit)
            return fit([capitalise(writer.focus), capitalise(self.context.brand.industry)], limit)
        if key in ("announcement",):
            return fit([writer.summary[-1]], limit)
        if in_item:
            if self.semantic_type == "process" or "steps" in path:
                return fit([writer.step(index, None)[1]], limit)
            return writer.item_text(index, limit)
        if key in ("subtitle", "intro") or self.semantic_type == "hero":
            return writer.sentence(0, limit)
        if key == "paragraphs":
            return writer.sentence(index, limit)
        return self._section_text(index, limit)  # TEXT_KEYS and any other text the example has

    def _section_text(self, index: int, limit: int | None) -> str:
        writer = self.writer
        by_type = {
            "cta": [writer.audience_line(), writer.sentence(0)],
            "contact": [f"Send {writer.name} a message and we will reply as soon as we can.", "Send us a message."],
            "faq": [f"Quick answers about {writer.name}.", "Quick answers."],
            "testimonials": ["In their own words."],
            "team": [f"The people behind {writer.name}."],
            "gallery": [f"Photos from {writer.name}."],
        }
        options = by_type.get(self.semantic_type) or [writer.sentence(index + 1), writer.sentence(0)]
        return fit(options, limit)

    def _item_title(self, path: str, index: int, limit: int | None) -> str:
        if self.semantic_type == "process" or "steps" in path:
            return self.writer.step(index, limit)[0]
        if "columns" in path:
            return fit([("Visit", "Explore", "Help", "More", "Legal")[index % 5]], limit)
        return self.writer.item_title(index, limit)

    def _fact_string(self, key: str, limit: int | None) -> object:
        facts = self.context.facts
        value = {
            "email": facts.email,
            "phone": facts.phone,
            "address": facts.address,
            "mapQuery": f"{self.context.name}, {facts.address}" if facts.address else "",
        }.get(key, "")
        return cut(value, limit) if value else MISSING

    def _action(self, example: dict, key: str, index: int) -> object:
        action = self.writer.action(ACTION_ORDER.get(key, min(index, 1)), self.slug)
        if action is None:
            return MISSING
        label, href = action
        if key == "directionsAction":
            if not self.context.facts.address:
                return MISSING
            label, href = (
                "Get directions",
                "https://www.openstreetmap.org/search?query="
                + re.sub(r"[^A-Za-z0-9]+", "+", f"{self.context.facts.address}").strip("+"),
            )
        if key == "allJobsAction":
            label, href = "See all positions", "#careers"
        value = {k: v for k, v in example.items() if k not in ("label", "href")}
        limit = self._limit(f"{key}.label", "label")
        return {"label": fit([label], limit), "href": href, **value}

    # -- data binding ------------------------------------------------------------------------------------------

    def _top_level_record(self, example: dict) -> dict | None:
        facts = self.context.facts
        if "quote" in example and facts.testimonials:
            return self._testimonial(facts.testimonials[0])
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

    def _sub_record(self, key: str, record: dict | None) -> dict | None:
        if record is not None and isinstance(record.get(key), dict):
            return record[key]
        facts = self.context.facts
        if key == "author" and "team_members" in self.candidate.capabilities and facts.team:
            return self._person(facts.team[0])
        if key == "featured" and facts.posts:
            return self._post(facts.posts[0])
        if record is not None and "_index" in record:
            return {"_index": record["_index"]}
        return None

    def _records(self, key: str, sample: object, item_path: str) -> list | None:
        """The data a list is bound to, or None when its items are written from the site's texts."""
        facts, kind = self.context.facts, key.lower()
        if kind in ("testimonials", "reviews", "quotes"):
            return [self._testimonial(t) for t in facts.testimonials]
        if kind in ("members", "team", "people", "staff"):
            return [self._person(p) for p in facts.team]
        if kind in ("stats", "metrics", "highlights", "numbers") and isinstance(sample, dict) and "value" in sample:
            return [{"value": v, "label": label} for v, label in facts.stats]
        if kind in ("plans", "tiers", "packages"):
            return [self._plan(p) for p in facts.plans]
        if kind in ("jobs", "featuredjobs", "positions", "openings"):
            return [self._job(j) for j in facts.jobs]
        if kind == "departments":
            groups: dict[str, list] = {}
            for job in facts.jobs:
                groups.setdefault(job.department or "Open positions", []).append(self._job(job))
            return [{"name": name, "title": name, "jobs": jobs} for name, jobs in groups.items()]
        if kind == "posts":
            return [self._post(p) for p in facts.posts]
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
                groups.setdefault(item.section, []).append(self._menu_item(item))
            return [
                {"name": n, "label": n, "id": f"menu-{i + 1}", "items": v} for i, (n, v) in enumerate(groups.items())
            ]
        if self.semantic_type == "menu" and kind == "items":
            return [self._menu_item(item) for item in facts.menu]
        if self.semantic_type == "faq" or kind in ("faqs", "questions"):
            return self._faq_records(kind, sample)
        if kind in GALLERY_LIST_KEYS or (self.semantic_type == "gallery" and kind == "items"):
            return self._gallery_records(item_path)
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
        pairs = [
            (f"What does {name} offer?", " ".join(writer.summary[:2])),
            (f"Who is {name} for?", f"{name} is for {audience[:1].lower()}{audience[1:]}."),
        ]
        if facts.hours:
            pairs.append(("When are you open?", "; ".join(f"{d}: {h}" for d, h in facts.hours) + "."))
        if facts.address:
            pairs.append(("Where can I find you?", f"You can find us at {facts.address}."))
        channels = [c for c in (facts.phone and f"call {facts.phone}", facts.email and f"email {facts.email}") if c]
        reach = " or ".join(channels) if channels else "send us a message through our contact page"
        pairs.append((f"How do I get in touch with {name}?", f"The quickest way is to {reach}."))
        return pairs

    def _gallery_records(self, item_path: str) -> list:
        slot = self.slots.get(item_path) or next(
            (s for p, s in self.slots.items() if p.startswith(item_path + ".")), None
        )
        if slot is None:
            return []
        media = [m for m in self._fitting(slot)]
        media.sort(key=lambda m: m.url in self.used_media)
        return [{"_media": m, "title": m.title, "caption": m.title, "name": m.title, "alt": m.alt} for m in media]

    def _testimonial(self, t) -> dict:
        return {"quote": t.quote, "author": t.author, "role": t.role or None, "rating": t.rating,
                "name": t.author, "text": t.quote, "_person": t.author}  # fmt: skip

    def _person(self, p) -> dict:
        return {"name": p.name, "role": p.role, "bio": p.bio or None, "title": p.role, "_person": p.name}

    def _plan(self, p) -> dict:
        return {"name": p.name, "title": p.name, "price": p.price, "monthlyPrice": p.price, "period": p.period or None,
                "features": list(p.features) or None, "includes": list(p.features) or None}  # fmt: skip

    def _job(self, j) -> dict:
        slug = re.sub(r"[^a-z0-9]+", "-", j.title.lower()).strip("-")
        return {"title": j.title, "location": j.location, "type": j.type or None, "department": j.department or None,
                "href": f"#job-{slug}"}  # fmt: skip

    def _post(self, p) -> dict:
        return {"title": p.title, "date": p.date, "excerpt": p.excerpt or None, "href": "#"}

    def _menu_item(self, m) -> dict:
        return {"name": m.name, "title": m.name, "price": m.price or None, "description": m.description or None}

    # -- media -------------------------------------------------------------------------------------------------

    def _fitting(self, slot: dict) -> Iterable[MediaItem]:
        return [m for m in self.context.media if fits_slot(m, slot)]

    def _media_value(self, example: object, slot: dict, record: dict | None) -> object:
        leaf = str(slot.get("path") or "").rsplit(".", 1)[-1]
        item = record.get("_media") if record and leaf not in ("before", "after") else None
        if item is None:
            person = (record or {}).get("_person")
            hint = person or " ".join(str(v) for v in (record or {}).values() if isinstance(v, str))
            item = self._pick(slot, hint or self.writer.focus, person_only=bool(person), must_say=leaf)
        if item is None:
            return MISSING
        self.used_media.add(item.url)
        if isinstance(example, dict):
            value = {"src": item.url}
            if "alt" in example or item.media_type == "image":
                value["alt"] = item.alt or item.title
            if "type" in example and item.media_type == "video":
                value["type"] = "image/svg+xml" if item.url.endswith(".svg") else "video/mp4"
            for dimension in ("width", "height"):
                if dimension in example and getattr(item, dimension):
                    value[dimension] = getattr(item, dimension)
            return value
        return item.url

    def _pick(self, slot: dict, hint: str, *, person_only: bool = False, must_say: str = "") -> MediaItem | None:
        """The best fitting asset: for a person only their own portrait; for a "before" or "after" slot only an
        unused photo that says so; otherwise unused, on-topic, big."""
        hint_words = _words(hint)
        fitting = list(self._fitting(slot))
        if must_say in ("before", "after"):
            fitting = [m for m in fitting if must_say in _words(f"{m.title} {m.alt}") and m.url not in self.used_media]
        if person_only:
            name_words = hint_words
            matches = [m for m in fitting if name_words and name_words <= _words(f"{m.title} {m.alt}")]
            return matches[0] if matches else None
        preferred = (slot.get("roles") or [None])[0]

        def rank(item: MediaItem) -> tuple:
            overlap = len(hint_words & _words(f"{item.title} {item.alt}"))
            return (item.url in self.used_media, item.role != preferred, -overlap)

        return min(fitting, key=rank) if fitting else None


def _distinct(items: list) -> list:
    seen, kept = set(), []
    for item in items:
        key = json.dumps(item, sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept
