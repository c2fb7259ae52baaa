"""What a sitemap planner is given, whichever planner it is (``Provider.plan_site``): the site-level intent, the
website's context, the slugs it already uses, the page types of the playbooks with their sections, the section
types the registry can build beyond a page's own playbook, and a short summary of the site's facts (names and
counts; phone and e-mail only as channels the site has, never their values).
``pagebuilder.providers.anthropic.site_request`` turns it into Claude's request; ``plan_answer`` checks an answer
against it.
"""

from dataclasses import dataclass, field

from pagebuilder.context import WebsiteContext, build_context
from pagebuilder.copywriter import cut
from pagebuilder.playbooks import PLAYBOOKS, PLAYBOOKS_BY_TYPE, Playbook, Section
from pagebuilder.site.sitemap import MAX_PAGES, existing_slugs, page_needs
from registry.categories import SECTION_CATEGORIES, categories_for
from registry.selectors import live_components
from websites.models import Website

SHARED_CATEGORIES = {"navbar", "footer"}  # chosen once for the whole site by the build, never a page's section
FACT_NAMES = 8  # names listed per kind of fact; the rest are counted
NAME_CHARS = 80


@dataclass(frozen=True)
class SitePlanRequest:
    website: Website
    intent: str
    context: WebsiteContext
    taken: frozenset[str]  # slugs of the website's existing pages (published, drafts, deleted)
    registry_types: frozenset[str] = field(default_factory=frozenset)  # section types the registry has blocks for
    max_pages: int = MAX_PAGES

    def allowed_sections(self, playbook: Playbook) -> set[str]:
        """The section types a page of ``playbook`` may have: its playbook's, and any the registry can build."""
        return {section.semantic_type for section in playbook.sections} | set(self.registry_types)

    def page_types(self) -> list[dict]:
        """Every page type a plan may use, compact: type, title, usual slugs, sections (``req`` for required,
        ``needs`` for the capability that makes an optional one worth having) and ``missing``: the sections the
        site's data cannot fill yet (such a page is proposed only when asked for, and waits for answers)."""
        described = []
        for playbook in PLAYBOOKS:
            sections = [_section_entry(section) for section in playbook.sections]
            entry = {"type": playbook.page_type, "title": playbook.title, "slugs": list(playbook.slugs[:3]),
                     "sections": sections}  # fmt: skip
            missing = [question.id for question in page_needs(playbook, self.context)]
            if missing:
                entry["missing"] = missing
            described.append(entry)
        return described

    def extra_sections(self) -> list[str]:
        """Section types the registry can build that are in no playbook (``logos``, ``blog``, ``projects`` …)."""
        in_playbooks = {section.semantic_type for playbook in PLAYBOOKS for section in playbook.sections}
        return sorted(self.registry_types - in_playbooks)

    def facts_summary(self) -> dict:
        """What the site's facts hold, by kind: names (at most FACT_NAMES) or counts; phone and e-mail only as the
        channels the site has, never their values."""
        facts = self.context.facts
        names = {
            "offerings": [o.name for o in facts.offerings],
            "menu": [m.name for m in facts.menu],
            "plans": [f"{p.name} {p.price}".strip() for p in facts.plans],
            "team": [f"{m.name} ({m.role})" if m.role else m.name for m in facts.team],
            "testimonials_by": [t.author for t in facts.testimonials],
            "jobs": [j.title for j in facts.jobs],
            "faq_questions": [question for question, _ in facts.faqs],
            "posts": [p.title for p in facts.posts],
        }
        summary: dict = {key: _names(values) for key, values in names.items() if values}
        counts = {"stats": len(facts.stats), "milestones": len(facts.milestones), "partners": len(facts.partners),
                  "photos": len(self.context.media)}  # fmt: skip
        summary.update({key: count for key, count in counts.items() if count})
        channels = [name for name, value in (("phone", facts.phone), ("email", facts.email)) if value]
        if channels:
            summary["contact"] = channels
        if facts.address:
            summary["address"] = cut(facts.address, NAME_CHARS)
        if facts.hours:
            summary["opening_hours"] = True
        return summary


def site_plan_request(website: Website, intent: str) -> SitePlanRequest:
    """The request for ``website`` and a site-level ``intent``: its context, slugs and what the registry holds."""
    categories = set(live_components().values_list("category", flat=True).distinct())
    return SitePlanRequest(
        website=website,
        intent=intent,
        context=build_context(website),
        taken=frozenset(existing_slugs(website)),
        registry_types=frozenset(registry_section_types(categories)),
    )


def registry_section_types(categories: set[str]) -> set[str]:
    """The section types whose blocks the registry holds (a type is served by any of ``categories_for``), and
    every category no mapping names, as a section of its own; navbar and footer are never a page's section."""
    known = {section.semantic_type for playbook in PLAYBOOKS for section in playbook.sections} | set(SECTION_CATEGORIES)
    types = {kind for kind in known if set(categories_for(kind)) & categories}
    mapped = {category for kind in known for category in categories_for(kind)}
    return (types | (categories - mapped)) - SHARED_CATEGORIES


def section_definition(semantic_type: str, playbook: Playbook) -> Section | None:
    """The section as ``playbook`` defines it, else as the most permissive other playbook does (one that needs no
    capability wins), else None (a registry-only section)."""
    own = next((s for s in playbook.sections if s.semantic_type == semantic_type), None)
    if own is not None:
        return own
    others = [s for p in PLAYBOOKS_BY_TYPE.values() for s in p.sections if s.semantic_type == semantic_type]
    return next((s for s in others if s.needs is None), others[0] if others else None)


def _section_entry(section: Section) -> dict:
    entry: dict = {"type": section.semantic_type}
    if section.required:
        entry["req"] = True
    if section.needs:
        entry["needs"] = section.needs
    return entry


def _names(values: list[str]) -> list[str] | dict:
    shown = [cut(value, NAME_CHARS) for value in values if value][:FACT_NAMES]
    return shown if len(values) <= FACT_NAMES else {"first": shown, "count": len(values)}
