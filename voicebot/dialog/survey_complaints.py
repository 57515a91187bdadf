"""What the survey cannot do for a person: pass a complaint or a message on to their provider
("Können Sie das an Nordwelle weitergeben?", "Ich habe eine Beschwerde über meinen Anbieter").
The institute only counts answers, anonymously; the person is told so once, and the survey
goes on. Folded text (words.fold)."""

from __future__ import annotations

import re

from voicebot.dialog.words import fold

_PASS_ON = re.compile(
    r"\b(?:(?:koennen|koennten|wuerden|sollen|sollten|muessen|moechte|will) (?:sie|ihr) "
    r"(?:\w+ ){0,6}(?:weitergeben|weiterleiten|ausrichten|melden|bescheid geben|bescheid sagen)|"
    r"(?:geben|leiten|richten) sie (?:\w+ ){0,6}(?:weiter|aus)\b(?! \w+ empfehlen)|"
    r"dass sie (?:\w+ ){0,6}(?:weitergeben|weiterleiten|ausrichten)|"
    r"(?:ich|wir) (?:habe|hab|haben|moechte|moechten|will|wollen) (?:\w+ ){0,2}beschwerde|"
    r"(?:ich|wir) (?:moechte|moechten|will|wollen) (?:mich|uns) (?:(?!nicht\b)\w+ ){0,3}"
    r"beschweren|"
    r"(?:can|could|will) you (?:\w+ ){0,5}(?:pass (?:\w+ ){0,3}on|forward|tell them)|"
    r"i (?:want|would like|d like) to (?:make a )?complain\w*)\b"
)


def wants_it_passed_on(text: str) -> bool:
    """ "Können Sie das an Nordwelle weitergeben?", "ich will dass Sie das weiterleiten", "Ich
    habe eine Beschwerde über meinen Anbieter": asks the survey to act for them (not "würden
    Sie ihn weiterempfehlen", not a comment on the provider's hotline)."""
    return bool(_PASS_ON.search(fold(text)))
