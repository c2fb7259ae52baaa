"""The shapes that flow between the generation phases, shared by both providers.

research → ``Research`` (context, page type, planned sections with their candidate blocks, insights);
structure → ``PageStructure`` (title, one ``DraftSection`` per block, SEO, suggestions, model usage);
validate → ``Violation`` lists per block.
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from pagebuilder.context import WebsiteContext
from pagebuilder.fact_extraction.found import Extraction
from pagebuilder.playbooks import PageTypeMatch, Playbook, Section
from pagebuilder.site.frame import SiteFrame

if TYPE_CHECKING:  # annotations only: the site package builds on this module's shapes, not the other way
    from pagebuilder.site.plan_request import SitePlanRequest
    from pagebuilder.site.sitemap import Sitemap

SEO_TITLE_MAX = 60
SEO_DESCRIPTION_MAX = 160


@dataclass(frozen=True)
class Candidate:
    """A registry block that may fill a section, as a model or the offline planner sees it."""

    component_id: str
    display_name: str
    description: str
    category: str
    block_name: str
    score: float
    required_props: tuple[str, ...]
    constraints: dict
    media_slots: dict
    capabilities: tuple[str, ...]
    example_props: dict
    usage_notes: tuple[str, ...]
    props_schema: dict = field(default_factory=dict, repr=False)  # the whole contract, for the answer schema


@dataclass(frozen=True)
class PlannedSection:
    section: Section
    candidates: tuple[Candidate, ...]
    skipped: tuple[str, ...] = ()  # candidates left out, with the capability they lacked


@dataclass
class Research:
    intent: str
    slug: str
    context: WebsiteContext
    page_type: PageTypeMatch
    playbook: Playbook
    sections: list[PlannedSection]
    insights: list[str] = field(default_factory=list)
    insights_cached: bool = False
    notes: list[str] = field(default_factory=list)
    components: dict = field(default_factory=dict)  # component_id -> AiSemanticComponent of every candidate
    usage: list = field(default_factory=list)  # ModelUsage of the research calls (the facts read included)
    facts_read: Extraction = field(default_factory=Extraction)  # what the request's additional context states
    frame: SiteFrame | None = None  # set when the page is built as part of a whole site

    @property
    def focus_keyword(self) -> str:
        return self.frame.focus_keyword if self.frame else ""

    def candidate(self, component_id: str) -> Candidate | None:
        return next(
            (c for planned in self.sections for c in planned.candidates if c.component_id == component_id), None
        )

    @property
    def candidate_ids(self) -> list[str]:
        seen: dict[str, None] = {}
        for planned in self.sections:
            for candidate in planned.candidates:
                seen.setdefault(candidate.component_id)
        return list(seen)


@dataclass
class DraftSection:
    semantic_type: str
    component_id: str
    props: dict
    reasoning: str = ""


@dataclass
class SeoMetadata:
    title: str
    description: str
    keywords: list[str] = field(default_factory=list)


@dataclass
class ModelUsage:
    """One model call: what it was for, the model, tokens and cost."""

    purpose: str
    model: str
    input_tokens: int = 0
    output_tokens: int = 0
    cache_creation_input_tokens: int = 0
    cache_read_input_tokens: int = 0
    cost_usd: float = 0.0


@dataclass
class PageStructure:
    page_title: str
    sections: list[DraftSection]
    seo: SeoMetadata
    content_suggestions: list[str] = field(default_factory=list)
    usage: list[ModelUsage] = field(default_factory=list)


@dataclass(frozen=True)
class Violation:
    """One way a block breaks its contract; ``path`` is like ``members[2].name`` ("" for the whole block)."""

    path: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '(block)'}: {self.message}"


class Provider(Protocol):
    """What the workflow asks of an LLM provider (``offline`` or ``anthropic``)."""

    name: str
    display_name: str  # how replies to the editor name it

    def research_insights(self, research: Research) -> tuple[list[str], list[ModelUsage], bool]:
        """Best-practice insights for this industry and page type, their usage, and whether they were cached."""
        ...

    def generate_structure(self, research: Research) -> PageStructure: ...

    def repair(
        self, research: Research, structure: PageStructure, violations: dict[int, list[Violation]]
    ) -> PageStructure:
        """One repair round: the sections at the given indexes broke their contracts as listed."""
        ...

    def extract_facts(self, text: str) -> tuple[Extraction, list[ModelUsage]]:
        """The facts an editor's ``text`` states (kinds and fields of ``websites.fact_kinds``, each with the words
        that state it) and the text that states none, with the model calls it cost. AppError when a model call
        fails or its answer is malformed (its usage in details)."""
        ...

    def plan_edit(self, ectx, payload: dict, message: str) -> tuple[list | None, str, list[ModelUsage]]:
        """The edit operations (``pagebuilder.editing.operations``) an editor's chat ``message`` asks of the page
        ``payload``, a reply for the editor, and the model calls it cost. ``None`` operations: the message was not
        understood and the reply says what would be. ``ectx`` is the draft's ``editing.origin.EditContext``.
        AppError when a model call fails (its usage in details)."""
        ...

    def plan_site(self, request: "SitePlanRequest") -> "tuple[Sitemap, list[ModelUsage]]":
        """The sitemap proposed for a whole site (``request``: the intent, the site's data, the page types and
        sections it may use), checked by the offline planner's rules, and the model calls it cost. AppError when a
        model call fails or its answer holds no page that can be built (its usage in details)."""
        ...
