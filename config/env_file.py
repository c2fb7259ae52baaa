"""Writes a development ``.env`` beside manage.py on first use (``make run``, ``make test``, ``make serve``).

With it, every ``.venv/bin/python manage.py …`` command in the README works as typed: DEBUG is on for
development and the SECRET_KEY is a real random one, which ``make serve`` reuses with DEBUG off. An existing
file is never changed, whatever it holds.
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parent.parent / ".env"

_TEMPLATE = """\
# Written by `make` on first use for this development checkout (git-ignored; see .env.example for every
# setting). Real environment variables win over these values.
DEBUG=true
SECRET_KEY={secret_key}
"""


def new_secret_key() -> str:
    """68 URL-safe characters from 50 random bytes: passes Django's deployment check (config/secrets.py)."""
    return secrets.token_urlsafe(50)


def ensure_env_file(path: Path = DEFAULT_PATH) -> bool:
    """Create ``path`` with DEBUG=true and a new SECRET_KEY unless it exists; True when it was written."""
    try:
        # "x": created only if absent, atomically, so two makes started at once cannot overwrite each other.
        with path.open("x", encoding="utf-8") as file:
            path.chmod(0o600)  # it holds a secret
            file.write(_TEMPLATE.format(secret_key=new_secret_key()))
    except FileExistsError:
        return False
    return True


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT_PATH
    if ensure_env_file(path):
        print(f"Wrote {path} (DEBUG=true and a new SECRET_KEY) for development; edit it or see .env.example.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
