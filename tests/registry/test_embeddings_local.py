"""The local provider runs the real all-MiniLM-L6-v2 weights; these tests load them once per module."""

import shutil

import numpy as np
import pytest
from django.test import override_settings

from registry.embeddings import EMBEDDING_DIMENSIONS, get_embedding_provider
from registry.embeddings.bert import DEFAULT_MODEL_DIR, WeightsMismatch
from registry.embeddings.local import LocalEmbeddingProvider

LOCAL_DIMENSIONS = 384


@pytest.fixture(scope="module")
def local() -> LocalEmbeddingProvider:
    return LocalEmbeddingProvider()


def cosine(a: list[float], b: list[float]) -> float:
    a_, b_ = np.asarray(a), np.asarray(b)
    return float(a_ @ b_ / (np.linalg.norm(a_) * np.linalg.norm(b_)))


def test_same_text_gives_the_same_vector(local):
    first, second = local.embed_query("A gallery of our work"), local.embed_query("A gallery of our work")
    np.testing.assert_allclose(first, second, atol=1e-6)


def test_a_text_in_a_batch_gets_the_vector_it_gets_alone(local):
    texts = ["Hero banner", "A long testimonial section quoting three happy customers by name", "Footer", ""]
    batch = local.embed_documents(texts)
    for text, vector in zip(texts, batch, strict=True):
        np.testing.assert_allclose(vector, local.embed_query(text), atol=1e-5)


def test_vectors_are_unit_length_and_zero_padded_to_the_shared_width(local):
    for vector in local.embed_documents(["Contact form with name, email and message", "Pricing table"]):
        assert len(vector) == EMBEDDING_DIMENSIONS
        assert not any(vector[LOCAL_DIMENSIONS:])
        assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-5)


def test_no_texts_gives_no_vectors(local):
    assert local.embed_documents([]) == []


def test_a_paraphrase_ranks_above_an_unrelated_sentence(local):
    query = local.embed_query("a photo gallery of our work")
    paraphrase, unrelated = local.embed_documents(
        ["image grid showing portfolio pictures", "pricing plans with monthly fees"]
    )
    assert cosine(query, paraphrase) > cosine(query, unrelated) + 0.2


def test_matches_the_published_similarities_of_the_model(local):
    """sentence-transformers' quickstart numbers for all-MiniLM-L6-v2: the encoder is that model, not a look-alike."""
    weather, sunny, stadium = local.embed_documents(
        ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]
    )
    assert cosine(weather, sunny) == pytest.approx(0.6660, abs=1e-3)
    assert cosine(weather, stadium) == pytest.approx(0.1046, abs=1e-3)
    assert cosine(sunny, stadium) == pytest.approx(0.1411, abs=1e-3)


def test_a_text_longer_than_the_model_window_is_embedded(local):
    long_text = " ".join(f"word{i}" for i in range(1000))
    encoding = local.encoder().tokenizer.encode(long_text)
    assert len(encoding.ids) == 256, "the text should overflow the 256-token window"
    assert encoding.overflowing, "the text should overflow the 256-token window"
    vector = local.embed_query(long_text)
    assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-5)


def test_a_changed_weights_file_is_refused(tmp_path):
    model_dir = tmp_path / "model"
    shutil.copytree(DEFAULT_MODEL_DIR, model_dir)
    weights = bytearray((model_dir / "model.safetensors").read_bytes())
    weights[len(weights) // 2] ^= 0x01
    (model_dir / "model.safetensors").write_bytes(bytes(weights))

    with pytest.raises(WeightsMismatch, match="sha256"):
        LocalEmbeddingProvider(model_dir).embed_query("anything")


@override_settings(EMBEDDING_PROVIDER="local")
def test_the_factory_returns_one_local_provider_per_process():
    provider = get_embedding_provider()
    assert provider.model_id == "local:all-MiniLM-L6-v2"
    assert get_embedding_provider() is provider
