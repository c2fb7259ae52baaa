"""Text PostgreSQL can store: no NUL character (text and jsonb refuse it) and no lone UTF-16 surrogate (not
encodable as UTF-8). Every way in — API bodies, query strings, headers, builder forms — checks with this."""

import re

from websites.errors import InvalidInput

_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be stored, or None when it can."""
    match = _UNSTORABLE.search(text)
    if match is None:
        return None
    return "contains a NUL character" if match.group() == "\x00" else "contains a lone UTF-16 surrogate"


def require_storable(text: str, what: str) -> str:
    """``text`` itself, or InvalidInput naming ``what`` and the problem."""
    if problem := text_problem(text):
        raise InvalidInput(f"The {what} {problem}; remove it and try again.")
    return text
