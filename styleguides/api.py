"""Style guide API: generate, read and patch a website's style guide."""

from django.http import HttpRequest
from ninja import Router

from styleguides.models import WebsiteStyleGuide
from styleguides.schemas import GeneratedOut, GenerateIn, PatchIn, StyleGuideOut
from styleguides.services import generate_style_guide, update_style_guide
from websites.access import website_for_client
from websites.errors import InvalidInput, NotFound

router = Router(tags=["style guides"])


def guide_out(guide: WebsiteStyleGuide, **extra) -> dict:
    return {
        "website_id": guide.website_id,
        "tailwind_css": guide.tailwind_css or "",
        "theme_config": guide.theme_config or {},
        "updated_at": guide.updated_at.isoformat(),
        **extra,
    }


@router.post("/{int:website_id}/style-guide/generate", response=GeneratedOut, summary="Generate and store a theme")
def generate(request: HttpRequest, website_id: int, payload: GenerateIn):
    website = website_for_client(request.auth, website_id)
    result = generate_style_guide(website, **payload.dict())
    return guide_out(
        result.guide, contrast_report=result.contrast_report, provider=result.provider, repairs=result.repairs
    )


@router.get("/{int:website_id}/style-guide", response=StyleGuideOut, summary="The website's style guide")
def read(request: HttpRequest, website_id: int):
    website = website_for_client(request.auth, website_id)
    guide = WebsiteStyleGuide.objects.filter(website=website).first()
    if guide is None:
        raise NotFound(f"Website {website_id} has no style guide yet; generate one first.")
    return guide_out(guide)


@router.patch(
    "/{int:website_id}/style-guide", response=StyleGuideOut, summary="Replace CSS and/or merge-patch the theme"
)
def patch(request: HttpRequest, website_id: int, payload: PatchIn):
    website = website_for_client(request.auth, website_id)
    if payload.tailwind_css is None and payload.theme_config_patch is None:
        raise InvalidInput("Send tailwind_css, theme_config_patch or both.")
    return guide_out(update_style_guide(website, payload.tailwind_css, payload.theme_config_patch))
