"""What a caller says about the customer number instead of saying it: not at hand, where to find
it, asking someone beside them, a question about the number itself; and no batch code at hand."""

from __future__ import annotations

import re

from voicebot.dialog.question_words import QUESTION_WORDS, is_question
from voicebot.dialog.words import ANSWER_WORDS, fold, says_phrase, yes_or_no

# "Kundennummer?" - "Die hab ich gerade nicht zur Hand": no number to come, go on without.
NO_NUMBER_PHRASES = (
    "nicht zur hand", "nicht dabei", "nicht parat", "nicht griffbereit", "habe ich nicht",
    "hab ich nicht", "habe keine", "hab keine", "weiss ich nicht", "weiss nicht",
    "keine ahnung", "kenne ich nicht", "finde ich nicht", "finde sie nicht",
    "dont have", "do not have", "havent got", "have not got", "dont know", "do not know",
    "no idea", "cant find", "cannot find", "not to hand", "not at hand", "hab nicht",
    "habe nicht", "nicht hier", "nicht bei mir", "nicht im kopf", "finde nicht", "vergessen",
    "kenne nicht", "kenn nicht", "kenn ich nicht", "weiss die nicht", "hab die nicht",
    "not with me", "dont remember", "cant remember", "forgot", "weggeworfen", "weggeschmissen",
    "entsorgt", "nicht mehr da", "threw it away", "thrown away", "binned it", "chucked it",
)  # fmt: skip


_NO_NUMBER_FILLER = frozenset((
    "leider", "gerade", "grad", "jetzt", "echt", "wirklich", "momentan", "aktuell", "moment",
    "die", "sie", "kundennummer", "nummer", "da", "noch", "genau", "so", "actually", "really",
    "right", "now", "it", "the", "my", "number", "customer", "sorry", "ich", "i", "auswendig",
    "zur", "zeit", "heute", "meine", "mein", "my",
))  # fmt: skip
_NUMBER_WORD = re.compile(r"\b(?:kunden)?nummer\b|\b(?:customer )?number\b")  # (not the
# "Kontonummer" or "Telefonnummer" of a concern: "eigentlich will ich meine Kontonummer ändern")


_WHERE = re.compile(r"\b(?:wo (?:\w+ )*(?:steht|stehen|finde|find|sehe|ist)|where)\b")


def asks_where(text: str) -> bool:
    """ "Wo steht die denn?", "where do I find it?": the caller looks for what was asked for."""
    return bool(_WHERE.search(fold(text)))


_WHERE_WORDS = frozenset(("steht", "stehen", "finde", "find", "sehe", "see", "look", "nochmal"))


def asks_where_it_is(text: str) -> bool:
    """ "Wo finde ich die denn?", "where do I find that?": where the thing just asked for is,
    named by a pronoun only (not "wo finde ich meine Rechnungen online?")."""
    from voicebot.nlu.slots import FUNCTION_WORDS

    words = fold(text).split()
    rest = [w for w in words if w not in FUNCTION_WORDS and w not in _WHERE_WORDS]
    return asks_where(text) and not rest


def asks_about_own_number(text: str) -> bool:
    """A question about the customer number itself and nothing else ("wo finde ich meine
    Kundennummer?", "was war nochmal meine Kundennummer", "können Sie mir meine Kundennummer
    sagen"), not a concern that names it ("meine Kundennummer hat sich geändert")."""
    from voicebot.nlu.slots import FUNCTION_WORDS

    folded = fold(text)
    if not re.search(r"\b(?:kundennummer|kundennr|customer number)\b", folded):
        return False
    if not (is_question(text) or asks_where(text) or _ASKS_FOR_IT.search(folded)):
        return False
    rest = [w for w in _NUMBER_WORD.sub(" ", folded).split()
            if w not in FUNCTION_WORDS and w not in _WHERE_WORDS and w not in QUESTION_WORDS
            and w not in _ASKING_VERBS and w not in ANSWER_WORDS]  # fmt: skip
    return not rest


_ASKING_VERBS = frozenset((
    "sagen", "nennen", "geben", "finden", "suchen", "nachschauen", "nachsehen", "raussuchen",
    "heraussuchen", "weiss", "wissen", "war", "lautet", "lautete", "koennen", "koennten",
    "kannst", "tell", "give", "find", "look", "what", "was", "nochmal", "mal", "bitte",
    "eigentlich", "denn", "please", "again", "ueberhaupt",
))  # fmt: skip
_ASKS_FOR_IT = re.compile(r"\b(?:sagen|nennen|geben|raussuchen|nachschauen|tell|give)\b")


def asks_someone_for_number(text: str) -> bool:
    """The caller asks someone beside them for the number ("Schatz, wie ist nochmal unsere
    Kundennummer?", "weißt du die Kundennummer?"): they need a moment, as with "Moment"."""
    words = set(fold(text).split())
    if not words & {"kundennummer", "nummer", "kundennr"}:
        return False
    asks = is_question(text) or bool(words & {"wie", "was", "wo", "weisst", "hast"})
    return asks and bool(words & _ADDRESSING)  # ("Schatz" first: no question word first)


_ADDRESSING = frozenset((
    "du", "dir", "schatz", "schatzi", "liebling", "mama", "papa", "mutti", "vati", "oma", "opa",
    "unsere", "unser", "wir", "ihr", "weisst",
))  # fmt: skip


def about_the_number(text: str) -> bool:
    """The reply talks about the number asked for ("wo steht die Kundennummer denn?", "die
    Nummer hab ich nicht hier"): no new concern, however the classifier reads it."""
    return bool(_NUMBER_WORD.search(fold(text)))


def has_no_number(text: str) -> bool:
    """The caller says they do not have or know the number asked for ("weiß ich leider nicht")."""
    folded = fold(text.replace("'", "").replace("’", ""))  # "don't" -> "dont", as extract_yes_no
    words = [w for w in folded.split() if w not in _NO_NUMBER_FILLER]
    return any(says_phrase(" ".join(words), phrase) for phrase in NO_NUMBER_PHRASES)


def besides_no_number(text: str) -> str:
    """The words of a turn besides its saying that the number is not at hand ("ich hab keine
    Kundennummer, mein Telefon geht nicht" -> "mein telefon geht nicht"; "ich hab keine
    Kundennummer" -> ""), folded: what the classifier reads for the concern ("ich hab keine
    Kundennummer" alone was a fault of the line, like "ich hab kein Freizeichen")."""
    words = fold(text.replace("'", "").replace("’", "")).split()
    named = [i for i, w in enumerate(words) if _NUMBER_WORD.fullmatch(w) or w == "kundennr"]
    every = list(enumerate(words))
    kept = [(i, w) for i, w in every if w not in _NO_NUMBER_FILLER]
    for sequence in (every, kept):  # the phrase as said, or with the fillers left out
        padded = f" {' '.join(w for _, w in sequence)} "
        for phrase in NO_NUMBER_PHRASES:
            at = padded.find(f" {phrase} ")
            if at < 0:
                continue
            first = len(padded[:at].split())
            start, end = sequence[first][0], sequence[first + phrase.count(" ")][0]
            near = [i for i in named if start - 4 <= i <= end + 4]
            if not near:
                continue
            start, end = min(start, *near), max(end, *near)
            while start > 0 and words[start - 1] in _BEFORE_NO_NUMBER:
                start -= 1
            while end + 1 < len(words) and words[end + 1] in _AFTER_NO_NUMBER:
                end += 1
            return " ".join(words[:start] + words[end + 1 :])
    return fold(text)


_JOINING = frozenset(("aber", "und", "also", "doch", "but", "and", "so", "weil", "because"))
_BEFORE_NO_NUMBER = _NO_NUMBER_FILLER | _JOINING | frozenset((
    "hab", "habe", "habs", "kenn", "kenne", "weiss", "find", "finde", "have", "know", "dont",
))  # fmt: skip
_AFTER_NO_NUMBER = _JOINING | frozenset((
    "leider", "gerade", "grad", "jetzt", "echt", "wirklich", "momentan", "aktuell", "auswendig",
    "zur", "hand", "zeit", "heute", "da", "noch", "sorry", "right", "now", "actually", "really",
    "dabei", "parat", "griffbereit", "mehr",
))  # fmt: skip


_PACK_GONE = re.compile(
    r"\b(?:packung|verpackung|flasche|dose|tube|glas|tuete|karton|becher|package|packaging|"
    r"bottle|jar|box)\b(?: \w+){0,4}? (?:weg|leer|aufgebraucht|nicht mehr da|gone|empty)\b"
)


# None found or readable on the pack ("ich finde keine", "da steht keine drauf", "kann ich
# nicht lesen", "ist unleserlich")
_NONE_FOUND = re.compile(
    r"\b(?:finde?|seh|sehe|entdecke) (?:da |hier |dort |auch |leider )*(?:keine|keins|nichts)\b|"
    r"\bsteht (?:da |hier |dort |leider )*(?:keine|nichts)\b|\bunleserlich\b|"
    r"\b(?:kann|koennen) (?:ich |man )?(?:die |sie |das |es |da )?(?:\w+ )?nicht (?:finden|lesen|"
    r"erkennen|entziffern)\b|\bnicht (?:mehr )?(?:lesbar|zu lesen|zu erkennen)\b"
)
# The best-before date said instead of the batch number ("mindestens haltbar bis 12.10.")
_BEST_BEFORE = re.compile(
    r"\b(?:mindestens haltbar|mindesthaltbar\w*|haltbar bis|mhd|ablaufdatum|verfallsdatum|"
    r"verfallsdatum|best before|use by|expiry date)\b"
)


def best_before_told(text: str) -> bool:
    """ "Mindestens haltbar bis zwölften Oktober" at the batch number: the date, not the code."""
    return bool(_BEST_BEFORE.search(fold(text)))


def no_code_at_hand(text: str) -> bool:
    """A reply to "Bitte nennen Sie mir die Chargennummer" that says there is none to give:
    "weiß ich nicht" (has_no_number), a bare "nein", the pack is gone ("Nein, die Packung
    ist weg.", "die Tube ist schon leer") or shows none ("ich finde keine")."""
    if has_no_number(text) or _PACK_GONE.search(fold(text)) or _NONE_FOUND.search(fold(text)):
        return True
    return yes_or_no(text) is False and len(fold(text).split()) <= 2
