"""Theme generation and repair: contrast always met, complete ordered scales, moods, precedence, errors."""

import copy
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from styleguides.color import contrast_ratio, hex_oklch
from styleguides.theme import (
    MOODS,
    SCALE_STEPS,
    ThemeInputs,
    generate_theme,
    repair_theme,
    theme_inputs,
)
from styleguides.theme_validation import theme_problems
from websites.errors import InvalidInput

SEMANTIC = {
    "background", "foreground", "muted", "muted-foreground", "border", "ring", "primary", "primary-foreground",
    "secondary", "secondary-foreground", "accent", "accent-foreground", "destructive", "destructive-foreground",
}  # fmt: skip
REQUIRED_PAIRS = {
    ("foreground on background", 4.5),
    ("muted-foreground on background", 4.5),
    ("muted-foreground on muted", 4.5),
    ("primary-foreground on primary", 4.5),
    ("secondary-foreground on secondary", 4.5),
    ("accent-foreground on accent", 4.5),
    ("destructive-foreground on destructive", 4.5),
    ("primary on background", 3.0),
    ("border on background", 3.0),
    ("ring on background", 3.0),
}
HARD_CASES = ("#ffff00", "#fefefe", "#050505", "#808080", "#0000ff", "#00ff00")
hex_colours = st.integers(min_value=0, max_value=0xFFFFFF).map(lambda value: f"#{value:06x}")


def assert_sound(result) -> None:
    """Every promised pair is reported and passes on the shipped colours; every scale is whole and ordered."""
    theme = result.theme_config
    assert theme_problems(theme) == []  # every generated or repaired theme passes the write-time validator
    semantic = theme["colors"]["semantic"]
    assert set(semantic) == SEMANTIC
    assert {(entry["pair"], entry["required"]) for entry in result.contrast_report} >= REQUIRED_PAIRS
    for entry in result.contrast_report:
        fg, bg = entry["pair"].split(" on ")
        assert (entry["foreground"], entry["background"]) == (semantic[fg], semantic[bg])
        assert contrast_ratio(semantic[fg], semantic[bg]) >= entry["required"], entry
        assert entry["passes"] is True
    for name in ("primary", "secondary", "accent", "neutral"):
        scale = theme["colors"][name]
        assert tuple(scale) == SCALE_STEPS
        lightness = [hex_oklch(scale[step])[0] for step in SCALE_STEPS]
        assert lightness == sorted(lightness, reverse=True), (name, scale)
        assert len(set(lightness)) == 11, (name, scale)


@settings(max_examples=200, deadline=None)
@given(primary=hex_colours, secondary=st.none() | hex_colours, mood=st.sampled_from(MOODS))
def test_any_brand_colour_and_mood_gives_a_sound_theme(primary, secondary, mood):
    assert_sound(generate_theme(theme_inputs(brand_primary=primary, brand_secondary=secondary, mood=mood)))


@pytest.mark.parametrize("colour", HARD_CASES)
@pytest.mark.parametrize("mood", MOODS)
def test_hard_colours_give_sound_themes(colour, mood):
    result = generate_theme(theme_inputs(color_preferences=[colour, colour, colour], mood=mood))
    assert_sound(result)
    assert colour in result.theme_config["colors"]["primary"].values()  # the brand colour stays in its scale


def test_a_brand_colour_moved_for_contrast_is_reported():
    result = generate_theme(theme_inputs(color_preferences=["#ffff00"]))
    assert result.theme_config["colors"]["semantic"]["primary"] != "#ffff00"
    assert any(re.match(r"primary on background was 1\.\d\d:1; darkened primary to #", r) for r in result.repairs)


def test_derived_colours_are_not_reported_as_repairs():
    assert generate_theme(theme_inputs(color_preferences=["#1e3a8a"])).repairs == []


def test_generation_is_deterministic():
    inputs = theme_inputs(brand_primary="#c2410c", industry="bakery", mood="warm")
    assert generate_theme(inputs) == generate_theme(inputs)
    assert (
        generate_theme(inputs).theme_config
        == generate_theme(ThemeInputs(industry="bakery", primary="#C2410C", mood="warm")).theme_config
    )


def test_preferences_win_over_brand_colours_slot_by_slot():
    inputs = theme_inputs(brand_primary="#1e3a8a", brand_secondary="#15803d", color_preferences=["#c2410c"])
    assert (inputs.primary, inputs.secondary, inputs.accent) == ("#c2410c", "#15803d", None)
    inputs = theme_inputs(brand_primary="#1e3a8a", color_preferences=["#c2410c", "#0e7490", "#be185d"])
    assert (inputs.primary, inputs.secondary, inputs.accent) == ("#c2410c", "#0e7490", "#be185d")


def test_brand_colours_win_over_industry_defaults():
    theme = generate_theme(theme_inputs(brand_primary="#1e3a8a", industry="bakery")).theme_config
    assert "#1e3a8a" in theme["colors"]["primary"].values()
    assert theme["mood"] == "warm"  # the industry still sets the mood


def test_industry_defaults_apply_when_no_colour_is_given():
    bakery = generate_theme(theme_inputs(industry="Artisan Bakery")).theme_config
    assert bakery["industry"] == "bakery"
    assert bakery["mood"] == "warm"
    assert "#b45309" in bakery["colors"]["primary"].values()
    unknown = generate_theme(theme_inputs(industry="Pet grooming")).theme_config
    assert unknown["industry"] == "pet grooming"
    assert unknown["mood"] == "professional"
    assert generate_theme(theme_inputs()).theme_config["industry"] == "general"


def test_playful_is_rounder_and_softer_than_professional():
    playful = generate_theme(theme_inputs(mood="playful")).theme_config
    professional = generate_theme(theme_inputs(mood="professional")).theme_config
    for size in ("sm", "md", "lg", "xl"):
        assert float(playful["borderRadius"][size][:-3]) > float(professional["borderRadius"][size][:-3])
        assert _blur(playful["shadows"][size]) > _blur(professional["shadows"][size])
    assert playful["borderRadius"]["full"] == "9999px"
    assert playful["borderRadius"]["none"] == "0"


def _blur(shadow: str) -> float:
    return float(shadow.split()[2].removesuffix("px"))


def test_elegant_headings_are_serif_and_no_font_needs_a_download():
    theme = generate_theme(theme_inputs(mood="elegant")).theme_config
    assert theme["typography"]["fonts"]["heading"].endswith("serif")
    assert "sans-serif" not in theme["typography"]["fonts"]["heading"]
    for mood in MOODS:
        fonts = generate_theme(theme_inputs(mood=mood)).theme_config["typography"]["fonts"]
        assert all("url" not in stack and "@" not in stack for stack in fonts.values())


def test_tokens_have_the_agreed_shape():
    theme = generate_theme(theme_inputs(industry="dental")).theme_config
    assert set(theme) == {
        "version",
        "mood",
        "industry",
        "colors",
        "typography",
        "spacing",
        "borderRadius",
        "shadows",
        "motion",
    }
    assert theme["version"] == 1
    assert theme["typography"]["weights"] == {"normal": 400, "medium": 500, "semibold": 600, "bold": 700}
    assert list(theme["typography"]["scale"]) == ["xs", "sm", "base", "lg", "xl", "2xl", "3xl", "4xl", "5xl"]
    assert theme["typography"]["scale"]["base"] == "1rem"
    assert list(theme["spacing"]) == ["0", "1", "2", "3", "4", "6", "8", "12", "16", "24"]
    assert theme["spacing"]["4"] == "1rem"
    assert all(
        re.fullmatch(r"0 \d+px [\d.]+px -?\d+px rgb\(\d+ \d+ \d+ / [\d.]+\)", s) for s in theme["shadows"].values()
    )
    assert theme["motion"]["reduced_motion"] == "respect"
    assert all(re.fullmatch(r"\d+ms", d) for d in theme["motion"]["duration"].values())
    assert all(e.startswith("cubic-bezier(") for e in theme["motion"]["easing"].values())


def test_bad_colours_are_refused_with_a_usable_message():
    with pytest.raises(InvalidInput, match="#12345 is not a colour"):
        theme_inputs(color_preferences=["#12345"])
    with pytest.raises(InvalidInput, match="brand guide's primary colour: red is not a colour"):
        theme_inputs(brand_primary="red")
    with pytest.raises(InvalidInput, match="#12345 is not a colour"):
        generate_theme(ThemeInputs(primary="#12345"))


def test_a_brand_colour_a_preference_overrides_is_not_checked():
    assert theme_inputs(brand_primary="red", color_preferences=["#c2410c"]).primary == "#c2410c"


def test_more_than_three_preferences_are_refused():
    with pytest.raises(InvalidInput, match="at most 3"):
        theme_inputs(color_preferences=["#111", "#222", "#333", "#444"])


def test_unknown_mood_is_refused_with_the_known_moods():
    with pytest.raises(InvalidInput) as caught:
        theme_inputs(mood="grumpy")
    assert all(mood in caught.value.message for mood in MOODS)
    assert theme_inputs(mood=" Playful ").mood == "playful"


def test_repair_fixes_a_missing_step_and_a_low_contrast_primary():
    inputs = theme_inputs(brand_primary="#1d4ed8", mood="professional")
    broken = copy.deepcopy(generate_theme(inputs).theme_config)
    del broken["colors"]["primary"]["700"]
    broken["colors"]["semantic"]["primary"] = "#ffff00"
    broken["colors"]["semantic"]["primary-foreground"] = "#ffffff"
    result = repair_theme(broken, inputs=inputs)
    assert "primary scale step 700 was missing; regenerated" in result.repairs
    assert any(
        r.startswith("primary-foreground on primary was 1.07:1 and primary on background was 1.07:1; darkened primary")
        for r in result.repairs
    )
    assert_sound(result)
    assert len(result.repairs) == 2
    assert "700" not in broken["colors"]["primary"]  # the caller's dict is left alone


def test_repair_swaps_the_text_colour_when_that_is_enough():
    inputs = theme_inputs(mood="calm")
    theme = copy.deepcopy(generate_theme(inputs).theme_config)
    theme["colors"]["semantic"]["accent"] = "#7dd3fc"  # light: white text fails, dark text reads
    theme["colors"]["semantic"]["accent-foreground"] = "#ffffff"
    result = repair_theme(theme, inputs=inputs)
    assert result.theme_config["colors"]["semantic"]["accent"] == "#7dd3fc"
    assert any("changed accent-foreground to" in r for r in result.repairs)
    assert_sound(result)


@pytest.mark.parametrize("mood", MOODS)
def test_repair_leaves_a_valid_theme_unchanged(mood):
    inputs = theme_inputs(industry="legal", mood=mood)
    theme = generate_theme(inputs).theme_config
    result = repair_theme(copy.deepcopy(theme), inputs=inputs)
    assert result.repairs == []
    assert result.theme_config == theme


def test_repair_fills_a_claude_theme_without_bookkeeping_or_sections():
    inputs = theme_inputs(industry="bakery")
    theme = copy.deepcopy(generate_theme(inputs).theme_config)
    for key in ("version", "mood", "industry", "motion"):
        del theme[key]
    del theme["borderRadius"]["lg"]
    theme["colors"]["semantic"]["ring"] = "blue"
    result = repair_theme(theme, inputs=inputs)
    assert result.theme_config["version"] == 1
    assert result.theme_config["mood"] == "warm"
    assert "motion was missing; used the defaults" in result.repairs
    assert "borderRadius.lg was missing; used '0.938rem'" in result.repairs
    assert "colors.semantic.ring: 'blue' is not a #hex colour (#rgb, #rgba, #rrggbb or #rrggbbaa) (dropped)" in (
        result.repairs
    )
    assert any(r.startswith("ring was missing; used #") for r in result.repairs)
    assert_sound(result)


def test_repair_regenerates_a_scale_out_of_order_or_missing():
    inputs = theme_inputs(industry="technology")
    theme = copy.deepcopy(generate_theme(inputs).theme_config)
    theme["colors"]["accent"]["50"], theme["colors"]["accent"]["950"] = (
        theme["colors"]["accent"]["950"],
        theme["colors"]["accent"]["50"],
    )
    del theme["colors"]["neutral"]
    result = repair_theme(theme, inputs=inputs)
    assert "accent scale did not run from lightest (50) to darkest (950); regenerated" in result.repairs
    assert "neutral scale was missing; regenerated" in result.repairs
    assert_sound(result)


def test_repair_rebuilds_missing_colours_entirely():
    result = repair_theme({}, inputs=theme_inputs(industry="dental"))
    assert "colors were missing; regenerated from the inputs" in result.repairs
    assert_sound(result)


def test_repair_refuses_what_is_not_an_object():
    with pytest.raises(InvalidInput, match="JSON object"):
        repair_theme(["not", "a", "theme"], inputs=ThemeInputs())


@settings(max_examples=40, deadline=None)
@given(fill=hex_colours, text=hex_colours, background=st.sampled_from(["#ffffff", "#fafaf9", "#111111", "#777777"]))
def test_repair_meets_contrast_whatever_colours_it_is_given(fill, text, background):
    inputs = ThemeInputs()
    theme = copy.deepcopy(generate_theme(inputs).theme_config)
    semantic = theme["colors"]["semantic"]
    semantic.update(
        {"background": background, "primary": fill, "primary-foreground": text, "muted": text, "border": fill}
    )
    assert_sound(repair_theme(theme, inputs=inputs))
