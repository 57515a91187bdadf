"""A caller reporting a death ("my mother passed away last week", "mein Mann ist verstorben"):
condolences and a person at once, the death noted for the agent.

No intent of a tenant knows these words (Banking77 has none), so the bot said "Sorry, I did
not understand" to a widow twice and then offered the keypad menu; with a routine concern in
the same turn ("my wife has died and her card is still being charged") the death was lost.
"""

from __future__ import annotations

import re

from voicebot.dialog.words import fold

_RELATIVE = (
    r"(?:mother|mum|mom|mam|mummy|father|dad|daddy|husband|wife|partner|spouse|son|daughter|"
    r"brother|sister|grandmother|grandfather|gran|granny|grandma|nan|nana|nanna|grandad|"
    r"granddad|grandpa|aunt|auntie|aunty|uncle|cousin|parents?|relative|fiance|fiancee|friend|"
    r"mutter|mama|vater|papa|mann|ehemann|frau|ehefrau|partnerin|lebensgefaehrt\w*|sohn|"
    r"tochter|bruder|schwester|oma|opa|grossmutter|grossvater|tante|onkel|eltern)"
)
_DEATH = re.compile(
    r"\b(?:passed away|passed on|bereave\w*|probate|executor|executrix|"
    r"(?:he|she) (?:has|had|s) (?:just |recently |sadly |suddenly )?died|"
    rf"(?:my|our|his|her|their) (?:\w+ )?{_RELATIVE} (?:\w+ ){{0,2}}died|"
    rf"(?:he|she|they) (?:\w+ ){{0,2}}died (?:last|on|yesterday|recently|in|a |at|this|two|three|"
    r"few|suddenly)|"
    rf"(?:late|deceased) (?:\w+ )?{_RELATIVE}s?|{_RELATIVE} (?:\w+ )?(?:who|that) (?:\w+ ){{0,2}}"
    r"(?:died|passed)|death of (?:my|our|a|the account)|report (?:a|the) death|"
    rf"(?:lost|losing) (?:my|our) {_RELATIVE}\b(?! s\b)|"
    r"verstorben\w*|gestorben|todesfall\w*|sterbefall\w*|trauerfall\w*|erbschein\w*|"
    r"nachlass\w*|(?:tod|ableben) (?:meines|meiner|unseres|unserer))\b"
)


# German callers say a device "ist gestorben" as English ones say "my phone died": "mein Router
# ist gestorben", "das Handy ist mir gestern verstorben". A thing named just before the verb is no
# death in the family.
_THING = (
    r"(?:router|fritz\s?box|box|modem|handy|smartphone|telefon|festnetz|leitung|anschluss|internet|"
    r"wlan|fernseher|tv|receiver|akku|batterie|laptop|computer|rechner|pc|tablet|geraet|sim|"
    r"karte|netzteil|kabel|festplatte|drucker|auto|kiste|ding|teil)(?:e|en|n|s|es)?\b"
)
_THING_DIED = re.compile(rf"\b{_THING}\s+(?:(?!{_RELATIVE}\b)\w+\s+){{0,4}}(?:ver|ge)storben\b")


def death_reported(text: str) -> bool:
    """The words tell of a death in the caller's family or of the account holder (not "my
    phone died", "mein Router ist gestorben" nor "what happens to my account if I die")."""
    folded = fold(text)
    if not _DEATH.search(folded):
        return False
    return bool(_DEATH.search(_IDIOM.sub(" ", _THING_DIED.sub(" ", folded))))


# Dying as a figure of speech: "gestorben vor Lachen", "fast gestorben vor Schreck", "ich bin
# vor Schreck fast gestorben", "died laughing"
_IDIOM = re.compile(
    r"\b(?:fast|beinahe|halb|fast schon)\s+(?:\w+\s+){0,2}(?:ge|ver)storben\b|"
    r"\b(?:ge|ver)storben\s+(?:\w+\s+){0,2}vor\s+(?:lachen|schreck|langeweile|scham|wut|aerger)\b|"
    r"\bvor\s+(?:lachen|schreck|langeweile|scham)\s+(?:\w+\s+){0,2}(?:ge|ver)storben\b|"
    r"\b(?:died|dying) (?:laughing|of (?:laughter|embarrassment|boredom|shock))\b"
)
