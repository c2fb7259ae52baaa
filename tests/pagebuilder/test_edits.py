"""Refinement by chat on real generated pages of the demo bakery: every operation through ``refine_page`` (the
offline grammar) and ``apply_edits``, the contract checks that refuse an edit without saving, versions and undo,
and Claude planning edits through the real anthropic SDK over a fake HTTP transport."""

import json

import pytest

from pagebuilder import pages
from pagebuilder.context import build_context
from pagebuilder.editing.apply import apply_edits
from pagebuilder.editing.offers import edit_candidates
from pagebuilder.editing.operations import Add, Move, Remove
from pagebuilder.editing.origin import edit_context
from pagebuilder.editing.text_edits import TONE_NEEDS_CLAUDE
from pagebuilder.models import PageVersion
from pagebuilder.payload import block_styles, effective_theme
from pagebuilder.prop_paths import get_path, text_paths
from pagebuilder.providers.anthropic.requests import edit_request
from pagebuilder.refine import UNDO_REPLY, refine_page
from pagebuilder.validation import validate_block
from registry.models import AiSemanticComponent
from tests.fake_anthropic import answer_schema, api_error, unchecked
from tests.helpers.generation import FACTS, generate
from tests.helpers.opensite import needs_export, only_the_real_library
from websites.models import AiTask, Website

pytestmark = pytest.mark.django_db
ABOUT = "make an about page for our family bakery"


def make_page(site, slug="about", intent=ABOUT, context=FACTS) -> PageVersion:
    task = generate(site, intent, slug, context=context)
    assert task.status == "completed", task.error
    return pages.latest_version(site, slug)


def names(version: PageVersion) -> list[str]:
    return [b["_name"] for b in version.design_payload["blocks"]]


def block(version: PageVersion, name: str) -> dict:
    return next(b for b in version.design_payload["blocks"] if b["_name"] == name)


def assert_valid(site, version: PageVersion, facts: str = FACTS) -> None:
    """Every block passes its contract, ids are unique and styles follow the position."""
    context = build_context(site, facts)
    blocks = version.design_payload["blocks"]
    theme = effective_theme(context)
    for index, item in enumerate(blocks):
        component = AiSemanticComponent.objects.get(component_id=item["_component"])
        assert validate_block(component, component.component_id, item["_props"], context) == [], item["_name"]
        assert item["_styles"] == block_styles(theme, item["_name"], index)
        assert item["_type"] == (component.props_schema.get("x-block-name"))
    assert len({b["_id"] for b in blocks}) == len(blocks)


def refine(site, message, slug="about", **kwargs):
    return refine_page(site, slug, message, provider_name=kwargs.pop("provider_name", "offline"), **kwargs)


def assert_refused(site, outcome, before: int, *phrases: str) -> None:
    assert outcome.changed is False
    assert outcome.version is None
    assert PageVersion.objects.count() == before
    for phrase in phrases:
        assert phrase in outcome.reply, outcome.reply


# --- set text --------------------------------------------------------------------------------------------------


def test_set_text_saves_a_new_edited_version_with_the_author_and_a_summary(crumb, editor):
    draft = make_page(crumb)
    outcome = refine(crumb, "Please set the hero headline to 'Fresh bread daily'.", author=editor)
    assert outcome.changed, outcome.reply
    version = outcome.version
    assert version.source == "edited"
    assert version.author == editor
    assert version.summary == "Set the hero headline to 'Fresh bread daily'" == outcome.summary
    assert block(version, "hero")["_props"]["title"] == "Fresh bread daily"
    assert outcome.reply.startswith("Done: set the hero headline")
    assert pages.latest_version(crumb, "about") == version
    assert (version.title, version.seo_title, version.seo_description) == (
        draft.title, draft.seo_title, draft.seo_description,
    )  # fmt: skip
    old, new = draft.design_payload, version.design_payload
    assert [b["_id"] for b in new["blocks"]] == [b["_id"] for b in old["blocks"]]
    assert [b["_props"] for b in new["blocks"][1:]] == [b["_props"] for b in old["blocks"][1:]]
    assert new["meta"]["intent"] == "Please set the hero headline to 'Fresh bread daily'."
    assert new["meta"]["provider"] == "offline"
    assert new["meta"]["task_id"] == old["meta"]["task_id"]
    assert new["meta"]["generated_at"] > old["meta"]["generated_at"]
    assert_valid(crumb, version)


def test_a_text_over_the_contracts_limit_is_refused_and_nothing_is_saved(crumb):
    make_page(crumb)
    before = PageVersion.objects.count()
    outcome = refine(crumb, f"set the hero headline to '{'x' * 95}'")
    assert_refused(crumb, outcome, before, "The hero headline can be at most 80 characters; yours has 95.")


def test_markup_in_a_text_is_stripped_and_the_reply_says_so(crumb):
    make_page(crumb)
    outcome = refine(crumb, "set the hero headline to '<b>Fresh</b> bread <script>alert(1)</script>daily'")
    assert outcome.changed
    assert block(outcome.version, "hero")["_props"]["title"] == "Fresh bread daily"
    assert "markup" in outcome.reply
    assert "plain text" in outcome.reply
    assert_valid(crumb, outcome.version)


def test_the_cta_button_label_and_curly_quotes(crumb):
    make_page(crumb)
    outcome = refine(crumb, "change the cta button to “Book now”")
    assert outcome.changed, outcome.reply
    assert block(outcome.version, "cta")["_props"]["primaryAction"]["label"] == "Book now"
    assert outcome.summary == "Set the cta button label to 'Book now'"


def test_an_empty_required_text_and_an_unknown_field_are_refused(crumb):
    make_page(crumb)
    before = PageVersion.objects.count()
    assert_refused(crumb, refine(crumb, "set the hero headline to ''"), before, "cannot be empty")
    assert_refused(crumb, refine(crumb, "set the team caption to 'Hi'"), before, "no caption text", "Its texts:")


# --- remove, move, ordinals ----------------------------------------------------------------------------------------


def test_remove_a_section_and_styles_follow_the_new_positions(crumb):
    draft = make_page(crumb)
    outcome = refine(crumb, "remove the reviews")
    assert outcome.changed
    assert outcome.summary == "Removed the testimonials section"
    assert names(outcome.version) == [n for n in names(draft) if n != "testimonials"]
    assert_valid(crumb, outcome.version)


def test_the_last_remaining_section_cannot_be_removed(crumb):
    draft = make_page(crumb)
    keep = names(draft)[0]
    outcome = apply_edits(crumb, "about", [Remove(n) for n in names(draft)[1:]])
    assert outcome.changed
    assert names(outcome.version) == [keep]
    before = PageVersion.objects.count()
    assert_refused(crumb, refine(crumb, f"delete the {keep}"), before, "only section")


def test_move_above_an_anchor_to_the_top_and_by_ordinal(crumb):
    draft = make_page(crumb)
    order = names(draft)
    outcome = refine(crumb, "move the gallery above the team")
    expected = [n for n in order if n != "gallery"]
    expected.insert(expected.index("team"), "gallery")
    assert names(outcome.version) == expected
    assert outcome.summary == "Moved the gallery section above the team"
    outcome = refine(crumb, "move the last section to the top")
    assert names(outcome.version) == ["cta", *expected[:-1]]
    outcome = refine(crumb, "move the second section to the bottom; move the team up")
    after = ["cta", *expected[:-1]]
    after.append(after.pop(1))
    team = after.index("team")
    after[team - 1], after[team] = after[team], after[team - 1]
    assert names(outcome.version) == after
    assert_valid(crumb, outcome.version)


def test_a_move_that_changes_nothing_saves_nothing(crumb):
    make_page(crumb)
    before = PageVersion.objects.count()
    outcome = refine(crumb, "move the hero to the top")
    assert_refused(crumb, outcome, before, "Nothing changed", "already there")


def test_an_unknown_section_gets_the_pages_sections(crumb):
    draft = make_page(crumb)
    before = PageVersion.objects.count()
    outcome = refine(crumb, "remove the pricing")
    assert_refused(crumb, outcome, before, "no pricing section", "1. hero", names(draft)[-1])


def test_two_sections_of_a_kind_need_an_ordinal(crumb):
    draft = make_page(crumb)
    outcome = apply_edits(crumb, "about", [Add("cta", "top")])
    assert names(outcome.version)[0] == "cta"
    assert names(outcome.version).count("cta") == 2
    before = PageVersion.objects.count()
    assert_refused(crumb, refine(crumb, "remove the cta"), before, "2 cta sections", "the first cta")
    outcome = refine(crumb, "remove the second cta")
    assert names(outcome.version) == ["cta", *names(draft)[:-1]]


# --- add ----------------------------------------------------------------------------------------------------------


def test_add_goes_before_the_closing_cta_with_a_new_id_and_counts_usage(crumb):
    draft = make_page(crumb)
    outcome = refine(crumb, "add a faq section")
    assert outcome.changed, outcome.reply
    assert names(outcome.version) == [*names(draft)[:-1], "faq", "cta"]
    faq = block(outcome.version, "faq")
    assert faq["_id"] not in {b["_id"] for b in draft.design_payload["blocks"]}
    assert faq["_id"].startswith("blk_")
    assert "We deliver to offices within 10 km." in json.dumps(faq["_props"])  # the page's own FAQ facts
    component = AiSemanticComponent.objects.get(component_id=faq["_component"])
    assert component.category == "faq"
    assert component.usage_count >= 1
    assert outcome.summary.startswith("Added a faq section")
    assert_valid(crumb, outcome.version)


def test_add_after_an_anchor_reads_the_pages_original_facts(crumb):
    make_page(crumb)
    removed = refine(crumb, "remove the testimonials")
    assert removed.version.task_id is None  # an edit is no generation; the facts are found through meta.task_id
    outcome = refine(crumb, "add testimonials after the about section")
    assert outcome.changed, outcome.reply
    order = names(outcome.version)
    assert order[order.index("about") + 1] == "testimonials"
    quotes = json.dumps(block(outcome.version, "testimonials")["_props"])
    assert "The best sourdough in town" in quotes
    assert_valid(crumb, outcome.version)


def test_add_a_section_whose_data_the_site_lacks_gets_a_clear_reply(crumb):
    make_page(crumb, context="")
    before = PageVersion.objects.count()
    outcome = refine(crumb, "add a team section")
    assert_refused(crumb, outcome, before, "team members", "Team: Name | Role", "Nothing was changed")


def test_add_an_unknown_kind_lists_what_can_be_added(crumb):
    make_page(crumb)
    before = PageVersion.objects.count()
    assert_refused(crumb, refine(crumb, "add a unicorn section"), before, "unicorn", "faq", "gallery")


def test_replacing_a_section_by_another_kind_keeps_its_place(crumb):
    draft = make_page(crumb)
    outcome = refine(crumb, "replace the testimonials with a faq")
    order = names(draft)
    order[order.index("testimonials")] = "faq"
    assert names(outcome.version) == order
    assert_valid(crumb, outcome.version)


# --- swap and regenerate ---------------------------------------------------------------------------------------------


def test_use_a_carousel_instead_swaps_the_section_whose_category_has_one(crumb):
    draft = make_page(crumb, "home", "home page for our bakery")
    old = block(draft, "testimonials")
    assert old["_component"] == "testimonials-quote-grid"  # the gallery already is a carousel
    outcome = refine(crumb, "use a carousel instead", slug="home")
    assert outcome.changed, outcome.reply
    new = block(outcome.version, "testimonials")
    assert new["_component"] == "testimonials-carousel"
    assert new["_type"] == "TestimonialsCarousel"
    assert new["_id"] == old["_id"]
    assert names(outcome.version) == names(draft)
    assert "Testimonials Carousel" in outcome.summary or "carousel" in outcome.summary.lower()
    assert_valid(crumb, outcome.version)


@pytest.mark.parametrize(
    ("first", "hint", "expected"),
    [
        ("testimonials-carousel", "grid", "testimonials-quote-grid"),
        ("testimonials-quote-grid", "carousel", "testimonials-carousel"),
    ],
)
def test_swap_by_layout_word_and_use_a_different_hero(crumb, first, hint, expected):
    draft = make_page(crumb)
    if block(draft, "testimonials")["_component"] != first:  # search order may pick either layout first
        draft = refine(crumb, f"swap the testimonials for {first}").version
    assert block(draft, "testimonials")["_component"] == first
    outcome = refine(crumb, f"swap the testimonials for a {hint}")
    assert block(outcome.version, "testimonials")["_component"] == expected
    outcome = refine(crumb, "use a different hero")
    hero = block(outcome.version, "hero")
    assert hero["_component"] != block(draft, "hero")["_component"]
    assert AiSemanticComponent.objects.get(component_id=hero["_component"]).category == "hero"
    assert_valid(crumb, outcome.version)


def test_a_hint_no_block_matches_is_refused(crumb):
    make_page(crumb)
    before = PageVersion.objects.count()
    outcome = refine(crumb, "use a spaceship for the hero")
    assert_refused(crumb, outcome, before, "No other hero block matches 'spaceship'")


def test_regenerate_writes_the_section_again_from_site_data(crumb):
    draft = make_page(crumb)
    refine(crumb, "set the hero headline to 'Fresh bread daily'")
    outcome = refine(crumb, "regenerate the hero")
    assert outcome.changed
    assert outcome.summary == "Rewrote the hero section"
    assert block(outcome.version, "hero")["_props"]["title"] == block(draft, "hero")["_props"]["title"]
    assert_valid(crumb, outcome.version)


def test_several_commands_make_one_version(crumb, editor):
    draft = make_page(crumb)
    before = PageVersion.objects.count()
    outcome = refine(crumb, "remove the stats and move the gallery to the top and set the hero headline to 'Hi'")
    assert PageVersion.objects.count() == before + 1
    assert names(outcome.version)[0] == "gallery"
    assert "stats" not in names(outcome.version)
    assert outcome.summary == (
        "Removed the stats section; moved the gallery section to the top; set the hero headline to 'Hi'"
    )
    assert len(names(outcome.version)) == len(names(draft)) - 1
    assert_valid(crumb, outcome.version)


def test_an_invalid_second_command_refuses_the_whole_message(crumb):
    make_page(crumb)
    before = PageVersion.objects.count()
    outcome = refine(crumb, "remove the stats and set the hero headline to '" + "y" * 81 + "'")
    assert_refused(crumb, outcome, before, "at most 80 characters; yours has 81")


# --- the page's origin, tone, help, undo ----------------------------------------------------------------------------


def test_kept_blocks_stay_when_the_original_facts_are_gone_but_cannot_be_rewritten(crumb):
    draft = make_page(crumb)
    AiTask.objects.filter(pk=draft.task_id).delete()
    outcome = refine(crumb, "set the hero headline to 'Fresh bread daily'")
    assert outcome.changed, outcome.reply  # the team and testimonials blocks are kept as they were
    assert block(outcome.version, "team")["_props"] == block(draft, "team")["_props"]
    before = PageVersion.objects.count()
    outcome = refine(crumb, "regenerate the testimonials")
    assert_refused(crumb, outcome, before, "reviews_or_testimonials", "Testimonial:")
    outcome = refine(crumb, "regenerate the testimonials", additional_context=FACTS)  # the chat's facts
    assert outcome.reply.startswith("Nothing changed") or outcome.changed


def test_tone_needs_claude_offline(crumb):
    make_page(crumb)
    before = PageVersion.objects.count()
    assert_refused(crumb, refine(crumb, "make the hero punchier"), before, TONE_NEEDS_CLAUDE)


def test_help_undo_and_no_draft_replies(crumb):
    before = PageVersion.objects.count()
    assert_refused(crumb, refine(crumb, "add a faq section"), before, "Generate it first")
    make_page(crumb)
    before = PageVersion.objects.count()
    assert_refused(crumb, refine(crumb, "sing me a song"), before, "didn't understand", "add a faq section")
    assert_refused(crumb, refine(crumb, "Undo that, please"), before, UNDO_REPLY)


def test_undo_after_an_edit_brings_the_previous_draft_back(crumb):
    draft = make_page(crumb)
    edited = refine(crumb, "remove the gallery").version
    assert pages.latest_version(crumb, "about") == edited
    assert pages.undo(crumb, "about") == draft
    assert pages.latest_version(crumb, "about") == draft
    again = refine(crumb, "remove the team")
    assert "gallery" in names(again.version)
    assert "team" not in names(again.version)


def test_an_edit_planned_on_an_older_draft_is_refused(crumb):
    draft = make_page(crumb)
    refine(crumb, "remove the gallery")
    before = PageVersion.objects.count()
    outcome = apply_edits(crumb, "about", [Move("the team", "top")], base_version=draft)
    assert_refused(crumb, outcome, before, "changed while")


# --- Claude ----------------------------------------------------------------------------------------------------------


@pytest.fixture
def claude(claude):  # the shared fake (tests/pagebuilder/conftest.py), with this module's token counts
    claude.usage = {"input_tokens": 5000, "output_tokens": 800, "cache_creation_input_tokens": 0,
                    "cache_read_input_tokens": 0}  # fmt: skip
    return claude


def ask(site, message, slug="about", **kwargs):
    return refine_page(site, slug, message, **kwargs)  # the provider comes from settings.LLM_PROVIDER


def test_claude_ops_are_applied_validated_and_their_usage_recorded(crumb, claude, editor):
    draft = make_page(crumb)
    hero, gallery = block(draft, "hero"), block(draft, "gallery")
    claude.answers["edit_page"].append(
        {
            "operations": [
                {"op": "set_text", "section": hero["_id"], "path": "title", "value": "Fresh bread daily"},
                {"op": "remove", "section": gallery["_id"]},
                {"op": "move", "section": block(draft, "team")["_id"], "position": "top"},
            ],
            "reply": "I set the headline, removed the gallery and put the team first.",
        }
    )
    outcome = ask(crumb, "New headline 'Fresh bread daily', no gallery, team first", author=editor)
    assert outcome.changed, outcome.reply
    assert outcome.reply.startswith("I set the headline")
    assert "Done:" in outcome.reply
    version = outcome.version
    assert version.source == "edited"
    assert version.author == editor
    assert version.design_payload["meta"]["provider"] == "anthropic"
    assert names(version)[0] == "team"
    assert "gallery" not in names(version)
    assert block(version, "hero")["_props"]["title"] == "Fresh bread daily"
    assert [u["purpose"] for u in outcome.usage] == ["edit"]
    assert outcome.usage[0]["input_tokens"] == 5000
    assert_valid(crumb, version)
    sent = claude.requests[0]
    assert answer_schema(sent)["title"] == "edit_page"
    assert "tool_choice" not in sent
    prompt = sent["messages"][0]["content"]
    assert "<editor_request>" in prompt
    assert "<page>" in prompt
    assert "<site_data>" in prompt
    assert "Jane Doe" in prompt  # the page's original facts
    item = answer_schema(sent)["properties"]["operations"]["items"]["properties"]
    assert item["section"]["enum"] == [b["_id"] for b in draft.design_payload["blocks"]]
    assert "component_id" not in item  # nothing to add or swap: no catalogue


def test_claude_adds_a_block_from_the_offered_catalogue(crumb, claude):
    make_page(crumb)

    def answer(body):
        item = answer_schema(body)["properties"]["operations"]["items"]["properties"]
        offered = item["component_id"]["enum"]
        assert "faq-accordion" in offered
        assert "<catalogue>" in body["messages"][0]["content"]
        props = {
            "title": "Questions <b>we hear</b>",
            "items": [
                {"question": "Do you bake gluten-free bread?", "answer": "Yes, every Tuesday and Friday."},
                {"question": "Can I order a cake?", "answer": "Call us or drop in; we need a week's notice."},
                {"question": "Do you deliver?", "answer": "We deliver to offices within 10 km."},
            ],
        }
        return {
            "operations": [{"op": "add", "semantic_type": "faq", "component_id": "faq-accordion", "props": props}],
            "reply": "Added a FAQ.",
        }

    claude.answers["edit_page"].append(answer)
    outcome = ask(crumb, "add a faq section please")
    assert outcome.changed, outcome.reply
    faq = block(outcome.version, "faq")
    assert faq["_component"] == "faq-accordion"
    assert names(outcome.version)[-2:] == ["faq", "cta"]
    assert faq["_props"]["title"] == "Questions we hear"  # markup in Claude's props is stripped
    assert_valid(crumb, outcome.version)


def test_claude_props_with_markup_are_repaired_like_generation(crumb, claude):
    draft = make_page(crumb)
    hero = block(draft, "hero")
    props = {**hero["_props"], "title": "<script>alert(1)</script>Fresh <em>bread</em>"}
    claude.answers["edit_page"].append(
        {"operations": [{"op": "tone", "section": hero["_id"], "tone": "punchy", "props": props}], "reply": "Punchier."}
    )
    outcome = ask(crumb, "make the hero punchier")
    assert outcome.changed, outcome.reply
    assert block(outcome.version, "hero")["_props"]["title"] == "Fresh bread"
    assert "<" not in json.dumps(outcome.version.design_payload)
    assert outcome.summary == "Rewrote the hero section in a punchy tone"


def test_claude_naming_an_unknown_component_is_refused(crumb, claude):
    draft = make_page(crumb)
    before = PageVersion.objects.count()
    claude.answers["edit_page"].append(
        unchecked(
            {
                "operations": [
                    {
                        "op": "swap",
                        "section": block(draft, "hero")["_id"],
                        "component_id": "evil-x",
                        "props": {"title": "Hi"},
                    }
                ],
                "reply": "Swapped.",
            }
        )
    )  # fmt: skip  (a block outside the schema's enum: only a model ignoring its schema sends it)
    outcome = ask(crumb, "use a different hero")
    assert_refused(crumb, outcome, before, "evil-x", "not one of the blocks offered")
    assert outcome.usage
    assert outcome.usage[0]["purpose"] == "edit"  # the call was paid for


def test_claude_text_over_the_limit_is_refused_by_the_same_contract(crumb, claude):
    draft = make_page(crumb)
    before = PageVersion.objects.count()
    claude.answers["edit_page"].append(
        {
            "operations": [
                {"op": "set_text", "section": block(draft, "cta")["_id"], "path": "title", "value": "z" * 70}
            ],
            "reply": "Done.",
        }
    )
    outcome = ask(crumb, "longer cta title")
    assert_refused(crumb, outcome, before, "The cta headline can be at most 60 characters; yours has 70.")


def test_claude_errors_become_a_reply_and_nothing_is_saved(crumb, claude):
    make_page(crumb)
    before = PageVersion.objects.count()
    claude.answers["edit_page"] += [api_error(529, "overloaded_error") for _ in range(4)]
    outcome = ask(crumb, "make the hero punchier")
    assert_refused(crumb, outcome, before, "Claude could not make this change", "overloaded")
    claude.answers["edit_page"].append(unchecked({"operations": "remove the gallery", "reply": ""}))
    assert_refused(crumb, ask(crumb, "remove the gallery"), before, "malformed edit")


def test_claude_may_answer_without_operations(crumb, claude):
    make_page(crumb)
    before = PageVersion.objects.count()
    claude.answers["edit_page"].append({"operations": [], "reply": "Which section do you mean?"})
    assert_refused(crumb, ask(crumb, "change it"), before, "Which section do you mean?")


def test_the_edit_request_is_compact(crumb, capsys):
    draft = make_page(crumb)
    message = "swap the testimonials for a grid and add a faq section"
    ectx = edit_context(crumb, draft)
    ectx.candidates = edit_candidates(ectx, message)
    assert set(ectx.candidates) == {"testimonials", "faq"}
    assert all(len(c) <= 4 for c in ectx.candidates.values())
    request = edit_request(ectx, draft.design_payload, message + " <script>")
    assert "\\u003cscript>" in request["prompt"]
    assert "<script>" not in request["prompt"]
    size = len(request["system"]) + len(request["prompt"]) + len(json.dumps(request["input_schema"]))
    with capsys.disabled():
        print(f"\nedit request for a {len(draft.design_payload['blocks'])}-section page: {size} characters "
              f"(~{size // 4} tokens); system {len(request['system'])}, prompt {len(request['prompt'])}")  # fmt: skip
    assert size < 40000


@needs_export
def test_a_headline_the_real_library_nests_is_set_by_its_name(registry):
    """The real library's blocks wrap their texts (``children.heading``); "set the hero heading" finds it."""
    only_the_real_library()
    site = Website.objects.create(name="Northwind Bike Repair", domain="northwind.test", subdomain="northwind")
    draft = make_page(site, intent="an about page for our bike repair shop", context="")
    hero = block(draft, "hero")
    nested = [p for p in text_paths(hero["_props"]) if "." in p and p.rsplit(".", 1)[-1] in ("heading", "title")]
    assert nested, f"this hero has no nested heading to test with: {hero['_props']}"
    outcome = refine_page(site, "about", "set the hero heading to 'Bikes fixed while you work'")
    assert outcome.changed, outcome.reply
    assert get_path(block(outcome.version, "hero")["_props"], nested[0]) == "Bikes fixed while you work"
