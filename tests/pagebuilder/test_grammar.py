"""The offline chat grammar: every command form, politeness, quotes, several commands in one message, and the
help reply for what it does not understand. Parsing reads the registry's categories only for words it does not
know (``registry`` fixture)."""

import pytest

from pagebuilder.editing.grammar import HELP_EXAMPLES, parse
from pagebuilder.editing.operations import Add, Move, Regenerate, Remove, SetText, Swap, Tone

pytestmark = pytest.mark.django_db
PAGE = {
    "blocks": [
        {"_id": "b1", "_name": "hero"},
        {"_id": "b2", "_name": "about"},
        {"_id": "b3", "_name": "testimonials"},
        {"_id": "b4", "_name": "cta"},
    ]
}


def ops(message: str) -> list:
    result = parse(message, PAGE)
    assert result.help is None, result.help
    return result.ops


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("add a faq section", [Add("faq")]),
        ("add testimonials after the about section", [Add("testimonials", "after", "the about section")]),
        ("add some reviews before the cta", [Add("testimonials", "before", "the cta")]),
        ("add a call to action at the bottom", [Add("cta", "bottom")]),
        ("put a faq after the about", [Add("faq", "after", "the about")]),
        ("add a map to the top of the page", [Add("location", "top")]),
        ("remove the testimonials", [Remove("the testimonials")]),
        ("delete the faq", [Remove("the faq")]),
        ("get rid of the second faq", [Remove("the second faq")]),
        ("move the faq above the cta", [Move("the faq", "before", "the cta")]),
        ("move the gallery to the top", [Move("the gallery", "top")]),
        ("move the call to action to the end", [Move("the call to action", "bottom")]),
        ("put the faq below the hero", [Move("the faq", "after", "the hero")]),
        ("move the faq up", [Move("the faq", "up")]),
        ("set the hero headline to 'Fresh bread daily'", [SetText("the hero", "headline", "Fresh bread daily")]),
        ("set the hero headline to “Fresh bread daily”", [SetText("the hero", "headline", "Fresh bread daily")]),
        ("change the cta button to 'Book now'", [SetText("cta", "button", "Book now")]),
        ("change the CTA button to ‘Rosa’s bread’", [SetText("cta", "button", "Rosa’s bread")]),
        ("set the headline to 'Rosa's bread'", [SetText("hero", "headline", "Rosa's bread")]),
        ("set the headline to Fresh bread daily", [SetText("hero", "headline", "Fresh bread daily")]),
        (
            "set the subtitle of the about section to 'Since 1952'",
            [SetText("the about section", "subtitle", "Since 1952")],
        ),
        ("change the hero's eyebrow to 'New'", [SetText("the hero", "eyebrow", "New")]),
        ("set the hero primaryAction.label to 'Visit'", [SetText("the hero", "primaryAction.label", "Visit")]),
        ("regenerate the hero", [Regenerate("the hero")]),
        ("rewrite the about section", [Regenerate("the about section")]),
        ("use a carousel instead", [Swap("", "carousel")]),
        ("use a grid layout", [Swap("", "grid")]),
        ("use a carousel for the testimonials", [Swap("the testimonials", "carousel")]),
        ("swap the testimonials for a grid", [Swap("the testimonials", "grid")]),
        ("change the gallery to a masonry layout", [Swap("the gallery", "masonry")]),
        ("show the testimonials as a carousel", [Swap("the testimonials", "carousel")]),
        ("use a different hero", [Swap("hero", "")]),
        ("use a before-after gallery", [Swap("gallery", "before-after")]),
        ("change the cta to 'Book now'", [SetText("the cta", "headline", "Book now")]),
        ("set the hero link to '/menu'", [SetText("the hero link", "headline", "/menu")]),
        ("try another gallery layout", [Swap("gallery", "")]),
        ("swap the hero", [Swap("the hero", "")]),
        ("swap the hero for another hero", [Swap("the hero", "")]),
        (
            "replace the testimonials with a faq",
            [Add("faq", "before", "the testimonials"), Remove("the testimonials")],
        ),
        ("make the hero punchier", [Tone("punchier", "the hero")]),
        ("make it more friendly", [Tone("more friendly", "")]),
        ("change the tone to playful", [Tone("playful", "")]),
        ("rewrite the about section in a friendlier tone", [Tone("friendlier", "the about section")]),
    ],
)
def test_each_command_form(registry, message, expected):
    assert ops(message) == expected


@pytest.mark.parametrize(
    "message",
    [
        "Please add a faq section.",
        "can you add a faq section?",
        "Could you please add a FAQ section, thanks!",
        "ADD A FAQ SECTION please",
        "I'd like to add a faq section",
        "ok, add a faq section!",
    ],
)
def test_politeness_and_case_are_ignored(registry, message):
    assert ops(message) == [Add("faq")]


def test_several_commands_in_one_message(registry):
    assert ops("add a faq section and move the gallery to the top; regenerate the hero\nremove the cta") == [
        Add("faq"),
        Move("the gallery", "top"),
        Regenerate("the hero"),
        Remove("the cta"),
    ]
    assert ops("remove the faq and the gallery") == [Remove("the faq"), Remove("the gallery")]
    assert ops("add testimonials and a faq") == [Add("testimonials"), Add("faq")]
    assert ops("set the hero headline to 'Bread and butter' then move the faq up") == [
        SetText("the hero", "headline", "Bread and butter"),
        Move("the faq", "up"),
    ]


def test_an_unknown_message_gets_help_with_examples_and_the_pages_sections(registry):
    result = parse("hello there", PAGE)
    assert result.ops is None
    assert "didn't understand" in result.help
    assert "hello there" in result.help
    assert all(example in result.help for example in HELP_EXAMPLES)
    assert "hero, about, testimonials, cta" in result.help


def test_one_unknown_part_refuses_the_whole_message_and_names_the_part(registry):
    result = parse("remove the faq; sing a song", PAGE)
    assert result.ops is None
    assert "sing a song" in result.help


@pytest.mark.parametrize("message", ["", "   ", "please", "?", None, "'unclosed quote", "\x00\x001\x00"])
def test_odd_input_never_raises(registry, message):
    result = parse(message, PAGE)
    assert result.ops is None or isinstance(result.ops, list)
    if result.ops is None:
        assert result.help


def test_help_examples_themselves_parse(registry):
    for example in HELP_EXAMPLES:
        assert parse(example, PAGE).ops, example
