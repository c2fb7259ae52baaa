"""A page's sections find their blocks in every category that may serve them, and the curators' context adapters
rank a block higher for the industries and page uses they name (issue 11, item 3)."""

import pytest

from pagebuilder.providers.offline import OfflineProvider
from pagebuilder.workflow import research_phase
from registry.categories import adapter_matches, categories_for, category_phrase
from registry.models import AiSemanticComponent
from registry.search import search_components

pytestmark = pytest.mark.django_db


def _research(site, intent="a page listing our services", slug="services"):
    return research_phase(
        site, {"page_intent": intent, "page_category_slug": slug}, OfflineProvider(), lambda *args: None
    )


def _candidates(research, semantic_type: str) -> list[str]:
    planned = next(p for p in research.sections if p.section.semantic_type == semantic_type)
    return [candidate.component_id for candidate in planned.candidates]


def test_sections_map_to_the_real_librarys_categories_and_unmapped_names_to_themselves():
    assert categories_for("services") == ("services", "services-list")
    assert "background-pattern-hero" in categories_for("hero")
    assert "contact" in categories_for("location")
    assert categories_for("brand-new-category") == ("brand-new-category",)
    assert "reviews" in category_phrase("testimonials")
    assert category_phrase("unknown") == ""


def test_a_services_section_finds_blocks_filed_under_services_list(crumb):
    AiSemanticComponent.objects.filter(category="services").update(category="services-list")  # as the real library

    research = _research(crumb)

    found = _candidates(research, "services")
    assert found
    assert set(AiSemanticComponent.objects.filter(component_id__in=found).values_list("category", flat=True)) == {
        "services-list"
    }


def test_search_accepts_several_categories(registry):
    hits = search_components("a section for our website", category=["faq", "pricing"], limit=50)

    categories = set(
        AiSemanticComponent.objects.filter(component_id__in=[h.component_id for h in hits]).values_list(
            "category", flat=True
        )
    )
    assert categories == {"faq", "pricing"}


def test_adapters_naming_the_sites_industry_lift_a_block_among_its_sections_candidates(crumb):
    before = _candidates(_research(crumb), "services")
    last = before[-1]
    AiSemanticComponent.objects.filter(component_id=last).update(
        context_adapters={"industries": ["bakery", "food"], "use_cases": ["services"]}
    )

    after = _candidates(_research(crumb), "services")

    assert after[0] == last != before[0]


def test_adapter_matches_reads_only_the_documented_keys_and_ignores_filler_words():
    adapters = {"industries": ["Bakery", "Café"], "use_cases": ["services page"], "notes": ["dentist"]}

    assert adapter_matches(adapters, ["family bakery"]) == 1
    assert adapter_matches(adapters, ["services page"]) == 1  # "page" is filler
    assert adapter_matches(adapters, ["dentist"]) == 0
    assert adapter_matches("not an object", ["bakery"]) == 0
