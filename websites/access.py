"""Tenant scoping: every API endpoint that names a website goes through ``website_for_client``, every builder
page through ``website_for_user``; ``may_review`` says who approves drafts submitted for review."""

from websites.api_clients import api_client_may_use
from websites.errors import Forbidden, NotFound
from websites.models import ApiClient, Website, WebsiteMembership

Role = WebsiteMembership.Role
EDIT_ROLES = (Role.OWNER, Role.EDITOR, Role.REVIEWER)
# Who may approve or send back drafts submitted for review, and publish directly on a website that requires review.
REVIEW_ROLES = (Role.OWNER, Role.REVIEWER)


def website_for_client(client: ApiClient, website_id: int) -> Website:
    """The website ``website_id`` if ``client`` may act on it: 404 when it does not exist, 403 when out of scope."""
    website = Website.objects.filter(pk=website_id).first()
    if website is None:
        raise NotFound(f"No website has id {website_id}.")
    if not api_client_may_use(client, website.pk):
        raise Forbidden(f"API client {client.name!r} may not act on website {website_id}.")
    return website


def websites_for_user(user):
    """Websites the user may open in the builder: every website for superusers, else their memberships."""
    if user.is_superuser:
        return Website.objects.order_by("name")
    return Website.objects.filter(memberships__user=user).order_by("name").distinct()


def user_role(user, website: Website) -> str | None:
    """The user's role on ``website`` (superusers act as owners), None without a membership."""
    if user.is_superuser:
        return Role.OWNER
    return WebsiteMembership.objects.filter(user=user, website=website).values_list("role", flat=True).first()


def may_review(user, website: Website) -> bool:
    """Whether the user may approve or send back submitted drafts (and publish directly) on ``website``."""
    return user_role(user, website) in REVIEW_ROLES


def website_for_user(user, website_id: int, *, edit: bool = False) -> Website:
    """The website if the user may see it (and edit it, when ``edit``): 404 unknown, 403 not theirs."""
    website = Website.objects.filter(pk=website_id).first()
    if website is None:
        raise NotFound(f"No website has id {website_id}.")
    if user.is_superuser:
        return website
    membership = WebsiteMembership.objects.filter(user=user, website=website).first()
    if membership is None:
        raise Forbidden(f"You are not a member of {website.name}; ask an administrator for access.")
    if edit and membership.role not in EDIT_ROLES:
        raise Forbidden(f"You may view {website.name} but not change it (role: {membership.get_role_display()}).")
    return website
