"""Texts of the filled props: a fact's field from its record, UI texts kept from the example, the site's contact
facts, an item's number, links and button labels (``links``), and otherwise the copywriter's words for the key (a
title, a short label, a paragraph), each cut to the contract's length and said once in a block."""

from pagebuilder.context import WebsiteContext
from pagebuilder.copywriter import Copywriter, capitalise, cut, fit
from pagebuilder.props_filler.keys import FACT_KEYS, KEEP_KEYS, MISSING
from pagebuilder.props_filler.links import Links

TITLE_KEYS = {"title", "headline", "heading", "name"}
ALTERNATIVES = 3
# Section texts that may carry what the editor stated (``Copywriter.stated``), once per block.
STATED_KEYS = {"subtitle", "intro", "description", "text", "body", "content", "summary", "message", "mission",
               "paragraphs"}  # fmt: skip
SHORT_KEYS = {"eyebrow", "kicker", "label", "tagline"}
TEXT_KEYS = {
    "subtitle", "description", "text", "body", "content", "detail", "summary", "intro", "message", "excerpt",
    "caption", "note", "mission", "bio", "footnote", "privacyNote", "specialNotice", "answer",
}  # fmt: skip


def in_list(path: str) -> bool:
    return path.endswith("]") or "]." in path


class BlockTexts:
    """The texts of one block of ``semantic_type``."""

    def __init__(
        self, context: WebsiteContext, writer: Copywriter, semantic_type: str, links: Links, page_said: set[str]
    ) -> None:
        self.context = context
        self.writer = writer
        self.semantic_type = semantic_type
        self.links = links
        self.written: set[str] = set()  # generated texts of this block: each is said once
        self.page_said = page_said  # texts earlier sections of the page say: not said again
        self.stated = False  # whether a text of this block carries the editor's statements

    def string(self, key: str, path: str, example: str, index: int, record: dict | None, limit: int | None) -> object:
        if record is not None and key in record and key != "_index":
            value = record[key]
            if value in (None, ""):
                return MISSING
            return cut(str(value), limit) if isinstance(value, str) else value
        if record is not None and record.get("_data"):
            return example if key in KEEP_KEYS else MISSING  # a fact's field the fact does not state
        if key in KEEP_KEYS:
            return example
        if key in FACT_KEYS:
            return self._fact_string(key, limit)
        link = self.links.text(key, limit)
        if link is not None:
            return link
        if example.strip().isdigit() and in_list(path):  # "01", "2": the item's number, padded like the example
            number = record.get("_index", index) if record else index
            return str(number + 1).zfill(len(example.strip()))
        for shift in range(ALTERNATIVES):  # the writer's next sentence when this one was said already
            text = self._generated(key, path, index + shift, record, limit)
            if not isinstance(text, str):
                return text
            if not text:
                return MISSING  # nothing of the site's to say here (no more offerings to name)
            if text not in self.written and text not in self.page_said and not self.writer.repeats(text):
                self.written.add(text)
                return text
        return MISSING  # the same words twice on the page (a panel repeating the section's title)

    def _generated(self, key: str, path: str, index: int, record: dict | None, limit: int | None) -> object:
        in_item = record is not None and "_index" in record
        index = record.get("_index", index) if record else index
        writer = self.writer
        if key == "id":
            return f"item-{index + 1}"
        if key == "alt":
            return MISSING
        if key == "copyright":
            return writer.copyright(limit)
        if key in TITLE_KEYS:
            if in_item:
                return self._item_title(path, index, limit)
            return writer.section_title(self.semantic_type, limit)
        if key in SHORT_KEYS:
            if in_item:
                return self._item_title(path, index, limit)
            if key == "tagline":
                return writer.phrase([writer.summary[0], writer.audience_line()], limit)
            return writer.phrase([capitalise(writer.focus), capitalise(self.context.brand.industry)], limit)
        if key in ("announcement",):
            return fit([writer.summary[-1]], limit)
        if in_item:
            if self.semantic_type == "process" or "steps" in path:
                return fit([writer.step(index, None)[1]], limit)
            return writer.item_text(index, limit)
        if key in STATED_KEYS and not self.stated:
            stated = writer.stated(self.semantic_type, limit)
            if stated:
                self.stated = True
                return stated
        if key in ("subtitle", "intro") or self.semantic_type == "hero":
            return writer.lead(limit) if index == 0 else writer.sentence(index, limit)
        if key == "paragraphs":
            return writer.sentence(index, limit)
        return self._section_text(index, limit)  # TEXT_KEYS and any other text the example has

    def _section_text(self, index: int, limit: int | None) -> str:
        writer = self.writer
        by_type = {
            "cta": [writer.audience_line(), writer.sentence(0), *writer.own_cta_titles()],
            "contact": [f"Send {writer.name} a message and we will reply as soon as we can.", "Send us a message."],
            "faq": [f"Quick answers about {writer.name}.", "Quick answers."],
            "testimonials": ["In their own words."],
            "team": [f"The people behind {writer.name}."],
            "gallery": [f"Photos from {writer.name}."],
        }
        options = writer.rotated(by_type.get(self.semantic_type) or [writer.sentence(index + 1), writer.sentence(0)])
        shift = index % len(options)  # a later alternative when the first was said already (``string``)
        return fit(options[shift:] + options[:shift], limit)

    def _item_title(self, path: str, index: int, limit: int | None) -> str:
        if self.semantic_type == "process" or "steps" in path:
            return self.writer.step(index, limit)[0]
        if "columns" in path:
            return fit([("Visit", "Explore", "Help", "More", "Legal")[index % 5]], limit)
        return self.writer.item_title(index, limit)

    def _fact_string(self, key: str, limit: int | None) -> object:
        facts = self.context.facts
        value = {
            "email": facts.email,
            "phone": facts.phone,
            "address": facts.address,
            "mapQuery": f"{self.context.name}, {facts.address}" if facts.address else "",
        }.get(key, "")
        return cut(value, limit) if value else MISSING
