"""Demo data for development: two tenants with brand guides, keywords and media, plus fixed logins.

Idempotent: every row is found by its natural key (website by subdomain, brand guide by website, keyword by
(website, keyword), media by (website, cdn_url), user by username) and brought to the demo values, so a
second run changes nothing. Passwords are set only when a user is created, so one a developer changed
survives a re-seed. The logins have well-known passwords, so seeding refuses unless DEBUG is on.
"""

from dataclasses import asdict, dataclass
from typing import TextIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction

from websites.api_clients import api_client_create
from websites.demo_data import (
    DEMO_ADMIN,
    DEMO_API_CLIENT,
    DEMO_CURATOR,
    DEMO_EDITOR,
    DEMO_WEBSITES,
    DemoWebsite,
)
from websites.errors import AppError
from websites.models import ApiClient, BrandGuide, MediaRecord, SeoKeyword, SiteFact, Website, WebsiteMembership
from websites.site_facts import add_fact

# (username, is_staff, is_superuser); the password of each equals its username.
DEMO_USERS: tuple[tuple[str, bool, bool], ...] = (
    (DEMO_EDITOR, False, False),
    (DEMO_CURATOR, True, False),
    (DEMO_ADMIN, True, True),
)


@dataclass(frozen=True)
class DemoResult:
    """What the demo data looks like after seeding. ``api_key`` is set only on the run that made the client."""

    websites: tuple[tuple[int, str], ...]
    brand_guides: int
    keywords: int
    media: int
    users: tuple[str, ...]
    users_created: tuple[str, ...]
    memberships: int
    api_client_id: int
    api_key: str | None


def seed_demo(*, stdout: TextIO | None = None) -> DemoResult:
    """Create or refresh the demo tenants, logins and API client. Refuses with DEBUG off."""
    if not settings.DEBUG:
        raise AppError(
            "Refusing to seed demo data: it creates fixed demo logins (editor/editor, curator/curator, "
            "admin/admin), which are for development only. Set DEBUG=true to seed a development database."
        )
    with transaction.atomic():
        websites = [_seed_website(demo) for demo in DEMO_WEBSITES]
        users, created = _seed_users(websites)
        client, key = _seed_api_client(websites)
    ids = [w.pk for w in websites]
    result = DemoResult(
        websites=tuple((w.pk, w.name) for w in websites),
        brand_guides=BrandGuide.objects.filter(website_id__in=ids).count(),
        keywords=SeoKeyword.objects.filter(website_id__in=ids).count(),
        media=MediaRecord.objects.filter(website_id__in=ids).count(),
        users=tuple(users),
        users_created=tuple(created),
        memberships=WebsiteMembership.objects.filter(website_id__in=ids).count(),
        api_client_id=client.pk,
        api_key=key,
    )
    if stdout is not None:
        for website in websites:
            keywords, media = website.seo_keywords.count(), website.media_records.count()
            stdout.write(
                f"Seeded {website.name} (id {website.pk}, {website.subdomain}): {keywords} keywords, {media} media.\n"
            )
    return result


def _upsert[M: models.Model](model: type[M], lookup: dict[str, object], values: dict[str, object]) -> M:
    """Find by natural key (oldest first), create if absent, save only what differs.

    Unlike ``update_or_create`` this leaves an unchanged row alone, so a re-seed does not bump Rails'
    ``updated_at`` and tolerates duplicate rows the Rails app may have made (no unique constraint there).
    """
    obj = model.objects.filter(**lookup).order_by("pk").first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return obj


def _seed_website(demo: DemoWebsite) -> Website:
    website = _upsert(Website, {"subdomain": demo.subdomain}, {"name": demo.name, "domain": demo.domain})
    _upsert(BrandGuide, {"website": website}, asdict(demo.brand))
    for keyword, priority in demo.keywords:
        _upsert(SeoKeyword, {"website": website, "keyword": keyword}, {"priority": priority})
    for media in demo.media:
        values = {
            "media_type": media.media_type,
            "title": media.title,
            "alt_text": media.alt_text,
            "width": media.width,
            "height": media.height,
            "status": media.status,
        }
        _upsert(MediaRecord, {"website": website, "cdn_url": demo.cdn_url(media)}, values)
    kinds_held = set(SiteFact.objects.filter(website=website).values_list("kind", flat=True))
    for kind, data in demo.facts:  # only kinds the site has none of: an editor's own facts are never replaced
        if kind not in kinds_held:
            add_fact(website, kind, data, source=SiteFact.Source.ADMIN)
    return website


def _seed_users(websites: list[Website]) -> tuple[list[str], list[str]]:
    """The three logins and the editor's memberships (``pagebuilder.demo`` puts the curator in the Curators
    group). Returns (all, newly created)."""
    user_model = get_user_model()
    created_names: list[str] = []
    users = {}
    for username, is_staff, is_superuser in DEMO_USERS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(
                username, password=username, is_staff=is_staff, is_superuser=is_superuser
            )
            created_names.append(username)
        elif (user.is_staff, user.is_superuser) != (is_staff, is_superuser):
            user.is_staff, user.is_superuser = is_staff, is_superuser
            user.save(update_fields=["is_staff", "is_superuser"])
        users[username] = user
    for website in websites:
        WebsiteMembership.objects.update_or_create(
            user=users[DEMO_EDITOR], website=website, defaults={"role": WebsiteMembership.Role.EDITOR}
        )
    return list(users), created_names


def _seed_api_client(websites: list[Website]) -> tuple[ApiClient, str | None]:
    """The demo client, made once; an existing one (and its scope) is left as its owner set it."""
    client = ApiClient.objects.filter(name=DEMO_API_CLIENT).first()
    if client is not None:
        return client, None
    # The demo client stands in for the platform's renderer too, so the README's track-usage example works.
    client, key = api_client_create(
        name=DEMO_API_CLIENT, websites=websites, all_websites=False, may_track_usage=True, may_publish=True
    )
    return client, key
