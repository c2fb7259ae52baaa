"""The offline planner builds every page type from the real @opensite/ui library alone (issue 11, item 4).

With only the export's 605 blocks live, both demo websites get a page of every playbook type: each completes,
every required section is there or named with the data that would let it in, and every block is valid against
its inferred contract. Skips only when ../shared/opensite is absent.
"""

import json

import pytest

from pagebuilder.context import build_context
from pagebuilder.playbooks import PLAYBOOKS
from pagebuilder.validation import validate_block
from registry.models import AiSemanticComponent
from tests.helpers.generation import FACTS, generate_or_skip
from tests.helpers.opensite import needs_export, only_the_real_library
from tests.helpers.page_copy import copy_problems, new_website

pytestmark = [pytest.mark.django_db, needs_export]


def _problems(site, playbook, facts: str, ids: set[str]) -> list[str]:
    task, asked = generate_or_skip(site, playbook.examples[0], f"real-{playbook.slugs[0]}", context=facts)
    where = f"{site.subdomain} {playbook.page_type}"
    if task.status != "completed":
        return [f"{where}: failed: {task.error}"]
    result, problems = task.result, copy_problems(task, where)
    built = {section["semantic_type"] for section in result["sections"]}
    told = " ".join(result["notes"] + result["content_suggestions"])
    if "hero" not in built:  # a hero needs no facts: the library has 40 heroes with props to follow
        problems.append(f"{where}: no hero")
    for section in playbook.sections:
        explained = section.semantic_type in told or section.semantic_type in asked
        if section.required and section.semantic_type not in built and not explained:
            problems.append(f"{where}: required {section.semantic_type} neither built nor explained")
    context = build_context(site, facts)
    for block in result["design_payload"]["blocks"]:
        assert block["_component"] in ids
        component = AiSemanticComponent.objects.get(component_id=block["_component"])
        if violations := validate_block(component, component.component_id, block["_props"], context):
            problems.append(f"{where}: {block['_component']} invalid: {violations[0]}")
        problems += [f"{where}: {block['_component']} repeats an item of {key}" for key in _repeating(block["_props"])]
    return problems


def _repeating(value: object, path: str = "") -> list[str]:
    """Paths of lists that hold the same item twice (a list filled from little data must not repeat itself)."""
    found = []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _repeating(child, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        seen = [json.dumps(item, sort_keys=True) for item in value]
        if len(set(seen)) < len(seen):
            found.append(path)
        for index, child in enumerate(value):
            found += _repeating(child, f"{path}[{index}]")
    return found


def test_every_page_type_is_built_from_the_real_library_on_both_demo_websites(demo_sites):
    ids = only_the_real_library()

    problems = []
    for site, facts in ((demo_sites["crumbandco"], FACTS), (demo_sites["brightside"], "")):
        for playbook in PLAYBOOKS:
            problems += _problems(site, playbook, facts, ids)

    assert problems == [], "\n".join(problems)


def test_a_new_website_with_no_facts_or_media_gets_valid_pages_that_do_not_repeat_themselves(registry):
    ids = only_the_real_library()
    site = new_website()

    problems = [
        p
        for playbook in PLAYBOOKS
        if playbook.page_type in ("home", "services")
        for p in _problems(site, playbook, "", ids)
    ]

    assert problems == [], "\n".join(problems)
