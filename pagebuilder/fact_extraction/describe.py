"""``describe``: what an extraction found, in plain English for the chat ("I found 3 team members: Ana Ruiz
(founder), …. I found 1 testimonial: “I was terrified of yoga…” — Maria G."), kinds in the order first met.
"""

import re

from pagebuilder.fact_extraction.found import Extraction, FoundFact
from websites.fact_kinds import KINDS

_SHORT_QUOTE = 60  # characters of a quote shown before it is cut at a word


def describe(extraction: Extraction) -> str:
    """One sentence per kind of fact found; "" when nothing was."""
    kinds = list(dict.fromkeys(fact.kind for fact in extraction.facts))
    parts = []
    for key in kinds:
        items = [_item(fact) for fact in extraction.facts if fact.kind == key]
        parts.append(_sentence(f"I found {_counted(key, len(items))}: {', '.join(items)}"))
    return " ".join(parts)


def _counted(key: str, count: int) -> str:
    """Counted: "3 team members", "1 testimonial"; kinds with no plural of their own read "opening hours",
    "the phone"."""
    kind = KINDS[key]
    if kind.label.lower() == kind.plural:
        return f"the {kind.plural}" if kind.single else kind.plural
    return f"{count} {kind.label.lower() if count == 1 else kind.plural}"


def _item(fact: FoundFact) -> str:
    data = fact.data
    shown = {
        "testimonial": lambda: f"“{_short(data['quote'])}” — {data['name']}",
        "team_member": lambda: _with(data["name"], data.get("role")),
        "pricing_plan": lambda: _with(data["name"], _price(data)),
        "faq": lambda: f"“{data['question']}”",
        "opening_hours": lambda: f"{data['days']} {data['hours']}",
        "stat": lambda: f"{data['value']} {data['label']}",
        "milestone": lambda: f"{data['date']}: {data['title']}",
        "menu_item": lambda: _with(data["name"], data.get("price")),
    }.get(fact.kind)
    return shown() if shown else KINDS[fact.kind].title(data)


def _with(name: str, detail: str | None) -> str:
    return f"{name} ({detail})" if detail else name


def _price(data: dict) -> str:
    price = f"{data['price']} {data.get('currency', '')}".strip()
    return f"{price} / {data['period']}" if data.get("period") else price


def _short(quote: str) -> str:
    """The quote's first sentence, cut at a word when long; "…" says it goes on."""
    end = re.search(r"[.!?](?=\s)", quote)
    first = quote[: end.start()] if end else quote
    if len(first) > _SHORT_QUOTE:
        first = first[:_SHORT_QUOTE].rsplit(" ", 1)[0]
    return quote if first == quote else first.rstrip(" .,;:!?") + "…"


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."
