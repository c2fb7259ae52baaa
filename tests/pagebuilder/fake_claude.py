"""A fake Anthropic Messages API at the HTTP transport, so the real SDK and our client code run in tests.

Each request forces one tool; the fake answers it from that tool's queue (an answer may be a tool input dict,
an ``httpx2.Response`` such as an API error, or a function of the request body) and records every request.
"""

import json
from collections import defaultdict
from collections.abc import Callable

import httpx2

USAGE = {"input_tokens": 6000, "output_tokens": 2000, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}


def tool_answer(name: str, tool_input: dict, usage: dict = USAGE) -> httpx2.Response:
    body = {
        "id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-5-5",
        "content": [{"type": "tool_use", "id": "toolu_1", "name": name, "input": tool_input}],
        "stop_reason": "tool_use", "stop_sequence": None, "usage": usage,
    }  # fmt: skip
    return httpx2.Response(200, json=body, headers={"request-id": "req_1"})


def api_error(status: int, kind: str) -> httpx2.Response:
    return httpx2.Response(status, json={"type": "error", "error": {"type": kind, "message": f"{kind} (fake)"}})


class FakeClaude:
    def __init__(self) -> None:
        self.answers: dict[str, list] = defaultdict(list)
        self.requests: list[dict] = []
        self.sleeps: list[float] = []
        self.usage = dict(USAGE)

    def handle(self, request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content)
        self.requests.append(body)
        tool = body["tool_choice"].get("name") or body["tools"][0]["name"]
        answer = self.answers[tool].pop(0)
        if isinstance(answer, Callable):
            answer = answer(body)
        return answer if isinstance(answer, httpx2.Response) else tool_answer(tool, answer, self.usage)

    def tools(self) -> list[str]:
        return [body["tool_choice"].get("name") for body in self.requests]
