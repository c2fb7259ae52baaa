"""Checks of a generated page's copy (issue 13, item 4): sentences said twice, SEO keywords used as item titles,
and the yoga studio that is not in the demo data.

A "sentence" is a sentence of a text prop with at least four words: button labels ("Get in touch"), phone
numbers and e-mail addresses may fairly appear twice on a page; image sources and alt texts (which come from the
media record) are not copy.
"""

import re
from collections import Counter

from pagebuilder.copywriter import sentences
from websites.models import AiTask, BrandGuide, MediaRecord, SeoKeyword, SiteFact, Website

NOT_COPY = {"alt", "src", "href", "url", "id", "icon", "image", "avatar", "logo", "mapQuery"}
TITLE_KEYS = {"title", "name", "heading", "headline", "label"}
MIN_WORDS = 4
YOGA_KEYWORDS = ("yoga studio waterfront", "prenatal yoga", "hot yoga classes", "yoga near me")


def _texts(value: object, key: str = ""):
    """(key, text, inside a list) of every text prop that is copy."""
    if isinstance(value, dict):
        for name, child in value.items():
            if name not in NOT_COPY:
                yield from _texts(child, name)
    elif isinstance(value, list):
        for child in value:
            for found in _texts(child, key):
                yield found[0], found[1], True
    elif isinstance(value, str):
        yield key, value, False


def page_texts(task: AiTask) -> list[tuple[str, str, bool]]:
    return [found for block in task.result["design_payload"]["blocks"] for found in _texts(block["_props"])]


def repeated_sentences(task: AiTask) -> list[str]:
    counts = Counter()
    for _, text, _ in page_texts(task):
        for sentence in sentences(text):
            words = re.findall(r"[^\W\d_]+", sentence.lower())
            if len(words) >= MIN_WORDS:
                counts[" ".join(words)] += 1
    return [sentence for sentence, count in counts.items() if count > 1]


def keyword_titles(task: AiTask) -> list[str]:
    """Item titles that are one of the site's SEO keywords and not also the name of one of its offerings or the
    title of one of its media records (a gallery's captions)."""
    keywords = SeoKeyword.objects.filter(website_id=task.website_id).values_list("keyword", flat=True)
    offerings = SiteFact.objects.filter(website_id=task.website_id, kind="offering").values_list("data", flat=True)
    media = MediaRecord.objects.filter(website_id=task.website_id).values_list("title", flat=True)
    named = {data["name"].lower() for data in offerings} | {title.lower() for title in media if title}
    lowered = {keyword.lower() for keyword in keywords} - named
    texts = page_texts(task)
    return [text for key, text, in_list in texts if in_list and key in TITLE_KEYS and text.lower() in lowered]


def copy_problems(task: AiTask, where: str) -> list[str]:
    return [
        *(f"{where}: said twice: {sentence!r}" for sentence in repeated_sentences(task)),
        *(f"{where}: SEO keyword as an item title: {title!r}" for title in keyword_titles(task)),
    ]


def new_website() -> Website:
    """A yoga studio that is not in the demo data: a brand summary and search phrases, no facts, no media."""
    site = Website.objects.create(name="Lotus Flow Yoga", domain="lotus.test", subdomain="lotus")
    BrandGuide.objects.create(
        website=site,
        industry="yoga studio",
        brand_voice="calm",
        target_audience="beginners",
        summary="A small yoga studio offering vinyasa, restorative and prenatal classes.",
    )
    for rank, keyword in enumerate(YOGA_KEYWORDS):
        SeoKeyword.objects.create(website=site, keyword=keyword, priority=100 - rank)
    return site
