"""Reading short caller answers and the basics every phrase test uses: fold, whole phrases, yes/no
(with the goodbye and closing phrases that say no), "weiß ich nicht", digits, a rating, a wish
(German and English). The other families live beside it (closing_words, question_words, …)."""

from __future__ import annotations

import re
import unicodedata

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[^\w\s]+")

BYE_WORDS = (
    "tschuess", "tschues", "tschau", "ciao", "auf wiederhoeren", "auf wiedersehen",
    "wiederhoeren", "bye", "goodbye", "good bye", "machen sie es gut", "machs gut", "pfiat di",
    "pfiat eana", "pfiat euch", "pfiat god", "pfiat gott", "ade", "tschoe", "wiederschaun",
    "wiederschauen", "auf wiederschaun", "auf wiederschauen",
)  # fmt: skip

# "Kann ich sonst noch helfen?" - "Das war alles": the caller is done, whatever else was heard.
CLOSING_PHRASES = (
    "das war alles", "das wars", "das war es", "das waere alles", "das ist alles",
    "das war s", "das waer s", "das waers", "sonst nichts", "nichts weiter", "that s all",
    "that is all", "that was all", "that s it", "that ll be all", "that will be all",
    "nothing else", "nothing more", "i m done", *BYE_WORDS,
)  # fmt: skip

NO_PHRASES = (
    "keine zeit", "kein interesse", "nein danke", "no thanks", "not now", "no time",
    # Whisper by telephone writes "Nein, danke" as "9 Dank" / "Neun danke" (nein ~ neun)
    "9 dank", "9 danke", "neun dank", "neun danke",
    *CLOSING_PHRASES,
)  # fmt: skip
# Words of a short answer or a greeting, not of a concern ("ja, danke", "hallo, guten Tag").
ANSWER_WORDS = frozenset((
    "ja", "jawohl", "jo", "jap", "jep", "nein", "nee", "ne", "noe", "no", "nope", "nah", "yes",
    "yeah", "yep", "yup", "ok", "okay", "gut", "genau", "richtig", "klar", "sicher", "gerne",
    "gern", "danke", "dankeschoen", "vielen", "dank", "bitte", "bitteschoen", "also", "aber",
    "doch", "na", "naja", "oh", "ah", "aeh", "aehm", "hm", "hmm", "aha", "so", "well", "thanks",
    "thank", "you", "please", "sorry", "actually", "eigentlich", "sure", "right", "correct",
    "fine",
))  # fmt: skip

# Words that only announce a question about something ("ich hab kurz eine Frage zur Hafermilch").
ABOUT_WORDS = frozenset((
    "hab", "kurz", "wegen", "zu", "bezueglich", "betreffend", "anliegen", "thema", "auskunft",
    "info", "infos", "information", "informationen", "question", "questions", "got", "quick",
    "regarding", "concerning", "calling", "rufe", "ruf", "anrufen", "angerufen", "zum", "zur",
    "gekauft", "bought", "call", "ringing", "ihrem", "ihren", "ihrer",
))  # fmt: skip
GREETING_WORDS = frozenset((
    "hallo", "hello", "hi", "hey", "guten", "tag", "morgen", "abend", "moin", "servus", "gruess",
    "gott", "gruezi", "good", "morning", "afternoon", "evening",
))  # fmt: skip


def fold(text: str) -> str:
    """Lowercase, umlauts as ae/oe/ue/ss, no punctuation, single spaces."""
    text = unicodedata.normalize("NFC", text).lower().translate(_UMLAUTS)
    return " ".join(_NON_WORD.sub(" ", text).split())


def yes_or_no(text: str, language: str = "de", question: str = "") -> bool | None:
    """True for a yes, False for a no, None when the answer is neither (voicebot.nlu.slots)."""
    from voicebot.nlu.slots import extract_yes_no

    folded = fold(text)
    if any(says_phrase(folded, phrase) for phrase in NO_PHRASES):
        return False
    return extract_yes_no(text, language, question)


def says_phrase(folded: str, phrase: str) -> bool:
    """The phrase said as whole words in the folded text."""
    return f" {phrase} " in f" {folded} "


# "Weiß ich nicht" to a survey question: an answer of its own (kept as no answer), not unclear.
DONT_KNOW_PHRASES = (
    "weiss ich nicht", "weiss nicht", "keine ahnung", "kann ich nicht sagen",
    "schwer zu sagen", "keine meinung", "dont know", "do not know", "no idea", "not sure",
    "hard to say",
)  # fmt: skip


def does_not_know(text: str) -> bool:
    """ "Weiß ich nicht", "keine Ahnung", "Ich weiß es wirklich nicht", "I don't know": the
    caller has no answer to give."""
    folded = fold(text.replace("'", "").replace("’", ""))
    said = any(says_phrase(folded, p) for p in DONT_KNOW_PHRASES) or _KNOW_NOT.search(folded)
    return len(folded.split()) <= 8 and bool(said)


_KNOW_NOT = re.compile(r"\b(?:ich )?weiss (?:ich |es |das )*(?:\w+ )?nicht\b")


def fold_spoken(text: str) -> str:
    """fold() with apostrophes as word breaks, as the phrase lists write them ("that s it")."""
    return fold(text.replace("'", " ").replace("’", " "))


# "Is it about a lost card?" - "yes, that's it": the one meant (at "anything else?": done)
_THE_ONE = ("that s it", "thats it", "that s the one", "that s the thing", "das wars",
            "das war s", "das war es", "das ist es", "genau das", "um das geht s")  # fmt: skip
_NO_WORDS = frozenset(("nein", "nee", "ne", "noe", "no", "nope", "nah", "not", "nicht"))


def confirms_the_one(text: str) -> bool:
    """ "Yes, that's it", "ja genau, das war's": a yes to a question whether it is about
    something (not said to "anything else?", where it means nothing more)."""
    folded = fold_spoken(text)
    return any(says_phrase(folded, p) for p in _THE_ONE) and not _NO_WORDS & set(folded.split())


_LEADING_YES = frozenset(("ja", "jawohl", "jo", "genau", "richtig", "stimmt", "yes", "yeah",
                          "yep", "yup", "correct", "right", "exactly"))  # fmt: skip


def starts_with_yes(text: str) -> bool:
    """ "Ja, und außerdem …", "yes and …": the answer is a yes, whatever follows."""
    words = fold(text).split()
    return bool(words) and words[0] in _LEADING_YES


def starts_with_no(text: str) -> bool:
    words = fold(text).split()
    return bool(words) and words[0] in _NO_WORDS


def after_answer_words(text: str) -> str:
    """The text after its leading answer words: "Nein, ich will kündigen" -> "ich will kündigen"."""
    words = text.split()
    while words and all(w in ANSWER_WORDS for w in fold(words[0]).split()):
        words.pop(0)
    return " ".join(words)


def says_nothing(text: str) -> bool:
    """Only answer words and greetings ("ja gut", "hallo, guten Tag"): no concern in it."""
    return all(w in ANSWER_WORDS or w in GREETING_WORDS for w in fold(text).split())


def digits_in(text: str, language: str = "de") -> str:
    """All digits the caller said, written, digit by digit or in groups ("vierzig" -> "40")."""
    from voicebot.nlu.slots import digits_spoken

    return digits_spoken(text, language)


def rating_in(text: str, language: str = "de") -> int | None:
    """A rating 1-5 from "vier", "4", "vier von fünf"; None when unclear (voicebot.nlu.slots)."""
    from voicebot.nlu.slots import extract_rating

    return extract_rating(text, language)


def wants_something(text: str) -> bool:
    """ "Ich möchte kündigen", "I want to cancel": a wish said, not only a question asked."""
    return bool(_WANTS.search(fold(text)))


_WANTS = re.compile(
    r"\b(?:ich|wir) (?:moechte|moechten|will|wollen|wuerde gerne?|wuerden gerne?|muss|"
    r"haette gerne?)\b|\b(?:i|we) (?:want|would like|d like|need)\b|\bkuendigen sie\b"
)
