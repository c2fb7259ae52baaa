"""The Claude provider (``provider.AnthropicProvider``): research insights, the page structure, one repair round,
chat edits and the facts an editor writes, each one structured call through ``websites.anthropic_client.call_tool``,
the single seam where the model's API contract, retries, errors, usage and cost live and where e-mail
addresses and phone numbers are swapped for placeholders (``websites.personal_data``). ``requests`` builds each
call, ``compact`` the data it carries, ``parse`` reads the answers and ``research_cache`` keeps insights per
industry and page type; ``fact_request``, ``fact_answer`` and ``stated`` ask for, read and check the facts.
"""

from pagebuilder.providers.anthropic.provider import AnthropicProvider

__all__ = ["AnthropicProvider"]
