"""Text embeddings behind one interface, so that search and indexing never care which provider made a vector.

``local`` runs all-MiniLM-L6-v2 in-process (offline, deterministic); ``voyage`` calls the Voyage AI API.
Both return vectors of ``EMBEDDING_DIMENSIONS`` floats so that one pgvector column holds either; ``model_id``
is stored beside every vector so an index never compares vectors from different models.
"""

import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from registry.embeddings.base import EMBEDDING_DIMENSIONS, EmbeddingProvider

__all__ = ["EMBEDDING_DIMENSIONS", "EmbeddingProvider", "get_embedding_provider"]

_providers: dict[tuple[str, str, str], EmbeddingProvider] = {}
_providers_lock = threading.Lock()


def get_embedding_provider() -> EmbeddingProvider:
    """The provider the settings choose; one instance per (provider, model, key), so the local model loads once."""
    name = settings.EMBEDDING_PROVIDER
    key = (name, settings.VOYAGE_MODEL, settings.VOYAGE_API_KEY) if name == "voyage" else (name, "", "")
    with _providers_lock:
        if key not in _providers:
            _providers[key] = _build(*key)
        return _providers[key]


def _build(name: str, model: str, api_key: str) -> EmbeddingProvider:
    # Imported here: each provider pulls in heavy libraries (numpy and the model, or the Voyage SDK).
    if name == "local":
        from registry.embeddings.local import LocalEmbeddingProvider

        return LocalEmbeddingProvider()
    if name == "voyage":
        from registry.embeddings.voyage import VoyageEmbeddingProvider

        return VoyageEmbeddingProvider(api_key=api_key, model=model)
    raise ImproperlyConfigured(f"EMBEDDING_PROVIDER={name!r} is not a provider; use 'local' or 'voyage'.")
