"""Cutting a turn into sentences, clauses and parts (Whisper often writes none of the punctuation),
a reason in it, and a concern named by its area alone ("a question about my account")."""

from __future__ import annotations

import re

from voicebot.dialog.words import fold

_CLAUSE_BREAK = re.compile(r"[.!?;,]+|\b(?:aber|und|but|and)\b", re.IGNORECASE)


def clauses(text: str) -> list[str]:
    """The text cut at sentence ends, commas and 'aber/und' ("Nein, dann warte ich. Und ich
    möchte meinen Tarif wechseln" -> three clauses)."""
    return [c.strip() for c in _CLAUSE_BREAK.split(text) if c.strip()]


# German "also" is a filler ("ja servus also mein Internet geht nicht und …"), no added part:
# the words that follow it in German and never after English "also"
_GERMAN_AFTER_ALSO = (
    r"(?:mein\w*|ich|das|der|die|den|es|wir|ja|bei|aeh\w*|äh\w*|eigentlich|dann|wenn|wie|"
    r"unser\w*|ihr\w*|sie|da|hier|wo|was|ob|nochmal|quasi|irgendwie|seit|gestern|heute)\b"
)
_PART_BREAK = re.compile(
    r"[.?!;]+\s+|,?\s+\b(?:oh and|and also|also\b(?!\s+" + _GERMAN_AFTER_ALSO + r")|and then|"
    r"außerdem|ausserdem|und dann noch|und noch|und ausserdem|und außerdem|plus)\b\s*"
    # a second concern brought up "while I'm on" ("…, and while I'm on, how long does a transfer
    # to France take", "… und wo ich Sie gerade dran habe, …")
    r"|,?\s*\b(?:and )?(?:while i'?m on|while i have you|while i'?ve got you|"
    r"(?:und )?(?:wo|wenn|da) ich (?:sie|euch|dich) (?:schon |gerade |grad )?(?:mal )?dran habe?|"
    r"(?:und )?bei der gelegenheit)\b,?\s*"
    # a second question joined by "und" ("ist die Hafermilch vegan und enthält sie Palmöl?")
    r"|,?\s+\b(?:und|and)\s+(?=(?:was|wie|wo|wann|bis wann|warum|wieso|welche\w*|ist|sind|"
    r"enthält|enthaelt|hat|kostet|what|how|where|when|why|which|is|are|does|do|can)\b)"
    # a question announced after the first concern ("Ich will kündigen und hab eine Frage zur
    # Rechnung", "… and I have a question about my statement")
    r"|,?\s+\b(?:und|and)\s+(?=(?:ich\s+|i\s+)?(?:hab|habe|hätte|haette|hätt|have|ve got|"
    r"also have)\s+(?:noch\s+|auch\s+|also\s+)?(?:eine\s+|ne\s+|a\s+|an\s+)?"
    r"(?:frage|question|anliegen|issue|problem)\b)"
    # a wish added with "auch" ("Ich ziehe um und will bei der Gelegenheit auch gleich einen
    # schnelleren Tarif", "… and I also want …")
    r"|,?\s+\b(?:und|and)\s+(?=(?:ich\s+|i\s+)?(?:will|möchte|moechte|brauche|hätte gern|"
    r"haette gern|want|need|would like|d like)\b[^.?!]*\b(?:auch|außerdem|ausserdem|also|too)\b)",
    re.IGNORECASE,
)


_REASON = re.compile(
    r"\b(?:deshalb|deswegen|darum|daher|weshalb|weswegen|therefore|that's why|thats why|"
    r"which is why|so i want|so i'd like)\b",
    re.IGNORECASE,
)


def gives_reason(text: str) -> bool:
    """One part of the turn is the reason for the other ("… geht nicht. Deshalb will ich
    kündigen"): the concern is the turn's whole sense, not its first part."""
    return bool(_REASON.search(text))


def parts_of(text: str) -> list[str]:
    """The sentences or added clauses of one turn ("Which countries do you support? Also, I
    lost my card"): each may carry a concern of its own."""
    return [p.strip(" ,") for p in _PART_BREAK.split(text) if p and p.strip(" ,")]


# A concern said by its area alone: "I have a question about my account", "I'm calling about
# my card please", "Ich hab eine Frage zu meinem Vertrag", "Es geht um mein Konto"
_OPENERS = r"(?:(?:hi|hello|hallo|yes|yeah|ja|um|uh|so|well|ok|okay|also|aeh|guten tag|hey) )*"
_AREA_EN = re.compile(
    _OPENERS + r"(?:i have|i ve got|ive got|i got|i m calling|im calling|i am calling|calling|"
    r"it s|its|it is|there s|theres|there is|i need help|i need|i d like to ask|i would like to "
    r"ask|i wanted to ask|i want to ask|i m ringing|im ringing)? ?(?:a |an |some )?(?:quick )?"
    r"(?:question|query|problem|issue|enquiry|inquiry|help|something)? ?(?:about|with|"
    r"regarding|concerning|on) (?:my|a|an|the|our) (?P<area>\w+)(?: please)?"
)
_AREA_DE = re.compile(
    _OPENERS + r"(?:(?:ich )?(?:habe|hab|haette|hatte) (?:da )?(?:mal )?(?:eine |ne )?"
    r"(?:frage|problem|anliegen) (?:zu|zur|zum|wegen|mit|bezueglich|ueber) |es geht um |"
    r"ich rufe wegen |ich ruf wegen |wegen )(?:meiner|meinem|meinen|meine|mein|meines|der|dem|"
    r"die|den|das|des) (?P<area>\w+)(?: an)?(?: bitte)?"
)


def area_named(text: str) -> str | None:
    """The one noun of a turn that says only which area the concern is in ("account" in "I
    have a question about my account"), or None when the turn says more."""
    folded = fold(text.replace("'", " ").replace("’", " "))
    found = _AREA_EN.fullmatch(folded) or _AREA_DE.fullmatch(folded)
    return found.group("area") if found else None


# Where a turn Whisper wrote without punctuation may change its subject: a comma, "aber", "und",
# "but", "and", "because", a number said in digits ("meine frau hat den vertrag kundennummer
# 40817253 das internet geht nicht"), or before "I need / ich möchte …" ("where's your nearest
# branch in leeds I need to pay some cash in")
_LOOSE_BREAK = re.compile(
    r",|\b(?:aber|und|but|and|because|cause|weil)\b|\d[\d ]*\d|\d|"
    r"(?=\b(?:i|ich) (?:need|want|would like|d like|have to|moechte|möchte|will|brauche|muss)\b)",
    re.IGNORECASE,
)


def loose_clauses(text: str) -> list[str]:
    """The stretches of a turn between commas, conjunctions and numbers (see _LOOSE_BREAK)."""
    return [c.strip(" .!?") for c in _LOOSE_BREAK.split(text) if c.strip(" .!?")]
