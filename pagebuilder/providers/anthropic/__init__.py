"""The Claude provider (``provider.AnthropicProvider``): research insights, the page structure, one repair round
and chat edits, each one structured call through ``websites.anthropic_client.call_tool``, the single seam where
the model's API contract, retries, errors, usage and cost live. ``requests`` builds each call, ``compact`` the
data it carries, ``parse`` reads the answers and ``research_cache`` keeps insights per industry and page type.
"""

from pagebuilder.providers.anthropic.provider import AnthropicProvider

__all__ = ["AnthropicProvider"]
