"""A caller correcting what was said or understood: "nein, ich meinte …", a concern added,
replaced or taken back, a hedged no ("not exactly, …"), an answer that missed the question."""

from __future__ import annotations

import re

from voicebot.dialog.words import fold, fold_spoken, says_phrase

# Words of a correction ("nein, ich meinte das Duschgel"; "sorry, I meant the card").
CORRECTION_WORDS = frozenset((
    "meinte", "meine", "meinen", "gemeint", "falsch", "verstanden", "entschuldigung", "sorry",
    "meant", "mean", "wrong", "misunderstood", "sondern", "instead", "vertan", "verwechselt",
))  # fmt: skip


# The answer was to another question than the caller's ("no, that's not what I asked", "das
# meinte ich nicht", "nein, ich meine den heutigen Kurs"): not a "no" to "anything else?"
_REJECTIONS = (
    "not what i asked", "not what i meant", "not what i mean", "not what i wanted",
    "not my question", "didnt ask", "did not ask", "thats not it", "that is not it",
    "misunderstood", "not what im asking", "not what i am asking", "thats not the question",
    "meinte ich nicht", "mein ich nicht", "meine ich nicht", "nicht meine frage",
    "nicht gefragt", "falsch verstanden", "nicht was ich", "nicht das was ich",
    "wollte ich nicht wissen", "nicht die frage", "darum gehts nicht", "darum geht es nicht",
    "um das gehts nicht", "das ist es nicht",
)  # fmt: skip
_NO_I_MEAN = re.compile(r"^(?:no|nope|nein|nee|ne)\b(?: \w+){0,2} (?:i mean|i meant|ich mein\w*)\b")


def rejects_the_answer(text: str) -> bool:
    """ "No, that's not what I asked", "nein, ich meine den Kurs von heute": the answer missed
    the question (an "ich meine" after the no says what was meant instead)."""
    folded = fold(text.replace("'", "").replace("’", ""))
    return (
        any(says_phrase(folded, p) for p in _REJECTIONS)
        or bool(_NO_I_MEAN.search(folded))
        or bool(_NOT_THAT_ALONE.match(folded))
    )


# "No, not that." alone after an answer (was a goodbye); "not that bad" is none
_NOT_THAT_ALONE = re.compile(r"^(?:(?:no|nope|nah|sorry)\s+)*not that(?: one)?$")


# "No, not that, I was charged a fee …": the answer set aside, and what the caller wanted
# instead said after it (English; "nein, ich meine …" asks the same question again)
_SET_ASIDE = re.compile(
    r"^(?:(?:no|nope|nah|sorry|well|oh)\s+)*(?:not that|thats not it|that is not it|"
    r"(?:thats |that is )?not what i (?:asked|meant|wanted|was asking)(?: for| about| to know)?|"
    r"you misunderstood(?: me)?|thats not my question)\s+(.+)$"
)


def told_instead(text: str) -> str | None:
    """What the caller says instead of the answer just given ("no not that, i was charged a
    fee for paying in euros" -> "i was charged a fee for paying in euros"), or None (nothing
    of three words or more after the rejection)."""
    found = _SET_ASIDE.match(fold(text.replace("'", "").replace("’", "")))
    rest = found.group(1) if found else ""
    if re.match(r"(?:i|what i) (?:mean|meant|was asking|asked)\b", rest):
        return None  # "… i mean what is it today": the same question asked more closely
    return rest if len(rest.split()) >= 3 else None


def corrects(text: str) -> bool:
    """ "Nein, ich meinte …", "sorry, I meant …": the caller corrects what the bot took."""
    return any(w in CORRECTION_WORDS for w in fold(text).split())


# A concern added to one already named ("und meine Rechnung ist auch zu hoch") or one taking its
# place ("nein, eigentlich geht es um die Rechnung").
ADDING_WORDS = frozenset((
    "auch", "ausserdem", "zusaetzlich", "noch", "weiterhin", "also", "too", "additionally",
    "another",
))  # fmt: skip
REPLACING_WORDS = frozenset((
    "nein", "nee", "sondern", "eigentlich", "meinte", "gemeint", "instead", "actually", "rather",
    "meant", "no",
))  # fmt: skip


def adds_concern(text: str) -> bool:
    """ "… und meine Rechnung ist auch zu hoch", "I also need a new PIN": one more concern."""
    folded = fold(text)
    return any(w in ADDING_WORDS for w in folded.split()) or says_phrase(folded, "as well")


_SELF_CORRECTION = frozenset(("nein", "nee", "no", "sorry", "quatsch"))
_CORRECTION_LEAD = frozenset((
    "no", "nein", "eigentlich", "ich", "meine", "meinte", "i", "mean", "meant", "actually",
    "sorry", "ach", "oh", "aeh", "moment", "warte", "wait", "warten", "sie", "mal", "halt",
    "stopp", "hold", "on", "doch", "lieber", "lassen", "lass",
))  # fmt: skip


def after_a_correction(text: str) -> str | None:
    """The words after a "nein"/"sorry" inside the turn ("Was kostet die Handcreme, äh nein,
    das Duschgel?"), None without one; for a product corrected in passing."""
    tokens = text.split()
    marks = _correction_marks([fold(t) for t in tokens])
    return " ".join(tokens[marks[-1] + 1 :]) if marks else None


def _correction_marks(folded: list[str]) -> list[int]:
    """Where a "nein"/"no"/"sorry" stands inside the turn (not opening it: that answers)."""
    return [i for i, w in enumerate(folded) if w in _SELF_CORRECTION and i >= 2]


def corrected_part(text: str) -> str | None:
    """The words after a correction inside the turn ("Ich will kündigen, ach nein, eigentlich
    möchte ich nur einen günstigeren Tarif"; "I need to change my pin, sorry no, I mean I forgot
    the passcode"): what the caller means; None without one (a "nein" opening the turn answers
    the bot)."""
    tokens = text.split()
    folded = [fold(t) for t in tokens]
    marks = [  # the no must lead into a restatement ("ach nein, eigentlich …"), not be part
        i for i in _correction_marks(folded)  # of the sentence ("und nein, ich hab den
        if _restates(folded[i + 1 : i + 6])  # Router schon neu gestartet", "no one told me")
    ]  # fmt: skip
    if not marks:
        return None
    start = marks[-1] + 1
    while start < len(tokens) and folded[start] in _CORRECTION_LEAD:
        subject = folded[start] in ("ich", "i")  # kept unless "ich meine": "…, ich meine, ich
        if subject and not set(folded[start + 1 : start + 2]) & _MEANING:  # ziehe um"
            break
        start += 1
    rest = tokens[start:]
    if rest and fold(rest[0]) in _FRAGMENT_START:  # "top up by card, no wait, I mean by bank
        before = [fold(t) for t in tokens[: marks[-1]]]  # transfer": the sentence completed
        if fold(rest[0]) in before:
            cut = len(before) - before[::-1].index(fold(rest[0])) - 1
            rest = tokens[:cut] + rest
    return " ".join(rest) if len(rest) >= 3 else None


# A corrected part that only replaces the end of the sentence ("… by card, no, I mean by bank
# transfer"): it starts with a preposition the sentence said before
_FRAGMENT_START = frozenset(("by", "with", "per", "via", "in", "to", "for", "mit", "ueber",
                             "nach", "fuer", "zum", "zur"))  # fmt: skip


_MEANING = frozenset(("meine", "meinte", "mean", "meant"))
_RESTATING = frozenset(("eigentlich", "meinte", "mean", "meant", "actually", "sondern",
                        "lieber", "rather"))  # fmt: skip


def _restates(words: list[str]) -> bool:
    """ "eigentlich …", "ich meine …", "I mean …" (not "meine Tochter"): a restatement, also
    after a word of pausing ("nein warten Sie, ich meine …", "no wait, I mean …")."""
    while words and words[0] in _PAUSING:
        words = words[1:]
    if words[:1] in (["ich"], ["i"]):  # "ach nee, ich will eigentlich kündigen", "…, ich will
        return (
            words[1:2] == ["meine"]
            or bool(  # nur wissen …", "ich meine …"
                (_RESTATING | {"nur", "just", "only"}) & set(words[1:3])
            )
        )
    return bool(_RESTATING & set(words[:2]))


_PAUSING = frozenset(("warten", "warte", "wartet", "sie", "moment", "mal", "halt", "stopp",
                      "aeh", "aehm", "wait", "hold", "on", "hang", "lassen", "lass"))  # fmt: skip


def restates_concern(text: str) -> bool:
    """ "…, aber ich wollte eigentlich nur meine Bankverbindung ändern": another concern (a
    plain "nein" is none: "nein, die hab ich nicht")."""
    return bool(_RESTATING & set(fold(text).split()))


def takes_concern_back(text: str) -> bool:
    """ "ach nein, ich will doch nicht umziehen", "nee, doch nicht": the concern said before
    is taken back."""
    return bool(_TAKEN_BACK.search(fold(text)))


_TAKEN_BACK = re.compile(r"\b(?:doch nicht|ach nein|ach nee|nein doch|nee doch|never mind)\b")


def replaces_concern(text: str) -> bool:
    """ "Nein, eigentlich geht es um die Rechnung": the concern said before is not wanted."""
    return any(w in REPLACING_WORDS for w in fold(text).split())


# A no said with a hedge to "Is it about …?" ("not exactly, it was the cash machine", "not
# really, it's more that …", "well yes and no", "nicht ganz"): the guess missed; what follows
# tells the concern anew
_HEDGED_NO = re.compile(
    r"^(?:(?:well|um|uh|er|erm|hmm|oh|no|nah|nope|hm|also|naja|na ja|aeh|nein)\s+)*"
    r"(?:not (?:exactly|really|quite|as such|that exactly|that really)|yes and no|yeah and no|"
    r"nicht (?:ganz|wirklich|so ganz|so richtig|direkt)|jein)\b"
    r"(?:\s+(?:it s|its|it is|it was|es ist|es war|es geht)?\s*(?:more|rather|mehr|eher)"
    r"(?: (?:like|that|so|um|darum dass))?\b)?\s*"
)


def hedged_no(text: str) -> str | None:
    """The words after a hedged no to a guessed concern ("not exactly it was the cash machine"
    -> "it was the cash machine"; "not quite" -> ""); None when the turn opens with none."""
    folded = fold_spoken(text)
    found = _HEDGED_NO.match(folded)
    return folded[found.end() :].strip() if found else None


_ANOTHER = re.compile(
    r"\b(?:ausserdem|zusaetzlich|und noch|auch noch|dann noch|and also|as well|another thing|"
    r"plus|while i m on|while im on|while i have you|while i ve got you|while ive got you|"
    r"ich (?:sie|euch|dich) (?:schon |gerade |grad )?(?:mal )?dran hab\w*|bei der gelegenheit)\b"
)


def adds_another(text: str, language: str = "de") -> bool:
    """ "… und muss außerdem meine Kontonummer ändern", "also, I lost my card": a second
    concern added to the first, served after it (German "also" means "so")."""
    folded = fold(text)
    return bool(_ANOTHER.search(folded)) or (language == "en" and says_phrase(folded, "also"))


_CORRECTING_WORDS = frozenset(("lieber", "meine", "meinte", "rather", "mean", "meant"))


def corrects_a_product(text: str) -> bool:
    """The turn corrects what it named ("… ach nee, ich meine die Tomatensauce", "doch lieber
    die Handcreme"): one product meant, the one corrected to."""
    return after_a_correction(text) is not None or bool(_CORRECTING_WORDS & set(fold(text).split()))
