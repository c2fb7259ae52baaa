"""Quick actions (issue 13, item 5): which suggestions a page's sections give, and that every suggestion made
for the demo pages is a message the offline chat understands and carries out."""

import pytest

from pagebuilder.editing.grammar import parse
from pagebuilder.models import PageVersion
from pagebuilder.refine import refine_page
from pagebuilder.suggestions import MAX_SUGGESTIONS, Section, page_suggestions, suggest
from tests.helpers.generation import FACTS, generate

pytestmark = pytest.mark.django_db


def sections(*names: str) -> list[Section]:
    return [Section(name=name, category=name, component_id=f"{name}-{i}", needs_met=True) for i, name in
            enumerate(names)]  # fmt: skip


def everything_usable(kind: str, exclude: str) -> bool:
    return True


def nothing_usable(kind: str, exclude: str) -> bool:
    return False


def test_a_page_without_a_faq_is_offered_one(registry):
    found = suggest(sections("hero", "about", "cta"), everything_usable)

    assert "Add a FAQ section" in found


def test_a_page_with_a_faq_is_offered_the_next_missing_section(registry):
    found = suggest(sections("hero", "faq", "cta"), everything_usable)

    assert "Add a testimonials section" in found
    assert "Add a FAQ section" not in found


def test_nothing_is_offered_to_add_without_a_block_that_has_its_data(registry):
    found = suggest(sections("hero", "about", "cta"), nothing_usable)

    assert not [text for text in found if text.startswith("Add ")]


def test_a_different_hero_needs_another_usable_hero():
    def only_the_current_hero(kind: str, exclude: str) -> bool:
        return kind != "hero"

    assert "Use a different hero" in suggest(sections("hero", "about"), everything_usable)
    assert "Use a different hero" not in suggest(sections("hero", "about"), only_the_current_hero)


def test_social_proof_low_on_the_page_is_offered_to_move_up():
    low = suggest(sections("hero", "about", "features", "testimonials", "cta"), everything_usable)
    high = suggest(sections("hero", "testimonials", "about", "cta"), everything_usable)

    assert "Move the testimonials section up" in low
    assert not [text for text in high if text.startswith("Move")]


def test_with_claude_the_first_content_section_is_offered_for_regenerating():
    found = suggest(sections("hero", "about", "features", "gallery", "cta"), everything_usable, rewrites=True)

    assert "Regenerate the about section" in found


def test_offline_the_first_content_section_is_offered_another_block_instead():
    found = suggest(sections("hero", "about", "features", "gallery", "cta"), everything_usable)

    assert "Use a different about section" in found
    assert not [text for text in found if text.startswith("Regenerate")]


def test_the_last_optional_section_is_offered_for_removing():
    found = suggest(sections("hero", "about", "features", "gallery", "cta"), everything_usable, "about")

    assert "Remove the gallery section" in found


def test_the_page_types_own_section_is_not_offered_for_removing():
    found = suggest(sections("hero", "features", "about", "cta"), everything_usable, "about")

    assert "Remove the about section" not in found


def test_a_section_whose_block_lacks_its_data_is_not_offered_for_regenerating():
    page = sections("hero", "team", "about", "cta")
    page[1] = Section(name="team", category="team", component_id="team-1", needs_met=False)

    assert "Regenerate the about section" in suggest(page, everything_usable, rewrites=True)


def test_a_section_two_blocks_answer_to_is_never_named():
    found = suggest(sections("hero", "gallery", "about", "gallery", "cta"), everything_usable)

    assert not [text for text in found if "gallery" in text]


def test_there_are_at_most_five_suggestions(registry):
    found = suggest(sections("hero", "about", "features", "services", "testimonials", "gallery", "cta"),
                    everything_usable)  # fmt: skip

    assert len(found) == MAX_SUGGESTIONS


def test_a_page_without_a_draft_has_no_suggestions(crumb):
    assert page_suggestions(crumb, "nothing-yet") == []


DEMO_PAGES = [
    ("crumbandco", "Make an about page for our family bakery", "about", FACTS),
    ("crumbandco", "a services page", "services", FACTS),
    ("crumbandco", "a contact page", "contact", ""),
    ("brightside", "a home page for our dental clinic", "home", ""),
    ("brightside", "a services page for our treatments", "services", ""),
]


@pytest.mark.parametrize(("site", "intent", "slug", "facts"), DEMO_PAGES)
def test_every_suggestion_for_a_demo_page_is_understood_and_carried_out(demo_sites, site, intent, slug, facts):
    website = demo_sites[site]
    generate(website, intent, slug, context=facts)
    draft = PageVersion.objects.get(website=website, slug=slug)

    found = page_suggestions(website, slug)
    with_claude = page_suggestions(website, slug, provider="anthropic")

    assert len(found) >= 3
    for text in found + with_claude:
        assert parse(text, draft.design_payload).ops, text
    for text in found:
        outcome = refine_page(website, slug, text)
        assert outcome.changed, f"{text!r}: {outcome.reply}"
        PageVersion.objects.filter(pk=outcome.version.pk).update(undone=True)  # the next one starts from the draft


def test_a_payload_written_elsewhere_gives_what_it_can(crumb):
    odd = {"blocks": [1, "x", {"_name": 5, "_component": ["a"]}, {"_name": "gallery", "_component": "nope"}]}
    PageVersion.objects.create(website=crumb, slug="odd", design_payload=odd, source="generated")

    found = page_suggestions(crumb, "odd")

    assert "Add a FAQ section" in found
