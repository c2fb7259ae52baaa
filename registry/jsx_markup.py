"""JSX markup inside a block's example, read into JSON values (the conversions are listed in ``jsx_examples``).

Also the small readers of tree-sitter nodes and literal texts both modules share. The markup reader never
evaluates anything: what it cannot read as text, media or links it hands back to the value reader, which turns
it into a placeholder and remembers its path.
"""

import html
from dataclasses import dataclass, field
from typing import Protocol

from tree_sitter import Node

MEDIA_TAGS = {"img", "Image", "video"}
MEDIA_ATTRIBUTES = ("src", "alt", "poster", "title", "width", "height")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
INLINE_TAGS = {"span", "strong", "em", "b", "i", "u", "s", "small", "code", "mark", "sup", "sub", "abbr", "br"}
LINK_TAGS = {"a", "Link", "Button"}
ELEMENTS = ("jsx_element", "jsx_self_closing_element")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
OMIT = object()  # ``undefined``: the prop or key is left out


class ValueReader(Protocol):
    """What the markup reader needs from ``jsx_examples``' value reader."""

    def unknown(self, node: Node, path: str, kind: str | None = None) -> dict: ...

    def value(self, node: Node, path: str) -> object: ...

    def attribute_value(self, node: Node, path: str) -> object: ...


# -- nodes -----------------------------------------------------------------------------------------------------------


def node_text(node: Node) -> str:
    return (node.text or b"").decode("utf-8", errors="replace")


def element_name(node: Node) -> str:
    """``Foo`` of ``<Foo …>``; "" for a fragment ``<>``."""
    tag = node.child_by_field_name("open_tag") if node.type == "jsx_element" else node
    name = tag.child_by_field_name("name") if tag is not None else None
    return node_text(name) if name is not None else ""


def attribute_nodes(node: Node) -> list[Node]:
    tag = node.child_by_field_name("open_tag") if node.type == "jsx_element" else node
    return tag.children_by_field_name("attribute") if tag is not None else []


def jsx_children(node: Node) -> list[Node]:
    if node.type != "jsx_element":
        return []
    return [child for child in node.named_children if child.type not in ("jsx_opening_element", "jsx_closing_element")]


def meaningful(node: Node) -> bool:
    """Whether a JSX child renders anything (whitespace-only text and comments do not)."""
    if node.type == "jsx_text":
        return bool(node_text(node).strip())
    if node.type == "jsx_expression":
        return any(child.type != "comment" for child in node.named_children)
    return True


def join_path(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


# -- literal texts ---------------------------------------------------------------------------------------------------


def js_string(node: Node) -> str:
    """A JS string or template literal's value: fragments as written, escape sequences decoded."""
    parts = []
    for child in node.named_children:
        if child.type == "escape_sequence":
            parts.append(_escape(node_text(child)))
        elif child.type == "string_fragment":
            parts.append(node_text(child))
    text = "".join(parts)
    # \uD83D\uDE00 escapes arrive as two surrogates; re-pair them into one character.
    return text.encode("utf-16", "surrogatepass").decode("utf-16", errors="replace")


def _escape(sequence: str) -> str:
    body = sequence[1:]
    if body in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[body]
    if body.startswith("u{"):
        return chr(int(body[2:-1], 16))
    if body[:1] in ("u", "x") and len(body) > 1:
        return chr(int(body[1:], 16))
    if body in ("\n", "\r\n", "\r", "\u2028", "\u2029"):
        return ""  # a line continuation
    return body


def js_number(text: str) -> int | float:
    cleaned = text.replace("_", "").removesuffix("n")
    if cleaned[:2].lower() in ("0x", "0o", "0b"):
        return int(cleaned, 0)
    value = float(cleaned)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def jsx_string(node: Node) -> str:
    """A JSX attribute string: no backslash escapes, HTML entities decoded."""
    return html.unescape("".join(node_text(child) for child in node.named_children))


def jsx_text_lines(raw: str) -> str:
    """JSX text as React renders it: lines trimmed, blank lines dropped, the rest joined by one space."""
    lines = raw.replace("\r\n", "\n").split("\n")
    kept = []
    for index, line in enumerate(lines):
        if index > 0:
            line = line.lstrip(" \t")
        if index < len(lines) - 1:
            line = line.rstrip(" \t")
        if line:
            kept.append(line)
    return html.unescape(" ".join(kept))


def tidy_text(text: str) -> str:
    """Spaces collapsed within each line, lines stripped, empty lines dropped."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _text_expression(node: Node) -> bool:
    """``{"literal"}`` or ``{`literal`}`` inside JSX text."""
    inner = [child for child in node.named_children if child.type != "comment"]
    if not inner or inner[0].type not in ("string", "template_string"):
        return False
    return not any(child.type == "template_substitution" for child in inner[0].named_children)


def is_inline(node: Node) -> bool:
    """Whether an element holds only text: JSX text, literal strings and inline tags (no media, no components)."""
    for child in jsx_children(node):
        if child.type == "jsx_expression" and meaningful(child) and not _text_expression(child):
            return False
        if child.type in ELEMENTS and (element_name(child) not in INLINE_TAGS or not is_inline(child)):
            return False
    return True


def inline_text(node: Node) -> str:
    """The text of an element that ``is_inline``, ``<br />`` as a line break."""
    parts = []
    for child in jsx_children(node):
        if child.type == "jsx_text":
            parts.append(jsx_text_lines(node_text(child)))
        elif child.type == "html_character_reference":
            parts.append(html.unescape(node_text(child)))
        elif child.type == "jsx_expression" and _text_expression(child):
            parts.append(js_string(next(c for c in child.named_children if c.type != "comment")))
        elif child.type in ELEMENTS:
            parts.append("\n" if element_name(child) == "br" else inline_text(child))
    return tidy_text("".join(parts))


# -- markup ----------------------------------------------------------------------------------------------------------


@dataclass
class MarkupReader:
    """Reads one JSX value: media, text, a link, or the structured form of richer markup."""

    reader: ValueReader

    def element(self, node: Node, path: str) -> object:
        name = element_name(node)
        if name in MEDIA_TAGS:
            return self.media(node, path)
        if _is_component(node):
            return self.reader.unknown(node, path, "component")
        if is_inline(node):
            return self.link_or_text(node, path)
        return self.content([child for child in jsx_children(node) if meaningful(child)], path)

    def media(self, node: Node, path: str) -> dict:
        found = {}
        for attribute in attribute_nodes(node):
            parts = attribute.named_children if attribute.type == "jsx_attribute" else []
            if parts and node_text(parts[0]) in MEDIA_ATTRIBUTES:
                found[node_text(parts[0])] = parts[1:]
        media = {}
        for key in (key for key in MEDIA_ATTRIBUTES if key in found):  # a stable order whatever the markup's
            value = self.reader.attribute_value(found[key][0], join_path(path, key)) if found[key] else True
            if value is not OMIT:
                media[key] = value
        return media

    def link_or_text(self, node: Node, path: str) -> object:
        text = inline_text(node)
        for attribute in attribute_nodes(node):
            parts = attribute.named_children if attribute.type == "jsx_attribute" else []
            if len(parts) == 2 and node_text(parts[0]) == "href" and parts[1].type == "string":
                return {"label": text, "href": jsx_string(parts[1])}
        return text

    def content(self, children: list[Node], path: str) -> object:
        blocks: list[tuple[str, object]] = []
        for child in children:
            self.collect(child, blocks)
        return _Structure(self, path).build(blocks)

    def collect(self, node: Node, blocks: list[tuple[str, object]]) -> None:
        """Flattens a JSX subtree into (kind, value) blocks in reading order."""
        if not meaningful(node):
            return
        if node.type in ("jsx_text", "html_character_reference"):
            blocks.append(("inline", jsx_text_lines(node_text(node))))
        elif node.type == "jsx_expression":
            inner = next(child for child in node.named_children if child.type != "comment")
            blocks.append(("inline", js_string(inner)) if _text_expression(node) else ("node", inner))
        elif node.type in ELEMENTS:
            self.collect_element(node, blocks)
        else:
            blocks.append(("node", node))

    def collect_element(self, node: Node, blocks: list[tuple[str, object]]) -> None:
        name = element_name(node)
        if name in MEDIA_TAGS:
            blocks.append(("media", node))
        elif name == "br":
            blocks.append(("inline", "\n"))
        elif _is_component(node):
            blocks.append(("icon", node))
        elif not is_inline(node):  # a container: its children are read in order, then the run of text ends
            for child in jsx_children(node):
                self.collect(child, blocks)
            blocks.append(("break", ""))
        elif name in HEADINGS:
            blocks.append(("heading", inline_text(node)))
        elif name in LINK_TAGS:
            blocks.append(("action", node))
        elif name in ("p", "li"):
            blocks.append(("text" if name == "p" else "item", inline_text(node)))
        else:
            blocks.append(("inline", inline_text(node)))


def _is_component(node: Node) -> bool:
    """A component with nothing inside (``<Lightbulb />``): its output cannot be known without running it."""
    name = element_name(node)
    empty = not any(meaningful(child) for child in jsx_children(node))
    return name[:1].isupper() and empty and name not in LINK_TAGS and name not in MEDIA_TAGS


@dataclass
class _Structure:
    """The structured form of rich markup, built from its flattened blocks."""

    markup: MarkupReader
    path: str
    result: dict = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    run: list[str] = field(default_factory=list)
    media: list[Node] = field(default_factory=list)
    actions: list[Node] = field(default_factory=list)
    extras: list[Node] = field(default_factory=list)

    def build(self, blocks: list[tuple[str, object]]) -> object:
        for kind, value in blocks:
            if kind == "inline":
                self.run.append(str(value))
                continue
            self.end_run()
            if kind == "heading":
                self.heading(str(value))
            elif kind == "text":
                self.texts.append(str(value))
            elif kind == "item":
                self.result.setdefault("items", []).append(value)
            elif kind in ("media", "action", "node"):
                {"media": self.media, "action": self.actions, "node": self.extras}[kind].append(value)
            elif kind == "icon":
                icon = self.markup.reader.unknown(value, join_path(self.path, "icon"), "component")
                self.result.setdefault("icon", icon)
        self.end_run()
        return self.finish()

    def end_run(self) -> None:
        text = tidy_text("".join(self.run))
        self.run.clear()
        if not text:
            return
        if not self.texts and "heading" not in self.result and "eyebrow" not in self.result:
            self.result["eyebrow"] = text  # short text before the heading or text; plain text if nothing follows
        else:
            self.texts.append(text)

    def heading(self, text: str) -> None:
        if "heading" in self.result:
            self.texts.append(text)
        else:
            self.result["heading"] = text

    def finish(self) -> object:
        if "eyebrow" in self.result and "heading" not in self.result and not self.texts:
            self.texts.insert(0, self.result.pop("eyebrow"))
        if self.texts:
            self.result["text"] = "\n\n".join(self.texts)
        self.plural(self.media, "image", "images", self.markup.media)
        self.plural(self.actions, "action", "actions", self.markup.link_or_text)
        if self.extras:
            key = join_path(self.path, "content")
            self.result["content"] = [self.markup.reader.value(n, f"{key}[{i}]") for i, n in enumerate(self.extras)]
        if set(self.result) == {"text"}:
            return self.result["text"]
        return self.result

    def plural(self, nodes: list[Node], one: str, many: str, read) -> None:
        if len(nodes) == 1:
            self.result[one] = read(nodes[0], join_path(self.path, one))
        elif nodes:
            self.result[many] = [read(node, f"{join_path(self.path, many)}[{i}]") for i, node in enumerate(nodes)]
