"""The compiled CSS: Tailwind v4 variable names for every token, base styles, a reduced-motion block, small,
deterministic, and nothing from a hostile theme_config reaching the output."""

import copy

import pytest

from styleguides.css import SEMANTIC, STEPS, compile_css, compile_css_report
from styleguides.css_safety import sanitize_css

SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
SERIF = 'ui-serif, Charter, "Bitstream Charter", Cambria, Georgia, "Times New Roman", serif'
MONO = 'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace'
OLDSTYLE = '"Iowan Old Style", "Palatino Linotype", Palatino, "URW Palladio L", P052, Georgia, serif'

# A warm bakery theme, shaped like the generator's output (Tailwind's amber, stone, orange and red scales).
AMBER = ("#fffbeb", "#fef3c7", "#fde68a", "#fcd34d", "#fbbf24", "#f59e0b", "#d97706", "#b45309", "#92400e",
         "#78350f", "#451a03")  # fmt: skip
STONE = ("#fafaf9", "#f5f5f4", "#e7e5e4", "#d6d3d1", "#a8a29e", "#78716c", "#57534e", "#44403c", "#292524",
         "#1c1917", "#0c0a09")  # fmt: skip
ORANGE = ("#fff7ed", "#ffedd5", "#fed7aa", "#fdba74", "#fb923c", "#f97316", "#ea580c", "#c2410c", "#9a3412",
          "#7c2d12", "#431407")  # fmt: skip
ROSE = ("#fff1f2", "#ffe4e6", "#fecdd3", "#fda4af", "#fb7185", "#f43f5e", "#e11d48", "#be123c", "#9f1239",
        "#881337", "#4c0519")  # fmt: skip


def sample_theme() -> dict:
    def scale(colours):
        return dict(zip(STEPS, colours, strict=True))

    return {
        "version": 1,
        "mood": "warm",
        "industry": "bakery",
        "colors": {
            "primary": scale(AMBER),
            "secondary": scale(ORANGE),
            "accent": scale(ROSE),
            "neutral": scale(STONE),
            "semantic": {
                "background": "#fafaf9", "foreground": "#0c0a09", "muted": "#f5f5f4", "muted-foreground": "#57534e",
                "border": "#a8a29e", "ring": "#f59e0b", "primary": "#b45309", "primary-foreground": "#ffffff",
                "secondary": "#c2410c", "secondary-foreground": "#ffffff", "accent": "#be123c",
                "accent-foreground": "#ffffff", "destructive": "#dc2626", "destructive-foreground": "#ffffff",
            },
        },
        "typography": {
            "fonts": {"sans": SANS, "serif": SERIF, "mono": MONO, "heading": OLDSTYLE},
            "scale": {"xs": "0.64rem", "sm": "0.8rem", "base": "1rem", "lg": "1.25rem", "xl": "1.562rem",
                      "2xl": "1.953rem", "3xl": "2.441rem", "4xl": "3.052rem", "5xl": "3.815rem"},
            "weights": {"normal": 400, "medium": 500, "semibold": 600, "bold": 700},
            "line_heights": {"tight": "1.25", "snug": "1.375", "normal": "1.5", "relaxed": "1.625"},
        },
        "spacing": {"0": "0", "1": "0.25rem", "2": "0.5rem", "3": "0.75rem", "4": "1rem", "6": "1.5rem",
                    "8": "2rem", "12": "3rem", "16": "4rem", "24": "6rem"},
        "borderRadius": {"none": "0", "sm": "0.312rem", "md": "0.625rem", "lg": "0.938rem", "xl": "1.25rem",
                   "full": "9999px"},
        "shadows": {
            "sm": "0 1px 2.8px 0px rgb(28 25 23 / 0.09)",
            "md": "0 4px 8.4px -1px rgb(28 25 23 / 0.09)",
            "lg": "0 10px 21px -3px rgb(28 25 23 / 0.09)",
            "xl": "0 20px 35px -5px rgb(28 25 23 / 0.09)",
        },
        "motion": {
            "duration": {"fast": "150ms", "normal": "250ms", "slow": "400ms"},
            "easing": {"standard": "cubic-bezier(0.2, 0, 0, 1)", "emphasized": "cubic-bezier(0.3, 0, 0.1, 1)"},
            "reduced_motion": "respect",
        },
    }  # fmt: skip


def squashed(css: str) -> str:
    return css.replace(" ", "").replace("\n", "")


EXPECTED_VARIABLES = [
    *(f"--color-{scale}-{step}" for scale in ("primary", "secondary", "accent", "neutral") for step in STEPS),
    *(f"--color-{name}" for name in SEMANTIC),
    *(f"--font-{name}" for name in ("sans", "serif", "mono", "heading")),
    *(f"--text-{name}" for name in ("xs", "sm", "base", "lg", "xl", "2xl", "3xl", "4xl", "5xl")),
    *(f"--font-weight-{name}" for name in ("normal", "medium", "semibold", "bold")),
    *(f"--leading-{name}" for name in ("tight", "snug", "normal", "relaxed")),
    *(f"--spacing-{unit}" for unit in ("0", "1", "2", "3", "4", "6", "8", "12", "16", "24")),
    *(f"--radius-{name}" for name in ("none", "sm", "md", "lg", "xl", "full")),
    *(f"--shadow-{name}" for name in ("sm", "md", "lg", "xl")),
    *(f"--duration-{name}" for name in ("fast", "normal", "slow")),
    "--ease-standard",
    "--ease-emphasized",
]


@pytest.mark.parametrize("variable", EXPECTED_VARIABLES)
def test_every_token_becomes_a_tailwind_v4_variable(variable):
    assert f"\n{variable}:" in compile_css(sample_theme())


def test_values_are_written_as_given():
    css = compile_css(sample_theme())
    assert "--color-primary-500:#f59e0b;" in css
    assert "--color-background:#fafaf9;" in css
    assert f"--font-heading:{OLDSTYLE};" in css
    assert "--shadow-md:0 4px 8.4px -1px rgb(28 25 23 / 0.09);" in css
    assert "--font-weight-bold:700;" in css
    assert "--ease-standard:cubic-bezier(0.2, 0, 0, 1);" in css


def test_base_styles_use_the_variables():
    css = squashed(compile_css(sample_theme()))
    assert "body{background-color:var(--color-background);color:var(--color-foreground);" in css
    assert "font-family:var(--font-sans)" in css
    assert "line-height:var(--leading-normal)" in css
    assert "h1,h2,h3,h4{font-family:var(--font-heading)" in css
    for heading, size in (("h1", "4xl"), ("h2", "3xl"), ("h3", "2xl"), ("h4", "xl")):
        assert f"{heading}{{font-size:var(--text-{size})" in css
    assert "a{color:var(--color-primary);text-underline-offset:" in css
    assert "a:focus-visible,button:focus-visible,.btn:focus-visible{outline:2pxsolidvar(--color-ring)" in css
    assert "button,.btn{background-color:var(--color-primary);color:var(--color-primary-foreground)" in css
    assert "border-radius:var(--radius-md)" in css
    assert "background-colorvar(--duration-fast)var(--ease-standard)" in css


def test_button_hover_is_the_next_darker_step_of_the_primary_scale():
    # the fill #b45309 is amber 700, so hover is 800
    assert "button:hover,.btn:hover{background-color:var(--color-primary-800)}" in compile_css(sample_theme())


def test_button_hover_falls_back_to_a_darker_mix_when_the_fill_is_off_the_scale():
    theme = sample_theme()
    theme["colors"]["semantic"]["primary"] = "#123456"
    assert "button:hover,.btn:hover{background-color:color-mix(in oklab,var(--color-primary) 85%,#000)}" in (
        compile_css(theme)
    )


def test_reduced_motion_block_turns_motion_off():
    css = squashed(compile_css(sample_theme()))
    assert "@media(prefers-reduced-motion:reduce){*,::before,::after{" in css
    assert "transition-duration:.01ms!important" in css
    assert "animation-duration:.01ms!important" in css


def test_is_small_and_has_one_comment():
    css = compile_css(sample_theme())
    assert len(css.encode()) <= 12 * 1024
    assert css.count("/*") == 1
    assert css.startswith("/*")


def test_is_deterministic_whatever_the_key_order():
    theme = sample_theme()
    reordered = copy.deepcopy(theme)
    reordered["colors"]["primary"] = dict(reversed(theme["colors"]["primary"].items()))
    reordered["spacing"] = dict(reversed(theme["spacing"].items()))
    assert compile_css(theme) == compile_css(sample_theme()) == compile_css(reordered)


def test_spacing_is_written_in_numeric_order():
    css = compile_css(sample_theme())
    assert css.index("--spacing-4:") < css.index("--spacing-12:") < css.index("--spacing-24:")


def test_missing_groups_are_skipped_quietly():
    report = compile_css_report({"colors": {"semantic": {"background": "#ffffff"}}})
    assert "--color-background:#ffffff;" in report.css
    assert "--color-primary-500:" not in report.css
    assert "--font-sans:" not in report.css
    assert report.skipped == []
    assert compile_css_report({}).skipped == []


HOSTILE = [
    (("colors", "primary", "500"), "red;}</style><script>alert(1)</script>"),
    (("colors", "semantic", "background"), "#fff;background:url(https://evil.example/x.png)"),
    (("typography", "fonts", "sans"), 'Arial, url("https://evil.example/f.woff")'),
    (("typography", "fonts", "heading"), 'Georgia"; } body { behavior: url(x.htc)'),
    (("shadows", "md"), "0 0 expression(alert(1))"),
    (("shadows", "lg"), "0 1px 2px rgb(0 0 0 / 0.1);}a{b:c"),
    (("borderRadius", "md"), "calc(1px + url(x))"),
    (("spacing", "4"), "1rem}</style>"),
    (("motion", "easing", "standard"), "cubic-bezier(0,0,0,1);x:expression(1)"),
    (("motion", "duration", "fast"), "150ms\\3c/style"),
    (("typography", "weights", "bold"), "700;}"),
]


@pytest.mark.parametrize(("path", "value"), HOSTILE)
def test_a_hostile_value_is_skipped_reported_and_never_emitted(path, value):
    theme = sample_theme()
    group = theme
    for key in path[:-1]:
        group = group[key]
    group[path[-1]] = value
    report = compile_css_report(theme)
    assert value not in report.css
    assert "<" not in report.css
    assert "expression" not in report.css
    assert "url(" not in report.css
    assert [entry for entry in report.skipped if entry.startswith(".".join(path) + ":")]
    sanitize_css(report.css)  # still a clean stylesheet


def test_unknown_keys_and_malformed_groups_are_reported():
    theme = sample_theme()
    theme["borderRadius"]["2xl;}</style>"] = "1rem"
    theme["colors"]["accent"] = "#ff0000"
    theme["typography"]["weights"]["bold"] = True
    report = compile_css_report(theme)
    assert "--radius-2xl" not in report.css
    assert "--color-accent-500" not in report.css
    assert any(entry.startswith("borderRadius.'2xl;}</style>': not a token") for entry in report.skipped)
    assert any(entry.startswith("colors.accent: expected an object") for entry in report.skipped)
    assert "typography.weights.bold: True is not a weight from 1 to 1000" in report.skipped


def test_a_theme_config_that_is_not_an_object_gives_base_styles_only():
    report = compile_css_report(["not", "a", "theme"])
    assert report.skipped
    assert ":root" not in report.css
    assert "button,.btn{" in report.css


def test_numbers_are_accepted_where_a_number_is_meant():
    theme = sample_theme()
    theme["typography"]["line_heights"]["tight"] = 1.2
    theme["spacing"]["0"] = 0
    css = compile_css(theme)
    assert "--leading-tight:1.2;" in css
    assert "--spacing-0:0;" in css


def test_compiled_css_passes_the_safety_gate_with_every_variable():
    css = compile_css(sample_theme())
    cleaned = sanitize_css(css)
    assert squashed(cleaned) == squashed(css)
    for variable in EXPECTED_VARIABLES:
        assert f"{variable}:" in cleaned
