"""A survey question answered by leaving: a goodbye with nothing but words of having had
enough ("Das dauert mir zu lange, tschüss", "Mir reicht's jetzt, wiederhören", "Ich muss jetzt
auflegen"). The goodbye is no "nein" to the question, and the rest is no comment. Folded text
(words.fold)."""

from __future__ import annotations

import re

from voicebot.dialog.closing_words import FAREWELL_WISHES, says_goodbye
from voicebot.dialog.words import BYE_WORDS, CLOSING_PHRASES, fold, says_phrase

# Hanging up said in words ("ich muss jetzt auflegen", "ich leg jetzt auf")
_HANGS_UP = re.compile(
    r"\b(?:(?:muss|will|werde|moechte) (?:\w+ ){0,2}auflegen|ich (?:leg|lege) (?:\w+ ){0,2}auf)$"
)
# Having had enough, said of oneself or of the survey (not a judgement of the provider)
_HAD_ENOUGH = re.compile(
    r"\b(?:mir reichts|reicht mir|mir reicht es|jetzt reichts|das reicht|es reicht|"
    r"(?:ist|wird) mir (?:\w+ )?zu (?:bloed|doof|dumm|lang|lange|viel|bunt)|"
    r"dauert (?:\w+ ){0,2}zu lang\w*|keine (?:lust|zeit|geduld) mehr|hab genug|habe genug|"
    r"muss (?:\w+ )?(?:los|weg)|i ve had enough|ive had enough|takes too long|too long|"
    r"(?:have|got) to go)\b"
)
_FILLER = frozenset((
    "ach", "also", "naja", "na", "oh", "so", "jetzt", "doch", "sorry", "tut", "mir", "leid",
    "echt", "wirklich", "danke", "dank", "vielen", "schoen", "und", "dann", "wissen", "sie", "was",
    "aeh", "aehm", "ich", "hab", "habe", "muss", "los", "weg", "well", "thanks", "i", "im", "have",
    "to", "go", "now", "noch", "einen", "tag", "abend", "auf", "das", "ist", "es", "ehrlich",
    "gesagt", "sowieso", "egal", "mal", "fuer", "den", "anruf",
))  # fmt: skip


def leaves_instead(text: str) -> bool:
    """The turn only says goodbye, hangs up in words, or has had enough and goes: no answer to
    the question asked (a "tschüss" is no "nein"), no comment. "Nein, tschüss" and "Zwei,
    tschüss" answer; "Schnelleres Internet, tschüss" comments: neither is leaving instead."""
    folded = fold(text.replace("'", "").replace("’", ""))
    if not (says_goodbye(text) or _HANGS_UP.search(folded)):
        return False
    rest = _HANGS_UP.sub(" ", _HAD_ENOUGH.sub(" ", folded))
    for phrase in sorted((*BYE_WORDS, *FAREWELL_WISHES), key=len, reverse=True):
        rest = re.sub(rf"\b{re.escape(phrase)}\b", " ", rest)
    return all(word in _FILLER for word in rest.split())


def breaks_off_leaving(text: str) -> bool:
    """Leaving instead of answering with a reason to stop ("mir reicht's", "zu lange") or a
    hang-up in words, not a plain goodbye ("Danke, tschüss" to the last question: nothing
    more to say)."""
    folded = fold(text.replace("'", "").replace("’", ""))
    return leaves_instead(text) and bool(_HAD_ENOUGH.search(folded) or _HANGS_UP.search(folded))


_CLAUSE = re.compile(r"[,.;!?]+|\s+(?=\bund\b|\baber\b|\band\b|\bbut\b)")
_LEAD_INS = frozenset(("und", "aber", "also", "ach", "nein", "nee", "ja", "and", "but", "so"))


def comment_besides_opt_out(text: str) -> str | None:
    """The comment given with a request never to be called again ("Schnelleres Internet, und
    rufen Sie mich nie wieder an" -> "Schnelleres Internet"); None when the turn holds nothing
    else ("Und rufen Sie mich nie wieder an.")."""
    from voicebot.dialog.survey_words import never_again

    kept = [c.strip() for c in _CLAUSE.split(text) if c.strip() and not never_again(c)]
    words = " ".join(kept).split()
    while words and fold(words[0]) in _LEAD_INS:
        words = words[1:]
    return " ".join(words) or None


def comment_before_leaving(text: str) -> str | None:
    """The comment said before the person goes ("Die sollen die Hotline verbessern, aber ich
    muss jetzt los, tschüss" -> "Die sollen die Hotline verbessern"): the closing clauses that
    only leave are no part of it; None when none close so or nothing is left before them."""
    from voicebot.dialog.survey_words import leaves_the_survey

    clauses = [c.strip() for c in _CLAUSE.split(text) if c.strip()]
    if len(clauses) == 1:  # "die sollen die Störungen beheben tschüss" (no comma written)
        return _without_closing_words(text)
    kept = list(clauses)
    while (
        kept
        and says_goodbye(kept[-1])
        and (  # ("…, irgendwann denk ich mir, ich leg
            leaves_instead(kept[-1]) or leaves_the_survey(kept[-1])  # auf": part of the comment)
        )
    ):
        kept.pop()
    if not kept or len(kept) == len(clauses):
        return None
    words = " ".join(kept).split()
    while words and fold(words[-1]) in _LEAD_INS:
        words = words[:-1]  # ("…, aber": the lead-in of the goodbye)
    return " ".join(words) or None


def without_goodbye(text: str) -> str:
    """The words besides the goodbye ("ja absolut, tschüss" -> "ja absolut"), folded."""
    rest = fold(text.replace("'", "").replace("’", ""))
    for phrase in sorted((*BYE_WORDS, *FAREWELL_WISHES), key=len, reverse=True):
        rest = re.sub(rf"\b{re.escape(phrase)}\b", " ", rest)
    return " ".join(rest.split())


# "das war's", "das ist alles" without the goodbyes (those are without_goodbye's)
_DONE_PHRASES = tuple(sorted(set(CLOSING_PHRASES) - set(BYE_WORDS), key=len, reverse=True))


def answer_besides_done(text: str) -> str | None:
    """The answer said with a "that's all" ("Ja, das war es schon." -> "ja schon"), folded;
    None when no such phrase was said or nothing else was. To a yes/no question the phrase is
    the caller being done, not a "nein" (the inbound dialog's "Kann ich sonst noch helfen?" -
    "Das war's" reads it as one)."""
    folded = fold(text.replace("'", " ").replace("’", " "))
    if not any(says_phrase(folded, phrase) for phrase in _DONE_PHRASES):
        return None
    rest = folded
    for phrase in _DONE_PHRASES:
        rest = re.sub(rf"\b{re.escape(phrase)}\b", " ", rest)
    return " ".join(rest.split()) or None


_CLOSING = tuple(
    sorted(
        (*BYE_WORDS, *FAREWELL_WISHES, "noch", "danke", "danke schoen", "vielen dank", "und"),
        key=lambda p: -len(p.split()),
    )
)


def _without_closing_words(text: str) -> str | None:
    """A comment with the goodbye words at its end taken off ("Schnelleres Internet tschüss"
    -> "Schnelleres Internet"); None when none end it or nothing is left."""
    words = text.split()
    cut = len(words)
    said_bye = False
    while cut > 0:
        for phrase in _CLOSING:
            size = len(phrase.split())
            tail = fold(" ".join(words[max(0, cut - size) : cut]))
            if size <= cut and tail == phrase:
                said_bye = said_bye or phrase in BYE_WORDS or phrase in FAREWELL_WISHES
                cut -= size
                break
        else:
            break
    if not said_bye or cut == len(words) or cut < 1:
        return None
    return " ".join(words[:cut]).rstrip(",.;!?")
