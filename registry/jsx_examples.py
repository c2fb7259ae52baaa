"""Example props from a block's JSX ``exampleUsage``, read with tree-sitter's TSX grammar and never executed.

The registry export documents each block with a JSX snippet (``<AboutCompanyProfile title="…" stats={[…]} />``)
instead of a props object. ``parse_example`` turns the snippet into the plain JSON a renderer can hold (its
docstring lists how).
"""

from dataclasses import dataclass, field
from functools import cache

import tree_sitter_typescript
from tree_sitter import Language, Node, Parser

from registry.jsx_markup import (
    OMIT,
    MarkupReader,
    attribute_nodes,
    element_name,
    join_path,
    js_number,
    js_string,
    jsx_children,
    jsx_string,
    meaningful,
    node_text,
)

FULL, PARTIAL, FAILED = "full", "partial", "failed"
PLACEHOLDER_KEY = "$expr"
PLACEHOLDER_SOURCE_MAX = 160
REASON_ITEMS = 4
_KINDS = {
    "identifier": "identifier",
    "member_expression": "member",
    "subscript_expression": "member",
    "call_expression": "call",
    "new_expression": "new",
    "arrow_function": "function",
    "function_expression": "function",
    "method_definition": "function",
    "template_string": "template",
    "spread_element": "spread",
    "ERROR": "syntax-error",
}


@dataclass(frozen=True)
class ExampleParse:
    status: str
    props: dict = field(default_factory=dict)
    non_literal_paths: tuple[str, ...] = ()
    reason: str = ""
    element: str = ""


@cache
def _parser() -> Parser:
    return Parser(Language(tree_sitter_typescript.language_tsx()))


def parse_example(source: str | None) -> ExampleParse:
    """The example props of one JSX snippet.

    - literals: strings (JS escapes decoded; JSX attribute strings and JSX text keep backslashes and decode HTML
      entities, as JSX does), numbers (negative, hex, ``1_000``, ``1.5e3``; integral values as integers), booleans,
      ``null``; ``undefined`` leaves a prop or key out (``null`` inside an array); template literals without
      substitutions; arrays, objects and any nesting of them; ``x as const`` is read as ``x``. An attribute without
      a value (``<Nav sticky />``) is ``true``.
    - JSX values:
      - ``<img src alt />`` (also ``<Image>``, ``<video>``) → a media object of its ``src``, ``alt``, ``poster``,
        ``title``, ``width`` and ``height`` attributes: ``{"src": "…", "alt": "…"}``;
      - an element holding only text (inline tags such as ``<span>``, ``<strong>`` and ``<br />`` included) → that
        text, with JSX's whitespace rules and ``<br />`` as a line break; with a literal ``href`` →
        ``{"label": "…", "href": "…"}``;
      - a richer element → a structured object of what it shows, in this documented form: ``eyebrow`` (short text
        before the heading or the first paragraph), ``heading`` (the first ``<h1>``–``<h6>``), ``text``
        (paragraphs and other text, joined by blank lines), ``items`` (``<li>`` texts), ``image`` (one media
        object) or ``images`` (several), ``action`` (one link or button: its text, or ``{"label", "href"}``) or
        ``actions`` (several), ``icon`` (a placeholder), ``content`` (placeholders of expressions inside the
        markup); an element that shows only text after all becomes that text;
      - the root element's own children become the ``children`` prop, read the same way.
    - Values that cannot be evaluated without running code — identifiers, member access, calls, ``new``, functions,
      template literals with substitutions, spreads, components without children (icons such as ``<Lightbulb />``),
      regions the grammar could not parse — become the placeholder ``{"$expr": "<source, whitespace collapsed>",
      "kind": "<identifier|member|call|new|function|template|spread|component|syntax-error|expression>"}``, and
      their paths (``onSubmit``, ``items[0].content.icon``) are listed in ``non_literal_paths``.

    The outcome is ``full`` (every value literal), ``partial`` (some placeholders or a recovered syntax error) or
    ``failed`` (no root element could be read: empty, not JSX, or broken at the root); ``reason`` says why.
    """
    if not source or not source.strip():
        return ExampleParse(FAILED, reason="the block has no example")
    tree = _parser().parse(source.encode("utf-8"))
    root = _root_element(tree.root_node)
    errors = _error_positions(tree.root_node)
    if root is None:
        detail = f"syntax error at {errors[0]}" if errors else "no JSX element"
        return ExampleParse(FAILED, reason=f"{detail}: the example's root element could not be read")
    reader = _Reader()
    props = reader.root_props(root)
    return ExampleParse(
        status=PARTIAL if reader.non_literal or errors else FULL,
        props=props,
        non_literal_paths=tuple(path for path, _ in reader.non_literal),
        reason=_reason(reader.non_literal, errors),
        element=element_name(root),
    )


def placeholder(source: str, kind: str) -> dict:
    compact = " ".join(source.split())
    if len(compact) > PLACEHOLDER_SOURCE_MAX:
        compact = compact[: PLACEHOLDER_SOURCE_MAX - 1] + "…"
    return {PLACEHOLDER_KEY: compact, "kind": kind}


def is_placeholder(value: object) -> bool:
    return isinstance(value, dict) and PLACEHOLDER_KEY in value


def literal_only(value: object) -> object:
    """``value`` without its placeholders (props and list items the example computed), for showing an example
    to a model that would otherwise copy ``{"$expr": …}`` into a page."""
    if isinstance(value, dict):
        return {key: literal_only(item) for key, item in value.items() if not is_placeholder(item)}
    if isinstance(value, list):
        return [literal_only(item) for item in value if not is_placeholder(item)]
    return value


def _root_element(program: Node) -> Node | None:
    """The first JSX element at the top level (imports and comments before it are skipped)."""
    for statement in program.named_children:
        if statement.type != "expression_statement" or not statement.named_children:
            continue
        node = _unwrap(statement.named_children[0])
        if node.type in ("jsx_element", "jsx_self_closing_element"):
            return node
    return None


def _unwrap(node: Node) -> Node:
    """``(x)``, ``x as const`` and ``x satisfies T`` are read as ``x``."""
    while node.type in ("parenthesized_expression", "as_expression", "satisfies_expression") and node.named_children:
        node = node.named_children[0]
    return node


def _error_positions(node: Node) -> list[str]:
    """Where the grammar had to recover, as "line L, column C" (1-based), in source order."""
    if not node.has_error:
        return []
    found: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "ERROR" or current.is_missing:
            row, column = current.start_point
            found.append(f"line {row + 1}, column {column + 1}")
            continue
        stack.extend(reversed([child for child in current.children if child.has_error or child.is_missing]))
    return found


def _reason(non_literal: list[tuple[str, str]], errors: list[str]) -> str:
    parts = []
    if non_literal:
        shown = ", ".join(f"{path} ({kind})" for path, kind in non_literal[:REASON_ITEMS])
        more = f" and {len(non_literal) - REASON_ITEMS} more" if len(non_literal) > REASON_ITEMS else ""
        parts.append(f"not literal: {shown}{more}")
    if errors:
        more = f" and {len(errors) - 1} more" if len(errors) > 1 else ""
        parts.append(f"syntax error at {errors[0]}{more} (recovered)")
    return "; ".join(parts)


@dataclass
class _Reader:
    """Converts value nodes to JSON, remembering the paths of the values it could not evaluate."""

    non_literal: list[tuple[str, str]] = field(default_factory=list)

    def unknown(self, node: Node, path: str, kind: str | None = None) -> dict:
        kind = kind or _KINDS.get(node.type, "expression")
        self.non_literal.append((path, kind))
        return placeholder(node_text(node), kind)

    def root_props(self, root: Node) -> dict:
        props: dict = {}
        for attribute in attribute_nodes(root):
            self.attribute(attribute, props)
        children = [child for child in jsx_children(root) if meaningful(child)]
        if children:
            props["children"] = MarkupReader(self).content(children, "children")
        return props

    def attribute(self, node: Node, props: dict) -> None:
        if node.type == "jsx_expression" and not meaningful(node):
            return  # {/* a comment */}
        if node.type == "jsx_expression":  # {...rest}: no name to put it under
            self.unknown(node, "{" + " ".join(node_text(node).strip("{}").split()) + "}", "spread")
            return
        if node.type != "jsx_attribute" or not node.named_children:
            self.unknown(node, node_text(node) or "<attributes>", "syntax-error")
            return
        name_node, *rest = node.named_children
        name = node_text(name_node)
        value = self.attribute_value(rest[0], name) if rest else True
        if value is not OMIT:
            props[name] = value

    def attribute_value(self, node: Node, path: str) -> object:
        if node.type == "string":
            return jsx_string(node)
        if node.type == "jsx_expression":
            inner = [child for child in node.named_children if child.type != "comment"]
            return self.value(inner[0], path) if inner else OMIT
        return self.value(node, path)

    def value(self, node: Node, path: str) -> object:
        node = _unwrap(node)
        reader = _VALUE_READERS.get(node.type)
        if reader is None or node.is_missing:
            return self.unknown(node, path)
        return reader(self, node, path)

    def literal(self, node: Node, path: str) -> object:
        if node.has_error:
            return self.unknown(node, path, "syntax-error")
        if node.type == "string":
            return js_string(node)
        if node.type == "number":
            return js_number(node_text(node))
        if node.type == "template_string":
            if any(child.type == "template_substitution" for child in node.named_children):
                return self.unknown(node, path, "template")
            return js_string(node)
        return {"true": True, "false": False, "null": None}.get(node.type, OMIT)

    def unary(self, node: Node, path: str) -> object:
        operator = node.child_by_field_name("operator")
        argument = node.child_by_field_name("argument")
        if operator is None or argument is None or node_text(operator) not in ("+", "-") or argument.type != "number":
            return self.unknown(node, path, "expression")
        number = js_number(node_text(argument))
        return -number if node_text(operator) == "-" else number

    def array(self, node: Node, path: str) -> list:
        items = []
        for element in (child for child in node.named_children if child.type != "comment"):
            item = self.value(element, join_path(path, len(items)))
            items.append(None if item is OMIT else item)
        return items

    def object(self, node: Node, path: str) -> dict:
        result: dict = {}
        for member in (child for child in node.named_children if child.type != "comment"):
            if member.type == "pair":
                self.pair(member, path, result)
            elif member.type == "shorthand_property_identifier":
                key = node_text(member)
                result[key] = self.unknown(member, join_path(path, key), "identifier")
            elif member.type == "method_definition":
                name = member.child_by_field_name("name")
                key = node_text(name) if name is not None else "method"
                result[key] = self.unknown(member, join_path(path, key), "function")
            else:  # a spread or a region the grammar could not read: no key to put it under
                self.unknown(member, join_path(path, "{" + " ".join(node_text(member).split())[:40] + "}"))
        return result

    def pair(self, node: Node, path: str, result: dict) -> None:
        key_node, value_node = node.child_by_field_name("key"), node.child_by_field_name("value")
        if key_node is None or value_node is None:
            self.unknown(node, path or "<object>", "syntax-error")
            return
        if key_node.type == "computed_property_name":
            self.unknown(node, join_path(path, node_text(key_node)), "expression")
            return
        if key_node.type == "string":
            key = js_string(key_node)
        elif key_node.type == "number":
            key = str(js_number(node_text(key_node)))
        else:
            key = node_text(key_node)
        value = self.value(value_node, join_path(path, key))
        if value is not OMIT:
            result[key] = value

    def undefined(self, node: Node, path: str) -> object:
        return OMIT

    def element(self, node: Node, path: str) -> object:
        return MarkupReader(self).element(node, path)


_VALUE_READERS = {
    "string": _Reader.literal,
    "number": _Reader.literal,
    "template_string": _Reader.literal,
    "true": _Reader.literal,
    "false": _Reader.literal,
    "null": _Reader.literal,
    "undefined": _Reader.undefined,
    "unary_expression": _Reader.unary,
    "array": _Reader.array,
    "object": _Reader.object,
    "jsx_element": _Reader.element,
    "jsx_self_closing_element": _Reader.element,
}
