"""How callers say a rating from 1 to 5 in German, read by the marktblick survey (text level)."""

from __future__ import annotations

import asyncio

import pytest

from voicebot.dialog.textcall import CallServices, run_call, say
from voicebot.dialog.words import rating_in


@pytest.fixture(scope="module")
def services(tenants, tenant_nlu) -> CallServices:
    return CallServices(tenants, nlu_for=tenant_nlu)


@pytest.mark.parametrize(
    ("said", "rating"),
    [
        ("Ich gebe eine Fünfe.", 5),
        ("ne vier", 4),
        ("'ne Vierer, würde ich sagen", 4),
        ("eine drei", 3),
        ("Vierer", 4),
        ("ein Einser", 1),
        ("zwo", 2),
        ("vier von fünf", 4),
    ],
)
def test_spoken_ratings_are_read(said, rating):
    assert rating_in(said) == rating


@pytest.mark.parametrize("unclear", ["so ne drei bis vier", "eine sechs", "ganz ordentlich"])
def test_ratings_that_are_no_single_number_from_1_to_5_are_unclear(unclear):
    assert rating_in(unclear) is None


def test_a_rating_said_as_fuenfe_after_the_reprompt_is_stored(services):
    dialog = services.dialog_stage()
    turns = [say("ja gerne"), say("also eigentlich ganz ordentlich"), say("Ich gebe eine Fünfe.")]
    turns += [say("ja"), say("nichts, alles gut so")]
    record = asyncio.run(run_call("marktblick", turns, services, dialog=dialog))
    assert record.outcome == "resolved"
    assert dialog.dialog.answers["zufriedenheit"] == "5"  # type: ignore[union-attr]


def _rate(services, *said: str) -> tuple[dict, list[str]]:
    """A call that consents, then says the turns; the answers and what the bot said."""
    dialog = services.dialog_stage()
    turns = [say("ja"), *(say(t) for t in said)]
    record = asyncio.run(run_call("marktblick", turns, services, dialog=dialog))
    bot = [t["text"] for t in record.turns() if t["role"] == "bot"]
    return dialog.dialog.answers, bot  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "said",
    ["ne eins plus", "Zwei minus.", "Eins a, echt.", "Eins ist das Beste, oder?",
     "ist fünf gut?", "eins ist das beste oder"],
)  # fmt: skip
def test_a_school_grade_or_a_question_about_the_scale_is_told_the_scale(services, said):
    """The scale runs from 1 (sehr unzufrieden) to 5; a school grade ("eins plus", "eins a")
    or a question ("Eins ist das Beste, oder?") was stored as 1 (session-14 probe)."""
    answers, bot = _rate(services, said, "vier", "ja", "nichts")
    assert "1 heißt sehr unzufrieden" in bot[2], bot
    assert answers["zufriedenheit"] == "4", bot


@pytest.mark.parametrize("said", ["Na gut.", "Ach so, na gut.", "Gut, fragen Sie.", "Ja, okay."])
def test_words_of_going_along_are_no_rating(services, said):
    """ "Na gut." was stored as 4, "Ja, okay." as 3 (session-14 probe)."""
    answers, bot = _rate(services, said, "zwei", "ja", "nichts")
    assert answers["zufriedenheit"] == "2", bot


@pytest.mark.parametrize(
    ("said", "rating"),
    [("Gut.", "4"), ("Ganz gut.", "4"), ("Ja, ganz gut.", "4"), ("Sehr gut.", "5"),
     ("Hundert Prozent zufrieden.", "5"), ("voll und ganz", "5"),
     ("Voll und ganz zufrieden.", "5")],
)  # fmt: skip
def test_a_judgement_of_the_provider_in_words_is_a_rating(services, said, rating):
    answers, bot = _rate(services, said, "ja", "nichts")
    assert answers["zufriedenheit"] == rating, bot


@pytest.mark.parametrize(
    ("said", "rating"),
    [("zwei, nee, drei", "3"), ("zwei nö drei", "3"), ("zwei, ne, drei", "3"), ("ne vier", "4")],
)  # fmt: skip
def test_a_rating_corrected_with_nee_is_the_one_after_it(services, said, rating):
    """ "zwei, nee, drei" was asked again ("nee" is a no, like "nein"; "ne vier" is "eine")."""
    answers, bot = _rate(services, said, "ja", "nichts")
    assert answers["zufriedenheit"] == rating, bot
