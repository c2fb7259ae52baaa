"""The one fake Anthropic Messages API of the tests, at the HTTP transport, so the real SDK and our client run.

It refuses what the real API refuses, with the same 400 body (``{"type": "error", "error": {"type":
"invalid_request_error", "message": ...}, "request_id": ...}``): a malformed request (model, max_tokens,
messages, system, tools, tool_choice, output_config, thinking) and any setting the model's contract in
``websites.claude_models`` does not accept (forced tool choice, sampling parameters, prefill, thinking types
and efforts, structured-output schemas outside the documented subset). A request it accepts is answered from
a queue: ``fake.answers[name]`` per answer name (the schema's title, or the strict tool's name), else
``fake.queue``. An answer is a dict (Claude's JSON answer, sent the way the request asked for it, and only if
it matches the request's schema, as constrained decoding guarantees: ``NotSendable`` otherwise), a ``Reply`` (a
message of your own, for answers the schema would not allow; ``unchecked`` builds one), an ``httpx2.Response``
(such as ``api_error(...)``), an exception to raise (a connection error), or a function of the request body
returning one of those (``filled_in`` writes the props an answer leaves out empty, as the schema asks).

Tests install it with the ``fake_claude`` fixture (tests/conftest.py), which wraps ``installed``; the benchmarks,
which are scripts, call ``installed`` themselves. There is no other fake Claude.
"""

import itertools
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx2
from django.test import override_settings
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from websites import anthropic_client, claude_models

USAGE = {"input_tokens": 6000, "output_tokens": 2000, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}
SAMPLING = ("temperature", "top_p", "top_k")
EMPTY = {"string": "", "array": [], "number": 0, "integer": 0, "boolean": False}
TOOL_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,128}$")
# Structured outputs: keywords outside the supported subset, the string formats it knows, regex it refuses.
UNSUPPORTED_KEYWORDS = (
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength",
    "maxItems", "minProperties", "maxProperties", "patternProperties", "uniqueItems",
)  # fmt: skip
STRING_FORMATS = {"date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4", "ipv6", "uuid"}
MAX_OPTIONAL, MAX_UNIONS = 24, 16  # across all strict schemas of one request ("Schema complexity limits")
UNSUPPORTED_REGEX = re.compile(r"\(\?[=!<]|\\[1-9bB]")  # lookaround, backreferences, word boundaries
_request_ids = itertools.count(1)


class Refused(Exception):
    """A request the real API would answer with 400 invalid_request_error."""


@dataclass
class Reply:
    """A message of your own: its content blocks, stop reason, model (default: the request's) and usage."""

    content: list
    stop_reason: str = "end_turn"
    model: str | None = None
    usage: dict | None = None


def api_error(status: int, kind: str, message: str | None = None, headers: dict | None = None) -> httpx2.Response:
    """An error answer shaped like the real API's."""
    request_id = f"req_err_{next(_request_ids)}"
    body = {"type": "error", "error": {"type": kind, "message": message or f"{kind} (fake)"}, "request_id": request_id}
    return httpx2.Response(status, json=body, headers={"request-id": request_id, **(headers or {})})


def message(content: list, *, model: str, stop_reason: str, usage: dict) -> httpx2.Response:
    body = {
        "id": "msg_fake", "type": "message", "role": "assistant", "model": model, "content": content,
        "stop_reason": stop_reason, "stop_sequence": None, "usage": usage,
    }  # fmt: skip
    return httpx2.Response(200, json=body, headers={"request-id": f"req_{next(_request_ids)}"})


class FakeAnthropic:
    def __init__(self, usage: dict = USAGE) -> None:
        self.answers: dict[str, list] = defaultdict(list)
        self.queue: list = []
        self.requests: list[dict] = []  # the JSON bodies, refused ones included
        self.raw: list[httpx2.Request] = []
        self.refusals: list[str] = []
        self.not_sendable: list[str] = []  # dict answers a test queued that the schema does not allow
        self.sleeps: list[float] = []
        self.usage = dict(usage)

    def handle(self, request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content)
        self.raw.append(request)
        self.requests.append(body)
        try:
            check_request(body)
        except Refused as refusal:
            self.refusals.append(str(refusal))
            return api_error(400, "invalid_request_error", str(refusal))
        try:
            return self._answer(body, self._next(answer_name(body)))
        except NotSendable as problem:  # answered with a 400 so nothing retries it; ``installed`` raises it
            self.not_sendable.append(str(problem))
            return api_error(400, "invalid_request_error", f"(test bug) {problem}")

    def _next(self, name: str):
        return self.answers[name].pop(0) if self.answers.get(name) else self.queue.pop(0)

    def _answer(self, body: dict, answer) -> httpx2.Response:
        if isinstance(answer, Callable):
            answer = answer(body)
        if isinstance(answer, BaseException):
            raise answer
        if isinstance(answer, httpx2.Response):
            return answer
        model = body["model"]
        if isinstance(answer, Reply):
            return message(answer.content, model=answer.model or model, stop_reason=answer.stop_reason,
                           usage=answer.usage or self.usage)  # fmt: skip
        return structured_answer(body, answer, self.usage)

    def names(self) -> list[str]:
        """The answer name of every request, in order."""
        return [answer_name(body) for body in self.requests]

    def body(self, index: int = -1) -> dict:
        return self.requests[index]

    def size(self, index: int = -1) -> int:
        return len(self.raw[index].content.decode())


def answer_schema(body: dict) -> dict:
    """The schema the request asks Claude's answer to match: its structured-output format or its strict tool's."""
    output_format = (body.get("output_config") or {}).get("format")
    if output_format:
        return output_format["schema"]
    return next(tool["input_schema"] for tool in body.get("tools", []) if "input_schema" in tool)


def answer_name(body: dict) -> str:
    output_format = (body.get("output_config") or {}).get("format")
    if output_format:
        return output_format["schema"].get("title", "")
    return next((tool["name"] for tool in body.get("tools", []) if "input_schema" in tool), "")


def structured_answer(body: dict, answer: object, usage: dict) -> httpx2.Response:
    """``answer`` as Claude would send it for this request: JSON text, or a call of the strict tool."""
    schema = answer_schema(body)
    wire = as_wire(answer, schema)
    check_answer(wire, schema)
    if (body.get("output_config") or {}).get("format"):
        content = [{"type": "text", "text": json.dumps(wire)}]
        return message(content, model=body["model"], stop_reason="end_turn", usage=usage)
    content = [{"type": "tool_use", "id": "toolu_fake", "name": answer_name(body), "input": wire}]
    return message(content, model=body["model"], stop_reason="tool_use", usage=usage)


def as_wire(value: object, schema: dict) -> object:
    """Where the schema asks for a string, an object or list is sent as its JSON text, as Claude must."""
    if schema.get("type") == "string" and isinstance(value, dict | list):
        return json.dumps(value)
    if isinstance(schema.get("anyOf"), list):
        return as_wire(value, _variant_for(value, schema["anyOf"]))
    if isinstance(value, dict) and isinstance(schema.get("properties"), dict):
        props = schema["properties"]
        return {key: as_wire(item, props[key]) if key in props else item for key, item in value.items()}
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        return [as_wire(item, schema["items"]) for item in value]
    return value


def _variant_for(value: object, variants: list) -> dict:
    """The ``anyOf`` variant whose constants the value carries (the first variant when none does)."""
    for variant in variants:
        consts = {k: p["const"] for k, p in (variant.get("properties") or {}).items() if "const" in p}
        if consts and isinstance(value, dict) and all(value.get(k) == c for k, c in consts.items()):
            return variant
    return variants[0] if variants else {}


def filled_in(answer: dict) -> Callable[[dict], dict]:
    """``answer`` as Claude writes it under the request's schema, where every listed prop is required: the props
    it leaves out are written empty (``""``, ``[]``, ``{}``, ``0``, ``false``), as the schema asks."""
    return lambda body: _fill(answer, answer_schema(body))


def _fill(value: object, schema: dict) -> object:
    if isinstance(schema.get("anyOf"), list):
        return _fill(value, _variant_for(value, schema["anyOf"]))
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        return [_fill(item, schema["items"]) for item in value]
    if not isinstance(value, dict) or not isinstance(schema.get("properties"), dict):
        return value
    filled = {key: _fill(item, schema["properties"].get(key, {})) for key, item in value.items()}
    for name in schema.get("required") or []:
        if name not in filled:
            filled[name] = (
                _fill({}, schema["properties"][name])
                if schema["properties"][name].get("type") == "object"
                else EMPTY.get(schema["properties"][name].get("type"), "")
            )
    return filled


def unchecked(answer: object) -> Callable[[dict], Reply]:
    """``answer`` sent the way the request asks (JSON text or a strict tool call) without the schema check: what
    a model answering outside its schema would send, for testing the parsers' own defences."""

    def reply(body: dict) -> Reply:
        name = answer_name(body)
        if (body.get("output_config") or {}).get("format"):
            return Reply([{"type": "text", "text": json.dumps(answer)}])
        return Reply([{"type": "tool_use", "id": "toolu_fake", "name": name, "input": answer}], stop_reason="tool_use")

    return reply


# --- the rules ----------------------------------------------------------------------------------------------------


def check_request(body: dict) -> None:
    """Raise Refused with the API's kind of message for the first problem found."""
    model = body.get("model")
    if not isinstance(model, str) or not model:
        raise Refused("model: Field required")
    row = claude_models.contract(model)
    _check_max_tokens(body.get("max_tokens"), row, model)
    _check_messages(body.get("messages"), row, model)
    _check_system(body.get("system"))
    tools = _check_tools(body.get("tools"), row)
    _check_tool_choice(body.get("tool_choice"), tools, row, model)
    _check_sampling(body, row, model)
    effort = _check_output_config(body.get("output_config"), row, model)
    _check_thinking(body.get("thinking"), body.get("max_tokens"), effort, row, model)
    _check_complexity(body)


def _check_max_tokens(value: object, row: claude_models.ModelContract, model: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise Refused("max_tokens: Field required" if value is None else "max_tokens: Input should be a valid integer")
    if value < 1:
        raise Refused("max_tokens: Input should be greater than or equal to 1")
    if value > row.max_output_tokens:
        raise Refused(
            f"max_tokens: {value} > {row.max_output_tokens}, which is the maximum allowed number of output "
            f"tokens for {model}"
        )


def _check_messages(messages: object, row: claude_models.ModelContract, model: str) -> None:
    if not isinstance(messages, list) or not messages:
        raise Refused("messages: at least one message is required")
    previous = None
    for index, entry in enumerate(messages):
        role = entry.get("role") if isinstance(entry, dict) else None
        if role not in ("user", "assistant"):
            raise Refused(f"messages.{index}.role: Input should be 'user' or 'assistant'")
        if index == 0 and role != "user":
            raise Refused('messages: first message must use the "user" role')
        if role == previous:
            raise Refused(f'messages: roles must alternate between "user" and "assistant" (messages.{index})')
        if not entry.get("content"):
            raise Refused(f"messages.{index}: all messages must have non-empty content")
        previous = role
    if previous == "assistant" and not row.prefill:
        raise Refused(
            f"This model does not support assistant message prefill. The conversation must end with a user "
            f"message ({model})."
        )


def _check_system(system: object) -> None:
    if system is None or isinstance(system, str):
        return
    if not isinstance(system, list):
        raise Refused("system: Input should be a valid string or list of text blocks")
    for index, block in enumerate(system):
        if not isinstance(block, dict) or block.get("type") != "text" or not isinstance(block.get("text"), str):
            raise Refused(f"system.{index}: Input should be a text block")
        cache_control = block.get("cache_control")
        if cache_control is not None and cache_control.get("type") != "ephemeral":
            raise Refused(f"system.{index}.cache_control.type: Input should be 'ephemeral'")


def _check_tools(tools: object, row: claude_models.ModelContract) -> list[str]:
    if tools is None:
        return []
    if not isinstance(tools, list):
        raise Refused("tools: Input should be a valid list")
    names = []
    for index, tool in enumerate(tools):
        name = tool.get("name") if isinstance(tool, dict) else None
        if not isinstance(name, str) or not TOOL_NAME.match(name):
            raise Refused(f"tools.{index}.name: String should match pattern '{TOOL_NAME.pattern}'")
        if name in names:
            raise Refused(f"tools: Tool names must be unique ({name!r})")
        names.append(name)
        if "type" not in tool or tool["type"] == "custom":
            _check_custom_tool(tool, index, row)
    return names


def _check_custom_tool(tool: dict, index: int, row: claude_models.ModelContract) -> None:
    schema = tool.get("input_schema")
    if not isinstance(schema, dict) or schema.get("type") != "object":
        raise Refused(f"tools.{index}.custom.input_schema: JSON schema is invalid: the root must be of type object")
    if tool.get("strict") is True:
        if not row.structured_outputs:
            raise Refused(f"tools.{index}.strict: structured outputs are not supported by this model")
        check_schema(schema, f"tools.{index}.custom.input_schema")


def _check_tool_choice(choice: object, tools: list[str], row: claude_models.ModelContract, model: str) -> None:
    if choice is None:
        return
    kind = choice.get("type") if isinstance(choice, dict) else None
    if kind not in ("auto", "any", "tool", "none"):
        raise Refused("tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'")
    if not tools:
        raise Refused("tool_choice may only be specified while providing tools.")
    if kind == "tool" and choice.get("name") not in tools:
        raise Refused(f"tool_choice.name: Tool {choice.get('name')!r} not found in the provided tools")
    if kind in ("any", "tool") and not row.forced_tool_choice:
        raise Refused(
            f"tool_choice: forced tool use (type {kind!r}) is not supported on {model}; use tool_choice 'auto' "
            "or 'none', or structured outputs (output_config.format)"
        )


def _check_sampling(body: dict, row: claude_models.ModelContract, model: str) -> None:
    sent = [name for name in SAMPLING if name in body]
    if sent and not row.sampling_params:
        raise Refused(f"{sent[0]}: sampling parameters are not supported on {model}; remove {', '.join(sent)}")
    if "temperature" in body and "top_p" in body:
        raise Refused(f"`temperature` and `top_p` cannot both be specified for this model ({model}). Use only one.")


def _check_output_config(config: object, row: claude_models.ModelContract, model: str) -> str | None:
    if config is None:
        return None
    if not isinstance(config, dict):
        raise Refused("output_config: Input should be a valid dictionary")
    effort = config.get("effort")
    if effort is not None and effort not in row.effort_levels:
        raise Refused(f"output_config.effort: {effort!r} is not supported on {model}")
    output_format = config.get("format")
    if output_format is not None:
        if not row.structured_outputs:
            raise Refused(f"output_config.format: structured outputs are not supported on {model}")
        if not isinstance(output_format, dict) or output_format.get("type") != "json_schema":
            raise Refused("output_config.format.type: Input should be 'json_schema'")
        if not isinstance(output_format.get("schema"), dict):
            raise Refused("output_config.format.schema: Field required")
        check_schema(output_format["schema"], "output_config.format.schema")
    return effort


def _check_thinking(thinking: object, max_tokens: int, effort, row: claude_models.ModelContract, model: str) -> None:
    if thinking is None:
        return
    kind = thinking.get("type") if isinstance(thinking, dict) else None
    if kind not in row.thinking_types:
        hint = (
            " Use thinking.type 'between_tools' to turn thinking off." if "between_tools" in row.thinking_types else ""
        )
        raise Refused(f"thinking.type: {kind!r} is not supported on {model}.{hint}")
    if kind in ("disabled", "between_tools") and (effort or "high") not in row.thinking_off_efforts:
        raise Refused(f"thinking.type: {kind!r} cannot be combined with effort {effort!r} on {model}")
    if kind == "enabled":
        budget = thinking.get("budget_tokens")
        if not isinstance(budget, int) or budget < 1024 or budget >= max_tokens:
            raise Refused("thinking.enabled.budget_tokens: must be at least 1024 and less than max_tokens")


def check_schema(schema: dict, where: str) -> None:
    """The structured-outputs subset: closed objects, no length or range limits, simple patterns, known formats."""
    if not isinstance(schema, dict):
        raise Refused(f"{where}: Invalid schema: every subschema must be an object")
    for keyword in UNSUPPORTED_KEYWORDS:
        if keyword in schema:
            raise Refused(f"{where}: Invalid schema: '{keyword}' is not supported")
    if schema.get("minItems", 0) not in (0, 1):
        raise Refused(f"{where}: Invalid schema: 'minItems' values other than 0 and 1 are not supported")
    if "format" in schema and schema["format"] not in STRING_FORMATS:
        raise Refused(f"{where}: Invalid schema: format {schema['format']!r} is not supported")
    if "pattern" in schema and UNSUPPORTED_REGEX.search(str(schema["pattern"])):
        raise Refused(f"{where}: Invalid schema: pattern {schema['pattern']!r} is not supported")
    if schema.get("type") == "object" or "properties" in schema:
        _check_object(schema, where)
    if isinstance(schema.get("items"), dict):
        check_schema(schema["items"], f"{where}.items")
    for keyword in ("anyOf", "allOf"):
        for index, variant in enumerate(schema.get(keyword) or []):
            check_schema(variant, f"{where}.{keyword}.{index}")


def _check_object(schema: dict, where: str) -> None:
    if schema.get("additionalProperties") is not False:
        raise Refused(
            f"{where}: Invalid schema: For 'object' type, 'additionalProperties' must be explicitly set to false"
        )
    properties = schema.get("properties") or {}
    missing = [name for name in schema.get("required") or [] if name not in properties]
    if missing:
        raise Refused(f"{where}: Invalid schema: required property {missing[0]!r} is not defined in properties")
    for name, sub in properties.items():
        check_schema(sub, f"{where}.properties.{name}")


def _check_complexity(body: dict) -> None:
    """The documented limits across every strict schema of a request (the output format and strict tools)."""
    optional = unions = 0
    for schema in _strict_schemas(body):
        for node in _nodes(schema):
            properties = node.get("properties")
            if isinstance(properties, dict):
                optional += len([name for name in properties if name not in (node.get("required") or [])])
            if "anyOf" in node or isinstance(node.get("type"), list):
                unions += 1
    if optional > MAX_OPTIONAL:
        raise Refused(
            f"Schemas contain too many optional parameters ({optional}), which would make grammar compilation "
            f"inefficient. Reduce the number of optional parameters (limit: {MAX_OPTIONAL})."
        )
    if unions > MAX_UNIONS:
        raise Refused(
            f"Schemas contain too many parameters with union types ({unions}), which would make grammar "
            f"compilation inefficient. Reduce the number of anyOf or type-array parameters (limit: {MAX_UNIONS})."
        )


def _strict_schemas(body: dict) -> Iterator[dict]:
    output_format = (body.get("output_config") or {}).get("format")
    if isinstance(output_format, dict) and isinstance(output_format.get("schema"), dict):
        yield output_format["schema"]
    for tool in body.get("tools") or []:
        if isinstance(tool, dict) and tool.get("strict") is True and isinstance(tool.get("input_schema"), dict):
            yield tool["input_schema"]


def _nodes(schema: dict) -> Iterator[dict]:
    yield schema
    children = [*(schema.get("properties") or {}).values(), *(schema.get("anyOf") or []), *(schema.get("allOf") or [])]
    if isinstance(schema.get("items"), dict):
        children.append(schema["items"])
    for child in children:
        if isinstance(child, dict):
            yield from _nodes(child)


# --- what the real API can send ---------------------------------------------------------------------------------


class NotSendable(AssertionError):
    """A test asked the fake to send an answer the real API's constrained decoding could never produce."""


def check_answer(wire: object, schema: dict) -> None:
    """Structured outputs guarantee the answer matches the schema; a dict answer that does not is a test bug
    (send a ``Reply`` of your own to test an off-schema answer)."""
    problem = _first_problem(wire, schema, [])
    if problem:
        raise NotSendable(f"the real API could not send this answer: {problem}")


def _first_problem(value: object, schema: dict, path: list) -> str | None:
    error = best_match(Draft202012Validator(schema).iter_errors(value))
    if error is None:
        return None
    where = [*path, *error.absolute_path]
    if error.validator == "anyOf":  # say what is wrong within the variant the answer meant (its constants)
        variant = _variant_for(error.instance, error.validator_value)
        consts = {k: p["const"] for k, p in (variant.get("properties") or {}).items() if "const" in p}
        if consts and isinstance(error.instance, dict) and all(error.instance.get(k) == c for k, c in consts.items()):
            inner = _first_problem(error.instance, variant, where)
            if inner:
                return inner
    return f"at {'/'.join(str(part) for part in where) or '(the answer)'}: {error.message[:300]}"


# --- installing it --------------------------------------------------------------------------------------------------


@contextmanager
def installed(monkeypatch, **settings_overrides) -> Iterator[FakeAnthropic]:
    """Claude configured (a test key) and answered by a new FakeAnthropic; retries record their waits."""
    fake = FakeAnthropic()
    http_client = httpx2.Client(transport=httpx2.MockTransport(fake.handle))
    monkeypatch.setattr(anthropic_client, "_http_client", http_client)
    monkeypatch.setattr(anthropic_client, "_sleep", fake.sleeps.append)
    overrides = {"ANTHROPIC_API_KEY": "test-key", "LLM_PROVIDER": "anthropic", **settings_overrides}
    with override_settings(**overrides), http_client:
        try:
            yield fake
        finally:
            if fake.not_sendable:
                raise NotSendable(fake.not_sendable[0])
