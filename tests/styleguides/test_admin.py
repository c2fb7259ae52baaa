"""Style guide admin: a visual preview with contrast ratios, safe against hostile theme values, and regenerate."""

import pytest

from styleguides.models import WebsiteStyleGuide
from styleguides.services import generate_style_guide, update_style_guide

pytestmark = pytest.mark.django_db


def test_preview_shows_swatches_with_ratios_type_radius_and_shadows(client_for, superuser, bakery):
    guide = generate_style_guide(bakery, mood="playful", provider="offline").guide
    html = client_for(superuser).get(f"/admin/styleguides/websitestyleguide/{guide.pk}/change/").content.decode()
    primary_500 = guide.theme_config["colors"]["primary"]["500"]
    assert f"background: {primary_500}" in html
    assert "on white" in html and ":1" in html
    assert "The quick brown fox" in html and "radius md" in html and "shadow lg" in html


def test_hostile_theme_values_never_reach_the_page(client_for, superuser, bakery):
    generate_style_guide(bakery, provider="offline")
    guide = update_style_guide(
        bakery,
        theme_patch={
            "colors": {"primary": {"500": "red;background:url(https://evil.example/x)"}},
            "radius": {"md": "1px;}</style><script>alert(1)</script>"},
            "typography": {"fonts": {"heading": 'x"><img src=x onerror=alert(1)>'}},
        },
    )
    html = client_for(superuser).get(f"/admin/styleguides/websitestyleguide/{guide.pk}/change/").content.decode()
    assert "evil.example/x)" not in html.split("<textarea")[0]
    assert "<script>alert(1)" not in html and "<img src=x" not in html


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
    assert guide.theme_config["mood"] == "calm" and "primary" in guide.theme_config["colors"]
