"""The Anthropic seam, run through the real SDK over the shared strict fake transport: the request it builds,
the answer it reads back, retries and errors, usage and cost."""

import logging

import httpx2
import pytest
from django.conf import settings
from django.test import override_settings

from tests.fake_anthropic import Reply, api_error
from websites.anthropic_client import JSON_STRING_NOTE, call_tool, cost_usd
from websites.errors import AppError, RateLimited, ServiceUnavailable

USAGE = {"input_tokens": 1200, "output_tokens": 900, "cache_creation_input_tokens": 1000, "cache_read_input_tokens": 0}
SCHEMA = {"type": "object", "properties": {"answer": {"type": "string"}}, "required": ["answer"]}


def error(status: int, kind: str, text: str, headers=None) -> httpx2.Response:
    return api_error(status, kind, text, headers)


@pytest.fixture
def claude(fake_claude):
    fake = fake_claude()
    fake.usage = dict(USAGE)
    return fake


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


def text_reply(text: str, stop_reason: str = "end_turn", **kwargs) -> Reply:
    return Reply([{"type": "text", "text": text}], stop_reason=stop_reason, **kwargs)


def test_the_answer_comes_back_with_usage_and_cost(claude):
    claude.queue = [{"answer": "42"}]

    call = ask()

    assert call.input == {"answer": "42"}
    assert (call.model, call.stop_reason, call.via) == ("claude-sonnet-5-5", "end_turn", "output_config.format")
    assert call.request_id.startswith("req_")
    assert call.usage == USAGE
    assert call.cost_usd == pytest.approx((1200 * 2 + 900 * 10 + 1000 * 2.5) / 1_000_000)


def test_request_uses_structured_outputs_and_caches_the_stable_prompt(claude):
    claude.queue = [{"answer": "42"}]

    ask()

    request = claude.raw[0]
    body = claude.body()
    assert request.url.path == "/v1/messages"
    # SDK 2.x sends the key as a bearer token; earlier versions sent it as x-api-key.
    sent_key = request.headers.get("x-api-key") or request.headers["authorization"].removeprefix("Bearer ")
    assert sent_key == "test-key"
    assert body["model"] == settings.ANTHROPIC_MODEL == "claude-sonnet-5-5"
    assert body["output_config"] == {
        "format": {
            "type": "json_schema",
            "schema": {
                "title": "answer",
                "description": "Record the answer.",
                "type": "object",
                "properties": {"answer": {"type": "string"}},
                "additionalProperties": False,
                "required": ["answer"],
            },
        }
    }
    assert body["thinking"] == {"type": "between_tools"}  # the lowest setting Sonnet 5.5 takes; "disabled" is a 400
    for refused in ("tools", "tool_choice", "temperature", "top_p", "top_k"):
        assert refused not in body
    assert body["system"] == [
        {"type": "text", "text": "You answer questions."},
        {"type": "text", "text": "A long, stable reference text.", "cache_control": {"type": "ephemeral"}},
    ]
    assert body["messages"] == [{"role": "user", "content": "What is six times seven?"}]
    assert claude.refusals == []


def test_system_alone_is_cached_without_stable_context(claude):
    claude.queue = [{"answer": "42"}]

    ask(stable_context=None, model="claude-haiku-5-5")

    body = claude.body()
    assert body["system"] == [{"type": "text", "text": "You answer questions.", "cache_control": {"type": "ephemeral"}}]
    assert body["model"] == "claude-haiku-5-5"
    assert body["thinking"] == {"type": "disabled"}


def test_limits_the_grammar_cannot_hold_move_into_descriptions_and_free_objects_travel_as_json(claude):
    schema = {
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": {"type": "string", "maxLength": 80}, "minItems": 3, "maxItems": 8},
            "props": {"type": "object", "description": "The block's props."},
        },
        "required": ["items", "props"],
    }
    claude.queue = [{"items": ["a", "b", "c"], "props": {"title": "Hi", "list": [1, 2]}}]

    call = ask(input_schema=schema)

    wire = claude.body()["output_config"]["format"]["schema"]["properties"]
    assert wire["items"]["items"] == {"type": "string", "description": "{maxLength: 80}"}
    assert wire["items"]["description"] == "{maxItems: 8, minItems: 3}"
    assert wire["props"] == {"type": "string", "description": f"The block's props. {JSON_STRING_NOTE}"}
    assert call.input == {"items": ["a", "b", "c"], "props": {"title": "Hi", "list": [1, 2]}}


def test_props_that_are_no_json_object_stay_text_for_the_caller_to_refuse(claude):
    schema = {"type": "object", "properties": {"props": {"type": "object"}}, "required": ["props"]}
    claude.queue = [text_reply('{"props": "[1, 2]"}'), text_reply('{"props": "not json"}')]

    assert ask(input_schema=schema).input == {"props": "[1, 2]"}
    assert ask(input_schema=schema).input == {"props": "not json"}


def test_thinking_blocks_before_the_answer_are_skipped(claude):
    claude.queue = [
        Reply([{"type": "thinking", "thinking": "", "signature": "sig"}, {"type": "text", "text": '{"answer": "42"}'}])
    ]

    assert ask().input == {"answer": "42"}


def test_rate_limit_is_retried_after_the_wait_the_api_asks_for(claude):
    claude.queue = [error(429, "rate_limit_error", "Slow down", {"retry-after": "7"}), {"answer": "42"}]

    assert ask().input == {"answer": "42"}
    assert claude.sleeps == [7.0]
    assert len(claude.requests) == 2


def test_overloaded_four_times_gives_up_with_a_message_a_person_can_act_on(claude):
    claude.queue = [error(529, "overloaded_error", "Overloaded") for _ in range(4)]

    with pytest.raises(ServiceUnavailable) as caught:
        ask()

    assert caught.value.message == "Claude is overloaded (HTTP 529) after 4 attempts; try again in a minute."
    assert caught.value.retryable
    assert caught.value.details["status"] == 529
    assert caught.value.details["request_id"].startswith("req_err_")
    assert len(claude.requests) == 4
    assert len(claude.sleeps) == 3
    assert claude.sleeps == sorted(claude.sleeps)  # backoff grows


def test_rate_limit_that_persists_becomes_rate_limited(claude):
    claude.queue = [error(429, "rate_limit_error", "Slow down") for _ in range(4)]

    with pytest.raises(RateLimited, match=r"HTTP 429\) after 4 attempts"):
        ask()


def test_server_error_then_success(claude):
    claude.queue = [error(500, "api_error", "Internal error"), {"answer": "42"}]

    assert ask().input == {"answer": "42"}
    assert len(claude.sleeps) == 1
    assert 0.5 <= claude.sleeps[0] <= 1.0  # the first backoff, with jitter


def test_connection_error_is_retried(claude):
    claude.queue = [httpx2.ConnectError("connection refused"), {"answer": "42"}]

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


def test_an_answer_that_is_no_json_object_is_an_error(claude):
    claude.queue = [text_reply("I would rather chat.")]

    with pytest.raises(AppError, match="answer answer was not a JSON object") as caught:
        ask()
    assert not caught.value.retryable


def test_truncated_answer_is_an_error(claude):
    claude.queue = [text_reply('{"answer": "4', stop_reason="max_tokens")]

    with pytest.raises(AppError, match="cut off at max_tokens=8000"):
        ask()


def test_a_refusal_is_an_error(claude):
    claude.queue = [text_reply("", stop_reason="refusal")]

    with pytest.raises(AppError, match=r"declined .* \(stop_reason=refusal\)"):
        ask()


def test_missing_api_key_refuses_before_any_request(claude):
    with override_settings(ANTHROPIC_API_KEY=""), pytest.raises(ServiceUnavailable, match="ANTHROPIC_API_KEY"):
        ask()
    assert claude.requests == []


def million(kind: str, tokens: int = 1_000_000) -> dict:
    usage = dict.fromkeys(
        ("input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"), 0
    )
    return usage | {kind: tokens}


def test_dated_snapshot_is_priced_by_its_alias():
    assert cost_usd("claude-haiku-4-5-20251001", million("input_tokens")) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("kind", "sonnet_5_5", "haiku_5_5"),
    [
        ("input_tokens", 2.00, 0.10),
        ("output_tokens", 10.00, 0.50),
        ("cache_creation_input_tokens", 2.50, 0.125),
        ("cache_read_input_tokens", 0.10, 0.01),
    ],
)
def test_current_models_are_priced_at_the_published_prices(kind, sonnet_5_5, haiku_5_5):
    """Regression: Sonnet 5.5 was priced at $3/$15 (the Sonnet 4.5 row); the price list says $2/$10."""
    assert cost_usd("claude-sonnet-5-5", million(kind, 100_000)) == pytest.approx(sonnet_5_5 / 10)
    assert cost_usd("claude-haiku-5-5", million(kind, 100_000)) == pytest.approx(haiku_5_5 / 10)


def test_haiku_5_5_prompts_over_100k_tokens_pay_the_higher_band_on_every_token():
    usage = million("input_tokens", 90_000) | {"cache_read_input_tokens": 20_000, "output_tokens": 1_000}

    assert cost_usd("claude-haiku-5-5", usage) == pytest.approx((90_000 * 0.50 + 20_000 * 0.05 + 1_000 * 2.50) / 1e6)


def test_sonnet_5_is_not_priced_as_sonnet_5_5_or_the_other_way_round():
    assert cost_usd("claude-sonnet-5", million("cache_read_input_tokens")) == pytest.approx(0.20)
    assert cost_usd("claude-sonnet-5-5", million("cache_read_input_tokens")) == pytest.approx(0.10)


def test_unknown_model_costs_nothing_and_warns(claude, caplog):
    claude.queue = [text_reply('{"answer": "42"}', model="claude-future-9")]

    with caplog.at_level(logging.WARNING, logger="websites.claude_models"):
        call = ask(model="claude-future-9")

    assert call.cost_usd == 0.0
    assert "claude-future-9" in caplog.text
    body = claude.body()
    assert "thinking" not in body
    assert "tool_choice" not in body
    assert "output_config" in body
