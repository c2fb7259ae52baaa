"""The site's navigation: one navbar block and one footer block, chosen once for the whole site and shown on every
page, whose menus link to exactly the sitemap's pages.

``choose_navigation`` searches the registry's navbar and footer categories, fills every block whose example holds
a menu (``nav_props``), ranks plain link lists before lists whose dropdowns are left out before one link group
before a "More" dropdown or several groups (``nav_menu.MenuLayout``; then the fewest example props left out, the
search score and the id, so the same inputs give the same choice) and keeps the first
block that is valid against its contract after rule repair, whose menu is the given pages in order and whose
every other link is one of them or a tel:/mailto: link. ``navigation_with`` fills the blocks a site already
uses again (a page rebuilt, pages added or removed) and chooses anew only for a block that is gone or no longer
fits.
"""

from dataclasses import dataclass

from pagebuilder.candidates import BLOCK_COLUMNS, contract, missing_capabilities, search_blocks
from pagebuilder.context import WebsiteContext
from pagebuilder.site.links import hrefs
from pagebuilder.site.nav_menu import PageList, menu_hrefs
from pagebuilder.site.nav_props import NavLink, NavProps
from pagebuilder.validation import repair_block
from registry.categories import categories_for, category_phrase
from registry.models import AiSemanticComponent

SEARCH_POOL = 40  # more than either category holds in the real library (21 navbars, 19 footers)
SHOWN_REASONS = 3
KINDS = ("navbar", "footer")
__all__ = ["NavBlock", "NavLink", "SiteNavigation", "choose_navigation", "menu_hrefs", "navigation_with"]


@dataclass(frozen=True)
class NavBlock:
    semantic_type: str  # "navbar" or "footer"
    component: AiSemanticComponent
    props: dict  # valid against the component's contract


@dataclass(frozen=True)
class SiteNavigation:
    navbar: NavBlock | None
    footer: NavBlock | None
    notes: tuple[str, ...]  # why a block is missing, what was passed over


def choose_navigation(context: WebsiteContext, links: list[NavLink]) -> SiteNavigation:
    """A navbar and a footer from the registry whose menus are ``links``, in order."""
    return navigation_with(context, links, None, None)


def navigation_with(
    context: WebsiteContext, links: list[NavLink], navbar_id: str | None, footer_id: str | None
) -> SiteNavigation:
    """The site's stored navbar and footer (by component id) filled again for ``links``; a block no longer in
    the registry, or that cannot hold ``links``, is replaced by a new choice and the notes say so."""
    if not links:
        return SiteNavigation(None, None, ("No navigation: the site has no pages to link to yet.",))
    chosen: dict[str, NavBlock | None] = {}
    notes: list[str] = []
    for kind, component_id in zip(KINDS, (navbar_id, footer_id), strict=True):
        block, kind_notes = _kept(kind, component_id, context, links)
        chosen[kind] = block
        notes += kind_notes
    return SiteNavigation(chosen["navbar"], chosen["footer"], tuple(notes))


def _kept(
    kind: str, component_id: str | None, context: WebsiteContext, links: list[NavLink]
) -> tuple[NavBlock | None, list[str]]:
    notes = []
    if component_id:
        component = AiSemanticComponent.objects.filter(component_id=component_id).exclude(deprecated=True).first()
        if component is None:
            notes.append(f"The {kind} {component_id} is no longer in the registry; another {kind} was chosen.")
        else:
            block, problem = _filled(kind, component, NavProps(context, links), context, links)
            if block is not None:
                return block, []
            notes.append(f"The {kind} {component_id} cannot show the site's pages ({problem}); another was chosen.")
    block, more = _choose(kind, context, links)
    return block, notes + more


def _choose(kind: str, context: WebsiteContext, links: list[NavLink]) -> tuple[NavBlock | None, list[str]]:
    filler = NavProps(context, links)
    ranked, passed, without_menu = [], [], 0
    for component, score in _found(kind, context):
        filled = filler.fill(component)
        if filled is None:
            without_menu += 1
            continue
        missing = missing_capabilities(component, context.capabilities)
        if missing:
            passed.append(f"{component.component_id} (needs {', '.join(missing)})")
            continue
        left_out = len(contract(component).get("x-example-props") or {}) - len(filled.props)
        ranked.append(((filled.rank, left_out, -score, component.component_id), component, filled.props, filled.menu))
    for _, component, props, menu in sorted(ranked, key=lambda entry: entry[0]):
        block, problem = _checked(kind, component, props, menu, context, links)
        if block is not None:
            return block, [_passed_note(kind, passed)] if passed else []
        passed.append(f"{component.component_id} ({problem})")
    reasons = "; ".join(passed[:SHOWN_REASONS]) or "none was found"
    return None, [
        f"No {kind}: no {kind} block of the registry can show the site's {len(links)} pages as its menu "
        f"({without_menu} have no menu to fill; {reasons})."
    ]


def _passed_note(kind: str, passed: list[str]) -> str:
    more = f" and {len(passed) - SHOWN_REASONS} more" if len(passed) > SHOWN_REASONS else ""
    return f"For the {kind}, passed over {'; '.join(passed[:SHOWN_REASONS])}{more}."


def _found(kind: str, context: WebsiteContext) -> list[tuple[AiSemanticComponent, float]]:
    """Every live block of the kind's categories, those the search finds first with their scores."""
    query = f"{category_phrase(kind) or kind} for a {context.brand.industry}"
    found = search_blocks(query, kind, limit=SEARCH_POOL)
    seen = {component.component_id for component, _ in found}
    rest = (
        AiSemanticComponent.objects.filter(category__in=categories_for(kind))
        .exclude(deprecated=True)
        .exclude(component_id__in=seen)
        .only(*BLOCK_COLUMNS)
        .order_by("component_id")
    )
    return [*found, *((component, 0.0) for component in rest)]


def _filled(
    kind: str, component: AiSemanticComponent, filler: NavProps, context: WebsiteContext, links: list[NavLink]
) -> tuple[NavBlock | None, str]:
    filled = filler.fill(component)
    if filled is None:
        return None, "its example has no menu to fill"
    return _checked(kind, component, filled.props, filled.menu, context, links)


def _checked(
    kind: str,
    component: AiSemanticComponent,
    props: dict,
    menu: PageList,
    context: WebsiteContext,
    links: list[NavLink],
) -> tuple[NavBlock | None, str]:
    """The block when its repaired props are valid, its menu is ``links`` and it links nowhere else; else why
    not."""
    result = repair_block(component, component.component_id, props, context)
    if not result.ok:
        return None, result.violations[0].message
    wanted = [link.href for link in links]
    if menu_hrefs(result.props, menu) != wanted:
        return None, "its menu cannot hold every page"
    allowed = set(wanted)
    stray = [href for _, href in hrefs(result.props) if href not in allowed and not _contact_link(href)]
    if stray:
        return None, f"it links to {stray[0]!r}"
    return NavBlock(kind, component, result.props), ""


def _contact_link(href: str) -> bool:
    return href.startswith(("tel:", "mailto:"))
