"""What every embedding provider is: the interface and the vector size one pgvector column holds."""

from collections.abc import Sequence
from typing import Protocol

EMBEDDING_DIMENSIONS = 1024


class EmbeddingProvider(Protocol):
    model_id: str  # e.g. "local:all-MiniLM-L6-v2" or "voyage:voyage-3.5"

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...
