"""The CSS gate accepts the compiled CSS of every generated theme (and keeps every variable)."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from styleguides.css import compile_css_report
from styleguides.css_safety import sanitize_css
from styleguides.theme import MOODS, generate_theme, theme_inputs

colours = st.integers(min_value=0, max_value=0xFFFFFF).map(lambda n: f"#{n:06x}")


@settings(max_examples=25, deadline=None)
@given(primary=colours, secondary=colours, mood=st.sampled_from(MOODS))
def test_every_generated_theme_compiles_to_css_the_gate_accepts(primary, secondary, mood):
    theme = generate_theme(theme_inputs(color_preferences=[primary, secondary], mood=mood)).theme_config
    compiled = compile_css_report(theme)
    assert compiled.skipped == []
    safe = sanitize_css(compiled.css)
    steps = re.findall(r"--color-primary-(\d+):", safe)
    assert steps == ["50", "100", "200", "300", "400", "500", "600", "700", "800", "900", "950"]
    assert len(safe.encode()) <= 12 * 1024
