"""Request/response schemas of the websites API."""

from ninja import Schema


class WebsiteOut(Schema):
    id: int
    name: str
    domain: str | None
    subdomain: str | None
