"""update_style_guide: JSON Merge Patch semantics, atomic under concurrency, CSS always sanitised."""

import threading

import pytest
from django.db import connection

from styleguides.models import WebsiteStyleGuide
from styleguides.services import generate_style_guide, merge_patch, update_style_guide
from websites.errors import InvalidInput
from websites.models import BrandGuide


def test_merge_patch_follows_rfc_7396():
    target = {"a": "b", "c": {"d": "e", "f": "g"}, "keep": [1, 2]}
    patch = {"a": "z", "c": {"f": None, "h": {"i": 1}}, "keep": [3]}
    assert merge_patch(target, patch) == {"a": "z", "c": {"d": "e", "h": {"i": 1}}, "keep": [3]}
    assert target["c"] == {"d": "e", "f": "g"}  # the input is not modified


@pytest.mark.parametrize(
    ("target", "patch", "expected"),
    [  # the examples of RFC 7396, appendix A
        ({"a": "b"}, {"a": "c"}, {"a": "c"}),
        ({"a": "b"}, {"b": "c"}, {"a": "b", "b": "c"}),
        ({"a": "b"}, {"a": None}, {}),
        ({"a": "b", "b": "c"}, {"a": None}, {"b": "c"}),
        ({"a": ["b"]}, {"a": "c"}, {"a": "c"}),
        ({"a": "c"}, {"a": ["b"]}, {"a": ["b"]}),
        ({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}, {"a": {"b": "d"}}),
        ({"a": [{"b": "c"}]}, {"a": [1]}, {"a": [1]}),
        (["a", "b"], ["c", "d"], ["c", "d"]),
        ({"a": "b"}, ["c"], ["c"]),
        ({"a": "foo"}, None, None),
        ({"e": None}, {"a": 1}, {"e": None, "a": 1}),
        ([1, 2], {"a": "b", "c": None}, {"a": "b"}),
        ({}, {"a": {"bb": {"ccc": None}}}, {"a": {"bb": {}}}),
    ],
)
def test_merge_patch_rfc_examples(target, patch, expected):
    assert merge_patch(target, patch) == expected


@pytest.mark.django_db
def test_patch_creates_the_row_and_merges_nested_keys(bakery):
    update_style_guide(bakery, theme_patch={"colors": {"semantic": {"background": "#ffffff", "ring": "#123456"}}})
    guide = update_style_guide(bakery, theme_patch={"colors": {"semantic": {"ring": None, "border": "#cccccc"}}})
    assert guide.theme_config == {"colors": {"semantic": {"background": "#ffffff", "border": "#cccccc"}}}
    assert WebsiteStyleGuide.objects.filter(website=bakery).count() == 1
    assert "--color-background:#ffffff" in guide.tailwind_css.replace(" ", "")


@pytest.mark.django_db
def test_hostile_css_is_refused_and_nothing_changes(bakery):
    update_style_guide(bakery, tailwind_css=":root{--x:1px}")
    with pytest.raises(InvalidInput):
        update_style_guide(bakery, tailwind_css="a{}</style><script>alert(1)</script>")
    assert WebsiteStyleGuide.objects.get(website=bakery).tailwind_css.replace(" ", "") == ":root{--x:1px}"


@pytest.mark.django_db
def test_non_object_patch_is_refused(bakery):
    with pytest.raises(InvalidInput, match="JSON object"):
        update_style_guide(bakery, theme_patch=["not", "an", "object"])


@pytest.mark.django_db(transaction=True)
def test_concurrent_patches_all_land(bakery):
    workers = 8
    barrier = threading.Barrier(workers)
    errors: list[BaseException] = []

    def patch(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            update_style_guide(bakery, theme_patch={"spacing": {str(index): f"{index}px"}})
        except BaseException as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=patch, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    spacing = WebsiteStyleGuide.objects.get(website=bakery).theme_config["spacing"]
    assert spacing == {str(i): f"{i}px" for i in range(workers)}


@pytest.mark.django_db
def test_offline_generation_uses_the_brand_colours_and_stores_safe_css(bakery):
    BrandGuide.objects.create(website=bakery, industry="bakery", primary_color="#c2410c", secondary_color="#65a30d")
    result = generate_style_guide(bakery, mood="warm", provider="offline")
    assert result.provider == "offline"
    assert all(row["passes"] for row in result.contrast_report)
    stored = WebsiteStyleGuide.objects.get(website=bakery)
    assert stored.theme_config == result.guide.theme_config
    assert "--color-primary-500" in stored.tailwind_css
    assert "</style" not in stored.tailwind_css


@pytest.mark.django_db
def test_generation_refuses_a_brand_guide_of_another_website(bakery, clinic):
    other = BrandGuide.objects.create(website=clinic, industry="dental")
    from websites.errors import NotFound

    with pytest.raises(NotFound):
        generate_style_guide(bakery, brand_guide_id=other.pk, provider="offline")
