"""The one seam to Anthropic's Messages API: style guides use it now, page generation later.

Every call is a forced tool use, so Claude's answer arrives as JSON that matches a schema. The stable part of
the prompt is marked for prompt caching, token usage and cost are reported, and transient failures (429, 5xx,
529 overloaded, connection errors, timeouts) are retried here with backoff; the SDK's own retries are off so
that there is one policy. Whatever still fails becomes an AppError with a message a person can act on.
"""

import logging
import random
import time
from dataclasses import dataclass

import anthropic
import httpx2
from django.conf import settings

from websites.errors import AppError, RateLimited, ServiceUnavailable

log = logging.getLogger(__name__)

ATTEMPTS = 4
BASE_DELAY_S = 1.0
MAX_DELAY_S = 30.0
MAX_RETRY_AFTER_S = 60.0  # a longer wait asked for by the API is cut to this; the worker should not idle for long

# Replaced by tests: _sleep so retries take no time, _http_client to put an httpx2.MockTransport under the SDK.
_sleep = time.sleep
_http_client: httpx2.Client | None = None


@dataclass(frozen=True)
class ToolCall:
    input: dict
    model: str
    usage: dict
    cost_usd: float
    stop_reason: str
    request_id: str | None


def client() -> anthropic.Anthropic:
    if not settings.ANTHROPIC_API_KEY:
        raise ServiceUnavailable(
            "Claude is not configured: set ANTHROPIC_API_KEY, or use LLM_PROVIDER=offline.", retryable=False
        )
    return anthropic.Anthropic(
        api_key=settings.ANTHROPIC_API_KEY,
        timeout=settings.ANTHROPIC_TIMEOUT,
        max_retries=0,
        http_client=_http_client,
    )


def call_tool(
    *,
    system: str,
    stable_context: str | None,
    prompt: str,
    tool_name: str,
    tool_description: str,
    input_schema: dict,
    model: str | None = None,
    max_tokens: int = 8000,
    extra_tools: list | None = None,
    tool_choice: dict | None = None,
) -> ToolCall:
    """Ask Claude to answer by calling tool_name; return the tool's input with usage and cost.

    ``tool_choice`` defaults to forcing tool_name. A call that offers a server tool Claude should use first
    (web search) passes ``{"type": "auto"}``: a forced choice makes Claude answer with a tool call at once,
    so it could not search before answering. An answer without a tool_name call is an AppError either way.
    """
    tool = {"name": tool_name, "description": tool_description, "input_schema": input_schema}
    request = {
        "model": model or settings.ANTHROPIC_MODEL,
        "max_tokens": max_tokens,
        "system": _system_blocks(system, stable_context),
        "messages": [{"role": "user", "content": prompt}],
        "tools": [tool, *(extra_tools or [])],
        "tool_choice": tool_choice or {"type": "tool", "name": tool_name},
    }
    message = _create_with_retries(client(), request)
    return _tool_call(message, tool_name=tool_name, max_tokens=max_tokens)


def _system_blocks(system: str, stable_context: str | None) -> list[dict]:
    # The cache prefix runs tools -> system -> messages, so a breakpoint on the last system block caches the
    # tool schemas and every stable instruction; only the prompt in the user message varies between calls.
    blocks = [{"type": "text", "text": system}]
    if stable_context:
        blocks.append({"type": "text", "text": stable_context})
    blocks[-1]["cache_control"] = {"type": "ephemeral"}
    return blocks


def _create_with_retries(api: anthropic.Anthropic, request: dict):
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return api.messages.create(**request)
        except anthropic.APIStatusError as error:
            if not _is_transient(error.status_code):
                raise _permanent_error(error) from error
            if attempt == ATTEMPTS:
                raise _exhausted_error(error) from error
            delay = _retry_after(error.response.headers) or _backoff(attempt)
        except anthropic.APIConnectionError as error:  # APITimeoutError included
            if attempt == ATTEMPTS:
                raise _exhausted_error(error) from error
            delay = _backoff(attempt)
        log.warning("Claude call failed (attempt %d of %d); retrying in %.1fs", attempt, ATTEMPTS, delay)
        _sleep(delay)
    raise AssertionError("unreachable")


def _is_transient(status: int) -> bool:
    return status in (408, 429) or status >= 500


def _backoff(attempt: int) -> float:
    ceiling = min(MAX_DELAY_S, BASE_DELAY_S * 2 ** (attempt - 1))
    return random.uniform(ceiling / 2, ceiling)  # noqa: S311 - jitter spreads retries; no secret involved


def _retry_after(headers: httpx2.Headers) -> float | None:
    """The wait the API asked for, in seconds (retry-after-ms, else retry-after as seconds), capped."""
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        try:
            seconds = float(headers.get(name, "")) * scale
        except ValueError:
            continue
        if seconds > 0:
            return min(seconds, MAX_RETRY_AFTER_S)
    return None


def _permanent_error(error: anthropic.APIStatusError) -> AppError:
    details = {"status": error.status_code, "request_id": error.request_id}
    api_message = error.api_message or error.message
    if error.status_code in (401, 403):
        return AppError(
            f"Claude refused the credentials (HTTP {error.status_code}: {api_message}); "
            "check ANTHROPIC_API_KEY and that the key's workspace may use this model.",
            details=details,
        )
    return AppError(f"Claude rejected the request (HTTP {error.status_code}): {api_message}", details=details)


def _exhausted_error(error: anthropic.APIError) -> AppError:
    after = f"after {ATTEMPTS} attempts"
    if isinstance(error, anthropic.APITimeoutError):
        timeout = settings.ANTHROPIC_TIMEOUT
        return ServiceUnavailable(
            f"Claude did not answer within {timeout:g}s {after}; try again or raise ANTHROPIC_TIMEOUT."
        )
    if not isinstance(error, anthropic.APIStatusError):
        return ServiceUnavailable(f"Could not reach Claude ({error.message}) {after}; check the network and try again.")
    details = {"status": error.status_code, "request_id": error.request_id}
    if error.status_code == 429:
        return RateLimited(f"Claude's rate limit was hit (HTTP 429) {after}; try again in a minute.", details=details)
    if error.status_code == 529:
        return ServiceUnavailable(f"Claude is overloaded (HTTP 529) {after}; try again in a minute.", details=details)
    return ServiceUnavailable(
        f"Claude had a server error (HTTP {error.status_code}) {after}; try again in a minute.", details=details
    )


def _tool_call(message, *, tool_name: str, max_tokens: int) -> ToolCall:
    if message.stop_reason == "max_tokens":
        raise AppError(
            f"Claude's answer was cut off at max_tokens={max_tokens} before the {tool_name} input was complete; "
            "ask for less or raise max_tokens.",
            details={"request_id": message._request_id},
        )
    block = next((b for b in message.content if b.type == "tool_use" and b.name == tool_name), None)
    if block is None or not isinstance(block.input, dict):
        raise AppError(
            f"Claude did not call the {tool_name} tool (stop_reason={message.stop_reason}); try again.",
            details={"request_id": message._request_id},
        )
    usage = _usage(message.usage)
    return ToolCall(
        input=block.input,
        model=message.model,
        usage=usage,
        cost_usd=cost_usd(message.model, usage),
        stop_reason=message.stop_reason,
        request_id=message._request_id,
    )


def _usage(usage) -> dict:
    return {
        "input_tokens": usage.input_tokens,
        "output_tokens": usage.output_tokens,
        "cache_creation_input_tokens": usage.cache_creation_input_tokens or 0,
        "cache_read_input_tokens": usage.cache_read_input_tokens or 0,
    }


def cost_usd(model: str, usage: dict) -> float:
    """What the call cost by settings.ANTHROPIC_PRICES; a dated snapshot is priced by its alias."""
    prices = settings.ANTHROPIC_PRICES
    key = next((k for k in prices if model == k or model.startswith(f"{k}-")), None)
    if key is None:
        log.warning("No price for Claude model %r in ANTHROPIC_PRICES; its cost is reported as 0.0", model)
        return 0.0
    price = prices[key]
    total = (
        usage["input_tokens"] * price["input"]
        + usage["output_tokens"] * price["output"]
        + usage["cache_creation_input_tokens"] * price["cache_write"]
        + usage["cache_read_input_tokens"] * price["cache_read"]
    )
    return round(total / 1_000_000, 6)
