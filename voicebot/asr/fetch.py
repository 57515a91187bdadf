"""Downloading the small Vosk models where a network allows (`voicebot models fetch`)."""

from __future__ import annotations

import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

from voicebot.errors import UserError

VOSK_URLS = {
    "vosk-de": "https://alphacephei.com/vosk/models/vosk-model-small-de-0.15.zip",
    "vosk-en": "https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip",
}
TIMEOUT_S = 20.0


def fetch_vosk(name: str, models_dir: Path, url: str | None = None) -> Path:
    """Downloads and unpacks a Vosk model zip into models_dir; returns the model folder."""
    if name not in VOSK_URLS:
        raise UserError(f"models fetch: unknown model '{name}'; choose one of {sorted(VOSK_URLS)}")
    url = url or VOSK_URLS[name]
    models_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=models_dir, prefix=".fetch-") as tmp:
        archive = Path(tmp) / "model.zip"
        _download(url, archive, name)
        folder = _unpack(archive, Path(tmp), name, url)
        target = models_dir / folder.name
        if target.exists():
            shutil.rmtree(target)
        folder.replace(target)
    return target


def _download(url: str, archive: Path, name: str) -> None:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response, archive.open("wb") as out:
            shutil.copyfileobj(response, out, 1 << 20)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise UserError(
            f"models fetch {name}: cannot download {url} ({reason}); without a network, unpack "
            "the zip from another machine into models/"
        ) from exc


def _unpack(archive: Path, tmp: Path, name: str, url: str) -> Path:
    try:
        with zipfile.ZipFile(archive) as zipped:
            top = {Path(n).parts[0] for n in zipped.namelist() if n.strip("/")}
            zipped.extractall(tmp / "unpacked")
    except zipfile.BadZipFile as exc:
        raise UserError(f"models fetch {name}: {url} did not give a zip file") from exc
    if len(top) != 1:
        raise UserError(f"models fetch {name}: {url} holds {len(top)} top folders, expected 1")
    return tmp / "unpacked" / top.pop()
