"""Helpers for tests that run the project's own commands in a child process, as an operator would."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
# Variables a developer's shell or .env could set and that would change what a child process does.
_SCRUBBED = (
    "DATABASE_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "REDIS_URL",
    "LLM_PROVIDER",
    "EMBEDDING_PROVIDER",
    "ANTHROPIC_API_KEY",
    "VOYAGE_API_KEY",
    "DJANGO_SETTINGS_MODULE",
    "WEBHOOK_ALLOW_PRIVATE_TARGETS",
    "WEBHOOK_SIGNING_SECRET",
    "AI_BUILDER_ROLLOUT_PERCENT",
    "AI_BUILDER_ALLOWLIST",
    "GENERATION_DEBUG_DELAY_SECONDS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests' conftest for Playwright's event loop
)


def child_env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    env.update(
        # Pinned to the settings' default: a developer's .env (written by `make` with DEBUG=true) must not
        # decide what a child process sees; a test that wants DEBUG on says so.
        DEBUG="false",
        DJANGO_SETTINGS_MODULE="config.settings",
        EMBEDDED_DB_DIR=str(settings.EMBEDDED_DB_DIR),
        ANTHROPIC_API_KEY="",
        VOYAGE_API_KEY="",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(overrides)
    return env


def run_python(*args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=child_env(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def manage(*args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    return run_python("manage.py", *args, timeout=timeout, **env)
