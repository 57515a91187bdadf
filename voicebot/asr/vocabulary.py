"""A free transcript the tenant's understanding cannot place, checked against its vocabulary.

Whisper base by telephone often writes a tenant's key word as something that only sounds like
it ("vegan" -> "viel an", "Router" -> "Runter", "Brezeln" -> "Brützeln"). When the NLU is unsure
of a free turn, each word or word pair that sounds like one of the tenant's hint words
(`TenantView.hints`: products and concern words) is replaced by it, every rewrite is scored
against the same audio by forced decoding, and the best-scoring rewrite the NLU does understand
is taken, if the audio explains it nearly as well as what Whisper wrote (at most MAX_LOSS nats
less). Turns the NLU understands are never touched. Measured: benchmarks/results/hints.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from voicebot.asr.expect_shortlist import phrase_similarity

SIMILAR = 70.0  # 0-100, by letters or sound: "viel an" ~ "vegan" 73, "Runter" ~ "Router" 86
MAX_LOSS = 8.0  # nats: rewrites the audio explains this much worse than the transcript are not
# taken ('vegan' for 'viel an': 5.5 less, 'Brezeln' for 'Brützeln' 7.3; 'Router' scored higher)
MAX_REWRITES = 24
MAX_LENGTH_GAP = 4  # letters: "an" is no "Anschluss"
_PUNCTUATION = ".,?!;:"


def sound_alike_rewrites(
    text: str, vocabulary: Sequence[str], similarity: float = SIMILAR
) -> list[str]:
    """text with one word or word pair replaced by a vocabulary word it sounds like."""
    words = text.split()
    rewrites: dict[str, None] = {}
    for size in (1, 2):
        for start in range(len(words) - size + 1):
            span = " ".join(words[start : start + size])
            core = span.rstrip(_PUNCTUATION).lstrip(_PUNCTUATION)
            if len(core) < 3 or any(c.isdigit() for c in core):
                continue
            tail = span[len(span.rstrip(_PUNCTUATION)) :]
            said = {w.strip(_PUNCTUATION).lower() for w in core.split()}
            for word in vocabulary:
                if word.lower() in said or abs(len(core) - len(word)) > MAX_LENGTH_GAP:
                    continue  # already said (a pair holding it would only drop a word)
                if phrase_similarity(core, word) >= similarity:
                    new = [*words[:start], word + tail, *words[start + size :]]
                    rewrites[" ".join(new)] = None
    return list(rewrites)[:MAX_REWRITES]


def closer_to_vocabulary(
    model: Any,
    pcm: bytes,
    sample_rate: int,
    language: str,
    text: str,
    vocabulary: Sequence[str],
    understood: Callable[[str], bool],
) -> str | None:
    """The best rewrite of `text` towards `vocabulary` that `understood` accepts and the audio
    explains nearly as well; None: none (or not a Whisper model)."""
    if getattr(model, "backend", None) != "whisper" or not vocabulary:
        return None
    rewrites = sound_alike_rewrites(text, vocabulary)
    if not rewrites:
        return None
    from voicebot.asr.expect_whisper import WhisperAnswerScorer

    scorer = WhisperAnswerScorer.of(model)
    scores = scorer.text_scores(pcm, sample_rate, language, [text, *rewrites])
    if not scores:
        return None
    ranked = sorted(zip(scores[1:], rewrites, strict=True), key=lambda pair: -pair[0])
    for score, rewrite in ranked:
        if score < scores[0] - MAX_LOSS:
            break
        if understood(rewrite):
            return rewrite
    return None
