"""What the API accepts as a request body: a JSON object, sent as JSON, that PostgreSQL can store.

The parser refuses, with a status and a message that say what to fix: a Content-Type that is not JSON (415),
malformed JSON or bytes that are not UTF-8 (400), a body that is not an object, NaN/Infinity or a number out of
range, a NUL character or a lone surrogate in any key or string, or nesting deeper than MAX_DEPTH (422, naming
the field). NUL and lone surrogates matter because PostgreSQL cannot store them: let through, they end as a 500.
"""

import json
import math
import re
from typing import Any

from django.http import HttpRequest
from ninja.errors import ValidationError
from ninja.parser import Parser

from websites.errors import AppError, UnsupportedMediaType
from websites.text import text_problem

__all__ = ["MAX_DEPTH", "MAX_SAFE_INTEGER", "StrictJsonParser"]

MAX_DEPTH = 32  # no request of ours nests past 10; a theme patch is further limited to 8 by its own check
MAX_SAFE_INTEGER = 2**53 - 1  # RFC 7493 (I-JSON): integers beyond this do not survive other JSON parsers
_JSON_TYPE = re.compile(r"application/(?:[\w.+-]+\+)?json", re.IGNORECASE)


class _Refused(ValueError):
    """A value the decoder met that the API does not accept; ``what`` says why."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def _constant(name: str) -> float:
    raise _Refused(f"{name} is not a number JSON allows; send a finite number")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"{text[:40]} is out of range; send a finite number")
    return value


def _int(text: str) -> int:
    if len(text.lstrip("-")) > 16 or abs(int(text)) > MAX_SAFE_INTEGER:
        raise _Refused(f"the integer {text[:20]}… is out of range (at most ±{MAX_SAFE_INTEGER})")
    return int(text)


def _problems(data: Any) -> list[tuple[str, str]]:
    """(field path, what is wrong) for every unstorable key or string and for nesting past MAX_DEPTH."""
    problems: list[tuple[str, str]] = []
    stack: list[tuple[str, Any, int]] = [("body", data, 0)]
    while stack and len(problems) < 20:
        path, value, depth = stack.pop()
        if isinstance(value, str):
            if problem := text_problem(value):
                problems.append((path, problem))
        elif isinstance(value, dict | list) and depth >= MAX_DEPTH:
            problems.append((path, f"nests deeper than {MAX_DEPTH} levels"))
        elif isinstance(value, dict):
            for key, child in value.items():
                if problem := text_problem(key):
                    problems.append((f"{path}.{key!a}", f"key {problem}"))
                else:
                    stack.append((f"{path}.{key}", child, depth + 1))
        elif isinstance(value, list):
            stack.extend((f"{path}.{index}", child, depth + 1) for index, child in enumerate(value))
    return sorted(problems)


def _invalid(problems: list[tuple[str, str]]) -> ValidationError:
    return ValidationError([{"loc": tuple(path.split(".", 1)), "msg": message} for path, message in problems])


class StrictJsonParser(Parser):
    """django-ninja's body parser, strict. Its errors reach the API's handlers as the ``__cause__`` of the
    HttpError(400) django-ninja wraps every parser error in (config/api.py unwraps them)."""

    def parse_body(self, request: HttpRequest) -> dict:
        content_type = request.content_type or ""
        if not _JSON_TYPE.fullmatch(content_type):
            shown = content_type or "no Content-Type"
            raise UnsupportedMediaType(f"Send the body as JSON with 'Content-Type: application/json', not {shown}.")
        try:
            text = request.body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise AppError(f"The body is not UTF-8 text (bad byte at offset {exc.start}).") from None
        try:
            data = json.loads(text, parse_constant=_constant, parse_float=_float, parse_int=_int)
        except _Refused as exc:
            raise _invalid([("body", exc.what)]) from None
        except json.JSONDecodeError as exc:
            raise AppError(f"The body is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.") from None
        if not isinstance(data, dict):
            raise _invalid([("body", f"must be a JSON object, not {type(data).__name__}")])
        if problems := _problems(data):
            raise _invalid(problems)
        return data
