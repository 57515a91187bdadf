"""Derives a stored CallRecord from a call's event list (the event list is the call's record).

Reprompts are the bot's listening prompts that ask again: the tenant's `no_match`,
`no_match_again`, `no_input`, `yesno_unclear`, `customer_not_heard` prompts, a survey
question's `reprompt`, or the same question twice in a row. Turn latency runs from the end of
the caller's speech (SpeechStopped, else the final Transcript; the last key for DTMF) to the
bot's next BotSpeech.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from voicebot.analytics.masking import mask_utterance
from voicebot.analytics.records import CallerTurn, CallRecord
from voicebot.events import (
    BotSpeech,
    CallError,
    CallEvent,
    CallStarted,
    Dtmf,
    Handoff,
    Intent,
    SpeechStopped,
    Transcript,
)
from voicebot.privacy import mask_digits

REPROMPT_KEYS = ("no_match", "no_match_again", "no_input", "yesno_unclear", "customer_not_heard")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
MIN_LITERAL = 8  # a prompt pattern needs this many fixed characters to be recognisable


def reprompt_patterns(tenant: Any | None, language: str = "de") -> list[re.Pattern[str]]:
    """Regexes that find the tenant's 'asking again' prompts inside a BotSpeech text."""
    from voicebot.nlu.prompts import prompts_for

    language = str(getattr(tenant, "language", language))
    prompts = prompts_for(language, dict(getattr(tenant, "prompts", None) or {}))
    texts = [prompts[key] for key in REPROMPT_KEYS if key in prompts]
    survey = getattr(tenant, "survey", None)
    texts += [q.reprompt for q in getattr(survey, "questions", ()) if q.reprompt]
    patterns = []
    for text in texts:
        literal = _PLACEHOLDER.split(text.strip())
        if sum(len(part.strip()) for part in literal) >= MIN_LITERAL:
            patterns.append(re.compile(".*?".join(re.escape(part) for part in literal)))
    return patterns


class _Walk:
    """State while reading one call's events in order."""

    def __init__(self, tenant: Any | None) -> None:
        self.tenant = tenant
        self.language = str(getattr(tenant, "language", "de"))
        self.patterns = reprompt_patterns(tenant, self.language)
        self.started: CallStarted | None = None
        self.turns: list[CallerTurn] = []
        self.waiting_latency: list[int] = []  # indexes of turns awaiting the bot's answer
        self.speech_end_ms: int | None = None
        self.question: BotSpeech | None = None
        self.questions = self.reprompts = 0
        self.keys = ""
        self.handoff: Handoff | None = None
        self.errors: list[str] = []
        self.survey = _SurveyAnswers(getattr(tenant, "survey", None), self.language)

    def feed(self, event: CallEvent) -> None:
        if isinstance(event, CallStarted):
            self.started = event
        elif isinstance(event, SpeechStopped):
            self.speech_end_ms = event.at_ms
        elif isinstance(event, Transcript) and event.final:
            self._caller_said(event)
        elif isinstance(event, Intent):
            self._understood(event)
        elif isinstance(event, Dtmf):
            self._keyed(event)
        elif isinstance(event, BotSpeech):
            self._bot_said(event)
        elif isinstance(event, Handoff):
            self.handoff = event
        elif isinstance(event, CallError):
            self.errors.append(event.code)

    def _caller_said(self, event: Transcript) -> None:
        self._close_keys()
        end = self.speech_end_ms if self.speech_end_ms is not None else event.at_ms
        self.speech_end_ms = None
        expect = self.question.expect if self.question else None
        turn = CallerTurn(
            index=len(self.turns),
            at_ms=min(end, event.at_ms),
            text=mask_utterance(event.text),
            asr_confidence=event.confidence,
            expect=expect,
        )
        self.turns.append(turn)
        self.waiting_latency.append(turn.index)
        self.survey.answer(event.text, event.value, keyed=False)

    def _understood(self, event: Intent) -> None:
        for i in range(len(self.turns) - 1, -1, -1):
            turn = self.turns[i]
            if turn.kind == "speech" and turn.intent_confidence is None:
                alternatives = tuple((str(n), round(float(c), 4)) for n, c in event.alternatives)
                self.turns[i] = replace(
                    turn,
                    intent=event.name,
                    intent_confidence=round(float(event.confidence), 4),
                    alternatives=alternatives[:3],
                )
                return

    def _keyed(self, event: Dtmf) -> None:
        self.keys += event.key
        self.speech_end_ms = event.at_ms
        if event.key == "#" or not self.keys.rstrip("#"):
            self._close_keys()
        elif len(self.keys) == 1:
            self.survey.answer("", event.key, keyed=True)

    def _close_keys(self) -> None:
        if not self.keys:
            return
        expect = self.question.expect if self.question else None
        at_ms = self.speech_end_ms or 0
        turn = CallerTurn(
            index=len(self.turns), at_ms=at_ms, text=mask_digits(self.keys), kind="dtmf",
            expect=expect,
        )  # fmt: skip
        self.turns.append(turn)
        self.waiting_latency.append(turn.index)
        self.keys = ""
        self.speech_end_ms = None

    def _bot_said(self, event: BotSpeech) -> None:
        self._close_keys()
        for index in self.waiting_latency:
            turn = self.turns[index]
            self.turns[index] = replace(turn, latency_ms=max(0, event.at_ms - turn.at_ms))
        self.waiting_latency = []
        if not event.listen:
            return
        self.questions += 1
        again = self.question is not None and self.question.text == event.text
        if again or any(p.search(event.text) for p in self.patterns):
            self.reprompts += 1
        self.question = event
        self.survey.asked(event.text)


class _SurveyAnswers:
    """Survey answers read from the questions the bot asked and what the caller replied."""

    def __init__(self, survey: Any | None, language: str) -> None:
        self.questions = list(getattr(survey, "questions", ()))
        self.language = language
        self.current: Any | None = None
        self.answers: dict[str, str | None] = {}

    def asked(self, text: str) -> None:
        self.current = None
        for question in self.questions:
            if question.prompt in text or (question.reprompt and question.reprompt in text):
                self.current = question
                self.answers.setdefault(question.id, None)

    def answer(self, text: str, value: str | None, *, keyed: bool) -> None:
        if self.current is None:
            return
        found = read_survey_answer(self.current.kind, text, value, keyed, self.language)
        if found is not None:
            self.answers[self.current.id] = found


def read_survey_answer(
    kind: str, text: str, value: str | None, keyed: bool, language: str = "de"
) -> str | None:
    """'1'-'5' for ratings, 'ja'/'nein' for yes/no, the masked text for free answers."""
    from voicebot.dialog.words import rating_in, yes_or_no

    if kind == "rating":
        if value and value.isdigit() and 1 <= int(value) <= 5:
            return value
        rating = None if keyed else rating_in(text, language)
        return str(rating) if rating is not None else None
    if kind == "yesno":
        if keyed:
            answer = {"1": True, "2": False}.get(value or "")
        elif value in ("true", "false"):
            answer = value == "true"
        else:
            answer = yes_or_no(text, language)
        return None if answer is None else ("ja" if answer else "nein")
    return mask_utterance(text).strip() or None


def record_from_events(
    events: Sequence[CallEvent],
    *,
    tenant: Any | None = None,
    started_at: float,
    audio_path: str | None = None,
) -> CallRecord:
    """The stored form of one call; `tenant` (voicebot.nlu Tenant) supplies prompts and survey."""
    from voicebot.pipeline import CallRecord as EventRecord

    walk = _Walk(tenant)
    for event in events:
        walk.feed(event)
    walk._close_keys()
    started, handoff = walk.started, walk.handoff
    context: Mapping[str, Any] = handoff.context if handoff else {}
    handed_intent = (context.get("intent") or {}).get("id") if context else None
    first_at = events[0].at_ms if events else 0
    last_at = max((e.at_ms for e in events), default=0)
    return CallRecord(
        call_id=events[0].call_id if events else "",
        tenant=started.tenant if started else str(getattr(tenant, "id", "")),
        started_at=started_at,
        duration_ms=max(0, last_at - first_at),
        outcome=EventRecord(list(events)).outcome,
        channel=started.channel if started else "unknown",
        dialed=started.dialed if started else None,
        caller=mask_digits(started.caller) if started and started.caller else None,
        intent=handed_intent or _first_intent(walk.turns),
        queue=handoff.queue if handoff else None,
        handoff_reason=str(context.get("reason")) if handoff else None,
        priority=handoff.priority if handoff else None,
        turns=tuple(walk.turns),
        questions=walk.questions,
        reprompts=walk.reprompts,
        errors=tuple(walk.errors),
        survey=dict(walk.survey.answers),
        audio_path=audio_path,
    )


def _first_intent(turns: Iterable[CallerTurn]) -> str | None:
    return next((t.intent for t in turns if t.intent), None)
