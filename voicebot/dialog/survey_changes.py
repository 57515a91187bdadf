"""A person who wants to change an earlier survey answer without saying the new one yet ("Kann
ich die erste Antwort nochmal ändern?", "Ich möchte meine Antwort ändern"): asked for it, not
stored as the comment. Folded text (words.fold)."""

from __future__ import annotations

import re

from voicebot.dialog.words import fold

# Changing an answer, named as such (not "die sollten ihre Preise ändern", a comment)
_CHANGE = re.compile(
    r"\b(?:(?:meine|die|eine|der|ihre) (?:\w+ )?(?:antwort|antworten|bewertung|angabe|angaben|"
    r"zahl|note|aussage)|(?:erste|ersten|vorige|vorigen|vorherige|vorherigen|letzte|letzten) "
    r"frage)\b(?: \w+){0,3} (?:aendern|korrigieren|berichtigen|revidieren|"
    r"zuruecknehmen)\b|\b(?:aendern|korrigieren|berichtigen) (?:\w+ ){0,2}(?:meine|die) "
    r"(?:\w+ )?(?:antwort|bewertung|angabe)\b|\bchange (?:my|the|an) (?:answer|rating)\b"
)


def asks_to_change(text: str) -> bool:
    """A change of an earlier answer asked for ("ich möchte meine Antwort ändern", "kann ich
    bei der ersten Frage was korrigieren?"); "ich hab's mir anders überlegt" may as well take
    back the consent, and is not."""
    return bool(_CHANGE.search(fold(text.replace("'", "").replace("’", ""))))
