"""Out-of-scope decisions (probability, margin and similarity) and the on-disk embedding cache."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from voicebot.nlu.classifier import IntentClassifier
from voicebot.nlu.embeddings import CachedEncoder, EmbeddingCache, SentenceEncoder, encoder_for
from voicebot.nlu.labelled import read_labelled

ENGLISH_EXAMPLES = [
    ("my card has not arrived yet", "card_arrival"),
    ("when will i get my new card", "card_arrival"),
    ("i am still waiting for my card", "card_arrival"),
    ("i lost my card", "lost_or_stolen_card"),
    ("someone stole my card", "lost_or_stolen_card"),
    ("i cannot find my card anywhere", "lost_or_stolen_card"),
    ("what is my balance", "balance"),
    ("how much money do i have in my account", "balance"),
    ("how much is left on my account", "balance"),
]


class CountingEncoder:
    """A real encoder that counts how many texts it had to encode."""

    def __init__(self, encoder: SentenceEncoder) -> None:
        self.encoder = encoder
        self.name = encoder.name
        self.encoded = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.encoded += len(texts)
        return self.encoder.encode(texts)


@pytest.fixture(scope="module")
def english() -> IntentClassifier:
    return IntentClassifier(ENGLISH_EXAMPLES, "en")


@pytest.mark.parametrize("text", ["blubb blubb", "pizza mit salami", "nein", "hm"])
def test_nonsense_is_out_of_scope_for_nordwelle(tenant_nlu, text: str) -> None:  # type: ignore[no-untyped-def]
    result = tenant_nlu("nordwelle").classify(text)
    assert result.intent is None
    assert result.action == "reprompt"


def test_the_similarity_floor_keeps_every_in_scope_nordwelle_test_phrase(tenant_nlu) -> None:  # type: ignore[no-untyped-def]
    nlu = tenant_nlu("nordwelle")
    phrases, _ = read_labelled(Path(nlu.tenant.folder) / "tests" / "phrases.yaml")
    classifier = nlu._classifier
    too_far = [
        p.text
        for p in phrases
        if p.intent is not None
        and classifier.scores(nlu._clean(p.text)).similarity < classifier.similarity_floor
    ]
    assert too_far == []


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("uh my new card still hasn't shown up", "card_arrival"),
        ("i think my card got stolen yesterday", "lost_or_stolen_card"),
    ],
)
def test_decide_accepts_a_paraphrase(english: IntentClassifier, text: str, intent: str) -> None:
    assert english.decide(text)[0] == intent


@pytest.mark.parametrize(
    "text", ["what is the weather like in paris tomorrow", "play some jazz music please", "blah"]
)
def test_decide_rejects_unrelated_requests(english: IntentClassifier, text: str) -> None:
    decided, scores = english.decide(text)
    assert decided is None
    assert scores.similarity < english.similarity_floor


def test_a_paraphrase_is_closer_to_its_intent_than_nonsense(english: IntentClassifier) -> None:
    paraphrase = english.scores("how much money is in my account")
    nonsense = english.scores("the cat sat on the mat")
    assert paraphrase.ranking[0][0] == "balance"
    assert paraphrase.similarity > nonsense.similarity


def test_lead_is_the_gap_between_best_and_runner_up(english: IntentClassifier) -> None:
    scores = english.scores("what is my balance")
    assert scores.lead == pytest.approx(scores.ranking[0][1] - scores.ranking[1][1])


def test_without_an_encoder_similarity_is_lexical_only() -> None:
    classifier = IntentClassifier(ENGLISH_EXAMPLES, "en", encoder=None)
    assert classifier.scores("what is my balance").similarity == pytest.approx(1.0)
    assert classifier.scores("zzz qqq").similarity < 0.2


def test_example_vectors_come_from_disk_in_a_new_process(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "embeddings.sqlite")
    use = encoder_for("de").encoder  # type: ignore[attr-defined]
    texts = ["mein internet geht nicht", "ich will kündigen", "rechnung zu hoch"]
    first = CountingEncoder(use)
    fresh = CachedEncoder(first, cache).encode(texts)
    second = CountingEncoder(use)  # a new process: empty memory, same cache file
    reread = CachedEncoder(second, EmbeddingCache(tmp_path / "embeddings.sqlite")).encode(texts)
    assert first.encoded == 3 and second.encoded == 0
    np.testing.assert_array_equal(fresh, reread)


def test_only_unseen_examples_are_encoded_after_an_edit(tmp_path: Path) -> None:
    counting = CountingEncoder(encoder_for("de").encoder)  # type: ignore[attr-defined]
    encoder = CachedEncoder(counting, EmbeddingCache(tmp_path / "embeddings.sqlite"))
    encoder.encode(["ich ziehe um", "umzug melden"])
    encoder.encode(["ich ziehe um", "umzug melden", "neue adresse wegen umzug"])
    assert counting.encoded == 3


def test_a_cached_classifier_ranks_like_a_fresh_one(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "embeddings.sqlite")
    use = encoder_for("de").encoder  # type: ignore[attr-defined]
    examples = [
        ("mein internet geht nicht", "stoerung"),
        ("das wlan ist weg", "stoerung"),
        ("ich will kündigen", "kuendigung"),
        ("vertrag beenden", "kuendigung"),
    ]
    cold = IntentClassifier(examples, "de", encoder=CachedEncoder(use, cache))
    warm = IntentClassifier(examples, "de", encoder=CachedEncoder(use, cache))
    first, second = cold.rank("kein internet"), warm.rank("kein internet")
    assert [intent for intent, _ in first] == [intent for intent, _ in second]
    assert [round(p, 6) for _, p in first] == [round(p, 6) for _, p in second]  # BLAS rounding


def test_a_single_live_utterance_is_not_written_to_the_cache(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "embeddings.sqlite")
    encoder = CachedEncoder(encoder_for("de").encoder, cache)  # type: ignore[attr-defined]
    encoder.encode(["meine kundennummer ist 40817253"])
    assert cache.get(encoder.name, ["meine kundennummer ist 40817253"]) == {}
