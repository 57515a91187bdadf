"""Someone else's opinion told instead of the person's own.

"Mein Mann würde sagen drei", "meine Tochter sagt immer fünf", "mein Sohn würde ihn
empfehlen": the survey asks the person on the phone, so another person's answer is not stored
as theirs; they are asked for their own ("Und wie sehen Sie selbst das?"). Their own said with
it answers ("mein Mann sagt drei und ich auch", "meine Frau würde nein sagen, ich ja", "wir sind
uns einig, fünf"). Folded text (words.fold).
"""

from __future__ import annotations

import re

from voicebot.dialog.words import fold

# Another person and what they say, think or would answer ("mein Mann würde sagen", "laut
# meiner Frau", "wenn ich meinen Sohn frage, sagt der …")
_OTHERS_VIEW = re.compile(
    r"\b(?:(?:mein|meine|meinem|meinen|meiner|unser|unsere|unserem|unseren)\s+(?:mann|frau|sohn|"
    r"tochter|kinder|kind|partner\w*|freund\w*|mutter|vater|mama|papa|eltern|nachbar\w*|oma|opa|"
    r"familie|enkel\w*|schwester|bruder|gatte|gattin|lebensgefaehrt\w*)|die kinder)\s+"
    r"(?:\w+\s+){0,3}?(?:sagt|sagen|sagte|wuerde|wuerden|meint|meinen|meinte|findet|finden|fand|"
    r"faende|gibt|geben|gab|empfiehlt|empfehlen|denkt|denken|hat gesagt|haben gesagt)\b"
    r"|\b(?:laut|nach meinung) (?:mein\w*|unser\w*)\b"
)
# The person's own view said with it ("… und ich auch", "ich sehe das genauso", "ich würde
# vier sagen", "wir", "für mich")
_OWN_VIEW = re.compile(
    r"\bich (?:auch|genauso|ebenso|ebenfalls|sehe|seh|sag\w*|wuerde|wuerd|geb\w*|bin|find\w*|"
    r"faend\w*|selbst|persoenlich|eher|nicht|ja|nein|schon|denke|denk)\b"
    r"|\b(?:wir|uns|beide|beiden|einig|fuer mich|mir|mich|selber|selbst)\b"
)


def only_someone_elses(text: str) -> bool:
    """The answer names another person's view and none of the person's own."""
    folded = fold(text)
    found = _OTHERS_VIEW.search(folded)
    if found is None:
        return False
    rest = f"{folded[: found.start()]} {folded[found.end() :]}"
    return _OWN_VIEW.search(rest) is None
