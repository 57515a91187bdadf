"""How the survey reads a yes/no answer beyond a plain ja or nein: a yes with a limit ("Ja,
aber nicht jedem") and a yes/no answer corrected at a later question ("weiterempfehlen würde
ich ihn doch eigentlich"). Folded text (words.fold)."""

from __future__ import annotations

import re
from typing import Literal

from voicebot.dialog.survey_words import echoes_no, echoes_yes, names_key
from voicebot.dialog.words import fold

_YES = frozenset((
    "ja", "jo", "jap", "jaja", "klar", "sicher", "natuerlich", "gerne", "gern", "doch", "schon",
    "bestimmt", "yes", "yeah", "sure", "definitely", "absolutely", "of course",
))  # fmt: skip
_NEGATIONS = frozenset(("nicht", "nein", "nee", "noe", "nie", "niemals", "kein", "keinem",
                        "keinen", "keine", "niemandem", "not", "no", "never"))  # fmt: skip
# Where a limit begins: "Ja, aber nicht jedem", "Klar, wenn jemand nicht viel surft", "Ja,
# nur nicht meiner Oma"
_LIMIT = re.compile(
    r"^(?P<opening>.+?) (?P<limit>aber|allerdings|wenn|falls|solange|sofern|nur|but|if|as long "
    r"as|only) (?P<rest>.*)$"
)
# After "aber": a negation that narrows whom to, not one that takes the yes back ("aber
# eigentlich nicht")
_NOT_EVERYONE = re.compile(
    r"^(?:(?:halt|eben|natuerlich|schon|wirklich) )?(?:nicht|not) (?:(?:unbedingt|gerade|"
    r"einfach|so) )?(?:jedem|jeden|jeder|allen|jedermann|everyone|everybody|anyone|to everyone)\b"
)
_CONDITIONS = frozenset(("wenn", "falls", "solange", "sofern", "nur", "if", "as long as", "only"))
_SCORN = ("feind", "aergsten", "schlimmsten", "schwiegermutter", "enemies", "enemy", "worst")
_UNREAL = frozenset(("waere", "waer", "waeren", "wuerde", "wuerden", "haette", "haetten",
                     "koennte", "koennten", "were", "would", "could"))  # fmt: skip


def limited_yes(text: str) -> Literal["ja", "unclear"] | None:
    """A yes whose "nicht" narrows it, not takes it back: "Ja, würde ich, aber nicht jedem",
    "Klar, wenn jemand nicht viel surft" -> "ja". A yes with another limit after it ("Ja, aber
    eigentlich eher nicht", "Ja, wenn die Hotline besser wäre": a condition not met) ->
    "unclear", asked again, never "nein". None: no yes followed by a limit."""
    match = _LIMIT.match(fold(text))
    if match is None:
        return None
    opening = match.group("opening").split()
    if not _YES & set(opening) or _NEGATIONS & set(opening):
        return None  # ("Nein, aber die Preise sind okay")
    limit, rest = match.group("limit"), match.group("rest").split()
    if any(word.startswith(_SCORN) for word in rest):  # "Ja, aber nur meinen Feinden": a
        return "unclear"  # mocking yes, no recommendation
    if limit in _CONDITIONS or set(rest[:1]) & _CONDITIONS:  # "aber nur wenn …"
        return "unclear" if _UNREAL & set(rest) else "ja"
    if not _NEGATIONS & set(rest):
        return "ja"  # "Ja, aber die Preise sind hoch"
    return "ja" if _NOT_EVERYONE.match(" ".join(rest)) else "unclear"


# A condition said first, in place of the answer ("Nur wenn der Preis stimmt."): the yes or no
# is whatever follows it ("…, dann ja"); with nothing after it, the "stimmt" of the condition
# is no yes
_CONDITION_FIRST = re.compile(r"^(?:(?:aeh|aehm|also|naja|na|hm|nur|only) )*(?:wenn|wenns|falls|"
                              r"sofern|solange|if|as long as|provided)\b")  # fmt: skip
_ANSWER_AFTER = frozenset((*_YES, "nein", "nee", "noe", "nicht", "no", "not", "nope"))


def scorns(text: str) -> bool:
    """ "Ja, meinem ärgsten Feind", "nur meinen Feinden": a mocking yes, no recommendation."""
    return any(word.startswith(_SCORN) for word in fold(text).split())


def only_a_condition(text: str) -> bool:
    """The words name a condition and no answer after it ("Nur wenn der Preis stimmt", "if
    they fixed the line"): not a yes, whatever word of agreeing the condition holds; "Wenn
    jemand schnelles Internet braucht, dann ja" answers."""
    folded = fold(text)
    if not _CONDITION_FIRST.match(folded):
        return False
    clauses = [fold(c).split() for c in re.split(r"[,.;!?]+", text) if fold(c)]
    tail = clauses[-1][-2:] if len(clauses) > 1 else folded.split()[-2:]
    return not _ANSWER_AFTER & set(tail)


# ---- a yes/no answer corrected at a later question ------------------------------------------
# "… weiterempfehlen würde ich ihn doch eigentlich", "empfehlen würde ich ihn doch nicht":
# a word of changing one's mind with the earlier question's own word
_CHANGED_MIND = re.compile(
    r"\b(?:doch|eigentlich|korrigier\w*|aender\w*|vorhin|actually|after all|on second thought)\b"
)


def corrected_yes_no(text: str, keys: frozenset[str]) -> tuple[str, str] | None:
    """A yes/no question answered again later, in a sentence that names its own word (`keys`)
    and a word of changing one's mind ("Die Hotline. Ach und weiterempfehlen würde ich ihn doch
    eigentlich."): the new answer ("ja"/"nein") and the rest of the words without that
    sentence ("Die Hotline."); None when no sentence answers it again."""
    sentences = [s for s in re.split(r"(?<=[.!?;])\s+|,?\s+\b(?=und\b|aber\b)", text) if s]
    for at, sentence in enumerate(sentences):
        if not names_key(sentence, keys) or not _CHANGED_MIND.search(fold(sentence)):
            continue
        answer = (
            "ja" if echoes_yes(sentence, keys) else "nein" if echoes_no(sentence, keys) else None
        )
        if answer is not None:
            rest = " ".join(s.strip() for s in sentences[:at] + sentences[at + 1 :])
            return answer, _without_leading_fillers(rest)
    return None


def _without_leading_fillers(text: str) -> str:
    """ "Ach und" left over at the end or start of a comment is no comment."""
    words = text.split()
    while words and fold(words[-1]) in ("ach", "und", "also", "aber", "and"):
        words = words[:-1]
    return " ".join(words)
