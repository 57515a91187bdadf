"""A criticism denied is praise: "die Nougatcreme ist nicht zu süß, genau richtig".

The classifier hears "zu süß", "salzig", "trocken" and places the turn near the complaint,
whose team is alarmed at high priority and a batch number asked. Said denied ("gar nicht zu
salzig", "überhaupt nicht trocken", "nicht so süß wie andere", "kein bisschen fettig") the
caller is pleased. Not so when anything else is wrong in the turn ("nicht zu süß, aber
schimmelig", "… aber schmeckt nicht gut"), when it asks ("ist die nicht zu süß für Kinder?") or
when the denial only says it changed ("nicht mehr so fettig wie früher") or is too little
("nicht dick genug"). "Ich kann nicht sagen, dass die Spätzle schlecht sind, im Gegenteil"
and "gar nicht schlecht" deny a criticism too. Folded text (words.fold).
"""

from __future__ import annotations

import re

from voicebot.dialog.harm_words import reports_harm, reports_problem
from voicebot.dialog.question_words import is_question
from voicebot.dialog.words import fold

# Words that criticise a product only in excess ("zu süß", "so salzig"): denied with "zu/so"
_IN_EXCESS = (
    r"(?:suess\w*|salzig|sauer|scharf|bitter|stark|intensiv|streng|herb|dominant|fettig|"
    r"klebrig|trocken|hart|dick|duenn|fluessig|aufdringlich|penetrant|parfuemiert|kuenstlich|"
    r"schwer|maechtig|teuer|klein)"
)
# Words that criticise by themselves ("fettig", "klebrig"): denied bare as well
_BAD_ANYWAY = (
    r"(?:fettig|klebrig|trocken|schmierig|kuenstlich|aufdringlich|penetrant|pappig|zaeh|"
    r"bitter|ranzig|labberig|matschig)"
)
_DENIED = re.compile(
    r"\b(?:(?:gar|ueberhaupt|absolut|ueberhaupt gar|auch) )?"
    rf"(?:nicht|nich) (?:(?:zu|so|allzu|uebermaessig|uebertrieben|besonders) {_IN_EXCESS}|"
    rf"{_BAD_ANYWAY})\b(?! genug| wie frueher| mehr)"
    rf"|\bkein bisschen (?:zu )?(?:{_IN_EXCESS}|{_BAD_ANYWAY})\b"
    # "ich kann nicht sagen, dass die Spätzle schlecht sind, im Gegenteil", "gar nicht schlecht"
    r"|\b(?:kann|koennte|will|wuerde) (?:\w+ )?(?:nicht|nich|nie) (?:sagen|behaupten) (?:dass )?"
    rf"(?:\w+ ){{0,4}}?(?:zu |so )?(?:{_IN_EXCESS}|{_BAD_ANYWAY}|schlecht|mies|eklig)\b"
    r"|\b(?:gar |echt |wirklich )?(?:nicht|nich) (?:so )?schlecht\b(?! geworden| gewesen)"
)
# A comparison that goes with it ("gar nicht zu salzig, nicht so wie bei anderen Marken")
_OTHERS = re.compile(
    r"\b(?:nicht|nich) (?:so )?wie (?:bei )?(?:den |die |der )?(?:anderen?|andere\w*|sonst)\b"
)
# What makes the denial no praise: a change ("nicht mehr so"), a contrast ("sondern"), a
# liking or praise word denied in the rest ("schmeckt aber nicht gut")
_NOT_PRAISE = re.compile(
    r"\bnicht mehr\b|\bsondern\b|\b(?:nicht|nich|kein\w*) (?:\w+ ){0,2}?(?:gut|lecker|toll|"
    r"schoen|angenehm|frisch|knusprig|in ordnung|ok)\b|\b(?:schmeck|gefaell|mag)\w* (?:\w+ ){0,4}?"
    r"(?:nicht|nich|kein\w*)\b|beschwer|reklam|zurueck|erstatt"
)


def without_denial(text: str) -> str:
    """The words besides a criticism denied and the comparison with it, folded ("die Brezeln
    sind gar nicht zu salzig gibt es die auch in Bio" -> "die brezeln sind gibt es …")."""
    return _OTHERS.sub(" ", _DENIED.sub(" ", fold(text)))


def praises_by_denial(text: str) -> bool:
    """The turn praises by denying a criticism (see above): a statement, nothing wrong besides."""
    if _DENIED.search(fold(text)) is None or "?" in text or is_question(text):
        return False
    rest = without_denial(text)
    return not (_NOT_PRAISE.search(rest) or reports_harm(text) or reports_problem(rest))
