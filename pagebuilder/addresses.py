"""Page addresses (slugs) in the builder: proposing one from the editor's description, checking one an editor
typed, keeping them unique per website, and moving a never-published page to another address.

A proposal names the page by the intent's own words ("a page introducing our teachers" → ``teachers``, "an
about page for our bakery" → ``about``, "página de preguntas frecuentes" → ``preguntas-frecuentes``); only an
intent without such words falls back on its detected page type (``playbooks.detect_page_type``). An address
is taken when a live page, a version or a chat with messages of the website uses it.
"""

import re
import unicodedata

from django.db import IntegrityError, transaction
from django.db.models import Q

from pagebuilder.models import Conversation, PageCategory, PageReview, PageVersion
from pagebuilder.playbooks import PLAYBOOKS_BY_TYPE, detect_page_type
from pagebuilder.services import SLUG, SLUG_MAX
from websites.errors import Conflict, InvalidInput, NotFound
from websites.models import AiTask, Website

PROPOSED_MAX = 60
PROPOSED_WORDS = 5
FALLBACK = "new-page"
DETECTION_MIN_SCORE = 0.5


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


PAGE_WORDS = {"page", "pages", "webpage", "pagina", "paginas"}
# Words that say how to ask or what the page looks like, never what it is about (English and Spanish, folded).
STOP_WORDS = _word_set(
    """a an the our my your their his her its this these those some any us me you we i it is are be were
    please pls make create build generate design draft write add set up start do give let want need would like
    could can should to and or new another simple nice beautiful modern clean short long great good professional
    elegant minimal fresh friendly single one little small big full complete detailed dedicated separate basic
    quick brief web website site landing introduce present show showcase describe explain list feature meet
    un una unos unas el la los las lo nuestro nuestra nuestros nuestras mi mis tu tus su sus este esta estos
    estas ese esa por favor quiero queremos necesito necesitamos crea crear creame haz hacer genera generar
    disena disenar escribe y e o nueva nuevo otra otro bonita bonito moderna moderno sencilla sencillo breve
    completa sitio"""
)
# Words that lead to what the page is about ("a page about …"); after the subject they end it.
LINK_WORDS = _word_set(
    """about on for of with without from by in at into introducing presenting showing showcasing describing
    explaining listing featuring covering including where which that who whose when how
    sobre acerca de del para con sin en que donde cuando como presentando mostrando"""
)
# Letters NFKD does not take apart.
_FOLD = str.maketrans(
    {"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "\u0131": "i"}
)


def ascii_words(text: str) -> list[str]:
    """The text's words, lowercase and folded to ASCII ("Crème brûlée" → ["creme", "brulee"])."""
    text = unicodedata.normalize("NFKD", (text or "").lower().translate(_FOLD))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"['’](?:s\b)?", "", text)  # "bakery's" → "bakery", "we're" → "were"
    return re.findall(r"[a-z0-9]+", text)


def _name_before(words: list[str]) -> list[str]:
    """The page's name written before the page word ("make an about page" → ["about"])."""
    name: list[str] = []
    for word in reversed(words):
        if word in STOP_WORDS or (word in LINK_WORDS and word != "about"):
            if name:
                break
            continue
        name.insert(0, word)
    return name


def _subject_after(words: list[str]) -> list[str]:
    """What the page is about, from the words after the page word ("… page introducing our teachers")."""
    subject: list[str] = []
    for word in words:
        if word in LINK_WORDS and subject:
            break
        if word not in STOP_WORDS and word not in LINK_WORDS:
            subject.append(word)
    return subject


def words_slug(words: list[str], limit: int = PROPOSED_MAX) -> str:
    """Whole words joined by hyphens, at most ``limit`` characters (a single longer word is cut)."""
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or "-".join(words)[:limit].strip("-")


def slug_from_words(intent: str) -> str:
    """The address the intent's own words give, or "" when it has none worth an address."""
    words = ascii_words(intent)
    page_at = next((index for index, word in enumerate(words) if word in PAGE_WORDS), None)
    if page_at is None:
        return words_slug(_subject_after(words)[:PROPOSED_WORDS])
    name = _name_before(words[:page_at]) or _subject_after(words[page_at + 1 :])
    return words_slug(name[:PROPOSED_WORDS])


def taken_slugs(website: Website, prefix: str = "") -> set[str]:
    """Addresses of the website in use by a live page, a page version or a chat with messages."""
    live = PageCategory.objects.filter(website=website, slug__startswith=prefix).values_list("slug", flat=True)
    versions = PageVersion.objects.filter(website=website, slug__startswith=prefix).values_list("slug", flat=True)
    chats = (
        Conversation.objects.filter(website=website, slug__startswith=prefix, messages__isnull=False)
        .values_list("slug", flat=True)
        .distinct()
    )
    return set(live) | set(versions) | set(chats)


def unique_slug(website: Website, base: str) -> str:
    """``base``, or ``base-2``, ``base-3`` … when the website already uses it (at most ``PROPOSED_MAX`` long)."""
    taken = taken_slugs(website, base[: PROPOSED_MAX // 2])  # every candidate below starts with it
    if base not in taken:
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = f"{base[: PROPOSED_MAX - len(suffix)].rstrip('-')}{suffix}"
        if candidate not in taken:
            return candidate
        number += 1


def propose_slug(website: Website, intent: str) -> str:
    """A free address for a new page described by ``intent``; "" when the intent is blank."""
    intent = (intent or "").strip()[:2000]
    if not intent:
        return ""
    base = slug_from_words(intent)
    if not base:
        match = detect_page_type(intent)
        base = PLAYBOOKS_BY_TYPE[match.page_type].slugs[0] if match.score >= DETECTION_MIN_SCORE else FALLBACK
    return unique_slug(website, base)


def clean_address(raw: str) -> str:
    """The address an editor typed, checked (a leading or trailing slash is forgiven); InvalidInput saying what
    to fix otherwise."""
    address = (raw or "").strip().strip("/").lower()
    if not address:
        raise InvalidInput("Type the page address, e.g. 'our-teachers'.")
    if len(address) > SLUG_MAX:
        raise InvalidInput(f"The page address is {len(address)} characters long; at most {SLUG_MAX}.")
    if not SLUG.match(address):
        example = words_slug(ascii_words(raw)) or "our-teachers"
        raise InvalidInput(
            f"“{raw.strip()[:60]}” is not a page address: use lowercase letters, digits and single hyphens "
            f"(no spaces, accents or other signs), e.g. '{example}'."
        )
    return address


def require_free(website: Website, address: str) -> str:
    if address in taken_slugs(website, address):
        raise Conflict(
            f"The address /{address} is already used by another page of this website; choose another one, "
            f"e.g. '{unique_slug(website, address[:PROPOSED_MAX])}', or open that page from the list to change it."
        )
    return address


def new_page_address(website: Website, typed: str | None, intent: str) -> str:
    """The address of a new page: the one the editor typed (checked and free), else one proposed from the
    intent. InvalidInput without an intent."""
    if not (intent or "").strip():
        raise InvalidInput("Describe the page first, e.g. 'a page introducing our teachers'.")
    if (typed or "").strip():
        return require_free(website, clean_address(typed))
    return propose_slug(website, intent)


def rename_refusal(website: Website, slug: str) -> str | None:
    """Why the page's address cannot change (it is or was live, or a task is working on it); None when it can."""
    published = PageCategory.objects.filter(website=website, slug=slug).exists() or (
        PageVersion.objects.filter(website=website, slug=slug)
        .filter(Q(published=True) | Q(source=PageVersion.Source.PREVIOUSLY_PUBLISHED))
        .exists()
    )
    if published:
        return (
            f"/{slug} is or was published: its live address belongs to the platform (links and search engines "
            "point to it), so it cannot be changed here."
        )
    running = AiTask.objects.filter(
        Q(input__page_category_slug=slug) | Q(input__slug=slug),
        website_id=website.pk,
        status__in=[AiTask.Status.PENDING, AiTask.Status.PROCESSING],
    )
    if running.exists():
        return f"The builder is still working on /{slug}; change its address when it has finished."
    return None


def rename_page(website: Website, slug: str, new_address: str) -> str:
    """Move a never-published page (its versions, reviews, chat and messages) to a new free address; returns it."""
    address = clean_address(new_address)
    if address == slug:
        raise InvalidInput(f"The page's address already is /{slug}; type a different one.")
    try:
        with transaction.atomic():
            conversation = Conversation.objects.select_for_update().filter(website=website, slug=slug).first()
            versions = PageVersion.objects.filter(website=website, slug=slug)
            if conversation is None and not versions.exists():
                raise NotFound(f"This website has no page /{slug}.")
            if reason := rename_refusal(website, slug):
                raise Conflict(reason)
            require_free(website, address)
            # A chat without messages (an attempt refused before its first message) does not hold the address.
            Conversation.objects.filter(website=website, slug=address, messages__isnull=True).delete()
            versions.update(slug=address)
            PageReview.objects.filter(website=website, slug=slug).update(slug=address)
            if conversation is not None:
                conversation.slug = address
                conversation.save(update_fields=["slug", "updated_at"])
    except IntegrityError as error:  # another editor took the address at the same moment
        raise Conflict(f"The address /{address} was just taken; choose another one.") from error
    return address
