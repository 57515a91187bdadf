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
_PERSON = (
    r"(?:(?:mein|meine|meinem|meinen|meiner|unser|unsere|unserem|unseren)\s+(?:mann|frau|sohn|"
    r"tochter|kinder|kind|partner\w*|freund\w*|mutter|vater|mama|papa|eltern|nachbar\w*|oma|opa|"
    r"familie|enkel\w*|schwester|bruder|gatte|gattin|lebensgefaehrt\w*)|die kinder)"
)
_SOMEONE = re.compile(rf"\b{_PERSON}\b")


def names_someone_else(text: str) -> bool:
    """Another person of the household is named ("meine Frau eher drei")."""
    return _SOMEONE.search(fold(text)) is not None


_OTHERS_VIEW = re.compile(
    rf"\b{_PERSON}\s+"
    r"(?:\w+\s+){0,3}?(?:sagt|sagen|sagte|wuerde|wuerden|meint|"
    r"(?<!auf )(?<!an )(?<!fuer )(?<!mit )(?<!von )(?<!zu )(?<!in )(?<!hat )(?<!haben )"
    r"meinen|meinte|findet|finden|fand|"  # (not "auf meinen Rat")
    r"faende|gibt|geben|gab|empfiehlt|empfehlen|denkt|denken|hat gesagt|haben gesagt)\b"
    r"|\b(?:laut|nach meinung) (?:mein\w*|unser\w*)\b"
)
# The person's own view said with it ("… und ich auch", "ich sehe das genauso", "ich würde
# vier sagen", "wir", "für mich")
_OWN_VIEW = re.compile(
    r"\bich (?:auch|genauso|ebenso|ebenfalls|sehe|seh|sag\w*|wuerde|wuerd|geb\w*|bin|find\w*|"
    r"faend\w*|selbst|persoenlich|eher|nicht|ja|nein|schon|denke|denk)\b"
    r"|\b(?:wir|uns|beide|beiden|einig|fuer mich|mir|mich|selber|selbst|und ich|ich und)\b"
)


def only_someone_elses(text: str) -> bool:
    """The answer names another person's view and none of the person's own."""
    folded = fold(text)
    if _OTHERS_VIEW.search(folded) is None:
        return False
    rest = re.sub(rf"\b{_PERSON}", " ", folded)  # ("meine Familie und ich würden sagen drei")
    return _OWN_VIEW.search(rest) is None


# The person's own answer in a clause of its own ("…, aber ich würde ihn empfehlen", "ich ja")
_OWN_CLAUSE = re.compile(r"\bich\b(?! (?:meinen|meine|meinem|meiner) )")


def own_part(text: str) -> str | None:
    """The words of the person's own answer when another person's view is told beside it
    ("mein Nachbar sagt nein, aber ich würde ihn empfehlen" -> "ich würde ihn empfehlen",
    "ich ja, meine Frau nein" -> "ich ja"); None when no other view is told or no own clause."""
    folded = fold(text)
    other = _OTHERS_VIEW.search(folded)
    if other is None:
        return None
    after = _OWN_CLAUSE.search(folded, other.end())
    if after is not None:
        return folded[after.start() :]
    before = folded[: other.start()]
    mine = _OWN_CLAUSE.search(before)
    return before[mine.start() :].strip(" ,") if mine is not None else None


# Someone of the household who wants to say something too ("Moment, mein Mann will auch noch
# was sagen", "warten Sie, meine Frau möchte was dazu sagen"): the phone is handed over
_SOMEONE_ADDS = re.compile(
    r"\b(?:mein|meine|unser|unsere)\s+(?:mann|frau|sohn|tochter|partner\w*|freund\w*|mutter|"
    r"vater|mama|papa|gatte|gattin|lebensgefaehrt\w*)\s+(?:\w+\s+){0,2}?(?:will|moechte|"
    r"wuerde gern\w*|moecht|hat)\s+(?:(?:auch|noch|da|dazu|gern\w*)\s+){0,3}(?:was|etwas)\s+"
    r"(?:(?:dazu|zu)\s+)?(?:sagen|ergaenzen|loswerden|beitragen)\b"
)


def someone_else_adds(text: str) -> bool:
    """Another person of the household wants to say something before the answer."""
    return bool(_SOMEONE_ADDS.search(fold(text)))


_AGREES = re.compile(
    r"^(?:(?:ja|also|na|aeh|hm) )*(?:ich (?:auch|genauso|ebenso|ebenfalls)|(?:ich )?(?:sehe|seh) "
    r"(?:ich )?(?:das )?(?:auch|genauso|ebenso)(?: so)?|genauso|dito|same|das gleiche|dasselbe|"
    r"dem schliesse ich mich an|wie (?:mein|meine)\s+\w+)\b(?: \w+)?$"
)


def agrees_with_them(text: str) -> bool:
    """ "Ich auch.", "Sehe ich genauso.", "Dasselbe.": the other person's answer is the
    person's own, too."""
    return bool(_AGREES.search(fold(text)))


def as_own(theirs: str) -> str:
    """Another person's answer told as the person's own ("mein Mann sagt ja" -> "ich sagt
    ja"), to be read as theirs once they agreed with it."""
    return re.sub(rf"\b{_PERSON}", "ich", fold(theirs))
