"""Page addresses (issue 13, item 5): proposing one from the editor's description (English, Spanish, accents),
keeping it unique per website, checking typed ones, and moving a never-published page to another address."""

import pytest

from pagebuilder.addresses import (
    PROPOSED_MAX,
    clean_address,
    new_page_address,
    propose_slug,
    rename_page,
    rename_refusal,
)
from pagebuilder.models import Conversation, Message, PageCategory, PageVersion
from pagebuilder.playbooks import PLAYBOOKS
from pagebuilder.services import SLUG
from websites import jobs
from websites.errors import Conflict, InvalidInput, NotFound

pytestmark = pytest.mark.django_db


def version(site, slug: str, **fields) -> PageVersion:
    return PageVersion.objects.create(
        website=site, slug=slug, title=slug, design_payload={"blocks": []}, source="generated", **fields
    )


def chat(site, slug: str, *, with_message: bool = True) -> Conversation:
    conversation = Conversation.objects.create(website=site, slug=slug)
    if with_message:
        Message.objects.create(conversation=conversation, role="user", text="Make a page")
    return conversation


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("a page introducing our teachers", "teachers"),
        ("Introduce our teachers", "teachers"),
        ("Meet the team", "team"),
        ("Make an about page for our family bakery", "about"),
        ("Create a contact page with our opening hours", "contact"),
        ("I want a beautiful page about the history of our bakery", "history"),
        ("a landing page for the spring offer", "spring-offer"),
        ("Una página sobre nuestro equipo de dentistas", "equipo"),
        ("Página de preguntas frecuentes", "preguntas-frecuentes"),
        ("quiénes somos", "quienes-somos"),
        ("Crème brûlée & café menu", "creme-brulee-cafe-menu"),
        ("Straße der Öffnungszeiten in Łódź", "strasse-der-offnungszeiten"),
    ],
)
def test_a_proposal_names_the_page_by_the_intents_own_words(bakery, intent, expected):
    assert propose_slug(bakery, intent) == expected


def test_a_long_intent_gives_at_most_60_characters_of_whole_words(bakery):
    proposed = propose_slug(bakery, "a page about " + " ".join(["extraordinarily"] * 10))

    assert proposed == "extraordinarily-extraordinarily-extraordinarily"


def test_a_single_overlong_word_is_cut_to_the_limit(bakery):
    proposed = propose_slug(bakery, "x" * 200)

    assert len(proposed) == PROPOSED_MAX


def test_an_intent_without_words_of_its_own_falls_back_on_its_page_type(bakery):
    proposed = propose_slug(bakery, "Make a new page please")

    assert proposed in {playbook.slugs[0] for playbook in PLAYBOOKS} | {"new-page"}


def test_a_blank_intent_proposes_nothing(bakery):
    assert propose_slug(bakery, "  \n ") == ""


def test_every_proposal_is_a_valid_slug(bakery):
    intents = ["¿Qué ofrecemos?", "Ñandú & Co. — página", "100% natural!!", "naïve café", "Ølbryggeri"]

    for intent in intents:
        assert SLUG.match(propose_slug(bakery, intent)), intent


def test_a_used_address_gets_a_number(bakery):
    version(bakery, "teachers")

    assert propose_slug(bakery, "a page introducing our teachers") == "teachers-2"


def test_each_kind_of_use_takes_an_address(bakery):
    version(bakery, "teachers")
    PageCategory.objects.create(website=bakery, slug="teachers-2", name="Teachers")
    chat(bakery, "teachers-3")

    assert propose_slug(bakery, "our teachers") == "teachers-4"


def test_a_chat_without_messages_and_other_websites_do_not_take_an_address(bakery, clinic):
    chat(bakery, "teachers", with_message=False)
    version(clinic, "teachers")

    assert propose_slug(bakery, "our teachers") == "teachers"


def test_a_numbered_proposal_stays_within_the_limit(bakery):
    base = "-".join(["abcdefghijk"] * 5)  # 59 characters
    version(bakery, base)

    proposed = propose_slug(bakery, base.replace("-", " "))

    assert len(proposed) <= PROPOSED_MAX
    assert proposed.endswith("-2")


@pytest.mark.parametrize(
    ("typed", "advice"),
    [
        ("Our Teachers", "'our-teachers'"),
        ("über-uns", "'uber-uns'"),
        ("about--us", "single hyphens"),
        ("a" * 101, "at most 100"),
        ("", "Type the page address"),
        ("about us/team", "'about-us-team'"),
    ],
)
def test_a_typed_address_is_checked_with_a_message_saying_what_to_fix(typed, advice):
    with pytest.raises(InvalidInput) as refused:
        clean_address(typed)

    assert advice in refused.value.message


def test_a_typed_address_may_carry_slashes_and_capitals():
    assert clean_address(" /About-Us/ ") == "about-us"


def test_a_new_page_takes_the_typed_address_when_it_is_free(bakery):
    assert new_page_address(bakery, "our-staff", "a page introducing our teachers") == "our-staff"


def test_a_new_page_without_an_address_gets_the_proposal(bakery):
    assert new_page_address(bakery, "  ", "a page introducing our teachers") == "teachers"


def test_a_new_page_at_a_used_address_is_refused_with_a_free_one(bakery):
    version(bakery, "about")

    with pytest.raises(Conflict) as refused:
        new_page_address(bakery, "about", "an about page")

    assert "'about-2'" in refused.value.message


def test_a_new_page_needs_a_description(bakery):
    with pytest.raises(InvalidInput) as refused:
        new_page_address(bakery, "about", "   ")

    assert "Describe the page first" in refused.value.message


def test_renaming_moves_versions_chat_and_messages(bakery):
    first, second = version(bakery, "teachers"), version(bakery, "teachers")
    conversation = chat(bakery, "teachers")

    assert rename_page(bakery, "teachers", "/Our-Teachers") == "our-teachers"

    assert set(PageVersion.objects.filter(slug="our-teachers").values_list("pk", flat=True)) == {first.pk, second.pk}
    assert not PageVersion.objects.filter(slug="teachers").exists()
    conversation.refresh_from_db()
    assert conversation.slug == "our-teachers"
    assert conversation.messages.count() == 1


def test_renaming_a_published_page_is_refused(bakery):
    version(bakery, "teachers")
    PageCategory.objects.create(website=bakery, slug="teachers", name="Teachers", design_payload={"blocks": []})

    with pytest.raises(Conflict) as refused:
        rename_page(bakery, "teachers", "our-teachers")

    assert "belongs to the platform" in refused.value.message
    assert PageVersion.objects.filter(slug="teachers").count() == 1


def test_a_page_that_was_published_once_keeps_its_address(bakery):
    version(bakery, "teachers", published=True)  # since unpublished: the row is gone, the version remembers

    assert "is or was published" in rename_refusal(bakery, "teachers")


def test_a_page_a_task_is_working_on_keeps_its_address(bakery):
    version(bakery, "teachers")
    jobs.create_task(task_type="page_edit", website_id=bakery.pk, input={"slug": "teachers"}, message="queued")

    with pytest.raises(Conflict) as refused:
        rename_page(bakery, "teachers", "our-teachers")

    assert "still working on /teachers" in refused.value.message


def test_renaming_to_a_used_address_is_refused(bakery):
    version(bakery, "teachers")
    version(bakery, "staff")

    with pytest.raises(Conflict) as refused:
        rename_page(bakery, "teachers", "staff")

    assert "/staff is already used" in refused.value.message
    assert PageVersion.objects.filter(slug="teachers").count() == 1


def test_renaming_to_the_same_address_is_refused(bakery):
    version(bakery, "teachers")

    with pytest.raises(InvalidInput):
        rename_page(bakery, "teachers", "teachers")


def test_renaming_a_page_that_does_not_exist_is_not_found(bakery):
    with pytest.raises(NotFound):
        rename_page(bakery, "nothing-here", "something")


def test_renaming_leaves_another_websites_page_alone(bakery, clinic):
    version(bakery, "teachers")
    theirs = version(clinic, "teachers")

    rename_page(bakery, "teachers", "our-teachers")

    theirs.refresh_from_db()
    assert theirs.slug == "teachers"
