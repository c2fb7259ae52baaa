"""The Voyage provider through the real voyageai SDK; only the HTTP transport under ``requests`` is fake.

The SDK builds each request and parses each response itself, so these tests also catch an SDK upgrade that
changes what goes over the wire.
"""

import base64
import io
import json
import zlib

import numpy as np
import pytest
import requests
from django.test import override_settings
from requests.adapters import HTTPAdapter
from urllib3 import HTTPResponse

from registry.embeddings import EMBEDDING_DIMENSIONS, get_embedding_provider
from registry.embeddings.voyage import ATTEMPTS, VoyageEmbeddingProvider
from websites.errors import AppError, RateLimited, ServiceUnavailable

EMBEDDINGS_URL = "https://api.voyageai.com/v1/embeddings"


def fake_vector(text: str, dimensions: int = EMBEDDING_DIMENSIONS) -> list[float]:
    """Tells texts apart; small integers survive the float32 base64 round trip exactly."""
    return [float(len(text)), float(zlib.crc32(text.encode()) % 4096)] + [0.0] * (dimensions - 2)


class FakeVoyageAPI:
    """Answers POST /v1/embeddings like the real API; ``replies`` queues failures to serve first."""

    def __init__(self, dimensions: int = EMBEDDING_DIMENSIONS) -> None:
        self.dimensions = dimensions
        self.replies: list[tuple[int, dict] | Exception] = []
        self.bodies: list[dict] = []

    def send(self, adapter: HTTPAdapter, request: requests.PreparedRequest, **kwargs) -> requests.Response:
        assert request.method == "POST"
        assert request.url == EMBEDDINGS_URL
        assert request.headers["Authorization"] == "Bearer test-key"
        body = json.loads(request.body)
        self.bodies.append(body)
        reply = self.replies.pop(0) if self.replies else (200, self.embeddings(body))
        if isinstance(reply, Exception):
            raise reply
        status, payload = reply
        raw = HTTPResponse(
            body=io.BytesIO(json.dumps(payload).encode()),
            headers={"Content-Type": "application/json"},
            status=status,
            preload_content=False,
        )
        return adapter.build_response(request, raw)

    def embeddings(self, body: dict) -> dict:
        vectors = [fake_vector(text, self.dimensions) for text in body["input"]]
        if body.get("encoding_format") == "base64":
            vectors = [base64.b64encode(np.asarray(v, dtype=np.float32).tobytes()).decode() for v in vectors]
        data = [{"object": "embedding", "embedding": v, "index": i} for i, v in enumerate(vectors)]
        tokens = sum(len(text.split()) for text in body["input"])
        return {"object": "list", "data": data, "model": body["model"], "usage": {"total_tokens": tokens}}


@pytest.fixture
def api(monkeypatch) -> FakeVoyageAPI:
    fake = FakeVoyageAPI()
    monkeypatch.setattr(HTTPAdapter, "send", lambda adapter, request, **kwargs: fake.send(adapter, request, **kwargs))
    return fake


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def voyage(sleeps) -> VoyageEmbeddingProvider:
    return VoyageEmbeddingProvider(api_key="test-key", model="voyage-3.5", sleep=sleeps.append)


def test_documents_go_in_batches_of_at_most_128_and_come_back_in_order(api, voyage):
    texts = [f"section {i}: " + "word " * (i % 7) for i in range(300)]

    vectors = voyage.embed_documents(texts)

    assert [len(body["input"]) for body in api.bodies] == [128, 128, 44]
    assert vectors == [fake_vector(text) for text in texts]
    for body in api.bodies:
        assert body["model"] == "voyage-3.5"
        assert body["input_type"] == "document"
        assert body["output_dimension"] == EMBEDDING_DIMENSIONS


def test_a_batch_stays_under_the_token_budget(api, voyage):
    long_texts = ["x" * 120_000, "y" * 120_000, "z" * 120_000]  # ~40k estimated tokens each

    voyage.embed_documents(long_texts)

    assert [len(body["input"]) for body in api.bodies] == [2, 1]


def test_a_query_is_embedded_as_a_query(api, voyage):
    vector = voyage.embed_query("photo gallery")

    assert vector == fake_vector("photo gallery")
    assert [body["input_type"] for body in api.bodies] == ["query"]
    assert voyage.model_id == "voyage:voyage-3.5"


def test_a_rate_limit_is_retried_after_a_backoff(api, voyage, sleeps):
    api.replies.append((429, {"detail": "You have exceeded your rate limit."}))

    assert voyage.embed_query("hero banner") == fake_vector("hero banner")
    assert len(api.bodies) == 2
    assert len(sleeps) == 1
    assert 1.0 <= sleeps[0] < 2.0


def test_a_dropped_connection_is_retried(api, voyage, sleeps):
    api.replies.append(requests.exceptions.ConnectionError("connection reset by peer"))

    assert voyage.embed_query("hero banner") == fake_vector("hero banner")
    assert len(sleeps) == 1


def test_a_persistent_rate_limit_gives_up_as_rate_limited(api, voyage, sleeps):
    api.replies.extend([(429, {"detail": "You have exceeded your rate limit."})] * ATTEMPTS)

    with pytest.raises(RateLimited, match="VOYAGE_API_KEY"):
        voyage.embed_query("hero banner")
    assert len(api.bodies) == ATTEMPTS


def test_a_persistent_server_error_gives_up_as_unavailable_after_growing_backoffs(api, voyage, sleeps):
    api.replies.extend([(503, {"detail": "Service unavailable"})] * ATTEMPTS)

    with pytest.raises(ServiceUnavailable, match="HTTP 503") as raised:
        voyage.embed_documents(["hero banner", "footer"])

    assert raised.value.retryable
    assert len(api.bodies) == ATTEMPTS
    assert len(sleeps) == ATTEMPTS - 1
    assert sleeps == sorted(sleeps)
    assert sleeps[-1] >= 4.0


def test_a_bad_api_key_fails_at_once_naming_the_setting(api, voyage, sleeps):
    api.replies.append((401, {"detail": "Provided API key is invalid."}))

    with pytest.raises(AppError, match="VOYAGE_API_KEY") as raised:
        voyage.embed_query("hero banner")

    assert "Provided API key is invalid." in raised.value.message
    assert not raised.value.retryable
    assert len(api.bodies) == 1
    assert sleeps == []


def test_a_rejected_request_is_not_retried(api, voyage, sleeps):
    api.replies.append((400, {"detail": "Value 'voyage-0' is not a valid model."}))

    with pytest.raises(AppError, match="not a valid model"):
        voyage.embed_query("hero banner")
    assert len(api.bodies) == 1
    assert sleeps == []


def test_vectors_of_the_wrong_width_are_refused(api, voyage):
    api.dimensions = 512

    with pytest.raises(AppError, match=r"'voyage-3.5' returned 512-dimensional"):
        voyage.embed_documents(["hero banner"])


@override_settings(EMBEDDING_PROVIDER="voyage", VOYAGE_API_KEY="test-key", VOYAGE_MODEL="voyage-3.5")
def test_the_factory_builds_the_voyage_provider_from_settings(api):
    provider = get_embedding_provider()

    assert provider.model_id == "voyage:voyage-3.5"
    assert get_embedding_provider() is provider
    assert provider.embed_query("pricing table") == fake_vector("pricing table")
