"""Style guide API: generate, read and patch a website's style guide."""

from django.http import HttpRequest
from ninja import Router

from styleguides.models import WebsiteStyleGuide
from styleguides.schemas import StyleGuideGeneratedOut, StyleGuideGenerateIn, StyleGuideOut, StyleGuidePatchIn
from styleguides.services import generate_style_guide, update_style_guide
from styleguides.theme_validation import readable_theme
from websites.access import website_for_client
from websites.errors import NotFound
from websites.schemas import AUTHENTICATED, JSON_BODY, error_responses

router = Router(tags=["style guides"])


def guide_out(guide: WebsiteStyleGuide, **extra) -> dict:
    # Rails or an older version may have stored a theme this version cannot read: answer its usable part.
    theme, problems = readable_theme(guide.theme_config or {})
    return {
        "website_id": guide.website_id,
        "tailwind_css": guide.tailwind_css or "",
        "theme_config": theme,
        "theme_problems": problems,
        "updated_at": guide.updated_at.isoformat(),
        **extra,
    }


@router.post(
    "/{int:website_id}/style-guide/generate",
    response={200: StyleGuideGeneratedOut, **error_responses(*JSON_BODY, 402, 403, 404, 429, 503)},
    summary="Generate and store a theme (402 when Claude would pass the monthly AI budget)",
)
def generate(request: HttpRequest, website_id: int, payload: StyleGuideGenerateIn):
    website = website_for_client(request.auth, website_id)
    result = generate_style_guide(website, **payload.dict())
    return guide_out(
        result.guide, contrast_report=result.contrast_report, provider=result.provider, repairs=result.repairs
    )


@router.get(
    "/{int:website_id}/style-guide",
    response={200: StyleGuideOut, **error_responses(*AUTHENTICATED, 403, 404)},
    summary="The website's style guide",
)
def read(request: HttpRequest, website_id: int):
    website = website_for_client(request.auth, website_id)
    guide = WebsiteStyleGuide.objects.filter(website=website).first()
    if guide is None:
        raise NotFound(f"Website {website_id} has no style guide yet; generate one first.")
    return guide_out(guide)


@router.patch(
    "/{int:website_id}/style-guide",
    response={200: StyleGuideOut, **error_responses(*JSON_BODY, 403, 404)},
    summary="Replace CSS and/or merge-patch the theme",
)
def patch(request: HttpRequest, website_id: int, payload: StyleGuidePatchIn):
    website = website_for_client(request.auth, website_id)
    return guide_out(update_style_guide(website, payload.tailwind_css, payload.theme_config_patch))
