"""Contract checks and deterministic repair of a block's props, used by both providers and by later edits.

``validate_block`` lists every way a block breaks its component's contract: unknown or deprecated component,
site capabilities the site lacks, the JSON Schema, the ``x-prop-constraints`` (required, maxLength, minItems,
maxItems, also on nested paths like ``members[].name``), media slots (the URL must be an active media record of
this website with an allowed role and size), plus our own safety rules: plain text only (no markup) and links
that are site paths, ``#anchors``, http(s), ``mailto:`` or ``tel:``.

``repair_block`` fixes what can be fixed without a model (strip markup, cut text at a word boundary, trim
arrays, fill required text from site data, replace or drop invalid media, drop unsafe links) and says what it
did; a block that still breaks its contract is dropped by the caller. Nothing invalid is ever stored.
"""

import copy
import html
import re
from dataclasses import dataclass

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from pagebuilder.candidates import contract
from pagebuilder.context import WebsiteContext
from pagebuilder.copywriter import cut
from pagebuilder.media import fits_slot
from pagebuilder.prop_paths import delete_path, get_path, is_link_key, set_path, slot_key
from pagebuilder.structure import Violation
from registry.models import AiSemanticComponent

_MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|&(?:lt|gt|#0*60|#x0*3c);", re.I)
_SCRIPTISH = re.compile(r"<\s*(script|style|iframe|object|embed|template)\b.*?<\s*/\s*\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SAFE_URL = re.compile(r"^(?:/(?!/)|#|https?://|mailto:|tel:)", re.I)
MAX_TEXT = 5000


@dataclass
class RepairResult:
    props: dict
    repairs: list[str]
    violations: list[Violation]

    @property
    def ok(self) -> bool:
        return not self.violations


def _schema_only(schema: dict) -> dict:
    return {key: value for key, value in schema.items() if not key.startswith("x-")}


def _path(parts) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _walk(value: object, path: str = ""):
    """Every (path, key, value) in a props tree, leaves and containers alike."""
    if isinstance(value, dict):
        for key, sub in value.items():
            sub_path = f"{path}.{key}" if path else str(key)
            yield sub_path, str(key), sub
            yield from _walk(sub, sub_path)
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            sub_path = f"{path}[{index}]"
            yield sub_path, "", sub
            yield from _walk(sub, sub_path)


def _resolve(props: object, pattern: str) -> list[tuple[str, object, bool]]:
    """Values at a constraint path like ``members[].photo``: (concrete path, value, present)."""
    results = [("", props, True)]
    for segment in pattern.split("."):
        is_array, name = segment.endswith("[]"), segment.removesuffix("[]")
        next_results = []
        for path, value, present in results:
            if not present:
                continue
            if name:
                child_path = f"{path}.{name}" if path else name
                has = isinstance(value, dict) and name in value and value[name] not in (None, "")
                child = value.get(name) if isinstance(value, dict) else None
            else:
                child_path, has, child = path, True, value
            if is_array:
                if has and isinstance(child, list):
                    next_results.extend((f"{child_path}[{i}]", item, True) for i, item in enumerate(child))
                else:
                    next_results.append((child_path, None, False))
            else:
                next_results.append((child_path, child, has))
        results = next_results
    return results


def media_src(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("src"), str):
        return value["src"]
    return None


def validate_block(
    component: AiSemanticComponent | None, component_id: str, props: object, context: WebsiteContext
) -> list[Violation]:
    """Every contract and safety rule the block breaks (empty when it is valid)."""
    if component is None:
        return [Violation("", "unknown_component", f"{component_id!r} is not a registered component")]
    if component.deprecated:
        replacement = component.replacement_component_id
        hint = f"; use {replacement!r} instead" if replacement else ""
        return [Violation("", "deprecated", f"{component_id!r} is deprecated{hint}")]
    schema = contract(component)
    violations: list[Violation] = []
    missing = [c for c in schema.get("x-requires-site-capabilities") or [] if c not in context.capabilities]
    if missing:
        violations.append(Violation("", "capability", f"the site has no {', '.join(missing)} data this block needs"))
    if not isinstance(props, dict):
        return [*violations, Violation("", "type", "props must be an object")]
    violations += _unknown_prop_violations(schema, props)
    violations += _schema_violations(schema, props)
    violations += _constraint_violations(schema, props)
    violations += _media_violations(schema, props, context)
    violations += _safety_violations(schema, props, context)
    unique: dict[tuple[str, str], Violation] = {}
    for violation in violations:
        unique.setdefault((violation.path, violation.rule), violation)
    return list(unique.values())


def _unknown_prop_violations(schema: dict, props: dict) -> list[Violation]:
    """Props the contract does not name, at any depth (``items[1].badge``): a renderer ignores them at best, so
    they are flagged (and the repair drops them). An object the contract lists no properties for, or one that
    allows others, accepts any name."""
    return list(_unknown_props(schema, props, ""))


def _unknown_props(schema: object, value: object, path: str):
    if not isinstance(schema, dict):
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unknown_props(schema.get("items"), item, f"{path}[{index}]")
        return
    known = schema.get("properties")
    if not isinstance(value, dict) or not isinstance(known, dict) or not known:
        return
    for key, item in value.items():
        sub_path = f"{path}.{key}" if path else str(key)
        if key in known:
            yield from _unknown_props(known[key], item, sub_path)
        elif schema.get("additionalProperties") is not True:
            names = ", ".join(list(known)[:12])
            what = "a prop of this block" if not path else f"a field of {re.sub(r'\[\d+\]', '[]', path)}"
            yield Violation(sub_path, "unknown_prop", f"{key!r} is not {what} (it has: {names})")


def _schema_violations(schema: dict, props: dict) -> list[Violation]:
    try:
        validator = Draft202012Validator(_schema_only(schema))
        errors = list(validator.iter_errors(props))
    except SchemaError as error:
        return [Violation("", "schema", f"the component's props schema is invalid ({error.message})")]
    violations = []
    for error in errors:
        path = _path(error.absolute_path)
        rule = error.validator if isinstance(error.validator, str) else "schema"
        violations.append(Violation(path, rule, cut(error.message, 200)))
    return violations


def _constraint_violations(schema: dict, props: dict) -> list[Violation]:
    violations = []
    for required in schema.get("x-required-props") or []:
        if props.get(required) in (None, "", [], {}):
            violations.append(Violation(required, "required", f"'{required}' is required"))
    for pattern, rules in (schema.get("x-prop-constraints") or {}).items():
        if not isinstance(rules, dict):
            continue
        for path, value, present in _resolve(props, pattern):
            if rules.get("required") and (not present or value in ([], {})):
                if "[]" in pattern and path.split("[")[0] not in props:
                    continue  # the list itself is absent: reported once for the list
                violations.append(Violation(path, "required", f"'{path}' is required"))
                continue
            if not present:
                continue
            if isinstance(rules.get("maxLength"), int) and isinstance(value, str) and len(value) > rules["maxLength"]:
                violations.append(
                    Violation(path, "maxLength", f"'{path}' is {len(value)} characters; at most {rules['maxLength']}")
                )
            if isinstance(value, list):
                if isinstance(rules.get("minItems"), int) and len(value) < rules["minItems"]:
                    violations.append(
                        Violation(
                            path, "minItems", f"'{path}' has {len(value)} items; needs at least {rules['minItems']}"
                        )
                    )
                if isinstance(rules.get("maxItems"), int) and len(value) > rules["maxItems"]:
                    violations.append(
                        Violation(path, "maxItems", f"'{path}' has {len(value)} items; at most {rules['maxItems']}")
                    )
    return violations


def _media_violations(schema: dict, props: dict, context: WebsiteContext) -> list[Violation]:
    violations = []
    library = context.media_by_url()
    for pattern, slot in (schema.get("x-media-slots") or {}).items():
        if not isinstance(slot, dict):
            continue
        for path, value, present in _resolve(props, slot.get("path") or pattern):
            if not present:
                if slot.get("required") and (path.split("[")[0].split(".")[0] in props or "[]" not in pattern):
                    violations.append(
                        Violation(path, "media_required", f"'{path}' needs a photo from the media library")
                    )
                continue
            src = media_src(value)
            item = library.get(src or "")
            if item is None:
                violations.append(
                    Violation(path, "media", f"'{path}' must be a URL from this website's media library, not {src!r}")
                )
            elif not fits_slot(item, slot):
                roles = ", ".join(slot.get("roles") or []) or "any"
                violations.append(
                    Violation(
                        path,
                        "media_role",
                        f"'{path}' is a {item.role} ({item.pixel_class}); this slot takes {roles} "
                        f"of at least {slot.get('minPixelClass') or 'any'} size",
                    )
                )
    return violations


def _slot_paths(schema: dict) -> set[str]:
    return {slot_key(str(slot.get("path") or key)) for key, slot in (schema.get("x-media-slots") or {}).items()
            if isinstance(slot, dict)}  # fmt: skip


def _safety_violations(schema: dict, props: dict, context: WebsiteContext) -> list[Violation]:
    violations = []
    slots = _slot_paths(schema)
    library = context.media_by_url()
    for path, key, value in _walk(props):
        if not isinstance(value, str):
            continue
        if _MARKUP.search(value) or _CONTROL.search(value):
            violations.append(Violation(path, "markup", f"'{path}' must be plain text (no HTML or control characters)"))
        if len(value) > MAX_TEXT:
            violations.append(Violation(path, "maxLength", f"'{path}' is longer than {MAX_TEXT} characters"))
        if is_link_key(key) and not _SAFE_URL.match(value.strip()):
            violations.append(
                Violation(path, "url", f"'{path}' must be a site path, #anchor, http(s), mailto: or tel: link")
            )
        in_slot = slot_key(path).removesuffix(".src") in slots or slot_key(path) in slots
        if key == "src" and not in_slot and value not in library:
            violations.append(Violation(path, "media", f"'{path}' must be a URL from this website's media library"))
    return violations


# -- deterministic repair --------------------------------------------------------------------------------------


def plain_text(value: str) -> str:
    """``value`` without markup: script-like elements lose their content, other tags are removed."""
    text = _SCRIPTISH.sub(" ", value)
    text = _TAG.sub(" ", html.unescape(_TAG.sub(" ", text)))
    text = _CONTROL.sub("", text).replace("<", "").replace(">", "")
    return " ".join(text.split())


def _limit_for(schema: dict, path: str) -> int | None:
    rules = (schema.get("x-prop-constraints") or {}).get(slot_key(path)) or {}
    return rules.get("maxLength") if isinstance(rules.get("maxLength"), int) else None


def repair_block(
    component: AiSemanticComponent | None,
    component_id: str,
    props: object,
    context: WebsiteContext,
    fill_text=None,
) -> RepairResult:
    """Fix what rules can fix; ``fill_text(path, max_length) -> str | None`` writes missing required text.

    Runs the fixes to a fixed point (at most three passes) and returns what is still wrong.
    """
    props = copy.deepcopy(props) if isinstance(props, dict) else {}
    repairs: list[str] = []
    for _ in range(3):
        violations = validate_block(component, component_id, props, context)
        if not violations or any(v.rule in ("unknown_component", "deprecated", "capability") for v in violations):
            return RepairResult(props, repairs, violations)
        changed = False
        # Deepest paths first, so deleting an item never shifts the index of a later fix.
        for violation in sorted(violations, key=lambda v: v.path, reverse=True):
            fixed = _repair_one(contract(component), violation, props, context, fill_text)
            if fixed:
                repairs.append(fixed)
                changed = True
        if not changed:
            break
    return RepairResult(props, repairs, validate_block(component, component_id, props, context))


def _repair_one(schema: dict, violation: Violation, props: dict, context: WebsiteContext, fill_text) -> str | None:
    path, rule = violation.path, violation.rule
    value = get_path(props, path) if path else props
    if rule == "unknown_prop" and delete_path(props, path):
        return f"removed {path}, which the block does not have"
    if rule == "markup" and isinstance(value, str):
        set_path(props, path, plain_text(value))
        return f"removed markup from {path}"
    if rule == "maxLength" and isinstance(value, str):
        limit = _limit_for(schema, path) or MAX_TEXT
        set_path(props, path, cut(value, limit))
        return f"shortened {path} to {limit} characters"
    if rule == "maxItems" and isinstance(value, list):
        limit = ((schema.get("x-prop-constraints") or {}).get(slot_key(path)) or {}).get("maxItems")
        if isinstance(limit, int):
            set_path(props, path, value[:limit])
            return f"kept the first {limit} items of {path}"
    if rule == "url":
        delete_path(props, path) if path.rsplit(".", 1)[-1] != "href" else set_path(props, path, "/")
        return f"replaced the unsafe link in {path}"
    if rule in ("media", "media_role"):
        return _repair_media(schema, path, props, context)
    if rule in ("required", "minLength") and value in (None, "") and fill_text is not None:
        text = fill_text(path, _limit_for(schema, path))
        if text and set_path(props, path, text):
            return f"filled {path} from the site's data"
    if rule == "type" and isinstance(value, str | int | float) and not isinstance(value, bool):
        return _coerce(path, value, props)
    return None


def _coerce(path: str, value: object, props: dict) -> str | None:
    if isinstance(value, str):
        try:
            set_path(props, path, float(value) if "." in value else int(value))
            return f"read {path} as a number"
        except ValueError:
            return None
    set_path(props, path, str(value))
    return f"wrote {path} as text"


def _repair_media(schema: dict, path: str, props: dict, context: WebsiteContext) -> str:
    slot = next(
        (s for key, s in (schema.get("x-media-slots") or {}).items()
         if isinstance(s, dict) and slot_key(str(s.get("path") or key)) == slot_key(path)),
        None,
    )  # fmt: skip
    used = {media_src(v) for _, _, v in _walk(props)}
    if slot is not None and not re.search(r"(photo|portrait|avatar)$", path):  # never swap in someone else's face
        replacement = next((m for m in context.media if fits_slot(m, slot) and m.url not in used), None)
        if replacement is not None:
            current = get_path(props, path)
            value = (
                {**current, "src": replacement.url, "alt": replacement.alt or replacement.title}
                if isinstance(current, dict)
                else replacement.url
            )
            set_path(props, path, value)
            return f"replaced the media at {path} with {replacement.title or replacement.url}"
    delete_path(props, path)
    return f"removed the media at {path} (not an allowed asset of this website)"
