"""Runs an outbound survey over a call list (CSV `phone,name`), storing each call's answers.

Each row is one call. The caller's side comes from the row's own optional columns `say`
(answers separated by `|`; `(silence)` for no answer, `key:3` for a keyed 3) or `wav` (files
separated by `;`, relative to the CSV), else from the command line (`--say`/`--wav`), else
from the microphone.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from voicebot.dialog.survey_store import SurveyCall, SurveyStore
from voicebot.dialog.textcall import CallServices
from voicebot.errors import UserError
from voicebot.privacy import mask_digits

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CallListEntry:
    """One row of a call list: whom to call and, for offline runs, what they answer."""

    line: int
    phone: str
    name: str
    say: tuple[str, ...] = ()
    wavs: tuple[Path, ...] = ()


def read_call_list(path: Path) -> list[CallListEntry]:
    """The rows of a call list CSV; UserError naming the file and line of a bad row."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UserError(f"--list {path}: cannot read the call list ({exc.strerror})") from exc
    reader = csv.DictReader(text.splitlines())
    missing = {"phone", "name"} - set(reader.fieldnames or [])
    if missing:
        raise UserError(
            f"{path}:1: call list needs the columns phone,name (missing: "
            + ", ".join(sorted(missing))
            + ")"
        )
    entries = []
    for line, row in enumerate(reader, start=2):
        phone = (row.get("phone") or "").strip()
        if not phone:
            raise UserError(f"{path}:{line}: empty phone number")
        answers = tuple(a.strip() for a in (row.get("say") or "").split("|") if a.strip())
        wavs = tuple(
            path.parent / w.strip() for w in (row.get("wav") or "").split(";") if w.strip()
        )
        for wav in wavs:
            if not wav.is_file():
                raise UserError(f"{path}:{line}: no such WAV file {wav}")
        entries.append(CallListEntry(line, phone, (row.get("name") or "").strip(), answers, wavs))
    if not entries:
        raise UserError(f"{path}: the call list has no rows")
    return entries


def text_turn(text: str) -> Any:
    """A scripted answer: `(silence)`, `key:<digits>`, or words said."""
    from voicebot.dialog.textcall import keys, say, silence

    if text == "(silence)":
        return silence()
    if text.startswith("key:"):
        return keys(text.removeprefix("key:"))
    return say(text)


@dataclass
class SurveyRun:
    """What every call of one run shares: tenant, services, the store and the caller's side."""

    tenant: str
    services: CallServices
    store: SurveyStore
    say: Sequence[str] = ()
    wavs: Sequence[Path] = ()
    speech_model: Any = None  # needed for WAV or microphone calls

    async def call(self, entry: CallListEntry) -> SurveyCall:
        """Runs one call of the list and stores its outcome and answers."""
        dialog = self.services.dialog_stage()
        said, wavs = entry.say or tuple(self.say), entry.wavs or tuple(self.wavs)
        if said and not entry.wavs:
            from voicebot.dialog.textcall import run_call

            turns = [text_turn(text) for text in said]
            record = await run_call(
                self.tenant, turns, self.services, caller_number=entry.phone, dialog=dialog
            )
        elif wavs:
            from voicebot.dialog.calls import run_wav_call

            record = await run_wav_call(
                self.tenant, wavs, self.services, self.speech_model, dialog=dialog
            )
        else:
            from voicebot.dialog.calls import run_mic_call

            record = await run_mic_call(
                self.tenant, self.services, self.speech_model, dialog=dialog
            )
        answers = dict(getattr(dialog.dialog, "answers", {}))
        result = SurveyCall(
            call_id=record.call_id,
            tenant=self.tenant,
            phone=entry.phone,
            name=entry.name,
            outcome=str(getattr(dialog.dialog, "outcome", record.outcome)),  # also when cut off
            called_at=datetime.now().astimezone().isoformat(timespec="seconds"),
            answers=answers,
            opted_out=bool(getattr(dialog.dialog, "opted_out", False)),
        )
        self.store.save(result)
        log.info(
            "survey call %s to %s: %s", result.call_id, mask_digits(entry.phone), result.outcome
        )
        return result
