"""The outbound survey dialog: consent, the tenant's questions, answers kept per call."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from voicebot.audio.vad import noisy_line
from voicebot.dialog.line_noise import without_line_noise
from voicebot.dialog.lone_goodbye import is_lone_goodbye
from voicebot.dialog.state import DialogTimers, Line, audio_ms, speech_ms
from voicebot.dialog.survey_steps import SURVEY_STEPS
from voicebot.dialog.survey_turn import Said, SurveyTurn, expect
from voicebot.dialog.survey_words import asks_about_privacy
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import fold
from voicebot.events import (
    BotAudio,
    BotSpeech,
    CallError,
    CallEvent,
    CallStarted,
    Dtmf,
    Hangup,
    SpeechStarted,
    Transcript,
)

SURE = 0.9  # classifier confidence to act on an opt-out ("nicht mehr anrufen" 0.97-0.98)


class SurveyDialog:
    """Asks consent, then each survey question once (one reprompt); ends resolved, declined,
    no_answer, or hangup (consented, then cut off)."""

    def __init__(
        self,
        tenant: TenantView,
        *,
        timers: DialogTimers | None = None,
        started_at: datetime | None = None,
    ) -> None:
        self.tenant = tenant
        self.survey: Any = tenant.survey
        self.timers = timers or DialogTimers()
        self.started_at = started_at or datetime.now().astimezone()
        self.call_id = ""
        self.now_ms = 0
        self.step = -1  # -1: consent; 0..n-1: question index
        self.retries = 0
        self.answers: dict[str, str | None] = {}
        self.lines: list[Line] = []
        self.listening_since_ms: int | None = None
        self.heard_anything = False
        self.waited = False  # "Moment, ich überleg mal" at the comment question: waited once
        self.narrowed = False  # "zwischen zwei und drei": "Eher 2 oder eher 3?" asked once
        self.person_asked = False  # a person asked for (none to put through to): told once
        self.changing = False  # an earlier answer to be changed: its new value asked for
        self.anyone_told = False  # "Mein Mann ist nicht da": told anyone may answer (once)
        self.own_asked: set[int] = set()  # questions at which the person's own view was asked
        self.theirs: dict[int, str] = {}  # the other person's answer told there
        self.language_told = False  # an English turn at a German survey: told so (once)
        self.hold: str | None = None  # at consent, waiting: "same" person or an "other"
        self.held = False  # waited once
        self.handed_over = False  # the phone handed on at a question (waited once)
        self.passing_told = False  # told once that nothing is passed on to the provider
        self.ended = False
        self.outcome = "no_answer"
        self.opted_out = False  # asked not to be called again (survey `opt_out` intents)
        self.silent = 0  # questions in a row that got only silence
        self.goodbye_doubted = False  # a lone "Tschüss." at a question was asked again once
        self.last_key_ms: int | None = None  # when the last key was pressed
        self._out: list[CallEvent] = []

    def handle(self, event: CallEvent) -> list[CallEvent]:
        """Feeds one event; returns the bot's prompts and, at the end, Hangup."""
        self._out = []
        self.now_ms = max(self.now_ms, event.at_ms)
        if self.ended:
            return []
        if isinstance(event, CallStarted):
            self.call_id = event.call_id
            self._ask(f"{self.survey.intro} {self.survey.consent}".strip(), "yesno")
        elif isinstance(event, Hangup):
            self.ended = True
            self.outcome = self._outcome_when_cut()
        elif isinstance(event, Transcript) and event.final:
            text = without_line_noise(event.text)  # ("Untertitel der Amara.org-Community":
            if event.value is None and event.text.strip() and not text:  # Whisper on silence,
                self._no_reply()  # never an answer or a comment)
                return self._out
            self.lines.append(Line("caller", text, event.at_ms, event.confidence))
            if event.value is None and self._goodbye_doubted(text):  # a lone "Tschüss." at a
                self._no_reply()  # question (Whisper on silence): asked again; silence next,
                return self._out  # it was meant (_no_reply)
            self._answer(text, event.value, noisy=noisy_line(event.snr_db))
        elif isinstance(event, Dtmf):
            self.lines.append(Line("dtmf", event.key, event.at_ms))
            spill = (  # "4#" or "45" is one answer: a key right after it, while the next
                self.last_key_ms is not None  # question is still being asked, is no answer
                and event.at_ms - self.last_key_ms < self.timers.inter_digit_ms  # to that
                and self.listening_since_ms is not None  # question (every answer here is
                and event.at_ms < self.listening_since_ms  # one key)
            )
            self.last_key_ms = event.at_ms
            if not spill:
                self._answer("", event.key if event.key.isdigit() else None, keyed=True)
        elif isinstance(event, SpeechStarted):
            self.listening_since_ms = None
        elif isinstance(event, BotAudio):
            if self.listening_since_ms is not None:  # timer starts once the prompt was heard
                self.listening_since_ms = event.at_ms + audio_ms(event.pcm, event.sample_rate)
        elif isinstance(event, CallError):
            self._finish("", "no_answer" if not self.heard_anything else "hangup", "error")
        elif (
            self.listening_since_ms is not None
            and event.at_ms - self.listening_since_ms >= self.timers.no_input_ms
        ):
            self._no_reply()
        return self._out

    def waiting_text(self, position: int, wait_s: float) -> str:
        return ""

    def _outcome_when_cut(self) -> str:
        """The caller hung up: before saying anything no_answer, at the consent question
        declined, after consenting hangup (a break-off: the answers given are kept)."""
        if not self.heard_anything:
            return "no_answer"
        if self.step >= len(self.survey.questions):
            return "resolved"
        return "declined" if self.step < 0 else "hangup"

    def _answer(
        self, text: str, value: str | None, keyed: bool = False, noisy: bool = False
    ) -> None:
        """One turn (words, or a key: `text` "" and its digit as `value`), read by the steps of
        survey_steps.SURVEY_STEPS in their order until one answers (the last one always does)."""
        self.listening_since_ms = None
        self.heard_anything = True
        self.silent = 0
        free = self.step >= 0 and self.survey.questions[self.step].kind == "free"
        folded = " " + fold(text.replace("'", "").replace("’", "")) + " "  # ("reicht's")
        turn = SurveyTurn(text, value, keyed, noisy, free, folded)
        for step in SURVEY_STEPS:
            if step(self, turn):
                return

    def _opts_out(self, said: Said | None) -> bool:
        """Whether the words surely ask never to be called again (a survey `opt_out` intent)."""
        return said is not None and said.id in self.survey.opt_out and said.sure

    def _opt_out(self, said: Said, outcome: str = "declined") -> None:
        """Never to be called again: its answer, the call ends (declined unless the survey was
        answered), and the number goes on the tenant's do-not-call list when it is stored."""
        self._block(outcome, said.answer)

    def _block(self, outcome: str, answer: str | None = None) -> None:
        """The number goes on the do-not-call list, and the caller is told so (the opt-out
        intent's answer)."""
        self.opted_out = True
        told = answer or next(
            (i.answer for i in self.tenant.intents.values() if i.id in self.survey.opt_out), None
        )
        self._finish(told or self.survey.declined, outcome)

    def _retry(self, prompt: str, expect: str | None) -> None:
        self.retries += 1
        if self.retries > 1:
            if self.step < 0:
                self._finish(self.survey.declined, "declined")
                return
            self.answers[self.survey.questions[self.step].id] = None
            self._next_question()
            return
        self._ask(prompt, expect)

    def _goodbye_doubted(self, text: str) -> bool:
        """The first lone goodbye at a question after the consent (not at the comment)."""
        at_question = self.step >= 0 and self._current_expect() is not None
        if self.goodbye_doubted or not at_question or not is_lone_goodbye(text):
            return False
        self.goodbye_doubted = True
        return True

    def _no_reply(self) -> None:
        said = [ln.text for ln in self.lines if ln.role == "caller"]
        if self.goodbye_doubted and said and is_lone_goodbye(said[-1]) and self.retries:
            self._answer(said[-1], None)  # "Tschüss." then silence: the goodbye was meant
            return
        if self.hold is not None:  # waited for the phone to be handed over, or for a moment:
            other, self.hold = self.hold == "other", None  # the silence is no answer (no try
            self._ask(self._question_again() if other else self.survey.consent, "yesno")
            return  # counted); who calls is told again to whoever is on the line now
        if self.step < 0 and not self.heard_anything:
            if self.retries >= 1:
                self._finish("", "no_answer")
                return
            self.retries += 1
            self._ask(self.survey.consent, "yesno")
            return
        if self.step >= 0 and self.retries >= 1:
            self.silent += 1  # a question asked twice to silence
            if self.silent >= 2:  # and the one before as well: the respondent is gone
                self._finish(self.tenant.prompts.say("survey_gone"), "hangup")
                return
        self._retry(self._current_prompt(), self._current_expect())

    def _intent(self, text: str) -> Said | None:
        """The tenant intent the words say ("woher haben Sie meine Nummer?", "ich hab gerade
        keine Zeit"), when it has an answer to give; None otherwise."""
        if not text.strip() or self.tenant.is_nonsense(text):
            return None
        found = self.tenant.nlu.classify(text) if self.tenant.nlu is not None else None
        name = found.intent if found is not None else None
        if found is not None and name is None and asks_about_privacy(text):  # "Ist das
            best = next(iter(found.alternatives), None)  # datenschutzkonform nach DSGVO?":
            sure = best is not None and best[1] >= self.tenant.threshold
            if best is not None and sure and best[0] not in self.survey.ends_call:
                name = best[0]  # the survey's answer about itself (it was not placed: the
                # consent question again without an answer)
        spec = self.tenant.intents.get(name or "")
        if found is None or spec is None or not spec.answer or spec.answer.startswith("builtin:"):
            return None
        return Said(spec.id, spec.answer, found.confidence >= SURE)

    def _said_instead(self, said: Said) -> None:
        """An intent instead of an answer. At the consent question one of `ends_call` ends the
        call with its answer (declined); later only the opt-out does (a survey's four intents
        take almost any sentence: "also eigentlich ganz ordentlich" came out as keine_zeit at
        0.94). Any other is answered and the question asked again (no try counted)."""
        if said.id in self.survey.ends_call:
            if self.step < 0:  # (an unsure opt-out is no block: the block is never claimed)
                blocks = said.id in self.survey.opt_out
                self._finish(self.survey.declined if blocks else said.answer, "declined")
            else:
                question = self.survey.questions[self.step]
                self._retry(question.reprompt or question.prompt, expect(question.kind))
            return
        again = self.survey.consent if self.step < 0 else self.survey.questions[self.step].prompt
        self._ask(f"{said.answer} {again}".strip(), self._current_expect())

    @property
    def _subject(self) -> str:
        """What the survey asks about: its introduction and questions."""
        questions = " ".join(str(q.prompt) for q in self.survey.questions)
        return f"{self.survey.intro or ''} {questions}"

    def _question_again(self) -> str:
        """What "wie bitte?" hears again: the introduction and consent, or the question."""
        if self.step < 0:
            return f"{self.survey.intro} {self.survey.consent}".strip()
        return str(self.survey.questions[self.step].prompt)

    def _current_prompt(self) -> str:
        if self.step < 0:
            return str(self.survey.consent)
        question = self.survey.questions[self.step]
        return str(question.reprompt or question.prompt)

    def _current_expect(self) -> str | None:
        return "yesno" if self.step < 0 else expect(self.survey.questions[self.step].kind)

    def _next_question(self, told: str = "") -> None:
        """The next question, or the thanks after the last; `told` is said before it."""
        self.step += 1
        self.retries = 0
        self.narrowed = False
        if self.step >= len(self.survey.questions):
            self._finish(f"{told} {self.survey.thanks}".strip(), "resolved")
            return
        question = self.survey.questions[self.step]
        self._ask(f"{told} {question.prompt}".strip(), expect(question.kind))

    def _ask(self, text: str, expect: str | None) -> None:
        self.lines.append(Line("bot", text, self.now_ms))
        self._out.append(
            BotSpeech(
                call_id=self.call_id, at_ms=self.now_ms, text=text, expect=expect, listen=True
            )
        )
        self.listening_since_ms = self.now_ms + speech_ms(text)

    def _finish(self, text: str, outcome: str, reason: str = "bot") -> None:
        if text:
            self.lines.append(Line("bot", text, self.now_ms))
            self._out.append(
                BotSpeech(call_id=self.call_id, at_ms=self.now_ms, text=text, listen=False)
            )
        self.ended = True
        self.outcome = outcome
        self.listening_since_ms = None
        self._out.append(
            Hangup(
                call_id=self.call_id,
                at_ms=self.now_ms,
                reason="error" if reason == "error" else "bot",
                detail=outcome,
            )
        )
