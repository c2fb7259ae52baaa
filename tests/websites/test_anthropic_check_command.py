"""``manage.py check_claude`` through the shared strict fake transport: one request per configured model, built by
the production seam, and a report of what each accepted or the API's error."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from tests.fake_anthropic import api_error

MODELS = {"ANTHROPIC_MODEL": "claude-sonnet-5-5", "ANTHROPIC_FAST_MODEL": "claude-haiku-5-5"}


@pytest.fixture
def claude(fake_claude):
    return fake_claude(**MODELS)


def check() -> str:
    out = StringIO()
    call_command("check_claude", stdout=out)
    return out.getvalue()


def test_without_a_key_nothing_is_sent_and_the_command_fails(claude):
    with override_settings(ANTHROPIC_API_KEY=""), pytest.raises(CommandError, match="ANTHROPIC_API_KEY is not set"):
        check()
    assert claude.requests == []


def test_each_model_gets_one_structured_request_it_accepts(claude):
    claude.answers["health_check"] += [{"ok": True}, {"ok": True}]

    output = check()

    assert [body["model"] for body in claude.requests] == ["claude-sonnet-5-5", "claude-haiku-5-5"]
    assert claude.refusals == []
    for body in claude.requests:
        assert body["output_config"]["format"]["schema"]["title"] == "health_check"
        assert not {"tools", "tool_choice", "temperature", "top_p", "top_k"} & set(body)
    assert [body["thinking"] for body in claude.requests] == [{"type": "between_tools"}, {"type": "disabled"}]
    assert "claude-sonnet-5-5: accepted (output_config.format json_schema, thinking between_tools" in output
    assert "claude-haiku-5-5: accepted (output_config.format json_schema, thinking disabled" in output
    assert "answer {'ok': True}" in output
    assert "All 2 Claude models accepted the request." in output


def test_a_model_the_api_refuses_is_reported_with_the_apis_message_and_fails_the_command(claude):
    claude.answers["health_check"] += [{"ok": True}, api_error(404, "not_found_error", "model: claude-haiku-5-5")]

    with pytest.raises(CommandError, match="1 of 2 Claude models failed: claude-haiku-5-5"):
        check()


def test_the_report_names_the_failure(claude):
    claude.answers["health_check"] += [api_error(400, "invalid_request_error", "thinking.type: 'disabled' ...")]
    out = StringIO()

    with override_settings(ANTHROPIC_FAST_MODEL="claude-sonnet-5-5"), pytest.raises(CommandError):
        call_command("check_claude", stdout=out)

    assert len(claude.requests) == 1, "the same model is checked once"
    assert "claude-sonnet-5-5: FAILED" in out.getvalue()
    assert "HTTP 400): thinking.type: 'disabled' ..." in out.getvalue()


def test_an_unlisted_model_is_checked_with_the_safe_subset(claude):
    claude.answers["health_check"] += [{"ok": True}]

    with override_settings(ANTHROPIC_MODEL="claude-someday-9", ANTHROPIC_FAST_MODEL="claude-someday-9"):
        output = check()

    body = claude.body()
    assert "thinking" not in body
    assert "tool_choice" not in body
    assert claude.refusals == []
    assert "not in websites/claude_models.py, so only the safe subset" in output
