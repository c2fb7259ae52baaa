"""The props of a navbar or footer block, filled with the site's own pages and data.

``NavProps.fill`` finds where a block's example props hold its menu (``nav_menu.page_list``) and writes exactly
the given pages into it in the example's shape (a flat list when the contract allows; else a "More" dropdown or
several groups, ``nav_menu.MenuLayout``), the site's logo into the logo slot, the brand summary's first sentence
as tagline, the copyright with the site's name and contact details only from the site's facts. Anything else of
the example (its own dropdowns, social links, newsletters, search boxes, a second button) is left out; a button
leads to the contact page when the site has one.
"""

import re
from dataclasses import dataclass

from pagebuilder.candidates import contract
from pagebuilder.context import WebsiteContext
from pagebuilder.copywriter import Copywriter, cut, fit
from pagebuilder.media import fits_slot
from pagebuilder.prop_paths import key_words, slot_key
from pagebuilder.props_filler.keys import MISSING
from pagebuilder.props_filler.media_slots import slot_value
from pagebuilder.site.links import internal_path
from pagebuilder.site.nav_menu import LABEL_KEYS, MenuLayout, PageList, link_shape, page_list
from registry.jsx_examples import is_placeholder
from registry.models import AiSemanticComponent

# Words of keys whose value needs data a site does not keep (social profiles, newsletters, app stores) or that
# is a second button next to the one that leads to the contact page.
LEFT_OUT_WORDS = frozenset({"social", "newsletter", "subscribe", "app", "apps", "search", "secondary", "login",
                            "signup", "stars", "placeholder", "active", "badge", "announcement"})  # fmt: skip
TAGLINE_WORDS = frozenset({"tagline", "description", "summary", "about", "subtitle", "intro", "mission"})
NAME_WORDS = frozenset({"brand", "company", "site", "business"})
CONTACT_SLUGS = ("contact", "contact-us", "book", "booking", "visit")
KEPT_CONFIG = frozenset({"variant", "size"})


@dataclass(frozen=True)
class NavLink:
    """One menu entry: a page of the site."""

    label: str  # the page's title as the menu shows it, e.g. "About"
    href: str  # pagebuilder.site.links.page_href(slug), e.g. "/about"


def contact_link(links: list[NavLink]) -> NavLink | None:
    """The site's contact page among ``links`` (by its path, else its label)."""
    for link in links:
        if (internal_path(link.href) or "").strip("/") in CONTACT_SLUGS:
            return link
    return next((link for link in links if "contact" in link.label.lower()), None)


@dataclass(frozen=True)
class FilledNav:
    """A block's filled props, where its menu is, and the menu's rank (``MenuLayout.menu``: 0 for a flat list,
    higher for dropdowns and groups)."""

    props: dict
    menu: PageList
    rank: int


class NavProps:
    """Fills one navbar or footer block from its example props."""

    def __init__(self, context: WebsiteContext, links: list[NavLink]) -> None:
        self.context = context
        self.links = links
        self.writer = Copywriter(context, "home")
        self.contact = contact_link(links)

    def fill(self, component: AiSemanticComponent) -> FilledNav | None:
        """The block's props, where its menu is and how it is laid out; None for a block whose example holds no
        menu to fill."""
        schema = contract(component)
        example = schema.get("x-example-props")
        required = schema.get("x-required-props") or schema.get("required") or ()
        menu = page_list(example, required) if isinstance(example, dict) else None
        if menu is None:
            return None
        self.constraints = schema.get("x-prop-constraints") or {}
        rank = 0
        slots = {slot_key(str(s.get("path") or k)): s for k, s in (schema.get("x-media-slots") or {}).items()
                 if isinstance(s, dict)}  # fmt: skip
        props: dict = {}
        for key, value in example.items():
            if key == menu.key:
                filled, rank = MenuLayout(self._rules, self.context.name).menu(menu, self.links)
            elif key in slots:
                filled = self._logo(value, slots[key], key)
            else:
                filled = self._other(key, value, key)
            if filled is not MISSING:
                props[key] = filled
        return FilledNav(props, menu, rank)

    def _rules(self, path: str) -> dict:
        rules = self.constraints.get(slot_key(path))
        return rules if isinstance(rules, dict) else {}

    def _limit(self, path: str) -> int | None:
        rules = self.constraints.get(slot_key(path)) or {}
        return rules.get("maxLength") if isinstance(rules, dict) and isinstance(rules.get("maxLength"), int) else None

    def _logo(self, example: object, slot: dict, path: str) -> object:
        logo = self.context.site_logo
        if logo is None or not fits_slot(logo, slot):
            return MISSING
        value = slot_value(example, logo)
        if isinstance(example, dict) and isinstance(value, dict):
            for key in LABEL_KEYS:  # a logo that names the site beside the image ({src, alt, title})
                if isinstance(example.get(key), str):
                    value[key] = fit([self.context.name], self._limit(f"{path}.{key}"))
        return value

    def _other(self, key: str, example: object, path: str) -> object:
        words = set(key_words(key))
        if is_placeholder(example) or words & LEFT_OUT_WORDS:
            return MISSING
        if isinstance(example, bool):
            return example  # a layout switch (``sticky``)
        if isinstance(example, str):
            return self._text(key, words, path)
        if isinstance(example, dict):
            if link_shape(example):
                return self._action(example, path)
            if "address" in words:
                return self._address(example)
            inner = {k: self._other(k, v, f"{path}.{k}") for k, v in example.items()}
            inner = {k: v for k, v in inner.items() if v is not MISSING}
            return inner or MISSING
        if isinstance(example, list) and example and link_shape(example[0]) and words & {"actions", "buttons", "ctas"}:
            action = self._action(example[0], f"{path}[]")
            return [action] if action is not MISSING else MISSING
        return MISSING  # numbers, other lists: facts or examples the site's data does not give

    def _text(self, key: str, words: set[str], path: str) -> object:
        facts, limit = self.context.facts, self._limit(path)
        if "copyright" in words:
            return self.writer.copyright(limit)
        if words & {"phone", "telephone", "tel"}:
            return facts.phone or MISSING
        if words & {"email", "mail"}:
            return facts.email or MISSING
        if "address" in words:
            return facts.address or MISSING
        if words & TAGLINE_WORDS:
            return self.writer.sentence(0, limit)
        if (words & NAME_WORDS and "name" in words) or key in ("logoText", "brandName", "siteName"):
            return fit([self.context.name], limit)
        return MISSING

    def _address(self, example: dict) -> object:
        """The site's address as one line, under the example's first line (``line1``) or else its first text key."""
        texts = sorted(k for k, v in example.items() if isinstance(v, str))
        first = next((k for k in texts if re.search(r"(?i)line|street", k)), texts[0] if texts else None)
        return {first: self.context.facts.address} if first and self.context.facts.address else MISSING

    def _action(self, example: dict, path: str) -> object:
        """A button to the contact page (the example's other settings kept); none when the site has no contact
        page to lead to."""
        if self.contact is None:
            return MISSING
        label_key, href_key = link_shape(example)  # type: ignore[misc] - callers checked the shape
        value = {k: v for k, v in example.items() if k in KEPT_CONFIG and isinstance(v, str)}
        label = cut(self.contact.label, self._limit(f"{path}.{label_key}"))
        return {**value, label_key: label, href_key: self.contact.href}
