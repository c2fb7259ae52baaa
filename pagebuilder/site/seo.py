"""SEO across the pages of a site: one focus keyword per page, and titles and descriptions no two pages share.

Keywords are handed out in the site's priority order: the home page gets the top one, every other page the
unused keyword that shares most words with its title, purpose and sections (ties go to the higher priority).
A site with fewer keywords than pages leaves the last pages without one, and their SEO report says so. Titles
and descriptions that would repeat another page's get the page's own title worked in, within the limits.
"""

import re

from pagebuilder.copywriter import fit
from pagebuilder.site.sitemap import INTENT_CUES
from pagebuilder.structure import SEO_DESCRIPTION_MAX, SEO_TITLE_MAX, SeoMetadata

_WORD = re.compile(r"[a-z0-9]+")
# Words people use for what a page of each type is about, beyond the words the sitemap's intent cues name.
PAGE_WORDS = {
    **{page_type: set(cues) for page_type, cues in INTENT_CUES.items()},
    "contact": {"contact", "call", "phone", "email", "reach", "visit", "book", "booking"},
    "about": {"about", "story", "history", "who", "mission", "values"},
    "services": {"services", "service", "classes", "offer", "offers", "treatments", "courses", "workshops"},
}


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def focus_keywords(pages: list[dict], keywords: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Slug → its focus keyword ("" when the keywords ran out) for the sitemap's ``pages``: the home page takes
    the top keyword; then, best matches first, each page the keyword sharing most words with what it is about
    (its title, purpose, sections and the words people use for its type, "teachers" for a team page); the pages
    left take the keywords left in priority order."""
    available = [k for k in dict.fromkeys(k.strip() for k in keywords) if k]
    chosen: dict[str, str] = {page["slug"]: "" for page in pages}
    home = next((page for page in pages if page["page_type"] == "home"), None)
    if home is not None and available:
        chosen[home["slug"]] = available.pop(0)
    rest = [page for page in pages if page is not home]
    pairs = sorted(
        ((_match(k, page), -rank, -order, page["slug"], k)
         for order, page in enumerate(rest) for rank, k in enumerate(available)),
        reverse=True,
    )  # fmt: skip
    for overlap, _, _, slug, keyword in pairs:
        if overlap and not chosen[slug] and keyword in available:
            chosen[slug] = keyword
            available.remove(keyword)
    for page in rest:
        if not chosen[page["slug"]] and available:
            chosen[page["slug"]] = available.pop(0)
    return chosen


def _match(keyword: str, page: dict) -> int:
    """How well ``keyword`` fits the page: a word naming what the page is (its type, its title, the words people
    use for it) counts twice a word of its purpose or sections (which mention the city on every page)."""
    words = _words(keyword)
    named = _words(f"{page['title']} {page['page_type']}") | PAGE_WORDS.get(page["page_type"], set())
    mentioned = _words(" ".join([page.get("purpose", ""), *page["sections"]]))
    return 2 * len(words & named) + len(words & mentioned - named)


def unique_seo(pages: list[tuple[str, str, SeoMetadata]], taken: list[tuple[str, str]] = ()) -> None:
    """Make the (slug, page title, seo) entries' titles and descriptions unique across the site, in place;
    ``taken``: (title, description) of the site's other live pages, which keep theirs."""
    titles = {title.lower() for title, _ in taken if title}
    descriptions = {description.lower() for _, description in taken if description}
    for _, page_title, seo in pages:
        if seo.title.lower() in titles:
            base = seo.title
            options = [f"{page_title} | {base}", f"{base} – {page_title}", f"{page_title} – {base}"[:SEO_TITLE_MAX]]
            seo.title = next((o for o in options if len(o) <= SEO_TITLE_MAX and o.lower() not in titles), options[-1])
        titles.add(seo.title.lower())
        if seo.description.lower() in descriptions:
            description = fit([f"{page_title}: {seo.description}"], SEO_DESCRIPTION_MAX)
            seo.description = description if description.lower() not in descriptions else f"{page_title}."
        descriptions.add(seo.description.lower())
