"""The Synthesizer seam, its error, and running an engine process with a hard timeout."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

DEFAULT_TIMEOUT_S = 10.0  # one synthesis; Pico and espeak-ng need ~0.01 s per second of speech


class TtsError(RuntimeError):
    """Synthesis failed or timed out; the dialog hands the call over with reason `error`."""


@runtime_checkable
class Synthesizer(Protocol):
    """Text to 16-bit mono PCM. Thread-safe; each synthesis runs in a separate process."""

    backend: str  # "pico" | "pyttsx3" | "auto"

    def voice(self, language: str) -> str:
        """The voice this backend uses for a language (part of the prompt-cache key)."""
        ...

    def synthesize(self, text: str, language: str) -> tuple[bytes, int]:
        """Returns (pcm, sample_rate_hz); raises TtsError on failure or timeout."""
        ...

    def close(self) -> None:
        """Stops any engine process this synthesizer keeps running."""
        ...


def base_language(language: str) -> str:
    """'de-DE' / 'de_de' / 'DE' -> 'de'."""
    return language.replace("_", "-").split("-")[0].lower()


def clean_text(text: str) -> str:
    """Text an engine reads safely: one line, no markup brackets, no control characters."""
    no_markup = text.replace("<", " ").replace(">", " ")
    return " ".join("".join(c if c.isprintable() else " " for c in no_markup).split())


def run_engine(
    command: Sequence[str], stdin: bytes, timeout_s: float, what: str
) -> subprocess.CompletedProcess[bytes]:
    """Runs an engine in its own process group; kills the whole group on timeout (TtsError)."""
    try:
        process = subprocess.Popen(
            list(command),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        raise TtsError(f"{what}: cannot start {command[0]!r}: {exc.strerror}") from exc
    try:
        stdout, stderr = process.communicate(stdin, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        kill_group(process)
        raise TtsError(f"{what}: no audio after {timeout_s:g} s, engine killed") from None
    return subprocess.CompletedProcess(list(command), process.returncode, stdout, stderr)


def kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kills a process started with start_new_session=True and all its children, then reaps it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            stream.close()
    process.wait()
