"""The theme validator: the compiler's patterns, whole-theme shape rules, bounded depth and size, every problem
named by path; readable_theme never raises and always yields a theme the validator accepts."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styleguides.css import GROUPS, as_text, compile_css_report
from styleguides.services import merge_patch
from styleguides.theme import generate_theme, theme_inputs
from styleguides.theme_validation import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_PROBLEMS,
    check_patch,
    nesting_depth,
    readable_theme,
    theme_problems,
    validate_theme,
)
from websites.errors import InvalidInput

HOSTILE = {
    "colors": {"semantic": {"foreground": "</style><script>alert(1)</script>"}},
    "borderRadius": {"md": "red;background:url(javascript:alert(1))"},
    "typography": {"fonts": {"sans": "Inter</style><script>alert(1)</script>"}},
}


def nested(depth: int) -> dict:
    value: dict = {}
    for _ in range(depth - 1):
        value = {"a": value}
    return value


def test_a_generated_theme_passes():
    theme = generate_theme(theme_inputs(industry="bakery", mood="warm")).theme_config
    assert theme_problems(theme) == []
    assert validate_theme(theme) is theme


def test_hostile_values_are_refused_naming_every_path_and_what_is_allowed():
    with pytest.raises(InvalidInput) as caught:
        validate_theme(HOSTILE)
    error = caught.value
    assert error.status == 422
    assert "colors.semantic.foreground" in error.message
    assert "#rgb, #rgba, #rrggbb or #rrggbbaa" in error.message
    assert [d["path"] for d in error.details] == [
        "colors.semantic.foreground",
        "borderRadius.md",
        "typography.fonts.sans",
    ]
    assert "is not a length" in error.details[1]["problem"]
    assert "plain font stack" in error.details[2]["problem"]


@pytest.mark.parametrize(
    ("theme", "path", "words"),
    [
        ({"colors": "x"}, "colors", "expected an object of primary, secondary, accent, neutral, semantic"),
        ({"typography": 5}, "typography", "expected an object of fonts, scale"),
        ({"colors": {"semantic": ["#fff"]}}, "colors.semantic", "expected an object of tokens"),
        ({"colors": {"semantic": {"foreground": "#12345"}}}, "colors.semantic.foreground", "is not a #hex colour"),
        ({"custom": {"a": 1}}, "custom", "unknown key; allowed here: colors, typography"),
        ({"borderRadius": {"huge": "1px"}}, "borderRadius.huge", "unknown token; allowed here: none, sm, md"),
        ({"spacing": {"x": "1px"}}, "spacing.x", "numeric keys"),
        ({"mood": "<b>calm</b>"}, "mood", "short plain text"),
        ({"version": 10**401}, "version", "short plain text"),
        ({"typography": {"weights": {"bold": 10**401}}}, "typography.weights.bold", "a very large number"),
        ({"typography": {"weights": {"bold": True}}}, "typography.weights.bold", "True is not a weight"),
        ({"motion": {"duration": {"fast": float("nan")}}}, "motion.duration.fast", "nan is not a duration"),
        (nested(MAX_DEPTH + 1), "theme_config", f"nested deeper than {MAX_DEPTH} levels"),
        ({"industry": "x" * 100, "spacing": {str(i): "1" * 290 + "px" for i in range(300)}}, "theme_config", "bytes"),
        ([1, 2], "theme_config", "expected an object"),
        (None, "theme_config", "expected an object, got None"),
    ],
)
def test_each_kind_of_problem_is_named(theme, path, words):
    problems = theme_problems(theme)
    assert any(line.startswith(f"{path}: ") and words in line for line in problems), problems


def test_problems_are_collected_and_capped():
    theme = {"spacing": {str(i): "bad" for i in range(200)}, **{f"junk{i}": 1 for i in range(100)}}
    with pytest.raises(InvalidInput) as caught:
        validate_theme(theme)
    assert len(caught.value.details) == MAX_PROBLEMS
    assert f"({MAX_PROBLEMS - 3} more in details)" in caught.value.message


def test_accepted_values_are_exactly_what_the_compiler_writes():
    theme = generate_theme(theme_inputs(industry="dental")).theme_config
    assert compile_css_report(theme).skipped == []
    for group in GROUPS:  # one bad value per group: the compiler skips it and the validator names it
        broken = json.loads(json.dumps(theme))
        node = broken
        for key in group.path:
            node = node[key]
        name = next(iter(node))
        node[name] = "1px;}"
        where = ".".join((*group.path, name))
        assert any(line.startswith(f"{where}: ") for line in theme_problems(broken))
        assert any(line.startswith(f"{where}: ") for line in compile_css_report(broken).skipped)


def test_as_text_never_overflows():
    assert as_text(10**401) is None
    assert as_text(-(10**5000)) is None
    assert as_text(float("inf")) is None
    assert as_text(float("nan")) is None
    assert as_text(400) == "400"
    assert as_text(1.5) == "1.5"
    assert compile_css_report({"typography": {"weights": {"bold": 10**401}}}).css  # no OverflowError


def test_nesting_depth_is_counted_without_recursion():
    assert nesting_depth({"a": {"b": [1]}}, 8) == 3
    assert nesting_depth("x", 8) == 0
    assert nesting_depth(nested(200_000), MAX_DEPTH) == MAX_DEPTH + 1  # would overflow the stack if recursive


def test_check_patch_refuses_deep_large_or_non_object_patches():
    check_patch({"colors": {"semantic": {"primary": "#123456"}}})
    for patch, words in [
        (nested(500), "nested deeper than 8 levels"),
        ({"mood": "x" * (MAX_BYTES + 1)}, "bytes serialised"),
        (["a"], "must be a JSON object"),
    ]:
        with pytest.raises(InvalidInput, match=words):
            check_patch(patch)


def test_merge_patch_refuses_deep_patches_and_never_deep_copies_the_target():
    with pytest.raises(InvalidInput, match="nested deeper"):
        merge_patch({}, nested(500))
    deep_target = {"keep": nested(100_000), "mood": "calm"}  # deepcopy of this would raise RecursionError
    merged = merge_patch(deep_target, {"mood": "warm"})
    assert merged["mood"] == "warm"
    assert merged["keep"] is deep_target["keep"]
    assert deep_target["mood"] == "calm"


@pytest.mark.parametrize(
    "stored",
    [{"colors": "x"}, {"typography": 5}, {"colors": {"semantic": ["#fff"]}}, nested(100_000), [1], "x", 10**401],
)
def test_readable_theme_reads_malformed_themes(stored):
    theme, problems = readable_theme(stored)
    assert problems
    assert theme_problems(theme) == []


def test_readable_theme_keeps_the_valid_part():
    theme = generate_theme(theme_inputs(industry="bakery")).theme_config
    stored = json.loads(json.dumps(theme))
    stored["colors"]["semantic"]["foreground"] = "#12345"
    stored["custom"] = {"a": 1}
    readable, problems = readable_theme(stored)
    assert "foreground" not in readable["colors"]["semantic"]
    assert "custom" not in readable
    assert readable["colors"]["semantic"]["background"] == theme["colors"]["semantic"]["background"]
    assert [line.split(":")[0] for line in problems] == ["colors.semantic.foreground", "custom"]
    assert readable_theme(theme) == (theme, [])
    assert readable_theme(None) == ({}, [])


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=30,
)
KEYS = st.sampled_from(
    ["colors", "typography", "spacing", "borderRadius", "radius", "shadows", "motion", "version", "mood"]
)
TOKENS = st.sampled_from(["primary", "semantic", "fonts", "md", "16", "foreground", "sans", "duration", "fast"])
VALUES = st.sampled_from(["#fff", "#12345", "1rem", "Inter, sans-serif", "1px;}", "150ms", 400, 10**401]) | JSON
# Theme-shaped junk: known keys at the top and one level down, so the walk goes deep into the layout.
THEMEISH = st.dictionaries(KEYS, st.dictionaries(TOKENS, st.dictionaries(TOKENS, VALUES, max_size=4) | VALUES))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(JSON, THEMEISH))
def test_readable_theme_never_raises_and_always_passes_the_validator(stored):
    theme, problems = readable_theme(stored)
    assert isinstance(theme, dict)
    assert isinstance(problems, list)
    assert theme_problems(theme) == []
    validate_theme(theme)
