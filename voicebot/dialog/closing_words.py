"""A caller done with the call, or not yet: goodbyes, thanks, "das war alles", "passt schon",
a wrong number or a concern given up, and "I have one more question", "that didn't help"."""

from __future__ import annotations

import re

from voicebot.dialog.agent_requests import asks_for_agent, asks_for_transfer
from voicebot.dialog.question_words import is_question
from voicebot.dialog.repeat_or_wait import asks_to_wait
from voicebot.dialog.turn_clauses import clauses
from voicebot.dialog.words import (
    ANSWER_WORDS,
    BYE_WORDS,
    CLOSING_PHRASES,
    fold,
    fold_spoken,
    says_phrase,
)

# Said only at the end of a turn, these close it too ("Okay, vielen Dank, schönen Tag noch";
# "Ja, schönen Tag, ich hätte eine Frage" greets; "Und woher weiß ich Bescheid, …?" asks)
FAREWELL_WISHES = (
    "schoenen tag", "schoenen abend", "schoenes wochenende", "bis zum naechsten mal",
    "have a nice day", "have a good day", "have a lovely day", "have a great day", "take care",
)  # fmt: skip
CLOSING_AT_END = (
    *FAREWELL_WISHES, "wollte ich nur wissen", "wollt ich nur wissen", "weiss ich bescheid",
    "wollt i nur wissen", "wollte i nur wissen", "bis dann", "bis bald", "servus",
    "mir geholfen", "mir sehr geholfen", "mir weitergeholfen", "mir sehr weitergeholfen",
    "that s fine then", "that s all i needed", "that s all i wanted",
)  # fmt: skip

# Thanks alone ("Danke schön", "thank you very much") to "Kann ich sonst noch helfen?": done.
THANKS_WORDS = frozenset(("danke", "dankeschoen", "dank", "thanks", "thank", "cheers", "ta"))
_THANKS_COMPANY = frozenset((
    "vielen", "herzlichen", "besten", "schoen", "sehr", "ganz", "alles", "klar", "super", "prima",
    "gut", "toll", "you", "very", "much", "so", "a", "lot", "great", "perfect", "fine", "mate",
    "brilliant", "lovely", "have", "nice", "good", "day", "that", "s", "helpful", "wonderful",
    "ok", "okay", "ach", "achso", "aha", "na", "dann", "und", "and", "perfekt", "wunderbar",
    "klasse", "spitze", "vielmals", "trotzdem", "schade", "ah", "oh",
))  # fmt: skip
# "Möchten Sie mit einem Mitarbeiter sprechen?" - "passt schon", "dann warte ich halt ab": no
NO_NEED_PHRASES = (
    "schon gut", "passt schon", "nicht noetig", "nicht notwendig", "brauch ich nicht",
    "brauche ich nicht", "warte ich ab", "warte ich halt ab", "dann warte ich", "warte ab",
    "passt scho", "passt eh", "alles in ordnung", "dann ist ja gut", "dann ist ja alles gut",
    "schau ich morgen", "schaue ich morgen", "probier ich", "probiere ich", "versuch ich",
    "versuche ich",
    "no need", "not necessary", "ill wait", "i will wait",
)  # fmt: skip


def needs_no_more(text: str) -> bool:
    """Thanks with "ok" ("ok danke", "alles klar, danke") or a word that no more is needed
    ("passt schon", "dann warte ich ab"): a no to "shall I put you through?"."""
    folded = fold(text.replace("'", "").replace("’", ""))
    if folded.split()[:1] in (["ja"], ["yes"], ["gerne"]):  # "Ja, dann warte ich halt": a yes
        return False
    settled = only_thanks(text) and bool(_SETTLED & set(folded.split()))  # (a bare "danke"
    no_need = any(says_phrase(folded, p) for p in NO_NEED_PHRASES) or bool(_NO_NEED.search(folded))
    return settled or no_need or _noted_with_thanks(text)  # says neither: asked again)


def _noted_with_thanks(text: str) -> bool:
    """ "Ach so, okay, danke für die Info", "Ah ja, stimmt, hab ich vergessen. Danke!": the
    answer taken note of, with thanks, and nothing more wanted: no yes after the words of
    noting ("Okay, danke, ja bitte"), no "but", "one more", waiting, "didn't help", question
    or person asked for."""
    words = fold(text.replace("'", "").replace("’", "")).split()
    if not words or words[0] not in _NOTED or not thanks_in(text) or len(words) > 12:
        return False
    start = 1  # "ah ja", "ach ja", "oh yes": noting (a yes later is one)
    while start < len(words) and (words[start] in _NOTED or words[start] in ("ja", "so")):
        start += 1
    if set(words[start:]) & _WANTS_MORE:
        return False
    return not (
        is_question(text) or asks_for_agent(text) or asks_for_transfer(text) or has_more(text)
        or asks_to_wait(text) or not_helped(text)
    )  # fmt: skip


_NOTED = frozenset(("ach", "achso", "ah", "aha", "oh", "ok", "okay", "alles", "verstehe",
                    "stimmt", "gut", "super", "prima", "i", "right", "alright", "got"))  # fmt: skip
_WANTS_MORE = frozenset((  # after the words of noting: a yes, a "but", something more
    "ja", "jawohl", "gerne", "gern", "bitte", "yes", "yeah", "yep", "please", "aber", "but",
    "noch", "auch", "also", "too", "actually", "eigentlich", "another", "more", "other",
    "moment", "wait", "hang", "sekunde", "second", "reicht", "brauche", "need", "husband",
    "wife", "mann", "frau", "though", "slow", "langsam",
))  # fmt: skip


_NO_NEED = re.compile(
    r"\bbrauch\w* (?:ich|wir) (?:\w+ ){0,3}(?:nicht|keinen|keine)\b"
    # "das wart ich ab", "warten wir mal ab" (Whisper drops the e), "nee lassen Sie mal"
    r"|\bwarte?n? (?:ich|wir) (?:\w+ ){0,2}ab\b|\blassen sie (?:mal|nur|ruhig)$"
    r"|\blassen sie (?:mal|nur|ruhig) (?:das|dann|gut|schon|ich|wir)\b"
)


_SETTLED = frozenset(("ok", "okay", "klar", "gut", "super", "prima", "ach", "achso", "perfekt",
                      "fine", "great", "perfect", "alright"))  # fmt: skip


MORE_PHRASES = (
    "noch eine frage", "noch ne frage", "noch was", "noch etwas", "eine andere frage",
    "one more question", "another question", "one more thing", "something else",
)  # fmt: skip


def has_more(text: str) -> bool:
    """ "Nein, ich hab noch eine Frage": the caller is not done, whatever the first word says."""
    folded = fold(text)
    return any(says_phrase(folded, phrase) for phrase in MORE_PHRASES)


NOT_HELPED_PHRASES = (
    "hilft nicht", "nicht geholfen", "bringt nichts", "nichts gebracht", "immer noch nicht",
    "trotzdem nicht", "klappt nicht", "funktioniert nicht", "schon gemacht", "schon probiert",
    "schon versucht", "didnt help", "did not help", "doesnt help", "still not", "still doesnt",
    "already tried", "already did", "doesnt work", "didnt work", "did not work", "geht nicht",
    "komm nicht rein", "komme nicht rein", "nicht einloggen", "cant log in", "cannot log in",
    "cant get in", "bringt mir nichts", "hilft mir nicht", "nicht wirklich geholfen",
    "hilft mir nicht wirklich", "didnt really help", "doesnt really help", "not really help",
    "didnt answer", "did not answer", "doesnt answer", "not helpful", "not really helpful",
    "no help", "hilft nix", "bringt nix", "nix gebracht", "hilft gar nicht", "hilft gar nichts",
    "hilft auch nicht", "hilft auch nix", "geht trotzdem nicht", "made no difference",
)  # fmt: skip
_DONE_BEFORE = re.compile(
    r"\bschon (?:\w+ ){0,3}(?:gemacht|probiert|versucht|ausprobiert|getan)\b|\balready (?:\w+ )"
    r"{0,2}(?:tried|done|did)\b"
)  # "Das hab ich schon dreimal gemacht"


def not_helped(text: str) -> bool:
    """ "Hab ich schon gemacht, hilft nicht", "still not working": the answer did not help."""
    folded = fold(text.replace("'", "").replace("’", ""))
    return any(says_phrase(folded, phrase) for phrase in NOT_HELPED_PHRASES) or bool(
        _NOT_IN.search(folded) or _DONE_BEFORE.search(folded)
    )


_NOT_IN = re.compile(r"\bkomm\w* (?:\w+ ){0,2}nicht (?:\w+ ){0,3}rein\b")  # "ins Portal"


def thanks_in(text: str) -> bool:
    """ "…, vielen Dank für Ihre Hilfe", "I don't think so, thank you": a thanks said."""
    return bool(THANKS_WORDS & set(fold(text).split()))


FAREWELL_PHRASES = (
    *BYE_WORDS, "rufe ich spaeter", "ruf ich spaeter", "rufe spaeter", "call back later",
    "call you back", "falsch verbunden", "verwaehlt", "wrong number",
    # the caller's plan to call again ("danke, falls das nicht klappt, melde ich mich wieder")
    "melde ich mich wieder", "melde mich wieder", "melde ich mich nochmal", "melde mich nochmal",
    "rufe ich wieder an", "ruf ich wieder an", "rufe ich nochmal an", "ruf ich nochmal an",
    "rufe ich noch mal an", "ruf ich noch mal an",
)  # fmt: skip


def says_goodbye(text: str) -> bool:
    """ "Tschüss", "dann ruf ich später an, auf Wiederhören", "bye", "…, schönen Tag noch":
    the caller leaves."""
    folded = fold(text)
    said = any(says_phrase(folded, p) for p in FAREWELL_PHRASES)
    return said or _ends_with(text, FAREWELL_WISHES)


# Dialled wrong, said of the call itself ("Sorry, wrong number", not "I entered the wrong
# number on a transfer")
_WRONG_NUMBER = re.compile(
    r"\b(?:falsch verbunden|(?:mich|ich mich) verwaehlt|sorry wrong number|wrong number sorry|"
    r"(?:ich |hab |habe |ich hab |ich habe )(?:mich )?(?:wohl |glaube ich |da )?falsch gewaehlt|"
    r"(?:die )?falsche nummer (?:gewaehlt|erwischt|angerufen)|"
    r"(?:da |dann |hier )?bin ich (?:wohl |hier |da )?(?:falsch|verkehrt)(?! \w)|"
    r"(?:dialled|dialed|rang|called|phoned) (?:the )?wrong number|"
    r"(?:i ve|i have|must have|i) got (?:the )?wrong number(?! on| in| for| of))\b"
)
# Said before a goodbye: the caller no longer wants it ("Actually, I'll do it in the app")
_DISMISSING = re.compile(
    r"\b(?:never mind|forget it|i ll do it|i will do it|ill do it|"
    r"i ll sort it|i ll try|i ll check|i ll call back|vergessen sie (?:es|das)|"
    r"mach (?:ich|das) (?:\w+ )?(?:selbst|selber|online|in der app)|hat sich erledigt|"
    r"doch nicht|schon gut)\b"
)


def dialled_wrong(text: str) -> bool:
    """ "Sorry, wrong number", "falsch verbunden": said of the call itself."""
    return bool(_WRONG_NUMBER.search(fold_spoken(text)))


def besides_dialled_wrong(text: str) -> str:
    """The words of the turn besides its saying the call reached the wrong number, folded
    ("ich hab falsch gewählt, entschuldigung" -> "entschuldigung")."""
    return " ".join(_WRONG_NUMBER.sub(" ", fold_spoken(text)).split())


def leaves_now(text: str) -> bool:
    """ "Sorry, wrong number. Bye.", "Actually, I'll do it in the app. Bye.": the caller
    dialled wrong, or takes the concern back and says goodbye; not a question ("Ist die
    Hafermilch vegan? Danke, tschüss." is answered), not a concern with a goodbye ("My card
    isn't working. Bye." is served)."""
    if "?" in text or is_question(text):
        return False
    if dialled_wrong(text):
        return True
    said = clauses(text)
    ends = bool(said) and any(fold(said[-1]) == p for p in BYE_WORDS)
    return ends and bool(_DISMISSING.search(fold_spoken(text)))


def _ends_with(text: str, phrases: tuple[str, ...]) -> bool:
    """The turn ends with one of the phrases, but for thanks and courtesy words after it
    ("schönen Tag noch", "have a nice day, thanks")."""
    if "?" in text:  # "Und am Sonntag? Das wollte ich nur wissen.": the question first
        return False
    words = _THATS.sub(r"that \1", fold_spoken(text)).split()
    while words and (words[-1] in THANKS_WORDS or words[-1] in _AFTER_WISH):
        words.pop()
    said = " ".join(words)
    return any(said == p or said.endswith(" " + p) for p in phrases)


_AFTER_WISH = frozenset(("noch", "auch", "ihnen", "too", "you", "as", "well", "vielen",
                         "herzlichen", "much", "very", "so"))  # fmt: skip


# The caller gives the concern up ("ach, vergessen Sie es", "dann eben nicht", "never mind")
GIVE_UP_PHRASES = (
    "vergessen sie es", "vergessen sie s", "vergessen sies", "vergiss es", "vergessts",
    "vergessen wirs", "ach egal", "ist egal", "is egal", "schon egal", "lassen wir das",
    "lassen wirs", "lassen sie es", "lassen sies", "lass mal", "schon gut", "dann eben nicht",
    "dann halt nicht", "never mind", "nevermind", "forget it", "forget about it",
    "doesn t matter", "it doesn t matter",
)  # fmt: skip


def gives_up(text: str) -> bool:
    """ "Ach, vergessen Sie es.", "Ist schon gut, dann eben nicht": the caller drops what they
    were asking (no question besides it)."""

    def given_up(words: str) -> bool:
        folded = fold(words.replace("'", " ").replace("’", " "))
        return any(says_phrase(folded, p) for p in GIVE_UP_PHRASES)

    said = clauses(text)  # ("Ist schon gut" is no question; "…, ist die vegan?" asks)
    asks = "?" in text or any(is_question(c) for c in said if not given_up(c))
    return given_up(text) and not asks


# "That's" as Whisper often writes it, without the apostrophe ("ok brilliant thats all", "no
# thats everything"): folded as the phrase lists write it ("that s all")
_THATS = re.compile(r"\bthat(s|ll)\b")
# "No, that's everything": closing too (English; not in the shared phrase list)
_EVERYTHING = ("that s everything", "that is everything", "that was everything")


def _closing_folded(text: str) -> str:
    """fold() with "thats" / "thatll" written "that s" / "that ll"."""
    return _THATS.sub(r"that \1", fold(text))


def _says_closing(folded: str) -> bool:
    return any(says_phrase(folded, p) for p in (*CLOSING_PHRASES, *_EVERYTHING))


def closes_call(text: str) -> bool:
    """ "Das war alles", "that's all", "…, das wollte ich nur wissen", "Nichts mehr, danke":
    the caller has nothing more (a no to "anything else?")."""
    folded = _closing_folded(text)
    if "?" in text:  # "Und die Nougatcreme? Pfiat di.": the question first ("Das war's,
        asked = _closing_folded(text.split("?")[0])  # oder?" closes)
        if not (_only_closing_words(asked) or _says_closing(asked)):
            return False
    return _says_closing(folded) or _ends_with(text, CLOSING_AT_END) or _only_closing_words(folded)


# Closings that are one only when the turn says nothing else ("Da geht gar nichts mehr" is a
# fault; "Servus" alone may greet), with courtesy and answer words around them
_SHORT_CLOSINGS = (
    "nichts mehr", "nix mehr", "sonst nix", "sonst nix mehr", "sonst nichts mehr", "nix weiter",
    "nichts weiteres", "nix weiteres", "des wars", "des war s", "des war alles", "des is alles",
    "des wars servus", "nichts mehr servus", "nix mehr servus", "passt servus",
)  # fmt: skip


def _only_closing_words(folded: str) -> bool:
    words = [
        w for w in folded.split()
        if w not in ANSWER_WORDS and w not in THANKS_WORDS and w not in _THANKS_COMPANY
        and w not in ("jo", "ja", "mei", "gell", "dann", "erstmal", "wirklich")
    ]  # fmt: skip
    return 0 < len(words) <= 4 and " ".join(words) in _SHORT_CLOSINGS


def without_closing(text: str) -> str:
    """The words besides a closing phrase ("No, that's it, I lost my card" -> "no i lost my
    card"), folded."""
    folded = " " + _THATS.sub(r"that \1", fold_spoken(text)) + " "
    for phrase in (*CLOSING_PHRASES, *_EVERYTHING):
        folded = folded.replace(f" {phrase} ", " ")
    return " ".join(folded.split())


def only_thanks(text: str) -> bool:
    """ "Danke schön", "vielen Dank, super": thanks and nothing else (no yes, no no, no concern)."""
    words = fold(text).split()
    return any(w in THANKS_WORDS for w in words) and all(
        w in THANKS_WORDS or w in _THANKS_COMPANY for w in words
    )


# "Anything else?" - "I'm good, thanks", "alles gut": the caller needs nothing more.
_SETTLED_PHRASES = (
    "i m good", "i am good", "i m fine", "i am fine", "i m ok", "i m okay", "i m all set",
    "all set", "all good", "we re good", "we re all good", "i m sorted", "all sorted",
    "alles gut", "alles bestens", "alles erledigt", "hat sich erledigt", "bin versorgt",
    "passt scho", "passt schon", "passt eh", "passt alles",
)  # fmt: skip


def needs_nothing_more(text: str) -> bool:
    """ "I'm good, thanks", "nee, alles gut": answer words, thanks and one phrase saying the
    caller is settled, nothing else (a no to "anything else?")."""
    if _noted_with_thanks(text):  # "Oh okay, thanks for letting me know"
        return True
    folded = fold_spoken(text)
    for phrase in _SETTLED_PHRASES:
        if says_phrase(folded, phrase):
            rest = f" {folded} ".replace(f" {phrase} ", " ", 1).split()
            return all(w in ANSWER_WORDS or w in THANKS_WORDS or w in _THANKS_COMPANY
                       for w in rest)  # fmt: skip
    return False
