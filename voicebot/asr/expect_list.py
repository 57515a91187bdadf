"""One of a list (product names, menu options) by Whisper: scoring and the decision.

Whisper base by telephone often writes a product name it has never seen as something else
("die Hafermilch" -> "Die auf ihr Müs."), and that free transcript, as "none of these", then
out-scores every item by 5-10 nats although the right item is first among the items. So a list
answer is decided among the items, not against the free transcript alone:

1. the free transcript, and the free transcript with the items as hint words, shortlist the
   items (expect_shortlist) and are matched to them by letters and by sound;
2. every spoken form of the shortlisted items is force-decoded (plain and after the article
   heard, "die Hafermilch"): its log-likelihood and token count;
3. decide(): the best item must lead the next item by a margin, explain the audio nearly as
   well per token as the free transcript, and (unless the margin is wide) sound like what
   Whisper heard; off-list answers and noise get None. Thresholds: ListTuning, chosen on the
   tune split of benchmarks/expected_lists.py.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from voicebot.asr.expect import Choice, match_choice
from voicebot.asr.expect_shortlist import phrase_similarity, ranked
from voicebot.audio.resample import resample
from voicebot.nlu.normalize import normalize_folded

if TYPE_CHECKING:
    from voicebot.asr.base import Recognition
    from voicebot.asr.expect_whisper import WhisperAnswerScorer, _Utterance

ARTICLES = {
    "de": ("Die", "Der", "Das", "Den", "Dem"),
    "en": ("The", "A"),
}
MAX_HINT_TOKENS = 200
# words around a name that do not change which item it is ("ähm, die Hafermilch bitte")
FILLERS = {
    "de": ("äh", "ähm", "hm", "also", "ja", "die", "der", "das", "den", "dem", "ein", "eine",
           "einen", "bitte", "danke", "mal"),
    "en": ("uh", "um", "er", "well", "the", "a", "an", "please", "thanks"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class FormScore:
    """One spoken form of an item force-decoded against the audio."""

    value: str
    text: str
    log_likelihood: float  # tokens plus the end of the utterance
    tokens: int  # including the end


@dataclass(frozen=True, slots=True)
class ListScores:
    """What one list answer was heard as and how well each item's forms explain it."""

    text: str  # free transcript, "" when no speech
    text_log_likelihood: float
    text_tokens: int
    prompted: str  # free transcript with the items as hint words
    forms: tuple[FormScore, ...]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ListScores:
        forms = tuple(FormScore(**f) for f in data["forms"])
        keys = ("text", "text_log_likelihood", "text_tokens", "prompted")
        return cls(**{k: data[k] for k in keys}, forms=forms)


def list_hints(choices: Sequence[Choice]) -> list[str]:
    """The items' spoken forms as hint words (identifiers like "hafer-drink-barista" left out)."""
    words = [p for c in choices for p in c.phrases if not _is_identifier(p)]
    return list(dict.fromkeys(words))


def _is_identifier(phrase: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9]+([-_][a-z0-9]+)+", phrase))


def heard_articles(texts: Sequence[str], language: str) -> list[str]:
    """Articles the transcripts start with ("Die auf ihr Müs." -> ["Die"])."""
    articles = ARTICLES.get(language[:2], ())
    found = []
    for text in texts:
        words = text.replace(",", " ").split()
        first = words[0].strip(".!?").capitalize() if len(words) > 1 else ""
        if first in articles:
            found.append(first)
    return list(dict.fromkeys(found))


def written_forms(phrase: str, articles: Sequence[str]) -> list[str]:
    """How Whisper may write a phrase: as given, without commas, after an article it heard."""
    forms = [phrase, phrase.replace(",", "")]
    forms += [f"{article} {phrase[:1].upper()}{phrase[1:]}" for article in articles]
    return list(dict.fromkeys(f for f in forms if f.strip()))


def score_utterance(
    utterance: _Utterance, choices: Sequence[Choice], size: int | None
) -> ListScores:
    """Free and hinted transcripts, and the forms of the `size` likeliest items (None: all)."""
    text, text_ll = utterance.free
    prefix = utterance._prompted(list_hints(choices))
    prompted = utterance._generate(prefix, 1, [-1], full=True)[0][0].strip()
    likely = list(choices)
    if size is not None and len(choices) > size:
        likely = merge_shortlists(text, prompted, choices, size)
    articles = heard_articles([text, prompted], utterance.language)
    pairs = [
        (c.value, f)
        for c in likely
        for p in c.phrases
        if not _is_identifier(p) or len(c.phrases) == 1
        for f in written_forms(p, articles)
    ]
    scores = utterance.log_likelihoods([f for _, f in pairs])
    forms = tuple(
        FormScore(v, f, s, _tokens(utterance, f)) for (v, f), s in zip(pairs, scores, strict=True)
    )
    return ListScores(" ".join(text.split()), text_ll, _tokens(utterance, text), prompted, forms)


def merge_shortlists(
    text: str, prompted: str, choices: Sequence[Choice], size: int
) -> list[Choice]:
    """The items the free and the hinted transcript each shortlist, interleaved, `size` in all."""
    lists = [ranked(text, choices), ranked(prompted, choices)]
    merged: dict[str, Choice] = {}
    for pair in zip(*lists, strict=True):
        for choice in pair:
            if len(merged) < size:
                merged.setdefault(choice.value, choice)
    return list(merged.values())


def _tokens(utterance: _Utterance, text: str) -> int:
    return len(utterance.tok.encode(" " + text.strip())) + 1 if text.strip() else 0


def score_all(
    scorer: WhisperAnswerScorer,
    pcm: bytes,
    sample_rate: int,
    language: str,
    choices: Sequence[Choice],
    size: int | None = None,
) -> ListScores:
    """ListScores of one answer (benchmarks: size None scores every item)."""
    from voicebot.asr.expect_whisper import WHISPER_RATE

    samples = resample(np.frombuffer(pcm, dtype="<i2"), sample_rate, WHISPER_RATE)
    if not scorer._sounds_like_speech(samples):
        return ListScores("", float("-inf"), 0, "", ())
    return score_utterance(scorer._utterance(samples, language), choices, size)


@dataclass(frozen=True, slots=True)
class ListTuning:
    """Thresholds of decide() (chosen on the tune split of benchmarks/expected_lists.py)."""

    length_power: float = 0.5  # items ranked by log-likelihood / tokens ** length_power
    margin: float = 2.0  # (normalised) nats the best item must lead the next item by
    per_token_deficit: float = 3.0  # nats per token the best item may explain the audio worse
    # than the free transcript does
    similarity: float = 0.0  # 0-100: the best item must look or sound like what Whisper
    # heard unprompted ...
    wide_margin: float = 6.0  # ... unless it leads the next item by this much
    named: float = 101.0  # a transcript this similar to one item's spoken form names it ...
    named_slack: float = 0.0  # ... when that item scores within this many nats of the best
    per_token: float = -3.5  # the item's forced decode must reach this log-likelihood per
    # token: line noise and off-list words fit no item that well (benchmark: -5 to -8)


def normalised(form: FormScore, power: float) -> float:
    """Log-likelihood divided by tokens ** power: 0 compares totals, which favour short
    names ("Tee", "Müsli"); 1 compares per-token averages."""
    return form.log_likelihood / max(form.tokens, 1) ** power


def item_scores(scores: ListScores, power: float = 0.0) -> dict[str, FormScore]:
    """Each item's best form by normalised log-likelihood."""
    best: dict[str, FormScore] = {}
    for form in scores.forms:
        if form.value not in best or normalised(form, power) > normalised(best[form.value], power):
            best[form.value] = form
    return best


@dataclass(frozen=True, slots=True)
class Evidence:
    """What decide() weighs, from one answer's ListScores (no thresholds in it)."""

    top: str | None  # the item whose best form scores highest (None: nothing scored)
    margin: float  # nats it leads the next item by
    deficit: float  # nats per token the free transcript explains the audio better
    per_token: float  # its log-likelihood per token (end included): how well it explains
    # the audio at all (line noise and off-list words: < -4)
    heard: float  # 0-100: how much the free transcript looks or sounds like it
    named: str | None  # the item the transcripts resemble most (None: nothing scored)
    named_fit: float  # 0-100 (101: a transcript equals one of its spoken forms)
    runner_up_fit: float  # the next item's fit: "plainly names" needs only one above
    named_gap: float  # nats the named item scores below the top item
    named_deficit: float
    named_per_token: float


def evidence(
    scores: ListScores, choices: Sequence[Choice], language: str, power: float
) -> Evidence:
    """The evidence of one answer, items ranked by log-likelihood / tokens ** power
    (benchmarks tune decide()'s thresholds on it)."""
    best = item_scores(scores, power)
    ranked = sorted(best.values(), key=lambda f: -normalised(f, power))
    if not scores.text.strip() or not ranked:
        inf = float("inf")
        return Evidence(None, 0.0, inf, -inf, 0.0, None, 0.0, 0.0, inf, inf, -inf)
    top = ranked[0]
    second = normalised(ranked[1], power) if len(ranked) > 1 else -50.0
    margin = normalised(top, power) - second
    heard = [t for t in (scores.prompted, scores.text) if t]
    exact = {named_exactly(t, choices, language) for t in heard} - {None}
    fits = sorted(
        ((101.0 if c.value in exact else max(similarity(t, c) for t in heard), c.value)
         for c in choices if c.value in best),
        reverse=True,
    )  # fmt: skip
    (named_fit, named), runner_up = fits[0], (fits[1][0] if len(fits) > 1 else 0.0)
    return Evidence(
        top.value,
        margin,
        _deficit(scores, top),
        top.log_likelihood / max(top.tokens, 1),
        similarity(scores.text, _choice(choices, top.value)),  # the unbiased transcript: the
        # hinted one may make up item names under noise ("grüner Tee" -> "Müsli Schokomüsli")
        named,
        named_fit,
        runner_up,
        normalised(top, power) - normalised(best[named], power),
        _deficit(scores, best[named]),
        best[named].log_likelihood / max(best[named].tokens, 1),
    )


def judge(found: Evidence, tuning: ListTuning) -> tuple[str | None, float]:
    """(item or None when unsure or off the list, confidence 0-1) from the evidence."""
    if found.top is None:
        return None, 0.0
    confidence = round(float(1.0 / (1.0 + np.exp(-min(found.margin, 50.0)))), 3)
    plainly = found.named_fit >= tuning.named > found.runner_up_fit
    if plainly and found.named_gap <= tuning.named_slack:
        fits = found.named_per_token >= tuning.per_token
        if fits and found.named_deficit <= tuning.per_token_deficit:
            return found.named, confidence if found.named == found.top else 0.5
    if found.margin < tuning.margin or found.deficit > tuning.per_token_deficit:
        return None, confidence
    if found.per_token < tuning.per_token:
        return None, confidence
    if found.heard < tuning.similarity and found.margin < tuning.wide_margin:
        return None, confidence
    return found.top, confidence


def decide(
    scores: ListScores, choices: Sequence[Choice], language: str, tuning: ListTuning
) -> tuple[str | None, float]:
    """(item or None when unsure or off the list, confidence 0-1)."""
    return judge(evidence(scores, choices, language, tuning.length_power), tuning)


def between(scores: ListScores, tuning: ListTuning) -> tuple[str, ...]:
    """The two items an unsure answer lies between (best first), when the best of them explains
    the audio well by decide()'s floors (no off-list answer or line noise): () otherwise. The
    dialog then asks "the Hafer Drink or the Müsli?" instead of asking for the name again."""
    ranked = sorted(
        item_scores(scores, tuning.length_power).values(),
        key=lambda f: -normalised(f, tuning.length_power),
    )
    if len(ranked) < 2 or not scores.text.strip():
        return ()
    # the better fit per token of the two (a near tie orders them by chance: "Die auf ihr
    # Müs." puts Müsli 0.15 nats before Hafer Drink on one CPU and after it on another)
    fit = max(ranked[:2], key=lambda f: f.log_likelihood / max(f.tokens, 1))
    if fit.log_likelihood / max(fit.tokens, 1) < tuning.per_token:
        return ()
    if _deficit(scores, fit) > tuning.per_token_deficit:
        return ()
    return (ranked[0].value, ranked[1].value)


def _deficit(scores: ListScores, form: FormScore) -> float:
    """Nats per token by which the form explains the audio worse than the free transcript."""
    return (scores.text_log_likelihood - form.log_likelihood) / max(form.tokens, 1)


def _choice(choices: Sequence[Choice], value: str) -> Choice:
    return next(c for c in choices if c.value == value)


def named_exactly(heard: str, choices: Sequence[Choice], language: str) -> str | None:
    """The one item a spoken form of which the heard text is, fillers and articles aside on
    both sides ("Das Duschgel." names "Duschgel"; "Verkauf" names "den Verkauf")."""
    said = normalize_folded(core(heard, language), language)
    if not said:
        return None
    hits = {
        c.value
        for c in choices
        for p in c.phrases
        if normalize_folded(core(p, language), language) == said
    }
    return hits.pop() if len(hits) == 1 else match_choice(heard, choices, language)


def core(text: str, language: str) -> str:
    """The text without leading and trailing fillers and articles ("Das Duschgel, bitte." ->
    "Duschgel"); the text itself when nothing else is left."""
    fillers = FILLERS.get(language[:2], ())
    words = re.sub(r"[^\w\s-]", " ", text).split()
    while words and words[0].lower() in fillers:
        words.pop(0)
    while words and words[-1].lower() in fillers:
        words.pop()
    return " ".join(words) or text


def similarity(heard: str, choice: Choice) -> float:
    """0-100: how much the heard text looks or sounds like one of the item's spoken forms."""
    return max(
        (phrase_similarity(heard, p) for p in choice.phrases if not _is_identifier(p)),
        default=0.0,
    )


LIST_TUNING = ListTuning()


def recognize_list(
    scorer: WhisperAnswerScorer,
    pcm: bytes,
    sample_rate: int,
    language: str,
    choices: Sequence[Choice],
    tuning: ListTuning = LIST_TUNING,
) -> Recognition:
    """Text, item (None when unsure or off the list) and confidence of one list answer."""
    from voicebot.asr.base import Recognition

    started = time.perf_counter()
    size = scorer.tuning.shortlist_size
    scores = score_all(scorer, pcm, sample_rate, language, choices, size)
    value, confidence = decide(scores, choices, language, tuning)
    unsure = between(scores, tuning) if value is None else ()
    duration_s = len(pcm) / 2 / sample_rate
    elapsed = time.perf_counter() - started
    return Recognition(scores.text, confidence, language, duration_s, elapsed, value, unsure)
