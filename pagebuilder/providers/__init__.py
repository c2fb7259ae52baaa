"""LLM providers for page generation: ``anthropic`` (Claude) or ``offline`` (deterministic, no network).

``settings.LLM_PROVIDER`` picks the default (``offline`` when no ANTHROPIC_API_KEY is set); a request or the
CLI may ask for one by name.
"""

from django.conf import settings

from pagebuilder.structure import Provider
from websites.errors import InvalidInput, ServiceUnavailable

PROVIDER_NAMES = ("offline", "anthropic")


def get_provider(name: str | None = None) -> Provider:
    name = name or settings.LLM_PROVIDER
    if name == "offline":
        from pagebuilder.providers.offline import OfflineProvider

        return OfflineProvider()
    if name == "anthropic":
        if not settings.ANTHROPIC_API_KEY:
            raise ServiceUnavailable(
                "The anthropic provider needs ANTHROPIC_API_KEY; set it or use provider 'offline'.", retryable=False
            )
        from pagebuilder.providers.anthropic import AnthropicProvider

        return AnthropicProvider()
    raise InvalidInput(f"Unknown provider {name!r}; use one of: {', '.join(PROVIDER_NAMES)}.")
