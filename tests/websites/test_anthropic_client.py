"""The Anthropic seam, run through the real SDK over a fake HTTP transport."""

import json
import logging

import httpx2
import pytest
from django.conf import settings
from django.test import override_settings

from websites import anthropic_client
from websites.anthropic_client import call_tool, cost_usd
from websites.errors import AppError, RateLimited, ServiceUnavailable

USAGE = {"input_tokens": 1200, "output_tokens": 900, "cache_creation_input_tokens": 1000, "cache_read_input_tokens": 0}
SCHEMA = {"type": "object", "properties": {"answer": {"type": "string"}}, "required": ["answer"]}


def message(content=None, *, stop_reason="tool_use", model="claude-sonnet-4-5", usage=USAGE) -> httpx2.Response:
    if content is None:
        content = [{"type": "tool_use", "id": "toolu_01", "name": "answer", "input": {"answer": "42"}}]
    body = {
        "id": "msg_01",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": usage,
    }
    return httpx2.Response(200, json=body, headers={"request-id": "req_01"})


def error(status: int, kind: str, text: str, headers=None) -> httpx2.Response:
    body = {"type": "error", "error": {"type": kind, "message": text}}
    return httpx2.Response(status, json=body, headers={"request-id": "req_err", **(headers or {})})


class FakeClaude:
    """Answers each request with the next queued response, or raises it when it is an exception."""

    def __init__(self) -> None:
        self.queue: list = []
        self.requests: list[httpx2.Request] = []
        self.sleeps: list[float] = []

    def handle(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        answer = self.queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    def body(self, index: int = -1) -> dict:
        return json.loads(self.requests[index].content)


@pytest.fixture
def claude(monkeypatch) -> FakeClaude:
    fake = FakeClaude()
    http_client = httpx2.Client(transport=httpx2.MockTransport(fake.handle))
    monkeypatch.setattr(anthropic_client, "_http_client", http_client)
    monkeypatch.setattr(anthropic_client, "_sleep", fake.sleeps.append)
    with override_settings(ANTHROPIC_API_KEY="test-key", LLM_PROVIDER="anthropic"), http_client:
        yield fake


def ask(**overrides):
    arguments = {
        "system": "You answer questions.",
        "stable_context": "A long, stable reference text.",
        "prompt": "What is six times seven?",
        "tool_name": "answer",
        "tool_description": "Record the answer.",
        "input_schema": SCHEMA,
    }
    return call_tool(**(arguments | overrides))


def test_tool_input_comes_back_with_usage_and_cost(claude):
    claude.queue = [message()]

    call = ask()

    assert call.input == {"answer": "42"}
    assert (call.model, call.stop_reason, call.request_id) == ("claude-sonnet-4-5", "tool_use", "req_01")
    assert call.usage == USAGE
    assert call.cost_usd == pytest.approx((1200 * 3 + 900 * 15 + 1000 * 3.75) / 1_000_000)


def test_request_forces_the_tool_and_caches_the_stable_prompt(claude):
    claude.queue = [message()]

    ask()

    request = claude.requests[0]
    body = claude.body()
    assert request.url.path == "/v1/messages"
    # SDK 2.x sends the key as a bearer token; earlier versions sent it as x-api-key.
    sent_key = request.headers.get("x-api-key") or request.headers["authorization"].removeprefix("Bearer ")
    assert sent_key == "test-key"
    assert body["model"] == settings.ANTHROPIC_MODEL
    assert body["tool_choice"] == {"type": "tool", "name": "answer"}
    assert body["tools"] == [{"name": "answer", "description": "Record the answer.", "input_schema": SCHEMA}]
    assert body["system"] == [
        {"type": "text", "text": "You answer questions."},
        {"type": "text", "text": "A long, stable reference text.", "cache_control": {"type": "ephemeral"}},
    ]
    assert body["messages"] == [{"role": "user", "content": "What is six times seven?"}]


def test_system_alone_is_cached_without_stable_context(claude):
    claude.queue = [message()]

    ask(stable_context=None, model="claude-haiku-4-5", extra_tools=[{"type": "web_search_20250305", "name": "web"}])

    body = claude.body()
    assert body["system"] == [{"type": "text", "text": "You answer questions.", "cache_control": {"type": "ephemeral"}}]
    assert body["model"] == "claude-haiku-4-5"
    assert [tool["name"] for tool in body["tools"]] == ["answer", "web"]


def test_rate_limit_is_retried_after_the_wait_the_api_asks_for(claude):
    claude.queue = [error(429, "rate_limit_error", "Slow down", {"retry-after": "7"}), message()]

    assert ask().input == {"answer": "42"}
    assert claude.sleeps == [7.0]
    assert len(claude.requests) == 2


def test_overloaded_four_times_gives_up_with_a_message_a_person_can_act_on(claude):
    claude.queue = [error(529, "overloaded_error", "Overloaded") for _ in range(4)]

    with pytest.raises(ServiceUnavailable) as caught:
        ask()

    assert caught.value.message == "Claude is overloaded (HTTP 529) after 4 attempts; try again in a minute."
    assert caught.value.retryable
    assert caught.value.details == {"status": 529, "request_id": "req_err"}
    assert len(claude.requests) == 4
    assert len(claude.sleeps) == 3
    assert claude.sleeps == sorted(claude.sleeps)  # backoff grows


def test_rate_limit_that_persists_becomes_rate_limited(claude):
    claude.queue = [error(429, "rate_limit_error", "Slow down") for _ in range(4)]

    with pytest.raises(RateLimited, match=r"HTTP 429\) after 4 attempts"):
        ask()


def test_server_error_then_success(claude):
    claude.queue = [error(500, "api_error", "Internal error"), message()]

    assert ask().input == {"answer": "42"}
    assert len(claude.sleeps) == 1
    assert 0.5 <= claude.sleeps[0] <= 1.0  # the first backoff, with jitter


def test_connection_error_is_retried(claude):
    claude.queue = [httpx2.ConnectError("connection refused"), message()]

    assert ask().input == {"answer": "42"}
    assert len(claude.requests) == 2


def test_timeouts_that_persist_point_at_the_timeout_setting(claude):
    claude.queue = [httpx2.ReadTimeout("timed out") for _ in range(4)]

    with pytest.raises(ServiceUnavailable, match="ANTHROPIC_TIMEOUT"):
        ask()
    assert len(claude.requests) == 4


def test_bad_key_is_not_retried_and_names_the_setting(claude):
    claude.queue = [error(401, "authentication_error", "invalid x-api-key")]

    with pytest.raises(AppError, match="ANTHROPIC_API_KEY") as caught:
        ask()

    assert not caught.value.retryable
    assert len(claude.requests) == 1
    assert claude.sleeps == []


def test_bad_request_carries_the_api_message(claude):
    claude.queue = [error(400, "invalid_request_error", "tools.0.input_schema: invalid")]

    with pytest.raises(AppError, match=r"HTTP 400\): tools.0.input_schema: invalid") as caught:
        ask()

    assert not caught.value.retryable
    assert len(claude.requests) == 1


def test_answer_without_the_tool_call_is_an_error(claude):
    claude.queue = [message([{"type": "text", "text": "I would rather chat."}], stop_reason="end_turn")]

    with pytest.raises(AppError, match="did not call the answer tool") as caught:
        ask()
    assert not caught.value.retryable


def test_truncated_tool_input_is_an_error(claude):
    claude.queue = [message(stop_reason="max_tokens")]

    with pytest.raises(AppError, match="cut off at max_tokens=8000"):
        ask()


def test_missing_api_key_refuses_before_any_request(claude):
    with override_settings(ANTHROPIC_API_KEY=""), pytest.raises(ServiceUnavailable, match="ANTHROPIC_API_KEY"):
        ask()
    assert claude.requests == []


def test_dated_snapshot_is_priced_by_its_alias():
    usage = {
        "input_tokens": 1_000_000,
        "output_tokens": 0,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 0,
    }

    assert cost_usd("claude-haiku-4-5-20251001", usage) == pytest.approx(1.0)


def test_unknown_model_costs_nothing_and_warns(claude, caplog):
    claude.queue = [message(model="claude-future-9")]

    with caplog.at_level(logging.WARNING, logger="websites.anthropic_client"):
        call = ask()

    assert call.cost_usd == 0.0
    assert "claude-future-9" in caplog.text
