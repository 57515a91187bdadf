"""A concern taken back at the end of the turn that said it: the lost card found while
speaking ("i cant find my card oh wait here it is sorry"), "… never mind". Nothing is left
to hand on: the caller is asked whether there is anything else, not put through to the
fraud team at high priority for a card in their hand."""

from __future__ import annotations

import re

from voicebot.dialog.words import fold_spoken

# The taking back: the caller found it ("found it", "here it is", "it's here", "got it here")
# or drops it ("never mind", "forget that"); not someone else finding it ("someone found it
# and handed it in") nor a finding that is itself the concern ("found it but it's snapped").
_TAKEN_BACK = re.compile(
    r"(?:^|\s)(?:(?:oh|ah|no|wait|hang on|hold on|actually|sorry|um|uh|er|erm|it s ok|it s fine"
    r"|okay|ok)\s+)*(?:(?:i ve |i have |i )?(?:just )?found it|here it is|it s here|its here"
    r"|it is here"
    r"|(?:i ve )?got it here|never mind|nevermind|forget that|ignore (?:that|me)"
    r"|ach (?:hier|da) ist sie|(?:ich )?hab (?:sie|ihn|es) gefunden)"
    r"((?:\s+\S+){0,7})\s*$"
)
_NOT_THE_CALLER = re.compile(r"\b(?:someone|somebody|they|he|she|police|shop|staff|jemand)\s+"
                             r"(?:has |had |have )?(?:just )?$")  # fmt: skip
_MORE_TO_SAY = frozenset((  # the words after it go on to a concern ("… but it's snapped")
    "but", "and", "want", "need", "can", "could", "how", "what", "why", "when", "would",
    "broken", "snapped", "damaged", "cracked", "aber", "und",
))  # fmt: skip


def concern_taken_back(text: str) -> bool:
    """The turn says a concern and ends by taking it back: the thing lost was found while
    speaking, or "never mind"; the words after that only say where or sorry."""
    said = fold_spoken(text)
    found = _TAKEN_BACK.search(said)
    if found is None or len(said[: found.start()].split()) < 3:  # a concern said before it
        return False
    if _NOT_THE_CALLER.search(said[: found.start()] + " "):
        return False
    return not (_MORE_TO_SAY & set(found.group(1).split()))


# A fault that mended itself while the caller spoke ("ach, warten Sie, jetzt geht es wieder",
# "hat sich erledigt, es funktioniert wieder"); not a question when it will ("wann geht es
# wieder"), nor a fault come back ("jetzt geht es wieder nicht")
_MENDED = re.compile(
    r"\b(?:(?:geht|funktioniert|laeuft|klappt)(?: \w+){0,2} wieder|hat sich (?:\w+ )?erledigt|"
    r"(?:it s|its|it is) (?:working|back) (?:again|now)|(?:it )?works (?:again|now))\b"
    r"(?! (?:nicht|aus|ab|kaputt|not)\b)"
)
_WHEN = re.compile(r"\b(?:wann|ob|bis|when|if|whether|sobald|wenn)\b(?: \w+){0,4} $")


def fault_mended(text: str) -> bool:
    """The caller says, at the end of the turn, that what they called about works again."""
    said = fold_spoken(text)
    found = next(reversed(list(_MENDED.finditer(said))), None)  # (the last said counts)
    if found is None or _WHEN.search(said[: found.start()]):
        return False
    rest = said[found.end() :].split()
    return len(rest) <= 3 and not (_MORE_TO_SAY & set(rest))


def thanks_said(text: str) -> bool:
    """The caller says they called to thank ("ich will Ihnen danke sagen, das Internet geht
    wieder"), not a "nein danke" ("nein danke, das hat sich erledigt")."""
    return bool(_THANKS.search(fold_spoken(text)))


_THANKS = re.compile(
    r"\b(?:danke(?:schoen)? sagen|bedank\w*|(?:wanted|want|like) to (?:say )?thank|say thank)"
)


# A caller who rings to say that what was done worked and thanks ("der Techniker war gestern da
# und jetzt funktioniert alles, danke", "ich habe die Gutschrift bekommen, vielen Dank"): read as
# a complaint at high priority or as the credit asked for. The turn ends in thanks, says what
# was done, and asks for nothing, denies nothing, says no "aber".
_ENDS_IN_THANKS = re.compile(
    r"\b(?:danke|dankeschoen|vielen dank|herzlichen dank|besten dank|tausend dank)"
    r"(?: (?:schoen|sehr|nochmal|noch mal|auch|ihnen|euch|dafuer))*$"
)
_DONE = re.compile(
    r"\b(?:funktioniert|geht|laeuft|klappt)\b(?: \w+){0,2} (?:alles|wieder|einwandfrei|super|"
    r"prima|bestens|perfekt)\b|\bhat (?:\w+ ){0,2}(?:geklappt|funktioniert)\b|"
    r"\b(?:ist|sind|wurde|wurden|hab|habe|haben|hat)\b(?: \w+){0,4} (?:bekommen|erhalten|"
    r"angekommen|repariert|behoben|gutgeschrieben|erledigt)\b|"
    r"\b(?:stoerung|problem|ausfall|panne)\w* (?:ist|sind|war) (?:\w+ ){0,2}(?:vorbei|vorueber)\b"
)  # ("die Störung ist vorbei, danke": the subject first, no "ist die Störung vorbei?")
_STILL_WANTED = re.compile(
    r"\b(?:nicht|nichts|kein\w*|nie|aber|doch|wann|warum|wieso|weshalb|ob|immer noch|noch immer|"
    r"will|moechte|moechten|brauche|bitte|falsch|mahnung|inkasso|zu hoch|zu viel|frage)\b"
)


def done_and_thanked(text: str) -> bool:
    """The caller reports that what they had called about was done, and thanks (see _DONE)."""
    said = fold_spoken(text).strip()
    return bool(
        _ENDS_IN_THANKS.search(said) and _DONE.search(said) and not _STILL_WANTED.search(said)
    )
