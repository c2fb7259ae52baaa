"""API client keys: creation (the key is returned once) and authentication (constant-time, hashed).

A key looks like ``pb_<prefix>_<secret>``. The prefix finds the row; the SHA-256 of the whole key is
compared in constant time. Keys carry 256 bits of randomness, so a fast hash is enough (a slow password
hash protects low-entropy secrets, which these are not).
"""

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from websites.errors import Conflict, InvalidInput
from websites.models import ApiClient, Website

KEY_PREFIX = "pb"
# Writing last_used_at on every request would turn each read into a write; once a minute is plenty.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _split(key: str) -> str | None:
    parts = key.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[1]:
        return None
    return parts[1]


def assign_new_key(client: ApiClient) -> str:
    """Give ``client`` a fresh key (not saved yet) and return the key; the old one stops working on save."""
    prefix = secrets.token_hex(6)
    key = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    client.key_prefix, client.key_hash = prefix, _hash(key)
    return key


def api_client_rotate_key(client: ApiClient) -> str:
    key = assign_new_key(client)
    client.save(update_fields=["key_prefix", "key_hash"])
    return key


@transaction.atomic
def api_client_create(
    *,
    name: str,
    websites: Iterable[Website] = (),
    all_websites: bool = False,
    may_track_usage: bool = False,
    may_publish: bool = False,
) -> tuple[ApiClient, str]:
    """Create a client and return it with its key, which is never stored and cannot be shown again."""
    name = name.strip()
    if not name:
        raise InvalidInput("An API client needs a name.")
    if ApiClient.objects.filter(name=name).exists():
        raise Conflict(f"An API client named {name!r} already exists; pick another name.")
    client = ApiClient(name=name, all_websites=all_websites, may_track_usage=may_track_usage, may_publish=may_publish)
    key = assign_new_key(client)
    client.save()
    client.websites.set(list(websites))
    return client, key


def api_client_authenticate(key: str, *, name: str | None = None) -> ApiClient | None:
    """The active client owning ``key`` (and called ``name``, for HTTP Basic), or None."""
    prefix = _split(key)
    if prefix is None:
        return None
    client = ApiClient.objects.filter(key_prefix=prefix, is_active=True).first()
    if client is None or not hmac.compare_digest(client.key_hash, _hash(key.strip())):
        return None
    if name is not None and not hmac.compare_digest(client.name.encode(), name.encode()):
        return None
    now = timezone.now()
    if client.last_used_at is None or now - client.last_used_at > LAST_USED_RESOLUTION:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now
    return client


def api_client_may_use(client: ApiClient, website_id: int) -> bool:
    return client.all_websites or client.websites.filter(pk=website_id).exists()
