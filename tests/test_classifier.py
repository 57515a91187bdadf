"""Behaviour of the intent classifier on small, real call-centre examples and real encoders."""

from __future__ import annotations

import pytest

from voicebot.nlu.classifier import DEFAULT_MARGIN, DEFAULT_THRESHOLD, IntentClassifier, normalize

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
ENGLISH_EXAMPLES = [
    ("my card has not arrived yet", "card_arrival"),
    ("when will i get my new card", "card_arrival"),
    ("i am still waiting for my card", "card_arrival"),
    ("how long does card delivery take", "card_arrival"),
    ("i lost my card", "lost_or_stolen_card"),
    ("someone stole my card", "lost_or_stolen_card"),
    ("my wallet was stolen with my card in it", "lost_or_stolen_card"),
    ("i cannot find my card anywhere", "lost_or_stolen_card"),
    ("what is my balance", "balance"),
    ("how much money do i have in my account", "balance"),
    ("show me my account balance", "balance"),
    ("how much is left on my account", "balance"),
]


@pytest.fixture(scope="module")
def german() -> IntentClassifier:
    return IntentClassifier(GERMAN_EXAMPLES, "de")


@pytest.fixture(scope="module")
def english() -> IntentClassifier:
    return IntentClassifier(ENGLISH_EXAMPLES, "en")


def test_normalize_folds_umlauts_case_and_punctuation() -> None:
    assert normalize("Ich möchte KÜNDIGEN, bitte!") == "ich moechte kuendigen bitte"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("äh bei mir geht das internet seit heute morgen nicht", "stoerung"),
        ("ja hallo ich möchte meinen anschluss abbestellen", "kuendigung"),
        ("die letzte abrechnung ist viel zu hoch", "rechnung"),
    ],
)
def test_german_paraphrases_rank_the_right_intent_first(
    german: IntentClassifier, text: str, intent: str
) -> None:
    assert german.rank(text)[0][0] == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("uh my new card still hasn't shown up", "card_arrival"),
        ("i think my card got stolen yesterday", "lost_or_stolen_card"),
        ("could you tell me how much cash is in my account", "balance"),
    ],
)
def test_english_paraphrases_rank_the_right_intent_first(
    english: IntentClassifier, text: str, intent: str
) -> None:
    assert english.rank(text)[0][0] == intent


def test_a_training_phrase_is_accepted_by_the_default_rule(english: IntentClassifier) -> None:
    (intent, best), (_, runner_up) = english.rank("i lost my card")[:2]
    assert intent == "lost_or_stolen_card"
    assert best >= DEFAULT_THRESHOLD and best - runner_up >= DEFAULT_MARGIN


@pytest.mark.parametrize(
    "text", ["what is the weather like in paris tomorrow", "play some jazz music please"]
)
def test_out_of_scope_texts_get_less_confidence_than_in_scope_ones(
    english: IntentClassifier, text: str
) -> None:
    in_scope = english.rank("my card has not come in the post")[0][1]
    assert english.rank(text)[0][1] < in_scope


def test_probabilities_are_sorted_cover_all_intents_and_sum_to_at_most_one(
    german: IntentClassifier,
) -> None:
    ranking = german.rank("rechnung zu hoch")
    scores = [score for _, score in ranking]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert sum(scores) <= 1.0 + 1e-9
    assert {intent for intent, _ in ranking} == {"stoerung", "rechnung", "kuendigung"}


def test_umlauts_written_as_ae_oe_ue_still_find_the_intent(german: IntentClassifier) -> None:
    assert german.rank("ich moechte kuendigen")[0][0] == "kuendigung"


def test_training_twice_gives_the_same_ranking(german: IntentClassifier) -> None:
    again = IntentClassifier(GERMAN_EXAMPLES, "de")
    first, second = german.rank("das fernsehen geht nicht"), again.rank("das fernsehen geht nicht")
    assert [intent for intent, _ in first] == [intent for intent, _ in second]
    assert [round(p, 6) for _, p in first] == [round(p, 6) for _, p in second]  # BLAS rounding


def test_tfidf_only_classifier_works_without_an_encoder() -> None:
    classifier = IntentClassifier(GERMAN_EXAMPLES, "de", encoder=None)
    assert classifier.rank("mein wlan geht nicht mehr")[0][0] == "stoerung"


def test_a_single_intent_is_always_certain() -> None:
    classifier = IntentClassifier([("ja", "zustimmung"), ("genau", "zustimmung")], "de")
    assert classifier.rank("irgendwas") == [("zustimmung", 1.0)]


def test_two_intents_with_one_example_each_are_ranked() -> None:
    classifier = IntentClassifier([("ja gerne", "ja"), ("nein danke", "nein")], "de")
    ranking = classifier.rank("nein lieber nicht")
    assert ranking[0][0] == "nein"
    assert sum(score for _, score in ranking) <= 1.0 + 1e-9


def test_no_examples_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        IntentClassifier([], "en")
