"""Request and response schemas of the whole-site API (``pagebuilder.site.api``)."""

from datetime import datetime
from uuid import UUID

from ninja import Field, Schema


class SitemapPageIn(Schema):
    slug: str = Field(..., min_length=1, max_length=100, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    title: str = Field(..., min_length=1, max_length=60)
    page_type: str = Field(..., description="A page type of the playbooks: home, about, services, contact, …")
    purpose: str = Field("", max_length=300)
    sections: list[str] = Field(..., min_length=1, max_length=12, description="Section types in page order.")


class SitemapIn(Schema):
    pages: list[SitemapPageIn] = Field(..., min_length=1, max_length=12)


class SiteBuildIn(Schema):
    sitemap: SitemapIn | None = Field(
        None, description="The edited sitemap to build (stored as the site's sitemap); left out: the current one."
    )
    pages: list[str] | None = Field(
        None, max_length=12, description="Rebuild only these slugs; the other pages keep their drafts."
    )
    publish: bool | None = Field(
        False,
        description="Publish every built page in the same transaction (needs the API client's publish permission; "
        "true without it: 403). Left false, the pages are drafts: publish them with POST …/site/publish.",
    )
    webhook_url: str | None = Field(
        None,
        min_length=8,
        max_length=2000,
        pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#@]+",
        description="Called once when the build ends, with each page's result (signed).",
    )

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "sitemap": {
                        "pages": [
                            {"slug": "home", "title": "Home", "page_type": "home", "sections": ["hero", "cta"]},
                            {
                                "slug": "contact",
                                "title": "Contact",
                                "page_type": "contact",
                                "sections": ["hero", "contact"],
                            },
                        ]
                    },
                    "publish": False,
                }
            ]
        }
    }


class SitePageOut(Schema):
    slug: str
    title: str
    page_type: str
    purpose: str
    sections: list[str]
    needs: list[dict]
    href: str
    state: str = Field(..., description="needs_input, planned, building, failed, draft or published")
    error: str | None
    version_id: int | None
    live: bool
    seo_title: str
    seo_description: str


class SiteOut(Schema):
    site_plan_id: int
    status: str
    intent: str
    provider: str
    plan_task_id: UUID | None
    build_task_id: UUID | None
    navigation: dict
    updated_at: datetime
    pages: list[SitePageOut]


class SitePublishedOut(Schema):
    published: list[str]
    message: str
