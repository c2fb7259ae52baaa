"""Names and paths inside a block's props, read the same way by the filler, validation and editing: a
constraint's path form (``members[].photo``) and what a key's words say it holds (a link, a button's text)."""

import re

_SLOT_INDEX = re.compile(r"\[\d*\]")
_KEY_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_TOKENS = re.compile(r"[^.\[\]]+|\[\d+\]")
LINK_WORDS = frozenset({"url", "href", "link"})
LINK_KEYS = frozenset({"href", "url", "link", "src", "formAction"})
# Links to profiles and tools elsewhere (``linkedinUrl``, ``social.linkedin``), which only the site's own data
# could give: never a place for the site's sentences nor for its own pages.
PROFILE_WORDS = frozenset({"linkedin", "twitter", "x", "facebook", "instagram", "github", "youtube", "tiktok",
                           "dribbble", "behance", "website", "social", "profile", "portfolio", "map", "calendar",
                           "booking"})  # fmt: skip


def slot_key(path: str) -> str:
    """``members[2].photo`` → ``members[].photo`` (the form media slots and constraints are keyed by)."""
    return _SLOT_INDEX.sub("[]", path)


def key_words(key: str) -> list[str]:
    """``buttonUrl`` → [button, url]; snake and kebab case alike."""
    return [word.lower() for word in _KEY_WORD.findall(key)]


def is_link_key(key: str) -> bool:
    """A key whose text value is a link: ``href``, ``src``, ``formAction``, a profile elsewhere (``linkedin``), or
    one ending in Url/Href/Link (``buttonUrl``, ``ctaHref``; not ``linkText``)."""
    if key in LINK_KEYS or key.lower() in PROFILE_WORDS:
        return True
    words = key_words(key)
    return len(words) > 1 and words[-1] in LINK_WORDS


def get_path(props: object, path: str):
    """The value at ``path`` (``items[2].title``), None where there is none."""
    parent, key = _parent(props, path)
    if parent is None:
        return None
    try:
        return parent[key]
    except (KeyError, IndexError, TypeError):
        return None


def _parent(props: object, path: str):
    tokens = _TOKENS.findall(path)
    node = props
    for token in tokens[:-1]:
        try:
            node = node[int(token[1:-1])] if token.startswith("[") else node[token]
        except (KeyError, IndexError, TypeError, ValueError):
            return None, None
    if not tokens:
        return None, None
    last = tokens[-1]
    return node, int(last[1:-1]) if last.startswith("[") else last


def set_path(props: object, path: str, value: object) -> bool:
    """Set the value at ``path`` (a missing last key is added); False where the path leads nowhere."""
    parent, key = _parent(props, path)
    if parent is None:
        return False
    try:
        parent[key] = value
    except (IndexError, TypeError):
        return False
    return True


def delete_path(props: object, path: str) -> bool:
    """Remove the value at ``path``; False where there is none."""
    parent, key = _parent(props, path)
    if parent is None:
        return False
    try:
        del parent[key]
    except (KeyError, IndexError, TypeError):
        return False
    return True


def text_paths(props: object, path: str = "") -> list[str]:
    """Every string prop path that is text (not a link, media or id)."""
    paths = []
    if isinstance(props, dict):
        for key, value in props.items():
            sub = f"{path}.{key}" if path else key
            if isinstance(value, str) and not is_link_key(key) and key not in ("id", "alt", "icon", "type"):
                paths.append(sub)
            elif isinstance(value, dict | list):
                paths += text_paths(value, sub)
    elif isinstance(props, list):
        for index, value in enumerate(props):
            paths += text_paths(value, f"{path}[{index}]")
    return paths
