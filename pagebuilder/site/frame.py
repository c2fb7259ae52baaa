"""What a page built as part of a whole site must respect (``SiteFrame``); a module of its own so the copywriter
and the pipeline's shapes (``pagebuilder.structure``) can both use it without importing each other."""

from dataclasses import dataclass, field


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
    # A fact's sentence → the page type it belongs to (``site.copy.fact_homes``): a page may say again what an
    # earlier page said only when the fact is its own (the services page lists the offers the home page named).
    homes: dict[str, str] = field(default_factory=dict, compare=False)
