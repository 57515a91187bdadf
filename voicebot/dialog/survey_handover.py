"""The phone handed to someone else in the middle of the survey ("Moment, ich geb Sie mal
meiner Frau" at a question), "Hallo, sind Sie noch da?" and a plain "stopp" said instead of
an answer. Steps over a
SurveyTurn (survey_turn.py), put into survey_steps.SURVEY_STEPS. Folded text (words.fold)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from voicebot.dialog.question_words import checks_line
from voicebot.dialog.survey_people import hands_over
from voicebot.dialog.survey_ratings import rating_said
from voicebot.dialog.survey_turn import SurveyTurn, expect

if TYPE_CHECKING:
    from voicebot.dialog.survey import SurveyDialog

# Whoever takes the phone greets or asks who calls ("ja hallo", "hier ist Müller", "wer ist
# da?"); an answer to the question is read as one ("fünf")
_GREETS = re.compile(
    r"\b(?:hallo|hello|hi|guten (?:tag|morgen|abend)|hier ist|hier spricht|am apparat|"
    r"wer ist da|wer spricht|wer ist denn da|worum geht es|worum gehts|um was geht es|"
    r"was gibt es|was gibts|ja bitte)\b"
)
# "stopp", "stopp bitte", "nein stopp", "aufhören" alone: the survey ends (not "… dass die
# Verbindung nicht ständig stoppt", a comment)
_STOP_ALONE = frozenset(("stopp", "stop", "aufhoeren", "schluss", "halt stopp", "abbrechen"))
_FILLER = frozenset((
    "nein", "nee", "ne", "bitte", "jetzt", "mal", "sofort", "ok", "okay", "also", "aeh", "aehm",
    "aus", "ende", "hier", "no", "please", "now", "danke",
))  # fmt: skip


def stop_alone(folded: str) -> bool:
    """ "Stopp.", "Nein, stopp bitte", "Schluss jetzt", "aufhören": the survey stopped."""
    words = [w for w in folded.split() if w not in _FILLER]
    return (
        bool(words)
        and len(words) <= 2
        and " ".join(words) in _STOP_ALONE | {"stopp stopp", "stop stop", "schluss aus"}
    )


def answer_handed_over_at_question(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Moment, ich geb Sie mal meiner Frau" at a question (no answer in it): "Gerne, ich
    warte." (once, no try counted); whoever takes the phone hears who calls and the question."""
    if (
        turn.keyed
        or dialog.step < 0
        or dialog.handed_over
        or not hands_over(turn.folded)
        or rating_said(turn.text) is not None
    ):
        return False
    dialog.handed_over = True
    dialog.hold = "other"
    question = dialog.survey.questions[dialog.step]
    dialog._ask(dialog.tenant.prompts.say("wait_ok"), expect(question.kind))
    return True


def answer_new_person_at_question(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """The one handed the phone at a question greets ("ja hallo?"): who calls and the question
    (no try counted); an answer they give straight away is read as one."""
    if turn.hold != "other" or turn.keyed or dialog.step < 0 or not _GREETS.search(turn.folded):
        return False
    question = dialog.survey.questions[dialog.step]
    dialog._ask(f"{dialog.survey.intro} {question.prompt}".strip(), expect(question.kind))
    return True


def answer_stop_alone(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Stopp." at a question: the survey ends, the answers given are kept."""
    if turn.keyed or dialog.step < 0 or not stop_alone(turn.folded):
        return False
    dialog._finish(dialog.survey.declined, "hangup")
    return True


def answer_line_checked(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Hallo, sind Sie noch da?" at a question: "Ja, ich höre Sie gut." and the question
    again (no try counted; it was the reprompt, "Bitte antworten Sie mit Ja oder Nein")."""
    if turn.keyed or dialog.step < 0 or not checks_line(turn.text):
        return False
    question = dialog.survey.questions[dialog.step]
    told = dialog.tenant.prompts.say("line_ok")
    dialog._ask(f"{told} {question.prompt}", expect(question.kind))
    return True
