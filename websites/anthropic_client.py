"""The one seam to Anthropic's Messages API: each call asks for a JSON answer matching a schema, sending only
what the model's contract (``websites.claude_models``) accepts: structured outputs (``output_config.format``),
or a strict tool with ``tool_choice: auto`` when web search must run first; thinking kept off where the model
needs telling; never sampling parameters, prefill or a forced choice the model refuses. ``to_wire_schema`` fits
schemas to the structured-outputs subset (free-form objects travel as JSON text and are decoded on return).
Prompt caching, usage and cost, and one retry policy for transient failures live here; what still fails is an
AppError a person can act on. E-mail addresses and phone numbers never leave: ``call_tool`` sends placeholders and
puts the values back into the answer (``websites.personal_data``).
"""

import json
import logging
import random
import time
from dataclasses import dataclass, replace

import anthropic
import httpx2
from anthropic.types import Message, Usage
from django.conf import settings

from websites import claude_models
from websites.claude_models import cost_usd
from websites.errors import AppError, RateLimited, ServiceUnavailable
from websites.personal_data import Redaction

log = logging.getLogger(__name__)

__all__ = ["ToolCall", "build_request", "call_tool", "client", "cost_usd", "to_wire_schema"]

ATTEMPTS = 4
BASE_DELAY_S = 1.0
MAX_DELAY_S = 30.0
MAX_RETRY_AFTER_S = 60.0  # a longer wait asked for by the API is cut to this; the worker should not idle for long
JSON_STRING_NOTE = "A JSON object, written as a string."
VIA_FORMAT, VIA_TOOL = "output_config.format", "strict tool"

# Replaced by tests: _sleep so retries take no time, _http_client to put an httpx2.MockTransport under the SDK.
_sleep = time.sleep
_http_client: httpx2.Client | None = None


@dataclass(frozen=True)
class ToolCall:
    """Claude's answer (``input``, a dict matching the schema) with the usage and cost of the call."""

    input: dict
    model: str
    usage: dict
    cost_usd: float
    stop_reason: str
    request_id: str | None
    via: str = VIA_FORMAT


@dataclass(frozen=True)
class StructuredRequest:
    """The Messages API body of one call, and how its answer comes back."""

    body: dict
    name: str
    via: str
    json_paths: tuple[tuple[str, ...], ...]


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
) -> ToolCall:
    """Ask Claude for the answer named ``tool_name`` matching ``input_schema``; return it with usage and cost.

    Without ``extra_tools`` the answer comes through structured outputs. With server tools (web search) it is
    a strict tool Claude may call after using them (``tool_choice: auto``); an answer without that call is an
    AppError. See ``build_request`` for what is sent. E-mail addresses and phone numbers in the texts travel as
    placeholders, and the answer comes back with the values in their place.
    """
    redaction = Redaction()
    system, stable_context, prompt = redaction.redact_request(system, stable_context, prompt)
    request = build_request(
        system=system,
        stable_context=stable_context,
        prompt=prompt,
        name=tool_name,
        description=tool_description,
        schema=input_schema,
        model=model or settings.ANTHROPIC_MODEL,
        max_tokens=max_tokens,
        extra_tools=extra_tools or [],
    )
    message = _create_with_retries(client(), request.body)
    answer = _answer(message, request, max_tokens=max_tokens)
    return replace(answer, input=redaction.restore(answer.input))


def build_request(
    *,
    system: str,
    stable_context: str | None,
    prompt: str,
    name: str,
    description: str,
    schema: dict,
    model: str,
    max_tokens: int,
    extra_tools: list,
) -> StructuredRequest:
    """The request body for ``model``, holding only settings its contract accepts."""
    row = claude_models.contract(model)
    wire, json_paths = to_wire_schema(schema)
    body: dict = {
        "model": model,
        "max_tokens": max_tokens,
        "system": _system_blocks(system, stable_context),
        "messages": [{"role": "user", "content": prompt}],
    }
    if row.thinking_off is not None:
        body["thinking"] = dict(row.thinking_off)
    if row.structured_outputs and not extra_tools:
        schema_sent = {"title": name, **wire, "description": description}
        body["output_config"] = {"format": {"type": "json_schema", "schema": schema_sent}}
        return StructuredRequest(body=body, name=name, via=VIA_FORMAT, json_paths=json_paths)
    body.update(_answer_tool(name, description, wire, row, extra_tools))
    return StructuredRequest(body=body, name=name, via=VIA_TOOL, json_paths=json_paths)


def _answer_tool(name: str, description: str, wire: dict, row: claude_models.ModelContract, extra_tools: list) -> dict:
    """``tools`` and ``tool_choice`` when the answer is a tool: strict where the model has structured outputs,
    forced only where the model takes a forced choice and no server tool has to run first."""
    tool = {"name": name, "description": description, "input_schema": wire}
    if row.structured_outputs:
        tool["strict"] = True
    forced = row.forced_tool_choice and not extra_tools
    choice = {"type": "tool", "name": name} if forced else {"type": "auto"}
    return {"tools": [tool, *extra_tools], "tool_choice": choice}


def to_wire_schema(schema: dict) -> tuple[dict, tuple[tuple[str, ...], ...]]:
    """``schema`` in the subset structured outputs take, and the paths of free-form objects sent as JSON text.

    A path is a tuple of property names, ``"[]"`` standing for the items of an array."""
    paths: list[tuple[str, ...]] = []
    opened = _free_objects_as_strings(schema, (), paths)
    return anthropic.transform_schema(opened), tuple(dict.fromkeys(paths))


def _free_objects_as_strings(schema: dict, path: tuple[str, ...], paths: list) -> dict:
    if schema.get("type") == "object" and not schema.get("properties"):
        paths.append(path)
        description = " ".join(part for part in (schema.get("description"), JSON_STRING_NOTE) if part)
        return {"type": "string", "description": description}
    copy = dict(schema)
    if isinstance(schema.get("properties"), dict):
        copy["properties"] = {
            key: _free_objects_as_strings(value, (*path, key), paths) for key, value in schema["properties"].items()
        }
    if isinstance(schema.get("items"), dict):
        copy["items"] = _free_objects_as_strings(schema["items"], (*path, "[]"), paths)
    if isinstance(schema.get("anyOf"), list):  # the variants of one value share its path
        copy["anyOf"] = [_free_objects_as_strings(variant, path, paths) for variant in schema["anyOf"]]
    return copy


def _system_blocks(system: str, stable_context: str | None) -> list[dict]:
    # The cache prefix runs tools -> system -> messages, so a breakpoint on the last system block caches the
    # tool schemas and every stable instruction; only the prompt in the user message varies between calls.
    blocks = [{"type": "text", "text": system}]
    if stable_context:
        blocks.append({"type": "text", "text": stable_context})
    blocks[-1]["cache_control"] = {"type": "ephemeral"}
    return blocks


def _create_with_retries(api: anthropic.Anthropic, request: dict) -> Message:
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


def _answer(message: Message, request: StructuredRequest, *, max_tokens: int) -> ToolCall:
    details = {"request_id": message._request_id}
    if message.stop_reason == "max_tokens":
        raise AppError(
            f"Claude's answer was cut off at max_tokens={max_tokens} before the {request.name} answer was complete; "
            "ask for less or raise max_tokens.",
            details=details,
        )
    if message.stop_reason == "refusal":
        raise AppError(f"Claude declined to write the {request.name} answer (stop_reason=refusal).", details=details)
    found = _tool_input(message, request.name) if request.via == VIA_TOOL else _json_text(message, request.name)
    usage = _usage(message.usage)
    return ToolCall(
        input=_decode_json_paths(found, request.json_paths),
        model=message.model,
        usage=usage,
        cost_usd=cost_usd(message.model, usage),
        stop_reason=message.stop_reason,
        request_id=message._request_id,
        via=request.via,
    )


def _tool_input(message: Message, name: str) -> dict:
    block = next((b for b in message.content if b.type == "tool_use" and b.name == name), None)
    if block is None or not isinstance(block.input, dict):
        raise AppError(
            f"Claude did not call the {name} tool (stop_reason={message.stop_reason}); try again.",
            details={"request_id": message._request_id},
        )
    return block.input


def _json_text(message: Message, name: str) -> dict:
    """The answer of a structured-outputs call: its text blocks (thinking blocks, if any, are skipped)."""
    text = "".join(block.text for block in message.content if block.type == "text")
    try:
        answer = json.loads(text)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise AppError(
            f"Claude's {name} answer was not a JSON object (stop_reason={message.stop_reason}); try again.",
            details={"request_id": message._request_id},
        )
    return answer


def _decode_json_paths(answer: dict, paths: tuple[tuple[str, ...], ...]) -> dict:
    """Free-form objects sent as JSON text become objects again; text that is no JSON object stays as it is."""
    for path in paths:
        if path:
            _decode_at(answer, path)
    return answer


def _decode_at(value: object, path: tuple[str, ...]) -> None:
    head, rest = path[0], path[1:]
    if head == "[]":
        items = value if isinstance(value, list) else []
        for item in items:
            _decode_at(item, rest)
        return
    if not isinstance(value, dict) or head not in value:
        return
    if rest:
        _decode_at(value[head], rest)
    elif isinstance(value[head], str):
        value[head] = _json_object_or_text(value[head])


def _json_object_or_text(text: str) -> object:
    try:
        decoded = json.loads(text)
    except ValueError:
        return text
    return decoded if isinstance(decoded, dict) else text


def _usage(usage: Usage) -> dict:
    return {
        "input_tokens": usage.input_tokens,
        "output_tokens": usage.output_tokens,
        "cache_creation_input_tokens": usage.cache_creation_input_tokens or 0,
        "cache_read_input_tokens": usage.cache_read_input_tokens or 0,
    }
