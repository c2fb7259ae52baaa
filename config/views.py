from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


def api_not_found(request: HttpRequest, rest: str) -> JsonResponse:
    """Unknown paths under /api/ answer in the API's JSON error shape, not with an HTML page."""
    return JsonResponse(
        {"detail": f"No API endpoint at {request.path}; see /api/v1/docs.", "code": "not_found"}, status=404
    )
