"""A fault of the caller's own thing told after an answer ("Wann hat der Shop offen?" - answer -
"und mein Internet geht nicht, kann ich mit jemandem sprechen"; "Can I use my card in Japan?" -
answer - "and my app doesn't work"): a new concern, not a verdict on the answer. The words
"geht nicht" / "doesn't work" also say that an answer did not help ("das geht trotzdem nicht"),
so that reading (closing_words.not_helped) put the caller through for the answered question
("Öffnungszeiten (Antwort hat nicht geholfen)"). Here the fault has a subject of its own
(mein/das Internet, my app) that is no part of the answer, and nothing says it goes on after
the bot's help ("immer noch", "trotzdem", "still")."""

from __future__ import annotations

import re

from voicebot.dialog.words import fold

_OWNER = r"(?:mein|meine|meinen|meiner|unser|unsere|unseren|das|die|der|my|our|the)"
# the word after the article: a thing, not a verb ("das hat nicht funktioniert") nor the answer
# itself ("die Anleitung funktioniert nicht", "the instructions don't work")
_THING = (
    r"(?!(?:hat|ist|war|geht|ging|habe|hab|has|is|was|did|does|had|klappt|funktioniert|wird|"
    r"kann|anleitung|tipp|loesung|erklaerung|antwort|neustart|answer|instructions?|solution|"
    r"restart|steps?|link|trick|seite|webseite|website|internetseite|portal|kundenportal|page|"
    r"site|login|anmeldung|formular|form)\b)\w+"
)
_FAULT = re.compile(
    rf"\b{_OWNER} {_THING}(?: \w+){{0,3}} (?:geht|funktioniert|klappt|laeuft)"
    r"(?: \w+){0,3} nicht\b|"
    rf"\b{_OWNER} {_THING}(?: \w+){{0,2}} (?:doesnt|does not|isnt|is not|wont|will not|"
    r"has stopped|stopped) (?:\w+ )?work"
)
_GOES_ON = re.compile(
    r"\b(?:immer noch|noch immer|trotzdem|weiterhin|nach wie vor|schon wieder|still|again|"
    r"anyway|even after|auch danach|danach|already|schon (?:\w+ ){0,3}(?:gemacht|probiert|"
    r"versucht|getan))\b"
)


def fault_told_anew(text: str, answer: str = "") -> bool:
    """ "und mein Internet geht nicht", "my app doesn't work": a fault of a thing of its own,
    not said to go on after the bot's answer, nor of what the answer named (`answer`: "… im
    Kundenportal …" - "das Kundenportal geht nicht" is the answer not helping)."""
    folded = fold(text.replace("'", "").replace("’", ""))
    found = _FAULT.search(folded)
    if found is None or _GOES_ON.search(folded):
        return False
    thing = found.group(0).split()[1]
    return thing not in fold(answer).split()
