"""`voicebot transcribe` and `voicebot models` as a user runs them (real subprocesses)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from voicebot.audio.wav import write_wav

JSON_KEYS = {"file", "text", "language", "duration_s", "processing_s", "backend", "model"}


def _voicebot(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "voicebot.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_transcribe_json_gives_one_object_per_file_with_the_contract_keys(datasets, tmp_path):
    german = datasets / "speech/thorsten-voice/recorded_sample_04.wav"
    silence = write_wav(tmp_path / "silence.wav", bytes(8000 * 2), 8000, encoding="mulaw")
    run = _voicebot("transcribe", str(german), str(silence), "--lang", "de", "--json")
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [set(r) for r in lines] == [JSON_KEYS, JSON_KEYS]
    spoken, quiet = lines
    assert "Sinn" in spoken["text"]
    assert (spoken["backend"], spoken["model"], spoken["language"]) == (
        "whisper", "whisper-base", "de",
    )  # fmt: skip
    assert spoken["duration_s"] == pytest.approx(2.93, abs=0.05)
    assert quiet["text"] == ""


@pytest.mark.parametrize(
    "content",
    [b"", b"this is a text file, not audio\n", b"RIFF\x24\x00\x00\x00WAVEfmt "],
    ids=["empty", "text", "truncated"],
)
def test_transcribe_of_a_bad_file_is_one_line_and_exit_1(tmp_path, content):
    bad = tmp_path / "bad.wav"
    bad.write_bytes(content)
    run = _voicebot("transcribe", str(bad))
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1
    assert str(bad) in run.stderr
    assert "Traceback" not in run.stderr


def test_transcribe_of_a_missing_file_is_one_line_and_exit_1(tmp_path):
    run = _voicebot("transcribe", str(tmp_path / "missing.wav"))
    assert (run.returncode, run.stderr.count("\n")) == (1, 1)


def test_transcribe_with_an_unknown_language_or_backend_is_refused(datasets):
    clip = str(datasets / "speech/fsdd/0_george_0.wav")
    assert _voicebot("transcribe", clip, "--lang", "fr").returncode == 1
    run = _voicebot("transcribe", clip, "--backend", "nope")
    assert run.returncode == 1
    assert "whisper, vosk" in run.stderr


def test_models_install_list_verify_in_a_fresh_models_folder(tmp_path):
    env = {"VOICEBOT_MODELS": str(tmp_path)}
    assert _voicebot("models", "verify", env=env).returncode == 1  # nothing there yet
    assert _voicebot("models", "install", env=env).returncode == 0
    assert _voicebot("models", "install", env=env).returncode == 0  # idempotent
    listed = [
        json.loads(x)
        for x in _voicebot("models", "list", "--json", env=env).stdout.split("\n")
        if x
    ]
    whisper = next(m for m in listed if m["name"] == "whisper-base")
    assert (whisper["sha256"], whisper["path"]) == ("ok", str(tmp_path / "whisper-base"))
    verify = _voicebot("models", "verify", env=env)
    assert verify.returncode == 0
    assert "whisper-base: ok" in verify.stdout


def test_models_fetch_without_a_network_says_so_in_one_line(tmp_path):
    run = _voicebot("models", "fetch", "vosk-en", "--url", "http://127.0.0.1:9/m.zip",
                    env={"VOICEBOT_MODELS": str(tmp_path)})  # fmt: skip
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1
    assert "cannot download" in run.stderr
