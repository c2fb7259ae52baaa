from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    memberships = []
    if request.user.is_authenticated:
        memberships = request.user.website_memberships.select_related("website").order_by("website__name")
    return render(request, "home.html", {"memberships": memberships})
