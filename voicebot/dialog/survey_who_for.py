"""Who the survey is for, asked instead of an answer ("Ist das von der Telekom?", "Sind Sie
von meinem Anbieter?", "In wessen Auftrag rufen Sie an?"): the classifier places some of these
("wer hat die Umfrage in Auftrag gegeben"), not those naming a company, and the consent
question or the reprompt came back unanswered. The survey's introduction says who calls and
for whom; then the question again (no try counted). Folded text (words.fold)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from voicebot.dialog.survey_turn import SurveyTurn

if TYPE_CHECKING:
    from voicebot.dialog.survey import SurveyDialog

_WHO_FOR = re.compile(
    r"\b(?:ist das|ist die umfrage|ist diese umfrage|sind sie|seid ihr|kommen sie|kommt ihr|"
    r"rufen sie|ruft ihr|arbeiten sie|machen sie das) (?:\w+ ){0,3}?(?:von|vom|fuer|im auftrag)"
    r"\b|\bin wessen auftrag\b|\bim auftrag von wem\b|\bwer (?:steckt|steht) (?:\w+ )?dahinter\b|"
    r"\bfuer wen (?:\w+ ){0,2}(?:machen|fuehren|rufen|arbeiten|ist)\b|"
    r"\b(?:are you|is this) (?:\w+ ){0,2}(?:from|with|for|on behalf of)\b|"
    r"\bwho is (?:this|it) for\b"
)
_MOST_WORDS = 12  # a question, not a comment that tells of a company
_AT_COMMENT = 7  # at the comment question: the question alone


def asks_who_for(folded: str) -> bool:
    """ "Ist das von der Telekom?", "In wessen Auftrag rufen Sie an?" (folded, a short turn)."""
    return len(folded.split()) <= _MOST_WORDS and bool(_WHO_FOR.search(folded))


def answer_who_for(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """Who the survey is for asked, no intent placing it: the introduction, then the consent
    or the question again."""
    if turn.keyed or turn.said is not None or not asks_who_for(turn.folded):
        return False
    if turn.free and len(turn.folded.split()) > _AT_COMMENT:  # ("ist das für die Telekom? die
        return False  # sollten mal schneller werden": a comment)
    if dialog.step < 0:
        again = str(dialog.survey.consent)
    else:
        again = str(dialog.survey.questions[dialog.step].prompt)
    dialog._ask(f"{dialog.survey.intro or ''} {again}".strip(), dialog._current_expect())
    return True
