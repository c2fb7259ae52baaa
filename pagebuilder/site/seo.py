"""SEO across the pages of a site: one focus keyword per page, and titles and descriptions no two pages share.

Keywords are handed out in the site's priority order: the home page gets the top one, every other page the
unused keyword that shares most words with its title, purpose and sections (ties go to the higher priority).
A site with fewer keywords than pages leaves the last pages without one, and their SEO report says so. Titles
and descriptions that would repeat another page's get the page's own title worked in, within the limits.
"""

import re

from pagebuilder.copywriter import fit
from pagebuilder.structure import SEO_DESCRIPTION_MAX, SEO_TITLE_MAX, SeoMetadata

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def focus_keywords(pages: list[dict], keywords: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Slug → its focus keyword ("" when the keywords ran out) for the sitemap's ``pages``."""
    available = [k for k in dict.fromkeys(k.strip() for k in keywords) if k]
    chosen: dict[str, str] = {}
    for page in sorted(pages, key=lambda p: p["page_type"] != "home"):  # stable: sitemap order otherwise
        if not available:
            chosen[page["slug"]] = ""
            continue
        about = _words(" ".join([page["title"], page.get("purpose", ""), page["page_type"], *page["sections"]]))
        best = max(available, key=lambda k: (len(_words(k) & about), -available.index(k)))
        if page["page_type"] == "home":
            best = available[0]
        chosen[page["slug"]] = best
        available.remove(best)
    return chosen


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
