"""The props of a navbar or footer block, filled with the site's own pages and data.

``page_list`` finds where a block's example props hold its menu: a flat list of links (``menuItems``
[{label, href}], ``links`` [{text, url}]) or link groups ({title, links: [...]}); ``NavProps.fill`` follows the
example's shape and writes exactly the given pages into that list (one group for a footer with groups), the site's
logo into the logo slot, the brand summary's first sentence as tagline, the copyright with the site's name and
contact details only from the site's facts. Anything else of the example (dropdowns, social links, newsletters,
search boxes, a second button) is left out; a button leads to the contact page when the site has one.
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
from registry.jsx_examples import is_placeholder
from registry.models import AiSemanticComponent

LABEL_KEYS = ("label", "title", "text", "name")
HREF_KEYS = ("href", "url", "link")
GROUP_LINK_KEYS = ("links", "items")
# Keys a block's menu goes under; other link lists (products, features, socialLinks, appLinks) are not menus.
MENU_KEYS = frozenset({"menuItems", "links", "menuLinks", "navItems", "navLinks", "navigation", "navigationLinks",
                       "sitemap", "columns", "menu", "pages", "items", "mainLinks"})  # fmt: skip
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


@dataclass(frozen=True)
class PageList:
    """Where a block's menu is: ``key`` at the top level, as a flat list of {label_key, href_key} items or, with
    ``group_key``, as groups {title_key, group_key: [links]}; ``nested`` when the example's items carry submenus
    this module leaves out."""

    key: str
    label_key: str
    href_key: str
    group_key: str = ""
    title_key: str = ""
    nested: bool = False

    @property
    def rank(self) -> int:
        """0 for a plain list of links, 1 for one whose dropdowns are left out, 2 for link groups."""
        return 2 if self.group_key else int(self.nested)

    def link_path(self) -> str:
        inner = f"{self.group_key}[]." if self.group_key else ""
        return f"{self.key}[].{inner}{self.label_key}"


def _link_shape(item: object) -> tuple[str, str] | None:
    if not isinstance(item, dict):
        return None
    label = next((k for k in LABEL_KEYS if isinstance(item.get(k), str)), None)
    href = next((k for k in HREF_KEYS if isinstance(item.get(k), str)), None)
    return (label, href) if label and href else None


def _group_shape(item: object) -> tuple[str, str, tuple[str, str]] | None:
    if not isinstance(item, dict):
        return None
    title = next((k for k in LABEL_KEYS if isinstance(item.get(k), str)), None)
    for key in GROUP_LINK_KEYS:
        inner = item.get(key)
        shape = next((s for s in map(_link_shape, inner) if s), None) if isinstance(inner, list) else None
        if title and shape:
            return title, key, shape
    return None


def page_list(example: dict) -> PageList | None:
    """The example's menu: the first menu key holding a list of links, else of link groups; None without one."""
    for key in sorted(k for k in example if k in MENU_KEYS):
        items = example[key] if isinstance(example[key], list) else []
        shape = next((s for s in map(_link_shape, items) if s), None)
        if shape:
            nested = any(isinstance(v, list) for item in items if isinstance(item, dict) for v in item.values())
            return PageList(key, *shape, nested=nested)
    for key in sorted(k for k in example if k in MENU_KEYS):
        items = example[key] if isinstance(example[key], list) else []
        group = next((g for g in map(_group_shape, items) if g), None)
        if group:
            title, inner, (label, href) = group
            return PageList(key, label, href, group_key=inner, title_key=title)
    return None


def contact_link(links: list[NavLink]) -> NavLink | None:
    """The site's contact page among ``links`` (by its path, else its label)."""
    for link in links:
        if (internal_path(link.href) or "").strip("/") in CONTACT_SLUGS:
            return link
    return next((link for link in links if "contact" in link.label.lower()), None)


class NavProps:
    """Fills one navbar or footer block from its example props."""

    def __init__(self, context: WebsiteContext, links: list[NavLink]) -> None:
        self.context = context
        self.links = links
        self.writer = Copywriter(context, "home")
        self.contact = contact_link(links)

    def fill(self, component: AiSemanticComponent) -> tuple[dict, PageList] | None:
        """The block's props and where its menu is; None for a block whose example holds no menu to fill."""
        schema = contract(component)
        example = schema.get("x-example-props")
        menu = page_list(example) if isinstance(example, dict) else None
        if menu is None:
            return None
        self.constraints = schema.get("x-prop-constraints") or {}
        slots = {slot_key(str(s.get("path") or k)): s for k, s in (schema.get("x-media-slots") or {}).items()
                 if isinstance(s, dict)}  # fmt: skip
        props: dict = {}
        for key, value in example.items():
            if key == menu.key:
                filled = self._menu(menu, example[key])
            elif key in slots:
                filled = self._logo(value, slots[key], key)
            else:
                filled = self._other(key, value, key)
            if filled is not MISSING:
                props[key] = filled
        return props, menu

    def _limit(self, path: str) -> int | None:
        rules = self.constraints.get(slot_key(path)) or {}
        return rules.get("maxLength") if isinstance(rules, dict) and isinstance(rules.get("maxLength"), int) else None

    def _menu(self, menu: PageList, example: list) -> list:
        limit = self._limit(menu.link_path())
        items = [{menu.label_key: cut(link.label, limit), menu.href_key: link.href} for link in self.links]
        if not menu.group_key:
            return items
        title = fit([self.context.name, "Pages"], self._limit(f"{menu.key}[].{menu.title_key}"))
        return [{menu.title_key: title, menu.group_key: items}]

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
            if _link_shape(example):
                return self._action(example, path)
            if "address" in words:
                return self._address(example)
            inner = {k: self._other(k, v, f"{path}.{k}") for k, v in example.items()}
            inner = {k: v for k, v in inner.items() if v is not MISSING}
            return inner or MISSING
        if isinstance(example, list) and example and _link_shape(example[0]) and words & {"actions", "buttons", "ctas"}:
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
        label_key, href_key = _link_shape(example)  # type: ignore[misc] - callers checked the shape
        value = {k: v for k, v in example.items() if k in KEPT_CONFIG and isinstance(v, str)}
        label = cut(self.contact.label, self._limit(f"{path}.{label_key}"))
        return {**value, label_key: label, href_key: self.contact.href}
