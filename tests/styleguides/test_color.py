"""Colour maths: parsing, OKLCH round trips and gamut mapping, WCAG contrast, lightness fitting."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from styleguides.color import (
    contrast_ratio,
    fit_lightness,
    hex_oklch,
    oklch_to_srgb,
    parse_color,
    relative_luminance,
    srgb_to_oklch,
    to_hex,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#000", (0.0, 0.0, 0.0)),
        ("#FFF", (1.0, 1.0, 1.0)),
        ("#ff0000", (1.0, 0.0, 0.0)),
        (" #C2410C ", (194 / 255, 65 / 255, 12 / 255)),
    ],
)
def test_parse_accepts_short_and_long_hex_in_any_case(text, expected):
    assert parse_color(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["#12345", "red", "", "#gggggg", "c2410c", "#c2410c80", "rgb(1, 2, 3)", None])
def test_parse_refuses_what_is_not_a_hex_colour_with_a_usable_message(text):
    with pytest.raises(ValueError, match=r"is not a colour; use #rgb or #rrggbb"):
        parse_color(text)


def test_parse_error_names_the_value():
    with pytest.raises(ValueError, match=r"^#12345 is not a colour"):
        parse_color("#12345")


def test_to_hex_is_lowercase_and_clips():
    assert to_hex((1.0, 0.5, 0.0)) == "#ff8000"
    assert to_hex((1.2, -0.1, 0.2)) == "#ff0033"


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=0xFFFFFF))
def test_hex_to_oklch_to_hex_round_trips_within_one_level(value):
    original = f"#{value:06x}"
    back = oklch_to_srgb(srgb_to_oklch(parse_color(original)))
    assert all(abs(a - b) <= 1 / 255 for a, b in zip(back, parse_color(original), strict=True))
    assert to_hex(back) == original


def test_known_oklch_values():
    assert srgb_to_oklch((1.0, 1.0, 1.0))[0] == pytest.approx(1.0, abs=1e-6)
    assert srgb_to_oklch((1.0, 1.0, 1.0))[1] == pytest.approx(0.0, abs=1e-6)
    assert srgb_to_oklch((1.0, 0.0, 0.0)) == pytest.approx((0.628, 0.2577, 29.234), abs=1e-3)


def test_out_of_gamut_colours_lose_chroma_not_lightness_or_hue():
    rgb = oklch_to_srgb((0.7, 0.4, 140.0))  # far outside sRGB
    assert all(0.0 <= c <= 1.0 for c in rgb)
    lightness, chroma, hue = srgb_to_oklch(rgb)
    assert lightness == pytest.approx(0.7, abs=0.005)
    assert hue == pytest.approx(140.0, abs=1.0)
    assert chroma < 0.4


def test_extreme_lightness_is_black_or_white():
    assert to_hex(oklch_to_srgb((1.0, 0.3, 20.0))) == "#ffffff"
    assert to_hex(oklch_to_srgb((0.0, 0.3, 20.0))) == "#000000"


def test_known_contrast_ratios():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#c2410c", "#c2410c") == pytest.approx(1.0)
    assert relative_luminance((1.0, 1.0, 1.0)) == pytest.approx(1.0)


def test_contrast_ratio_refuses_bad_colours():
    with pytest.raises(ValueError, match="not a colour"):
        contrast_ratio("#12345", "#ffffff")


def test_fit_lightness_moves_only_lightness_until_the_ratio_is_met():
    fitted = fit_lightness("#ffff00", [("#ffffff", 3.0)])
    assert contrast_ratio(fitted, "#ffffff") >= 3.0
    assert contrast_ratio(fitted, "#ffffff") < 3.2  # the nearest lightness, not an overshoot
    assert hex_oklch(fitted)[2] == pytest.approx(hex_oklch("#ffff00")[2], abs=2.0)


def test_fit_lightness_keeps_a_colour_that_already_passes():
    assert fit_lightness("#1e3a8a", [("#ffffff", 4.5)]) == "#1e3a8a"


def test_fit_lightness_reports_an_impossible_window():
    assert fit_lightness("#808080", [("#ffffff", 10.0), ("#000000", 10.0)]) is None
