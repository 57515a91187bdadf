"""What the recogniser writes down (split compounds) and how close a caller's wording must be to an
intent's examples (nearest examples rather than the centroid, for German)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from voicebot.nlu import classifier as classifier_module
from voicebot.nlu.classifier import LEXICAL_WEIGHT, IntentClassifier
from voicebot.nlu.normalize import CompoundJoiner


def test_split_compounds_are_joined_when_the_joined_word_is_known() -> None:
    joiner = CompoundJoiner(["fritzbox", "wlan", "kundenportal", "nougatcreme", "router"])
    assert joiner.join("die fritz box und das w lan") == "die fritzbox und das wlan"
    assert joiner.join("im kunden portal") == "im kundenportal"
    assert joiner.join("die nougat creme") == "die nougatcreme"


def test_pairs_that_make_no_known_word_stay_apart() -> None:
    joiner = CompoundJoiner(["fritzbox", "router"])
    assert joiner.join("mein router geht nicht") == "mein router geht nicht"
    assert joiner.join("fritz") == "fritz"
    assert joiner.join("") == ""


def test_nordwelle_joins_what_the_recogniser_split(tenant_nlu) -> None:  # type: ignore[no-untyped-def]
    nlu = tenant_nlu("nordwelle")
    clean = nlu._clean("Die Fritz Box blinkt und das W-LAN ist weg")
    assert "fritzbox" in clean.split()
    assert "wlan" in clean.split()
    assert nlu.classify("Die Fritz Box blinkt und das W-LAN ist weg").intent == "stoerung"


def test_english_words_are_never_joined(tenant_nlu) -> None:  # type: ignore[no-untyped-def]
    # "i deal" became "ideal" on Banking77 when joining was tried for English.
    assert "i deal" in tenant_nlu("harbour-bank")._clean("how do i deal with a stolen card")


class FixedEncoder:
    """Maps each known text to a fixed unit vector; unknown text to a far-away vector."""

    name = "fixed-test-encoder"

    def __init__(self, vectors: dict[str, Sequence[float]]) -> None:
        self.vectors = {t: np.asarray(v, dtype=np.float32) for t, v in vectors.items()}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        far = np.array([0.0, 0.0, 0.0, 1.0], dtype=np.float32)
        return np.stack([self.vectors.get(t, far) for t in texts])


EXAMPLES = [
    ("mein internet geht nicht", "stoerung"),
    ("der fernseher hat kein bild", "stoerung"),
    ("ich will kündigen", "kuendigung"),
    ("bitte vertrag beenden", "kuendigung"),
]
VECTORS = {
    "mein internet geht nicht": [1.0, 0.0, 0.0, 0.0],
    "der fernseher hat kein bild": [0.0, 1.0, 0.0, 0.0],
    "ich will kündigen": [0.0, 0.0, 1.0, 0.0],
    "bitte vertrag beenden": [0.0, 0.0, 1.0, 0.0],
}


@pytest.mark.parametrize(("neighbours", "semantic"), [(None, 2**-0.5), (1, 1.0), (2, 0.5)])
def test_similarity_uses_the_centroid_or_the_nearest_examples(
    monkeypatch: pytest.MonkeyPatch, neighbours: int | None, semantic: float
) -> None:
    monkeypatch.setitem(classifier_module.NEIGHBOURS, FixedEncoder.name, neighbours)
    classifier = IntentClassifier(EXAMPLES, "de", encoder=FixedEncoder(VECTORS))
    scores = classifier.scores("mein internet geht nicht")
    assert scores.ranking[0][0] == "stoerung"
    # The text is one of the examples: its char n-gram cosine is 1.
    assert scores.similarity == pytest.approx((1 - LEXICAL_WEIGHT) * semantic + LEXICAL_WEIGHT)


def test_a_named_catalog_product_waives_the_similarity_floor(tenant_nlu) -> None:  # type: ignore[no-untyped-def]
    """Misheard wording ("lagen" for "lagern") falls below the floor; the product the intent
    needs is still named, so the intent is taken; nonsense without a product stays out."""
    nlu = tenant_nlu("sonnhof")
    heard = "Wie muss ich die Brützeln lagen?"
    scores = nlu._classifier.scores(nlu._clean(heard))
    assert scores.similarity < nlu._classifier.similarity_floor  # the floor alone rejects it
    result = nlu.classify(heard)
    assert (result.intent, result.slots.get("product")) == ("produkt_lagerung", "laugenbrezel-tk")
    assert nlu.classify("Wie muss ich die lagen?").intent is None
    assert nlu.classify("Wie muss ich die Schnürsenkel lagen?").intent is None  # not ours


def test_a_text_classified_twice_is_worked_out_once(tenant_nlu) -> None:  # type: ignore[no-untyped-def]
    """Recognition's vocabulary check and the Understand stage classify the same free turn."""
    nlu = tenant_nlu("sonnhof")
    first = nlu.classify("ist die hafermilch vegan")
    assert nlu.classify("ist die hafermilch vegan") is first
    assert (
        first.intent == "produkt_vegan" and nlu.classify("ist die hafermilch vegan?") is not first
    )
