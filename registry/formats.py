"""Registry files in the three shapes we accept, read into one record type.

- ``plan``: the original plan's ``registry.json``, a list of ``{id, category, semantic_tags, display_name,
  description, import_path, props_schema, bundle_size_kb}``;
- ``export``: @opensite/ui's ``registry-export.json``, ``{metadata, blocks: [{id, name, description,
  semanticTags, category, props, exampleUsage}]}``;
- ``contract``: @opensite/ui's ``builder-contract-bundle.json``, ``{metadata, blocks: [{componentId, blockName,
  blockRef, …, usageRequirements}]}``.

A malformed file raises ``RegistryFileError`` with one sentence; a malformed entry is skipped and reported with
its index and reason while the rest is read.
"""

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from registry.contracts import (
    ContractError,
    block_name_from_import_path,
    contract_props_schema,
    export_props_schema,
    plan_props_schema,
)
from registry.jsx_examples import ExampleParse, parse_example

DEFAULT_PACKAGE = "@opensite/ui"
FORMATS = ("plan", "export", "contract")

# The library's categories are finer than the semantic section types the page planner thinks in.
SEMANTIC_TYPES = {
    "background-pattern-hero": "hero",
    "services-list": "services",
    "service-detail": "services",
    "project-list": "portfolio",
    "project-detail": "portfolio",
    "case-studies-list": "case-studies",
    "case-study-detail": "case-studies",
    "resource-list": "resources",
    "resource-detail": "resources",
    "article": "blog",
    "offer-modal": "cta",
    "link-page": "links",
}


class RegistryFileError(Exception):
    """The whole file cannot be read; the message is one sentence saying why."""


class EntryError(ValueError):
    """One entry cannot be read; the message says why."""


@dataclass(frozen=True)
class ComponentRecord:
    component_id: str
    display_name: str
    category: str
    semantic_type: str
    semantic_tags: list[str]
    description: str
    import_path: str
    npm_package: str
    props_schema: dict
    version: str
    bundle_size_kb: float | None = None
    # How the JSX example of an export block was read (None for formats that carry example props as JSON).
    example: ExampleParse | None = None

    def source_fields(self) -> dict:
        """The row values this record sets, in a stable form for hashing and writing."""
        return {
            "display_name": self.display_name,
            "category": self.category,
            "semantic_type": self.semantic_type,
            "semantic_tags": self.semantic_tags,
            "description": self.description,
            "import_path": self.import_path,
            "npm_package": self.npm_package,
            "props_schema": self.props_schema,
            "version": self.version,
            "bundle_size_kb": self.bundle_size_kb,
        }

    def example_outcome(self) -> dict:
        """The parse outcome as stored on the sync state (empty values when there was no JSX to parse)."""
        example = self.example
        return {
            "example_status": example.status if example else "",
            "example_reason": example.reason if example else "",
            "non_literal_paths": list(example.non_literal_paths) if example else [],
        }


@dataclass(frozen=True)
class SkippedEntry:
    index: int
    component_id: str | None
    reason: str


@dataclass
class ParsedRegistry:
    format: str
    records: list[ComponentRecord] = field(default_factory=list)
    skipped: list[SkippedEntry] = field(default_factory=list)


def load_registry_file(path: Path, fmt: str = "auto", *, contracts: Mapping[str, dict] | None = None) -> ParsedRegistry:
    """Read a registry file; ``contracts`` (from ``load_contract_overrides``) tightens export blocks' contracts."""
    return parse_registry(_read_json(path), fmt, name=str(path), contracts=contracts)


def load_contract_overrides(path: Path) -> dict[str, dict]:
    """A builder contract bundle as ``{componentId: block}``, whose stated requirements override inference."""
    data = _read_json(path)
    if detect_format(data) != "contract" and not (isinstance(data, dict) and data.get("blocks") == []):
        raise RegistryFileError(f"{path} is not a builder contract bundle (an object whose 'blocks' have componentId).")
    blocks = [block for block in data["blocks"] if isinstance(block, dict)]
    return {block["componentId"]: block for block in blocks if isinstance(block.get("componentId"), str)}


def _read_json(path: Path) -> object:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RegistryFileError(f"{path} does not exist.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryFileError(f"{path} cannot be read: {exc}.") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RegistryFileError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    return data


def detect_format(data: object) -> str | None:
    if isinstance(data, list):
        return "plan"
    if isinstance(data, dict) and isinstance(data.get("blocks"), list):
        first = next((b for b in data["blocks"] if isinstance(b, dict)), {})
        if "componentId" in first or "usageRequirements" in first or "propsContract" in first:
            return "contract"
        return "export"
    if isinstance(data, dict) and isinstance(data.get("components"), list):
        return "plan"
    return None


def parse_registry(
    data: object, fmt: str = "auto", *, name: str = "The registry file", contracts: Mapping[str, dict] | None = None
) -> ParsedRegistry:
    detected = detect_format(data)
    if fmt == "auto":
        fmt = detected or ""
    if fmt not in FORMATS:
        raise RegistryFileError(
            f"{name} has an unknown shape: expected a plan registry (a list of components), an @opensite/ui "
            "registry export or a builder contract bundle (an object with a 'blocks' list)."
        )
    empty_bundle = isinstance(data, dict) and data.get("blocks") == [] and fmt in ("export", "contract")
    if detected != fmt and not empty_bundle:
        raise RegistryFileError(f"{name} is not in the {fmt} format (it looks like {detected or 'neither'}).")
    entries = data if isinstance(data, list) else data.get("blocks") or data.get("components")
    metadata = data.get("metadata") if isinstance(data, dict) and isinstance(data.get("metadata"), dict) else {}
    version = str(metadata.get("uiVersion") or metadata.get("version") or "1.0.0")
    package = str(metadata.get("source") or DEFAULT_PACKAGE)
    if contracts and fmt != "export":
        raise RegistryFileError(f"Contract overrides apply to a registry export only; {name} is in the {fmt} format.")
    reader = partial(_read_export, contracts=contracts or {}) if fmt == "export" else _READERS[fmt]
    return _read_entries(entries, reader, fmt=fmt, version=version, package=package)


def _read_entries(entries: list, reader: Callable, *, fmt: str, version: str, package: str) -> ParsedRegistry:
    parsed = ParsedRegistry(format=fmt)
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        entry_id = _entry_id(entry)
        try:
            if not isinstance(entry, dict):
                raise EntryError(f"entry is a {type(entry).__name__}, not an object")
            record = reader(entry, version=version, package=package)
            if record.component_id in seen:
                raise EntryError(f"duplicate id {record.component_id!r} (an earlier entry has it)")
        except (EntryError, ContractError) as exc:
            parsed.skipped.append(SkippedEntry(index=index, component_id=entry_id, reason=str(exc)))
            continue
        seen.add(record.component_id)
        parsed.records.append(record)
    return parsed


def _entry_id(entry: object) -> str | None:
    if isinstance(entry, dict):
        value = entry.get("componentId", entry.get("id"))
        return value if isinstance(value, str) else None
    return None


def _text(entry: dict, key: str, *, required: bool = True, default: str = "") -> str:
    value = entry.get(key)
    if value is None or value == "":
        if required:
            raise EntryError(f"'{key}' is missing")
        return default
    if not isinstance(value, str):
        raise EntryError(f"'{key}' must be a string, not {type(value).__name__}")
    return value.strip()


def _identifier(entry: dict, key: str) -> str:
    value = _text(entry, key)
    if len(value) > 255 or any(ch.isspace() for ch in value):
        raise EntryError(f"'{key}' must be a short identifier without spaces, got {value[:40]!r}")
    return value


def _tags(entry: dict, key: str) -> list[str]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise EntryError(f"'{key}' must be a list of strings")
    return list(dict.fromkeys(tag.strip().lower() for tag in value if tag.strip()))


def _object(entry: dict, key: str) -> dict:
    value = entry.get(key) or {}
    if not isinstance(value, dict):
        raise EntryError(f"'{key}' must be an object, not {type(value).__name__}")
    return value


def _size(entry: dict, key: str) -> float | None:
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise EntryError(f"'{key}' must be a non-negative number")
    return round(float(value), 2)


def _semantic_type(category: str) -> str:
    return SEMANTIC_TYPES.get(category, category)


def _read_plan(entry: dict, *, version: str, package: str) -> ComponentRecord:
    component_id, category = _identifier(entry, "id"), _identifier(entry, "category")
    import_path = _text(entry, "import_path", required=False, default=f"blocks/{category}/{component_id}")
    schema = entry.get("props_schema")
    schema = {} if schema is None else schema
    if not isinstance(schema, dict):
        raise EntryError("'props_schema' must be an object")
    return ComponentRecord(
        component_id=component_id,
        display_name=_text(entry, "display_name", required=False, default=component_id),
        category=category,
        semantic_type=_semantic_type(category),
        semantic_tags=_tags(entry, "semantic_tags"),
        description=_text(entry, "description", required=False),
        import_path=import_path,
        npm_package=_text(entry, "npm_package", required=False, default=package),
        props_schema=plan_props_schema(schema, block_name=block_name_from_import_path(import_path)),
        version=_text(entry, "version", required=False, default=version),
        bundle_size_kb=_size(entry, "bundle_size_kb"),
    )


def _read_export(
    entry: dict, *, version: str, package: str, contracts: Mapping[str, dict] | None = None
) -> ComponentRecord:
    component_id, category = _identifier(entry, "id"), _identifier(entry, "category")
    props_type = _text(entry, "props", required=False)
    example_usage = _text(entry, "exampleUsage", required=False)
    example = parse_example(example_usage)
    return ComponentRecord(
        component_id=component_id,
        display_name=_text(entry, "name", required=False, default=component_id),
        category=category,
        semantic_type=_semantic_type(category),
        semantic_tags=_tags(entry, "semanticTags"),
        description=_text(entry, "description", required=False),
        import_path=f"blocks/{category}/{component_id}",
        npm_package=package,
        props_schema=export_props_schema(
            component_id=component_id,
            category=category,
            props_type=props_type,
            example_usage=example_usage,
            example=example,
            fallback_block_name=block_name_from_import_path(component_id),
            bundle=(contracts or {}).get(component_id),
        ),
        version=version,
        bundle_size_kb=_size(entry, "bundleSizeKb"),
        example=example,
    )


def _read_contract(entry: dict, *, version: str, package: str) -> ComponentRecord:
    component_id, category = _identifier(entry, "componentId"), _identifier(entry, "category")
    source = _object(entry, "source")
    module_path = source.get("modulePath") if isinstance(source.get("modulePath"), str) else ""
    block_ref = _text(entry, "blockRef", required=False, default=f"{category}/{component_id}")
    import_path = module_path.removeprefix(f"{package}/") if module_path else f"blocks/{block_ref}"
    return ComponentRecord(
        component_id=component_id,
        display_name=_text(entry, "displayName", required=False, default=component_id),
        category=category,
        semantic_type=_semantic_type(category),
        semantic_tags=_tags(entry, "semanticTags"),
        description=_text(entry, "description", required=False),
        import_path=import_path,
        npm_package=package,
        props_schema=contract_props_schema(
            entry,
            requirements=_object(entry, "usageRequirements"),
            examples=_object(entry, "examples"),
            props_contract=_object(entry, "propsContract"),
            block_name=_text(entry, "blockName", required=False) or block_name_from_import_path(import_path),
        ),
        version=version,
        bundle_size_kb=_size(entry, "bundleSizeKb"),
    )


_READERS = {"plan": _read_plan, "export": _read_export, "contract": _read_contract}
