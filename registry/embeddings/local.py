"""The offline provider: all-MiniLM-L6-v2 run in-process, deterministic and free.

Its 384-d vectors are zero-padded to the shared 1024 dimensions; padding with zeros leaves cosine similarity
(and the unit norm) unchanged.
"""

import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from registry.embeddings.base import EMBEDDING_DIMENSIONS
from registry.embeddings.bert import DEFAULT_MODEL_DIR, BertEncoder

MODEL_ID = "local:all-MiniLM-L6-v2"


class LocalEmbeddingProvider:
    model_id = MODEL_ID

    def __init__(self, model_dir: Path = DEFAULT_MODEL_DIR) -> None:
        self.model_dir = model_dir
        self._encoder: BertEncoder | None = None
        self._lock = threading.Lock()

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return self._padded(self.encoder().encode(texts))

    def embed_query(self, text: str) -> list[float]:
        return self._padded(self.encoder().encode([text]))[0]

    def encoder(self) -> BertEncoder:
        """Loaded on first use, not at import: most processes (migrations, the admin) never embed anything."""
        if self._encoder is None:
            with self._lock:
                if self._encoder is None:
                    self._encoder = BertEncoder(self.model_dir)
        return self._encoder

    @staticmethod
    def _padded(vectors: np.ndarray) -> list[list[float]]:
        padded = np.zeros((len(vectors), EMBEDDING_DIMENSIONS), dtype=np.float32)
        padded[:, : vectors.shape[1]] = vectors
        return padded.tolist()
