"""The gate for every piece of CSS stored in website_style_guide.tailwind_css, whoever wrote it: the compiler,
an API caller or Claude. The renderer pastes that column into a <style> element on live sites, so CSS that
could end the element, load something from elsewhere or run script is refused, with the line and column of
each problem, rather than cleaned up behind the caller's back. The policy is in
``sanitize_css``'s docstring.
"""

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import tinycss2
from tinycss2.ast import Node

from websites.errors import InvalidInput

__all__ = ["ALLOWED_AT_RULES", "css_problems", "sanitize_css"]

ALLOWED_AT_RULES = frozenset({"media", "supports", "keyframes", "layer", "container", "font-face", "property"})
URL_FUNCTIONS = frozenset({"url", "src"})
URL_LIST_FUNCTIONS = frozenset({"image-set", "-webkit-image-set", "image", "cross-fade", "-webkit-cross-fade"})
BANNED_FUNCTIONS = frozenset({"expression"})
BANNED_PROPERTIES = frozenset({"behavior", "-ms-behavior", "-moz-binding", "binding"})
BANNED_WORDS = ("javascript:", "vbscript:", "expression(")
# A file under /static/, or a fragment naming an element in the page itself (filter:url(#blur)): no request.
LOCAL_URL = re.compile(r"/static/[A-Za-z0-9._~/+-]+(?:\?[A-Za-z0-9._~=&-]*)?(?:#[A-Za-z0-9._~-]*)?|#[A-Za-z][\w-]*")
SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
SHOWN_PROBLEMS = 3
MAX_DETAILS = 50
# Appended after the input to find where tinycss2 thinks the input ends: outside every block, or inside one.
END_MARK = "end-of-input-3f9a1c"


class Violation(NamedTuple):
    line: int
    column: int
    problem: str

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "problem": self.problem}

    def __str__(self) -> str:
        return f"Line {self.line}, column {self.column}: {self.problem}."


def sanitize_css(css: str, *, max_bytes: int = 65536) -> str:
    """The CSS as tinycss2 serialises it, or InvalidInput naming every problem (the first few in the message,
    all of them, up to MAX_DETAILS, in ``details`` as {line, column, problem}).

    Policy, conservative on purpose:

    - no ``<`` anywhere, raw or decoded from an escape (this covers ``</style`` and ``<!--``), and no ``-->``; only
      ``</`` could end the element, but one rule with no exceptions is easier to trust. The cost: an @property
      rule must use ``syntax: "*"`` rather than ``"<length>"``;
    - at-rules only from ALLOWED_AT_RULES; ``@import``, ``@namespace``, ``@document`` and ``@charset`` are refused
      (``@charset`` does nothing inside a <style> element, so it can only be a mistake or a trick);
    - ``url()``/``src()`` and the URL strings of ``image-set()``/``image()``/``cross-fade()`` only for paths under
      ``/static/`` on the site itself, without ``..`` or percent-escapes, or for an in-page ``#fragment``; never
      inside ``@font-face``;
    - no ``expression()``, ``behavior``, ``-moz-binding``, ``javascript:`` or ``vbscript:``, checked on the values
      tinycss2 decodes, so backslash escapes cannot hide them; function names and ``url(`` must not be escaped;
    - no comments inside declaration values: ``EXPR/**/ESSION(`` reads as ``expression(`` to old engines, so
      each value is also checked for the banned words with its comments removed;
    - syntax tinycss2 reports as invalid, and blocks, comments or strings left open, are refused.

    What is returned is tinycss2's serialisation of the accepted input, checked once more, so what is stored is
    exactly what was checked.
    """
    if not isinstance(css, str):
        raise InvalidInput("The CSS must be a string.")
    size = len(css.encode("utf-8"))
    if size > max_bytes:
        raise InvalidInput(f"The CSS is {size:,} bytes; the limit is {max_bytes:,} bytes.")
    text = _normalise(css)
    tokens = tinycss2.parse_component_value_list(text)
    _refuse(_problems(text, tokens))
    cleaned = tinycss2.serialize(tinycss2.parse_stylesheet(tokens))
    _refuse(css_problems(cleaned))  # serialisation writes decoded values back; it must not make anything new
    return cleaned


def _refuse(violations: list[Violation]) -> None:
    if not violations:
        return
    shown = " ".join(str(violation) for violation in violations[:SHOWN_PROBLEMS])
    more = len(violations) - SHOWN_PROBLEMS
    suffix = f" ({more} more problem{'s' if more > 1 else ''} in details.)" if more > 0 else ""
    raise InvalidInput(f"The CSS was refused. {shown}{suffix}", details=[v.as_dict() for v in violations[:MAX_DETAILS]])


def css_problems(css: str) -> list[Violation]:
    """Every problem found, in source order, each reported once."""
    text = _normalise(css)
    return _problems(text, tinycss2.parse_component_value_list(text))


def _problems(text: str, tokens: list[Node]) -> list[Violation]:
    found = [
        *_raw_problems(text),
        *_token_problems(tokens, _Source(text)),
        *_unclosed_problems(text),
        *_rule_problems(tinycss2.parse_stylesheet(tokens)),
    ]
    return sorted(set(found))


def _normalise(css: str) -> str:
    """The text exactly as tinycss2 reads it, so positions found in it match the positions on its tokens."""
    return css.replace("\0", "\ufffd").replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")


class _Source:
    """Raw text at a token's line and column: the only way to tell whether a name was written with escapes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def at(self, node: Node, length: int) -> str:
        start = self.line_starts[node.source_line - 1] + node.source_column - 1
        return self.text[start : start + length]


def _position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _raw_problems(text: str) -> Iterator[Violation]:
    for match in re.finditer("<", text):
        following = text[match.start() : match.start() + 7].lower()
        if following == "</style":
            problem = "</style would end the <style> element the CSS is pasted into"
        elif following.startswith("<!--"):
            problem = "HTML comment markers (<!-- and -->) are not allowed"
        else:
            problem = "'<' is not allowed anywhere in the CSS (it could end the <style> element)"
        yield Violation(*_position(text, match.start()), problem)


def _at(node: Node, problem: str) -> Violation:
    return Violation(node.source_line, node.source_column, problem)


def _children(node: Node) -> list[Node]:
    for name in ("content", "arguments"):
        value = getattr(node, name, None)
        if isinstance(value, list):
            return value
    return []


def _token_problems(tokens: list[Node], source: _Source) -> Iterator[Violation]:
    """Checks on every token at every depth, on decoded values: selectors, preludes and values alike."""
    previous = None
    for token in tokens:
        yield from _one_token(token, source)
        if _declares_banned_property(previous, token):
            yield _at(previous, f"the {previous.lower_value} property is not allowed")
        if token.type not in ("whitespace", "comment"):
            previous = token
        yield from _token_problems(_children(token), source)


def _declares_banned_property(previous: Node | None, token: Node) -> bool:
    """An identifier followed by a colon, wherever it appears: a declaration in any block, nested or not."""
    is_colon = token.type == "literal" and token.value == ":"
    return is_colon and previous is not None and previous.type == "ident" and previous.lower_value in BANNED_PROPERTIES


def _one_token(token: Node, source: _Source) -> Iterator[Violation]:
    if token.type == "error":
        yield _at(token, f"invalid CSS ({token.message.rstrip('.')})")
    elif token in ("<!--", "-->"):
        yield _at(token, "HTML comment markers (<!-- and -->) are not allowed")
    elif token.type == "url":
        if source.at(token, 4).lower() != "url(":
            yield _at(token, "url() written with escapes is not allowed")
        yield from _url_problems(token, token.value)
    elif token.type == "function":
        yield from _function_problems(token, source)
    text = _decoded(token)
    if text is not None:
        if "<" in text:
            yield _at(token, "this token contains '<' (perhaps escaped), which is not allowed")
        squashed = re.sub(r"[\x00-\x20\x7f]", "", text.lower())
        for word in BANNED_WORDS:
            if word in squashed:
                yield _at(token, f"{word.rstrip('(:')} is not allowed")


def _decoded(token: Node) -> str | None:
    if token.type in ("ident", "string", "url", "hash", "at-keyword"):
        return token.value
    if token.type == "function":
        return token.name
    if token.type == "dimension":
        return token.unit
    return None


def _function_problems(function: Node, source: _Source) -> Iterator[Violation]:
    name = function.lower_name
    if source.at(function, len(function.name) + 1) != function.name + "(":
        yield _at(function, f"a function name written with escapes ({name}()) is not allowed")
    if name in BANNED_FUNCTIONS:
        yield _at(function, f"{name}() is not allowed")
    elif name in URL_FUNCTIONS:
        strings = [token for token in function.arguments if token.type == "string"]
        for string in strings[:1]:
            yield from _url_problems(string, string.value)
    elif name in URL_LIST_FUNCTIONS:
        for token in function.arguments:
            if token.type == "string":
                yield from _url_problems(token, token.value)


def _url_problems(token: Node, url: str) -> Iterator[Violation]:
    url = url.strip()
    shown = url if len(url) <= 80 else url[:77] + "..."
    lowered = re.sub(r"[\x00-\x20\x7f]", "", url.lower())
    scheme = SCHEME.match(lowered)
    if lowered.startswith(("//", "\\\\", "/\\", "\\/")):
        yield _at(token, f"a protocol-relative url() pointing at another origin is not allowed ({shown})")
    elif scheme and scheme.group(1) in ("javascript", "vbscript", "data"):
        yield _at(token, f"a {scheme.group(1)}: url() is not allowed")
    elif scheme:
        yield _at(token, f"url() pointing at another origin is not allowed ({shown})")
    elif ".." in url:
        yield _at(token, f"url() with '..' is not allowed ({shown})")
    elif not LOCAL_URL.fullmatch(url):
        yield _at(token, f"url() may only name a file under /static/ on this site, or an in-page #fragment ({shown})")


def _unclosed_problems(text: str) -> Iterator[Violation]:
    """tinycss2 closes open blocks at the end of input without a word; a browser would too, and a later
    <style> or the site's own CSS would be swallowed. Find blocks and comments the input leaves open."""
    nodes = tinycss2.parse_component_value_list(f"{text}\n{END_MARK}")
    while nodes:
        last = nodes[-1]
        if last.type == "ident" and last.value == END_MARK:
            return
        if last.type == "comment":
            yield _at(last, "this comment is never closed (*/ missing)")
            return
        if last.type in ("{} block", "[] block", "() block", "function"):
            closer = {"{} block": "}", "[] block": "]"}.get(last.type, ")")
            yield _at(last, f"this block is never closed ({closer} missing)")
            nodes = _children(last)
        else:
            return  # the end mark was swallowed by a string or url: tinycss2 reports those itself


def _rule_problems(nodes: Iterable[Node]) -> Iterator[Violation]:
    """Checks on the rule structure: which at-rules appear, at any depth, and what @font-face may load."""
    for node in nodes:
        if node.type == "error":
            yield _at(node, f"invalid CSS ({node.message.rstrip('.')})")
        elif node.type == "at-rule":
            yield from _at_rule_problems(node)
        elif node.type == "declaration":
            yield from _declaration_problems(node)
        elif node.type == "qualified-rule":
            yield from _rule_problems(tinycss2.parse_blocks_contents(node.content))


def _declaration_problems(declaration: Node) -> Iterator[Violation]:
    """A comment inside a value is refused, and the value is read again without its comments, so a banned word
    split by one is named too."""
    comments = list(_comments(declaration.value))
    if not comments:
        return
    yield _at(
        comments[0],
        f"a comment inside the value of {declaration.lower_name} is not allowed: comments can split a banned word "
        "(EXPR/**/ESSION reads as expression); put comments between declarations instead",
    )
    squashed = re.sub(r"[\x00-\x20\x7f]", "", _text_without_comments(declaration.value).lower())
    for word in BANNED_WORDS:
        if word in squashed:
            yield _at(declaration, f"{word.rstrip('(:')} is not allowed (found with the comments removed)")


def _comments(nodes: list[Node]) -> Iterator[Node]:
    for node in nodes:
        if node.type == "comment":
            yield node
        yield from _comments(_children(node))


def _text_without_comments(nodes: list[Node]) -> str:
    """The value as decoded text with every comment left out, at any depth."""
    parts = []
    for node in nodes:
        if node.type == "comment":
            continue
        if node.type == "function":
            parts.append(f"{node.name}({_text_without_comments(node.arguments)})")
        elif node.type in ("() block", "[] block", "{} block"):
            opener, closer = node.type[0], node.type[1]
            parts.append(f"{opener}{_text_without_comments(node.content)}{closer}")
        else:
            decoded = _decoded(node)
            parts.append(decoded if decoded is not None else node.serialize())
    return "".join(parts)


def _at_rule_problems(rule: Node) -> Iterator[Violation]:
    name = rule.lower_at_keyword
    if name not in ALLOWED_AT_RULES:
        allowed = ", ".join(f"@{each}" for each in sorted(ALLOWED_AT_RULES))
        yield _at(rule, f"@{name} is not allowed (allowed at-rules: {allowed})")
        return
    if rule.content is None:
        return
    if name == "font-face" and any(_loads_something(node) for node in rule.content):
        yield _at(rule, "@font-face may not load a font file (no url() or src() inside @font-face)")
    yield from _rule_problems(tinycss2.parse_blocks_contents(rule.content))


def _loads_something(node: Node) -> bool:
    if node.type == "url" or (node.type == "function" and node.lower_name in URL_FUNCTIONS):
        return True
    return any(_loads_something(child) for child in _children(node))
