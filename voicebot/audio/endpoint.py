"""End-of-speech detection: a pure state machine fed (is_speech, chunk_ms) decisions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

EndpointKind = Literal["speech_started", "speech_stopped", "no_input"]


@dataclass(frozen=True, slots=True)
class EndpointConfig:
    """Timings of turn taking, all in milliseconds of audio."""

    start_speech_ms: int = 90  # speech needed before a turn counts as started (clicks, coughs)
    end_silence_ms: int = 700  # silence after speech that ends the turn
    no_input_ms: int = 5000  # silence from listening start before giving up (0: never)
    max_speech_ms: int = 20_000  # a turn this long is cut (0: never)


@dataclass(frozen=True, slots=True)
class EndpointEvent:
    """What the endpointer decided and where on the audio clock (ms since listening began)."""

    kind: EndpointKind
    at_ms: int  # when the decision was made
    speech_at_ms: int = 0  # where the speech itself began (started) or ended (stopped)
    reason: Literal["silence", "max_speech", "no_input", "speech"] = "speech"


class Endpointer:
    """Says when a caller started and stopped talking; no audio, no clock, only decisions."""

    def __init__(self, config: EndpointConfig | None = None) -> None:
        self.config = config or EndpointConfig()
        self.reset()

    def reset(self) -> None:
        """Starts listening for a new turn at position 0."""
        self.position_ms = 0
        self.state: Literal["waiting", "speaking", "done"] = "waiting"
        self.speech_start_ms: int | None = None
        self.speech_end_ms: int | None = None
        self._speech_run_ms = 0
        self._silence_run_ms = 0

    def feed(self, is_speech: bool, chunk_ms: int) -> EndpointEvent | None:
        """Advances by one chunk; returns the event this chunk caused, if any."""
        if chunk_ms <= 0:
            raise ValueError(f"chunk_ms must be positive, got {chunk_ms}")
        start = self.position_ms
        self.position_ms += chunk_ms
        if self.state == "done":
            return None
        if self.state == "waiting":
            return self._while_waiting(is_speech, start, chunk_ms)
        return self._while_speaking(is_speech, start, chunk_ms)

    def _while_waiting(self, is_speech: bool, start: int, chunk_ms: int) -> EndpointEvent | None:
        cfg = self.config
        if is_speech:
            if self._speech_run_ms == 0:
                self.speech_start_ms = start
            self._speech_run_ms += chunk_ms
            if self._speech_run_ms >= cfg.start_speech_ms:
                self.state = "speaking"
                self._silence_run_ms = 0
                return EndpointEvent("speech_started", self.position_ms, self.speech_start_ms or 0)
        else:
            self._speech_run_ms = 0
        if cfg.no_input_ms and self.position_ms >= cfg.no_input_ms and self.state == "waiting":
            self.state = "done"
            return EndpointEvent("no_input", self.position_ms, 0, "no_input")
        return None

    def _while_speaking(self, is_speech: bool, start: int, chunk_ms: int) -> EndpointEvent | None:
        cfg = self.config
        if is_speech:
            self._silence_run_ms = 0
        else:
            if self._silence_run_ms == 0:
                self.speech_end_ms = start
            self._silence_run_ms += chunk_ms
        if self._silence_run_ms >= cfg.end_silence_ms:
            return self._stop(self.speech_end_ms or start, "silence")
        spoken_ms = self.position_ms - (self.speech_start_ms or 0)
        if cfg.max_speech_ms and spoken_ms >= cfg.max_speech_ms:
            return self._stop(self.position_ms, "max_speech")
        return None

    def _stop(self, speech_end_ms: int, reason: Literal["silence", "max_speech"]) -> EndpointEvent:
        self.state = "done"
        self.speech_end_ms = speech_end_ms
        return EndpointEvent("speech_stopped", self.position_ms, speech_end_ms, reason)
