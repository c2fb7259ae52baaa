"""What makes a webhook trustworthy to its receiver: the exact body bytes and the HMAC-SHA256 headers over them.

The receiver's side of the contract (how to verify) is in README.md, *Webhooks*.
"""

import hashlib
import hmac
import json
import time

from django.conf import settings

from websites.errors import AppError

USER_AGENT = "semantic-page-builder-webhooks/1"
TIMESTAMP_HEADER = "X-PageBuilder-Timestamp"
SIGNATURE_HEADER = "X-PageBuilder-Signature"
DELIVERY_HEADER = "X-PageBuilder-Delivery"  # the delivery's id, the same on every attempt: receivers drop repeats

# Said both when a URL is offered and when an attempt finds the secret gone: an unsigned webhook could not be
# told apart from a forged one, so none is accepted or sent without a secret.
UNSIGNED_REFUSAL = (
    "webhooks need WEBHOOK_SIGNING_SECRET: the server has no secret to sign them with, so receivers could not "
    "tell them from forgeries. Ask the operator to set WEBHOOK_SIGNING_SECRET, or leave webhook_url out and "
    "poll GET /api/v1/tasks/{task_id}."
)


def encode_body(payload: dict) -> bytes:
    """The payload as compact JSON with sorted keys: the bytes that are both signed and sent."""
    return json.dumps(payload, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()


def sign(body: bytes, timestamp: int, secret: str) -> str:
    """Hex HMAC-SHA256 of ``<timestamp>.<body>`` with the secret."""
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def signature_headers(body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """The headers of a webhook POST carrying ``body``, signed with WEBHOOK_SIGNING_SECRET at ``timestamp``.

    ``timestamp`` defaults to now: each attempt is signed afresh, so receivers can refuse stale timestamps.
    """
    secret = settings.WEBHOOK_SIGNING_SECRET
    if not secret:
        raise AppError(UNSIGNED_REFUSAL)
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: f"sha256={sign(body, timestamp, secret)}",
    }
