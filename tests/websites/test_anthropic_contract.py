"""The API contract of each Claude model: the table's facts, the fake transport refusing what the real API
refuses (so a request the API would refuse fails a test), and the requests our client builds per model."""

import json

import httpx2
import pytest

from tests.fake_anthropic import FakeAnthropic, Reply, check_request
from websites import anthropic_client, claude_models
from websites.anthropic_client import call_tool
from websites.errors import AppError

SCHEMA = {"type": "object", "properties": {"answer": {"type": "string"}}, "required": ["answer"]}
WIRE = {**SCHEMA, "additionalProperties": False}
WEB_SEARCH = {"type": "web_search_20250305", "name": "web_search", "max_uses": 3}
TOOL = {"name": "answer", "description": "Record the answer.", "input_schema": SCHEMA}


def valid(model: str = "claude-sonnet-5-5", **changes) -> dict:
    body = {
        "model": model,
        "max_tokens": 1024,
        "system": [{"type": "text", "text": "Answer.", "cache_control": {"type": "ephemeral"}}],
        "messages": [{"role": "user", "content": "Six times seven?"}],
        "output_config": {"format": {"type": "json_schema", "schema": WIRE}},
    }
    return {key: value for key, value in (body | changes).items() if value is not None}


def post(body: dict) -> httpx2.Response:
    """The fake's answer to a raw request, as the real API would give it (an answer is queued for an accept)."""
    fake = FakeAnthropic()
    fake.queue = [{"answer": "42"}]
    return fake.handle(httpx2.Request("POST", "https://api.anthropic.com/v1/messages", json=body))


def refusal(body: dict) -> str:
    response = post(body)
    assert response.status_code == 400, response.content
    payload = response.json()
    assert payload["type"] == "error"
    assert payload["error"]["type"] == "invalid_request_error"
    assert payload["request_id"] == response.headers["request-id"]
    assert set(payload) == {"type", "error", "request_id"}
    assert set(payload["error"]) == {"type", "message"}
    return payload["error"]["message"]


# --- the table says what the docs say -------------------------------------------------------------------------------


def test_sonnet_5_5_refuses_the_five_settings_and_is_priced_at_2_and_10():
    row = claude_models.contract("claude-sonnet-5-5")
    assert not (row.forced_tool_choice or row.sampling_params or row.prefill)
    assert row.thinking_types == {"adaptive", "between_tools"}  # no "disabled", no "enabled" (budgets)
    assert row.thinking_off == {"type": "between_tools"}
    assert row.structured_outputs
    prices = row.prices
    assert (prices.input, prices.output, prices.cache_write, prices.cache_read) == (2.00, 10.00, 2.50, 0.10)


def test_haiku_5_5_refuses_budgets_sampling_and_prefill_and_is_priced_in_two_bands():
    row = claude_models.contract("claude-haiku-5-5")
    assert not (row.forced_tool_choice or row.sampling_params or row.prefill)
    assert row.thinking_types == {"adaptive", "disabled"}
    assert row.thinking_off == {"type": "disabled"}
    assert (row.prices.input, row.prices.output, row.prices.cache_read) == (0.10, 0.50, 0.01)
    threshold, long = row.long_prompt
    assert threshold == 100_000
    assert (long.input, long.output, long.cache_read) == (0.50, 2.50, 0.05)


def test_an_unknown_model_gets_the_safe_subset():
    row = claude_models.contract("claude-someday-9")
    assert not row.known
    assert row.prices is None
    assert not (row.forced_tool_choice or row.sampling_params or row.prefill or row.thinking_types)
    assert row.thinking_off is None


def test_a_dated_snapshot_has_its_family_row_and_families_do_not_shadow_each_other():
    assert claude_models.contract("claude-haiku-4-5-20251001").family == "claude-haiku-4-5"
    assert claude_models.contract("claude-sonnet-5").family == "claude-sonnet-5"
    assert claude_models.contract("claude-sonnet-5-5").family == "claude-sonnet-5-5"


# --- the fake is as strict as the API ---------------------------------------------------------------------------


def test_the_baseline_request_is_accepted():
    response = post(valid())
    assert response.status_code == 200
    assert json.loads(response.json()["content"][0]["text"]) == {"answer": "42"}


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"tools": [TOOL], "tool_choice": {"type": "tool", "name": "answer"}}, "forced tool use"),
        ({"tools": [TOOL], "tool_choice": {"type": "any"}}, "forced tool use"),
        ({"temperature": 0.2}, "sampling parameters"),
        ({"top_p": 0.9}, "sampling parameters"),
        ({"top_k": 5}, "sampling parameters"),
        ({"messages": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "{"}]}, "prefill"),
        ({"thinking": {"type": "disabled"}}, "between_tools"),
        ({"thinking": {"type": "enabled", "budget_tokens": 2048}, "max_tokens": 4096}, "'enabled' is not supported"),
        ({"thinking": {"type": "between_tools"}, "output_config": {"effort": "max"}}, "cannot be combined"),
    ],
)
def test_sonnet_5_5_settings_the_api_refuses_get_its_400(changes, words):
    assert words in refusal(valid("claude-sonnet-5-5", **changes))


@pytest.mark.parametrize(
    "changes",
    [
        {"temperature": 0.0},
        {"messages": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "{"}]},
        {"thinking": {"type": "enabled", "budget_tokens": 2048}, "max_tokens": 4096},
    ],
)
def test_haiku_5_5_settings_the_api_refuses_get_its_400(changes):
    refusal(valid("claude-haiku-5-5", **changes))


def test_what_older_models_accept_is_still_accepted():
    forced = {"tools": [TOOL], "tool_choice": {"type": "tool", "name": "answer"}, "output_config": None}
    assert post(valid("claude-sonnet-4-5", temperature=0.2, **forced)).status_code == 200
    assert post(valid("claude-haiku-5-5", thinking={"type": "disabled"})).status_code == 200
    assert post(valid("claude-sonnet-5-5", thinking={"type": "between_tools"})).status_code == 200


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"model": None}, "model: Field required"),
        ({"max_tokens": 0}, "greater than or equal to 1"),
        ({"max_tokens": "100"}, "valid integer"),
        ({"max_tokens": 200_000}, "maximum allowed number of output tokens"),
        ({"messages": []}, "at least one message"),
        ({"messages": [{"role": "assistant", "content": "Hi"}]}, "first message"),
        ({"messages": [{"role": "user", "content": "A"}, {"role": "user", "content": "B"}]}, "alternate"),
        ({"messages": [{"role": "user", "content": ""}]}, "non-empty content"),
        ({"tools": [{"name": "answer", "description": "x"}], "output_config": None}, "input_schema"),
        ({"tools": [{"name": "bad name!", "input_schema": SCHEMA}], "output_config": None}, "should match pattern"),
        (
            {"tools": [TOOL], "tool_choice": {"type": "tool", "name": "other"}, "model": "claude-sonnet-4-5"},
            "not found",
        ),
        ({"tool_choice": {"type": "auto"}}, "only be specified while providing tools"),
        ({"output_config": {"format": {"type": "json", "schema": WIRE}}}, "'json_schema'"),
        ({"output_config": {"format": {"type": "json_schema", "schema": SCHEMA}}}, "'additionalProperties'"),
    ],
)
def test_malformed_requests_get_the_apis_400(changes, words):
    assert words in refusal(valid(**changes))


@pytest.mark.parametrize(
    "sub",
    [
        {"type": "string", "maxLength": 60},
        {"type": "integer", "minimum": 1},
        {"type": "array", "items": {"type": "string"}, "maxItems": 3},
        {"type": "array", "items": {"type": "string"}, "minItems": 2},
        {"type": "string", "format": "color"},
        {"type": "string", "pattern": "^(?=a)"},
        {"type": "object", "properties": {"x": {"type": "string"}}},
    ],
)
def test_schemas_outside_the_structured_outputs_subset_are_refused(sub):
    schema = {**WIRE, "properties": {"answer": sub}}
    strict_tool = {**TOOL, "input_schema": schema, "strict": True}
    assert "Invalid schema" in refusal(valid(output_config={"format": {"type": "json_schema", "schema": schema}}))
    assert "Invalid schema" in refusal(valid(output_config=None, tools=[strict_tool], tool_choice={"type": "auto"}))


def test_a_refused_request_surfaces_as_the_apis_message(monkeypatch, fake_claude):
    fake = fake_claude()
    tiny = claude_models.ModelContract(family="claude-sonnet-5-5", prices=None, max_output_tokens=10)
    monkeypatch.setattr(claude_models, "contract", lambda model: tiny)  # a model that writes 10 tokens at most
    with pytest.raises(AppError, match=r"HTTP 400\): max_tokens: 8000 > 10") as caught:
        call_tool(system="s", stable_context=None, prompt="p", tool_name="answer", tool_description="d",
                  input_schema=SCHEMA)  # fmt: skip
    assert not caught.value.retryable
    assert len(fake.requests) == 1
    assert fake.refusals


# --- what the client sends each model ----------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["claude-sonnet-5-5", "claude-haiku-5-5", "claude-sonnet-5", "claude-sonnet-4-5"])
@pytest.mark.parametrize("extra_tools", [[], [WEB_SEARCH]])
def test_every_request_the_client_builds_is_one_the_api_accepts(model, extra_tools):
    request = anthropic_client.build_request(
        system="s", stable_context="c", prompt="p", name="answer", description="d", schema=SCHEMA,
        model=model, max_tokens=4000, extra_tools=[dict(tool) for tool in extra_tools],
    )  # fmt: skip
    check_request(request.body)  # raises Refused for anything the model would refuse
    assert request.body.get("tool_choice", {}).get("type") in (None, "auto")


def test_with_web_search_the_answer_is_a_strict_tool_claude_may_call_after_searching(fake_claude):
    searched = [
        {"type": "server_tool_use", "id": "srvtoolu_01", "name": "web_search", "input": {"query": "x"}},
        {"type": "web_search_tool_result", "tool_use_id": "srvtoolu_01", "content": []},
        {"type": "text", "text": "Found it."},
        {"type": "tool_use", "id": "toolu_01", "name": "answer", "input": {"answer": "42"}},
    ]
    fake = fake_claude()
    fake.queue = [Reply(searched, stop_reason="tool_use"), Reply([{"type": "text", "text": "No tool today."}])]
    arguments = {"system": "s", "stable_context": None, "prompt": "p", "tool_name": "answer",
                 "tool_description": "d", "input_schema": SCHEMA, "extra_tools": [WEB_SEARCH]}  # fmt: skip
    call = call_tool(**arguments)
    with pytest.raises(AppError, match=r"did not call the answer tool \(stop_reason=end_turn\)"):
        call_tool(**arguments)

    assert call.input == {"answer": "42"}
    assert call.via == "strict tool"
    body = fake.body(0)
    assert body["tool_choice"] == {"type": "auto"}
    assert "output_config" not in body
    assert body["tools"] == [{**TOOL, "description": "d", "input_schema": WIRE, "strict": True}, WEB_SEARCH]
    assert fake.refusals == []


def test_a_model_without_structured_outputs_gets_a_forced_tool_only_where_it_takes_one(monkeypatch):
    old = claude_models.contract("claude-sonnet-4-5")
    plain = claude_models.ModelContract(family="old", prices=None, max_output_tokens=8192, forced_tool_choice=True,
                                        structured_outputs=False)  # fmt: skip
    monkeypatch.setitem(claude_models.FAMILIES, "claude-old", plain)

    request = anthropic_client.build_request(
        system="s", stable_context=None, prompt="p", name="answer", description="d", schema=SCHEMA,
        model="claude-old", max_tokens=1000, extra_tools=[],
    )  # fmt: skip

    assert request.body["tool_choice"] == {"type": "tool", "name": "answer"}
    assert "strict" not in request.body["tools"][0]
    assert old.structured_outputs, "every listed model takes structured outputs"
