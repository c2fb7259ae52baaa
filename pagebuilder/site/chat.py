"""The site builder's chat: a small offline grammar for editing the sitemap, and what each command does.

``parse`` turns a message into a ``Command`` against the sitemap's pages ("add a gallery page", "remove the team
page", "rename about to Our story", "move contact before services", "move pricing to the top", "add a faq section
to the home page", "remove gallery from home", "build it"); pages are named by slug, title or page type, in any
case. A message that is none of these is a new site-level intent when it talks about a website (or when there is
no sitemap yet), else the help. ``apply`` makes the change through ``site.plans`` (or starts the build) and says
what it did; the service's refusals (an unknown page, a section the page has, a sitemap being built) become the
reply, so the editor reads why in the chat.

The chat is stored like a page's: one ``Conversation`` per website under ``SITE_CHAT_SLUG`` ("_site"), a slug no
page can have (page slugs have no underscore), with its ``Message`` rows; plan and build tasks are ``generation``
messages whose ``data["site_task"]`` says which.
"""

import re
from dataclasses import dataclass

from django.utils.text import slugify

from pagebuilder.playbooks import PLAYBOOKS_BY_TYPE
from pagebuilder.site.plans import (
    PAGE_TYPES,
    SECTION_TYPES,
    add_page,
    add_section,
    move_page,
    remove_page,
    remove_section,
    rename_page,
)
from websites.errors import InvalidInput
from websites.models import Website

SITE_CHAT_SLUG = "_site"
PLAN, BUILD, HELP = "plan", "build", "help"
ADD_PAGE, REMOVE_PAGE, RENAME, MOVE = "add_page", "remove_page", "rename", "move"
ADD_SECTION, REMOVE_SECTION = "add_section", "remove_section"
HELP_LINES = (
    "add a gallery page",
    "remove the team page",
    "rename about to Our story",
    "move contact before services",
    "move pricing to the top",
    "add a faq section to the home page",
    "remove gallery from home",
    "build the site",
    "rebuild the about page",
)
HELP_TEXT = "I can change the sitemap or build it. Try for example: " + "; ".join(f"“{line}”" for line in HELP_LINES)

_PAGE = r"(?:the\s+)?(?P<{0}>.+?)(?:\s+page)?"
_BUILD = re.compile(
    r"^(?:(?:ok(?:ay)?|yes|great|perfect|fine|looks\s+(?:good|great|fine)|all\s+good)[\s,.!]*)*(?:please\s+)?"
    r"(?:build|generate|create)(?:\s+(?:it|them|the\s+(?:whole\s+|entire\s+)?(?:site|website|pages)|all|everything))?"
    r"(?:\s+now)?(?:\s+please)?[\s.!]*$",
    re.IGNORECASE,
)
_REBUILD = re.compile(
    rf"^(?:(?:rebuild|regenerate)\s+{_PAGE.format('page')}|build\s+{_PAGE.format('again')}\s+again)$", re.I
)
_ADD_SECTION = re.compile(
    rf"^add\s+(?:an?\s+|the\s+)?(?P<section>[\w -]+?)(?:\s+section)?\s+(?:to|on)\s+{_PAGE.format('page')}$", re.I
)
_REMOVE_SECTION = re.compile(
    rf"^(?:remove|delete|drop)\s+(?:the\s+)?(?P<section>[\w -]+?)(?:\s+section)?\s+from\s+{_PAGE.format('page')}$",
    re.I,
)
_ADD_PAGE = re.compile(
    r"^add\s+(?:an?\s+|another\s+|the\s+)?(?P<type>[\w -]+?)\s+page(?:\s+(?:called|named)\s+(?P<title>.+))?$", re.I
)
_REMOVE_PAGE = re.compile(rf"^(?:remove|delete|drop)\s+{_PAGE.format('page')}$", re.I)
_RENAME = re.compile(rf"^(?:rename|retitle|call)\s+{_PAGE.format('page')}\s+(?:to|as)\s+(?P<title>.+)$", re.I)
_MOVE_RELATIVE = re.compile(
    rf"^move\s+{_PAGE.format('page')}\s+(?P<where>before|after|above|below)\s+{_PAGE.format('other')}$", re.I
)
_MOVE_END = re.compile(
    rf"^move\s+{_PAGE.format('page')}\s+to\s+the\s+(?P<end>top|start|front|beginning|bottom|end)$", re.I
)
_MOVE_STEP = re.compile(rf"^move\s+{_PAGE.format('page')}\s+(?P<step>up|down)$", re.I)
_SITE_INTENT = re.compile(r"\b(?:web)?site\b", re.I)


@dataclass(frozen=True)
class Command:
    action: str
    slug: str = ""  # the sitemap page it acts on
    value: str = ""  # a page type, a title or a section type
    position: int | None = None  # MOVE: the page's index once it is taken out of the list
    title: str = ""  # ADD_PAGE: the title asked for ("add a faq page called Questions")


def parse(text: str, pages: list[dict] | None) -> Command:
    """What ``text`` asks of the sitemap ``pages`` (None: there is no sitemap yet). InvalidInput names a page,
    page type or section type the message refers to that does not exist."""
    text = " ".join(text.split()).strip(" .!")
    if pages is None:
        return Command(PLAN, value=text)
    if _BUILD.match(text):
        return Command(BUILD)
    if match := _REBUILD.match(text):
        return Command(BUILD, find_page(pages, match["page"] or match["again"])["slug"])
    for parser in (_section_command, _page_command, _move_command):
        command = parser(text, pages)
        if command is not None:
            return command
    return Command(PLAN, value=text) if _SITE_INTENT.search(text) else Command(HELP)


def _section_command(text: str, pages: list[dict]) -> Command | None:
    if match := _ADD_SECTION.match(text):
        page = find_page(pages, match["page"])
        return Command(ADD_SECTION, page["slug"], section_type(match["section"]))
    if match := _REMOVE_SECTION.match(text):
        page = find_page(pages, match["page"])
        return Command(REMOVE_SECTION, page["slug"], section_type(match["section"]))
    return None


def _page_command(text: str, pages: list[dict]) -> Command | None:
    if match := _ADD_PAGE.match(text):
        title = (match["title"] or "").strip(" \"'“”‘’")
        return Command(ADD_PAGE, value=page_type(match["type"]), title=title)
    if match := _RENAME.match(text):
        return Command(RENAME, find_page(pages, match["page"])["slug"], match["title"].strip(" \"'“”‘’"))
    if match := _REMOVE_PAGE.match(text):
        return Command(REMOVE_PAGE, find_page(pages, match["page"])["slug"])
    return None


def _move_command(text: str, pages: list[dict]) -> Command | None:
    match = _MOVE_RELATIVE.match(text) or _MOVE_END.match(text) or _MOVE_STEP.match(text)
    if match is None:
        return None
    slug = find_page(pages, match["page"])["slug"]
    rest = [page["slug"] for page in pages if page["slug"] != slug]
    groups = match.groupdict()
    if groups.get("where"):
        other = find_page(pages, match["other"])["slug"]
        if other == slug:
            raise InvalidInput("A page cannot move relative to itself.")
        position = rest.index(other) + (1 if groups["where"].lower() in ("after", "below") else 0)
    elif groups.get("end"):
        position = 0 if groups["end"].lower() in ("top", "start", "front", "beginning") else len(rest)
    else:
        current = [page["slug"] for page in pages].index(slug)
        position = max(0, current - 1) if groups["step"].lower() == "up" else min(len(rest), current + 1)
    return Command(MOVE, slug, position=position)


def _words(reference: str) -> str:
    return " ".join(reference.lower().strip(" \"'“”‘’/").split())


def find_page(pages: list[dict], reference: str) -> dict:
    """The page named by slug, title or page type (case-insensitive; the first of a type)."""
    said = _words(reference)
    for wanted in dict.fromkeys([said, said.removeprefix("our "), said.removeprefix("the ")]):
        for key in ("slug", "title", "page_type"):
            for page in pages:
                value = str(page.get(key) or "")
                if _words(value) == wanted or slugify(value) == slugify(wanted) != "":
                    return page
    names = ", ".join(f"{page['title']} (/{page['slug']})" for page in pages)
    raise InvalidInput(f"The sitemap has no page “{reference.strip()[:60]}”. Its pages: {names}.")


def page_type(reference: str) -> str:
    wanted = slugify(reference).replace("-", "_")
    for candidate in (wanted, wanted.removesuffix("s"), wanted.removesuffix("es")):
        if candidate in PLAYBOOKS_BY_TYPE:
            return candidate
    for name, playbook in PLAYBOOKS_BY_TYPE.items():
        if slugify(playbook.title) == slugify(reference):
            return name
    raise InvalidInput(f"There is no “{reference.strip()[:40]}” page type; page types: {', '.join(PAGE_TYPES)}.")


def section_type(reference: str) -> str:
    wanted = slugify(reference)
    for candidate in (wanted, wanted.removesuffix("s"), f"{wanted}s", wanted.removesuffix("-section")):
        if candidate in SECTION_TYPES:
            return candidate
    raise InvalidInput(f"There is no “{reference.strip()[:40]}” section; sections: {', '.join(sorted(SECTION_TYPES))}.")


def apply(website: Website, command: Command, pages: list[dict], *, user=None) -> str:
    """Make a sitemap change (not PLAN, BUILD or HELP) and say what changed; AppError when refused."""
    if command.action == ADD_PAGE:
        plan = add_page(website, command.value, title=command.title, user=user)
        added = next(page for page in plan.pages if page["slug"] not in {p["slug"] for p in pages})
        return f"Added “{added['title']}” (/{added['slug']}) with {', '.join(added['sections'])}."
    page = find_page(pages, command.slug)
    if command.action == REMOVE_PAGE:
        remove_page(website, page["slug"], user=user)
        return f"Removed “{page['title']}” (/{page['slug']}) from the sitemap."
    if command.action == RENAME:
        rename_page(website, page["slug"], command.value, user=user)
        return f"Renamed /{page['slug']} to “{command.value}”."
    if command.action == MOVE:
        plan = move_page(website, page["slug"], command.position or 0, user=user)
        order = ", ".join(p["title"] for p in plan.pages)
        return f"Moved “{page['title']}”. The order is now: {order}."
    return _change_sections(website, command, page, user)


def _change_sections(website: Website, command: Command, page: dict, user) -> str:
    if command.action == ADD_SECTION:
        plan = add_section(website, page["slug"], command.value, user=user)
        sections = ", ".join(_page_of(plan, page["slug"])["sections"])
        return f"Added a {command.value} section to “{page['title']}”: {sections}."
    plan = remove_section(website, page["slug"], command.value, user=user)
    sections = ", ".join(_page_of(plan, page["slug"])["sections"]) or "none left"
    return f"Removed the {command.value} section from “{page['title']}”: {sections}."


def _page_of(plan, slug: str) -> dict:
    return next(page for page in plan.pages if page["slug"] == slug)
