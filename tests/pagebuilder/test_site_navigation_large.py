"""Navigation for sites of 7 to 12 pages (issue 16): when no flat menu holds every page, the navbar keeps the first
pages at the top level and the rest under a last "More" dropdown, or splits them into the groups of a mega menu,
and the footer splits them into columns; every page is linked exactly once, in sitemap order, within the
contract's limits, and the preview draws the submenus.

Over the demo registry and the real @opensite/ui export (skipped only when ../shared/opensite is absent).
"""

import pytest

from pagebuilder.context import build_context
from pagebuilder.site.links import page_href
from pagebuilder.site.nav_menu import MORE, PAGES
from pagebuilder.site.navigation import NavLink, choose_navigation, navigation_with
from tests.helpers.opensite import needs_export, only_the_real_library
from tests.helpers.page_copy import new_website
from tests.pagebuilder.test_site_navigation import assert_site_navigation, render

pytestmark = pytest.mark.django_db

TITLES = ("Home", "About", "Services", "Menu", "Catering", "Gallery", "Team", "Reviews", "Blog", "FAQ", "Careers")


def site_links(count: int) -> list[NavLink]:
    """``count`` pages, the contact page last (as sitemaps put it)."""
    pages = [NavLink(title, page_href(title.lower())) for title in TITLES[: count - 1]]
    return [*pages, NavLink("Contact", page_href("contact"))]


def assert_drawn(html: str, links: list[NavLink]) -> None:
    """The preview shows every page in the navbar and in the footer, under its own label."""
    body = html[html.index("<body>") :]
    navbar, footer = body.split('<footer id="blk_footer"')
    for link in links:
        assert f'href="{link.href}"' in navbar and f'href="{link.href}"' in footer, link
        assert f">{link.label}<" in body


# -- the demo registry -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [7, 8, 12])
def test_a_demo_site_of_7_to_12_pages_gets_a_navbar_and_footer_linking_every_page_once(crumb, count):
    context = build_context(crumb)
    links = site_links(count)

    navigation = choose_navigation(context, links)

    assert_site_navigation(navigation, context, links)
    assert navigation.notes == ()  # blocks whose menus cannot hold the pages are not even tried
    assert choose_navigation(context, links) == navigation
    navbar = navigation.navbar.props  # type: ignore[union-attr]
    assert navigation.navbar.component.component_id == "navbar-mega-dropdown"  # type: ignore[union-attr]
    assert [menu["label"] for menu in navbar["menus"]] == [PAGES] and "links" not in navbar
    groups = navbar["menus"][0]["groups"]
    assert [len(group["links"]) for group in groups] == ([4, 3], [4, 4], [6, 6])[(7, 8, 12).index(count)]
    assert [group["title"] for group in groups] == [context.name, MORE]
    assert_drawn(render(navigation, context), links)


def test_a_demo_site_of_12_pages_splits_its_footer_into_columns(crumb):
    context = build_context(crumb)
    links = site_links(12)

    navigation = choose_navigation(context, links)

    footer = navigation.footer
    assert footer is not None and footer.component.component_id == "footer-multi-column", navigation.notes
    columns = footer.props["columns"]
    assert [len(column["links"]) for column in columns] == [4, 4, 4]  # three columns at least, eight links at most
    assert [column["title"] for column in columns] == [context.name, MORE, MORE]


def test_a_new_seven_page_site_without_an_address_gets_footer_columns(registry):
    context = build_context(new_website())
    links = site_links(7)

    navigation = choose_navigation(context, links)

    assert_site_navigation(navigation, context, links)
    assert navigation.footer.component.component_id == "footer-multi-column"  # type: ignore[union-attr]
    assert [len(column["links"]) for column in navigation.footer.props["columns"]] == [3, 2, 2]  # type: ignore[union-attr]


def test_a_flat_menu_is_kept_while_it_holds_every_page(crumb):
    context = build_context(crumb)
    links = site_links(6)

    navigation = choose_navigation(context, links)

    assert_site_navigation(navigation, context, links)
    assert navigation.navbar.component.component_id == "navbar-basic"  # type: ignore[union-attr]


# -- the real @opensite/ui library -----------------------------------------------------------------------------


@needs_export
def test_real_sites_of_7_8_and_12_pages_get_navigation_the_preview_draws(crumb):
    only_the_real_library()  # one sync for every check: it is the slow part
    context = build_context(crumb)

    for count in (7, 8, 12):
        links = site_links(count)
        navigation = choose_navigation(context, links)

        assert_site_navigation(navigation, context, links)
        assert choose_navigation(context, links) == navigation
        assert_drawn(render(navigation, context), links)

    links = site_links(8)
    navigation = navigation_with(context, links, "navbar-dropdown-menu", "footer-links-grid")

    assert navigation.notes == (), navigation.notes
    assert_site_navigation(navigation, context, links)
    items = navigation.navbar.props["menuItems"]  # type: ignore[union-attr]
    assert [item["label"] for item in items] == [link.label for link in links[:5]] + [MORE]  # six at most
    assert items[-1] == {
        "label": MORE,
        "subMenuItems": [{"label": link.label, "href": link.href} for link in links[5:]],
    }
    columns = navigation.footer.props["menuItems"]  # type: ignore[union-attr]
    assert [(column["title"], len(column["links"])) for column in columns] == [(context.name, 4), (MORE, 4)]
    assert_drawn(render(navigation, context), links)
