from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    memberships = []
    if request.user.is_authenticated:
        memberships = request.user.website_memberships.select_related("website").order_by("website__name")
    return render(request, "home.html", {"memberships": memberships})


def api_not_found(request: HttpRequest, rest: str) -> JsonResponse:
    """Unknown paths under /api/ answer in the API's JSON error shape, not with an HTML page."""
    return JsonResponse(
        {"detail": f"No API endpoint at {request.path}; see /api/v1/docs.", "code": "not_found"}, status=404
    )
