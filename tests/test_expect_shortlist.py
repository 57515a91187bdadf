"""Shortlisting long answer lists and sound-alike matching of what Whisper heard (no model)."""

from __future__ import annotations

import csv

import pytest

from tests.conftest import ROOT
from voicebot.asr.expect import YES_NO, Expectation
from voicebot.asr.expect_shortlist import best_fit, phrase_similarity, shortlist, sound_key


@pytest.fixture(scope="module")
def catalog():
    # the tenant's own copy of the spec catalog (intents/sonnhof/catalog.csv)
    with (ROOT / "intents" / "sonnhof" / "catalog.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    items = ",".join("|".join([r["product_id"], r["name"], *r["aliases"].split("|")]) for r in rows)
    return Expectation.parse("list:" + items).items


@pytest.mark.parametrize(
    ("word", "key"), [("Wikipedia", "3412"), ("Breschnew", "17863"), ("Müller", "657")]
)
def test_sound_keys_follow_cologne_phonetics(word, key):
    assert sound_key(word) == key


@pytest.mark.parametrize(
    ("one", "other"),
    [("Müller", "Mueller"), ("Duschgel", "Tuschgel"), ("Nilas mal", "Nee lass mal")],
)
def test_words_that_sound_alike_share_a_key(one, other):
    assert sound_key(one) == sound_key(other)


def test_a_short_name_does_not_match_any_short_word_by_sound():
    assert phrase_similarity("Die hafe ihr müh.", "Tee") < 60


@pytest.mark.parametrize(
    ("heard", "product"),
    [("Die hafe ihr müh.", "hafer-drink-barista"), ("Die Lachenbrötzeln", "laugenbrezel-tk"),
     ("das stinklbrot", "dinkel-vollkornbrot"), ("Das Duskeln.", "duschgel-meeresbrise")],
)  # fmt: skip
def test_misheard_product_names_keep_the_product_on_the_shortlist(catalog, heard, product):
    assert product in [c.value for c in shortlist(heard, catalog, 5)]


def test_a_short_list_is_scored_whole():
    choices = YES_NO["de"]
    assert shortlist("irgendwas", choices, 5) == list(choices)


@pytest.mark.parametrize(
    ("heard", "value"), [("Nilas mal", "false"), ("Ich bin ein", None), ("Keine Ahnung.", None)]
)
def test_only_a_plain_sound_alike_names_a_yes_no_answer(heard, value):
    assert best_fit(heard, YES_NO["de"], 90) == value


def test_a_long_sentence_is_no_sound_alike_answer():
    """ "ich will" sounds like "Jawohl" (85.7): a refusal to be called again was a yes."""
    refusal = "Bitte streichen Sie meinen Uner, ich will nicht mehr angerufen werden."
    assert best_fit("Ich will.", YES_NO["de"], 85) == "true"
    assert best_fit(refusal, YES_NO["de"], 85) is None
    # six words, "kaputt ist" ~ "Ja, passt": a survey comment said at "Würden Sie ihn
    # weiterempfehlen?" was recorded as yes at 1.0 (probe call b8-survey-zwei-hesitant)
    assert best_fit("Schnellere Hilfe wenn etwas kaputt ist.", YES_NO["de"], 85) is None


def test_an_off_list_phrase_names_no_product(catalog):
    assert best_fit("Keine Ahnung.", catalog, 90) is None
    assert best_fit("Liebe Tö.", catalog, 90) is None


# ---- list answers: scoring evidence and the decision (expect_list, no model) -------------


def form(value: str, text: str, log_likelihood: float, tokens: int):
    from voicebot.asr.expect_list import FormScore

    return FormScore(value, text, log_likelihood, tokens)


def scores(text: str, forms, prompted: str = "", free: float = -6.0, tokens: int = 6):
    from voicebot.asr.expect_list import ListScores

    return ListScores(text, free, tokens, prompted or text, tuple(forms))


def decide(catalog, heard):
    from voicebot.asr.expect_list import ListTuning, decide

    return decide(heard, catalog, "de", ListTuning())[0]


def test_a_long_name_that_fits_every_token_beats_a_short_one_with_a_higher_total(catalog):
    # "die Hafermilch" heard as "Die auf ihr Müs.": the short "Müsli" scores the higher total
    heard = scores(
        "Die auf ihr Müs.",
        [form("knusper-muesli", "Müsli", -15.1, 4), form("hafer-drink-barista",
         "Die Hafermilch", -13.2, 6), form("gruener-tee-zitrone", "Tee", -18.2, 3)],
    )  # fmt: skip
    assert decide(catalog, heard) == "hafer-drink-barista"


def test_items_that_explain_the_audio_badly_give_no_value(catalog):
    # "die Leberwurst": every item fits at -6 nats per token or worse
    heard = scores(
        "Die Liebe volzut.",
        [form("laugenbrezel-tk", "Brezel", -18.7, 3), form("gruener-tee-zitrone", "Tee",
         -21.2, 3), form("sensitiv-handcreme", "Creme", -22.5, 3)],
    )  # fmt: skip
    assert decide(catalog, heard) is None


def test_two_items_that_fit_equally_well_give_no_value(catalog):
    heard = scores(
        "Die Dings",
        [form("sensitiv-handcreme", "Die Handcreme", -8.0, 5), form("nuss-nougat-creme",
         "Die Nougatcreme", -8.1, 5)],
    )  # fmt: skip
    assert decide(catalog, heard) is None


def test_no_speech_gives_no_value(catalog):
    assert decide(catalog, scores("", [], free=float("-inf"), tokens=0)) is None


@pytest.mark.parametrize(
    ("prompted", "value"), [("Das Duschgel.", "duschgel-meeresbrise"), ("Das tut's gut.", None)]
)
def test_a_close_call_is_settled_only_by_a_transcript_naming_the_best_item(
    catalog, prompted, value
):
    close = [
        form("gruener-tee-zitrone", "Das Tee", -12.0, 4),
        form("duschgel-meeresbrise", "Das Duschgel", -13.0, 5),
    ]
    heard = scores("Das tut's gut.", close, prompted=prompted, free=-20.0, tokens=5)
    assert decide(catalog, heard) == value


def test_the_hinted_transcript_puts_the_item_on_the_shortlist(catalog):
    from voicebot.asr.expect_list import merge_shortlists

    kept = merge_shortlists("Lito Martin Sauke", "Die Tomatensoße", catalog, 4)
    assert "bio-tomatensauce" in [c.value for c in kept] and len(kept) == 4


def test_hint_words_are_the_spoken_forms_not_the_identifiers(catalog):
    from voicebot.asr.expect_list import list_hints

    hints = list_hints(catalog)
    assert "Hafermilch" in hints and "Sonnhof Hafer Drink Barista" in hints
    assert not [h for h in hints if "-" in h and h.islower()]
