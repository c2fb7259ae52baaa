"""Every error the API can raise becomes the one JSON error shape, with the right status, and no traceback."""

import json

import pytest
from django.test import RequestFactory
from ninja.errors import Throttled, ValidationError

from config.api import api
from websites.errors import AppError, Conflict, Forbidden, InvalidInput, NotFound, RateLimited, ServiceUnavailable

CASES = [
    (AppError("The page intent is empty; describe the page."), 400, "bad_request", "The page intent is empty"),
    (InvalidInput("#12345 is not a colour."), 422, "invalid_input", "#12345 is not a colour."),
    (Forbidden("No."), 403, "forbidden", "No."),
    (NotFound("No website has id 9."), 404, "not_found", "No website has id 9."),
    (Conflict("Exists."), 409, "conflict", "Exists."),
    (RateLimited("Slow down."), 429, "rate_limited", "Slow down."),
    (ServiceUnavailable("Claude is overloaded; retry in a minute."), 503, "service_unavailable", "Claude is"),
    (Throttled(wait=30), 429, "rate_limited", "Too many requests"),
    (
        ValidationError([{"loc": ("body", "payload", "mood"), "msg": "unknown mood"}]),
        422,
        "invalid_input",
        "body.payload.mood: unknown mood",
    ),
    (RuntimeError("secret internals at /srv/app.py line 3"), 500, "error", "Something went wrong"),
]


@pytest.mark.parametrize(("exc", "status", "code", "message"), CASES)
def test_errors_become_json_bodies(exc, status, code, message):
    request = RequestFactory().get("/api/v1/anything")
    response = api.on_exception(request, exc)
    body = json.loads(response.content)
    assert response.status_code == status
    assert body["code"] == code
    assert message in body["detail"]
    text = response.content.decode()
    assert "Traceback" not in text
    assert "secret internals" not in text


def test_retryable_errors_say_so():
    request = RequestFactory().get("/api/v1/anything")
    assert json.loads(api.on_exception(request, ServiceUnavailable("x")).content)["retryable"] is True
    assert json.loads(api.on_exception(request, InvalidInput("x")).content)["retryable"] is False


def test_throttled_sets_retry_after():
    response = api.on_exception(RequestFactory().get("/api/v1/x"), Throttled(wait=30))
    assert response["Retry-After"] == "30"
