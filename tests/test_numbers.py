"""Spoken digit strings and number words, German and English, to digit strings."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from voicebot.nlu.numbers import spoken_digits

DE_UNITS = ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"]
EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
DE_TEENS = ["zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn",
            "achtzehn", "neunzehn"]  # fmt: skip
EN_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
            "seventeen", "eighteen", "nineteen"]  # fmt: skip
DE_TENS = {2: "zwanzig", 3: "dreißig", 4: "vierzig", 5: "fünfzig", 6: "sechzig", 7: "siebzig",
           8: "achtzig", 9: "neunzig"}  # fmt: skip
EN_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy",
           8: "eighty", 9: "ninety"}  # fmt: skip

EXAMPLES = [
    ("vier null acht eins sieben zwei fünf drei", "de", "40817253"),
    ("vierzig achtzehn zweiundsiebzig dreiundfünfzig", "de", "40187253"),
    ("vierzig einundachtzig", "de", "4081"),
    ("meine Kundennummer ist vier null acht eins, sieben zwo fünf drei.", "de", "40817253"),
    ("null acht fünfzehn", "de", "0815"),
    ("ein und zwanzig", "de", "21"),
    ("zweihundertachtundsechzig", "de", "268"),
    ("Meine Lieblingszahl ist 268.", "de", "268"),
    ("4081-7253", "de", "40817253"),
    ("4 0 8 1 7 2 5 3", "de", "40817253"),
    ("vier null 81 sieben zwei 53", "de", "40817253"),
    ("Ich habe ein Problem", "de", ""),
    ("für null acht", "de", "408"),  # Whisper's "für" for "vier" next to digits
    ("das ist für mich", "de", ""),
    ("four oh eight one seven two five three", "en", "40817253"),
    ("double seven four", "en", "774"),
    ("triple oh one", "en", "0001"),
    ("forty eighteen seventy two fifty three", "en", "40187253"),
    ("one hundred twenty three", "en", "123"),
    ("four hundred and five", "en", "405"),
    ("two thousand three hundred", "en", "2300"),
    ("My number is 4 0 8 1, 7 2 5 3.", "en", "40817253"),
    ("40817253", "en", "40817253"),
    ("4,081,725", "en", "4081725"),
    ("thank you for calling", "en", ""),
    ("one two for eight", "en", "1248"),
    ("", "en", ""),
    ("oh", "en", ""),
    ("oh oh seven", "en", "007"),
]


@pytest.mark.parametrize(("text", "language", "digits"), EXAMPLES)
def test_spoken_numbers_become_digit_strings(text, language, digits):
    assert spoken_digits(text, language) == digits


def test_language_codes_with_region_work():
    assert spoken_digits("vier zwo", "de-DE") == "42"
    assert spoken_digits("four two", "en_US") == "42"


digit_strings = st.text(alphabet="0123456789", min_size=1, max_size=12)


@given(digit_strings)
def test_german_digit_by_digit_comes_back(digits):
    assert spoken_digits(" ".join(DE_UNITS[int(d)] for d in digits), "de") == digits


@given(digit_strings, st.booleans())
def test_english_digit_by_digit_with_oh_for_zero_comes_back(digits, say_oh):
    assume(not (say_oh and set(digits) == {"0"}))  # a lone "oh" is an exclamation
    words = ["oh" if d == "0" and say_oh else EN_UNITS[int(d)] for d in digits]
    assert spoken_digits(" ".join(words), "en") == digits


def _german_pair(pair: str) -> str:
    """How a German speaker reads two digits as one number ("08" stays two words)."""
    tens, unit = int(pair[0]), int(pair[1])
    if tens == 0:
        return f"null {DE_UNITS[unit]}"
    if tens == 1:
        return DE_TEENS[unit]
    if unit == 0:
        return DE_TENS[tens]
    return f"{'ein' if unit == 1 else DE_UNITS[unit]}und{DE_TENS[tens]}"


def _english_pair(pair: str) -> str:
    tens, unit = int(pair[0]), int(pair[1])
    if tens == 0:
        return f"oh {EN_UNITS[unit]}"
    if tens == 1:
        return EN_TEENS[unit]
    return EN_TENS[tens] if unit == 0 else f"{EN_TENS[tens]} {EN_UNITS[unit]}"


pairs = st.lists(st.text(alphabet="0123456789", min_size=2, max_size=2), min_size=1, max_size=5)


@given(pairs)
def test_german_numbers_read_in_pairs_come_back(groups):
    spoken = " ".join(_german_pair(g) for g in groups)
    assert spoken_digits(spoken, "de") == "".join(groups)


@given(pairs)
def test_english_numbers_read_in_pairs_come_back(groups):
    spoken = " ".join(_english_pair(g) for g in groups)
    assert spoken_digits(spoken, "en") == "".join(groups)


@settings(max_examples=50)
@given(digit_strings, st.sampled_from(["de", "en"]))
def test_whisper_digit_forms_come_back(digits, language):
    for form in (digits, " ".join(digits), f"{digits[:4]}-{digits[4:]}".strip("-")):
        assert spoken_digits(form, language) == digits


@given(st.text(alphabet="0123456789", min_size=1, max_size=1), st.sampled_from(["de", "en"]))
def test_double_repeats_the_next_digit(digit, language):
    word = "doppel" if language == "de" else "double"
    units = DE_UNITS if language == "de" else EN_UNITS
    assert spoken_digits(f"{units[1]} {word} {units[int(digit)]}", language) == "1" + digit * 2
