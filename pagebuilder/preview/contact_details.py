"""How to reach a business, read defensively from props: address lines, an e-mail or phone number as a link
(mailto:, tel:) where it reads as one, opening hours. Shared by the dedicated block views and the generic one.
"""

import re

from pagebuilder.preview.props import first_text, href, mapping, records, text

_EMAIL = re.compile(r"[^@\s<>\"'()\\,;:]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,24}")
_PHONE_CHARS = re.compile(r"[^\d+]")


def address(value: object) -> list[str]:
    """Address lines from a string or an object {line1, line2, city, postalCode, region, country}."""
    if isinstance(value, str):
        line = text(value, 200)
        return [line] if line else []
    value = mapping(value)
    town = " ".join(part for part in (text(value.get("postalCode"), 20), text(value.get("city"), 80)) if part)
    lines = [
        text(value.get("line1") or value.get("street"), 120),
        text(value.get("line2"), 120),
        town,
        text(value.get("region") or value.get("state"), 80),
        text(value.get("country"), 80),
    ]
    return [line for line in lines if line]


def email(value: object) -> dict | None:
    shown = text(value, 254)
    if not shown:
        return None
    return {"label": shown, "href": href(f"mailto:{shown}") if _EMAIL.fullmatch(shown) else ""}


def phone(value: object) -> dict | None:
    shown = text(value, 40)
    if not shown:
        return None
    digits = _PHONE_CHARS.sub("", shown)
    return {"label": shown, "href": f"tel:{digits}" if len(digits) >= 3 else ""}


def hours(value: object) -> list[dict]:
    found = []
    for entry in records(value, 14):
        row = {
            "days": first_text(entry, "days", "day", "label", "name", limit=60),
            "hours": first_text(entry, "hours", "time", "value", "open", limit=60),
        }
        if row["days"] or row["hours"]:
            found.append(row)
    return found
