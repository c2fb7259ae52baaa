"""Quick actions for the builder chat: a few short chat messages, computed from the page's sections, that the
chat can carry out on this page for this site — add a section the page lacks (when a block of that kind has the
data it needs), use a different hero, move social proof up, regenerate a section (with Claude; offline the same
site data writes the same text, so offline offers another block for it instead), remove a section.

Every suggestion is a message of the offline chat grammar (``editing.grammar``), which Claude understands as
well, and names a section only one block answers to.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from pagebuilder.candidates import missing_capabilities
from pagebuilder.editing.origin import edit_context, page_blocks
from pagebuilder.editing.vocabulary import canonical_type, registry_categories
from pagebuilder.pages import latest_version
from registry.categories import categories_for
from registry.selectors import live_components
from websites.models import Website

MAX_SUGGESTIONS = 5
# Sections worth offering to add, most useful first.
ADD_ORDER = ("faq", "testimonials", "stats", "gallery", "team", "process", "location")
SOCIAL_PROOF = ("testimonials", "stats", "logos")
# Sections a page keeps where they are: never offered for regenerating, moving or removing.
FRAME = ("hero", "cta", "navbar", "footer", "banner")
LABELS = {"faq": "FAQ", "cta": "call to action"}


@dataclass(frozen=True)
class Section:
    name: str  # the block's semantic type (``_name``)
    category: str  # its component's registry category
    component_id: str
    needs_met: bool  # the site has the data its block needs (regenerating it works)


def label(kind: str) -> str:
    return LABELS.get(kind, kind)


class _Planner:
    """The suggestions for one page: ``usable(kinds, exclude)`` says whether a live block of any registry category
    serving one of ``kinds`` has the data it needs, other than the ``exclude``d one."""

    def __init__(
        self, sections: list[Section], usable: Callable[[str, str], bool], page_type: str, rewrites: bool
    ) -> None:
        self.sections = sections
        self.usable = usable
        self.page_type = page_type
        self.rewrites = rewrites

    def matching(self, kind: str) -> list[int]:
        return [i for i, s in enumerate(self.sections) if kind in (s.name, s.category)]

    def nameable(self, index: int) -> bool:
        """The chat can name the section by its type: one word it reads as that type, and no other block."""
        name = self.sections[index].name
        return name.isalpha() and canonical_type(name) == name and self.matching(name) == [index]

    def add(self) -> list[str]:
        for kind in ADD_ORDER:
            if not self.matching(kind) and kind in registry_categories() and self.usable(kind, ""):
                return [f"Add a {label(kind)} section"]
        return []

    def different_hero(self) -> list[str]:
        heroes = self.matching("hero")
        if len(heroes) == 1 and self.nameable(heroes[0]):
            hero = self.sections[heroes[0]]
            return ["Use a different hero"] if self.usable(hero.category or "hero", hero.component_id) else []
        return []

    def move_up(self) -> list[str]:
        for index, section in enumerate(self.sections):
            if section.name in SOCIAL_PROOF and index >= 3 and self.nameable(index):
                return [f"Move the {label(section.name)} section up"]
        return []

    def regenerate(self) -> tuple[list[str], int | None]:
        """Rewrite the first content section (or, offline, show it with another block)."""
        for index, section in enumerate(self.sections):
            if section.name in FRAME or not self.nameable(index):
                continue
            if self.rewrites and section.needs_met:
                return [f"Regenerate the {label(section.name)} section"], index
            if not self.rewrites and self.usable(section.category, section.component_id):
                return [f"Use a different {label(section.name)} section"], index
        return [], None

    def remove(self, keep: int | None) -> list[str]:
        if len(self.sections) < 3:
            return []
        for index in reversed(range(len(self.sections))):
            section = self.sections[index]
            if index != keep and section.name not in FRAME and section.name != self.page_type and self.nameable(index):
                return [f"Remove the {label(section.name)} section"]
        return []

    def suggestions(self) -> list[str]:
        regenerate, regenerated = self.regenerate()
        found = self.add() + self.different_hero() + self.move_up() + regenerate + self.remove(regenerated)
        return found[:MAX_SUGGESTIONS]


def suggest(
    sections: list[Section], usable: Callable[[str, str], bool], page_type: str = "", *, rewrites: bool = False
) -> list[str]:
    """Quick actions for a page with these sections, in the order the chip row shows them. ``rewrites``: the
    provider writes new text when asked to regenerate a section (Claude does; offline does not)."""
    return _Planner(sections, usable, page_type, rewrites).suggestions()


def _usable_lookup(capabilities: frozenset[str]) -> Callable[[str, str], bool]:
    """``usable(kind, exclude)`` over the live registry: any block of a category serving ``kind`` whose needs the
    site meets, other than ``exclude``."""
    cache: dict[str, list[str]] = {}

    def usable(kind: str, exclude: str) -> bool:
        if kind not in cache:
            blocks = live_components().filter(category__in=categories_for(kind)).only("component_id", "props_schema")
            cache[kind] = [b.component_id for b in blocks if not missing_capabilities(b, capabilities)]
        return any(component_id != exclude for component_id in cache[kind])

    return usable


def page_suggestions(website: Website, slug: str, facts: str | None = None, provider: str | None = None) -> list[str]:
    """Quick actions for the page's current draft ([] without one) with ``provider`` (the configured one by
    default). ``facts`` are the chat's facts, which an edit would use too."""
    draft = latest_version(website, slug)
    if draft is None:
        return []
    ectx = edit_context(website, draft, facts or None)
    capabilities = ectx.context.capabilities
    sections = []
    for block in page_blocks(draft.design_payload):
        component = ectx.components.get(str(block.get("_component") or ""))
        name = str(block.get("_name") or (component.category if component else "") or "")
        sections.append(
            Section(
                name=name,
                category=(component.category if component and component.category else "") or name,
                component_id=component.component_id if component else "",
                needs_met=component is not None and not missing_capabilities(component, capabilities),
            )
        )
    rewrites = (provider or settings.LLM_PROVIDER) != "offline"
    return suggest(sections, _usable_lookup(capabilities), ectx.page_type, rewrites=rewrites)
