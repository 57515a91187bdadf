"""What a turn at a survey question is besides an answer: a question to the survey (not a
statement its intents happen to read as one), a pause word then a question written without its
"?", a comment that gives none ("keine Ahnung", "Danke, das war's"). Folded text
(words.fold)."""

from __future__ import annotations

import re

from voicebot.dialog.question_words import is_question
from voicebot.dialog.survey_words import WITHHOLD_WORDS, says_any, wh_question
from voicebot.dialog.words import BYE_WORDS, CLOSING_PHRASES, does_not_know, fold

_ASKED_VERB_FIRST = re.compile(  # "bin ich hier mit einem Computer verbunden", "spreche ich
    r"^(?:(?:aeh|aehm|also|moment|und|sagen sie mal|mal) )*(?:bin|spreche|rede|sind|ist|"  # mit
    r"kostet|dauert|wird|werden|gibt|gibts|muss|kann|darf|hat|haben|koennen|wollen|rufen|"  # einem
    r"kommen|arbeiten|machen) (?:ich|sie|das|es|der|die|man|ihr|wir)\b"  # Menschen"
)


def asks_us_something(text: str) -> bool:
    """A question, not a statement the survey's intents happen to read as one ("Es geht.",
    "geht" at the rating)."""
    folded = fold(text)
    asked = "?" in text or is_question(text) or wh_question(text)
    return asked or bool(_ASKED_VERB_FIRST.match(folded))


def no_comment(text: str, folded: str) -> bool:
    """ "Keine Ahnung", "weiß ich nicht", "dazu sag ich nichts", "Danke, das war's" said as
    the whole comment: none given ("nichts", nothing to improve, is one)."""
    words = folded.split()
    if len(words) <= 4 and (does_not_know(text) or only_closes(folded) or only_thanks(text)):
        return True
    return len(words) <= 6 and says_any(folded, WITHHOLD_WORDS)


_CLOSING = tuple(  # ("nichts weiter", "sonst nichts" say "nothing", as "nichts" does)
    p for p in CLOSING_PHRASES if p not in BYE_WORDS and "nichts" not in p and "nothing" not in p
)
_CLOSING_FILLER = frozenset(("danke", "dank", "vielen", "ja", "nein", "nee", "also", "ok", "okay"))


def only_closes(folded: str) -> bool:
    """ "Danke, das war's", "nein, das ist alles": done, nothing said about the provider."""
    rest = f" {folded.strip()} "
    for phrase in _CLOSING:
        rest = rest.replace(f" {phrase} ", " ")
    return rest.split() != folded.split() and set(rest.split()) <= _CLOSING_FILLER


_THANKS = frozenset(("danke", "dank", "thanks", "thank"))
_THANKS_BESIDE = frozenset(("vielen", "schoen", "herzlichen", "sehr", "nein", "nee", "ne", "ja",
                            "ok", "okay", "you", "no"))  # fmt: skip


def only_thanks(text: str) -> bool:
    """ "Vielen Dank.", "nein danke" as the whole comment: thanks, no comment (it was stored
    as the comment; Whisper also writes "Vielen Dank." on a silent line)."""
    words = set(re.findall(r"\w+", fold(text)))
    return bool(words & _THANKS) and words <= _THANKS | _THANKS_BESIDE


_PAUSE_FIRST = frozenset(("moment", "augenblick", "hallo", "sorry", "entschuldigung"))
_ASKING_FIRST = frozenset(("wer", "was", "worum", "wieso", "weshalb", "woher", "wo", "wie"))


def pause_then_asks(text: str) -> bool:
    """ "Moment, wer ist da?" written without its "?": a pause word, then a question word
    (not "Ähm, ja, warum nicht.", consent)."""
    words = fold(text).split()
    return len(words) >= 3 and words[0] in _PAUSE_FIRST and words[1] in _ASKING_FIRST


_CANNOT_SAY = re.compile(
    r"\b(?:kann ich (?:\w+ )?(?:noch |so |jetzt )?(?:nicht|schlecht|kaum) sagen|(?:kann|koennte) "
    r"(?:ich|man) (?:\w+ )?(?:noch )?nicht (?:sagen|beurteilen|einschaetzen)|"
    r"(?:kann|koennte) (?:ich|man) (?:\w+ )?(?:noch )?(?:nicht|schlecht|kaum) beurteilen|"
    r"(?:i )?(?:cant|can not|cannot) (?:really )?(?:say|tell)(?: yet)?)\b"
)


def cannot_say(text: str) -> bool:
    """ "Ich hab gerade erst gewechselt, kann ich noch nicht sagen": no answer to give (as
    "weiß ich nicht"), not unclear."""
    return bool(_CANNOT_SAY.search(fold(text.replace("'", "").replace("’", ""))))


def names_the_comment_question(clause: str, prompt: str) -> bool:
    """A clause of four words or more that takes up two long words of the comment question
    ("… und besser machen könnten die den Kundenservice" to "Was sollte Ihr Anbieter besser
    machen?"): the comment, said one question early."""
    words = fold(clause).split()
    asked = {w for w in fold(prompt).split() if len(w) >= 5}
    return len(words) >= 4 and len(asked & set(words)) >= 2 and not is_question(clause)
