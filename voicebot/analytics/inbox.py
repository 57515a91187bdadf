"""The inbox: caller utterances the bot did not understand, grouped so paraphrases sit together.

An utterance enters the inbox when the classifier found no intent, or one with low confidence
(less than LOW_CONFIDENCE_MARGIN above the tenant's threshold), and it answered an open
question (not a yes/no, rating, menu or digits-only answer). Grouping uses the tenant
classifier's own features: the sentence-encoder vectors and TF-IDF character n-grams of the
same normalised text, mixed with the classifier's ENCODER_WEIGHT, then average-linkage
clustering at GROUP_SIMILARITY (chosen on German paraphrase sets, see tests/test_inbox.py).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from voicebot.analytics.masking import is_masked_word
from voicebot.analytics.records import CallerTurn, CallRecord

LOW_CONFIDENCE_MARGIN = 0.1
GROUP_SIMILARITY = 0.35  # average cosine similarity that still makes one group
CLOSED_EXPECTS = ("yesno", "rating", "list:")
MIN_WORDS = 2


@dataclass(frozen=True, slots=True)
class Utterance:
    """One caller turn in the inbox (masked text)."""

    id: str  # "<call_id>:<turn index>"
    call_id: str
    text: str
    intent: str | None
    confidence: float | None
    best_guess: str | None  # the classifier's best intent, even when below threshold
    started_at: float

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "call_id": self.call_id,
            "text": self.text,
            "intent": self.intent,
            "confidence": self.confidence,
            "best_guess": self.best_guess,
        }


@dataclass(frozen=True, slots=True)
class UtteranceGroup:
    """Utterances that say the same thing; `id` is stable for the same members."""

    id: str
    utterances: tuple[Utterance, ...]
    representative: str  # the member most similar to the others
    suggestion: str | None  # the intent most members' best guess points at, if any

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "size": len(self.utterances),
            "representative": self.representative,
            "suggestion": self.suggestion,
            "utterances": [u.to_json() for u in self.utterances],
        }


def _is_unclear(turn: CallerTurn, threshold: float) -> bool:
    if turn.kind != "speech" or turn.intent_confidence is None:
        return False
    if turn.expect and turn.expect.startswith(CLOSED_EXPECTS):
        return False
    words = [w for w in turn.text.split() if not is_masked_word(w)]
    if len(words) < MIN_WORDS:
        return False
    return turn.intent is None or turn.intent_confidence < threshold + LOW_CONFIDENCE_MARGIN


def inbox_utterances(
    records: Iterable[CallRecord],
    threshold: float,
    assigned: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[Utterance]:
    """The unclear caller turns of these calls that were not assigned yet, oldest first."""
    found: list[Utterance] = []
    for record in records:
        for turn in record.turns:
            uid = f"{record.call_id}:{turn.index}"
            if uid in assigned or not _is_unclear(turn, threshold):
                continue
            guess = turn.intent or (turn.alternatives[0][0] if turn.alternatives else None)
            found.append(
                Utterance(
                    uid, record.call_id, turn.text, turn.intent, turn.intent_confidence, guess,
                    record.started_at,
                )
            )  # fmt: skip
    return found


def similarity(texts: Sequence[str], language: str, encoder: Any = "auto") -> np.ndarray:
    """Pairwise similarity with the classifier's features: encoder and TF-IDF cosines, mixed."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from voicebot.nlu.classifier import ENCODER_WEIGHT
    from voicebot.nlu.classifier import normalize as folded
    from voicebot.nlu.embeddings import encoder_for
    from voicebot.nlu.normalize import normalize as spoken

    said = [spoken(t.replace("***", " "), language) or t for t in texts]
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
    grams = chars.fit_transform([folded(s) or "_" for s in said])
    by_chars = np.asarray((grams @ grams.T).todense(), dtype=np.float64)
    model = encoder_for(language) if encoder == "auto" else encoder
    if model is None:
        return by_chars
    vectors = np.asarray(model.encode(said), dtype=np.float64)
    return ENCODER_WEIGHT * (vectors @ vectors.T) + (1.0 - ENCODER_WEIGHT) * by_chars


def group_utterances(
    utterances: Sequence[Utterance], language: str, *, encoder: Any = "auto"
) -> list[UtteranceGroup]:
    """Paraphrases together; biggest groups first, then by their representative."""
    if not utterances:
        return []
    texts = [u.text for u in utterances]
    sim = similarity(texts, language, encoder) if len(texts) > 1 else np.ones((1, 1))
    labels = _clusters(sim)
    groups = []
    for label in sorted(set(labels)):
        members = [i for i, lab in enumerate(labels) if lab == label]
        groups.append(_group([utterances[i] for i in members], sim[np.ix_(members, members)]))
    return sorted(groups, key=lambda g: (-len(g.utterances), g.representative))


def _clusters(sim: np.ndarray) -> list[int]:
    """Average-linkage clusters cut at GROUP_SIMILARITY."""
    if len(sim) == 1:
        return [1]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distance = np.clip(1.0 - (sim + sim.T) / 2, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), "average")
    return [int(c) for c in fcluster(tree, t=1.0 - GROUP_SIMILARITY, criterion="distance")]


def _group(members: list[Utterance], sim: np.ndarray) -> UtteranceGroup:
    central = int(np.argmax(sim.sum(axis=1)))
    ids = sorted(u.id for u in members)
    digest = hashlib.sha1("\n".join(ids).encode()).hexdigest()[:10]
    guesses = Counter(u.best_guess for u in members if u.best_guess)
    suggestion = None
    if guesses:
        best, count = guesses.most_common(1)[0]
        suggestion = best if count * 2 > len(members) else None
    ordered = tuple(sorted(members, key=lambda u: (u.started_at, u.id)))
    return UtteranceGroup(f"g{digest}", ordered, members[central].text, suggestion)


def phrases_of(group: UtteranceGroup) -> list[str]:
    """The group's texts as intent examples: masked number words dropped, duplicates once."""
    phrases: list[str] = []
    for utterance in group.utterances:
        words = [w for w in utterance.text.split() if not is_masked_word(w)]
        phrase = " ".join(words).strip()
        if len(words) >= MIN_WORDS and phrase.lower() not in {p.lower() for p in phrases}:
            phrases.append(phrase)
    return phrases
