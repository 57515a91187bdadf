"""The outbound survey dialog: consent, the tenant's questions, answers kept per call."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from voicebot.audio.vad import noisy_line
from voicebot.dialog.agent_requests import asks_for_agent
from voicebot.dialog.caller_input import yes_no_value
from voicebot.dialog.closing_words import NO_NEED_PHRASES, says_goodbye
from voicebot.dialog.language_words import speaks_english, speaks_german
from voicebot.dialog.line_noise import without_line_noise
from voicebot.dialog.question_words import is_question
from voicebot.dialog.repeat_or_wait import asks_to_repeat, asks_to_wait
from voicebot.dialog.state import DialogTimers, Line, audio_ms, speech_ms
from voicebot.dialog.survey_changes import asks_to_change
from voicebot.dialog.survey_complaints import wants_it_passed_on
from voicebot.dialog.survey_consent import (
    answering_machine,
    answers_the_phone,
    asks_after_yes,
    asks_who_sent_us,
    changes_mind_to_yes,
    doubts_the_call,
    little_time,
    refuses_rudely,
)
from voicebot.dialog.survey_leaving import (
    answer_besides_done,
    breaks_off_leaving,
    comment_before_leaving,
    comment_besides_opt_out,
    leaves_instead,
    without_goodbye,
)
from voicebot.dialog.survey_others import (
    agrees_with_them,
    as_own,
    only_someone_elses,
    own_part,
    someone_else_adds,
)
from voicebot.dialog.survey_people import (
    a_child_answers,
    hands_over,
    offers_to_answer,
    someone_else_is_out,
)
from voicebot.dialog.survey_ratings import (
    asks_about_scale,
    corrected_rating,
    rating_after_doubt,
    rating_chosen,
    rating_said,
    says_no_rating,
)
from voicebot.dialog.survey_turns import (
    asks_us_something,
    cannot_say,
    names_the_comment_question,
    no_comment,
    pause_then_asks,
)
from voicebot.dialog.survey_words import (
    DECLINE_WORDS,
    LATER_WORDS,
    QUESTION_AGAIN,
    STOP_WORDS,
    WITHHOLD_WORDS,
    agrees_after_all,
    annoyed_by_calls,
    asks_about_privacy,
    asks_meaning,
    asks_us,
    breaks_off,
    call_back,
    echoes_no,
    echoes_yes,
    hedges,
    lacks_the_subject,
    leaves_the_survey,
    names_key,
    never_again,
    only_breaks_off,
    opening_agrees,
    question_keys,
    says_any,
    unsubscribed_before,
    wants_data_deleted,
    wh_question,
)
from voicebot.dialog.survey_yes_no import (
    corrected_yes_no,
    limited_yes,
    only_a_condition,
    scorns,
)
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import (
    does_not_know,
    fold,
    rating_in,
    starts_with_no,
    starts_with_yes,
    yes_or_no,
)
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
from voicebot.nlu.numbers import spoken_digits
from voicebot.nlu.slots import rating_range, school_grade

SURE = 0.9  # classifier confidence to act on an opt-out ("nicht mehr anrufen" 0.97-0.98)


@dataclass(frozen=True, slots=True)
class _Said:
    """A tenant intent said instead of an answer, with its answer text."""

    id: str
    answer: str
    sure: bool  # confident enough to block the number


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
        self.passing_told = False  # told once that nothing is passed on to the provider
        self.ended = False
        self.outcome = "no_answer"
        self.opted_out = False  # asked not to be called again (survey `opt_out` intents)
        self.silent = 0  # questions in a row that got only silence
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
        self.listening_since_ms = None
        self.heard_anything = True
        self.silent = 0
        free = self.step >= 0 and self.survey.questions[self.step].kind == "free"
        folded = " " + fold(text.replace("'", "").replace("’", "")) + " "  # ("reicht's")
        if self.step < 0 and not keyed and answering_machine(text):  # "… hinterlassen Sie eine
            self._finish("", "no_answer")  # Nachricht nach dem Piepton": no message left, the
            return  # number is tried again
        if not keyed and a_child_answers(fold(text), self.step < 0):  # "ich bin erst zwölf":
            self.answers.clear()  # a child is not asked (the number is tried again)
            self._finish(self.tenant.prompts.say("survey_minor"), "no_answer")
            return
        if not keyed and wants_data_deleted(text):  # "löschen Sie bitte meine Antworten": the
            self.answers.clear()  # answers go, and the number is blocked
            self._block("declined", self.tenant.prompts.say("survey_data_deleted"))
            return
        opted_out_before = self.step < 0 and unsubscribed_before(text)
        if not keyed and (never_again(text) or opted_out_before):  # "nein, und rufen Sie hier
            # nie wieder an", "ich hab mich doch abgemeldet!": on the
            if free:  # do-not-call list whatever else was said (the comment is kept, the
                comment = comment_besides_opt_out(text)  # request is none)
                self.answers[self.survey.questions[self.step].id] = comment
            last = self.step == len(self.survey.questions) - 1
            self._block("declined" if self.step < 0 else ("resolved" if last else "hangup"))
            return
        if not keyed and self.step < 0 and call_back(text):  # "Ja, aber rufen Sie mich in
            # einer Stunde zurück": another time (a comment blocks only when said to us, above:
            # "Die sollen mich nicht mehr anrufen" is about the provider)
            self._finish(self.tenant.prompts.say("survey_call_back"), "declined")
            return
        consents = (  # "Nein. Ach, doch, … ich mach mit."
            self.step < 0
            and not keyed
            and not noisy
            and (agrees_after_all(text) or changes_mind_to_yes(text))
        )
        if consents:  # "Ich hab nicht viel Zeit, aber okay", "Gut, fragen Sie.", "Na los."
            self._next_question()
            return
        changing, self.changing = self.changing, False
        if changing:  # "Ich möchte meine Antwort ändern." - "Wie lautet …?" - "Drei." (or
            self._changed(text, value, keyed)  # "ach, lassen Sie's": this question again)
            return
        if not keyed and self.step > 0 and self._rating_corrected(text):
            return  # "Nein, doch eher eine Zwei." at the recommendation: the rating changed
        if not keyed and free and self._yes_no_corrected(text):
            return  # "Die Hotline. Ach und weiterempfehlen würde ich ihn doch eigentlich."
        if not keyed and self.step > 0 and asks_to_change(text):
            self.changing = True  # no new answer in the words: asked for it (nothing stored)
            self._ask(self.tenant.prompts.say("survey_new_answer"), None)
            return
        if not keyed and self.step < 0 and little_time(text) and not starts_with_no(text):
            # "Worum geht es? Ich hab nicht viel Zeit.": little, not none; it takes two minutes
            asked = "?" in text or is_question(text)  # (then who calls and why, too)
            self._retry(self._question_again() if asked else self.survey.consent, "yesno")
            return
        thanked = "danke" in folded.split()  # Bavarian "Passt scho." consents, so does
        southern_yes = (says_any(folded, ("passt scho", "passt eh")) and not thanked) or (
            _agrees_first(folded) and says_any(folded, ("passt schon",))
        )  # "passt schon" after a yes
        refuses = self.step < 0 and (  # "Ja danke, schon gut." (not "Ähm, joa, passt scho.")
            (says_any(folded, NO_NEED_PHRASES) and not southern_yes)
            or (not keyed and refuses_rudely(text))  # "Ich hab keinen Bock auf so was."
        )
        if refuses or (not free and says_any(folded, DECLINE_WORDS)):
            self._finish(self.survey.declined, "declined")  # a comment may well say "keine
            return  # Zeit für Warteschleifen"; "keine zeitnahe Antwort" is no "keine Zeit"
        hold, self.hold = self.hold, None
        if hold == "other" and not keyed and self.step < 0 and not starts_with_no(text):
            self._ask(self._question_again(), "yesno")  # the one handed the phone to: who
            return  # calls and why (whatever they say first; no try counted)
        if not keyed and self.step < 0 and hold is None and not self.held and self._holds(text):
            return  # "Moment, ich hole meinen Mann": waited for
        note = "" if keyed else self._not_passed_on(text)  # "Können Sie das weitergeben?"
        if note and self.step < 0:  # told once; the consent question again (no try counted)
            self._ask(f"{note} {self.survey.consent}", "yesno")
            return
        language_asked = self.step >= 0 and bool(_LANGUAGE_NAMED.search(fold(text)))
        if not keyed and (self.step < 0 or language_asked) and self._other_language(text):
            return  # "Sorry, I don't speak German": told in their language (at a question
            # only when the language is named: "can we do this in English"; "four" answers)
        if not keyed and self.step < 0 and offers_to_answer(fold(text)):
            self._next_question()  # "Mein Mann ist nicht da, aber ich kann das machen."
            return
        if not keyed and self.step < 0 and not self.anyone_told and someone_else_is_out(fold(text)):
            self.anyone_told = True  # "Mein Mann ist nicht da": the survey is for whoever
            told = self.tenant.prompts.say("survey_anyone")  # answers (once, no try lost)
            self._ask(f"{told} {self.survey.consent}", "yesno")
            return
        if not keyed and not free and lacks_the_subject(text, self._subject):
            self._finish(self.tenant.prompts.say("survey_not_concerned"), "declined")
            return  # "Ich hab gar kein Internet." (to a survey on internet providers)
        short = len(folded.split()) <= 6  # a comment may well say "noch mal"; "wie bitte?"
        again = says_any(folded, QUESTION_AGAIN)  # ("So, da bin ich wieder, was war die Frage?")
        repeat = again or ((short or not free) and asks_to_repeat(text))
        if not keyed and value is None and repeat:
            self._ask(self._question_again(), self._current_expect())  # (no try lost)
            return
        unanswered = self.step >= 0 and (
            free or _read_answer(self.survey.questions[self.step].kind, text, value, keyed) is None
        )  # ("Moment, drei." answers)
        handed = free and not keyed and someone_else_adds(text)  # "Moment, mein Mann will
        pauses = unanswered and not keyed and short and asks_to_wait(text)  # auch was sagen"
        if (handed or pauses) and not self.waited:
            self.waited = True  # "Moment, ich überleg mal.", "Warte mal kurz": no answer yet
            self._ask(self.tenant.prompts.say("wait_ok"), None)
            return
        if free and not keyed and short and is_question(text) and asks_meaning(text):
            question = self.survey.questions[self.step]  # "Wie meinen Sie das?": asked
            self._ask(question.reprompt or question.prompt, None)  # again, nothing stored
            return
        if free and not keyed and is_question(text) and asks_us(text):
            said = self._intent(text)  # "Wo haben Sie meine Nummer her?" at the comment: told,
            if said is not None and said.sure and said.id not in self.survey.ends_call:
                self._said_instead(said)  # and the question asked again (it was stored as
                return  # the comment)
        if free and not keyed and leaves_instead(text) and not breaks_off_leaving(text):
            self.answers[self.survey.questions[self.step].id] = None  # "Danke, tschüss.": no
            self._next_question()  # comment, and nothing left to ask
            return
        if (
            free
            and not keyed
            and (leaves_the_survey(text) or only_breaks_off(folded) or breaks_off_leaving(text))
        ):
            # "Ich hab jetzt doch keine Zeit mehr." at the comment: no comment, the survey ends
            self._finish(self.survey.declined, "hangup")
            return
        asked_now = self.survey.questions[self.step].prompt if self.step >= 0 else ""
        answers_it = self.step >= 0 and names_key(text, question_keys(str(asked_now)))
        to_us = not answers_it and (  # ("falls mich jemand fragt, würde ich ihn empfehlen"
            not free or (is_question(text) and asks_us(text))  # answers; a comment may want people
        )
        if not keyed and to_us and asks_for_agent(text):  # at the provider's hotline) "Können
            # Sie mich mit jemandem verbinden?":
            if self.person_asked:  # no one to put through to; asked again, another time
                self._finish(self.tenant.prompts.say("survey_call_back"), "declined")
                return
            self.person_asked = True  # told so, and the question once more (no try lost)
            told = self.tenant.prompts.say("survey_no_person")
            step = self.survey.questions[self.step] if self.step >= 0 else None
            asked = self.survey.consent if step is None else step.prompt
            self._ask(f"{told} {asked}", self._current_expect())
            return
        if free and not keyed and leaves_the_survey(text):  # "Ach, wissen Sie was, ich hab
            self._finish(self.survey.declined, "hangup")  # doch keine Lust mehr. Tschüss."
            return
        theirs = self.theirs.pop(self.step, None) if self.step >= 0 else None
        if theirs is not None and not keyed and agrees_with_them(text):
            text = as_own(theirs)  # "Mein Mann sagt ja." - "… Ihre eigene Meinung." - "Ich auch."
        others = self.step >= 0 and not (keyed or free) and only_someone_elses(text)
        if others and self.step not in self.own_asked:  # "Mein Mann würde sagen drei": not
            self.own_asked.add(self.step)  # hers; her own asked for (no try lost)
            self.theirs[self.step] = text
            told = self.tenant.prompts.say("survey_own_view")
            step = self.survey.questions[self.step]
            self._ask(f"{told} {step.prompt}", _expect(step.kind))
            return
        rating_asked = self.step >= 0 and self.survey.questions[self.step].kind == "rating"
        scale_asked = rating_asked and asks_about_scale(text)  # "Eins ist das Beste, oder?"
        if self.step >= 0 and not keyed and not free and (asks_meaning(text) or scale_asked):
            question = self.survey.questions[self.step]  # "was heißt denn eins?": the scale
            self._ask(question.reprompt or question.prompt, _expect(question.kind))  # told,
            return  # no answer stored, no try counted
        withheld = says_any(folded, WITHHOLD_WORDS)
        yes_no_asked = self.step >= 0 and self.survey.questions[self.step].kind == "yesno"
        after_doubt = rating_asked and not keyed and rating_after_doubt(text) is not None
        if (
            self.step >= 0
            and not keyed
            and not free
            and not after_doubt  # ("keine Ahnung, vielleicht drei": 3)
            and (
                does_not_know(text)
                or cannot_say(text)  # "kann ich noch nicht sagen"
                or (withheld and yes_no_asked)  # ("sag ich nicht": no "nein")
            )
        ):
            self.answers[self.survey.questions[self.step].id] = None  # "weiß ich nicht": an
            self._next_question()  # answer in a survey, asked once; "keine Ahnung" is no
            return  # "kein Interesse"
        asks = not keyed and (is_question(text) or pause_then_asks(text))
        asks = asks and not starts_with_yes(text)  # "Moment, wer
        waits = asks_to_wait(text) and not asks  # genau ruft da an?" is no yes, and answered
        unsure = (does_not_know(text) and not after_doubt) or waits  # at consent: "Moment mal"
        said = None if keyed or free or unsure else self._intent(text)
        if said is not None and self.step >= 0 and said.id not in self.survey.ends_call:
            said = said if asks_us_something(text) else None  # "Es geht." at the rating is
            # no question about the survey (its intent read it so at 0.98): asked again
        if self.step < 0:
            asks_after = not keyed and asks_after_yes(text)  # "Ja, wer ist da bitte?": no yes
            unheard = not keyed and (answers_the_phone(text) or doubts_the_call(text))  # "Hallo?",
            # "Ja, bitte?", "Ja ja, … am Ende wollen Sie mir einen Vertrag andrehen": who calls
            # and why, again (no intent read: the words hold none)
            said = None if unheard else said
            asks = (asks and not opening_agrees(text)) or asks_after or unheard  # (but "Na gut,
            # was wollen Sie wissen?" is one)
            whose = asks_who_sent_us(text)  # "Sind Sie von der Telekom?"
            asks = asks or whose
            informs = (  # "wer ruft an?", "Ja, hallo?"
                asks
                and (wh_question(text) or asks_after or unheard or whose)
                and not annoyed_by_calls(text)
            )
            agreed = None if asks else _yes_no(text, value, keyed, noisy, self.survey.consent)
            if agreed:
                if not keyed:
                    self._answered_with_consent(text)  # "Ja, klar. … würde sagen vier, …"
                self._next_question()
            elif self._opts_out(said):
                self._opt_out(said)  # "nein, rufen Sie mich nie wieder an"
            elif agreed is False:
                self._finish(self.survey.declined, "declined")
            elif said is not None and not (
                informs and said.id in self.survey.ends_call and not said.sure
            ):
                self._said_instead(said)
            elif informs:
                # "Moment, wer genau ruft da an?", "Warum rufen Sie mich an?" (an unsure
                # nicht_mehr_anrufen): who calls and why, then the question (no try counted)
                self._ask(self._question_again(), "yesno")
            else:
                self._retry(self.survey.consent, "yesno")
            return
        question = self.survey.questions[self.step]
        if not keyed and leaves_instead(text):  # "Das dauert mir zu lange, tschüss": the
            self._finish(self.survey.declined, "hangup")  # goodbye is no "nein"; the answers
            return  # given are kept
        mine = own_part(text) if question.kind == "yesno" and not keyed else None
        read = mine or text  # "mein Nachbar sagt nein, aber ich würde ihn empfehlen": hers
        answer = _read_answer(question.kind, read, value, keyed, noisy, question.prompt)
        answer = None if others else answer
        limited = question.kind == "yesno" and not keyed and limited_yes(text) is not None
        unread = answer is None and not (keyed or noisy or limited or others)
        if unread and question.kind == "yesno":
            keys = question_keys(question.prompt)  # "Ich würde ihn schon weiterempfehlen",
            answer = (  # "empfehlen würde ich die keinem"
                "ja" if echoes_yes(read, keys) else "nein" if echoes_no(read, keys) else None
            )
        if not keyed and not free and breaks_off(folded):  # "Nee, jetzt reicht's, ich leg
            # auf": the "nee"
            if answer is not None and question.kind == "rating":  # is no answer ("Drei. Ich
                self.answers[question.id] = answer  # hab keine Zeit mehr": 3 kept)
            self._finish(self.survey.declined, "declined")
            return
        if answer is not None and free and not keyed and no_comment(text, folded):
            self.answers[question.id] = None  # "keine Ahnung", "dazu sag ich nichts": no
            self._next_question(note)  # comment (the question is answered)
        elif answer is not None:  # an answer is never read as an intent ("vier", "nein")
            self.answers[question.id] = answer
            if not keyed and self._next_answered_too(text):  # "Drei, und weiterempfehlen
                self.step += 1  # würde ich ihn nicht": that one is answered as well
            last = self.step >= len(self.survey.questions) - 1
            if not keyed and not last and says_goodbye(text):  # "Drei, tschüss.": kept, and
                self._finish(self.survey.thanks, "hangup")  # the person is gone
                return
            self._next_question(note)
        elif note:  # "Können Sie das an Nordwelle weitergeben?": told, asked again (no try)
            self._ask(f"{note} {question.prompt}", _expect(question.kind))
        elif not keyed and says_any(folded, STOP_WORDS):
            self._finish(self.survey.declined, "declined")  # "nee lass mal", no answer in it
        elif not keyed and call_back(text) and LATER_WORDS & set(folded.split()):
            # "jetzt ist es schlecht, rufen Sie später an" (not "der Support sollte schneller
            # zurückrufen", a comment said one question early)
            self._finish(self.tenant.prompts.say("survey_call_back"), "declined")
        elif not keyed and withheld:
            self.answers[question.id] = None  # "das sag ich nicht"
            self._next_question()
        elif self._opts_out(said):
            self._opt_out(said)
        elif question.kind == "rating" and not keyed and (pair := rating_range(text)):
            if self.narrowed:  # between the two again: undecided, no rating (not asked a third
                self.answers[question.id] = None  # time)
                self._next_question()
                return
            self.narrowed = True  # "zwischen zwei und drei": which of the two (no try lost)
            low, high = pair
            self._ask(self.tenant.prompts.say("survey_which_of_two", low=low, high=high), "rating")
        elif not keyed and self.retries >= 1 and self._next_answered_instead(text, noisy):
            return  # asked twice, the answer to the next question came: stored, no third try
        elif said is not None:
            self._said_instead(said)
        else:
            self._retry(question.reprompt or question.prompt, _expect(question.kind))

    def _rating_corrected(self, text: str) -> bool:
        """A rating said again at a later question ("Nein, doch eher eine Zwei.", "ändern Sie
        meine Bewertung bitte auf eins"): the last rating question's answer is changed, the
        person told so, and this question asked again (its "nein" is no answer to it). False:
        no correction in the words."""
        rated = [q for q in self.survey.questions[: self.step] if q.kind == "rating"]
        question = self.survey.questions[self.step]
        yes_no, free = question.kind == "yesno", question.kind == "free"
        rating = corrected_rating(text, yes_no, free) if rated else None
        if rating is None:
            return False
        self.answers[rated[-1].id] = str(rating)
        told = self.tenant.prompts.say("survey_rating_changed", rating=rating)
        answered = self._answered_after_correction(text) if yes_no else None
        if answered is not None:  # "… eher drei, und ja, empfehlen schon": this one too
            self.answers[question.id] = answered
            self._next_question(told)
            return True
        self._ask(f"{told} {question.prompt}", _expect(question.kind))
        return True

    def _answered_after_correction(self, text: str) -> str | None:
        """The yes or no to this question said in a later clause than a rating corrected
        ("ach nein, bei der ersten Frage eher drei, und ja, empfehlen schon"): 'ja'/'nein', or
        None when no clause after the first answers it."""
        question = self.survey.questions[self.step]
        keys = question_keys(question.prompt)
        for clause in re.split(r"[,.;!?]+|\bund\b|\baber\b", text)[1:]:
            if rating_in(clause) is not None:
                continue  # ("… eher drei": the rating, no answer to this one)
            if starts_with_yes(clause) or starts_with_no(clause) or names_key(clause, keys):
                return _read_answer("yesno", clause, None, False, False, question.prompt)
        return None

    def _not_passed_on(self, text: str) -> str:
        """What is said to a complaint or a message for the provider ("Können Sie das an
        Nordwelle weitergeben?"): nothing is passed on, the answers are anonymous (said once);
        "" when none was asked for or it was said already."""
        if self.passing_told or not wants_it_passed_on(text):
            return ""
        self.passing_told = True
        return self.tenant.prompts.say("survey_not_passed_on")

    def _holds(self, text: str) -> bool:
        """ "Moment, ich hole meinen Mann", "Einen Augenblick bitte" at the consent question:
        "Gerne, ich warte." (once, no try counted); the person handed the phone to hears who
        calls. False: no wait asked for (a question, a yes or no, "Moment, wer ist da?")."""
        folded = fold(text)
        other = hands_over(folded)
        asked = is_question(text) or wh_question(text)  # ("Moment, wer ist da?")
        waits = asks_to_wait(text) and not asked and yes_or_no(text) is None
        if not (other or waits):
            return False
        self.held = True
        self.hold = "other" if other else "same"
        self._ask(self.tenant.prompts.say("wait_ok"), "yesno")
        return True

    def _other_language(self, text: str) -> bool:
        """An English turn at the consent of a German survey (or German at an English one):
        who calls and that the survey is in its language only, said in theirs; a person who
        does not speak the language ("I don't speak German") is let go, one who asks who calls
        ("Hello, who is this?") is asked whether they will take part in it (once). False: the
        turn is in the survey's language."""
        other = speaks_english(text) if self.tenant.language == "de" else speaks_german(text)
        if not other or self.language_told:
            return False
        self.language_told = True
        told = self.tenant.prompts.say("survey_other_language", name=self.tenant.name)
        if _LANGUAGE_NAMED.search(fold(text)):
            bye = self.tenant.prompts.say("survey_other_language_bye")
            self._finish(f"{told} {bye}", "declined" if self.step < 0 else "hangup")
        else:
            ask = self.tenant.prompts.say("survey_other_language_ask")
            self._ask(f"{told} {ask}", "yesno")
        return True

    def _changed(self, text: str, value: str | None, keyed: bool) -> None:
        """The new answer, asked for after "Ich möchte meine Antwort ändern": a rating changes
        the last rating question's answer, a yes or no the last yes/no question's before this
        one; the person is told so and this question asked again (asked again as well when
        neither was said: nothing changed)."""
        before = self.survey.questions[: self.step]
        rated = [q for q in before if q.kind == "rating"]
        asked = [q for q in before if q.kind == "yesno"]
        rating = _read_answer("rating", text, value, keyed) if rated else None
        yes_no = _read_answer("yesno", text, value, keyed) if asked and not keyed else None
        question = self.survey.questions[self.step]
        if rating is not None:
            self.answers[rated[-1].id] = rating
            told = self.tenant.prompts.say("survey_rating_changed", rating=rating)
        elif yes_no is not None:
            self.answers[asked[-1].id] = yes_no
            told = self.tenant.prompts.say("survey_answer_changed", answer=yes_no)
        else:
            told = ""
        self._ask(f"{told} {question.prompt}".strip(), _expect(question.kind))

    def _yes_no_corrected(self, text: str) -> bool:
        """The last yes/no question answered again, otherwise, at the comment question ("Die
        Hotline. Ach und weiterempfehlen würde ich ihn doch eigentlich."): its answer is
        changed and the person told so; the rest of the words is the comment, or, when
        nothing is left, the comment question is asked again. False: no such correction."""
        asked = [q for q in self.survey.questions[: self.step] if q.kind == "yesno"]
        found = corrected_yes_no(text, question_keys(asked[-1].prompt)) if asked else None
        if found is None or found[0] == self.answers.get(asked[-1].id):
            return False
        answer, comment = found
        self.answers[asked[-1].id] = answer
        told = self.tenant.prompts.say("survey_answer_changed", answer=answer)
        question = self.survey.questions[self.step]
        if not comment:
            self._ask(f"{told} {question.prompt}", None)
            return True
        self.answers[question.id] = comment
        self._next_question(told)
        return True

    def _opts_out(self, said: _Said | None) -> bool:
        """Whether the words surely ask never to be called again (a survey `opt_out` intent)."""
        return said is not None and said.id in self.survey.opt_out and said.sure

    def _opt_out(self, said: _Said, outcome: str = "declined") -> None:
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

    def _no_reply(self) -> None:
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

    def _intent(self, text: str) -> _Said | None:
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
        return _Said(spec.id, spec.answer, found.confidence >= SURE)

    def _said_instead(self, said: _Said) -> None:
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
                self._retry(question.reprompt or question.prompt, _expect(question.kind))
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
        return "yesno" if self.step < 0 else _expect(self.survey.questions[self.step].kind)

    def _answered_with_consent(self, text: str) -> None:
        """A yes that already rates ("Ja, klar. Also ich bin ziemlich zufrieden, würde sagen
        vier, und empfehlen würde ich ihn auch."): the first question's rating is stored (and a
        yes/no after it that names its own word), so neither is asked."""
        first = self.survey.questions[0] if self.survey.questions else None
        if first is None or first.kind != "rating" or not _RATING_CUE.search(fold(text)):
            return
        rest = re.split(r"[,.;!?]+", text, maxsplit=1)[-1]  # (not the "ja" of the consent)
        rating = rating_said(rest)  # (not "Eins, ich bin total zufrieden")
        if rating is None:
            return
        self.step = 0
        self.answers[first.id] = str(rating)
        if self._next_answered_too(rest):
            self.step += 1

    def _next_answered_too(self, text: str) -> bool:
        """A later clause of the answer names the next yes/no question's own word and answers
        it ("Drei, und weiterempfehlen würde ich ihn ehrlich gesagt nicht."): stored."""
        if self.step + 1 >= len(self.survey.questions):
            return False
        following = self.survey.questions[self.step + 1]
        clauses = re.split(r"[,.;!?]+|\bund\b|\baber\b", text)[1:]
        keys = question_keys(following.prompt)
        for at, clause in enumerate(clauses):
            if following.kind == "free" and names_the_comment_question(clause, following.prompt):
                said = text[text.find(clause) :].strip(" ,.;!?")  # "Ja, und besser machen
                self.answers[following.id] = said  # könnten die den Kundenservice": answered
                return True
            if following.kind == "yesno" and names_key(clause, keys):
                answer = _read_answer("yesno", clause, None, False, False, following.prompt)
                rest = " ".join(clauses[at:])  # ("…, naja, kommt drauf an": no yes)
                if answer is None and echoes_yes(clause, keys) and echoes_yes(rest, keys):
                    answer = "ja"  # "Vier, und ich würde ihn auch weiterempfehlen"
                elif answer is None and echoes_no(rest, keys):
                    answer = "nein"  # "Zwei, und nein, empfehlen würde ich die keinem."
                if answer is not None:
                    self.answers[following.id] = answer
                    return True
        return False

    def _next_answered_instead(self, text: str, noisy: bool) -> bool:
        """The question asked again, and what came answers the next one: a comment ("Abends
        sollte das Netz nicht so langsam sein", a statement of four words or more) where the
        next asks for one, or "Nein, würde ich nicht" where it asks yes or no (three words or
        more: a lone "Nein" may refuse this question). This one stays unanswered, that one is
        stored, and the survey goes on after it."""
        if self.step < 0 or self.step + 1 >= len(self.survey.questions):
            return False
        following = self.survey.questions[self.step + 1]
        words = len(fold(text).split())
        current = self.survey.questions[self.step]
        hedged = current.kind == "yesno" and (  # "Vielleicht, kommt drauf an wem.": an unsure
            hedges(text) or names_key(text, question_keys(current.prompt))  # answer to this one
        )
        if following.kind == "free":
            comment = words >= 4 and not is_question(text) and not hedged
            answer = text.strip() if comment else None
        elif words >= 3 and not spoken_digits(text, "de") and not rating_in(text):
            keys = question_keys(following.prompt)  # a plain yes or no, or one that echoes the
            plain = starts_with_yes(text) or starts_with_no(text)  # next question's verb (not
            echoes = echoes_yes(text, keys) or echoes_no(text, keys)  # "na gut, zwei bis drei")
            read = _read_answer(following.kind, text, None, False, noisy, following.prompt)
            answer = read if plain or echoes else None
        else:
            answer = None
        if answer is None:
            return False
        self.answers[self.survey.questions[self.step].id] = None
        self.step += 1
        self.answers[following.id] = answer
        self._next_question()
        return True

    def _next_question(self, told: str = "") -> None:
        """The next question, or the thanks after the last; `told` is said before it."""
        self.step += 1
        self.retries = 0
        self.narrowed = False
        if self.step >= len(self.survey.questions):
            self._finish(f"{told} {self.survey.thanks}".strip(), "resolved")
            return
        question = self.survey.questions[self.step]
        self._ask(f"{told} {question.prompt}".strip(), _expect(question.kind))

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


_RATING_CUE = re.compile(
    r"\b(?:zufrieden|unzufrieden|wuerde sagen|sag mal|sagen wir|note|punkte|sterne|von fuenf|"
    r"bewerte|satisfied|i d say|would say|out of five)\b"
)


_LANGUAGE_NAMED = re.compile(r"\b(?:german|deutsch|english|englisch|language|sprache)\b")


def _agrees_first(folded: str) -> bool:
    """The answer opens with a yes, after fillers ("ähm, joa, passt scho")."""
    words = [w for w in folded.split() if w not in ("aeh", "aehm", "hm", "hmm", "also", "na")]
    return bool(words) and words[0] in ("ja", "joa", "jo", "jap", "jawohl", "yes", "yeah")


def _expect(kind: str) -> str | None:
    return {"rating": "rating", "yesno": "yesno"}.get(kind)


def _yes_no(
    text: str, value: str | None, keyed: bool, noisy: bool = False, question: str = ""
) -> bool | None:
    """Keys 1/2, the recogniser's value, else the transcript (not on a noisy line: see
    caller_input.yes_no_value)."""
    if keyed:
        return {"1": True, "2": False}.get(value or "")
    return yes_no_value(text, value, "de", not noisy, question)


def _read_answer(
    kind: str, text: str, value: str | None, keyed: bool, noisy: bool = False, question: str = ""
) -> str | None:
    """A stored answer: '1'-'5' for ratings, 'ja'/'nein', or the comment text; None: unclear."""
    if kind == "rating":
        after_doubt = None if keyed else rating_after_doubt(text)
        if after_doubt is not None:  # "keine Ahnung, vielleicht drei"
            return str(after_doubt)
        chosen = None if keyed or school_grade(text) else rating_chosen(text)
        if chosen is not None:  # "zwei oder drei, ach, sagen wir drei" (was "Eher 2 oder eher
            return str(chosen)  # 3?"), "… drei oder vier Mal im Monat aus, also zwei"
        if not keyed and (school_grade(text) or says_no_rating(text)):
            return None  # "eine glatte Eins", "eins plus": 1 is the best school grade, the
            # worst rating; "Na gut.", "Eins ist das Beste, oder?"
        if value and value.isdigit() and 1 <= int(value) <= 5:
            return value
        rating = None if keyed else rating_said(text)
        return str(rating) if rating is not None else None
    if kind == "yesno":
        if not keyed and (only_a_condition(text) or scorns(text)):  # "Nur wenn der Preis
            return None  # stimmt", "Ja, meinem ärgsten Feind": no yes
        limited = None if keyed else limited_yes(text)  # "Ja, aber nicht jedem": a yes
        if limited is not None:
            return "ja" if limited == "ja" else None
        if not keyed and says_goodbye(text) and (rest := without_goodbye(text)):
            text, value = rest, None  # "Ja, absolut, tschüss": the goodbye is no "nein" (it
        # was stored as one); so is a "das war's" beside the answer ("Ja, das war es schon.")
        if not keyed and (rest := answer_besides_done(text)) and yes_or_no(rest) is not None:
            text, value = rest, None
        answer = _yes_no(text, value, keyed, noisy, question)
        return None if answer is None else ("ja" if answer else "nein")
    return comment_before_leaving(text) or text.strip() or None
