"""Copy that belongs to one page of a site: each page's opening line, and the sentences no other page repeats.

``page_lead`` writes the line under a page's main heading from the site's own data for that page type (the
offers it names, the people, the address …), so six pages do not all open with the brand summary's first
sentence. ``copy_sentences`` reads the running text of a page's blocks (sentences of at least ``MIN_WORDS``
words; button labels, links, media and the shared navbar and footer are not copy), which both the build and the
tests use to find a sentence said on two pages.
"""

import re
from collections.abc import Iterator

from pagebuilder.context import WebsiteContext
from pagebuilder.copywriter import sentences
from pagebuilder.prop_paths import is_link_key
from pagebuilder.site.sitemap import listed

MIN_WORDS = 4
SHARED_BLOCKS = frozenset({"navbar", "footer"})
# Keys whose strings are configuration, media or labels of a control, not the page's copy.
NOT_COPY = frozenset({"id", "icon", "src", "alt", "variant", "type", "layout", "size", "color", "theme", "label"})
MAX_DEPTH = 12


def page_lead(page_type: str, context: WebsiteContext) -> str:
    """The page's opening sentence from the site's data; "" when the site states nothing for this page type
    (the page then opens with the brand summary, as a single page does)."""
    facts, name = context.facts, context.name
    offers = listed([o.name for o in facts.offerings] or [m.name for m in facts.menu])
    leads = {
        "home": f"Welcome to {name}, for {offers}." if offers else "",
        "services": f"{name} offers {offers}." if offers else "",
        "pricing": f"Prices at {name} for {listed([p.name for p in facts.plans])}." if facts.plans else "",
        "menu": f"On the menu at {name}: {listed([m.name for m in facts.menu])}." if facts.menu else "",
        "team": f"Meet {listed([m.name for m in facts.team])} of {name}." if facts.team else "",
        "testimonials": (
            f"What {listed([t.author for t in facts.testimonials])} said about {name}." if facts.testimonials else ""
        ),
        "faq": f"Answers to the questions people ask {name} most." if facts.faqs else "",
        "location": f"Find {name} at {facts.address}." if facts.address else "",
        "careers": f"Open positions at {name}: {listed([j.title for j in facts.jobs])}." if facts.jobs else "",
        "contact": _contact_lead(context),
        "gallery": f"Photos of {name} and its work." if "media_library" in context.capabilities else "",
    }
    return leads.get(page_type, "")


def _contact_lead(context: WebsiteContext) -> str:
    facts = context.facts
    ways = [f"call {facts.phone}" if facts.phone else "", f"write to {facts.email}" if facts.email else ""]
    ways.append(f"visit us at {facts.address}" if facts.address else "")
    ways = [way for way in ways if way]
    if not ways:
        return ""
    return f"To reach {context.name}, {' or '.join([', '.join(ways[:-1]), ways[-1]] if len(ways) > 1 else ways)}."


def fact_homes(context: WebsiteContext) -> dict[str, str]:
    """Sentence of a fact (as the fact words it) → the page type that fact belongs to: an offer's name and
    description to the services page, a plan to the pricing page, a person's bio to the team page, …"""
    facts = context.facts
    kinds = {
        "services": [text for o in facts.offerings for text in (o.name, o.description)],
        "menu": [text for m in facts.menu for text in (m.name, m.description)],
        "pricing": [text for plan in facts.plans for text in (plan.name, *plan.features)],
        "team": [text for member in facts.team for text in (member.name, member.role, member.bio)],
        "testimonials": [text for t in facts.testimonials for text in (t.quote, t.author, t.role)],
        "faq": [text for pair in facts.faqs for text in pair],
        "careers": [job.title for job in facts.jobs],
    }
    return {s: page_type for page_type, texts in kinds.items() for text in texts for s in sentences(text or "")}


def normalised(sentence: str) -> str:
    """A sentence as compared across pages: lower case, single spaces, no closing punctuation."""
    return re.sub(r"\s+", " ", sentence).strip().rstrip(".!?…").strip().lower()


def is_copy_sentence(sentence: str) -> bool:
    return len(re.findall(r"\w+", sentence)) >= MIN_WORDS


def text_leaves(props: object, path: str = "", depth: int = 0) -> Iterator[tuple[str, str]]:
    """(path, text) of every string of ``props`` that is copy: not a link, media, icon or control label."""
    if depth > MAX_DEPTH:
        return
    items = props.items() if isinstance(props, dict) else enumerate(props) if isinstance(props, list) else ()
    for key, value in items:
        where = f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else str(key))
        if isinstance(value, str):
            if isinstance(key, int) or (key not in NOT_COPY and not is_link_key(key)):
                yield where, value
        elif isinstance(value, dict | list):
            yield from text_leaves(value, where, depth + 1)


def copy_sentences(payload: dict) -> set[str]:
    """The normalised copy sentences of a page's blocks, the shared navbar and footer left out."""
    found = set()
    for block in payload.get("blocks") or []:
        if not isinstance(block, dict) or block.get("_name") in SHARED_BLOCKS:
            continue
        for _, text in text_leaves(block.get("_props") or {}):
            found |= {normalised(s) for s in sentences(text) if is_copy_sentence(s)}
    return found


def repeated_sentences(payloads: dict[str, dict]) -> dict[str, list[str]]:
    """Sentence → the slugs of the pages that say it, for every copy sentence said on more than one page."""
    seen: dict[str, list[str]] = {}
    for slug, payload in payloads.items():
        for sentence in copy_sentences(payload):
            seen.setdefault(sentence, []).append(slug)
    return {sentence: slugs for sentence, slugs in seen.items() if len(slugs) > 1}
