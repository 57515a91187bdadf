"""British and colloquial English said the way the intents' examples say it, for the classifier.

Harbour Bank's examples are Banking77's first ten per intent (American, written): callers say
"the hole in the wall", "the cashpoint", "it got knocked back", "they nicked my card", "my
mobile", "a new payee". Those words are in no example, so the classifier was left with the
rest ("the cash point ate my card" was read as a deposit not in the balance). The text the
classifier reads says them in the examples' words ("atm cash machine", "declined", "stolen",
"phone", "beneficiary"). English only; works on normalised text (lowercase, no punctuation).
Amounts ("20 quid") are left as said: "quid" read as "pounds" moved "I topped up 50 quid …"
from a pending top-up to topping up by card.
"""

from __future__ import annotations

import re

_ENGLISH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b(?:{pattern})\b"), plain)
    for pattern, plain in (
        (r"holes? in the wall|cash ?points?|cash dispensers?", "atm cash machine"),
        (r"knocked back|bounced", "declined"),
        (r"nicked|pinched|mugged|robbed", "stolen"),
        (r"mobile phone|mobile(?! app| banking)", "phone"),
        (r"payees?", "beneficiary"),
        (r"wages", "salary"),
        (r"skint", "out of money"),
        (r"topup", "top up"),
        (r"topups", "top ups"),
    )
)
# A cash machine that kept the card: "the atm ate my card", "the hole in the wall has eaten it"
# (its object the card, "it" or nothing: not "the atm keeps declining my card", "the machine
# kept saying my pin was wrong", "it ate my money"; "kept my code" is a card misheard)
_KEPT_BY_MACHINE = re.compile(
    r"\b(atm|machine)\b((?: \w+){0,3}) (?:ate|eaten|eats|gobbled(?: up)?|retained|kept|keeps)\b"
    r"(?= (?:(?:my|the|his|her|their|our|a|your) (?!money\b|cash\b|notes\b|pin\b)\w+|"
    r"(?:\w+ )?(?:card|cards|it))\b|$|"
    r" (?:this|last|yesterday|today|again|and|at|in|outside|when|so|but)\b)"
)

# A cash machine that refused the card: "the atm keeps declining my card" (read as kept)
_DECLINED_BY_MACHINE = re.compile(
    r"\b(atm|machine)\b((?: \w+){0,3}) (?:keeps? (?:on )?|kept (?:on )?|is |was )?"
    r"(?:declining|rejecting|refusing)\b"
)


def plain_english(text: str) -> str:
    """Normalised English text with British and colloquial words in the examples' words."""
    for pattern, plain in _ENGLISH:
        text = pattern.sub(plain, text)
    text = _DECLINED_BY_MACHINE.sub(r"\1\2 declined", text)
    return _KEPT_BY_MACHINE.sub(r"\1\2 swallowed", text)
