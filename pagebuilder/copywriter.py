"""Offline copy: short texts written from the site's own data through templates.

Every text is built from the website's name, brand summary, audience, keywords, media and the facts the editor
supplied; nothing claims a fact the data does not hold. ``fit`` keeps every template inside a length limit by
trying shorter variants first and cutting at a word boundary only as a last resort. A ``variant`` other than 0
starts each choice among alternative phrasings at another one, so a section written again reads differently.
"""

import re
from datetime import date

from pagebuilder.context import WebsiteContext
from pagebuilder.facts import Offering
from pagebuilder.site.frame import SiteFrame
from pagebuilder.statements import Statements

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_ABBREVIATION = re.compile(r"\b(?:Co|Dr|St|Mr|Mrs|Ms|Ltd|Inc|Jr|Sr|No|vs|e\.g|i\.e|approx)\.$", re.I)


def cut(text: object, limit: int | None) -> str:
    """``text`` with whitespace collapsed, cut at a word boundary to at most ``limit`` characters, without
    trailing punctuation debris."""
    text = " ".join(str(text or "").split())
    if not limit or len(text) <= limit:
        return text
    head = text[: limit + 1]
    space = head.rfind(" ")
    head = head[:space] if space > limit // 3 else text[:limit]
    return head.rstrip(" ,;:–—-&").strip()[:limit]


def fit(options: list[str], limit: int | None) -> str:
    """The first option that fits ``limit``; else the shortest, cut to fit."""
    options = [" ".join(o.split()) for o in options if o and o.strip()]
    if not options:
        return ""
    for option in options:
        if not limit or len(option) <= limit:
            return option
    return cut(min(options, key=len), limit)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def sentences(text: str) -> list[str]:
    """Sentences of ``text``; "Crumb & Co. is…" stays one sentence."""
    result: list[str] = []
    for piece in (p.strip() for p in _SENTENCE.split(text or "")):
        if not piece:
            continue
        if result and _ABBREVIATION.search(result[-1]):
            result[-1] = f"{result[-1]} {piece}"
        else:
            result.append(piece)
    return result


def said_sentences(texts: set[str]) -> set[str]:
    """The sentences of ``texts``, to tell whether a new text would say one again."""
    return {sentence for text in texts for sentence in sentences(text)}


class Copywriter:
    """Texts for one site and one page; ``index`` varies texts between items of a list, ``variant`` between
    writings of the same block (0, a first generation's wording, keeps every list of phrasings in order)."""

    def __init__(
        self,
        context: WebsiteContext,
        page_type: str,
        intent: str = "",
        variant: int = 0,
        frame: SiteFrame | None = None,
    ) -> None:
        self.context = context
        self.frame = frame  # a page of a whole site: its focus keyword, its opening line, what other pages say
        self.variant = max(variant or (frame.variant if frame else 0), 0)
        self.page_type = page_type
        self.intent = intent
        self.name = context.name
        self.summary = sentences(context.brand.summary) or [f"{context.name} looks after its customers."]
        self.keywords = [k for k in context.keywords if k.strip()] or [context.brand.industry]
        self.focus = frame.focus_keyword if frame and frame.focus_keyword else self._focus_keyword()
        self.topics = topics(context)
        self.statements = Statements([], [])  # what the editor stated, for ``stated``; the planner sets it

    def _focus_keyword(self) -> str:
        """The keyword closest to the intent (shared words), else the top keyword."""
        words = set(re.findall(r"[a-z]+", self.intent.lower())) - {"page", "our", "the", "a", "for", "about"}
        best = max(self.keywords, key=lambda k: len(words & set(re.findall(r"[a-z]+", k.lower()))), default="")
        overlap = words & set(re.findall(r"[a-z]+", best.lower()))
        return best if overlap else self.keywords[0]

    def rotated(self, options: list[str]) -> list[str]:
        """``options`` starting at the one the variant picks, the others after it (the shorter fallbacks stay)."""
        shift = self.variant % len(options) if options else 0
        return options[shift:] + options[:shift]

    def phrase(self, options: list[str], limit: int | None) -> str:
        """The variant's choice among alternative phrasings that fits ``limit``."""
        return fit(self.rotated(options), limit)

    def sentence(self, index: int, limit: int | None = None) -> str:
        return fit([self.summary[(index + self.variant) % len(self.summary)], self.summary[0]], limit)

    def lead(self, limit: int | None = None) -> str:
        """The page's opening sentence: on a page of a whole site its own line (no other page says it), else the
        brand summary's first sentence."""
        own = self.frame.lead if self.frame else ""
        if own and (not limit or len(own) <= limit):
            return own
        return self.sentence(0, limit)

    def repeats(self, text: str) -> bool:
        """Whether ``text`` says a sentence another page of the site says already, other than a fact of this
        page's own (an offer's description on the services page)."""
        if not (self.frame and self.frame.avoid):
            return False
        homes = self.frame.homes
        return any(homes.get(s) != self.page_type for s in set(sentences(text)) & self.frame.avoid)

    def stated(self, semantic_type: str, limit: int | None) -> str:
        """What the editor stated that belongs in this section's text (``statements``): all of it when it fits
        ``limit``, else the first statement that does; "" when nothing is waiting for this section."""
        waiting = self.statements.for_section(semantic_type)
        options = [" ".join(waiting), *waiting] if waiting else []
        return next((option for option in options if not limit or len(option) <= limit), "")

    def audience_line(self, limit: int | None = None) -> str:
        audience = self.context.brand.audience.rstrip(".")
        return self.phrase([f"Made for {audience[:1].lower()}{audience[1:]}.", f"Made for you by {self.name}."], limit)

    def page_headline(self, limit: int | None) -> str:
        name, focus = self.name, capitalise(self.focus)
        if self.frame and self.frame.focus_keyword:  # the page's own keyword leads its main heading
            keyworded = [f"{focus} at {name}", f"{focus}: {self.frame.title or name}", focus]
            return fit([option for option in keyworded if not limit or len(option) <= limit] or [focus], limit)
        by_type = {
            "home": [f"Welcome to {name}", f"{focus} you can count on", "Welcome"],
            "about": [f"The story of {name}", f"About {name}", "Our story"],
            "services": [f"What {name} offers", "Our services"],
            "service_detail": [f"{focus} at {name}", focus, "What we offer"],
            "contact": [f"Get in touch with {name}", "Get in touch"],
            "pricing": [f"Prices at {name}", "Our prices"],
            "faq": [f"Questions about {name}, answered", "Your questions, answered"],
            "team": [f"Meet the people of {name}", "Meet the team"],
            "careers": [f"Work with us at {name}", "Work with us"],
            "testimonials": [f"What people say about {name}", "What people say"],
            "gallery": [f"A look inside {name}", "Gallery"],
            "menu": [f"The {name} menu", "Our menu"],
            "location": [f"Visit {name}", "Visit us"],
            "landing": [f"{focus} at {name}", focus, f"Discover {name}"],
        }
        return self.phrase(by_type.get(self.page_type, [name]), limit)

    def section_title(self, semantic_type: str, limit: int | None) -> str:
        name = self.name
        titles = {
            "about": [f"About {name}", "Our story"],
            "features": [f"Why people choose {name}", "Why choose us"],
            "services": ["What we offer", "Services"],
            "testimonials": ["What our customers say", "Reviews"],
            "cta": self.cta_titles(),
            "faq": ["Frequently asked questions", "FAQ"],
            "pricing": ["Prices", "Pricing"],
            "team": ["Meet the team", "Our team"],
            "stats": [f"{name} in numbers", "In numbers"],
            "contact": ["Get in touch", "Contact"],
            "gallery": [f"A look inside {name}", "Gallery"],
            "logos": ["Trusted partners", "Partners"],
            "blog": ["Latest news", "News"],
            "process": ["How it works", "Steps"],
            "timeline": ["Our journey so far", "Our journey"],
            "banner": [f"News from {name}", "News"],
            "menu": ["Our menu", "Menu"],
            "location": [f"Visit {name}", "Visit us"],
            "careers": ["Open positions", "Jobs"],
            "hero": [self.page_headline(limit)],
        }
        options = titles.get(semantic_type, [capitalise(semantic_type.replace("_", " "))])
        if semantic_type == self.page_type and semantic_type != "hero":
            options = options[1:] or options  # the page's headline already says the first ("Visit …")
        if self.frame and semantic_type == "cta":
            return fit(options, limit)  # a page of a site closes with its own call first, not a rotated generic one
        return self.phrase(options, limit)

    def cta_titles(self) -> list[str]:
        name = self.name
        by_type = {
            "contact": ["We look forward to hearing from you"],
            "careers": [f"Ready to join {name}?", "Ready to join us?"],
            "pricing": ["Questions about prices? Ask us", "Ask us anything"],
            "menu": [f"Order from {name} today", "Order today"],
            "location": [f"Come and visit {name}", "Come and visit"],
        }
        if self.frame:  # a site has a closing call on every page: each page type words its own
            by_type |= {
                "about": [f"Get to know {name} in person"],
                "team": [f"Talk to the people of {name}"],
                "services": ["Tell us what you need"],
                "faq": ["Still have a question? Ask us"],
                "gallery": [f"Like what you see? Talk to {name}"],
                "testimonials": [f"See for yourself what {name} does"],
            }
        return [*by_type.get(self.page_type, []), f"Ready when you are: talk to {name}", "Ready when you are"]

    def own_cta_titles(self) -> list[str]:
        """The closing calls worded for this page type on a page of a site (none elsewhere), not the generic."""
        return self.cta_titles()[:-2] if self.frame else []

    def action(self, index: int = 0, current_slug: str = "") -> tuple[str, str] | None:
        """(label, href) of the page's main or second action. The main action leads to the contact page; the
        second to another existing page of the site, and there is none when the site has no other page."""
        contact = self.context.page_href("contact", "contact-us", "book") or "/contact"
        if index == 0:
            if self.page_type == "contact":
                return "Send a message", "#contact"
            if self.page_type == "careers":
                return "See open positions", "#careers"
            return "Get in touch", contact
        labels = {"services": "See our services", "menu": "See the menu", "about": "Our story", "team": "Meet the team",
                  "gallery": "See the gallery", "pricing": "See prices", "faq": "Read the FAQ"}  # fmt: skip
        for slug, label in labels.items():
            href = self.context.page_href(slug)
            if href and slug != current_slug and href != contact:
                return label, href
        return None

    def item_title(self, index: int, limit: int | None) -> str:
        """The name of the site's ``index``-th offering (``topics``); "" when the site names no more: a list of
        offers is never made up from search phrases such as "yoga studio waterfront"."""
        if index >= len(self.topics):
            return ""
        return fit([capitalise(self.topics[index].name)], limit)

    def item_text(self, index: int, limit: int | None) -> str:
        """What the ``index``-th offering is: its own description (with its price), else a line naming it."""
        if index >= len(self.topics):
            return ""
        topic = self.topics[index]
        price = f" {topic.price}." if topic.price and topic.price not in topic.description else ""
        described = f"{topic.description.rstrip('.')}.{price}" if topic.description else ""
        name = topic.name[:1].lower() + topic.name[1:] if not topic.name[1:2].isupper() else topic.name
        templates = [
            f"Ask {self.name} about {name}: we explain the options and what they cost before we start.",
            f"{capitalise(name)} from {self.name}, with the same care as everything we do.",
            f"{capitalise(name)}, done with care.",
        ]
        turn = (index + self.variant) % 2
        return fit([described] if described else templates[turn:], limit)

    def step(self, index: int, limit: int | None) -> tuple[str, str]:
        steps = [
            ("Tell us what you need", f"Get in touch with {self.name} by phone, email or in person."),
            ("Get clear advice", "We explain the options, the timing and the price before anything starts."),
            ("We get to work", "You get what we agreed, done with care and on time."),
            ("Enjoy the result", "And if anything is not right, we put it right."),
            ("Stay in touch", "We are here for whatever you need next."),
        ]
        title, text = steps[index % len(steps)]
        return fit([title], limit), text

    def copyright(self, limit: int | None) -> str:
        return fit([f"© {date.today().year} {self.name}. All rights reserved.", f"© {self.name}"], limit)


def topics(context: WebsiteContext) -> tuple[Offering, ...]:
    """What the site says it offers, for lists of offers: its services, else the dishes of its menu."""
    facts = context.facts
    if facts.offerings:
        return facts.offerings
    return tuple(Offering(item.name, item.description, item.price) for item in facts.menu)


def text_filler(writer: Copywriter, semantic_type: str, said: set[str] = frozenset()):
    """The ``fill_text`` callback repair uses to write a missing required text from site data; a text whose
    sentences the page has ``said`` already is not written again (the block is refused instead)."""
    already = said_sentences(said)

    def fill(path: str, limit: int | None) -> str | None:
        options = _filled(writer, semantic_type, path, limit)
        return next((text for text in options if text and not already & set(sentences(text))), None)

    return fill


def _filled(writer: Copywriter, semantic_type: str, path: str, limit: int | None) -> list[str]:
    """The texts that may fill ``path``, best first (on a page of a site, more of them: other pages may have
    said the first)."""
    key = path.rsplit(".", 1)[-1].split("[")[0]
    index = int(path.rsplit("[", 1)[-1].split("]")[0]) if path.endswith("]") or "[" in path else 0
    if key in ("title", "headline", "heading", "name"):
        if "[" in path:
            return [writer.item_title(index, limit)]
        return [writer.section_title(semantic_type, limit)]
    if key in ("eyebrow", "label", "tagline"):
        return [fit([capitalise(writer.focus)], limit)]
    if key in ("description", "subtitle", "text", "body", "message", "summary", "answer"):
        if "[" in path:
            return [writer.item_text(index, limit)]
        if not writer.frame:
            return [writer.sentence(0, limit)]
        more = [writer.sentence(i, limit) for i in range(1, len(writer.summary))]
        own = [fit([title], limit) for title in writer.own_cta_titles()]
        return [writer.sentence(0, limit), *more, writer.audience_line(limit), *own]
    return []
