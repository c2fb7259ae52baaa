"""The gate in front of website_style_guide.tailwind_css: hostile CSS is refused with where and why, plain CSS
comes back as tinycss2 serialises it."""

import re

import pytest

from styleguides.css_safety import css_problems, sanitize_css
from websites.errors import InvalidInput

HOSTILE = [
    ("</style><script>alert(1)</script>", "</style would end the <style> element"),
    ("a{color:red}</STYLE >", "</style would end the <style> element"),
    ("a{color:red}\nb{color:blue}<!--", "HTML comment markers"),
    ("a{color:red}-->", "HTML comment markers"),
    ("a{color:red}b>c<d{color:blue}", "'<' is not allowed"),
    ('a{content:"\\3c /style>"}', "contains '<' (perhaps escaped)"),
    ("@import url(https://evil.example/x.css);", "@import is not allowed"),
    ('@import "x.css";', "@import is not allowed"),
    ('@\\69mport "x.css";', "@import is not allowed"),
    ('@charset "utf-8";', "@charset is not allowed"),
    ("@namespace x url(http://evil.example);", "@namespace is not allowed"),
    ("@-moz-document url-prefix(){a{color:red}}", "@-moz-document is not allowed"),
    ("@media screen{@import 'x.css';}", "@import is not allowed"),
    ("body{background:url(https://evil.example/x.png)}", "url() pointing at another origin is not allowed"),
    ("body{background:url(//evil.example/x.png)}", "protocol-relative url()"),
    ('body{background:url("/\\\\evil.example/x.png")}', "protocol-relative url()"),
    ('body{background:url("javascript:alert(1)")}', "javascript: url() is not allowed"),
    ("body{background:url(data:image/png;base64,iVBORw0KGgo=)}", "data: url() is not allowed"),
    ("body{background:url('data:image/svg+xml,%3Csvg%3E')}", "data: url() is not allowed"),
    ("body{background:url(/media/x.png)}", "only name a file under /static/"),
    ("body{background:url(x.png#a)}", "only name a file under /static/"),
    ("body{background:url(/static/../media/x.png)}", "url() with '..'"),
    ("body{background:url(/static/\\2e\\2e/media/x.png)}", "url() with '..'"),
    ("body{background:url(/static/%2e%2e/media/x.png)}", "only name a file under /static/"),
    ("body{width:expression(alert(1))}", "expression() is not allowed"),
    ("body{width:\\65 xpression(alert(1))}", "function name written with escapes"),
    ("body{background:\\75 rl(https://evil.example)}", "url() written with escapes"),
    ("body{behavior:url(x.htc)}", "behavior property is not allowed"),
    ("body{beh\\61vior:url(/static/x.htc)}", "behavior property is not allowed"),
    ("body{-moz-binding:url(x.xml#xss)}", "-moz-binding property is not allowed"),
    ("a{b:c}.x{--y:vbscript\\:msgbox}", "vbscript is not allowed"),
    ("@font-face{font-family:x;src:url(https://evil.example/f.woff)}", "@font-face may not load a font file"),
    ("@font-face{font-family:x;src:url(/static/f.woff)}", "@font-face may not load a font file"),
    ('body{background-image:image-set("https://evil.example/a.png" 1x)}', "another origin is not allowed"),
    ('body{background-image:src("https://evil.example/a.png")}', "another origin is not allowed"),
    ("a{color:red", "never closed (} missing)"),
    ("@media screen{a{color:red}", "never closed (} missing)"),
    ("a{color:red}/* left open", "comment is never closed"),
    ("a{color:red}}", "invalid CSS (Unmatched })"),
    ('a{content:"unfinished}', "invalid CSS (EOF in string)"),
    ("a{color red}", "invalid CSS"),
    ("body{width:EXPR/**/ESSION(alert(1))}", "expression is not allowed (found with the comments removed)"),
    ("body{width:EXPR/**/ESSION(alert(1))}", "a comment inside the value of width is not allowed"),
    ("a{background:java/**/script:x}", "javascript is not allowed (found with the comments removed)"),
    ("@media screen{a{color:red /* note */}}", "a comment inside the value of color is not allowed"),
    ("a{width:calc(1px /* x */ + 2px)}", "a comment inside the value of width is not allowed"),
]


@pytest.mark.parametrize(("css", "problem"), HOSTILE)
def test_hostile_css_is_refused_saying_what_and_where(css, problem):
    with pytest.raises(InvalidInput) as refused:
        sanitize_css(css)
    assert problem in refused.value.message
    assert re.search(r"Line \d+, column \d+: ", refused.value.message)
    assert any(problem in detail["problem"] for detail in refused.value.details)
    assert refused.value.status == 422


def test_the_position_is_the_offending_token():
    with pytest.raises(InvalidInput) as refused:
        sanitize_css("a{color:red}\n\nbody {\n  background: url(https://evil.example/x.png);\n}")
    assert refused.value.message == (
        "The CSS was refused. Line 4, column 15: url() pointing at another origin is not allowed "
        "(https://evil.example/x.png)."
    )
    assert refused.value.details == [
        {
            "line": 4,
            "column": 15,
            "problem": "url() pointing at another origin is not allowed (https://evil.example/x.png)",
        }
    ]


def test_every_problem_is_in_details_and_the_first_few_in_the_message():
    css = "\n".join(f"a{index}{{background:url(https://evil.example/{index}.png)}}" for index in range(5))
    with pytest.raises(InvalidInput) as refused:
        sanitize_css(css)
    assert [detail["line"] for detail in refused.value.details] == [1, 2, 3, 4, 5]
    assert refused.value.message.count("Line ") == 3
    assert "(2 more problems in details.)" in refused.value.message


def test_over_size_css_is_refused_before_parsing():
    css = "a{color:red}" * 6000
    with pytest.raises(InvalidInput, match=r"^The CSS is 72,000 bytes; the limit is 65,536 bytes\.$"):
        sanitize_css(css)
    with pytest.raises(InvalidInput, match="the limit is 100 bytes"):
        sanitize_css("a{color:red}" * 9, max_bytes=100)


def test_size_counts_bytes_not_characters():
    css = 'a{content:"éééééééééé"}'  # 23 characters, 33 bytes
    with pytest.raises(InvalidInput, match="The CSS is 33 bytes; the limit is 30 bytes"):
        sanitize_css(css, max_bytes=30)


ACCEPTED = [
    "a{color:red}",
    "body { margin: 0; font-family: var(--font-sans) }\nh1 { font-size: 2rem }",
    "@media (min-width: 40rem) { .grid { display: grid } .grid > * { padding: 1rem } }",
    "a{background:url('/static/img/x.svg')}",
    "a{background:url(/static/img/sprite.svg#icon)}",
    "img{filter:url(#soften)}",
    ':root{--color-primary-500:#f59e0b;--font-sans:system-ui, "Segoe UI", sans-serif;--x:var(--y, 1px)}',
    ".md\\:flex{display:flex}.w-1\\/2{width:50%}",
    "@keyframes fade{from{opacity:0}to{opacity:1}}",
    "@layer base{a{color:red}}@layer theme, base;",
    "@supports (display:grid){a{display:grid}}",
    "@container card (min-width: 20rem){a{color:red}}",
    '@font-face{font-family:Brand;src:local("Georgia")}',
    '@property --angle{syntax:"*";inherits:false;initial-value:0deg}',
    "a{&:hover{color:red}}",
    "/* header */\na { color: red }\n",
    "a { /* between declarations */ color: red; /* and after */ }",
    "button{transition:background-color var(--duration-fast) var(--ease-standard)}",
    "",
]


@pytest.mark.parametrize("css", ACCEPTED)
def test_plain_css_is_accepted_as_parsed(css):
    assert css_problems(css) == []
    assert sanitize_css(css).replace('"', "'") == css.replace('"', "'")


def test_the_result_is_the_serialisation_so_what_is_stored_was_checked():
    assert sanitize_css("a{background:url( '/static/x.svg' )}") == 'a{background:url( "/static/x.svg" )}'
    assert sanitize_css("a{color:red}\r\nb{color:blue}") == "a{color:red}\nb{color:blue}"


def test_sanitizing_twice_changes_nothing():
    css = ':root{--a:1px}\n@media (prefers-reduced-motion:reduce){*{transition:none!important}}\na{content:"\\201c"}'
    once = sanitize_css(css)
    assert sanitize_css(once) == once
