"""The SEO report of one built page: each check with whether it passed and a sentence an editor can act on.

Checks: the focus keyword in the main heading (the first hero block's headline) and in the SEO title; the SEO
title and description within ``SEO_TITLE_MAX`` / ``SEO_DESCRIPTION_MAX`` characters, not empty, and not used by
another page of the site; every image showing its media record's alt text; every internal link leading to a page
of the site. A report never fails for data the site does not have, but says so: with no SEO keyword the keyword
checks pass with a detail asking for keywords, and an image whose media record has no alt text passes with a
detail asking for one. Keywords match case-insensitively as whole words, in order, with spaces or hyphens
between them ("wood fired bread" matches "Wood-fired bread"); no stemming.
"""

import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass

from pagebuilder.editing.vocabulary import TEXT_FIELDS
from pagebuilder.pages import page_summaries
from pagebuilder.playbooks import PLAYBOOKS_BY_TYPE
from pagebuilder.prop_paths import get_path, key_words, text_paths
from pagebuilder.site.links import MAX_DEPTH, hrefs, internal_path, resolves
from pagebuilder.structure import SEO_DESCRIPTION_MAX, SEO_TITLE_MAX, SeoMetadata
from websites.models import MediaRecord, Website

SHOWN = 3  # offending items named in one detail
NO_KEYWORD = (
    "The site has no SEO keyword for this page, so the {where} was not checked; add SEO keywords for the site to "
    "have it checked."
)
IMAGE_WORDS = {"image", "images", "photo", "photos", "picture", "pictures", "avatar", "logo", "thumbnail", "poster",
               "background", "img", "src"}  # fmt: skip
_URL = re.compile(r"(https?:)?//|/|\S+\.(jpe?g|png|gif|webp|avif|svg)$", re.IGNORECASE)
VIDEO_ENDINGS = (".mp4", ".webm", ".mov", ".m3u8", ".ogv")
# A form's target is where it posts, not a page a visitor is sent to.
NOT_NAVIGATION = {"formAction"}


@dataclass(frozen=True)
class SeoCheck:
    check: str  # stable id, e.g. "focus_keyword_in_heading"
    passed: bool
    detail: str  # what was found and, when failed, what to fix


@dataclass(frozen=True)
class SeoReport:
    slug: str
    focus_keyword: str  # "" when the site has no keyword for this page
    checks: tuple[SeoCheck, ...]

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    def as_dict(self) -> dict:
        return {
            "slug": self.slug,
            "focus_keyword": self.focus_keyword,
            "passed": self.passed,
            "checks": [asdict(check) for check in self.checks],
        }


@dataclass(frozen=True)
class SitePages:
    """What the checks compare a page against."""

    slugs: frozenset[str]  # pages that exist (built or published) on the site, this one included
    home_slug: str | None
    other_titles: frozenset[str]  # SEO titles of the site's other pages (compared case-insensitively)
    other_descriptions: frozenset[str]


def seo_report(
    *,
    slug: str,
    payload: dict,
    seo_title: str,
    seo_description: str,
    focus_keyword: str,
    media: dict[str, str],
    site: SitePages,
) -> SeoReport:
    """The report of the page ``slug`` whose design payload is ``payload``; ``media`` maps each media library
    URL of the site to its record's alt text."""
    focus = " ".join((focus_keyword or "").split())
    blocks = [b for b in (payload or {}).get("blocks") or [] if isinstance(b, dict)]
    title, description = " ".join((seo_title or "").split()), " ".join((seo_description or "").split())
    checks = (
        _keyword_in_heading(focus, main_heading(blocks)),
        _keyword_in_title(focus, title),
        _length("title", "SEO title", title, SEO_TITLE_MAX),
        _length("description", "SEO description", description, SEO_DESCRIPTION_MAX),
        _unique("title", "SEO title", title, site.other_titles),
        _unique("description", "SEO description", description, site.other_descriptions),
        _image_alt_text(blocks, media),
        _internal_links(blocks, site),
    )
    return SeoReport(slug=slug, focus_keyword=focus, checks=checks)


# -- the page's main heading -----------------------------------------------------------------------------------


def main_heading(blocks: Sequence[dict]) -> str | None:
    """The headline of the first hero block (``title``, ``headline``, … or one level down, as the real library
    wraps them: ``content.heading``); None without a hero block or a headline in it."""
    hero = next((b for b in blocks if b.get("_name") == "hero"), None)
    props = hero.get("_props") if hero else None
    if not isinstance(props, dict):
        return None
    names = TEXT_FIELDS["headline"]
    for name in names:
        if isinstance(props.get(name), str) and props[name].strip():
            return props[name].strip()
    nested = [p for p in text_paths(props) if "[" not in p and p.count(".") == 1]
    for name in names:
        for path in nested:
            value = get_path(props, path)
            if path.rsplit(".", 1)[-1] == name and isinstance(value, str) and value.strip():
                return value.strip()
    return None


# -- checks --------------------------------------------------------------------------------------------------


def keyword_pattern(keyword: str) -> re.Pattern[str] | None:
    """The keyword's words in order, as whole words (not inside others), any case, spaces or hyphens between;
    every character taken literally ("c++ (classes)")."""
    words = [re.escape(word) for word in re.split(r"[\s\-]+", _plain_quotes(keyword)) if word]
    if not words:
        return None
    return re.compile(r"(?<!\w)" + r"[\s\-]+".join(words) + r"(?!\w)", re.IGNORECASE)


def contains_keyword(text: str, keyword: str) -> bool:
    pattern = keyword_pattern(keyword)
    return bool(pattern and pattern.search(_plain_quotes(text or "")))


def _plain_quotes(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'")


def _keyword_in_heading(focus: str, heading: str | None) -> SeoCheck:
    check = "focus_keyword_in_heading"
    if not focus:
        return SeoCheck(check, True, NO_KEYWORD.format(where="main heading"))
    if heading is None:
        found = f"The page has no hero headline to hold the focus keyword “{focus}”"
        return SeoCheck(check, False, f"{found}; add a hero section with a headline that names it.")
    if contains_keyword(heading, focus):
        return SeoCheck(check, True, f"The main heading “{heading}” contains the focus keyword “{focus}”.")
    found = f"The main heading “{heading}” does not contain the focus keyword “{focus}”"
    return SeoCheck(check, False, f"{found}; rewrite it to include those words.")


def _keyword_in_title(focus: str, title: str) -> SeoCheck:
    check = "focus_keyword_in_title"
    if not focus:
        return SeoCheck(check, True, NO_KEYWORD.format(where="SEO title"))
    if contains_keyword(title, focus):
        return SeoCheck(check, True, f"The SEO title contains the focus keyword “{focus}”.")
    found = f"The SEO title “{title}” does not contain the focus keyword “{focus}”"
    return SeoCheck(check, False, f"{found}; rewrite it to include those words.")


def _length(kind: str, label: str, text: str, limit: int) -> SeoCheck:
    check = f"{kind}_length"
    if not text:
        return SeoCheck(check, False, f"The page has no {label}; write one of at most {limit} characters.")
    if len(text) > limit:
        found = f"The {label} has {len(text)} characters"
        return SeoCheck(check, False, f"{found}; shorten it to at most {limit} so search results show it whole.")
    return SeoCheck(check, True, f"The {label} has {len(text)} characters (at most {limit}).")


def _unique(kind: str, label: str, text: str, others: frozenset[str]) -> SeoCheck:
    check = f"{kind}_unique"
    if not text:
        return SeoCheck(check, True, f"The page has no {label} to compare with the site's other pages.")
    taken = {" ".join(other.split()).casefold() for other in others}
    if text.casefold() in taken:
        return SeoCheck(
            check, False, f"Another page of the site already has the {label} “{text}”; give this page its own."
        )
    return SeoCheck(check, True, f"No other page of the site has this {label}.")


FROM_RECORD = "\x00from the media record"  # the alt of an image a block gives as a bare URL (never real alt text)


def _image_alt_text(blocks: Sequence[dict], media: dict[str, str]) -> SeoCheck:
    check = "image_alt_text"
    library = {url: " ".join((alt or "").split()) for url, alt in media.items()}
    images = [image for block in blocks for image in _images(block.get("_props"))]
    if not images:
        return SeoCheck(check, True, "The page shows no images.")
    unknown, wrong, missing_in_library = [], [], []
    for src, alt in images:
        if src not in library:
            unknown.append(src)
        elif not library[src]:
            missing_in_library.append(src)
        elif alt is not FROM_RECORD and (alt is None or " ".join(alt.split()) != library[src]):
            wrong.append(src)
    if unknown:
        found = f"{_count(unknown, 'image', ('is', 'are'))} not from the site's media library ({_names(unknown)})"
        return SeoCheck(check, False, f"{found}; replace them with pictures from the library.")
    if wrong:
        found = f"{_count(wrong, 'image', ('does', 'do'))} not show the alt text of {_its(wrong)} media record"
        return SeoCheck(check, False, f"{found} ({_names(wrong)}); use the library's alt text.")
    if missing_in_library:
        found = f"{_count(missing_in_library, 'image', ('has', 'have'))} no alt text in the media library"
        return SeoCheck(check, True, f"{found} ({_names(missing_in_library)}); add it there.")
    if len(images) == 1:
        return SeoCheck(check, True, "The page's one image carries the alt text of its media record.")
    return SeoCheck(check, True, f"All {len(images)} images carry the alt text of their media records.")


def _images(props: object, key: str = "", depth: int = 0) -> Iterator[tuple[str, str | None]]:
    """(src, alt) of every image in ``props``: objects with a ``src`` (alt None when they have none) and bare
    URL strings under a key that is not a link (``image: "/media/x.jpg"``: the block's contract has no alt text
    for them, so the renderer takes the media record's, ``FROM_RECORD``). Videos and links are not images."""
    if depth > MAX_DEPTH:
        return
    if isinstance(props, dict):
        src = props.get("src")
        if isinstance(src, str) and src.strip():
            if not _is_video(src, props.get("type")):
                yield src.strip(), props.get("alt") if isinstance(props.get("alt"), str) else None
            return
        for name, value in props.items():
            yield from _images(value, str(name), depth + 1)
    elif isinstance(props, list):
        for value in props:
            yield from _images(value, key, depth + 1)
    elif isinstance(props, str) and _names_an_image(key) and _URL.match(props.strip()) and not _is_video(props, None):
        yield props.strip(), FROM_RECORD


def _names_an_image(key: str) -> bool:
    words = set(key_words(key))
    return bool(words & IMAGE_WORDS) and not words & {"href", "link", "alt", "icon"}


def _is_video(src: str, kind: object) -> bool:
    return (isinstance(kind, str) and kind.startswith("video/")) or src.lower().split("?")[0].endswith(VIDEO_ENDINGS)


def _internal_links(blocks: Sequence[dict], site: SitePages) -> SeoCheck:
    check = "internal_links"
    internal, broken = [], []
    for block in blocks:
        for path, href in hrefs(block.get("_props")):
            if path.rsplit(".", 1)[-1] in NOT_NAVIGATION or internal_path(href) is None:
                continue
            internal.append(href)
            if not resolves(href, set(site.slugs), site.home_slug):
                broken.append(href.strip())
    if not internal:
        return SeoCheck(check, True, "The page has no links to other pages of the site.")
    if broken:
        broken = list(dict.fromkeys(broken))
        found = f"{_count(broken, 'link', ('leads', 'lead'))} to no page of the site ({_names(broken)})"
        return SeoCheck(check, False, f"{found}; build the missing pages or point the links at existing ones.")
    if len(internal) == 1:
        return SeoCheck(check, True, "The page's one internal link leads to a page of the site.")
    return SeoCheck(check, True, f"All {len(internal)} internal links lead to pages of the site.")


def _count(items: list, noun: str, verbs: tuple[str, str]) -> str:
    """``1 image is`` / ``3 images are``."""
    return f"1 {noun} {verbs[0]}" if len(items) == 1 else f"{len(items)} {noun}s {verbs[1]}"


def _its(items: list) -> str:
    return "its" if len(items) == 1 else "their"


def _names(items: list[str]) -> str:
    shown = ", ".join(items[:SHOWN])
    return shown + (f" and {len(items) - SHOWN} more" if len(items) > SHOWN else "")


# -- reading the site -----------------------------------------------------------------------------------------


def site_pages_for(website: Website, slug: str, extra: dict[str, tuple[str, str]] | None = None) -> SitePages:
    """The site's pages as the checks of ``slug`` see them: every page that is live or has a draft (its draft's
    SEO, else the live page's), plus ``extra`` {slug: (seo_title, seo_description)} for pages being built in the
    same task; ``slug`` itself counts as a page but not among the others' titles and descriptions."""
    seo: dict[str, tuple[str, str]] = {}
    for page in page_summaries(website):
        source = page.draft or (page.live if page.published else None)
        if source is not None:
            seo[page.slug] = (source.seo_title or "", source.seo_description or "")
    seo.update(extra or {})
    others = {other: texts for other, texts in seo.items() if other != slug}
    slugs = frozenset({*seo, slug})
    return SitePages(
        slugs=slugs,
        home_slug=home_slug(slugs),
        other_titles=frozenset(title for title, _ in others.values() if title.strip()),
        other_descriptions=frozenset(description for _, description in others.values() if description.strip()),
    )


def home_slug(slugs: frozenset[str] | set[str]) -> str | None:
    """The site's home page among ``slugs``: the first of the home playbook's slugs (home, index, …) present."""
    return next((s for s in PLAYBOOKS_BY_TYPE["home"].slugs if s in slugs), None)


def media_alt_texts(website: Website | int) -> dict[str, str]:
    """URL → alt text of every media record of the website."""
    website_id = website.pk if isinstance(website, Website) else website
    return dict(MediaRecord.objects.filter(website_id=website_id).values_list("cdn_url", "alt_text"))


def focus_keyword_for(seo: SeoMetadata, site_keywords: Sequence[str]) -> str:
    """The page's focus keyword: the first keyword of its SEO metadata (offline, the copywriter's focus; with
    Claude, the one it put first), else the site's top keyword; "" when the site has no SEO keywords at all."""
    if not any(k.strip() for k in site_keywords):
        return ""
    return next((k.strip() for k in seo.keywords if k.strip()), next(k.strip() for k in site_keywords if k.strip()))


def page_report(
    website: Website, *, slug: str, payload: dict, seo: SeoMetadata, site_keywords: Sequence[str],
    extra: dict[str, tuple[str, str]] | None = None,
) -> SeoReport:  # fmt: skip
    """The report of a page just built for ``website`` (a single generation, or one page of a site build with
    the other pages of the build in ``extra``)."""
    return seo_report(
        slug=slug,
        payload=payload,
        seo_title=seo.title,
        seo_description=seo.description,
        focus_keyword=focus_keyword_for(seo, site_keywords),
        media=media_alt_texts(website),
        site=site_pages_for(website, slug, extra),
    )
