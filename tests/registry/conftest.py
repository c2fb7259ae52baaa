"""Registry fixtures: the embedding provider with a record of what it embedded, and small registry files on disk.

The demo registry itself is a session fixture of tests/conftest.py (``registry``); the synthetic blocks, entries
and files these tests use are built by ``tests.helpers.registry``.
"""

import pytest

from registry.embeddings import get_embedding_provider
from tests.helpers.registry import CountingProvider, RegistryFiles


@pytest.fixture
def counting_provider() -> CountingProvider:
    return CountingProvider(get_embedding_provider())


@pytest.fixture
def registry_files(tmp_path) -> RegistryFiles:
    return RegistryFiles(tmp_path)
