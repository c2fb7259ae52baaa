"""Middleware that keeps every answer under /api/ in the API's JSON error shape, whatever reached it.

Before a view runs it refuses what no endpoint could use: a body over DATA_UPLOAD_MAX_MEMORY_SIZE (413) and
a NUL character in the path, a query parameter or a header (422, naming which), which PostgreSQL could not
store and would otherwise surface as a 500. After the view, any error page that is not JSON (Django's HTML 404
for a path no route matches, whatever the method; django-ninja's plain-text 405) becomes the JSON shape, with
``Allow`` kept. Bodies are checked by config.api_input's parser.
"""

from collections.abc import Callable
from http import HTTPStatus

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from websites.text import text_problem

API_PREFIX = "/api/"


def json_error(status: int, detail: str, code: str, **extra) -> JsonResponse:
    return JsonResponse({"detail": detail, "code": code, **extra}, status=status)


def _field_problem(request: HttpRequest) -> tuple[str, str] | None:
    """(where, what is wrong) for the first unstorable character outside the body."""
    if problem := text_problem(request.path):
        return "path", problem
    for key, values in request.GET.lists():
        for text in (key, *values):
            if problem := text_problem(text):
                return f"query.{key!a}", problem
    for name, value in request.headers.items():
        if problem := text_problem(value):
            return f"header.{name}", problem
    return None


def _too_large(request: HttpRequest) -> bool:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False  # Django itself answers a malformed length
    return limit is not None and length > limit


class ApiGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if _too_large(request):
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            return json_error(413, f"The body is larger than the {limit:,} bytes the API accepts.", "payload_too_large")
        if found := _field_problem(request):
            field, problem = found
            errors = [{"field": field, "message": problem}]
            return json_error(422, f"The request is not valid: {field}: {problem}.", "invalid_input", errors=errors)
        response = self.get_response(request)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith("application/json"):
            return _as_json(request, response)
        return response


def _as_json(request: HttpRequest, response: HttpResponse) -> JsonResponse:
    status = response.status_code
    if status == 404:
        return json_error(404, f"No API endpoint at {request.path!a}; see /api/v1/docs.", "not_found")
    if status == 405:
        allowed = response.get("Allow", "")
        refused = json_error(405, f"{request.method} is not allowed here; use {allowed}.", "method_not_allowed")
        refused["Allow"] = allowed
        return refused
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    return json_error(status, f"{phrase}.", phrase.lower().replace(" ", "_"))
