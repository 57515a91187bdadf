"""End-of-speech state machine, fed decisions and chunk durations only (no audio)."""

from __future__ import annotations

from voicebot.audio.endpoint import EndpointConfig, Endpointer, EndpointEvent


def _run(endpointer: Endpointer, pattern: str, chunk_ms: int = 30) -> list[EndpointEvent]:
    """Feeds one chunk per character: 'S' speech, '.' silence; returns the events."""
    events = [endpointer.feed(c == "S", chunk_ms) for c in pattern]
    return [e for e in events if e is not None]


def test_speech_then_enough_silence_starts_and_stops_the_turn():
    ep = Endpointer(EndpointConfig(start_speech_ms=60, end_silence_ms=300, no_input_ms=0))
    events = _run(ep, "...SSSSSSSS" + "." * 10)
    assert [e.kind for e in events] == ["speech_started", "speech_stopped"]
    started, stopped = events
    assert started.speech_at_ms == 90  # speech began with the 4th chunk
    assert started.at_ms == 150  # decided after 60 ms of speech
    assert stopped.speech_at_ms == 330  # last speech chunk ended at 11 * 30 ms
    assert stopped.at_ms == 330 + 300
    assert stopped.reason == "silence"


def test_short_pauses_inside_speech_do_not_end_the_turn():
    ep = Endpointer(EndpointConfig(start_speech_ms=30, end_silence_ms=300, no_input_ms=0))
    events = _run(ep, "SSSS.....SSSS.....SSS")
    assert [e.kind for e in events] == ["speech_started"]
    assert ep.state == "speaking"


def test_end_silence_is_configurable():
    short = _run(Endpointer(EndpointConfig(end_silence_ms=200, no_input_ms=0)), "SSSS" + "." * 8)
    long = _run(Endpointer(EndpointConfig(end_silence_ms=600, no_input_ms=0)), "SSSS" + "." * 8)
    assert [e.kind for e in short] == ["speech_started", "speech_stopped"]
    assert [e.kind for e in long] == ["speech_started"]


def test_a_click_shorter_than_start_speech_is_not_a_turn():
    ep = Endpointer(EndpointConfig(start_speech_ms=90, no_input_ms=0))
    assert _run(ep, "S..S..SS....") == []
    assert ep.state == "waiting"


def test_no_speech_until_the_no_input_timer_gives_no_input_once():
    ep = Endpointer(EndpointConfig(no_input_ms=3000))
    events = _run(ep, "." * 200, chunk_ms=20)
    assert events == [EndpointEvent("no_input", 3000, 0, "no_input")]


def test_speech_before_the_no_input_timer_cancels_it():
    ep = Endpointer(EndpointConfig(no_input_ms=300, end_silence_ms=10_000))
    events = _run(ep, "......SSSSS" + "." * 50)
    assert [e.kind for e in events] == ["speech_started"]


def test_endless_speech_is_cut_at_max_speech():
    ep = Endpointer(EndpointConfig(max_speech_ms=1000, no_input_ms=0))
    events = _run(ep, "S" * 100, chunk_ms=20)
    assert [(e.kind, e.reason) for e in events] == [
        ("speech_started", "speech"),
        ("speech_stopped", "max_speech"),
    ]
    assert events[1].at_ms == 1000


def test_uneven_chunk_sizes_are_summed_on_the_audio_clock():
    ep = Endpointer(EndpointConfig(start_speech_ms=50, end_silence_ms=100, no_input_ms=0))
    decisions = [(False, 7), (True, 25), (True, 25), (False, 60), (False, 45)]
    events = [e for s, ms in decisions if (e := ep.feed(s, ms))]
    assert [(e.kind, e.at_ms) for e in events] == [("speech_started", 57), ("speech_stopped", 162)]
    assert events[1].speech_at_ms == 57


def test_reset_listens_for_a_new_turn():
    ep = Endpointer(EndpointConfig(end_silence_ms=90, no_input_ms=0))
    _run(ep, "SSSSS....")
    assert ep.state == "done"
    ep.reset()
    assert [e.kind for e in _run(ep, "SSSSS....")] == ["speech_started", "speech_stopped"]


def _turn_end_s(pcm: bytes, floor_gate_db: float | None) -> float | None:
    """When the live endpointer ends the turn in 8 kHz telephone audio (None: never)."""
    from voicebot.audio.vad import VoiceActivityDetector

    vad = VoiceActivityDetector(8000, 2, 20, floor_gate_db=floor_gate_db)
    endpointer = Endpointer(EndpointConfig(no_input_ms=0, max_speech_ms=0))
    for decision in vad.feed(pcm):
        found = endpointer.feed(decision, 20)
        if found is not None and found.kind == "speech_stopped":
            return found.at_ms / 1000
    return None


def test_the_line_noise_floor_ends_turns_webrtcvad_alone_never_ends(say_pico) -> None:
    """10 dB SNR white line noise after a Pico sentence: webrtcvad hears it as speech, so the
    caller would wait for the max-speech cut; with the running noise floor the turn ends
    shortly after the words, and never inside them (at 10 dB or on a quiet line)."""
    import numpy as np

    from voicebot.audio.telephone import telephone
    from voicebot.audio.vad import FLOOR_GATE_DB

    speech = np.frombuffer(say_pico("mein internet geht seit gestern nicht mehr", rate=8000), "<i2")
    spoken_s = len(speech) / 8000
    tail = np.zeros(8000 * 2, dtype=np.int16)
    noisy, _ = telephone(np.concatenate([speech, tail]), 8000, 10.0, seed=1)
    quiet, _ = telephone(np.concatenate([speech, tail]), 8000, None)
    assert _turn_end_s(noisy.astype("<i2").tobytes(), None) is None
    for line in (noisy, quiet):
        ended = _turn_end_s(line.astype("<i2").tobytes(), FLOOR_GATE_DB)
        assert ended is not None and spoken_s - 0.2 <= ended <= spoken_s + 1.5
