"""Internal links of a site: the path of each page, and every link a block's props hold.

A page lives at ``/<slug>``; ``/`` is the site's home page (the page of type ``home``). ``hrefs`` walks any
props tree and yields (path, value) for every string under a link key (``href``, ``url``, ``buttonUrl`` …), so
navigation, the SEO report and link repair read links the same way.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from pagebuilder.prop_paths import is_link_key

MAX_DEPTH = 12
NOT_PAGE_LINKS = frozenset({"src", "formAction"})  # an image, where a form posts: not links to a page


def page_href(slug: str) -> str:
    return f"/{slug}"


def hrefs(props: object, path: str = "", depth: int = 0) -> Iterator[tuple[str, str]]:
    """(path, link) for every string under a link key in ``props`` (images and form actions excluded)."""
    if depth > MAX_DEPTH:
        return
    if isinstance(props, dict):
        for key, value in props.items():
            where = f"{path}.{key}" if path else str(key)
            if isinstance(value, str) and is_link_key(str(key)) and key not in NOT_PAGE_LINKS:
                yield where, value
            elif isinstance(value, dict | list):
                yield from hrefs(value, where, depth + 1)
    elif isinstance(props, list):
        for index, item in enumerate(props):
            yield from hrefs(item, f"{path}[{index}]", depth + 1)


def internal_path(href: str) -> str | None:
    """The site path an href points to ("/about" for "/about#team"), None for anchors on the same page
    ("#contact"), mail, phone and links to other sites."""
    href = (href or "").strip()
    if not href or href.startswith("#"):
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    return parts.path or None


def resolves(href: str, slugs: set[str], home_slug: str | None) -> bool:
    """Whether an internal ``href`` leads to one of the site's pages (``slugs``); external links and anchors
    count as resolving (they are not the site's to check here)."""
    path = internal_path(href)
    if path is None:
        return True
    if path == "/":
        return home_slug is not None
    return path.strip("/") in slugs


@dataclass(frozen=True)
class SiteLinks:
    """The pages a site's links may lead to, in menu order: (slug, title, page type) of each."""

    pages: tuple[tuple[str, str, str], ...]

    @classmethod
    def of(cls, pages: list[tuple[str, str, str]]) -> "SiteLinks":
        return cls(tuple(pages))

    @property
    def slugs(self) -> list[str]:
        return [slug for slug, _, _ in self.pages]

    @property
    def home_slug(self) -> str | None:
        return next((slug for slug, _, page_type in self.pages if page_type == "home"), None)

    @property
    def fallback_href(self) -> str | None:
        """Where a link to a page the site does not have leads instead: its contact page, else its home page."""
        for wanted in ("contact", "home"):
            slug = next((slug for slug, _, page_type in self.pages if page_type == wanted), None)
            if slug:
                return page_href(slug)
        return page_href(self.pages[0][0]) if self.pages else None

    def resolves(self, href: str) -> bool:
        return resolves(href, set(self.slugs), self.home_slug)


def retargeted(props: object, links: SiteLinks) -> tuple[object, list[str]]:
    """``props`` with every internal link to a page the site does not have pointed at ``links.fallback_href``
    (a new structure; the input is not modified), and the links that were changed."""
    changed: list[str] = []

    def walk(value: object, key: object = None) -> object:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(item) for item in value]
        is_link = isinstance(value, str) and isinstance(key, str) and key not in NOT_PAGE_LINKS and is_link_key(key)
        if is_link and links.fallback_href and not links.resolves(value):
            changed.append(value)
            return links.fallback_href
        return value

    return walk(props), changed
