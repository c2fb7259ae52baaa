"""Registry helpers: the bundled demo registry, and synthetic registry entries and files written for a test.

The demo registry (74 blocks) is synced once per session by the ``demo_registry`` fixture (tests/conftest.py);
a transactional test that needs it again calls ``resync_demo_registry()``. Synthetic registries use their own npm
package (``SYNTHETIC_PACKAGE``), so a prune of a synthetic file never touches the demo components (which belong
to ``@opensite/ui``).
"""

import json
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings

from registry.embeddings import EmbeddingProvider
from registry.formats import load_registry_file
from registry.sync import SyncReport, sync_registry

DEMO_REGISTRY = Path(settings.BASE_DIR) / "registry" / "fixtures" / "demo-registry.json"
SYNTHETIC_PACKAGE = "@tests/ui"


def resync_demo_registry() -> SyncReport:
    return sync_registry(load_registry_file(DEMO_REGISTRY))


class CountingProvider:
    """The real configured provider, passed through; it only records which texts it was asked to embed."""

    def __init__(self, inner: EmbeddingProvider) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.documents: list[str] = []
        self.queries: list[str] = []

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        self.documents.extend(texts)
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        self.queries.append(text)
        return self.inner.embed_query(text)


def contract_block(component_id: str, category: str = "faq", **overrides) -> dict:
    """One builder-contract-bundle block with a title constraint, one required prop and example props."""
    block = {
        "componentId": component_id,
        "blockName": "".join(part.title() for part in component_id.split("-")),
        "blockRef": f"{category}/{component_id}",
        "displayName": component_id.replace("-", " ").title(),
        "description": f"The {component_id.replace('-', ' ')} section for tests.",
        "category": category,
        "semanticTags": [category, "test"],
        "layoutRole": "page",
        "propsContract": {"type": "typescript-type-reference", "reference": "XProps", "runtimeSchema": None},
        "examples": {"exampleProps": {"title": "A title", "items": [{"title": "One", "body": "First"}]}},
        "source": {"modulePath": f"{SYNTHETIC_PACKAGE}/blocks/{category}/{component_id}"},
        "importantUsageNotes": "Keep it short.",
        "usageRequirements": {
            "requiredProps": ["title"],
            "propConstraints": {"title": {"required": True, "maxLength": 60}, "items[].title": {"maxLength": 30}},
            "mediaSlots": {},
            "requiresSiteCapabilities": [],
            "notes": ["A note for the planner."],
        },
    }
    block.update(overrides)
    return block


def export_block(component_id: str, category: str = "faq", **overrides) -> dict:
    """One @opensite/ui registry-export block."""
    name = "".join(part.title() for part in component_id.split("-"))
    block = {
        "id": component_id,
        "name": component_id.replace("-", " ").title(),
        "description": f"The {component_id.replace('-', ' ')} section for tests.",
        "semanticTags": [category, "test"],
        "category": category,
        "props": f"{name}Props",
        "exampleUsage": f'<{name} title="Hello" />',
    }
    block.update(overrides)
    return block


def plan_entry(component_id: str, category: str = "faq", **overrides) -> dict:
    """One entry of the original plan's registry.json."""
    entry = {
        "id": component_id,
        "category": category,
        "semantic_tags": [category, "test"],
        "display_name": component_id.replace("-", " ").title(),
        "description": f"The {component_id.replace('-', ' ')} section for tests.",
        "import_path": f"blocks/{category}/{component_id}",
        "npm_package": SYNTHETIC_PACKAGE,
        "props_schema": {"type": "object", "properties": {"title": {"type": "string"}}, "required": ["title"]},
        "bundle_size_kb": 4.5,
    }
    entry.update(overrides)
    return entry


class RegistryFiles:
    """Writes registry files under a test's tmp_path; each call writes a new file and returns its path."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._count = 0

    def _path(self, stem: str) -> Path:
        self._count += 1
        return self.directory / f"{stem}-{self._count}.json"

    def raw(self, text: str, stem: str = "raw") -> Path:
        path = self._path(stem)
        path.write_text(text, encoding="utf-8")
        return path

    def json(self, data: object, stem: str = "registry") -> Path:
        return self.raw(json.dumps(data, indent=2), stem)

    def plan(self, entries: list) -> Path:
        return self.json(entries, "plan")

    def export(self, blocks: list, **metadata) -> Path:
        meta = {"version": "1.2.3", "source": SYNTHETIC_PACKAGE, "totalBlocks": len(blocks), **metadata}
        return self.json({"metadata": meta, "blocks": blocks}, "export")

    def contract(self, blocks: list, **metadata) -> Path:
        meta = {"contractVersion": "v1", "uiVersion": "9.9.9", "source": SYNTHETIC_PACKAGE, **metadata}
        return self.json({"metadata": meta, "blocks": blocks}, "contract")
