"""Fixed prompts synthesised once and kept on disk, at the channel's rate, so they start at once.

Only texts declared fixed (`warm`, or `fixed=True`) are written to disk: answers with a
caller's name, balance or number are personal data and are synthesised each time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
import wave
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

from voicebot.audio.resample import pcm_at_rate
from voicebot.settings import Settings
from voicebot.tts.synthesizer import Synthesizer, clean_text

CHANNEL_RATES = (8000, 16000)  # Hz: telephone (Twilio, SIP) and browser/microphone
MEMORY_BYTES = 64 * 2**20  # fixed prompts kept in memory (~35 min at 16 kHz); the rest on disk
DISK_BYTES = 512 * 2**20  # prompts kept on disk (~4.6 h at 16 kHz); the least recently used go


class PromptCache:
    """Synthesised audio per (backend, voice, text, rate); fixed prompts persist under directory."""

    def __init__(
        self,
        synthesizer: Synthesizer,
        directory: Path,
        memory_bytes: int = MEMORY_BYTES,
        disk_bytes: int = DISK_BYTES,
    ) -> None:
        self.synthesizer = synthesizer
        self.directory = directory
        self.memory_bytes = memory_bytes
        # on disk, prompts of edited intent files and voices no longer used would pile up for
        # ever: beyond disk_bytes the least recently used files are deleted (a read renews one)
        self.disk_bytes = disk_bytes
        # key -> pcm of fixed prompts this process used, least recently used first; bounded,
        # because a long-running server meets ever new fixed texts (queue positions, waits)
        self._fixed: OrderedDict[str, bytes] = OrderedDict()
        self._fixed_bytes = 0
        self._lock = threading.Lock()
        self.synthesized = 0  # engine runs so far (a cache hit does not count)

    @property
    def memory_held(self) -> int:
        """Bytes of prompt audio this cache keeps in memory (at most `memory_bytes`, or one
        prompt when a single prompt is larger)."""
        return self._fixed_bytes

    def key(self, text: str, language: str, sample_rate: int) -> str:
        """Hash naming one prompt's audio: backend, voice, text and rate all change it."""
        voice = self.synthesizer.voice(language)
        ident = f"{self.synthesizer.backend}\n{voice}\n{sample_rate}\n{clean_text(text)}"
        return hashlib.sha256(ident.encode("utf-8")).hexdigest()[:32]

    def audio(self, text: str, language: str, sample_rate: int, *, fixed: bool = False) -> bytes:
        """16-bit mono PCM of text at sample_rate Hz; from the cache when the prompt is fixed."""
        key = self.key(text, language, sample_rate)
        cached = self._load(key)
        if cached is not None:
            return cached
        pcm = self._synthesize(text, language, (sample_rate,))[sample_rate]
        if fixed:
            self._store(key, pcm, sample_rate)
        return pcm

    def warm(
        self, texts: Iterable[str], language: str, sample_rates: Iterable[int] = CHANNEL_RATES
    ) -> int:
        """Synthesises the fixed prompts not yet cached, for each rate; returns how many ran."""
        rates = tuple(sample_rates)
        made = 0
        for text in dict.fromkeys(texts):
            keys = {rate: self.key(text, language, rate) for rate in rates}
            missing = [rate for rate, key in keys.items() if self._load(key) is None]
            if not missing:
                continue
            for rate, pcm in self._synthesize(text, language, tuple(missing)).items():
                self._store(keys[rate], pcm, rate)
            made += 1
        return made

    def _synthesize(self, text: str, language: str, rates: tuple[int, ...]) -> dict[int, bytes]:
        pcm, rate = self.synthesizer.synthesize(text, language)
        with self._lock:
            self.synthesized += 1
        return {target: pcm_at_rate(pcm, rate, target) for target in rates}

    def _load(self, key: str) -> bytes | None:
        cached = self._fixed.get(key) or self._read(key)
        if cached is not None:
            self._remember(key, cached)
        return cached

    def _remember(self, key: str, pcm: bytes) -> None:
        """Keeps pcm in memory as most recently used; forgets the oldest beyond memory_bytes."""
        with self._lock:  # Speak calls `audio` from several threads at once
            old = self._fixed.pop(key, None)
            self._fixed_bytes -= len(old) if old is not None else 0
            self._fixed[key] = pcm
            self._fixed_bytes += len(pcm)
            while self._fixed_bytes > self.memory_bytes and len(self._fixed) > 1:
                _, dropped = self._fixed.popitem(last=False)
                self._fixed_bytes -= len(dropped)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.wav"

    def _read(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            with wave.open(str(path), "rb") as wav:
                pcm = wav.readframes(wav.getnframes())
        except (OSError, EOFError, wave.Error):
            return None  # not cached yet, or a torn file: synthesise again
        with contextlib.suppress(OSError):  # (deleted by another process's prune meanwhile)
            os.utime(path)  # used now: pruned last
        return pcm

    def prune(self) -> int:
        """Deletes the least recently used prompt files until the directory holds at most
        disk_bytes; returns how many went. Safe beside other processes (a file read meanwhile
        is read whole, a missing one synthesised again)."""
        files = []
        for path in self.directory.glob("*/*.wav"):
            try:
                stat = path.stat()
            except OSError:
                continue
            files.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in files)
        removed = 0
        for _, size, path in sorted(files):
            if total <= self.disk_bytes:
                break
            path.unlink(missing_ok=True)
            total -= size
            removed += 1
        return removed

    def _store(self, key: str, pcm: bytes, sample_rate: int) -> None:
        """Writes atomically (temp file + rename), so parallel processes never read half a file."""
        self._remember(key, pcm)
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as raw, wave.open(raw, "wb") as wav:
                wav.setnchannels(1)
                wav.setsampwidth(2)
                wav.setframerate(sample_rate)
                wav.writeframes(pcm)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        self.prune()


def load_prompt_cache(settings: Settings, synthesizer: Synthesizer) -> PromptCache:
    """The prompt cache under settings.data_dir / 'prompts'."""
    return PromptCache(synthesizer, settings.data_dir / "prompts")
