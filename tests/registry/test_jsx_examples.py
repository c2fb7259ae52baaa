"""JSX examples become plain JSON example props: literals, JSX values, placeholders for code, parse outcomes.

Hand-written snippets cover each conversion; the 14 blocks of the real contract-bundle sample must come out
exactly as their ``exampleProps``, and at least 95 % of the real registry export must parse fully (both skip
when ``../shared/opensite`` is absent).
"""

import json
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings

from registry.jsx_examples import FAILED, FULL, PARTIAL, ExampleParse, is_placeholder, parse_example

OPENSITE = Path(settings.BASE_DIR).parent / "shared" / "opensite"
needs_opensite = pytest.mark.skipif(not OPENSITE.is_dir(), reason=f"the @opensite/ui data is not at {OPENSITE}")


def props(source: str) -> dict:
    parsed = parse_example(source)
    assert parsed.status == FULL, parsed.reason
    return parsed.props


# --- literals -----------------------------------------------------------------------------------------------------


def test_every_literal_kind():
    assert props(
        """<Block
          title="Plain"
          single={'it\\'s'}
          escaped={"line\\nbreak \\u00e9\\x41 \\u{1F600} \\"q\\""}
          count={3}
          ratio={0.75}
          big={1_000}
          hex={0x1F}
          exp={1.5e3}
          on={true}
          off={false}
          nothing={null}
          sticky
        />"""
    ) == {
        "title": "Plain",
        "single": "it's",
        "escaped": 'line\nbreak éA 😀 "q"',
        "count": 3,
        "ratio": 0.75,
        "big": 1000,
        "hex": 31,
        "exp": 1500,
        "on": True,
        "off": False,
        "nothing": None,
        "sticky": True,
    }


def test_negative_and_signed_numbers_anywhere():
    assert props("<Chart offset={-12} tilt={-2.5} plus={+4} points={[-1, 0, 1]} axis={{ min: -100 }} />") == {
        "offset": -12,
        "tilt": -2.5,
        "plus": 4,
        "points": [-1, 0, 1],
        "axis": {"min": -100},
    }


def test_jsx_attribute_strings_keep_backslashes_and_decode_entities():
    assert props(r'<Quote text="Fish &amp; chips \n on Fridays" />') == {"text": "Fish & chips \\n on Fridays"}


def test_template_literal_without_substitutions_is_a_string():
    assert props("<Hero title={`Build faster`} multi={`two\nlines`} />") == {
        "title": "Build faster",
        "multi": "two\nlines",
    }


def test_template_literal_with_a_substitution_is_a_placeholder():
    parsed = parse_example("<Hero title={`Hello ${name}`} />")

    assert parsed.status == PARTIAL
    assert parsed.props == {"title": {"$expr": "`Hello ${name}`", "kind": "template"}}
    assert parsed.non_literal_paths == ("title",)
    assert parsed.reason == "not literal: title (template)"


def test_arrays_objects_and_nesting():
    assert props(
        """<Pricing
          plans={[
            { name: "Basic", "price-label": "$9", 2: "two", features: ["A", "B"], limits: { seats: 3, extra: [] } },
            { name: "Pro", features: [], limits: { seats: null } },
          ]}
          empty={{}}
        />"""
    ) == {
        "plans": [
            {
                "name": "Basic",
                "price-label": "$9",
                "2": "two",
                "features": ["A", "B"],
                "limits": {"seats": 3, "extra": []},
            },
            {"name": "Pro", "features": [], "limits": {"seats": None}},
        ],
        "empty": {},
    }


def test_undefined_leaves_a_prop_out_and_as_const_is_read_through():
    assert props("<A gone={undefined} list={[1, undefined]} obj={{ a: undefined, b: 1 }} tags={['x'] as const} />") == {
        "list": [1, None],
        "obj": {"b": 1},
        "tags": ["x"],
    }


def test_comments_are_ignored():
    assert props("<A /* note */ a={[1, /* two */ 3]} b={{ /* c */ k: 'v' }} {/* gone */} />") == {
        "a": [1, 3],
        "b": {"k": "v"},
    }


# --- JSX values ---------------------------------------------------------------------------------------------------


def test_an_img_element_becomes_a_media_object():
    assert props('<Split media={<img className="rounded" alt="Team at work" src="/team.jpg" width={1200} />} />') == {
        "media": {"src": "/team.jpg", "alt": "Team at work", "width": 1200}
    }


def test_an_element_holding_only_text_becomes_that_text():
    assert props(
        """<Card
          action={(
            <Button variant="outline">
              View the   <strong>full</strong> profile
              of the team
            </Button>
          )}
          title={<>BUILDING SOLUTIONS,<br /> SHAPING THE FUTURE</>}
          link={<a href="/about">About us</a>}
        />"""
    ) == {
        "action": "View the full profile of the team",
        "title": "BUILDING SOLUTIONS,\nSHAPING THE FUTURE",
        "link": {"label": "About us", "href": "/about"},
    }


def test_a_richer_element_becomes_the_structured_form():
    parsed = parse_example(
        """<AlternatingBlocks
          sections={[{
            content: (
              <div>
                <div className="flex">
                  <Lightbulb className="h-4 w-4" />
                  <span>The Origin</span>
                </div>
                <h3>It started with frustration</h3>
                <p>We spent years watching
                   teams drown in tools.</p>
                <p>So we built something better.</p>
                <ul><li>Fewer tools</li><li>Clearer work</li></ul>
                <img src="/a.jpg" alt="A" />
                <a href="/story">Read the story</a>
              </div>
            ),
          }]}
        />"""
    )

    assert parsed.status == PARTIAL, "the icon component cannot be evaluated"
    assert parsed.props["sections"][0]["content"] == {
        "icon": {"$expr": '<Lightbulb className="h-4 w-4" />', "kind": "component"},
        "eyebrow": "The Origin",
        "heading": "It started with frustration",
        "items": ["Fewer tools", "Clearer work"],
        "text": "We spent years watching teams drown in tools.\n\nSo we built something better.",
        "image": {"src": "/a.jpg", "alt": "A"},
        "action": {"label": "Read the story", "href": "/story"},
    }
    assert parsed.non_literal_paths == ("sections[0].content.icon",)


def test_markup_with_only_a_label_and_a_paragraph_keeps_both():
    content = props('<Cta content={<div><span className="x">Our Vision</span><p>Build the future.</p></div>} />')
    assert content == {"content": {"eyebrow": "Our Vision", "text": "Build the future."}}


def test_nested_text_only_markup_is_text_and_several_images_are_a_list():
    assert props(
        "<A body={<div><div><p>Only text.</p></div></div>}"
        " pics={<div><img src='/1.jpg' /><img src='/2.jpg' /></div>} />"
    ) == {
        "body": "Only text.",
        "pics": {"images": [{"src": "/1.jpg"}, {"src": "/2.jpg"}]},
    }


def test_the_root_elements_children_become_the_children_prop():
    assert props(
        '<GridBasic>\n  <div className="text-center">\n    <h1>Your Hero Content</h1>\n  </div>\n</GridBasic>'
    ) == {"children": {"heading": "Your Hero Content"}}
    assert props("<Banner>\n  Free shipping &amp; returns\n</Banner>") == {"children": "Free shipping & returns"}


def test_an_icon_component_as_a_value_is_a_placeholder():
    parsed = parse_example(
        "<Feature icon={<Zap className='h-4 w-4' />} items={[{ icon: <Shield />, title: 'Safe' }]} />"
    )

    assert parsed.status == PARTIAL
    assert parsed.props == {
        "icon": {"$expr": "<Zap className='h-4 w-4' />", "kind": "component"},
        "items": [{"icon": {"$expr": "<Shield />", "kind": "component"}, "title": "Safe"}],
    }
    assert parsed.non_literal_paths == ("icon", "items[0].icon")


def test_expressions_inside_markup_are_placeholders_not_dropped():
    parsed = parse_example("<A content={<div><h3>{title}</h3><p>Fixed text.</p></div>} />")

    assert parsed.props["content"] == {
        "text": "Fixed text.",
        "content": [{"$expr": "title", "kind": "identifier"}],
    }
    assert parsed.non_literal_paths == ("content.content[0]",)


# --- values that need code ----------------------------------------------------------------------------------------


def test_identifiers_calls_and_functions_become_placeholders_with_their_paths():
    parsed = parse_example(
        """import { Zap } from "lucide-react";
        <Banner
          message="Sale"
          onDismiss={() => console.log('Dismissed')}
          endTime={new Date(Date.now() + 60 * 1000)}
          pattern={patternSvgs.dots}
          items={[ { label: "a", value: getValue() }, Infinity ]}
          config={{ handler, ...defaults, render() { return null; } }}
          {...rest}
        />"""
    )

    assert parsed.status == PARTIAL
    assert parsed.element == "Banner"
    assert parsed.props == {
        "message": "Sale",
        "onDismiss": {"$expr": "() => console.log('Dismissed')", "kind": "function"},
        "endTime": {"$expr": "new Date(Date.now() + 60 * 1000)", "kind": "new"},
        "pattern": {"$expr": "patternSvgs.dots", "kind": "member"},
        "items": [
            {"label": "a", "value": {"$expr": "getValue()", "kind": "call"}},
            {"$expr": "Infinity", "kind": "identifier"},
        ],
        "config": {
            "handler": {"$expr": "handler", "kind": "identifier"},
            "render": {"$expr": "render() { return null; }", "kind": "function"},
        },
    }
    assert parsed.non_literal_paths == (
        "onDismiss",
        "endTime",
        "pattern",
        "items[0].value",
        "items[1]",
        "config.handler",
        "config.{...defaults}",
        "config.render",
        "{...rest}",
    )
    assert parsed.reason.startswith("not literal: onDismiss (function), endTime (new), pattern (member), ")
    assert parsed.reason.endswith("and 5 more")
    assert all(is_placeholder(parsed.props[key]) for key in ("onDismiss", "endTime", "pattern"))


def test_a_placeholder_keeps_a_bounded_one_line_source():
    parsed = parse_example("<A run={() => {\n  " + "doSomething();\n  " * 30 + "}} />")
    source = parsed.props["run"]["$expr"]
    assert len(source) == 160
    assert source.endswith("…")
    assert "\n" not in source


# --- unparseable input --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("", "the block has no example"),
        ("   \n ", "the block has no example"),
        ("Use the hero block.", "syntax error at line 1, column 1: the example's root element could not be read"),
        ('<Hero title="x"', "syntax error at line 1, column 1: the example's root element could not be read"),
        ("const x = 1;", "no JSX element: the example's root element could not be read"),
    ],
)
def test_an_example_without_a_readable_root_element_fails_with_a_reason(source, reason):
    assert parse_example(source) == ExampleParse(FAILED, reason=reason)


def test_a_recovered_syntax_error_is_a_placeholder_and_the_rest_is_kept():
    parsed = parse_example('<Tabs\n  heading="Culture"\n  aspects={[{ title: "One", images: [...] }]}\n/>')

    assert parsed.status == PARTIAL
    assert parsed.props == {
        "heading": "Culture",
        "aspects": [{"title": "One", "images": [{"$expr": "...", "kind": "syntax-error"}]}],
    }
    assert parsed.non_literal_paths == ("aspects[0].images[0]",)
    assert (
        parsed.reason
        == "not literal: aspects[0].images[0] (syntax-error); syntax error at line 3, column 38 (recovered)"
    )


def test_the_root_element_name_is_reported():
    assert parse_example("<>\n<Inner a='1' /></>").element == ""
    assert parse_example("(<Outer.Part a='1' />)").element == "Outer.Part"


# --- the real @opensite/ui data -----------------------------------------------------------------------------------


@cache
def sample_blocks() -> list[dict]:
    return json.loads((OPENSITE / "contract-sample.json").read_text(encoding="utf-8"))["blocks"]


@cache
def export_parses() -> dict[str, ExampleParse]:
    blocks = json.loads((OPENSITE / "registry-export.json").read_text(encoding="utf-8"))["blocks"]
    return {block["id"]: parse_example(block["exampleUsage"]) for block in blocks}


@needs_opensite
def test_the_14_sample_blocks_parse_to_exactly_their_example_props():
    blocks = sample_blocks()
    assert len(blocks) == 14
    for block in blocks:
        parsed = parse_example(block["examples"]["exampleUsage"])
        assert (parsed.status, parsed.reason) == (FULL, ""), block["componentId"]
        assert parsed.props == block["examples"]["exampleProps"], block["componentId"]
        assert parsed.element == block["blockName"]


@needs_opensite
def test_at_least_95_percent_of_the_export_parses_fully_and_none_fails():
    parses = export_parses()
    statuses = [parsed.status for parsed in parses.values()]
    full, partial, failed = (statuses.count(status) for status in (FULL, PARTIAL, FAILED))
    print(f"export examples: {full} parsed fully, {partial} partly, {failed} not at all")

    assert len(parses) == 605
    assert full / len(parses) >= 0.95
    assert failed == 0
    for component_id, parsed in parses.items():
        if parsed.status == PARTIAL:
            assert parsed.reason, component_id
            assert parsed.non_literal_paths, component_id
        assert json.loads(json.dumps(parsed.props)) == parsed.props, f"{component_id}: plain JSON"


@needs_opensite
def test_named_export_conversions():
    parses = export_parses()
    assert parses["list-career-timeline"].props["heading"] == "BUILDING SOLUTIONS,\nSHAPING THE FUTURE"
    assert parses["feature-showcase"].props["items"][0]["mediaComponent"]["alt"] == "Analytics Dashboard"
    assert parses["team-media-showcase"].props["items"][0]["action"] == "View Profile"
    assert parses["grid-basic"].props == {"children": {"heading": "Your Hero Content"}}
    assert parses["banner-countdown-sale"].non_literal_paths == ("endTime",)
    assert parses["about-network-spotlight"] == ExampleParse(FULL, element="AboutNetworkSpotlight"), "no props set"
