"""Where a navbar or footer keeps its menu, and the menu laid out for the site's pages within the contract.

``page_list`` reads the shape of a block's example menu: a list of links (``[{label, href}]``), of link groups
(footer columns ``[{title, links: [...]}]``) or of dropdowns (``[{label, subMenuItems | dropdownItems | groups:
[...]}]``, a dropdown holding links or link groups). ``MenuLayout.menu`` writes exactly the site's pages, in order,
into that shape: a flat list when the contract's limits allow, else the first pages at the top level and a last
item "More" whose submenu holds the rest, or the pages split into as many groups as the limits need. Group titles
are the site's name then "More": a block's menu needs titles, and nothing else about the pages is known here.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from math import ceil

from pagebuilder.copywriter import cut, fit
from pagebuilder.site.links import hrefs

LABEL_KEYS = ("label", "title", "text", "name")
HREF_KEYS = ("href", "url", "link")
GROUP_LINK_KEYS = ("links", "items")
# Keys a block's menu goes under; other link lists (products, features, socialLinks, appLinks) are not menus.
MENU_KEYS = frozenset({"menuItems", "links", "menuLinks", "navItems", "navLinks", "navigation", "navigationLinks",
                       "sitemap", "columns", "menu", "menus", "pages", "items", "mainLinks"})  # fmt: skip
MORE = "More"  # the label of the dropdown that holds the pages the top level has no room for
PAGES = "Pages"  # the label of a menu's only dropdown when its top level holds nothing but dropdowns
UNFIT = 9  # the rank of a menu that cannot hold the pages: its block is tried last, for the notes' reasons
GROUP_SIZE = 6  # links per group when the contract sets no limit (a longer column or panel reads badly)


@dataclass(frozen=True)
class Links:
    """A list of links {label: …, href: …}."""

    label: str
    href: str


@dataclass(frozen=True)
class Groups:
    """A list of link groups {title: …, key: [links]}."""

    title: str
    key: str
    links: Links


@dataclass(frozen=True)
class Dropdown:
    """A menu item {label: …, key: [submenu]} whose submenu is links or link groups."""

    label: str
    key: str
    inner: Links | Groups


@dataclass(frozen=True)
class PageList:
    """Where a block's menu is: ``key`` at the top level, whose items are ``items`` (links, or link groups) and,
    with ``dropdown``, may open a submenu; ``items`` is None for a menu of dropdowns only. ``nested`` when the
    example's items carry lists (submenus, icons lists) a flat menu leaves out."""

    key: str
    items: Links | Groups | None
    dropdown: Dropdown | None = None
    nested: bool = False


def link_shape(item: object) -> tuple[str, str] | None:
    """(label key, href key) of a link {label, href}; None for anything else."""
    if not isinstance(item, dict):
        return None
    label = next((k for k in LABEL_KEYS if isinstance(item.get(k), str)), None)
    href = next((k for k in HREF_KEYS if isinstance(item.get(k), str)), None)
    return (label, href) if label and href else None


def _links_in(items: object) -> Links | None:
    shape = next((s for s in map(link_shape, items) if s), None) if isinstance(items, list) else None
    return Links(*shape) if shape else None


def _group_shape(item: object) -> Groups | None:
    if not isinstance(item, dict):
        return None
    title = next((k for k in LABEL_KEYS if isinstance(item.get(k), str)), None)
    for key in GROUP_LINK_KEYS:
        links = _links_in(item.get(key))
        if title and links:
            return Groups(title, key, links)
    return None


def _groups_in(items: object) -> Groups | None:
    return next((g for g in map(_group_shape, items) if g), None) if isinstance(items, list) else None


def _dropdown_in(items: list) -> Dropdown | None:
    """The first item with a label and a list of links or link groups under another key."""
    for item in (i for i in items if isinstance(i, dict)):
        label = next((k for k in LABEL_KEYS if isinstance(item.get(k), str)), None)
        for key, value in item.items():
            inner = _links_in(value) or _groups_in(value)
            if label and inner:
                return Dropdown(label, key, inner)
    return None


def _candidate(key: str, items: list) -> tuple[int, PageList] | None:
    """(kind order, menu) for one example list: links first, then link groups, then dropdowns only."""
    links = _links_in(items)
    if links:
        nested = any(isinstance(v, list) for item in items if isinstance(item, dict) for v in item.values())
        return 0, PageList(key, links, _dropdown_in(items), nested)
    groups = _groups_in(items)
    if groups:
        return 1, PageList(key, groups)
    dropdown = _dropdown_in(items)
    return (2, PageList(key, None, dropdown)) if dropdown else None


def page_list(example: dict, required: Iterable[str] = ()) -> PageList | None:
    """The example's menu, a key the contract requires first (a block whose required prop is its dropdowns keeps
    a short list of extra links beside them), then links before groups before dropdowns; None without one."""
    wanted = set(required)
    found = []
    for key in sorted(k for k in example if k in MENU_KEYS and isinstance(example[k], list)):
        candidate = _candidate(key, example[key])
        if candidate:
            found.append((key not in wanted, candidate[0], key, candidate[1]))
    return min(found, key=lambda entry: entry[:3])[3] if found else None


def menu_hrefs(props: dict, menu: PageList) -> list[str]:
    """Every link of the block's menu, in order, submenus and groups included."""
    return [href for _, href in hrefs(props.get(menu.key))]


@dataclass(frozen=True)
class MenuLayout:
    """Lays the site's pages out in a menu's shape; ``rules(path)`` gives the contract's constraints of a prop
    path (``menuItems``, ``menuItems[].label``), ``site_name`` titles the first group."""

    rules: Callable[[str], dict]
    site_name: str

    def menu(self, menu: PageList, links: list) -> tuple[list, int]:
        """The menu's value and its rank: 0 a flat list, 1 one whose example dropdowns are left out, 2 one group,
        3 a "More" dropdown or several groups, 4 a dropdown of groups. A menu that cannot hold the pages comes
        back whole with rank ``UNFIT`` (the block's check then turns it down)."""
        if isinstance(menu.items, Links):
            flat = self._links(menu.key, menu.items, links)
            if flat is not None:
                return flat, int(menu.nested)
            more = self._with_more(menu, links) if menu.dropdown else None
            if more is not None:
                return more, 3 + isinstance(menu.dropdown.inner, Groups)  # type: ignore[union-attr]
            return self._written(menu.key, menu.items, links), UNFIT
        if isinstance(menu.items, Groups):
            groups = self._groups(menu.key, menu.items, links)
            if groups is not None:
                return groups, 2 if len(groups) == 1 else 3
            inner = self._written(f"{menu.key}[].{menu.items.key}", menu.items.links, links)
            return [{menu.items.title: self._title(menu.key, menu.items, 0), menu.items.key: inner}], UNFIT
        return self._dropdowns_only(menu, links)

    def _max(self, path: str, key: str = "maxItems") -> int | None:
        value = (self.rules(path) or {}).get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def _fits(self, path: str, count: int) -> bool:
        return (self._max(path, "minItems") or 0) <= count <= (self._max(path) or count)

    def _written(self, path: str, shape: Links, links: list) -> list[dict]:
        limit = self._max(f"{path}[].{shape.label}", "maxLength")
        return [{shape.label: cut(link.label, limit), shape.href: link.href} for link in links]

    def _links(self, path: str, shape: Links, links: list) -> list[dict] | None:
        return self._written(path, shape, links) if self._fits(path, len(links)) else None

    def _title(self, path: str, shape: Groups, index: int) -> str:
        options = [self.site_name, PAGES] if index == 0 else [MORE]
        return fit(options, self._max(f"{path}[].{shape.title}", "maxLength"))

    def _groups(self, path: str, shape: Groups, links: list) -> list[dict] | None:
        """The pages in as few groups as the limits allow (at least the contract's minimum), in order."""
        if not links:
            return None
        inner = f"{path}[].{shape.key}"
        count = min(
            len(links), max(self._max(path, "minItems") or 1, ceil(len(links) / (self._max(inner) or GROUP_SIZE)))
        )
        count = min(count, self._max(path) or count)
        groups = []
        for index, chunk in enumerate(_chunks(links, count)):
            written = self._links(inner, shape.links, chunk)
            if written is None:
                return None
            groups.append({shape.title: self._title(path, shape, index), shape.key: written})
        return groups if self._fits(path, len(groups)) else None

    def _submenu(self, path: str, shape: Links | Groups, links: list) -> list[dict] | None:
        return self._links(path, shape, links) if isinstance(shape, Links) else self._groups(path, shape, links)

    def _with_more(self, menu: PageList, links: list) -> list[dict] | None:
        """The first pages at the top level, the rest in a last dropdown "More"."""
        top, dropdown = self._max(menu.key), menu.dropdown
        if top is None or top < 2 or dropdown is None:
            return None
        head, rest = links[: top - 1], links[top - 1 :]
        submenu = self._submenu(f"{menu.key}[].{dropdown.key}", dropdown.inner, rest)
        if submenu is None:
            return None
        label = fit([MORE], self._max(f"{menu.key}[].{dropdown.label}", "maxLength"))
        return [*self._written(menu.key, menu.items, head), {dropdown.label: label, dropdown.key: submenu}]  # type: ignore[arg-type]

    def _dropdowns_only(self, menu: PageList, links: list) -> tuple[list, int]:
        """One dropdown "Pages" holding every page, in groups when its submenu is groups."""
        dropdown = menu.dropdown
        assert dropdown is not None  # page_list never gives a menu with neither items nor a dropdown
        submenu = self._submenu(f"{menu.key}[].{dropdown.key}", dropdown.inner, links)
        label = fit([PAGES], self._max(f"{menu.key}[].{dropdown.label}", "maxLength"))
        rank = UNFIT if submenu is None else 3 + isinstance(dropdown.inner, Groups)
        return [{dropdown.label: label, dropdown.key: submenu or []}], rank


def _chunks(items: list, count: int) -> list[list]:
    """``items`` in ``count`` consecutive runs, the first ones longer by one where they do not divide evenly."""
    size, extra = divmod(len(items), count)
    runs, start = [], 0
    for index in range(count):
        end = start + size + (index < extra)
        runs.append(items[start:end])
        start = end
    return runs
