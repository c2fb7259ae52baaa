"""The demo seed: idempotent, complete, backed by real files, with working logins, and refused without DEBUG."""

import re
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import override_settings

from pagebuilder.demo import seed_demo
from websites.api_clients import api_client_authenticate, api_client_create
from websites.demo_data import DEMO_WEBSITES
from websites.errors import AppError
from websites.models import ApiClient, BrandGuide, MediaRecord, SeoKeyword, Website, WebsiteMembership

pytestmark = pytest.mark.django_db

STATIC_DIR = Path(settings.BASE_DIR) / "static"
SVG_NS = "{http://www.w3.org/2000/svg}"
KEY_RE = re.compile(r"\bpb_[0-9a-f]+_[\w-]+")


@pytest.fixture(autouse=True)
def _debug_on():
    """The test runner turns DEBUG off; seeding needs it on (the refusal test turns it off again)."""
    with override_settings(DEBUG=True):
        yield


def _snapshot() -> dict[str, object]:
    """Row counts plus the seeded values, so a re-seed that rewrites or duplicates anything shows up."""
    return {
        "websites": list(Website.objects.values_list("id", "name", "domain", "subdomain")),
        "brand_guides": list(
            BrandGuide.objects.values_list("id", "website_id", "primary_color", "summary", "updated_at")
        ),
        "keywords": list(SeoKeyword.objects.values_list("id", "website_id", "keyword", "priority", "updated_at")),
        "media": list(
            MediaRecord.objects.values_list(
                "id", "website_id", "cdn_url", "title", "width", "height", "status", "updated_at"
            )
        ),
        "users": list(get_user_model().objects.values_list("id", "username", "password").order_by("id")),
        "memberships": list(WebsiteMembership.objects.values_list("id", "user_id", "website_id", "role")),
        "api_clients": list(ApiClient.objects.values_list("id", "name", "key_hash")),
        "groups": list(Group.objects.values_list("id", "name")),
    }


def _demo_websites() -> list[Website]:
    return list(Website.objects.filter(subdomain__in=[d.subdomain for d in DEMO_WEBSITES]))


def test_seeding_twice_is_idempotent_and_the_key_is_returned_only_the_first_time():
    first = seed_demo()
    after_first = _snapshot()
    second = seed_demo()

    assert _snapshot() == after_first
    assert len(after_first["websites"]) == 2
    assert len(after_first["brand_guides"]) == 2
    assert len(after_first["users"]) == 3
    assert len(after_first["memberships"]) == 2
    assert len(after_first["api_clients"]) == 1
    assert first.api_key is not None
    assert second.api_key is None
    assert first.users_created == ("editor", "curator", "admin")
    assert second.users_created == ()
    assert (first.keywords, first.media) == (second.keywords, second.media)
    assert first.keywords == len(after_first["keywords"])
    assert first.media == len(after_first["media"])


def test_reseeding_restores_edited_demo_content():
    seed_demo()
    website = Website.objects.get(subdomain="crumbandco")
    SeoKeyword.objects.filter(website=website, keyword="sourdough bread").update(priority=-1)
    BrandGuide.objects.filter(website=website).update(primary_color="#000000")

    seed_demo()

    assert SeoKeyword.objects.get(website=website, keyword="sourdough bread").priority == 95
    assert BrandGuide.objects.get(website=website).primary_color == "#9a4f1e"


def test_each_demo_website_has_a_full_brand_guide_keywords_and_media():
    result = seed_demo()
    assert {name for _, name in result.websites} == {"Crumb & Co. Bakery", "Brightside Dental Clinic"}
    for website in _demo_websites():
        guide = BrandGuide.objects.get(website=website)
        assert guide.industry
        assert guide.brand_voice
        assert guide.target_audience
        assert re.fullmatch(r"#[0-9a-f]{6}", guide.primary_color)
        assert re.fullmatch(r"#[0-9a-f]{6}", guide.secondary_color)
        assert 2 <= guide.summary.count(". ") + 1 <= 4

        priorities = list(website.seo_keywords.values_list("priority", flat=True))
        assert len(priorities) >= 10
        assert len(set(priorities)) == len(priorities)

        media = list(website.media_records.all())
        urls = [m.cdn_url for m in media]
        assert len(media) >= 12
        assert sum("logo" in url for url in urls) >= 1
        portraits = [m for m in media if "/portrait-" in m.cdn_url]
        assert len(portraits) >= 3
        assert all(m.height > m.width for m in portraits)
        assert sum(m.media_type == "video" for m in media) == 1
        assert sum(m.status == "archived" for m in media) == 1
        assert all(m.title and len(m.alt_text) >= 30 for m in media)


def test_every_media_file_exists_and_its_svg_size_matches_the_record():
    seed_demo()
    records = list(MediaRecord.objects.filter(website__in=_demo_websites()))
    assert len(records) >= 24
    for record in records:
        assert record.cdn_url.startswith("/static/demo/")
        path = STATIC_DIR / record.cdn_url.removeprefix("/static/")
        assert path.is_file(), f"{record.cdn_url} is missing on disk"
        data = path.read_bytes()
        assert len(data) < 6 * 1024, f"{path.name} is too large"
        root = ET.fromstring(data)  # noqa: S314 - our own files, checked in
        assert root.tag == f"{SVG_NS}svg"
        size = (int(root.get("width")), int(root.get("height")))
        assert size == (record.width, record.height), record.cdn_url
        assert root.get("viewBox") == f"0 0 {record.width} {record.height}", record.cdn_url
        assert not root.findall(f".//{SVG_NS}script")
        assert b"http://" not in data.replace(b'xmlns="http://www.w3.org/2000/svg"', b"")


def test_demo_logins_authenticate_with_the_documented_passwords_and_flags():
    seed_demo()
    editor = authenticate(username="editor", password="editor")
    curator = authenticate(username="curator", password="curator")
    admin = authenticate(username="admin", password="admin")
    assert editor
    assert curator
    assert admin
    assert authenticate(username="editor", password="wrong") is None

    assert (editor.is_staff, editor.is_superuser) == (False, False)
    assert (curator.is_staff, curator.is_superuser) == (True, False)
    assert (admin.is_staff, admin.is_superuser) == (True, True)

    roles = set(WebsiteMembership.objects.filter(user=editor).values_list("website__subdomain", "role"))
    assert roles == {("crumbandco", "editor"), ("brightside", "editor")}

    assert curator.groups.filter(name="Curators").exists()
    assert curator.has_perm("registry.change_aisemanticcomponent")
    assert curator.has_perm("registry.view_aisemanticcomponent")
    assert curator.has_perm("websites.view_website")
    assert curator.has_perm("websites.view_mediarecord")
    assert not curator.has_perm("websites.change_website")
    assert not curator.has_perm("registry.delete_aisemanticcomponent")


def test_a_changed_password_survives_a_reseed():
    seed_demo()
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("a-new-secret-1234")
    admin.save()

    seed_demo()

    assert authenticate(username="admin", password="admin") is None
    assert authenticate(username="admin", password="a-new-secret-1234") is not None


def test_the_api_client_is_scoped_to_both_demo_websites():
    result = seed_demo()
    client = api_client_authenticate(result.api_key)
    assert client is not None
    assert client.name == "demo"
    assert client.all_websites is False
    assert set(client.websites.values_list("subdomain", flat=True)) == {"crumbandco", "brightside"}


def test_an_existing_demo_client_is_left_alone():
    _, key = api_client_create(name="demo", all_websites=True)
    result = seed_demo()
    assert result.api_key is None
    assert api_client_authenticate(key).all_websites is True
    assert ApiClient.objects.count() == 1


@override_settings(DEBUG=False)
def test_seeding_is_refused_with_debug_off_and_creates_nothing():
    with pytest.raises(AppError, match="development only") as excinfo:
        seed_demo()
    assert "DEBUG=true" in excinfo.value.message
    with pytest.raises(CommandError, match=r"development only.*DEBUG=true"):
        call_command("seed_demo", stdout=StringIO())

    assert not Website.objects.exists()
    assert not get_user_model().objects.exists()
    assert not ApiClient.objects.exists()
    assert list(Group.objects.values_list("name", flat=True)) == ["Curators"]  # made by a migration, not the seed


def test_the_command_prints_the_key_once_then_how_to_make_a_new_one():
    first, second = StringIO(), StringIO()
    call_command("seed_demo", stdout=first)
    call_command("seed_demo", stdout=second)

    keys = KEY_RE.findall(first.getvalue())
    assert len(keys) == 1
    assert api_client_authenticate(keys[0]).name == "demo"
    assert "will not be shown again" in first.getvalue()
    assert "Crumb & Co. Bakery" in first.getvalue()
    assert "Brightside Dental Clinic" in first.getvalue()

    assert not KEY_RE.search(second.getvalue())
    ids = " ".join(f"--website {w.pk}" for w in sorted(_demo_websites(), key=lambda w: w.pk))
    assert f"python manage.py create_api_client NAME {ids}" in second.getvalue()
