"""The one NinjaAPI: /api/v1, OpenAPI docs at /api/v1/docs, one JSON error shape for every failure.

Every error body is ``{"detail": <message a person can act on>, "code": <machine-readable code>}``, plus
``"errors"`` for request validation. Nothing ever returns a stack trace.
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from config.api_input import StrictJsonParser
from config.health import health_report
from pagebuilder.api import pages_router, tasks_router
from pagebuilder.site.api import site_router
from registry.api import router as components_router
from styleguides.api import router as styleguides_router
from websites.api import router as websites_router
from websites.api_auth import api_key_auth
from websites.errors import AppError, PayloadTooLarge
from websites.schemas import ALWAYS, error_responses

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="Semantic page builder API",
    version="1.0.0",
    description="Generate and refine pages, search the component registry, manage style guides. "
    "Authenticate with `Authorization: Bearer <key>` (or HTTP Basic `<client name>:<key>`).",
    urls_namespace="api",
    auth=api_key_auth,
    parser=StrictJsonParser(),
)

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "rate_limited",
    503: "service_unavailable",
}


def error_response(request: HttpRequest, status: int, message: str, **extra) -> HttpResponse:
    body = {"detail": message, "code": _HTTP_CODES.get(status, "error"), **extra}
    response = api.create_response(request, body, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api", Basic realm="api"'
    return response


@api.exception_handler(AppError)
def _app_error(request: HttpRequest, exc: AppError) -> HttpResponse:
    extra = {"details": exc.details} if exc.details is not None else {}
    response = error_response(request, exc.status, exc.message, code=exc.code, retryable=exc.retryable, **extra)
    if exc.status == 429 and isinstance(exc.details, dict) and exc.details.get("retry_after"):
        response["Retry-After"] = str(int(exc.details["retry_after"]))
    return response


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    has_credentials = "authorization" in request.headers
    message = (
        "The API key is not valid (unknown, revoked or mistyped)."
        if has_credentials
        else "Send an API key: 'Authorization: Bearer <key>' or HTTP Basic '<client name>:<key>'."
    )
    return error_response(request, 401, message)


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = error_response(request, 429, "Too many requests; slow down and retry later.")
    if exc.wait:
        response["Retry-After"] = str(int(exc.wait))
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # django-ninja wraps whatever the body parser raises in HttpError(400); our parser's own errors say more.
    if isinstance(exc.__cause__, AppError):
        return _app_error(request, exc.__cause__)
    if isinstance(exc.__cause__, ValidationError):
        return _invalid_request(request, exc.__cause__)
    if isinstance(exc.__cause__, RequestDataTooBig):
        return _too_big(request, exc.__cause__)
    return error_response(request, exc.status_code, str(exc))


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return _app_error(request, PayloadTooLarge(f"The body is larger than the {limit:,} bytes the API accepts."))


@api.exception_handler(ValidationError)
def _invalid_request(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"field": ".".join(str(part) for part in error.get("loc", ())), "message": error.get("msg", "invalid")}
        for error in exc.errors
    ]
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "The request is not valid."
    return error_response(request, 422, f"The request is not valid: {summary}", errors=errors)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, 404, "Not found.")


@api.exception_handler(PermissionDenied)
def _permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(request, 403, str(exc) or "You may not do this.")


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("Unhandled API error on %s %s", request.method, request.path)
    return error_response(request, 500, "Something went wrong on our side; it has been logged. Try again later.")


@api.get(
    "/health",
    auth=None,
    tags=["health"],
    response={200: dict, 503: dict, **error_responses(*ALWAYS)},
    summary="Database, pgvector, workers and providers",
)
def health(request: HttpRequest):
    report = health_report()
    return api.create_response(request, report, status=503 if report["status"] == "down" else 200)


api.add_router("/websites", websites_router)
api.add_router("/components", components_router)
api.add_router("/websites", styleguides_router)
api.add_router("/websites", pages_router)
api.add_router("/websites", site_router)
api.add_router("/tasks", tasks_router)
