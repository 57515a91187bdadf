"""The bad-input corpus (tests/bad_inputs/corpus.yaml) against the parts that read files and
requests: every malformed input gets a clear, one-line error naming it; odd but readable inputs
are processed without harm; nothing crashes and the server answers the next good request."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
import yaml

from tests.plugins.servers import AgentServer
from voicebot.audio.wav import read_audio, write_wav
from voicebot.errors import UserError
from voicebot.nlu.loader import check_tenants, load_tenants

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "tests" / "bad_inputs"
CORPUS: dict[str, list[dict[str, Any]]] = yaml.safe_load((CORPUS_DIR / "corpus.yaml").read_text())


def entry_id(entry: dict[str, Any]) -> str:
    return str(entry.get("name") or entry.get("file") or entry.get("special"))


def expand(text: str) -> str:
    """`{x300}` -> 300 x's, `{nested20000}` -> a JSON nested that deep (corpus shorthand)."""
    text = re.sub(r"\{x(\d+)\}", lambda m: "x" * int(m.group(1)), text)
    return re.sub(
        r"\{nested(\d+)\}", lambda m: '{"a":' * int(m.group(1)) + "1" + "}" * int(m.group(1)), text
    )


def special_audio(kind: str, folder: Path) -> Path:
    if kind == "missing_file":
        return folder / "no-such-file.wav"
    if kind == "directory":
        (folder / "a-folder.wav").mkdir()
        return folder / "a-folder.wav"
    silence = np.zeros(8000 * 60 * 30, dtype=np.int16)  # 30 minutes, ~29 MB
    return write_wav(folder / "huge.wav", silence, 8000)


def test_the_corpus_holds_at_least_fifty_malformed_inputs() -> None:
    assert sum(len(entries) for entries in CORPUS.values()) >= 50


@pytest.mark.parametrize("entry", CORPUS["audio"], ids=entry_id)
def test_each_corpus_audio_file_gets_a_one_line_error_or_reads_cleanly(
    entry: dict[str, Any], tmp_path: Path
) -> None:
    path = (
        special_audio(entry["special"], tmp_path)
        if "special" in entry
        else CORPUS_DIR / "audio" / entry["file"]
    )
    if entry["expect"] == "error":
        with pytest.raises(UserError) as caught:
            read_audio(path)
        message = str(caught.value)
        assert entry["says"] in message and "\n" not in message
        assert path.name in message, "the error names the file"
    else:
        audio = read_audio(path)
        assert audio.samples.dtype == np.int16 and audio.sample_rate > 0


def test_transcribe_names_each_bad_file_in_one_line_and_exits_1() -> None:
    bad = CORPUS_DIR / "audio" / "random_bytes.wav"
    done = subprocess.run(
        [sys.executable, "-m", "voicebot.cli", "transcribe", str(bad), "--lang", "de"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "random_bytes.wav" in lines[0] and "Traceback" not in done.stderr


def break_tenant(entry: dict[str, Any], folder: Path) -> None:
    """Applies one corpus breakage to a copy of the nordwelle tenant folder."""
    if "csv" in entry:
        path = folder / f"{entry['csv']}.csv"
        rows = path.read_text(encoding="utf-8").splitlines()
        if "drop_column" in entry:
            header = rows[0].split(",")
            index = header.index(entry["drop_column"])
            rows = [",".join(c for i, c in enumerate(r.split(",")) if i != index) for r in rows]
            path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        else:
            text = "\n".join(rows) + "\nÖzdemir Straße 5 Müller,,,,,,,\n"
            path.write_bytes(text.encode("latin-1", "replace"))
        return
    path = folder / entry["file"]
    if "write" in entry:
        path.write_text(entry["write"], encoding="utf-8")
    elif "write_hex" in entry:
        path.write_bytes(bytes.fromhex(entry["write_hex"]))
    elif "append" in entry:
        path.write_text(path.read_text(encoding="utf-8") + entry["append"], encoding="utf-8")
    elif "regex" in entry:
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(entry["regex"], entry["to"], text, count=1), encoding="utf-8")
    else:  # tab indentation
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\n  ", "\n\t"), encoding="utf-8")


@pytest.mark.parametrize("entry", CORPUS["tenant_files"], ids=entry_id)
def test_each_broken_tenant_file_is_reported_with_its_place(
    entry: dict[str, Any], tmp_path: Path
) -> None:
    intents = tmp_path / "intents"
    shutil.copytree(ROOT / "intents" / "nordwelle", intents / "nordwelle")
    break_tenant(entry, intents / "nordwelle")
    problems = [str(p) for p in check_tenants(intents)]
    assert problems, "the breakage is found"
    assert any(entry["says"].lower() in p.lower() for p in problems), problems
    assert all(re.match(r"^\S+:\d+: \S", p) for p in problems), "path:line: message"
    with pytest.raises(UserError):
        load_tenants(intents)


def test_a_dtmf_string_with_letters_is_a_one_line_error() -> None:
    entry = CORPUS["dtmf"][0]
    done = subprocess.run(
        [sys.executable, "-m", "voicebot.cli", *entry["cli"]],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode != 0
    assert entry["says"] in done.stderr.lower() and "Traceback" not in done.stderr


async def agent_token(server: AgentServer) -> str:
    from voicebot.handoff.tokens import open_agent_tokens

    tokens = open_agent_tokens(server.settings)
    _, token = await tokens.add("nordwelle", "bad-input-tester")
    await tokens.aclose()
    return token


def api_request(entry: dict[str, Any], token: str) -> dict[str, Any]:
    """httpx.request keyword arguments for one corpus API entry."""
    headers = dict(entry.get("headers", {}))
    if entry.get("token", True):
        headers["authorization"] = f"Bearer {token}"
    kwargs: dict[str, Any] = {"headers": headers}
    if entry.get("latin1_headers"):  # bytes a client may send that are not ASCII
        kwargs["headers"] = headers = {k: v.encode("latin-1") for k, v in headers.items()}
    if "json" in entry:
        kwargs["json"] = yaml.safe_load(expand(yaml.safe_dump(entry["json"])))
    elif "raw" in entry:
        kwargs["content"] = expand(entry["raw"]).encode()
        headers["content-type"] = entry.get("content_type", "application/json")
    elif "raw_hex" in entry:
        kwargs["content"] = bytes.fromhex(entry["raw_hex"])
        headers["content-type"] = "application/json"
    return kwargs


async def test_each_malformed_api_request_gets_a_4xx_and_the_api_keeps_serving(
    agent_server: AgentServer,
) -> None:
    token = await agent_token(agent_server)
    answers = {}
    async with httpx.AsyncClient(base_url=agent_server.base_url, timeout=30) as client:
        for entry in CORPUS["api_requests"]:
            path = expand(entry["path"])
            reply = await client.request(entry["method"], path, **api_request(entry, token))
            answers[entry["name"]] = reply.status_code
            assert reply.status_code in entry["status"], (entry["name"], reply.text[:200])
            assert reply.json().get("detail"), "a reason comes with the refusal"
        good = await client.get("/api/queues", headers={"authorization": f"Bearer {token}"})
    assert good.status_code == 200 and good.json()["tenant"] == "nordwelle"
    assert all(status < 500 for status in answers.values())
