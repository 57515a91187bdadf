"""Recognition that knows what it expects: digits of a length, yes/no, a rating, one of a list.

A prompt declares what it expects (`Expectation.parse("digits:8" | "yesno" | "rating" |
"list:a,b,c" | "free")`); `recognize_expected` then scores the few expected answers against the
audio (Whisper) or restricts the grammar (Vosk) and returns a `Recognition` whose `value` is the
normalised answer, or None when unsure, never a confident guess. See docs/design.md.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from voicebot.errors import UserError
from voicebot.nlu.normalize import normalize_folded

if TYPE_CHECKING:
    from voicebot.asr.base import Recognition, SpeechModel

KINDS = ("free", "digits", "yesno", "rating", "list")
SPEC_HELP = "use digits:N, yesno, rating, list:a,b,c or free"
MAX_DIGITS = 32
ACCEPT_POSTERIOR = 0.6  # below this the value is None: the dialog asks back or offers DTMF


@dataclass(frozen=True, slots=True)
class Choice:
    """One expected answer: its normalised value and the ways a caller says it."""

    value: str  # "true", "3", a list item
    phrases: tuple[str, ...]  # as Whisper would write them, e.g. ("Ja, gerne", "Genau")


@dataclass(frozen=True, slots=True)
class Expectation:
    """What a prompt expects; "free" means unconstrained recognition."""

    kind: str  # one of KINDS
    length: int | None = None  # digits: how many
    items: tuple[Choice, ...] = ()  # list: the items (value + spoken forms)

    @classmethod
    def parse(cls, spec: str) -> Expectation:
        """Parses "digits:8", "yesno", "rating", "list:a,b|alias,c" or "free"."""
        kind, _, arg = spec.strip().partition(":")
        kind = kind.strip().lower()
        if kind in ("free", "yesno", "rating") and not arg.strip():
            return cls(kind)
        if kind == "digits":
            return cls("digits", length=_parse_length(spec, arg))
        if kind == "list":
            return cls("list", items=_parse_items(spec, arg))
        raise UserError(f"--expect {spec!r}: unknown expectation; {SPEC_HELP}")

    @property
    def spec(self) -> str:
        """The expectation written back as a spec string."""
        if self.kind == "digits":
            return f"digits:{self.length}"
        if self.kind == "list":
            return "list:" + ",".join(_spec_item((c.value, *c.phrases)) for c in self.items)
        return self.kind

    def choices(self, language: str) -> tuple[Choice, ...]:
        """The closed set of answers for yesno, rating and list (empty for free and digits)."""
        if self.kind == "list":
            return self.items
        table = {"yesno": YES_NO, "rating": RATINGS}.get(self.kind)
        if table is None:
            return ()
        return table.get(_base_language(language), table["en"])


def list_expectation(items: Mapping[str, Iterable[str]]) -> Expectation:
    """A list expectation from value -> spoken forms (e.g. catalog product id -> name, aliases)."""
    choices = tuple(Choice(value, tuple(dict.fromkeys(forms))) for value, forms in items.items())
    if not choices or any(not c.phrases for c in choices):
        raise ValueError("a list expectation needs items, each with at least one spoken form")
    return Expectation("list", items=choices)


def _spec_item(forms: Iterable[str]) -> str:
    """One list item as "value|form|…": separators inside a form blanked, empty forms and
    repeats left out (a catalog name like "Tee, grün" stays one form)."""
    cleaned = (re.sub(r"[,|]", " ", form).strip() for form in forms)
    return "|".join(dict.fromkeys(form for form in cleaned if form))


def _parse_length(spec: str, arg: str) -> int:
    if not arg.strip().isdigit() or not 1 <= int(arg) <= MAX_DIGITS:
        raise UserError(f"--expect {spec!r}: digits needs a length 1-{MAX_DIGITS}, e.g. digits:8")
    return int(arg)


def _parse_items(spec: str, arg: str) -> tuple[Choice, ...]:
    items = []
    for raw in arg.split(","):
        forms = tuple(f.strip() for f in raw.split("|") if f.strip())
        if not forms:
            raise UserError(f"--expect {spec!r}: empty list item; write list:a,b,c")
        items.append(Choice(forms[0], forms))
    if len(items) < 2 and len(items[0].phrases) < 2:
        raise UserError(f"--expect {spec!r}: a list needs at least two items, e.g. list:a,b")
    values = [c.value.lower() for c in items]
    if len(set(values)) != len(values):
        raise UserError(f"--expect {spec!r}: an item appears twice")
    return tuple(items)


def _base_language(language: str) -> str:
    return re.split(r"[-_]", language.lower())[0]


def _choices(pairs: Iterable[tuple[str, str]]) -> tuple[Choice, ...]:
    return tuple(
        Choice(value, tuple(p.strip() for p in forms.split(";"))) for value, forms in pairs
    )


# Spoken forms as Whisper writes them (capitalised, with its usual commas); casing and comma
# variants are added when scoring. Korean is there for the Vosk test model.
YES_NO: dict[str, tuple[Choice, ...]] = {
    "de": _choices(
        [
            (
                "true",
                "Ja; Ja, gerne; Ja, bitte; Ja, genau; Ja, das stimmt; Jawohl; Genau; "
                "Gerne; Richtig; Stimmt; Okay; Na klar; Sicher; Auf jeden Fall; Jo; Jo, passt; "
                "Passt; Ja, passt; Ja, klar",
            ),
            (
                "false",
                "Nein; Nee; Nein, danke; Nee, lass mal; Nee, danke; Lieber nicht; "
                "Auf keinen Fall; Nö; Nein, das stimmt nicht; Falsch; Ne; Eher nicht; "
                "Nee, eher nicht; Nö, danke",
            ),
        ]
    ),
    "en": _choices(
        [
            (
                "true",
                "Yes; Yes, please; Yeah; Yep; Sure; Correct; That's right; Right; "
                "Of course; Okay; Absolutely; Yes, that's correct; Yup; Yeah, sure",
            ),
            (
                "false",
                "No; No, thanks; No, thank you; Nope; Nah; Not really; No, that's wrong; "
                "Wrong; Incorrect; No way; Nah, thanks; Nope, thanks",
            ),
        ]
    ),
    "ko": _choices([("true", "예; 네"), ("false", "아니요; 아니")]),
}
RATINGS: dict[str, tuple[Choice, ...]] = {
    "de": _choices(
        [
            ("1", "Eins; 1; Eine Eins; Note eins"),
            ("2", "Zwei; 2; Zwo; Eine Zwei; Note zwei"),
            ("3", "Drei; 3; Eine Drei; Note drei"),
            ("4", "Vier; 4; Eine Vier; Note vier"),
            ("5", "Fünf; 5; Eine Fünf; Note fünf"),
        ]
    ),
    "en": _choices(
        [
            ("1", "One; 1; A one"),
            ("2", "Two; 2; A two"),
            ("3", "Three; 3; A three"),
            ("4", "Four; 4; A four"),
            ("5", "Five; 5; A five"),
        ]
    ),
    "ko": _choices(
        [("1", "일; 하나"), ("2", "이; 둘"), ("3", "삼; 셋"), ("4", "사; 넷"), ("5", "오; 다섯")]
    ),
}


@dataclass(frozen=True, slots=True)
class Posterior:
    """Probability mass per answer value, plus the mass of "none of these"."""

    mass: Mapping[str, float]  # value -> probability (sums with none_mass to 1)
    none_mass: float

    @classmethod
    def from_log_scores(
        cls, scored: Iterable[tuple[str | None, float]], none_bias: float = 0.0
    ) -> Posterior:
        """Softmax over (value or None, log-likelihood) hypotheses; none_bias shifts the Nones."""
        pairs = [(v, s + (none_bias if v is None else 0.0)) for v, s in scored]
        pairs = [(v, s) for v, s in pairs if math.isfinite(s)]
        if not pairs:
            return cls({}, 1.0)
        top = max(s for _, s in pairs)
        weights = [(v, math.exp(s - top)) for v, s in pairs]
        total = sum(w for _, w in weights)
        mass: dict[str, float] = {}
        for value, weight in weights:
            if value is not None:
                mass[value] = mass.get(value, 0.0) + weight / total
        return cls(mass, max(0.0, 1.0 - sum(mass.values())))

    def best(self) -> tuple[str | None, float]:
        """The most probable value and its probability ((None, 0) when nothing was expected)."""
        if not self.mass:
            return None, 0.0
        value = max(self.mass, key=lambda v: self.mass[v])
        return value, self.mass[value]

    def decide(self, threshold: float = ACCEPT_POSTERIOR) -> tuple[str | None, float]:
        """(value or None when unsure, confidence 0-1 of the best value)."""
        value, probability = self.best()
        return (value if probability >= threshold else None), round(probability, 3)


def match_choice(text: str, choices: Iterable[Choice], language: str) -> str | None:
    """The value whose spoken form equals text (after normalising), or None."""
    said = normalize_folded(text, language)
    if not said:
        return None
    hits = {c.value for c in choices for p in c.phrases if normalize_folded(p, language) == said}
    return hits.pop() if len(hits) == 1 else None


def recognize_expected(
    model: SpeechModel, pcm: bytes, sample_rate: int, language: str, expectation: Expectation
) -> Recognition:
    """Recognises one answer using what the prompt expects; value is None when unsure."""
    if expectation.kind == "free":
        return model.transcribe(pcm, sample_rate, language)
    if model.backend == "vosk":
        from voicebot.asr.expect_vosk import recognize_with_grammar

        return recognize_with_grammar(model, pcm, sample_rate, language, expectation)
    if model.backend == "whisper":
        from voicebot.asr.expect_whisper import WhisperAnswerScorer

        return WhisperAnswerScorer.of(model).recognize(pcm, sample_rate, language, expectation)
    result = model.transcribe(pcm, sample_rate, language)
    return replace(result, value=None, confidence=0.0)
