"""What an API client's requests that change pages have in common: one at a time per client, repeated safely
with an Idempotency-Key for 24 hours (same key and same request: the same task; another request: 409), and a
rate limit per minute. Each request that passes becomes a task, recorded with who asked for it."""

import hashlib
import json
import math
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from pagebuilder.models import GenerationRequest
from websites.errors import Conflict, InvalidInput, RateLimited
from websites.models import AiTask, ApiClient, Website

IDEMPOTENCY_KEY_MAX = 255
IDEMPOTENCY_WINDOW = timedelta(hours=24)
RATE_WINDOW = timedelta(minutes=1)


def request_fingerprint(body: dict) -> str:
    """What identifies a request's content, so a repeated Idempotency-Key with another request is a 409."""
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def checked_key(idempotency_key: str | None) -> str | None:
    key = (idempotency_key or "").strip() or None
    if key is not None and len(key) > IDEMPOTENCY_KEY_MAX:
        raise InvalidInput(f"The Idempotency-Key header is longer than {IDEMPOTENCY_KEY_MAX} characters.")
    return key


def once(
    website: Website,
    create: Callable[[], AiTask],
    *,
    fingerprint: str,
    api_client: ApiClient | None = None,
    user=None,
    idempotency_key: str | None = None,
) -> tuple[AiTask, bool]:
    """(the task ``create`` made, True), or (the task an earlier request with this key made, False). Everything
    ``create`` writes is undone when it raises, so a refused request leaves no task and does not use up its key."""
    key = checked_key(idempotency_key)
    with transaction.atomic():
        if api_client is not None:
            ApiClient.objects.select_for_update().filter(pk=api_client.pk).first()  # one request at a time per client
            if key is not None:
                earlier = _earlier_request(api_client, key, fingerprint)
                if earlier is not None:
                    return earlier, False
            _check_rate(api_client)
        task = create()
        GenerationRequest.objects.create(
            task_id=task.pk,
            website=website,
            api_client=api_client,
            user=user,
            idempotency_key=key if api_client else None,
            request_fingerprint=fingerprint,
        )
    return task, True


def _earlier_request(api_client: ApiClient, key: str, fingerprint: str) -> AiTask | None:
    earlier = GenerationRequest.objects.filter(api_client=api_client, idempotency_key=key).first()
    if earlier is None:
        return None
    if earlier.created_at < timezone.now() - IDEMPOTENCY_WINDOW:
        earlier.delete()  # the key may be reused after 24 hours
        return None
    if earlier.request_fingerprint != fingerprint:
        raise Conflict(
            "This Idempotency-Key was already used with a different request in the last 24 hours; "
            "use a new key for a new request."
        )
    return AiTask.objects.filter(pk=earlier.task_id).first()


def _check_rate(api_client: ApiClient) -> None:
    limit = settings.GENERATION_RATE_LIMIT_PER_MINUTE
    since = timezone.now() - RATE_WINDOW
    recent = list(
        GenerationRequest.objects.filter(api_client=api_client, created_at__gte=since)
        .order_by("created_at")
        .values_list("created_at", flat=True)[:limit]
    )
    if len(recent) >= limit:
        retry_after = max(1, math.ceil((recent[0] + RATE_WINDOW - timezone.now()).total_seconds()))
        raise RateLimited(
            f"At most {limit} page generations and changes per minute per API client; try again in {retry_after} s.",
            details={"retry_after": retry_after},
        )
