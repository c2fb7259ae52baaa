"""The site's navbar and footer (issue 16, item 3): one block of each chosen from the registry, whose menu is
exactly the sitemap's pages in order, with the site's own logo, name and facts and nothing of the example left.

Over the demo registry and the real @opensite/ui export (skipped only when ../shared/opensite is absent), for
both demo websites and a new website with no logo and no facts; the real library's blocks also go through the
preview renderer.
"""

import re

import pytest

from pagebuilder.candidates import contract
from pagebuilder.context import WebsiteContext, build_context
from pagebuilder.copywriter import sentences
from pagebuilder.preview import render_page
from pagebuilder.prop_paths import key_words
from pagebuilder.site.links import hrefs, page_href
from pagebuilder.site.navigation import NavBlock, NavLink, SiteNavigation, choose_navigation, navigation_with
from pagebuilder.validation import validate_block
from tests.helpers.opensite import needs_export, only_the_real_library
from tests.helpers.page_copy import new_website

pytestmark = pytest.mark.django_db

PAGES = (("home", "Home"), ("about", "About"), ("services", "Services"), ("contact", "Contact"))
LINKS = [NavLink(title, page_href(slug)) for slug, title in PAGES]
EXAMPLE_WORDS = re.compile(r"\b(company|get started|example\.com|example company|sign ?up|log ?in)\b", re.I)


def strings(value: object) -> list[tuple[str, str]]:
    """(key, text) for every string in a props tree."""
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in strings_under(str(key), item)]
    if isinstance(value, list):
        return [pair for item in value for pair in strings(item)]
    return []


def strings_under(key: str, value: object) -> list[tuple[str, str]]:
    return [(key, value)] if isinstance(value, str) else strings(value)


def problems(block: NavBlock | None, context: WebsiteContext, links: list[NavLink]) -> list[str]:
    """Every way ``block`` breaks the rules for site navigation."""
    if block is None:
        return ["no block"]
    where, props = block.component.component_id, block.props
    found = [f"{where}: {v}" for v in validate_block(block.component, block.component.component_id, props, context)]
    allowed = {link.href for link in links}
    facts = context.facts
    for path, href in hrefs(props):
        if href.startswith("tel:"):
            found += [] if facts.phone else [f"{where}: a phone link with no phone in the facts: {path}"]
        elif href.startswith("mailto:"):
            found += [] if facts.email else [f"{where}: a mail link with no email in the facts: {path}"]
        elif href not in allowed:
            found.append(f"{where}: {path} links to {href!r}, not a page of the site")
    example = {text for _, text in strings(contract(block.component).get("x-example-props"))}
    ours = {link.label for link in links} | allowed | {context.name}
    for key, text in strings(props):
        if EXAMPLE_WORDS.search(text):
            found.append(f"{where}: example text {text!r} under {key}")
        if text in example and text not in ours:
            found.append(f"{where}: {key} kept the example's {text!r}")
        words = set(key_words(key))
        if words & {"phone", "email", "address", "line1"} and text not in (facts.phone, facts.email, facts.address):
            found.append(f"{where}: {key} {text!r} is not the site's own contact detail")
    return found


def menu(block: NavBlock) -> list[tuple[str, str]]:
    """(label, href) of the block's page links, in order: every link of the props but buttons and contact."""
    pairs = []
    for path, href in hrefs(block.props):
        if href.startswith(("tel:", "mailto:")) or re.search(r"(?i)(cta|action|button)", path):
            continue
        item_path = path.rsplit(".", 1)[0]
        item = _at(block.props, item_path)
        label = next((item[k] for k in ("label", "title", "text", "name") if isinstance(item.get(k), str)), "")
        pairs.append((label, href))
    return pairs


def _at(props: dict, path: str) -> dict:
    node: object = props
    for token in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        node = node[int(token[1:-1])] if token.startswith("[") else node[token]  # type: ignore[index]
    return node  # type: ignore[return-value]


def assert_site_navigation(navigation: SiteNavigation, context: WebsiteContext, links: list[NavLink]) -> None:
    assert navigation.navbar is not None and navigation.footer is not None, navigation.notes
    assert navigation.navbar.semantic_type == "navbar" and navigation.footer.semantic_type == "footer"
    assert navigation.navbar.component.category == "navbar" and navigation.footer.component.category == "footer"
    found = problems(navigation.navbar, context, links) + problems(navigation.footer, context, links)
    assert found == [], "\n".join(found)
    wanted = [(link.label, link.href) for link in links]
    assert menu(navigation.navbar) == wanted
    assert menu(navigation.footer) == wanted


def block_payload(block: NavBlock) -> dict:
    """The block as a design payload holds it (``pagebuilder.payload``)."""
    component = block.component
    return {"_id": f"blk_{block.semantic_type}", "_type": "Block", "_name": block.semantic_type,
            "_component": component.component_id, "_props": block.props, "_styles": {}, "_children": []}  # fmt: skip


def render(navigation: SiteNavigation, context: WebsiteContext) -> str:
    blocks = [block_payload(navigation.navbar), block_payload(navigation.footer)]  # type: ignore[arg-type]
    categories = {block["_component"]: block["_name"] for block in blocks}
    media = {item.url: (item.width, item.height) for item in context.media}
    return render_page({"version": "1.0", "blocks": blocks}, css="", media=media, categories=categories)


def ids(navigation: SiteNavigation) -> tuple[str | None, str | None]:
    return tuple(b.component.component_id if b else None for b in (navigation.navbar, navigation.footer))  # type: ignore[return-value]


def assert_logo(navigation: SiteNavigation, context: WebsiteContext) -> None:
    """The site's own logo (its media record's URL and alt text) wherever a block shows one; none without."""
    logo = context.site_logo
    for block in (navigation.navbar, navigation.footer):
        assert block is not None
        has_slot = "logo" in (contract(block.component).get("x-media-slots") or {})
        if logo is None or not has_slot:
            assert "logo" not in block.props
        else:
            assert block.props["logo"]["src"] == logo.url
            assert block.props["logo"]["alt"] == (logo.alt or logo.title)


# -- the demo registry -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("subdomain", ["crumbandco", "brightside"])
def test_a_demo_website_gets_a_navbar_and_a_footer_linking_exactly_its_pages(demo_sites, subdomain):
    context = build_context(demo_sites[subdomain])

    navigation = choose_navigation(context, LINKS)

    assert_site_navigation(navigation, context, LINKS)
    assert context.site_logo is not None
    assert_logo(navigation, context)
    assert context.name in navigation.footer.props["copyright"]  # type: ignore[union-attr]
    assert choose_navigation(context, LINKS) == navigation  # the same inputs give the same blocks and props


def test_a_new_website_without_logo_or_facts_gets_navigation_without_invented_details(registry):
    context = build_context(new_website())
    assert context.site_logo is None and not (context.facts.phone or context.facts.email or context.facts.address)

    navigation = choose_navigation(context, LINKS)

    assert_site_navigation(navigation, context, LINKS)
    assert_logo(navigation, context)
    assert not [href for block in (navigation.navbar, navigation.footer) for _, href in hrefs(block.props)
                if href.startswith(("tel:", "mailto:"))]  # fmt: skip
    assert any("footer-contact-newsletter (needs location_address)" in note for note in navigation.notes)


def test_a_footer_with_contact_details_shows_the_sites_own_and_leaves_the_newsletter_out(crumb):
    context = build_context(crumb)
    facts = context.facts
    assert facts.address and facts.phone and facts.email

    navigation = navigation_with(context, LINKS, None, "footer-contact-newsletter")

    footer = navigation.footer
    assert footer is not None and footer.component.component_id == "footer-contact-newsletter", navigation.notes
    assert problems(footer, context, LINKS) == []
    assert (footer.props["address"], footer.props["phone"], footer.props["email"]) == (
        {"line1": facts.address},
        facts.phone,
        facts.email,
    )
    assert "newsletter" not in footer.props
    assert [link["href"] for link in footer.props["links"]] == [link.href for link in LINKS]


def test_the_site_keeps_its_blocks_when_pages_are_added_or_removed(crumb):
    context = build_context(crumb)
    first = choose_navigation(context, LINKS)
    more = [*LINKS[:3], NavLink("Our team", page_href("team")), LINKS[3]]
    fewer = [LINKS[0], LINKS[3]]

    for links in (more, fewer):
        again = navigation_with(context, links, *ids(first))

        assert ids(again) == ids(first) and again.notes == ()
        assert_site_navigation(again, context, links)


def test_a_block_no_longer_in_the_registry_is_replaced_and_the_notes_say_so(crumb):
    context = build_context(crumb)
    first = choose_navigation(context, LINKS)

    again = navigation_with(context, LINKS, "navbar-gone", ids(first)[1])

    assert ids(again) == ids(first)
    assert_site_navigation(again, context, LINKS)
    assert any("navbar-gone is no longer in the registry" in note for note in again.notes)


def test_a_kept_block_that_cannot_show_the_pages_any_more_is_replaced(studio):
    context = build_context(studio)  # no address: the contact footer needs one

    navigation = navigation_with(context, LINKS, "navbar-basic", "footer-contact-newsletter")

    assert ids(navigation)[0] == "navbar-basic" and ids(navigation)[1] not in (None, "footer-contact-newsletter")
    assert_site_navigation(navigation, context, LINKS)
    assert any("footer-contact-newsletter cannot show" in note for note in navigation.notes)


def test_more_pages_than_any_menu_holds_gives_no_block_rather_than_a_cut_menu(crumb):
    context = build_context(crumb)
    links = [NavLink(f"Page {n}", page_href(f"page-{n}")) for n in range(1, 42)]  # demo footers hold 40 at most

    navigation = choose_navigation(context, links)

    assert navigation.footer is None
    assert [note.split(":")[0] for note in navigation.notes] == ["No footer"]
    assert "41 pages" in navigation.notes[0]
    assert navigation.navbar is not None and problems(navigation.navbar, context, links) == []
    assert menu(navigation.navbar) == [(link.label, link.href) for link in links]  # the mega menu's groups


def test_a_site_without_pages_gets_no_navigation(crumb):
    navigation = choose_navigation(build_context(crumb), [])

    assert (navigation.navbar, navigation.footer) == (None, None) and navigation.notes


# -- the real @opensite/ui library -----------------------------------------------------------------------------


@needs_export
def test_the_real_library_gives_every_site_navigation_the_preview_draws(demo_sites):
    only_the_real_library()  # one sync for every check: it is the slow part
    sites = [*demo_sites.values(), new_website()]

    for site in sites:
        context = build_context(site)
        navigation = choose_navigation(context, LINKS)

        assert_site_navigation(navigation, context, LINKS)
        assert_logo(navigation, context)
        assert choose_navigation(context, LINKS) == navigation
        kept = navigation_with(context, LINKS, *ids(navigation))
        assert (kept.navbar, kept.footer, kept.notes) == (navigation.navbar, navigation.footer, ())
        footer = navigation.footer
        groups = [v for v in footer.props.values() if isinstance(v, list) and v and isinstance(v[0], dict)
                  and any(isinstance(inner, list) for inner in v[0].values())]  # fmt: skip
        assert all(len(group) == 1 and context.name in group[0].values() for group in groups)
        html = render(navigation, context)
        body = html[html.index("<body>") :]
        assert body.count('<header id="blk_navbar"') == 1 and body.count('<footer id="blk_footer"') == 1
        for link in LINKS:
            assert body.count(f'href="{link.href}"') >= 2 and f">{link.label}<" in body
        assert context.site_logo is None or f'src="{context.site_logo.url}"' in body


@needs_export
def test_real_blocks_lose_their_dropdowns_and_example_buttons_and_keep_one_group_of_pages(crumb):
    only_the_real_library()
    context = build_context(crumb)

    navigation = navigation_with(context, LINKS, "navbar-dropdown-menu", "footer-links-grid")

    assert ids(navigation) == ("navbar-dropdown-menu", "footer-links-grid"), navigation.notes
    assert_site_navigation(navigation, context, LINKS)
    navbar, footer = navigation.navbar.props, navigation.footer.props  # type: ignore[union-attr]
    assert [sorted(item) for item in navbar["menuItems"]] == [["href", "label"]] * len(LINKS)  # no submenus
    assert navbar["ctaButton"] == {"label": "Contact", "href": "/contact"}  # not "Get Started" → /signup
    assert footer["menuItems"] == [
        {"title": context.name, "links": [{"text": link.label, "url": link.href} for link in LINKS]}
    ]
    assert footer["logo"]["title"] == context.name and "url" not in footer["logo"]
    assert footer["tagline"] == sentences(context.brand.summary)[0]
