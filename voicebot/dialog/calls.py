"""Whole calls with audio: WAV turns through endpointing, recognition, understanding, dialog."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from voicebot.channels.wav import WavChannel
from voicebot.dialog.hearing import Endpoint, Listening, Recognize
from voicebot.dialog.textcall import CallServices, new_call_id
from voicebot.dialog.understand import Understand
from voicebot.events import CallStarted
from voicebot.pipeline import CallRecord, run_pipeline


async def run_wav_call(
    tenant: str,
    wavs: Sequence[Path],
    services: CallServices,
    speech_model: Any,
    *,
    dtmf: str = "",
    dialed: str | None = None,
) -> CallRecord:
    """One call of `tenant` whose caller turns are WAV files; returns the call's record."""
    started = CallStarted(
        call_id=new_call_id(), at_ms=0, tenant=tenant, dialed=dialed, channel="wav"
    )
    channel = WavChannel(started, wavs, dtmf, no_input_ms=services.timers.no_input_ms)
    listening = Listening()
    dialog = services.dialog_stage()
    dialog.listening = listening
    stages = [
        Endpoint(),
        Recognize(speech_model, listening),
        Understand(services.classifiers),
        dialog,
    ]
    return await run_pipeline(channel, stages)
