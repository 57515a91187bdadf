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


def test_an_off_list_phrase_names_no_product(catalog):
    assert best_fit("Keine Ahnung.", catalog, 90) is None
    assert best_fit("Liebe Tö.", catalog, 90) is None
