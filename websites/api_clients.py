"""API client keys: creation (the key is returned once) and authentication (constant-time, hashed).

A key looks like ``pb_<prefix>_<secret>``. The prefix finds the row; the SHA-256 of the whole key is
compared in constant time. Keys carry 256 bits of randomness, so a fast hash is enough (a slow password
hash protects low-entropy secrets, which these are not).
"""

import copy
import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
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


class _RecentClients:
    """Clients authenticated in the last ``API_KEY_CACHE_SECONDS``, keyed by the key's SHA-256, per process.

    Saves the client lookup on every API request of a busy caller. A client deactivated, rotated or deleted
    through the ORM's save/delete (admin, commands) is dropped here at once; elsewhere (another process, a bulk
    update) the change takes effect within the TTL. Only successful lookups are kept: a wrong key is looked up
    every time. Each request gets its own copy, so no request sees another's changes to the object."""

    def __init__(self) -> None:
        self._items: dict[str, tuple[float, ApiClient]] = {}
        self._lock = threading.Lock()

    def get(self, key_hash: str) -> ApiClient | None:
        with self._lock:
            item = self._items.get(key_hash)
        if item is None or time.monotonic() >= item[0]:
            return None
        return copy.copy(item[1])

    def put(self, key_hash: str, client: ApiClient) -> None:
        ttl = settings.API_KEY_CACHE_SECONDS
        if ttl <= 0:
            return
        with self._lock:
            if len(self._items) >= 1024:  # many short-lived keys: drop the lot rather than grow
                self._items.clear()
            self._items[key_hash] = (time.monotonic() + ttl, copy.copy(client))

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


recent_clients = _RecentClients()


@receiver(post_save, sender=ApiClient)
@receiver(post_delete, sender=ApiClient)
@receiver(m2m_changed, sender=ApiClient.websites.through)
def _forget_clients(**kwargs) -> None:
    recent_clients.clear()


def api_client_authenticate(key: str, *, name: str | None = None) -> ApiClient | None:
    """The active client owning ``key`` (and called ``name``, for HTTP Basic), or None."""
    prefix = _split(key)
    if prefix is None:
        return None
    key_hash = _hash(key.strip())
    client = recent_clients.get(key_hash)
    if client is None:
        client = ApiClient.objects.filter(key_prefix=prefix, is_active=True).first()
        if client is None or not hmac.compare_digest(client.key_hash, key_hash):
            return None
        recent_clients.put(key_hash, client)
    if name is not None and not hmac.compare_digest(client.name.encode(), name.encode()):
        return None
    now = timezone.now()
    if client.last_used_at is None or now - client.last_used_at > LAST_USED_RESOLUTION:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now
        recent_clients.put(key_hash, client)  # so the cached copy does not write again within the minute
    return client


def api_client_may_use(client: ApiClient, website_id: int) -> bool:
    return client.all_websites or client.websites.filter(pk=website_id).exists()
