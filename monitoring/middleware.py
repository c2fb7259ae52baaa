"""Counts every API request by route pattern (``/api/v1/tasks/<uuid:task_id>``, never the raw path, so ids and
hostile paths cannot multiply the series), method, status and duration. It sits first in MIDDLEWARE so the
duration covers everything, refusals by later middleware included."""

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from monitoring.recording import count_request

API_PREFIX = "/api/"
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "(no route)"


def route_of(request: HttpRequest) -> str:
    """The URL pattern that served ``request``, resolved here when a middleware answered before the view."""
    match = request.resolver_match
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return UNMATCHED
    return match.route or UNMATCHED


class RequestMetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        method = request.method if request.method in METHODS else "OTHER"
        count_request(route_of(request), method, response.status_code, duration_ms)
        return response
