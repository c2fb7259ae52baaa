"""The Voyage AI provider: the official SDK for the HTTP call, our own batching and retry policy around it.

The SDK's retries are off (``max_retries=0``) so that there is one policy in one place: transient failures
(429, 5xx, timeouts, dropped connections) are retried with jittered exponential backoff, everything else fails
at once with a message that says what to fix.
"""

import contextlib
import random
import time
from collections.abc import Callable, Iterator, Sequence

import voyageai
import voyageai.error as voyage_error

from registry.embeddings.base import EMBEDDING_DIMENSIONS
from websites.errors import AppError, RateLimited, ServiceUnavailable

# The API takes at most 128 texts and 120k-320k tokens (by model) per request; we stay well inside both.
MAX_BATCH_TEXTS = 128
MAX_BATCH_TOKENS = 100_000
CHARS_PER_TOKEN = 3  # a pessimistic estimate: English averages nearer 4 characters per token
ATTEMPTS = 4
BACKOFF_SECONDS = 1.0
MAX_BACKOFF_SECONDS = 30.0
REQUEST_TIMEOUT_SECONDS = 60.0

_TRANSIENT = (
    voyage_error.RateLimitError,
    voyage_error.ServerError,
    voyage_error.ServiceUnavailableError,
    voyage_error.Timeout,
    voyage_error.APIConnectionError,
    voyage_error.TryAgain,
)


class VoyageEmbeddingProvider:
    def __init__(self, *, api_key: str, model: str, sleep: Callable[[float], None] = time.sleep) -> None:
        self.model = model
        self.model_id = f"voyage:{model}"
        self._client = voyageai.Client(api_key=api_key, max_retries=0, timeout=REQUEST_TIMEOUT_SECONDS)
        self._sleep = sleep

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return [vector for batch in batches(texts) for vector in self._embed(batch, "document")]

    def embed_query(self, text: str) -> list[float]:
        return self._embed([text], "query")[0]

    def _embed(self, texts: list[str], input_type: str) -> list[list[float]]:
        vectors = self._with_retries(
            lambda: (
                self._client.embed(
                    texts, model=self.model, input_type=input_type, output_dimension=EMBEDDING_DIMENSIONS
                ).embeddings
            )
        )
        return self._checked(vectors, len(texts))

    def _with_retries(self, call: Callable[[], list[list[float]]]) -> list[list[float]]:
        attempt = 1
        while True:
            try:
                return call()
            except voyage_error.VoyageError as exc:
                if not _is_transient(exc):
                    raise _permanent_error(exc) from exc
                if attempt == ATTEMPTS:
                    raise _exhausted_error(exc) from exc
                self._sleep(_backoff(attempt, exc))
            attempt += 1

    def _checked(self, vectors: list[list[float]], expected: int) -> list[list[float]]:
        """A model that ignores output_dimension would poison the index; refuse its vectors instead."""
        if len(vectors) != expected:
            raise AppError(f"Voyage model {self.model!r} returned {len(vectors)} embeddings for {expected} texts.")
        for vector in vectors:
            if len(vector) != EMBEDDING_DIMENSIONS:
                raise AppError(
                    f"Voyage model {self.model!r} returned {len(vector)}-dimensional embeddings; this app stores "
                    f"{EMBEDDING_DIMENSIONS}. Set VOYAGE_MODEL to a model that supports {EMBEDDING_DIMENSIONS} "
                    "dimensions, e.g. voyage-3.5."
                )
        return vectors


def batches(texts: Sequence[str]) -> Iterator[list[str]]:
    """Consecutive runs of texts that fit one request; order is kept, so results line up with the input."""
    batch: list[str] = []
    tokens = 0
    for text in texts:
        cost = len(text) // CHARS_PER_TOKEN + 1
        if batch and (len(batch) == MAX_BATCH_TEXTS or tokens + cost > MAX_BATCH_TOKENS):
            yield batch
            batch, tokens = [], 0
        batch.append(text)
        tokens += cost
    if batch:
        yield batch


def _is_transient(exc: voyage_error.VoyageError) -> bool:
    status = exc.http_status or 0
    return isinstance(exc, _TRANSIENT) or status == 429 or status >= 500


def _backoff(attempt: int, exc: voyage_error.VoyageError) -> float:
    """1, 2, 4... seconds plus up to a second of jitter, so that workers that failed together retry apart."""
    delay = BACKOFF_SECONDS * 2 ** (attempt - 1) + random.uniform(0, BACKOFF_SECONDS)  # noqa: S311
    with contextlib.suppress(TypeError, ValueError):  # Retry-After may also be an HTTP date; then ours wins
        delay = max(delay, float(exc.headers.get("retry-after", 0)))
    return min(delay, MAX_BACKOFF_SECONDS)


def _reason(exc: voyage_error.VoyageError) -> str:
    status = f"HTTP {exc.http_status}: " if exc.http_status else ""
    return f"{status}{exc.user_message or type(exc).__name__}"


def _exhausted_error(exc: voyage_error.VoyageError) -> AppError:
    if isinstance(exc, voyage_error.RateLimitError) or exc.http_status == 429:
        return RateLimited(
            f"Voyage AI is still rate-limiting embedding requests after {ATTEMPTS} attempts ({_reason(exc)}). "
            "Try again in a minute, or raise the rate limit of the account behind VOYAGE_API_KEY."
        )
    return ServiceUnavailable(
        f"Voyage AI could not be reached or failed after {ATTEMPTS} attempts ({_reason(exc)}). "
        "Embedding will work again once Voyage AI recovers; try again later."
    )


def _permanent_error(exc: voyage_error.VoyageError) -> AppError:
    if isinstance(exc, voyage_error.AuthenticationError) or exc.http_status in (401, 403):
        return AppError(f"Voyage AI refused the API key ({_reason(exc)}). Check VOYAGE_API_KEY.")
    return AppError(f"Voyage AI refused the embedding request ({_reason(exc)}).")
