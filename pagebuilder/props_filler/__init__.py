"""Offline props: a block's example props, re-written with the site's own data.

The walk follows the shape of the contract's ``x-example-props``. Lists that need real data are bound to the
facts the editor supplied (``records``); with too few facts the list comes out short and validation refuses the
block, so the planner moves on to the next candidate. Media slots take the site's own assets (``media_slots``),
buttons lead to the site's own pages (``links``), and texts come from ``Copywriter`` within the contract's length
limits (``texts``). UI configuration values of the example (icon names, form fields, layout switches) are kept.
"""

import json

from pagebuilder.context import WebsiteContext
from pagebuilder.copywriter import Copywriter, cut
from pagebuilder.prop_paths import is_link_key, slot_key
from pagebuilder.props_filler.keys import FACT_KEYS, KEEP_KEYS, MISSING
from pagebuilder.props_filler.links import Links, is_action, is_button_list
from pagebuilder.props_filler.media_slots import asset_for, gallery_records, is_gallery_list, slot_value
from pagebuilder.props_filler.records import BlockRecords
from pagebuilder.props_filler.texts import TITLE_KEYS, BlockTexts
from pagebuilder.structure import Candidate
from registry.jsx_examples import is_placeholder, literal_only


def filled_share(props: dict, example: dict) -> float:
    """How much of the example's content the filled props carry: their texts, numbers and media over those of
    the example's literal parts (at most 1; 1 for an example with none)."""
    wanted = _leaves(literal_only(example))
    return 1.0 if not wanted else min(_leaves(props) / wanted, 1.0)


def _leaves(value: object) -> int:
    if isinstance(value, dict):
        return sum(_leaves(item) for item in value.values())
    if isinstance(value, list):
        return sum(_leaves(item) for item in value)
    if isinstance(value, bool) or value is None:
        return 0
    return 1 if isinstance(value, int | float) or (isinstance(value, str) and value.strip()) else 0


class PropsFiller:
    """Fills blocks for one page; remembers which media it used so sections do not repeat photos."""

    def __init__(self, context: WebsiteContext, writer: Copywriter, slug: str = "") -> None:
        self.context = context
        self.writer = writer
        self.slug = slug
        self.used_media: set[str] = set()
        self.said: set[str] = set()  # the texts of the sections kept so far (``keep``)
        self.reserved: set[str] = set()  # the sections the page has still to write, whose facts wait for them

    # -- entry point -------------------------------------------------------------------------------------------

    def fill(self, candidate: Candidate, semantic_type: str) -> dict:
        self.candidate = candidate
        self.semantic_type = semantic_type
        self.slots = {slot_key(path): slot for path, slot in candidate.media_slots.items() if isinstance(slot, dict)}
        # Made anew for each block: the texts remember what this block said, the records what it shows.
        self.links = Links(self.context, self.writer, self.slug)
        self.texts = BlockTexts(self.context, self.writer, semantic_type, self.links, self.said)
        self.records = BlockRecords(
            self.context, self.writer, semantic_type, candidate.capabilities, self.said, self.reserved
        )
        example = candidate.example_props if isinstance(candidate.example_props, dict) else {}
        record = self.records.top_level(example)
        props = self._object(example, "", record)
        for name in candidate.required_props:  # required props the example lacks
            if name not in props:
                value = self._string(name, "", name, 0, record)
                if value is not MISSING:
                    props[name] = value
        return props

    def keep(self, props: object) -> None:
        """Remember the texts of a section the page keeps, so later sections say something else."""
        self.said |= texts_of(props)

    # -- constraints -------------------------------------------------------------------------------------------

    def _limit(self, path: str, key: str) -> int | None:
        rules = self.candidate.constraints.get(slot_key(path)) or {}
        limit = rules.get("maxLength") if isinstance(rules, dict) else None
        return limit if isinstance(limit, int) else None

    def _bounds(self, path: str, example_len: int) -> tuple[int, int, int]:
        rules = self.candidate.constraints.get(slot_key(path)) or {}
        low = rules.get("minItems") if isinstance(rules.get("minItems"), int) else 0
        high = rules.get("maxItems") if isinstance(rules.get("maxItems"), int) else max(example_len, 1) * 2
        wanted = min(max(example_len, low, 1), high)
        return low, high, wanted

    # -- walking -----------------------------------------------------------------------------------------------

    def _value(self, example: object, path: str, key: str, index: int, record: dict | None) -> object:
        if is_placeholder(example):  # code the example ran (a callback, an icon): nothing of the site's to write
            return MISSING
        if slot_key(path) in self.slots:
            return self._media_value(example, self.slots[slot_key(path)], record)
        if isinstance(example, dict):
            if is_action(example, key):
                return self._action(example, key, index)
            sub_record = self.records.sub_record(key, record)
            value = self._object(example, path, sub_record)
            return value if value else MISSING
        if isinstance(example, list):
            return self._list(example, path, key, record)
        if isinstance(example, str):
            return self._string(key, path, example, index, record)
        if record is not None and key in record:
            return MISSING if record[key] is None else record[key]
        if key in FACT_KEYS:
            return MISSING
        return example

    def _object(self, example: dict, path: str, record: dict | None) -> dict:
        result = {}
        for index, (key, sub_example) in enumerate(example.items()):
            sub_path = f"{path}.{key}" if path else key
            value = self._value(sub_example, sub_path, key, index, record)
            if value is not MISSING:
                result[key] = value
        return result

    def _list(self, example: list, path: str, key: str, record: dict | None) -> object:
        item_path = f"{path}[]"
        sample = example[0] if example else ""
        if record is not None and isinstance(record.get(key), list):
            source = record[key]
        else:
            source = self._list_source(key, sample, item_path)
        shown = _record_texts(source)
        if shown and shown <= self.said:
            return MISSING  # facts an earlier section of the page shows already (the figures of a stats section)
        _, high, wanted = self._bounds(path, len(example))
        if source is None:  # generated list
            if isinstance(sample, str) and key in KEEP_KEYS:
                return list(example)
            if key in FACT_KEYS:
                return MISSING
            if isinstance(sample, str) and "[" in path:
                return MISSING  # an item's own bullet points: the site's data states none, filler would repeat it
            if self._lists_offers(sample, path):  # every offer the site names, not only as many as the example
                wanted = max(wanted, min(len(self.writer.topics), high))
            source = [None] * wanted
        if is_button_list(sample, key):
            actions = [self._action(sample, key, index) for index in range(min(wanted, 2))]
            actions = [action for action in actions if action is not MISSING]
            return _distinct(actions) or MISSING  # buttons lead to the site's own pages, never to a keyword
        items = []
        for index, item_record in enumerate(source[:high]):
            if isinstance(sample, dict):
                if isinstance(item_record, str):  # a fact's plain text where the example has objects
                    item_record = _text_record(sample, item_record)
                if isinstance(item_record, dict):
                    item_record = {**item_record, "_index": index, "_data": True}
                value = self._item(sample, f"{path}[{index}]", index, item_record)
            elif item_record is not None and not isinstance(item_record, dict):
                value = cut(str(item_record), self._limit(item_path, key))
            else:
                value = self._value(sample, f"{path}[{index}]", key, index, item_record)
            if value is not MISSING:
                items.append(value)
        items = _distinct(items)  # a list generated from little data repeats itself; say each thing once
        return items if items else MISSING

    def _lists_offers(self, sample: object, path: str) -> bool:
        """Whether a generated list's items are the site's offerings (``Copywriter.item_title``), not steps or
        link columns."""
        steps = self.semantic_type == "process" or "steps" in path or "columns" in path
        return isinstance(sample, dict) and bool(TITLE_KEYS & set(sample)) and not steps

    def _list_source(self, key: str, sample: object, item_path: str) -> list | None:
        """The data a list is bound to, or None when its items are written from the site's texts."""
        found = self.records.for_list(key, sample)
        if found is None and is_gallery_list(key, self.semantic_type):
            return gallery_records(self.context.media, self.slots, item_path, self.used_media)
        return found

    def _item(self, sample: dict, path: str, index: int, record: dict | None) -> object:
        value = self._object(sample, path, record if record is not None else {"_index": index})
        if not value:
            return MISSING  # nothing of the item could be written from the site's data
        titles = [key for key, example in sample.items() if key in TITLE_KEYS and isinstance(example, str)]
        if titles and not (record or {}).get("_data") and not any(key in value for key in titles):
            return MISSING  # an offer with no name (the site names no more): a card of filler is worse than none
        required_slots = [
            name for name, slot in self.slots.items() if slot.get("required") and name.startswith(slot_key(path) + ".")
        ]
        for name in required_slots:  # a person without their own photo is left out rather than shown wrongly
            leaf = name[len(slot_key(path)) + 1 :]
            if leaf not in value and "." not in leaf:
                return MISSING
        return value

    # -- leaves ------------------------------------------------------------------------------------------------

    def _string(self, key: str, path: str, example: str, index: int, record: dict | None) -> object:
        return self.texts.string(key, path, example, index, record, self._limit(path, key))

    def _action(self, example: dict, key: str, index: int) -> object:
        return self.links.action(example, key, index, self._limit(f"{key}.label", "label"))

    def _media_value(self, example: object, slot: dict, record: dict | None) -> object:
        item = asset_for(self.context.media, slot, record, self.writer.focus, self.used_media)
        if item is None:
            return MISSING
        self.used_media.add(item.url)
        return slot_value(example, item)


def texts_of(props: object) -> set[str]:
    """Every string in ``props``."""
    if isinstance(props, str):
        return {props}
    if isinstance(props, dict | list):
        return set().union(*(texts_of(value) for value in (props.values() if isinstance(props, dict) else props)))
    return set()


def _record_texts(records: list | None) -> set[str]:
    """The texts of the facts a list is bound to (not the filler's own keys, which start with "_")."""
    return {
        value
        for record in records or ()
        if isinstance(record, dict)
        for key, value in record.items()
        if isinstance(value, str) and value and not key.startswith("_")
    }


def _distinct(items: list) -> list:
    seen, kept = set(), []
    for item in items:
        key = json.dumps(item, sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def _text_record(sample: dict, text: str) -> dict | None:
    """``text`` under the example item's first text key that is not a link (``{"name": text}``), so the rest
    of the item is written as for any record; None when the item has no such key."""
    key = next((k for k, v in sample.items() if isinstance(v, str) and not is_link_key(k)), None)
    return {key: text} if key else None
