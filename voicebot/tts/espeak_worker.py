"""Worker process for pyttsx3/espeak-ng: one JSON request line in, a header line + PCM out.

Run as `python -m voicebot.tts.espeak_worker`. Request: {"text", "voice", "rate_wpm"}.
Reply: {"ok": true, "sample_rate": 22050, "nbytes": N} then N bytes of 16-bit mono PCM, or
{"ok": false, "error": "..."}. espeak-ng can only be initialised once per process and a
hang inside it cannot be interrupted from Python, so it lives here, killable by the parent.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import wave
from pathlib import Path
from typing import Any, BinaryIO


def synthesize_to_pcm(engine: Any, text: str, voice: str, rate_wpm: int) -> tuple[bytes, int]:
    """One utterance through pyttsx3's espeak driver, via a temporary WAV file.

    pyttsx3 collects espeak-ng's audio on espeak's own callback thread; once in a few hundred
    runs it wrote an empty file, so an empty result is tried once more.
    """
    engine.setProperty("voice", voice)
    engine.setProperty("rate", rate_wpm)
    with tempfile.TemporaryDirectory(prefix="voicebot-espeak-") as folder:
        path = Path(folder) / "speech.wav"
        for _attempt in range(2):
            engine.save_to_file(text, str(path))
            engine.runAndWait()
            with wave.open(str(path), "rb") as wav:
                pcm, rate = wav.readframes(wav.getnframes()), wav.getframerate()
            if pcm:
                break
        return pcm, rate


def reply(out: BinaryIO, header: dict[str, object], pcm: bytes = b"") -> None:
    """Writes one reply: the JSON header line, then the PCM bytes it announces."""
    out.write(json.dumps(header).encode("utf-8") + b"\n" + pcm)
    out.flush()


def serve(requests: BinaryIO, out: BinaryIO) -> None:
    """Answers requests until stdin closes."""
    try:
        import pyttsx3

        engine = pyttsx3.init("espeak")
        startup_error = ""
    except Exception as exc:  # answer every request with the reason instead of dying silently
        engine, startup_error = None, f"pyttsx3/espeak-ng unavailable: {exc}"
    for line in requests:
        try:
            if startup_error:
                raise RuntimeError(startup_error)
            request = json.loads(line)
            pcm, rate = synthesize_to_pcm(
                engine, request["text"], request["voice"], int(request["rate_wpm"])
            )
        except Exception as exc:  # report every engine failure to the parent, keep serving
            reply(out, {"ok": False, "error": f"{type(exc).__name__}: {exc}"})
            continue
        reply(out, {"ok": True, "sample_rate": rate, "nbytes": len(pcm)}, pcm)


def main() -> None:
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr  # pyttsx3 prints "Audio saved to ..."; keep it off the protocol
    serve(sys.stdin.buffer, protocol_out)


if __name__ == "__main__":
    main()
