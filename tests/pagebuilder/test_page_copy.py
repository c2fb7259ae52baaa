"""The offline writer's copy (issue 13, item 4) on a website that is not in the demo data, over every page type
with the demo registry and the real library (the demo websites' pages are checked where they are generated:
test_offline_generation and test_opensite_generation), and what the editor states in a request being on the page.
"""

import pytest

from pagebuilder.playbooks import PLAYBOOKS
from pagebuilder.statements import best_section, stated_sentences
from tests.helpers.generation import generate, generate_or_skip
from tests.helpers.opensite import needs_export, only_the_real_library
from tests.helpers.page_copy import copy_problems, new_website, page_texts
from websites.models import Website

pytestmark = pytest.mark.django_db


def _copy_problems(site: Website) -> list[str]:
    problems = []
    for playbook in PLAYBOOKS:
        task, _ = generate_or_skip(site, playbook.examples[0], f"copy-{playbook.slugs[0]}")
        where = f"{site.subdomain} {playbook.page_type}"
        if task.status != "completed":
            problems.append(f"{where}: failed: {task.error}")
            continue
        problems += copy_problems(task, where)
    return problems


def test_no_sentence_twice_and_no_keyword_titles_on_a_new_website_with_the_demo_registry(registry):
    problems = _copy_problems(new_website())

    assert problems == [], "\n".join(problems)


@needs_export
def test_no_sentence_twice_and_no_keyword_titles_on_a_new_website_with_the_real_library(registry):
    only_the_real_library()

    problems = _copy_problems(new_website())

    assert problems == [], "\n".join(problems)


STATED = (
    ("about", "Make an about page for our yoga studio; we started as a pop-up on the pier in 2009",
     "We started as a pop-up on the pier in 2009."),
    ("pricing", "A pricing page. Classes are pay-what-you-can on Sundays",
     "Classes are pay-what-you-can on Sundays."),
    ("home", "Make a home page for Lotus Flow Yoga, we teach by the water and every class ends with tea",
     "We teach by the water and every class ends with tea."),
    ("services", "page listing our services - our teachers trained in Mysore for three years",
     "Our teachers trained in Mysore for three years."),
)  # fmt: skip


def _stated_problems(site) -> list[str]:
    problems = []
    for page_type, intent, sentence in STATED:
        context = {"pricing": "Plan: Drop-in | $18 | per class", "services": "We offer vinyasa and prenatal yoga"}
        task = generate(site, intent, f"stated-{page_type}", context=context.get(page_type, ""))
        if task.status != "completed":
            problems.append(f"{page_type}: {task.public_status}: {task.error or task.result}")
            continue
        texts = " ".join(text for _, text, _ in page_texts(task))
        if sentence not in texts:
            problems.append(f"{page_type}: {sentence!r} is not on the page")
    return problems


def test_what_the_editor_states_in_the_request_is_on_the_page_with_the_demo_registry(registry):
    problems = _stated_problems(new_website())

    assert problems == [], "\n".join(problems)


@needs_export
def test_what_the_editor_states_in_the_request_is_on_the_page_with_the_real_library(registry):
    only_the_real_library()

    problems = _stated_problems(new_website())

    assert problems == [], "\n".join(problems)


def test_a_statement_goes_to_the_section_its_words_belong_to():
    planned = ["hero", "about", "features", "pricing", "cta"]

    assert best_section("We started as a pop-up on the pier in 2009.", planned) == "about"
    assert best_section("Classes are pay-what-you-can on Sundays.", planned) == "pricing"
    assert best_section("Everyone gets a cup of tea afterwards.", planned) == "about"
    assert best_section("Everyone gets a cup of tea afterwards.", ["hero", "cta"]) == "hero"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("make an about page for our family bakery", []),
        ("an about page for our bike repair shop; we have fixed commuter bikes on Dock Street since 2014",
         ["We have fixed commuter bikes on Dock Street since 2014."]),
        ("the home page of our studio, with our classes", []),
        ("Introduce our teachers", []),
        ("tell our story and history", []),
        ("Teachers: Ana Ruiz (founder), Sam Okafor (vinyasa)", []),
        ('"Best class of my week." - Maria G.', []),
        ("Drop-in 18 USD", []),
        ("crea una página sobre nosotros: empezamos en 2009 en el muelle", ["Empezamos en 2009 en el muelle."]),
        ("An about page - our bread is baked in an oven built by grandpa in 1987",
         ["Our bread is baked in an oven built by grandpa in 1987."]),
        ("Home page. We donate every Friday's leftovers to the shelter. Please keep it short.",
         ["We donate every Friday's leftovers to the shelter."]),
        ("Make a home page for Harbor Clay, every course ends with a shared firing night",
         ["Every course ends with a shared firing night."]),
        ("Make a home page for Harbor Clay, with our opening hours", []),
        ("We bake sourdough, croissants and cakes every morning",
         ["We bake sourdough, croissants and cakes every morning."]),
    ],
)  # fmt: skip
def test_statements_are_what_the_editor_says_is_true_not_what_they_ask_for(text, expected):
    assert stated_sentences(text) == expected
