"""Whole calls with audio: WAV turns through endpointing, recognition, understanding, dialog.

With `services.prompt_cache` set, the bot speaks too: a Speak stage synthesises every prompt
and the channel's clock moves by the real length of the bot's audio.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from voicebot.channels.base import CallChannel
from voicebot.channels.wav import WavChannel
from voicebot.dialog.hearing import Endpoint, Listening, Recognize
from voicebot.dialog.stage import DialogStage
from voicebot.dialog.textcall import CallServices, new_call_id
from voicebot.dialog.understand import Understand
from voicebot.events import CallStarted
from voicebot.pipeline import CallRecord, run_pipeline


def wav_channel(
    tenant: str,
    wavs: Sequence[Path],
    services: CallServices,
    *,
    dtmf: str | Sequence[str] = "",
    dialed: str | None = None,
) -> WavChannel:
    """The WAV channel of one call; it follows the bot's audio when the services speak."""
    started = CallStarted(
        call_id=new_call_id(), at_ms=0, tenant=tenant, dialed=dialed, channel="wav"
    )
    return WavChannel(
        started,
        wavs,
        dtmf,
        no_input_ms=services.timers.no_input_ms,
        bot_audio=services.prompt_cache is not None,
    )


async def run_wav_call(
    tenant: str,
    wavs: Sequence[Path],
    services: CallServices,
    speech_model: Any,
    *,
    dtmf: str | Sequence[str] = "",
    dialed: str | None = None,
    channel: WavChannel | None = None,
    dialog: DialogStage | None = None,
) -> CallRecord:
    """One call of `tenant` whose caller turns are WAV files; returns the call's record.

    Pass `channel` (from `wav_channel`) to keep it, e.g. for its `bot_pcm` recording, and
    `dialog` (from `services.dialog_stage()`) to read the dialog afterwards.
    """
    channel = channel or wav_channel(tenant, wavs, services, dtmf=dtmf, dialed=dialed)
    return await run_audio_call(channel, channel.sample_rate, services, speech_model, dialog)


async def run_mic_call(
    tenant: str,
    services: CallServices,
    speech_model: Any,
    *,
    dialed: str | None = None,
    dialog: DialogStage | None = None,
) -> CallRecord:
    """A live call on the local microphone and speaker; UserError when there is no sound device."""
    from voicebot.channels.microphone import MIC_RATE, MicrophoneChannel

    started = CallStarted(
        call_id=new_call_id(), at_ms=0, tenant=tenant, dialed=dialed, channel="mic"
    )
    channel = MicrophoneChannel(started)
    return await run_audio_call(channel, MIC_RATE, services, speech_model, dialog)


async def run_audio_call(
    channel: CallChannel,
    sample_rate: int,
    services: CallServices,
    speech_model: Any,
    dialog: DialogStage | None = None,
) -> CallRecord:
    """Endpoint -> Recognize -> Understand -> Dialog [-> Speak at sample_rate Hz] for a channel."""
    listening = Listening()
    dialog = dialog or services.dialog_stage()
    tail: list[Any] = [dialog]
    if services.prompt_cache is not None:
        tail = services.dialog_and_speak(sample_rate, dialog)
    dialog.listening = listening
    if isinstance(channel, WavChannel):  # offline: it plays silence until the dialog answers
        channel.progress = dialog.progress
    stages = [
        Endpoint(services.timers.end_silence_ms),
        Recognize(speech_model, listening),
        Understand(services.classifiers),
    ]
    return await run_pipeline(channel, [*stages, *tail], observer=services.observer)
