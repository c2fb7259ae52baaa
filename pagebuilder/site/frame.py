"""What a page built as part of a whole site must respect (``SiteFrame``); a module of its own so the copywriter
and the pipeline's shapes (``pagebuilder.structure``) can both use it without importing each other."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteFrame:
    """What a page built as part of a whole site (``pagebuilder.site.build``) must respect: its type and
    sections from the sitemap, the site's pages (the only internal link targets), its own focus keyword, and the
    sentences other pages of the site say already (``avoid``), which it does not repeat."""

    page_type: str
    sections: tuple[str, ...]
    pages: tuple[tuple[str, str], ...]  # (slug, title) of every page the site will have
    title: str = ""
    focus_keyword: str = ""
    lead: str = ""  # the page's own opening sentence, from the site's data (``pagebuilder.site.copy``)
    avoid: frozenset[str] = frozenset()
    variant: int = 0  # the page's place in the build, so pages take different phrasings of the same thing
    purpose: str = ""  # the sitemap's one line on what the page is for (guidance for a model, never copy)
