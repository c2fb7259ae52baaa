"""Style guide admin: a visual preview with contrast ratios, safe against hostile theme values, and regenerate."""

import json
import re

import pytest

from styleguides.models import WebsiteStyleGuide
from styleguides.services import generate_style_guide, update_style_guide

pytestmark = pytest.mark.django_db


def test_preview_shows_swatches_with_ratios_type_radius_and_shadows(client_for, superuser, bakery):
    guide = generate_style_guide(bakery, mood="playful", provider="offline").guide
    html = client_for(superuser).get(f"/admin/styleguides/websitestyleguide/{guide.pk}/change/").content.decode()
    primary_500 = guide.theme_config["colors"]["primary"]["500"]
    assert f"background: {primary_500}" in html
    assert "on white" in html
    assert ":1" in html
    assert "The quick brown fox" in html
    assert "radius md" in html
    assert "shadow lg" in html


HOSTILE = {
    "colors": {"primary": {"500": "red;background:url(https://evil.example/x)"}},
    "borderRadius": {"md": "1px;}</style><script>alert(1)</script>"},
    "typography": {"fonts": {"heading": 'x"><img src=x onerror=alert(1)>'}},
}


def test_hostile_theme_values_never_reach_the_page(client_for, superuser, bakery):
    guide = generate_style_guide(bakery, provider="offline").guide
    theme = guide.theme_config
    theme["colors"]["primary"]["500"] = HOSTILE["colors"]["primary"]["500"]
    theme["borderRadius"]["md"] = HOSTILE["borderRadius"]["md"]
    theme["typography"]["fonts"]["heading"] = HOSTILE["typography"]["fonts"]["heading"]
    WebsiteStyleGuide.objects.filter(pk=guide.pk).update(theme_config=theme)  # as Rails could, bypassing checks
    html = client_for(superuser).get(f"/admin/styleguides/websitestyleguide/{guide.pk}/change/").content.decode()
    preview = html.split("<textarea")[0]
    styles = re.findall(r'style="([^"]*)"', preview)
    assert styles
    assert not [style for style in styles if "evil" in style or ";}" in style or "onerror" in style]
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "cannot be used" in preview
    assert "colors.primary.500" in preview  # the notice names what was left out


@pytest.mark.parametrize(
    "stored", [{"colors": "x"}, {"typography": 5}, {"colors": {"semantic": ["#fff"]}}, ["a", "list"], 7]
)
def test_a_malformed_stored_theme_still_shows_its_page(client_for, superuser, bakery, stored):
    guide = generate_style_guide(bakery, provider="offline").guide
    WebsiteStyleGuide.objects.filter(pk=guide.pk).update(theme_config=stored)
    response = client_for(superuser).get(f"/admin/styleguides/websitestyleguide/{guide.pk}/change/")
    assert response.status_code == 200
    assert "cannot be used" in response.content.decode()


def test_the_admin_form_refuses_a_hostile_theme_and_hostile_css(client_for, superuser, bakery):
    guide = generate_style_guide(bakery, provider="offline").guide
    before = (guide.theme_config, guide.tailwind_css)
    response = client_for(superuser).post(
        f"/admin/styleguides/websitestyleguide/{guide.pk}/change/",
        {"theme_config": json.dumps(HOSTILE), "tailwind_css": "body{width:EXPR/**/ESSION(alert(1))}"},
    )
    assert response.status_code == 200  # the form again, with its errors; not a redirect
    errors = response.context["adminform"].form.errors
    assert "colors.primary.500" in " ".join(errors["theme_config"])
    assert "borderRadius.md" in " ".join(errors["theme_config"])
    assert "comment inside the value" in " ".join(errors["tailwind_css"])
    guide.refresh_from_db()
    assert (guide.theme_config, guide.tailwind_css) == before


def test_the_admin_form_accepts_a_valid_theme(client_for, superuser, bakery):
    guide = generate_style_guide(bakery, provider="offline").guide
    theme = {**guide.theme_config, "borderRadius": {**guide.theme_config["borderRadius"], "md": "0.5rem"}}
    response = client_for(superuser).post(
        f"/admin/styleguides/websitestyleguide/{guide.pk}/change/",
        {"theme_config": json.dumps(theme), "tailwind_css": guide.tailwind_css},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    guide.refresh_from_db()
    assert guide.theme_config["borderRadius"]["md"] == "0.5rem"


def test_regenerate_action_rebuilds_the_theme(client_for, superuser, bakery):
    update_style_guide(bakery, theme_patch={"mood": "calm"})
    guide = WebsiteStyleGuide.objects.get(website=bakery)
    response = client_for(superuser).post(
        "/admin/styleguides/websitestyleguide/",
        {"action": "regenerate", "_selected_action": [guide.pk]},
        follow=True,
    )
    assert "Regenerated the style guide" in response.content.decode()
    guide.refresh_from_db()
    assert guide.theme_config["mood"] == "calm"
    assert "primary" in guide.theme_config["colors"]
