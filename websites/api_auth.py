"""django-ninja authentication for API clients: ``Authorization: Bearer <key>`` or HTTP Basic ``name:key``.

The header is parsed here rather than by django-ninja's HttpBearer/HttpBasicAuth because those log the raw
header (key included) when DEBUG is on and the scheme is not theirs, which every Basic request is for the
Bearer check. Nothing here logs, at any level.
"""

import binascii
from base64 import b64decode

from django.http import HttpRequest
from ninja.security.http import HttpAuthBase

from websites.api_clients import api_client_authenticate
from websites.models import ApiClient


def _credentials(request: HttpRequest, scheme: str) -> str | None:
    """What follows ``<scheme> `` in the Authorization header, or None when the header uses another scheme."""
    value = request.headers.get("Authorization", "")
    name, _, credentials = value.strip().partition(" ")
    return credentials.strip() if name.lower() == scheme and credentials.strip() else None


class ApiKeyBearer(HttpAuthBase):
    openapi_scheme = "bearer"

    def __call__(self, request: HttpRequest) -> ApiClient | None:
        token = _credentials(request, "bearer")
        return api_client_authenticate(token) if token else None


class ApiKeyBasic(HttpAuthBase):
    openapi_scheme = "basic"

    def __call__(self, request: HttpRequest) -> ApiClient | None:
        encoded = _credentials(request, "basic")
        if not encoded:
            return None
        try:
            decoded = b64decode(encoded, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        name, separator, key = decoded.partition(":")
        return api_client_authenticate(key, name=name) if separator else None


api_key_auth = [ApiKeyBearer(), ApiKeyBasic()]
