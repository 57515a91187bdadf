"""pyttsx3 with espeak-ng, in a long-lived worker process that is killed when it hangs."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from typing import Any

from voicebot.tts.synthesizer import (
    DEFAULT_TIMEOUT_S,
    TtsError,
    base_language,
    clean_text,
    kill_group,
)

ESPEAK_VOICES = {"de": "gmw/de", "en": "gmw/en-us", "en-gb": "gmw/en"}  # espeak-ng identifiers
WORKER_COMMAND = (sys.executable, "-m", "voicebot.tts.espeak_worker")
MAX_HEADER_BYTES = 4096


def espeak_voice(language: str) -> str:
    """'de' -> 'gmw/de', 'en' -> 'gmw/en-us', 'en-GB' -> 'gmw/en'; TtsError when unknown."""
    key = language.replace("_", "-").lower()
    voice = ESPEAK_VOICES.get(key) or ESPEAK_VOICES.get(base_language(language))
    if voice is None:
        raise TtsError(f"pyttsx3: no voice for language {language!r} (have de, en, en-GB)")
    return voice


class Pyttsx3Synthesizer:
    """espeak-ng through pyttsx3; one worker process, restarted after a timeout or a crash."""

    backend = "pyttsx3"

    def __init__(
        self,
        rate_wpm: int = 165,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        worker_command: Sequence[str] = WORKER_COMMAND,
    ) -> None:
        self.rate_wpm = rate_wpm  # espeak-ng's own default is 175; a bit slower suits phones
        self.timeout_s = timeout_s
        self.worker_command = tuple(worker_command)
        self._worker: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()  # one request at a time per worker

    def voice(self, language: str) -> str:
        return f"espeak-{espeak_voice(language)}-{self.rate_wpm}wpm"

    @property
    def worker_pid(self) -> int | None:
        """PID of the running worker process, if one is running."""
        return self._worker.pid if self._worker is not None else None

    def synthesize(self, text: str, language: str) -> tuple[bytes, int]:
        """Speaks text in the language's espeak-ng voice; returns (pcm, 22050)."""
        request = {"text": clean_text(text), "voice": espeak_voice(language)}
        if not request["text"]:
            return b"", 22050
        line = json.dumps({**request, "rate_wpm": self.rate_wpm}).encode("utf-8") + b"\n"
        with self._lock:
            worker = self._running_worker()
            deadline = time.monotonic() + self.timeout_s
            try:
                header, pcm = exchange(worker, line, deadline)
            except TimeoutError:
                self.stop_worker()
                raise TtsError(
                    f"pyttsx3: no audio after {self.timeout_s:g} s, engine killed"
                ) from None
            except (OSError, ValueError, KeyError) as exc:
                code = self.stop_worker()
                raise TtsError(f"pyttsx3: worker failed (exit code {code}): {exc}") from exc
        if not pcm:
            raise TtsError("pyttsx3: the engine wrote no audio")
        return pcm, int(header["sample_rate"])

    def close(self) -> None:
        """Stops the worker process; it is started again on the next request."""
        self.stop_worker()

    def stop_worker(self) -> int | None:
        """Kills the worker process (if any) and returns its exit code."""
        worker, self._worker = self._worker, None
        if worker is None:
            return None
        kill_group(worker)
        return worker.returncode

    def _running_worker(self) -> subprocess.Popen[bytes]:
        if self._worker is not None and self._worker.poll() is None:
            return self._worker
        self.stop_worker()
        try:
            self._worker = subprocess.Popen(
                self.worker_command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # so a timeout kills the worker and anything it started
            )
        except OSError as exc:
            raise TtsError(f"pyttsx3: cannot start the worker: {exc.strerror}") from exc
        return self._worker


def exchange(
    worker: subprocess.Popen[bytes], request: bytes, deadline: float
) -> tuple[dict[str, Any], bytes]:
    """Sends one request line; returns the reply header and its PCM."""
    if worker.stdin is None or worker.stdout is None:
        raise OSError("the worker has no pipes")
    worker.stdin.write(request)
    worker.stdin.flush()
    header = json.loads(read_line(worker.stdout.fileno(), deadline))
    if not header.get("ok"):
        raise TtsError(f"pyttsx3: {header.get('error', 'unknown error')}")
    return header, read_exactly(worker.stdout.fileno(), int(header["nbytes"]), deadline)


def read_line(fd: int, deadline: float) -> bytes:
    """Reads up to and including a newline, byte-exact (no read-ahead); TimeoutError at deadline."""
    line = bytearray()
    while not line.endswith(b"\n"):
        if len(line) > MAX_HEADER_BYTES:
            raise ValueError("reply header too long")
        line += read_some(fd, 1, deadline)
    return bytes(line)


def read_exactly(fd: int, size: int, deadline: float) -> bytes:
    """Reads exactly size bytes from a pipe; TimeoutError at deadline, OSError on end of stream."""
    data = bytearray()
    while len(data) < size:
        data += read_some(fd, min(size - len(data), 1 << 16), deadline)
    return bytes(data)


def read_some(fd: int, size: int, deadline: float) -> bytes:
    """One os.read of at most size bytes once the pipe is readable."""
    remaining = deadline - time.monotonic()
    if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
        raise TimeoutError
    chunk = os.read(fd, size)
    if not chunk:
        raise OSError("the worker closed its output")
    return chunk
