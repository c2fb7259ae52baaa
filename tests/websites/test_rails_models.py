"""Every unmanaged model round-trips create/read/update against the Rails schema mirror."""

import uuid
from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, connection

from pagebuilder.models import PageCategory
from registry.models import AiSemanticComponent
from styleguides.models import WebsiteStyleGuide
from websites.models import AiTask, BrandGuide, MediaRecord, SeoKeyword, Website

pytestmark = pytest.mark.django_db


def _roundtrip(obj, **changes):
    """Save, re-read, update ``changes``, re-read; return (first read, second read)."""
    model = type(obj)
    obj.save()
    first = model.objects.get(pk=obj.pk)
    for field, value in changes.items():
        setattr(first, field, value)
    first.save()
    second = model.objects.get(pk=obj.pk)
    for field, value in changes.items():
        assert getattr(second, field) == value, field
    assert second.updated_at >= first.created_at
    return first, second


def test_website_roundtrip_sets_rails_timestamps():
    site = Website(name="Corner Shop", domain="corner.test", subdomain="corner")
    first, second = _roundtrip(site, name="Corner Shop & Café")
    assert first.created_at.tzinfo is not None
    assert second.created_at == first.created_at
    with connection.cursor() as cursor:  # stored as UTC in a timestamp without time zone
        cursor.execute("SELECT created_at FROM websites WHERE id = %s", [site.pk])
        (raw,) = cursor.fetchone()
    assert raw.tzinfo is None
    assert raw.replace(tzinfo=UTC) == first.created_at


def test_brand_guide_keyword_and_media_roundtrip(bakery):
    _roundtrip(BrandGuide(website=bakery, industry="bakery", primary_color="#aa5500"), brand_voice="warm")
    _roundtrip(SeoKeyword(website=bakery, keyword="sourdough", priority=5), priority=9)
    _, media = _roundtrip(
        MediaRecord(website=bakery, media_type="image", cdn_url="/static/x.svg", width=10, height=20),
        alt_text="A loaf",
    )
    assert media.status == "active"


def test_keyword_is_unique_per_website(bakery):
    SeoKeyword.objects.create(website=bakery, keyword="bread")
    with pytest.raises(IntegrityError):
        SeoKeyword.objects.create(website=bakery, keyword="bread")


def test_page_and_style_guide_roundtrip(bakery):
    payload = {"version": "1.0", "blocks": [], "meta": {}}
    _, page = _roundtrip(PageCategory(website=bakery, slug="about", name="About"), design_payload=payload)
    assert page.design_payload == payload
    _roundtrip(
        WebsiteStyleGuide(website=bakery, theme_config={"colors": {"primary": "#123456"}}),
        tailwind_css=":root{--color-primary-500:#123456}",
    )


def test_ai_task_roundtrip_with_uuid_and_json(bakery):
    task = AiTask(task_type="page_generation", website=bakery, input={"page_intent": "about us"})
    assert isinstance(task.id, uuid.uuid4().__class__)
    _, stored = _roundtrip(
        task, status="processing", progress=40, phase="research", started_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    )
    assert stored.input == {"page_intent": "about us"}
    assert stored.started_at == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_ai_task_progress_is_checked_by_the_database(bakery):
    with pytest.raises(IntegrityError):
        AiTask.objects.create(task_type="x", website=bakery, progress=101)


def test_semantic_component_roundtrip_with_vector_and_tags():
    vector = [0.0] * 1024
    vector[3] = 1.0
    component = AiSemanticComponent(
        component_id="hero-test",
        npm_package="@opensite/ui",
        import_path="blocks/hero/test",
        semantic_type="hero",
        semantic_tags=["hero", "intro"],
        category="hero",
        display_name="Test hero",
        props_schema={"type": "object"},
        embedding=vector,
    )
    _, stored = _roundtrip(component, semantic_tags=["hero", "intro", "bold"], deprecated=True)
    assert list(stored.embedding) == vector
    assert AiSemanticComponent.objects.filter(semantic_tags__contains=["bold"]).count() == 1


def test_queryset_update_and_bulk_create_stamp_timestamps(bakery):
    before = Website.objects.get(pk=bakery.pk).updated_at
    Website.objects.filter(pk=bakery.pk).update(name="Renamed")
    assert Website.objects.get(pk=bakery.pk).updated_at > before
    created = SeoKeyword.objects.bulk_create([SeoKeyword(website=bakery, keyword=k) for k in ("a", "b")])
    assert all(k.created_at and k.updated_at for k in created)
