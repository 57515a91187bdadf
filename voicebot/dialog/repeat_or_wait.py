"""A caller asking to hear the bot again ("Wie bitte?", louder, slower, "what do you mean?") or
for a moment ("Moment, ich suche", "hold on")."""

from __future__ import annotations

import re

from voicebot.dialog.words import fold, says_phrase

# "Moment, ich suche die Nummer": the caller needs time, the question stands.
WAIT_PHRASES = (
    "moment", "momentchen", "sekunde", "augenblick", "warten sie", "ich suche", "ich schaue",
    "ich schau", "muss ich suchen", "muss ich nachschauen", "ich hole", "hold on", "one moment",
    "just a moment", "just a second", "one second", "let me check", "let me look",
    "let me find", "wait a", "ueberlegen", "nachdenken", "let me think", "warte mal", "wart mal",
    "warte kurz",
)  # fmt: skip


# "Wie bitte?", "können Sie das wiederholen?": the caller did not catch what the bot said.
REPEAT_PHRASES = (
    "wie bitte", "wiederholen", "was haben sie gesagt", "was hast du gesagt",
    "sie nicht verstanden", "das habe ich nicht verstanden", "sie nicht gehoert", "repeat",
    "say again", "come again", "what did you say", "didn t hear you", "didn t get that",
    "was war die frage", "wie war die frage", "was war nochmal die frage", "what was the question",
)  # fmt: skip
# ... these plainly asking to hear it again, even in a longer turn of up to 12 words ("sorry I
# didn't catch that can you say it again"), so not listed above again
REPEAT_PLAIN = (
    "didn t catch",
    "did not catch",
    "say it again",
    "say that again",
    "das nicht verstanden",
    "das hab ich nicht verstanden",
    "nicht mitbekommen",
)
# ... and these asking for it more slowly, even in a turn of up to 16 words ("Entschuldigung, ich
# bin schon alt, können Sie langsamer sprechen?")
REPEAT_SLOWER = (
    "langsamer sprechen", "langsamer reden", "etwas langsamer", "bitte langsamer",
    "nicht so schnell", "speak slower", "more slowly", "slow down", "talk slower",
)  # fmt: skip
# ... and these at the end of a short turn ("sorry, what was that?"; not "what was that payment")
REPEAT_AT_END = ("what was that", "was war das", "what did you say")  # fmt: skip
# ... and these only alone or nearly ("noch mal bitte"; not "ich rufe noch mal wegen ...").
REPEAT_ALONE = ("nochmal", "noch mal", "noch einmal", "bitte was", "wie war das", "pardon",
                "sorry what", "what", "sorry", "excuse me")  # fmt: skip
# ... and these as the whole turn ("Hä?", "Was?"; not "was kostet das")
REPEAT_WHOLE = frozenset(("hae", "haeh", "hae was", "haeh was", "was", "was denn", "hm was"))


# ... and the caller who cannot hear or follow the bot ("sprechen Sie lauter", "ich versteh Sie
# so schlecht", "ich hör so schlecht, was sagen Sie?"; not "ich verstehe nicht, warum die
# Rechnung so hoch ist", said of something else)
_CANNOT_HEAR = re.compile(
    r"\b(?:(?:sprechen|reden) sie (?:\w+ ){0,3}(?:lauter|deutlicher|langsamer)|"
    r"(?:bitte|etwas|bisschen|mal|geht das|gehts|noch) lauter|lauter (?:bitte|sprechen|reden)|"
    r"(?:versteh|verstehe|hoer|hoere) sie (?:\w+ ){0,2}(?:nicht|schlecht|kaum)|"
    r"(?:ich|i) (?:hoer|hoere|hoeren|versteh|verstehe) (?:sie |dich )?(?:so |sehr |ganz |echt "
    r"|leider |nur |ja )*(?:schlecht|kaum|nichts|nix|kein wort)(?= was\b| wie\b| bitte\b|"
    r" koennen\b| sprechen\b| reden\b|$)|"
    r"speak up|(?:speak|talk) (?:\w+ )?(?:louder|slower)|louder please|cant hear you|"
    r"can not hear you|cannot hear you)\b"
)


def asks_to_repeat(text: str) -> bool:
    """A short request to hear the bot again ("Wie bitte?", "sorry, can you repeat that?",
    "sprechen Sie lauter")."""
    folded = fold(text)
    words = len(folded.split())
    if folded in REPEAT_WHOLE or (
        words <= 10 and any(_CANNOT_HEAR.search(clause) for clause in _heard_clauses(text))
    ):
        return True
    if words <= 12 and any(says_phrase(folded, p) for p in REPEAT_PLAIN):
        return True
    if words <= 16 and any(says_phrase(folded, p) for p in REPEAT_SLOWER):
        return True
    if words <= 5 and folded.endswith(REPEAT_AT_END):
        return True
    if words <= 9 and _WHAT_MEANT.search(folded):  # "was meinen Sie damit?", "wie meinen Sie
        return True  # das", "was soll ich denn sagen": the question not understood
    if words > 7:
        return False
    return any(says_phrase(folded, p) for p in REPEAT_PHRASES) or (
        words <= 3 and any(says_phrase(folded, p) for p in REPEAT_ALONE)
    )


# The caller does not understand what the bot asks ("was meinen Sie damit", "was meinen Sie mit
# Mitarbeiter", "was soll ich da sagen", "what do you mean"), the whole turn (not "was meinen
# Sie, wann geht das wieder", a question of its own)
_WHAT_MEANT = re.compile(
    r"^(?:(?:aeh|aehm|ja|hm|also|entschuldigung|sorry|aber|und|aehm) )*"
    r"(?:(?:was|wie) (?:meinen sie|meinst du)(?: (?:denn|damit|das|jetzt|genau|bitte))*"
    r"(?: mit (?:dem |der |den |einem |einer )?\w+)?|"
    r"was soll ich (?:\w+ ){0,2}(?:sagen|antworten)|what do you mean(?: by (?:that|it|\w+))?|"
    r"what (?:should|do) i (?:say|answer))$"
)


def _heard_clauses(text: str) -> list[str]:
    """The turn folded whole and cut at its commas and sentence ends ("Ich hör so schlecht,
    was sagen Sie?")."""
    parts = [fold(p) for p in re.split(r"[,.;!?]+", text.replace("'", "").replace("’", ""))]
    return [fold(text.replace("'", "").replace("’", "")), *(p for p in parts if p)]


def asks_to_wait(text: str) -> bool:
    """The caller asks for a moment to find what was asked for ("Moment, ich suche sie")."""
    folded = fold(text)
    waits = any(says_phrase(folded, p) for p in WAIT_PHRASES)
    return waits and not any(c.isdigit() for c in folded)


# Asking the bot to hold the line ("Einen Moment bitte", "hold on one second"); "Moment mal"
# objects rather than asks to wait
_HOLD = re.compile(
    r"\b(?:moment(?!\s+mal)|momentchen|sekunde|augenblick|warten sie|hold on|hang on|"
    r"one moment|just a moment|just a second|one second|one sec|wait a|bear with me)\b"
)


def asks_to_hold(text: str) -> bool:
    """The caller asks the bot to hold on (see _HOLD), no digits said with it."""
    folded = fold(text)
    return bool(_HOLD.search(folded)) and not any(c.isdigit() for c in folded)
