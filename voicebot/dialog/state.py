"""The mutable state of one call's dialog, and its transcript lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from voicebot.dialog.answers import Row
from voicebot.dialog.tenant_view import IntentView

MS_PER_CHAR = 65  # how long the bot takes to say one character (pico/espeak at normal rate)


def speech_ms(text: str) -> int:
    """Rough duration of a spoken prompt on the audio clock (ms), used before audio exists."""
    return 400 + MS_PER_CHAR * len(text)


def audio_ms(pcm: bytes, sample_rate: int) -> int:
    """Duration of 16-bit mono PCM on the audio clock (ms)."""
    return len(pcm) // 2 * 1000 // sample_rate if sample_rate > 0 else 0


@dataclass(frozen=True)
class DialogTimers:
    """Audio-clock timers of a dialog (ms)."""

    no_input_ms: int = 6000
    inter_digit_ms: int = 3000
    max_call_ms: int = 900_000
    end_silence_ms: int = 700  # silence that ends a caller's turn (Endpoint stage)


@dataclass(frozen=True)
class Line:
    """One transcript line: who (bot, caller, dtmf), what, when on the audio clock."""

    role: str
    text: str
    at_ms: int
    confidence: float | None = None


@dataclass(frozen=True)
class Concern:
    """A concern the caller named besides the one being served: the intent and what was said."""

    intent: IntentView
    confidence: float
    slots: dict[str, str] = field(default_factory=dict)
    said_at: int | None = None  # index in the call's lines of the caller turn that named it
    words: str | None = None  # the part of that turn that named it, when the turn held more


@dataclass
class CallState:
    """Everything the dialog knows about one call so far."""

    call_id: str = ""
    started_at: datetime = field(default_factory=datetime.now)
    started_ms: int = 0
    now_ms: int = 0
    dialed: str | None = None
    caller: str | None = None
    awaiting: str = "concern"  # concern|customer_number|slot:<name>|confirm_intent|offer_agent|
    #                            anything_else|menu, or a survey step
    last_prompt: str = ""
    last_said: str = ""  # the whole last utterance that asked something ("wie bitte?")
    greeted: bool = False  # a "Hallo?" was answered with "Wie kann ich Ihnen helfen?"
    last_expect: str | None = None
    listening_since_ms: int | None = None
    intent: IntentView | None = None
    intent_confidence: float = 0.0
    intent_guessed: bool = False  # the concern was asked about ("Geht es um …?"), not confirmed,
    # when the caller asked for a person: the agent reads it as a guess
    alternatives: list[tuple[str, float]] = field(default_factory=list)
    candidate: IntentView | None = None
    rejected: str | None = None  # the candidate the caller just said no to ("Geht es um …?")
    also: list[Concern] = field(default_factory=list)  # other concerns the caller named, not
    # served yet ("… und meine Rechnung ist auch zu hoch"): next after this one, or in the handoff
    request_queue: str | None = None  # the team of a request no intent serves (the account
    # team for a frozen account; unserved_requests.request_queue), else the default queue
    also_noted: list[str] = field(default_factory=list)  # requests beside the concern that no
    # intent serves, named for the agent ("standing order: set up")
    candidate_confidence: float = 0.0
    via_menu: bool = False
    customer: Row | None = None
    customer_number: str | None = None
    customer_tries: int = 0
    partial_number: str = ""  # the first digits of a customer number said in two parts
    code_begun: str = ""  # a short code read back ("Moment, L 3 3"): the rest may follow
    unidentified: bool = False
    caller_named: str | None = None  # the name the caller gave for themself, if any
    on_behalf: bool = False  # the caller speaks for someone else ("für meinen Vater")
    preface: list[str] = field(default_factory=list)  # said before the bot's next line
    # (condolences, the warning never to say a PIN)
    secret_warned: bool = False  # the caller was told never to say a PIN (once a call)
    bereaved: bool = False  # the caller reported a death (the agent is told)
    complained: bool = False  # a complaint no intent of the tenant takes (the agent is told)
    number_asked_again: bool = False  # the words so far ask for the number again
    mismatched_number: str | None = None  # the last number whose customer has another name
    # than the caller's (None: no mismatch yet)
    answers_given: set[tuple[str, str | None]] = field(default_factory=set)  # (answer, product)
    slots: dict[str, str] = field(default_factory=dict)
    no_match: int = 0
    no_input: int = 0
    unclear: int = 0
    answered: bool = False
    topic: str | None = None  # what the caller asked that no intent serves ("Frage zu
    # Stellenangeboten und Bewerbungen"), for the agent's summary
    goodbye_doubted: bool = False  # a lone "Tschüss." mid-concern was taken as silence once
    not_helped: bool = False  # the caller said the bot's answer did not help ("hilft nicht")
    last_answer: str = ""  # the self-service answer just given (a question about it repeats it)
    product_unknown: bool = False  # the bot just said the product named is not one of ours
    concern_since: int = 0  # index in `lines` where the current concern began
    concern_words: str | None = None  # the words that named it, when part of a longer turn
    caller_language: str | None = None  # the caller spoke another language than the tenant's
    last_product: str | None = None  # the catalog product the call is about (kept across
    # concerns: "Ist die Hafermilch vegan?" - "Und was kostet die?")
    keys: str = ""
    last_key_ms: int = 0
    pending_text: str | None = None
    pending_value: str | None = None
    pending_confidence: float | None = None
    pending_candidates: tuple[str, ...] = ()  # the answer was one of these, unsure which
    offered: tuple[str, ...] = ()  # the products last offered to choose from ("A oder B?")
    heard_noisy: bool = False  # the last caller turn came over a noisy line (audio.vad)
    menu: dict[str, IntentView] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)
    ended: bool = False
    outcome: str = "hangup"
    queue: str | None = None
