"""Settings come from the environment and refuse unsafe production configurations."""

import secrets

from tests.helpers.processes import manage, run_python

REAL_SECRET = secrets.token_urlsafe(50)
PRODUCTION = {"DEBUG": "false", "SECRET_KEY": REAL_SECRET, "ALLOWED_HOSTS": "pages.example.com"}


def test_debug_off_without_secret_key_refuses_to_start():
    result = manage("check", DEBUG="false", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "DEBUG=true" in result.stderr  # the message says how to fix it


def test_debug_off_with_a_placeholder_secret_refuses_to_start():
    result = manage("check", DEBUG="false", SECRET_KEY="django-insecure-" + "x" * 60)
    assert result.returncode != 0
    assert "development placeholder" in result.stderr


def test_debug_off_with_a_short_secret_refuses_to_start():
    result = manage("check", DEBUG="false", SECRET_KEY="short")
    assert result.returncode != 0
    assert "only 5 characters" in result.stderr


def test_deploy_check_passes_when_configured_as_the_readme_says():
    result = manage("check", "--deploy", "--fail-level", "WARNING", SECURE_HSTS_PRELOAD="true", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_unknown_provider_names_are_refused():
    result = manage("check", DEBUG="true", LLM_PROVIDER="gpt")
    assert result.returncode != 0
    assert "LLM_PROVIDER" in result.stderr


def test_anthropic_provider_without_key_is_refused():
    result = manage("check", DEBUG="true", LLM_PROVIDER="anthropic")
    assert result.returncode != 0
    assert "needs ANTHROPIC_API_KEY" in result.stderr


def test_keys_switch_the_default_providers():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.LLM_PROVIDER, settings.EMBEDDING_PROVIDER, settings.Q_CLUSTER.get('redis', 'orm'))"
    )
    offline = run_python("-c", code, DEBUG="true")
    online = run_python(
        "-c",
        code,
        DEBUG="true",
        ANTHROPIC_API_KEY="sk-test",
        VOYAGE_API_KEY="pa-test",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert offline.stdout.split() == ["offline", "local", "orm"]
    assert online.stdout.split() == ["anthropic", "voyage", "redis://127.0.0.1:6379/0"]


def test_a_debug_delay_for_generations_is_refused_in_production():
    result = manage("check", GENERATION_DEBUG_DELAY_SECONDS="5", **PRODUCTION)
    assert result.returncode != 0
    assert "GENERATION_DEBUG_DELAY_SECONDS" in result.stderr
    assert "DEBUG=true" in result.stderr
