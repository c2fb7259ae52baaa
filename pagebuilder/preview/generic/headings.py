"""Which of an object's keys head a node: its title, by priority, and the prefixes whose keys form a panel under
a heading of their own (``ctaHeading`` + ``ctaDescription``).
"""

from pagebuilder.preview.generic.words import GROUP_ROLES, NEUTRAL, TITLE_ORDER, Key, text


def take_title(keys: list[Key], used: set[str], node: dict, depth: int) -> set[str]:
    """The node's heading: title, heading, headline, then name (question, label, day for cards)."""
    order = TITLE_ORDER if depth else TITLE_ORDER[:4]
    candidates = [
        key
        for key in keys
        if key.name not in used
        and key.words[-1] in order
        and (len(key.words) == 1 or key.prefix in NEUTRAL or depth > 0)
        and text(key.value, 200)
    ]
    if not candidates:
        return set()
    chosen = min(candidates, key=lambda key: order.index(key.words[-1]))
    node["title"] = text(chosen.value, 200)
    return {chosen.name}


def panel_groups(keys: list[Key], used: set[str]) -> dict[str, list[Key]]:
    """prefix → keys, for prefixes (not neutral ones like ``primary``) that carry a title or label of their own."""
    groups: dict[str, list[Key]] = {}
    for key in keys:
        if key.name not in used and key.prefix and key.prefix not in NEUTRAL:
            groups.setdefault(key.prefix, []).append(key)
    for key in keys:  # ``skills`` joins ``skillsTitle``
        if key.name not in used and len(key.words) == 1 and key.words[0] in groups:
            groups[key.words[0]].append(key)
    return {
        prefix: members
        for prefix, members in groups.items()
        if len(members) > 1 and any(member.role in GROUP_ROLES for member in members)
    }
