"""call_tool's optional tool_choice: the default still forces the named tool; a caller offering a server tool
(web search) may pass auto, and an answer without the named tool's call is still a clear AppError."""

import json

import httpx2
import pytest
from django.test import override_settings

from websites import anthropic_client
from websites.anthropic_client import call_tool
from websites.errors import AppError

SCHEMA = {"type": "object", "properties": {"answer": {"type": "string"}}, "required": ["answer"]}
USAGE = {"input_tokens": 10, "output_tokens": 5, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}
WEB_SEARCH = {"type": "web_search_20250305", "name": "web_search", "max_uses": 3}


def answer(content: list, stop_reason: str = "tool_use") -> httpx2.Response:
    body = {
        "id": "msg_01",
        "type": "message",
        "role": "assistant",
        "model": "claude-haiku-4-5",
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": USAGE,
    }
    return httpx2.Response(200, json=body, headers={"request-id": "req_01"})


@pytest.fixture
def sent(monkeypatch):
    """Queue answers with sent.queue; the JSON bodies sent are in sent.bodies."""

    class Sent:
        queue: list = []
        bodies: list = []

    def handle(request: httpx2.Request) -> httpx2.Response:
        Sent.bodies.append(json.loads(request.content))
        return Sent.queue.pop(0)

    Sent.queue, Sent.bodies = [], []
    client = httpx2.Client(transport=httpx2.MockTransport(handle))
    monkeypatch.setattr(anthropic_client, "_http_client", client)
    monkeypatch.setattr(anthropic_client, "_sleep", lambda seconds: None)
    with override_settings(ANTHROPIC_API_KEY="test-key"), client:
        yield Sent


def ask(**overrides):
    arguments = {
        "system": "You answer.",
        "stable_context": None,
        "prompt": "Question?",
        "tool_name": "answer",
        "tool_description": "Record the answer.",
        "input_schema": SCHEMA,
    }
    return call_tool(**(arguments | overrides))


TOOL_USE = {"type": "tool_use", "id": "toolu_01", "name": "answer", "input": {"answer": "42"}}


def test_the_default_still_forces_the_named_tool(sent):
    sent.queue = [answer([TOOL_USE])]

    assert ask().input == {"answer": "42"}
    assert sent.bodies[0]["tool_choice"] == {"type": "tool", "name": "answer"}


def test_auto_lets_a_server_tool_run_before_the_named_tool(sent):
    sent.queue = [
        answer(
            [
                {"type": "server_tool_use", "id": "srvtoolu_01", "name": "web_search", "input": {"query": "x"}},
                {"type": "web_search_tool_result", "tool_use_id": "srvtoolu_01", "content": []},
                {"type": "text", "text": "Found it."},
                TOOL_USE,
            ]
        )
    ]

    call = ask(extra_tools=[WEB_SEARCH], tool_choice={"type": "auto"})

    assert call.input == {"answer": "42"}
    body = sent.bodies[0]
    assert body["tool_choice"] == {"type": "auto"}
    assert [tool.get("name") for tool in body["tools"]] == ["answer", "web_search"]


def test_an_answer_without_the_named_tool_is_a_clear_error(sent):
    sent.queue = [answer([{"type": "text", "text": "No tool today."}], stop_reason="end_turn")]

    with pytest.raises(AppError, match=r"did not call the answer tool \(stop_reason=end_turn\)"):
        ask(tool_choice={"type": "auto"})
