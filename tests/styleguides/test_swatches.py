"""The swatches the builder's style page and the admin's preview share."""

import math

from styleguides.color import contrast_ratio
from styleguides.swatches import ratio, swatches


def test_each_pair_the_theme_holds_becomes_a_swatch_with_its_ratio():
    semantic = {"primary": "#1f5f8b", "primary-foreground": "#ffffff", "muted": "#f1f5f9", "background": "#ffffff",
                "foreground": "#0f172a"}  # fmt: skip
    found = swatches(semantic)
    assert [s["name"] for s in found] == ["primary", "background"], "muted has no muted-foreground here"
    assert found[0] == {"name": "primary", "fill": "#1f5f8b", "text": "#ffffff", "ratio": ratio("#ffffff", "#1f5f8b")}


def test_a_ratio_is_cut_not_rounded_so_a_shown_threshold_is_met():
    exact = contrast_ratio("#767676", "#ffffff")  # about 4.54
    assert ratio("#767676", "#ffffff") == math.floor(exact * 10) / 10 <= exact
    assert ratio("#11223380", "#ffffff") is None, "a translucent colour has no single ratio"
