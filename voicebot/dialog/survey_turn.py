"""A respondent's turn as the survey steps (survey_steps.py) read it, and the answer a turn
stores: each step either rewrites the turn (what it says, whose answer it is, the intent read)
or answers the respondent and ends it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from voicebot.dialog.caller_input import yes_no_value
from voicebot.dialog.closing_words import says_goodbye
from voicebot.dialog.survey_leaving import (
    answer_besides_done,
    comment_before_leaving,
    without_goodbye,
)
from voicebot.dialog.survey_ratings import (
    rating_after_doubt,
    rating_chosen,
    rating_said,
    says_no_rating,
)
from voicebot.dialog.survey_yes_no import limited_yes, only_a_condition, scorns
from voicebot.dialog.words import yes_or_no
from voicebot.nlu.slots import school_grade

if TYPE_CHECKING:
    from voicebot.dialog.survey import SurveyDialog


@dataclass(frozen=True, slots=True)
class Said:
    """A tenant intent said instead of an answer, with its answer text."""

    id: str
    answer: str
    sure: bool  # confident enough to block the number


@dataclass(slots=True)
class SurveyTurn:
    """What the steps so far have read of one turn; later steps see what earlier ones wrote."""

    text: str  # the words ("" for a key); the other person's answer when agreed with
    value: str | None  # the key pressed, or the recogniser's value
    keyed: bool  # a key, no words
    noisy: bool  # a noisy line: no yes or no read from the words alone
    free: bool  # the current question asks for a comment
    folded: str  # the words as said, folded, apostrophes dropped ("reicht's"), space-padded
    hold: str | None = None  # the wait at consent this turn ends: "same" person or an "other"
    note: str = ""  # that nothing is passed on to the provider, said before the next prompt
    others: bool = False  # only someone else's answer ("Mein Mann würde sagen drei")
    asks: bool = False  # the turn asks something (not after a yes)
    said: Said | None = None  # a tenant intent said instead of an answer
    answer: str | None = None  # the answer read to the current question

    @property
    def short(self) -> bool:
        """Six words or fewer: a comment may well say "noch mal", a short turn asks again."""
        return len(self.folded.split()) <= 6


# A step reads the turn with the dialog's survey and state. True: it answered the respondent
# and the turn ends; None or False: the next step reads on.
SurveyStep = Callable[["SurveyDialog", SurveyTurn], bool | None]


def expect(kind: str) -> str | None:
    """What the recogniser is told to expect at a question of this kind."""
    return {"rating": "rating", "yesno": "yesno"}.get(kind)


def yes_no(
    text: str, value: str | None, keyed: bool, noisy: bool = False, question: str = ""
) -> bool | None:
    """Keys 1/2, the recogniser's value, else the transcript (not on a noisy line: see
    caller_input.yes_no_value)."""
    if keyed:
        return {"1": True, "2": False}.get(value or "")
    return yes_no_value(text, value, "de", not noisy, question)


def stored_answer(
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
        answer = yes_no(text, value, keyed, noisy, question)
        return None if answer is None else ("ja" if answer else "nein")
    return comment_before_leaving(text) or text.strip() or None
