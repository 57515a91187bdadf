"""Behaviour of the intent classifier on small, real call-centre examples."""

from __future__ import annotations

from voicebot.nlu.classifier import IntentClassifier, normalize

GERMAN_EXAMPLES = [
    ("mein internet geht nicht mehr", "stoerung"),
    ("ich habe kein freizeichen", "stoerung"),
    ("das wlan ist seit gestern weg", "stoerung"),
    ("fernsehen funktioniert nicht", "stoerung"),
    ("ich habe eine frage zu meiner rechnung", "rechnung"),
    ("warum ist die rechnung so hoch", "rechnung"),
    ("wie viel muss ich diesen monat bezahlen", "rechnung"),
    ("mir wurde zu viel abgebucht", "rechnung"),
    ("ich will meinen vertrag kündigen", "kuendigung"),
    ("ich möchte kündigen", "kuendigung"),
    ("wie kann ich den vertrag beenden", "kuendigung"),
    ("ich will nicht mehr kunde sein", "kuendigung"),
]


def test_normalize_folds_umlauts_case_and_punctuation() -> None:
    assert normalize("Ich möchte KÜNDIGEN, bitte!") == "ich moechte kuendigen bitte"


def test_ranks_the_right_intent_first_for_a_known_phrase() -> None:
    classifier = IntentClassifier(GERMAN_EXAMPLES, "de")
    assert classifier.rank("mein internet geht nicht mehr")[0][0] == "stoerung"


def test_probabilities_are_sorted_and_sum_to_at_most_one() -> None:
    ranking = IntentClassifier(GERMAN_EXAMPLES, "de").rank("rechnung zu hoch")
    scores = [score for _, score in ranking]
    assert scores == sorted(scores, reverse=True)
    assert sum(scores) <= 1.0 + 1e-9
    assert {intent for intent, _ in ranking} == {"stoerung", "rechnung", "kuendigung"}


def test_umlauts_written_as_ae_oe_ue_rank_like_umlauts() -> None:
    classifier = IntentClassifier(GERMAN_EXAMPLES, "de")
    assert classifier.rank("ich moechte kuendigen") == classifier.rank("ich möchte kündigen")


def test_training_twice_gives_the_same_ranking() -> None:
    first = IntentClassifier(GERMAN_EXAMPLES, "de").rank("das fernsehen geht nicht")
    second = IntentClassifier(GERMAN_EXAMPLES, "de").rank("das fernsehen geht nicht")
    assert first == second
