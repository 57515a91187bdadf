"""How the survey reads a rating from 1 to 5 beyond the plain number (voicebot.nlu.slots): a
school grade, a question about the scale, a word of going along, a top degree in words, a
correction with "nee", and a rating corrected at a later question. Folded text (words.fold)."""

from __future__ import annotations

import re

from voicebot.dialog.question_words import is_question
from voicebot.dialog.survey_rating_doubts import rating_in_doubt, without_counts
from voicebot.dialog.words import fold, rating_in
from voicebot.nlu.slots import rating_range

# The numbers of the 1-5 scale as said ("eins", "'ne Vierer", "zwo", "3")
_NUMBER = (
    r"(?:eins|zwei|zwo|drei|vier|fuenf|einser|zweier|dreier|dreie|vierer|viere|fuenfer|"
    r"fuenfe|one|two|three|four|five|[1-5])"
)
_NUMBER_WORD = re.compile(rf"\b{_NUMBER}\b")


def rating_said(text: str) -> int | None:
    """The rating in the words, None when unclear: a school grade ("ne eins plus"), a word of
    going along ("Na gut.") or a question ("ist fünf gut?") is none; "Hundert Prozent
    zufrieden" is 5; "zwei, nee, drei" is 3; a number counting something ("drei Störungen")
    is none."""
    own = own_of_two_ratings(text)
    if own is not None:  # "Mein Mann sagt immer drei, aber ich würde vier sagen": hers
        return own
    now = rating_now(text)
    if now is not None:  # "früher fünf, jetzt nur noch zwei": today's
        return now
    if says_no_rating(text):
        return None
    top = _top_degree(fold(text))
    if top is not None:
        return top
    return rating_in(_corrections_as_nein(without_counts(text)))


def says_no_rating(text: str) -> bool:
    """Words that hold a number or a judgement and are still no rating: a school grade, going
    along, a question about the scale, words that cast doubt on it (survey_rating_doubts;
    checked before a recogniser's value, too)."""
    if grade_marked(text) or goes_along(fold(text)) or asks_about_scale(text):
        return True
    return rating_in_doubt(text)


_GRADE_MARK = re.compile(  # "ne eins plus", "zwei minus", "2-", "eins a", "1a" ("eins - zwei"
    rf"\b{_NUMBER}(?: (?:plus|minus)\b|[+-](?!\w))|\b(?:eins|1) ?a\b"  # is a range)
)


def grade_marked(text: str) -> bool:
    """A school grade by its marks, where 1 is the best ("ne eins plus", "zwei minus", "Eins a,
    echt."), not a rating where 1 is the worst ("glatte", "Note" are read in nlu.slots)."""
    lowered = text.lower().replace("‐", "-")
    return bool(_GRADE_MARK.search(lowered) or _GRADE_MARK.search(fold(text)))


# Words that only go along with the question ("Na gut.", "Ach so, na gut.", "Gut, fragen Sie.",
# "Ja, okay."): a bare "gut"/"okay" among them is no judgement of the provider. A graded word
# ("ganz gut", "sehr gut", "ganz okay") is one, and so is "Gut." said alone.
_GOING_ALONG = frozenset((
    "ja", "jaja", "jo", "joa", "na", "ach", "so", "also", "dann", "fragen", "sie", "los",
    "legen", "schiessen", "machen", "wir", "meinetwegen", "klar", "bitte", "weiter", "alles",
    "aeh", "aehm", "hm", "hmm", "ok", "okay", "gut", "schoen", "alright", "well", "go", "on",
))  # fmt: skip
_BARE_JUDGEMENT = frozenset(("gut", "ok", "okay", "schoen", "alright"))


def goes_along(folded: str) -> bool:
    """Only words of going along, with a bare "gut"/"okay" and something besides it ("na
    gut", "ja okay", "gut, fragen Sie"): no rating."""
    words = folded.split()
    if len(words) < 2 or not set(words) <= _GOING_ALONG:
        return False
    return bool(_BARE_JUDGEMENT & set(words)) and bool(set(words) - _BARE_JUDGEMENT)


_TAG = frozenset(("oder", "gell", "ne", "nicht wahr", "stimmts", "richtig", "oder nicht",
                  "right", "isnt it", "or"))  # fmt: skip


def asks_about_scale(text: str) -> bool:
    """A question that names a number of the scale ("Eins ist das Beste, oder?", "ist fünf
    gut?", "von 1 bis 5?"): asked about the scale, no rating given. A rating with a question
    of another kind ("Vier. Wie viele Fragen kommen noch?") and a range ("zwei oder drei?",
    narrowed elsewhere) are not."""
    if rating_range(text) is not None:
        return False
    clauses = [c for c in re.split(r"(?<=[,;.!?])", text.replace("'", "")) if fold(c)]
    for at, clause in enumerate(clauses):
        asked = clause.rstrip().endswith("?") or is_question(clause)
        said = fold(clause)
        if said in _TAG and at > 0 and (asked or at == len(clauses) - 1):
            said = fold(clauses[at - 1])  # "Eins ist das Beste, oder?": the clause before
            asked = True  # (not "zwei, ne, drei", a correction)
        asked = asked or _ends_with_tag(said)
        if asked and _NUMBER_WORD.search(said):
            return True
    return False


def _ends_with_tag(folded: str) -> bool:
    """ "eins ist das beste oder" (no punctuation from the recogniser)."""
    words = folded.split()
    return len(words) >= 3 and words[-1] in ("oder", "gell")


_TOP = re.compile(  # "Hundert Prozent zufrieden", "voll und ganz", "hundertprozentig"
    r"\b(?:hundert prozent|100 prozent|hundertprozentig|voll und ganz|vollauf|rundum|"
    r"one hundred percent|hundred percent|100 percent|completely|totally)\b"
)
_NOT = frozenset(("nicht", "nie", "kein", "keine", "not", "never", "no"))


def _top_degree(folded: str) -> int | None:
    """A top degree in words and no number: 5 ("Hundert Prozent zufrieden", "voll und
    ganz"), 1 when dissatisfied ("voll und ganz unzufrieden"); None when negated ("nicht
    hundertprozentig") or a number is said."""
    if not _TOP.search(folded) or _NOT & set(folded.split()) or _NUMBER_WORD.search(folded):
        return None
    if re.search(r"\b(?:unzufrieden|dissatisfied|unhappy)\b", folded):
        return 1
    return 5


_NEE = re.compile(r"\b(?:nee|noe|nö|nope)\b|\bne\b(?=\s*[,.;!])", re.IGNORECASE)


def _corrections_as_nein(text: str) -> str:
    """ "zwei, nee, drei", "zwei, ne, drei": the spoken no corrects like "nein" ("ne drei"
    without a pause is "eine drei")."""
    return _NEE.sub("nein", text)


# ---- a rating corrected at a later question -------------------------------------------------
# Said to any later question: a change asked for, or the rating question named ("ändern Sie
# meine Bewertung bitte auf eins", "bei der ersten Frage wollte ich eigentlich zwei sagen")
_BACK_TO_THE_RATING = re.compile(
    r"\b(?:aender\w*|korrigier\w*|berichtig\w*|bewertung|zufriedenheit|vorhin|"
    r"(?:erste|ersten|vorige|vorigen|vorherige|vorherigen|letzte|letzten) frage|"
    r"change|correct|rating|first question)\b"
)
# Said where yes or no is asked, a number is no answer: a correcting word before it is enough
# ("Nein, doch eher eine Zwei.", "eigentlich eher drei")
_CORRECTING = re.compile(
    rf"\b(?:doch|eher|lieber|eigentlich|korrektur|sorry|actually|rather) (?:\w+ )?{_NUMBER}\b"
)
# Where a rating stands in a sentence: at its end or before a word of saying ("zwei sagen",
# "eins bitte"), not counting something ("zwei Techniker", "drei Wochen")
_RATING_PLACE = re.compile(
    rf"\b{_NUMBER}(?= *$| (?:sagen|geben|gemeint|nehmen|bitte|eintragen|setzen|aendern|"
    r"machen|sein|statt|anstatt|und|oder|also|dann|ja|say|please|instead))"
)
_NOT_THIS = re.compile(  # (the word between is no correcting one: "bei der ersten Frage eher
    r"\b(?:statt|anstatt|nicht|frage|instead of|not|question) "  # drei" means three)
    rf"(?:(?!(?:doch|eher|lieber|eigentlich|actually|rather) )\w+ )?{_NUMBER}\b"
)


# Said where a comment is asked, a correcting word needs a word of rating after the number
# ("eigentlich würde ich doch eher drei sagen"; "Zwei Techniker kamen nicht, eigentlich drei"
# counts)
_CORRECTING_SAID = re.compile(
    rf"\b(?:doch|eher|lieber|eigentlich|actually|rather) (?:\w+ )?{_NUMBER} (?:sagen|geben|"
    r"vergeben|nehmen|say|give)\b"
)


def corrected_rating(text: str, yes_no_asked: bool, comment_asked: bool = False) -> int | None:
    """The rating said again, to be stored instead of the first one: a number of the scale in
    a rating's place, with words that point back at the rating question; where yes or no is
    asked, a correcting word before the number does too, and where a comment is asked, one
    with a word of rating after the number ("eigentlich würde ich doch eher drei sagen"). None
    otherwise (a comment counting something, "Zwei Techniker kamen nicht")."""
    folded = fold(text)
    back = bool(_BACK_TO_THE_RATING.search(folded))
    correcting = _CORRECTING_SAID if comment_asked else _CORRECTING
    if not back and not ((yes_no_asked or comment_asked) and correcting.search(folded)):
        return None
    meant = _NOT_THIS.sub(" ", folded)  # "statt vier lieber zwei", "bei Frage eins zwei"
    meant = re.sub(r"\b(?:auf|in|to) (?:eine |ne |die |der )?(?=" + _NUMBER + r"\b)", "", meant)
    if not _RATING_PLACE.search(meant) or grade_marked(text):
        return None
    return rating_in(_corrections_as_nein(meant))


# Another person of the household (or anyone else) whose rating is told beside one's own
_SOMEONE_ELSE = re.compile(
    r"\b(?:mein|meine|meinem|meiner|unser|unsere)\s+(?:mann|frau|sohn|tochter|kinder|kind|"
    r"partner\w*|freund\w*|mutter|vater|mama|papa|eltern|nachbar\w*|oma|opa|familie|enkel\w*)\b"
    r"|\b(?:die anderen|alle anderen|die kinder|der rest)\b"
)
_MYSELF = re.compile(r"\bich\b")


def own_of_two_ratings(text: str) -> int | None:
    """The person's own rating when another's is told beside it ("Mein Mann sagt immer drei,
    aber ich würde vier sagen" -> 4, "ich sag vier, meine Frau eher drei" -> 4); None when no
    one else is named or the own part holds no single rating (read as usual then)."""
    folded = fold(text)
    other = _SOMEONE_ELSE.search(folded)
    if other is None or len(_NUMBER_WORD.findall(folded)) < 2:
        return None
    before, after = folded[: other.start()], folded[other.end() :]
    mine_after = _MYSELF.search(after)
    if mine_after is not None and _NUMBER_WORD.search(after[mine_after.start() :]):
        own = after[mine_after.start() :]
    elif _MYSELF.search(before) and _NUMBER_WORD.search(before):
        own = before
    else:
        return None
    if len(set(_NUMBER_WORD.findall(own))) != 1 or says_no_rating(own):
        return None
    return rating_in(own)


_BEFORE = re.compile(r"\b(?:frueher|vorher|anfangs|am anfang|damals|letztes jahr|sonst immer)\b")
_NOW = re.compile(r"\b(?:jetzt|inzwischen|mittlerweile|momentan|aktuell|derzeit|heute|seitdem)\b")


def rating_now(text: str) -> int | None:
    """Today's rating when an earlier one is told before it ("früher fünf, jetzt nur noch
    zwei" -> 2); None when no such two times are named or today's part holds no single one."""
    folded = fold(text)
    before = _BEFORE.search(folded)
    if before is None or not _NUMBER_WORD.search(folded):  # ("früher war es super, jetzt
        return None  # nur noch zwei": the earlier one in words)
    now = _NOW.search(folded, before.end())
    if now is None:
        return None
    part = folded[now.start() :]
    if len(set(_NUMBER_WORD.findall(part))) != 1 or says_no_rating(part):
        return None
    return rating_in(part)


# "keine Ahnung", "weiß nicht so genau" said before a rating ("keine Ahnung, vielleicht drei")
_DOUBT_FIRST = re.compile(
    r"^(?:(?:also|aeh|aehm|hm|hmm|na|tja|puh|oh|ach) )*(?:keine ahnung|(?:ich )?weiss (?:ich )?"
    r"(?:es |das )?(?:nicht|nich)(?: so (?:genau|recht))?|schwer zu sagen)\b"
)


def rating_after_doubt(text: str) -> int | None:
    """The rating said after a word of not knowing ("keine Ahnung, vielleicht drei" -> 3,
    "weiß nicht, so drei" -> 3): the person gives one after all; None when none follows."""
    found = _DOUBT_FIRST.search(fold(text))
    if found is None:
        return None
    rest = fold(text)[found.end() :]
    if not _NUMBER_WORD.search(rest) or says_no_rating(rest):
        return None
    return rating_said(rest)


# A rating chosen at the end after two or a range ("zwei oder drei, ach, sagen wir drei", "das
# Internet fällt drei oder vier Mal im Monat aus, also zwei", "zwischen zwei und drei, eher drei")
_CHOSEN = re.compile(
    r"\b(?:sagen wir|sag ich|ich sag|ich sage|ich wuerde sagen|nehmen wir|dann doch|doch eher|"
    r"dann eher|eher|lieber|also|deshalb|darum|daher)(?: (?:mal|doch|eher|lieber|die|eine|ne|"
    rf"nur|noch|sagen))* {_NUMBER}\s*$"
)


def rating_chosen(text: str) -> int | None:
    """The rating chosen at the end of an answer that said other numbers before it (see
    above); None when it ends otherwise or said no other number first."""
    from voicebot.dialog.survey_others import names_someone_else

    folded = fold(text)
    chosen = _CHOSEN.search(folded)
    if chosen is None or not _NUMBER_WORD.search(folded[: chosen.start()]):
        return None
    if names_someone_else(folded):  # ("ich sag vier, meine Frau eher drei": her choice)
        return None
    return rating_in(chosen.group(0))
