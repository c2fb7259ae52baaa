"""django-ninja authentication for API clients: ``Authorization: Bearer <key>`` or HTTP Basic ``name:key``."""

from django.http import HttpRequest
from ninja.security import HttpBasicAuth, HttpBearer

from websites.api_clients import api_client_authenticate
from websites.models import ApiClient


class ApiKeyBearer(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiClient | None:
        return api_client_authenticate(token)


class ApiKeyBasic(HttpBasicAuth):
    def authenticate(self, request: HttpRequest, username: str, password: str) -> ApiClient | None:
        return api_client_authenticate(password, name=username)


api_key_auth = [ApiKeyBearer(), ApiKeyBasic()]
