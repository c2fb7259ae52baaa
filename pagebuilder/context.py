"""Everything the builder knows about one website, gathered once per generation.

Brand guide (with defaults when the site has none), the top SEO keywords, the newest active media with their
inferred roles, the style guide, the existing pages (for internal links), the site's stored facts with those the
editor supplied for this request, and the site's capabilities: what the data can back up, so no block invents
testimonials, people, numbers or logos.

The style guide is read through ``readable_theme``: a stored theme no reader can use in part (written by Rails
or an older version) never fails a generation; what was left out is logged and kept in ``theme_problems`` for
the generation's result notes (``theme_note``).
"""

import logging
from dataclasses import dataclass, field

from pagebuilder.fact_extraction.found import Extraction
from pagebuilder.facts import SiteFacts
from pagebuilder.media import MediaItem, media_item
from pagebuilder.models import PageCategory
from pagebuilder.stored_facts import merged, stored_facts, text_facts
from styleguides.models import WebsiteStyleGuide
from styleguides.theme_validation import readable_theme
from websites.models import BrandGuide, MediaRecord, SeoKeyword, Website

MAX_KEYWORDS = 20
MAX_MEDIA = 50
MAX_PAGES = 50
SHOWN_THEME_PROBLEMS = 3
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Brand:
    industry: str
    voice: str
    audience: str
    primary_color: str
    secondary_color: str
    summary: str
    is_default: bool = False


@dataclass(frozen=True)
class WebsiteContext:
    website_id: int
    name: str
    domain: str
    brand: Brand
    keywords: tuple[str, ...]
    media: tuple[MediaItem, ...]
    theme: dict
    pages: tuple[tuple[str, str], ...]
    facts: SiteFacts
    capabilities: frozenset[str]
    additional_context: str = ""
    notes: tuple[str, ...] = field(default=())
    theme_problems: tuple[str, ...] = field(default=())  # what readable_theme left out of the stored theme

    def media_by_url(self) -> dict[str, MediaItem]:
        return {item.url: item for item in self.media}

    def media_with_role(self, *roles: str) -> list[MediaItem]:
        return [item for item in self.media if item.roles & set(roles)]

    @property
    def site_logo(self) -> MediaItem | None:
        return next((item for item in self.media if item.role == "logo" and not item.is_partner_logo), None)

    def page_href(self, *slugs: str) -> str | None:
        """The path of the first existing page among ``slugs``."""
        existing = {slug for slug, _ in self.pages}
        return next((f"/{slug}" for slug in slugs if slug in existing), None)


def default_brand(website: Website) -> Brand:
    return Brand(
        industry="local business",
        voice="Friendly, clear and helpful; plain words, no jargon.",
        audience=f"People looking for what {website.name} offers",
        primary_color="",
        secondary_color="",
        summary=f"{website.name} helps its customers with care and attention to detail.",
        is_default=True,
    )


def _brand(website: Website) -> Brand:
    guide = BrandGuide.objects.filter(website=website).order_by("-updated_at", "-id").first()
    fallback = default_brand(website)
    if guide is None:
        return fallback
    return Brand(
        industry=(guide.industry or "").strip() or fallback.industry,
        voice=(guide.brand_voice or "").strip() or fallback.voice,
        audience=(guide.target_audience or "").strip() or fallback.audience,
        primary_color=(guide.primary_color or "").strip(),
        secondary_color=(guide.secondary_color or "").strip(),
        summary=(guide.summary or "").strip() or fallback.summary,
    )


def site_capabilities(media: tuple[MediaItem, ...], facts: SiteFacts) -> frozenset[str]:
    capabilities = set(facts.capabilities())
    if any(item.media_type == "image" and item.role != "logo" for item in media):
        capabilities.add("media_library")
    if sum(1 for item in media if item.is_partner_logo) >= 1:
        capabilities.add("logos")
    if any(item.role == "logo" and not item.is_partner_logo for item in media):
        capabilities.add("site_logo")
    if any(item.media_type == "video" for item in media):
        capabilities.add("video")
    return frozenset(capabilities)


def _theme(website: Website) -> tuple[dict, list[str]]:
    guide = WebsiteStyleGuide.objects.filter(website=website).only("theme_config").first()
    theme, problems = readable_theme(guide.theme_config if guide else None)
    if problems:
        logger.warning("style guide of website %s: unusable values left out: %s", website.pk, problems)
    return theme, problems


def theme_note(problems: tuple[str, ...] | list[str]) -> str:
    """One sentence for a generation's notes about stored theme values that could not be used."""
    shown = "; ".join(problems[:SHOWN_THEME_PROBLEMS])
    more = f" (and {len(problems) - SHOWN_THEME_PROBLEMS} more)" if len(problems) > SHOWN_THEME_PROBLEMS else ""
    return (
        f"The style guide holds values that cannot be used; defaults were used instead: {shown}{more}. "
        "Regenerate the style guide or correct it to fix this."
    )


def build_context(
    website: Website, additional_context: str | None = None, *, facts_read: Extraction | None = None
) -> WebsiteContext:
    """The website's context with the facts of ``additional_context``: ``facts_read`` when the caller has read
    them already (a generation reads them once, with its provider), else read by the offline extractor."""
    keywords = tuple(
        SeoKeyword.objects.filter(website=website)
        .order_by("-priority", "keyword")
        .values_list("keyword", flat=True)[:MAX_KEYWORDS]
    )
    records = MediaRecord.objects.filter(website=website, status="active").order_by("-created_at", "-id")[:MAX_MEDIA]
    media = tuple(media_item(record) for record in records)
    theme, theme_problems = _theme(website)
    pages = tuple(PageCategory.objects.filter(website=website).order_by("slug").values_list("slug", "name")[:MAX_PAGES])
    facts = merged(text_facts(additional_context, facts_read), stored_facts(website))
    return WebsiteContext(
        website_id=website.pk,
        name=website.name,
        domain=website.domain or website.subdomain or "",
        brand=_brand(website),
        keywords=keywords,
        media=media,
        theme=theme,
        pages=pages,
        facts=facts,
        capabilities=site_capabilities(media, facts),
        additional_context=(additional_context or "").strip(),
        notes=facts.notes,
        theme_problems=tuple(theme_problems),
    )
