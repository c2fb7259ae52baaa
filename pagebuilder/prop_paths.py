"""Names and paths inside a block's props, read the same way by the filler, validation and editing: a
constraint's path form (``members[].photo``) and what a key's words say it holds (a link, a button's text)."""

import re

_SLOT_INDEX = re.compile(r"\[\d*\]")
_KEY_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
LINK_WORDS = frozenset({"url", "href", "link"})
LINK_KEYS = frozenset({"href", "url", "link", "src", "formAction"})


def slot_key(path: str) -> str:
    """``members[2].photo`` → ``members[].photo`` (the form media slots and constraints are keyed by)."""
    return _SLOT_INDEX.sub("[]", path)


def key_words(key: str) -> list[str]:
    """``buttonUrl`` → [button, url]; snake and kebab case alike."""
    return [word.lower() for word in _KEY_WORD.findall(key)]


def is_link_key(key: str) -> bool:
    """A key whose text value is a link: ``href``, ``src``, ``formAction``, or one ending in Url/Href/Link
    (``buttonUrl``, ``ctaHref``; not ``linkText``)."""
    if key in LINK_KEYS:
        return True
    words = key_words(key)
    return len(words) > 1 and words[-1] in LINK_WORDS
