"""Words around a rating that make it no rating from 1 to 5: a number that counts something or
lies off the scale, another scale, a negated number, a number the words contradict, and
"zufrieden" said negated, hedged, conditionally or as an idiom. Such a turn is asked again with
the scale: a value asked again is better than a wrong one stored. Folded text (words.fold)."""

from __future__ import annotations

import re

from voicebot.dialog.words import fold, rating_in

_SCALE_WORDS = {
    "eins": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "fuenf": 5, "einser": 1, "zweier": 2,
    "dreier": 3, "dreie": 3, "vierer": 4, "viere": 4, "fuenfer": 5, "fuenfe": 5, "one": 1,
    "two": 2, "three": 3, "four": 4, "five": 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5,
}  # fmt: skip
_OFF_SCALE = re.compile(  # "null", "sechs", "zehn", "fünfzig", "hundert", "6", "10"
    r"^(?:null|sechs|sieben|acht|neun|zehn|elf|zwoelf|(?:drei|vier|fuenf|sech|sieb|acht|neun)"
    r"zehn|(?:(?:ein|zwei|drei|vier|fuenf|sechs|sieben|acht|neun)und)?(?:zwanzig|dreissig|"
    r"vierzig|fuenfzig|sechzig|siebzig|achtzig|neunzig)|(?:ein)?hundert|tausend|zero|six|seven|"
    r"eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|"
    r"fif|six|seven|eigh|nine)ty|hundred|0|[6-9]|\d{2,})$"
)
# A word after a number that is the unit of a rating, not a thing counted ("vier Sterne",
# "drei Punkte", "vier von zehn Punkten": the scale decides there)
_RATING_UNITS = frozenset(("punkt", "punkte", "punkten", "stern", "sterne", "sternen",
                           "sternchen", "points", "stars", "star", "note"))  # fmt: skip
_NOT_NOUNS = frozenset(("ich", "sie", "ihr", "ihre", "ihnen", "i", "id", "im", "ive", "und",
                        "oder", "also", "aber", "ok", "okay"))  # fmt: skip
# Things counted in answers about an internet provider, for transcripts written in lower case
# ("drei störungen", "zwei techniker"); a capitalised noun counts too ("drei Störungen")
_COUNTED_NOUNS = frozenset((
    "stoerung", "stoerungen", "ausfall", "ausfaelle", "techniker", "technikern", "anrufe",
    "anrufen", "mal", "tage", "tagen", "wochen", "monate", "monaten", "jahre", "jahren", "jahr",
    "stunden", "minuten", "euro", "cent", "leute", "personen", "kinder", "router", "geraete",
    "vertraege", "anbieter", "mbit", "gb", "prozent", "beschwerden", "tickets", "termine",
    "outages", "technicians", "times", "days", "weeks", "months", "years", "hours", "people",
    "calls",
))  # fmt: skip


def _words_with_breaks(text: str) -> list[tuple[str, str, bool]]:
    """Each word as said and folded, and whether punctuation ends it ("drei," -> True)."""
    found = []
    for match in re.finditer(r"[\wÄÖÜäöüß']+([^\w\s]*)", text):
        said = match.group(0).rstrip(match.group(1))
        found.append((said, fold(said), bool(match.group(1).strip())))
    return found


def _is_number(folded: str) -> bool:
    return folded in _SCALE_WORDS or bool(_OFF_SCALE.match(folded))


def _counts(word: tuple[str, str, bool], after: tuple[str, str, bool] | None) -> bool:
    """A number that counts the noun right after it ("drei Störungen", "zwei techniker",
    "fünfzig Euro"), with no pause between them: no rating."""
    if after is None or word[2] or after[1] in _RATING_UNITS or after[1] in _NOT_NOUNS:
        return False
    return after[1] in _COUNTED_NOUNS or (after[0][:1].isupper() and len(after[0]) > 2)


def without_counts(text: str) -> str:
    """The words with every number that counts something left out ("Wir sind vier Personen
    und zahlen fünfzig Euro, ich geb eine drei" -> "... Personen ... Euro, ich geb eine
    drei")."""
    words = _words_with_breaks(text)
    kept = []
    for at, word in enumerate(words):
        after = words[at + 1] if at + 1 < len(words) else None
        if _is_number(word[1]) and _counts(word, after):
            continue
        kept.append(word[0] + ("," if word[2] else ""))
    return " ".join(kept)


_SCALE_NAMED = re.compile(  # the scale asked for, named back: no answer ("von eins bis fünf")
    r"\b(?:von|from|between|zwischen) (?:eins|one|1) (?:bis|to|and|und) (?:fuenf|five|5)\b"
)
_PERCENT = re.compile(r"\b(?:prozent|percent)\b")
_TOP_PERCENT = re.compile(r"\b(?:hundert|100|one hundred) (?:prozent|percent)\b")


def off_the_scale(text: str) -> bool:
    """A number outside 1-5 that counts nothing ("Sechs, also ganz schlecht", "null"), or
    another scale ("vier von zehn Punkten", "auf einer Skala von eins bis zehn eine sieben",
    "zu neunzig Prozent zufrieden"; "hundert Prozent" is the top and stays)."""
    folded = fold(text)
    if _PERCENT.search(folded) and not _TOP_PERCENT.search(folded):
        return True
    kept = _SCALE_NAMED.sub(" ", fold(without_counts(text))).split()
    return any(_OFF_SCALE.match(w) and w not in _SCALE_WORDS for w in kept)


_NUMBER = r"(?:" + "|".join(sorted(_SCALE_WORDS, key=len, reverse=True)) + r")"
# "keine Fünf", "nicht eine Eins", "not a five"
_NEGATION_BEFORE = re.compile(
    rf"\b(?:nicht|kein|keine|keinen|keiner|nie|niemals|not|never) (?:(?:eine|ne|n|einer|mal|"
    rf"die|der|a|an) )?{_NUMBER}\b"
)
# "ne fünf sicher nicht", "Fünf würde ich nicht geben.": the negation ends the clause
_NEGATION_AFTER = re.compile(
    rf"\b{_NUMBER} (?:\w+ ){{0,3}}(?:nicht|nie|niemals|not|never)"
    r"(?: (?:geben|vergeben|sagen|nehmen|give|say))?$"
)
# "Also ne Fünf auf keinen Fall", "auf keinen Fall eine Eins": anywhere in the sentence
_STRONG_NEGATION = re.compile(
    r"\b(?:auf (?:gar )?keinen fall|keinesfalls|niemals|no way|definitely not|certainly not|"
    r"ganz sicher nicht|garantiert nicht)\b"
)


def negates_the_number(text: str) -> bool:
    """A number of the scale said under a negation ("Also ne Fünf auf keinen Fall", "keine
    Fünf", "eine Eins sicher nicht"), with no other number after it to be meant instead
    ("keine fünf, eher vier" is read as a correction): no rating. Only within one part of the
    sentence: "Vier, und weiterempfehlen auf keinen Fall" negates the recommendation."""
    for part in _CONJUNCTION.split(without_counts(text)):
        folded = fold(part)
        numbers = set(re.findall(rf"\b{_NUMBER}\b", folded))
        if not numbers:
            continue
        if _STRONG_NEGATION.search(folded) and len(numbers) == 1:
            return True
        for negated in _NEGATION_BEFORE.finditer(folded):
            if not re.search(rf"\b{_NUMBER}\b", folded[negated.end() :]):
                return True
        if any(_NEGATION_AFTER.search(fold(clause)) for clause in part.split(",")):
            return True
    return False


_CONJUNCTION = re.compile(
    r"[.!?;]+|\b(?:und|aber|weil|denn|sondern|and|but|because)\b", re.IGNORECASE
)


# ---- "zufrieden" that does not mean 4 -----------------------------------------------------
_SATISFACTION = re.compile(r"\b(?:un)?zufrieden\w*|\b(?:satisfied|dissatisfied|happy|unhappy)\b")
# "Zufrieden? Nee.", "zufrieden, nö": asked back or answered no
_ASKED_BACK = re.compile(r"(?:zufrieden\w*|satisfied|happy)\s*\?", re.IGNORECASE)
_NO_WORD = re.compile(r"\b(?:nee|noe|nö|nein|nope|no)\b|\bne\b(?=\s*[,.;!?]|\s*$)", re.IGNORECASE)
# "Ich wäre zufrieden, wenn es mal funktionieren würde", "zufrieden wär ich, wenn …" (not "ich
# würde sagen zufrieden", a way of answering)
_CONDITIONAL = re.compile(
    r"\b(?:waere|waer|waeren|haette|koennte|wuerde|wuerd|wuerden|would|could|were)\b"
    r"(?! (?:\w+ )?(?:sagen|say|meinen|schaetzen))|\b(?:falls|sofern|if)\b|"
    r"\bwenn\b(?! ich ehrlich bin| man so will| ich ehrlich sein soll)"
)
# "Zufrieden ist was anderes", "zufrieden wäre übertrieben": the idiom says "not satisfied"
_IDIOM = re.compile(
    r"\b(?:was anderes|etwas anderes|anders aus|uebertrieben|zu viel gesagt|weit entfernt|"
    r"kann keine rede|keine rede|something else)\b"
)
# "Nur mäßig zufrieden", "halbwegs zufrieden": a degree no number of the scale is read from
_DEGREE = re.compile(
    r"\b(?:maessig|halbwegs|einigermassen|bedingt|teilweise|teils|eingeschraenkt|naja|"
    r"mehr oder weniger|so halb|halb|more or less|partly|somewhat|kind of|sort of)\b"
)


def satisfaction_in_doubt(text: str) -> bool:
    """ "zufrieden" or "unzufrieden" that is no plain statement: asked back or answered no
    ("Zufrieden? Nee."), conditional ("Ich wäre zufrieden wenn es mal funktionieren würde"), an
    idiom ("Zufrieden ist was anderes") or hedged by a degree ("Nur mäßig zufrieden"): it is
    not read as a rating (the scale is asked for)."""
    if not _SATISFACTION.search(fold(text)):
        return False
    if _ASKED_BACK.search(text) or _NO_WORD.search(text):
        return True
    for part in _CONJUNCTION.split(text):  # (not "Ich bin zufrieden und würde ihn empfehlen")
        said = fold(part)
        if _SATISFACTION.search(said) and (
            _CONDITIONAL.search(said) or _IDIOM.search(said) or _DEGREE.search(said)
        ):
            return True
    return False


def words_contradict_the_number(text: str) -> bool:
    """One number of the scale, and words around it that judge three or more steps the other
    way ("Eins, ich bin total zufrieden" said where 1 is sehr unzufrieden; "Fünf, also sehr
    unzufrieden"): the person thinks in school grades, or misspoke; no rating."""
    counted_out = without_counts(text)
    numbers = {_SCALE_WORDS[w] for w in fold(counted_out).split() if w in _SCALE_WORDS}
    if len(numbers) != 1:
        return False
    words = " ".join(w for w in fold(counted_out).split() if w not in _SCALE_WORDS)
    if satisfaction_in_doubt(words) or not _SATISFACTION.search(words):
        return False  # the judgement words ("gut", "schlecht") are compared in nlu.slots
    judged = rating_in(words)
    return judged is not None and abs(judged - numbers.pop()) >= 3


def rating_in_doubt(text: str) -> bool:
    """Whether the words make a number or a "zufrieden" in them no rating from 1 to 5."""
    if off_the_scale(text) or negates_the_number(text) or words_contradict_the_number(text):
        return True
    scale_number = any(w in _SCALE_WORDS for w in fold(without_counts(text)).split())
    return not scale_number and satisfaction_in_doubt(text)
