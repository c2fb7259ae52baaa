"""Buttons and links of the filled props: the copywriter's actions, which lead to the site's own pages (directions
only where the site states its address), and the URL or label of a text key named like a link or a button."""

import re

from pagebuilder.context import WebsiteContext
from pagebuilder.copywriter import Copywriter, fit
from pagebuilder.prop_paths import LINK_WORDS, PROFILE_WORDS, key_words
from pagebuilder.props_filler.keys import MISSING

ACTION_ORDER = {"primaryAction": 0, "action": 0, "directionsAction": 0, "allJobsAction": 1, "secondaryAction": 1}
# A key's words that make it a button's text (``buttonText``, ``ctaLabel``, ``linkText``).
BUTTON_WORDS = {"button", "cta", "link", "action"}
LABEL_WORDS = {"text", "label", "title"}
BUTTON_LISTS = (["actions"], ["buttons"], ["ctas"])


def is_action(example: dict, key: str) -> bool:
    """An example object that is one button: under a known action key, or a small {label, href} object (an
    ``announcement`` has those too, but it is a line of text, not a button)."""
    return key in ACTION_ORDER or ({"label", "href"} <= set(example) and len(example) <= 3 and key != "announcement")


def is_button_list(sample: object, key: str) -> bool:
    """A list of buttons (``actions``, ``ctas``) whose first item is a {label, href} object."""
    return isinstance(sample, dict) and {"label", "href"} <= set(sample) and key_words(key)[-1:] in BUTTON_LISTS


class Links:
    """The buttons and links of one block."""

    def __init__(self, context: WebsiteContext, writer: Copywriter, slug: str) -> None:
        self.context = context
        self.writer = writer
        self.slug = slug

    def action(self, example: dict, key: str, index: int, limit: int | None) -> object:
        """A button ({label, href} and the example's other keys) with a label of at most ``limit`` characters."""
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
        return {"label": fit([label], limit), "href": href, **value}

    def text(self, key: str, limit: int | None) -> object | None:
        """The value of a text key named like a link (``buttonUrl``, ``ctaHref``) or a button's label
        (``buttonText``); None for any other key."""
        words = key_words(key)
        if words == [key.lower()] and key.lower() in PROFILE_WORDS:
            return MISSING  # ``social.linkedin``: a profile elsewhere
        if words and words[-1] in LINK_WORDS:
            if PROFILE_WORDS & set(words[:-1]):
                return MISSING  # a profile elsewhere: nothing in the site's data says where
            return self.writer.action(0)[1]  # type: ignore[index] - the main action always exists
        if len(words) > 1 and words[-1] in LABEL_WORDS and BUTTON_WORDS & set(words[:-1]):
            return fit([self.writer.action(0, self.slug)[0]], limit)  # type: ignore[index] - goes with the link
        return None
