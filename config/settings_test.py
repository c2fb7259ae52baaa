"""The test profile: development settings plus what makes tests fast and hermetic.

Network access other than loopback and Unix sockets is refused by tests/conftest.py.
"""

import os

# Forced, not defaulted: a developer's real keys or production flags in the shell must not leak into tests.
os.environ.update(
    DEBUG="true",
    LLM_PROVIDER="offline",
    EMBEDDING_PROVIDER="local",
    ANTHROPIC_API_KEY="",
    VOYAGE_API_KEY="",
    REDIS_URL="",
    GENERATION_DEBUG_DELAY_SECONDS="0",
)

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
