"""What a short reply names: a thing of its own ("und die Sojamilch?"), a word of the answer or of
the concern's topic, an allergen, or no product at all."""

from __future__ import annotations

import re

from voicebot.dialog.agent_requests import AGENT_WORDS, COMPLAINT
from voicebot.dialog.words import _NO_WORDS, ANSWER_WORDS, fold


def heard_as_noun(
    text: str, heard: str, articles_only: bool = False, in_names_product: bool = False
) -> bool:
    """The words heard (default: any word) name a thing of their own: written with a capital
    or after an article ("und die sojamilch?"), not after a preposition ("und in der
    Mikrowelle?", "und ohne Kühlung?") nor in a question ("und in welcher Menge?");
    articles_only: only an article counts; in_names_product: "im/in" names a product, as
    after a question about what is in one ("und im Ketchup?")."""
    folded = [fold(w) for w in text.replace("?", " ").replace(",", " ").split()]
    if _QUESTION_WORDS_IN & set(folded):
        return False
    words = text.replace("?", " ").replace(",", " ").split()
    first = fold(heard.split()[0]) if heard.strip() else ""
    for at, word in enumerate(words):
        if (first and folded[at] != first) or at == 0:
            continue
        before, before2 = folded[at - 1], (folded[at - 2] if at >= 2 else "")
        place = before in _PREPOSITIONS or (before in _ARTICLES and before2 in _PREPOSITIONS)
        in_product = in_names_product and (before == "im" or "in" in (before, before2))
        if place and not in_product:
            continue
        if before in _ARTICLES or in_product or (not articles_only and word[:1].isupper()):
            return True
    return False


_QUESTION_WORDS_IN = frozenset(("welche", "welcher", "welches", "welchen", "wie", "wo", "was",
                                "wann", "which", "what", "how", "where", "when"))  # fmt: skip
_ARTICLES = frozenset(("der", "die", "das", "den", "dem", "ein", "eine", "einen", "the", "a"))
# before a place, a time or what is in it ("in der Mikrowelle", "im Sommer", "ohne Kühlung")
_PREPOSITIONS = frozenset((
    "ohne", "mit", "bei", "nach", "vor", "in", "im", "an", "am", "auf", "unter", "ueber",
    "without", "with", "at", "on", "after", "before",
))  # fmt: skip


_PARTICLES = ("auf", "ab", "an", "aus", "ein", "nach", "vor", "zu")


def _stem(word: str) -> str:
    """A German word's first letters without 'un-' and a participle's '-ge-' ("ungeöffnet" ->
    "oeffn", "aufgetaut" -> "aufta")."""
    word = word.removeprefix("un")
    for particle in _PARTICLES:
        if word.startswith(particle + "ge"):
            word = particle + word[len(particle) + 2 :]
            break
    else:
        word = word.removeprefix("ge") if len(word) > 6 else word
    return word[:5]


def said_in_the_answer(text: str, answer: str) -> bool:
    """A content word of the follow-up is one of the answer's ("und aufgetaut?" after "nach dem
    Auftauen nicht wieder einfrieren", "und ungeöffnet?" after "Nach dem Öffnen: …")."""
    from voicebot.nlu.slots import FUNCTION_WORDS

    said = {_stem(w) for w in fold(answer).split() if len(w) >= 4}
    return any(
        len(w) >= 5 and w not in FUNCTION_WORDS and _stem(w) in said for w in fold(text).split()
    )


def topic_named(text: str, topic: str) -> bool:
    """A content word of the follow-up names the concern's topic ("und auch vegan?" - "Ist ein
    Produkt vegan")."""
    from voicebot.nlu.slots import FUNCTION_WORDS

    named = {_stem(w) for w in fold(topic).split() if len(w) >= 4 and w not in FUNCTION_WORDS}
    return any(len(w) >= 4 and _stem(w) in named for w in fold(text).split())


def names_only_the_topic(text: str, topic: str) -> bool:
    """A short reply to "Is it about topping up by card?" that only repeats a piece of the
    topic ("by card", "stolen", "ja, die Öffnungszeiten"): a yes, not a new concern ("by card"
    was asked about as "a charge for topping up by card?"). A bare "card" or "my card" to "a
    lost or stolen card?" is none."""
    from voicebot.nlu.slots import FUNCTION_WORDS

    words = fold(text).split()
    if not 1 <= len(words) <= 4 or _NO_WORDS & set(words):
        return False
    while words and words[0] in ANSWER_WORDS:
        words = words[1:]
    named = fold(topic).split()
    if not words or not any(w not in FUNCTION_WORDS for w in words):
        return False
    if len(words) == 1:
        return len(words[0]) >= 6 and words[0] in named
    return any(named[i : i + len(words)] == words for i in range(len(named)))


def asks_with_or_without(text: str) -> bool:
    """ "und ohne Mikroplastik?", "und mit Zucker?": about what is in it."""
    return bool({"ohne", "mit", "without", "with"} & set(fold(text).split()))


def names_allergen(text: str) -> bool:
    """An allergen or intolerance named ("und Erdnüsse?", "und Haselnuss?", "glutenfrei")."""
    from voicebot.dialog.answers import ALLERGEN_WORDS, AnswerFacts, asked_allergen

    folded = f" {fold(text)} "
    terms = (t.strip() for words in ALLERGEN_WORDS.values() for t in words)
    named = any(re.search(rf"\b{re.escape(t)}\w{{0,3}}\b", folded) for t in terms if len(t) >= 3)
    return named or asked_allergen(AnswerFacts(caller_lines=(text,))) is not None


def no_product_word(heard: str) -> bool:
    """Words heard where a product was expected that name no product: an allergen or a
    condition ("Zöliakie"), a person ("Sachbearbeiter"), the concern itself ("Beschwerde")."""
    words = fold(heard).split()
    concern = any(AGENT_WORDS.fullmatch(w) or COMPLAINT.fullmatch(w) or w in _CONCERN_NOUNS
                  for w in words)  # fmt: skip
    which = bool(words) and all(w in _WHICH_ONE for w in words)  # "in der letzten Packung"
    state = bool(words) and all(w in _STATE_WORDS for w in words)  # "ist die jetzt schlecht"
    return concern or which or state or names_allergen(heard)  # heard as "Letzten"


# How a product is, not which one ("mein Kühlschrank geht nicht, ist die jetzt schlecht" was
# "Schlecht ist leider keines unserer Produkte")
_STATE_WORDS = frozenset((
    "schlecht", "verdorben", "abgelaufen", "kaputt", "gut", "ok", "okay", "sauer", "schimmelig",
    "verschimmelt", "haltbar", "essbar", "geniessbar", "ungeniessbar", "warm", "kalt", "bad", "off",
    "spoiled", "expired",
))  # fmt: skip


# Words that say which pack, not what product ("in der letzten Packung war Schimmel" was "Letzten
# ist leider keines unserer Produkte")
_WHICH_ONE = frozenset(
    f"{stem}{end}" for stem in ("letzt", "vorig", "neu", "ander", "erst", "zweit", "naechst",
                                "gleich", "selb", "heutig", "gestrig", "ganz", "alt")
    for end in ("e", "en", "er", "es", "em")
)  # fmt: skip


_CONCERN_NOUNS = frozenset(("problem", "probleme", "frage", "fragen", "reklamation", "anliegen",
                            "nummer", "packung", "verpackung", "etikett", "barcode", "strichcode",
                            "question", "issue", "complaint"))  # fmt: skip
