"""The real @opensite/ui reference data beside the repository (../shared/opensite), for the tests that use it
and skip when it is absent."""

from pathlib import Path

import pytest

from registry.formats import load_registry_file
from registry.models import AiSemanticComponent
from registry.sync import sync_registry

EXPORT = Path(__file__).resolve().parents[3] / "shared" / "opensite" / "registry-export.json"
needs_export = pytest.mark.skipif(not EXPORT.is_file(), reason=f"the @opensite/ui export is not at {EXPORT}")


def only_the_real_library() -> set[str]:
    """Sync the export (inside the test's transaction) and deprecate every other block; the export's ids."""
    parsed = load_registry_file(EXPORT)
    sync_registry(parsed)
    ids = {record.component_id for record in parsed.records}
    AiSemanticComponent.objects.exclude(component_id__in=ids).update(deprecated=True)
    return ids
