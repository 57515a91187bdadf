"""The marktblick outbound survey at the text level: consent, three answer kinds, outcomes."""

from __future__ import annotations

import asyncio
import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from voicebot.dialog.textcall import CallServices, hang_up, keys, run_call, say, silence
from voicebot.events import BotSpeech
from voicebot.nlu.loader import load_tenants
from voicebot.settings import PROJECT_ROOT

TENANTS = load_tenants(PROJECT_ROOT / "intents")


@pytest.fixture(scope="module")
def services(tenant_nlu) -> CallServices:
    if "marktblick" not in TENANTS:
        pytest.skip("marktblick has no tenant files yet")
    return CallServices(TENANTS, nlu_for=tenant_nlu)


def test_survey_with_spoken_rating_yes_and_comment_is_resolved(services):
    record = asyncio.run(
        run_call(
            "marktblick", [say("ja gerne"), say("vier"), say("ja"), say("mehr glasfaser")], services
        )
    )
    assert record.outcome == "resolved"
    assert [t["text"] for t in record.turns() if t["role"] == "caller"][-1] == "mehr glasfaser"


def test_survey_rating_keyed_as_dtmf_is_accepted(services):
    record = asyncio.run(
        run_call("marktblick", [say("ja"), keys("2"), say("nein"), say("nichts")], services)
    )
    assert record.outcome == "resolved"


@pytest.mark.parametrize("keyed", ["4#", "45"])
def test_a_key_right_after_a_keyed_rating_is_no_answer_to_the_next_question(services, keyed):
    """ "4#" (the IVR habit) or a second digit: the rating is 4 and the next question is
    answered by the caller's next words, not asked again because of the spilled key."""
    record = asyncio.run(
        run_call("marktblick", [say("ja"), keys(keyed), say("ja"), say("nichts")], services)
    )
    assert record.outcome == "resolved", record.turns()
    bot = " | ".join(t["text"] for t in record.turns() if t["role"] == "bot")
    assert "Bitte antworten Sie mit Ja oder Nein" not in bot, bot


def test_keys_answering_one_question_after_another_are_each_an_answer(services):
    """A key after the next question was asked answers it (bounded: a dropped key would leave
    the text call waiting for a reply)."""
    turns = [say("ja"), keys("4"), keys("1"), say("stabilere verbindung")]
    record = asyncio.run(asyncio.wait_for(run_call("marktblick", turns, services), 60))
    assert record.outcome == "resolved", record.turns()


def test_consent_heard_only_as_text_on_a_noisy_line_is_asked_again(services):
    """No recogniser value and a noisy line: "ja" is not taken as consent; keys 1 are."""
    noisy = asyncio.run(
        run_call(
            "marktblick",
            [say("ja", snr_db=25.0), keys("1"), say("vier"), say("ja"), say("nichts")],
            services,
        )
    )
    consent = TENANTS["marktblick"].survey.consent
    bot = [t["text"] for t in noisy.turns() if t["role"] == "bot"]
    assert sum(consent in text for text in bot) == 2, bot  # asked, then asked again
    assert noisy.outcome == "resolved"


def test_no_time_declines_politely(services):
    record = asyncio.run(run_call("marktblick", [say("keine zeit")], services))
    assert record.outcome == "declined"


def test_nobody_answering_is_no_answer(services):
    record = asyncio.run(run_call("marktblick", [silence(), silence()], services))
    assert record.outcome == "no_answer"


# ---- voicebot survey run / report: a call list, answers stored per call, aggregates -------
CALL_LIST = """phone,name,say
+49 170 1000001,Anna Berg,ja gerne | vier | ja | mehr glasfaser bitte
+49 170 1000002,Bernd Kurz,ja | key:2 | nein | bessere hotline
+49 170 1000003,Clara Ost,ja | fünf | ja sicher | nichts
+49 170 1000004,Dieter Nolte,keine zeit
+49 170 1000005,Eva Lang,(silence) | (silence)
+49 170 1000006,Fritz Hahn,ja | drei
"""


def voicebot(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VOICEBOT_DATA": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "voicebot.cli", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=env,
        timeout=300,
    )


def test_survey_run_stores_each_call_and_report_aggregates_to_csv_and_html(tmp_path):
    (tmp_path / "calls.csv").write_text(CALL_LIST)
    ran = voicebot(
        "survey",
        "run",
        "--tenant",
        "marktblick",
        "--list",
        str(tmp_path / "calls.csv"),
        data_dir=tmp_path / "var",
    )
    assert ran.returncode == 0, ran.stderr
    assert "Dieter Nolte: declined" in ran.stdout and "Eva Lang: no_answer" in ran.stdout
    assert "Fritz Hahn: hangup (zufriedenheit=3" in ran.stdout  # hung up after one answer
    done = voicebot(
        "survey",
        "report",
        "--tenant",
        "marktblick",
        "--csv",
        str(tmp_path / "out.csv"),
        "--html",
        str(tmp_path / "out.html"),
        data_dir=tmp_path / "var",
    )
    assert done.returncode == 0, done.stderr
    rows = {
        (r["metric"], r["question"], r["value"]): r["count"]
        for r in csv.DictReader((tmp_path / "out.csv").read_text().splitlines())
    }
    assert rows[("outcome", "", "resolved")] == "3"
    assert rows[("outcome", "", "declined")] == "1"
    assert rows[("outcome", "", "hangup")] == "1"
    assert rows[("outcome", "", "no_answer")] == "1"
    assert rows[("mean", "zufriedenheit", "3.50")] == "4"  # 4, 2 (keyed), 5, 3
    assert rows[("distribution", "zufriedenheit", "2")] == "1"
    assert rows[("share_yes", "weiterempfehlung", "0.667")] == "3"
    page = (tmp_path / "out.html").read_text()
    assert page.count("<svg") == 3  # outcomes, rating, yes/no; comments as a list
    assert "mehr glasfaser bitte" in page
    assert "<script" not in page and "https://" not in page  # self-contained, no CDN


def test_answers_are_kept_per_call_in_the_sqlite_file_of_the_queue_store(tmp_path):
    from voicebot.dialog.survey_store import SurveyStore, survey_db_path
    from voicebot.settings import load_settings

    (tmp_path / "calls.csv").write_text(CALL_LIST)
    voicebot(
        "survey",
        "run",
        "--tenant",
        "marktblick",
        "--list",
        str(tmp_path / "calls.csv"),
        data_dir=tmp_path / "var",
    )
    path = survey_db_path(load_settings(data_dir=tmp_path / "var"))
    assert path == tmp_path / "var" / "voicebot.db"
    store = SurveyStore(path)
    calls = {c.name: c for c in store.calls("marktblick")}
    store.close()
    assert calls["Anna Berg"].answers == {
        "zufriedenheit": "4",
        "weiterempfehlung": "ja",
        "kommentar": "mehr glasfaser bitte",
    }
    assert calls["Dieter Nolte"].answers == {} and calls["Dieter Nolte"].outcome == "declined"
    assert len({c.call_id for c in calls.values()}) == 6


def test_a_call_list_without_a_phone_column_is_named_in_one_line(tmp_path):
    (tmp_path / "calls.csv").write_text("name,number\nAnna,123\n")
    done = voicebot(
        "survey",
        "run",
        "--tenant",
        "marktblick",
        "--list",
        str(tmp_path / "calls.csv"),
        data_dir=tmp_path / "var",
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "calls.csv:1:" in done.stderr and "phone" in done.stderr


def test_survey_of_an_inbound_tenant_is_refused_in_one_line(tmp_path):
    done = voicebot("survey", "report", "--tenant", "nordwelle", data_dir=tmp_path / "var")
    assert done.returncode == 1 and "has no survey" in done.stderr


def test_hanging_up_in_the_middle_of_the_survey_is_a_break_off_with_its_answers(services):
    """Consent given, one answer, then gone: hangup, not declined (the survey CLI test shows
    the answer kept: 'Fritz Hahn: hangup (zufriedenheit=3')."""
    record = asyncio.run(run_call("marktblick", [say("ja"), say("drei"), hang_up()], services))
    assert record.outcome == "hangup"


def test_hanging_up_at_the_consent_question_declines(services):
    record = asyncio.run(run_call("marktblick", [say("wer ist da?"), hang_up()], services))
    assert record.outcome == "declined"


def test_wie_bitte_hears_the_introduction_or_the_question_again(services):
    record = asyncio.run(
        run_call("marktblick", [say("wie bitte?"), say("ja"), say("wie bitte?"), say("vier"),
                                say("ja"), say("nichts")], services)
    )  # fmt: skip
    said = [e.text for e in record.events if isinstance(e, BotSpeech)]
    assert said[1] == said[0] and said[3] == said[2], said
    assert record.outcome == "resolved"


# ---- what the person says instead of an answer: the tenant's intents ------------------------
def _survey(services, *said: str):
    dialog = services.dialog_stage()
    record = asyncio.run(run_call("marktblick", [say(t) for t in said], services, dialog=dialog))
    return record, dialog.dialog, [e.text for e in record.events if isinstance(e, BotSpeech)]


def test_where_the_number_comes_from_is_answered_then_consent_is_asked_again(services):
    record, _, said = _survey(
        services, "woher haben sie eigentlich meine nummer", "ach so, ja", "vier", "ja", "nichts"
    )
    assert "Ihre Nummer wurde zufällig" in said[1] and "zwei Minuten" in said[1], said
    assert "Marktblick Instituts" in said[1]  # who is calling: named with it
    assert record.outcome == "resolved"


def test_never_call_again_ends_the_call_and_blocks_the_number(services):
    record, dialog, said = _survey(services, "nein, rufen sie mich nie wieder an")
    assert said[-1].startswith("Ich habe Ihre Nummer gesperrt"), said
    assert record.outcome == "declined" and dialog.opted_out


def test_dont_know_is_an_answer_of_its_own_not_no_interest(services):
    record, dialog, said = _survey(services, "ja", "keine ahnung", "ja", "nichts")
    assert record.outcome == "resolved" and not dialog.opted_out, said
    assert dialog.answers["zufriedenheit"] is None and dialog.answers["weiterempfehlung"] == "ja"


def test_a_number_on_the_do_not_call_list_is_never_called_again(tmp_path):
    (tmp_path / "calls.csv").write_text(
        "phone,name,say\n+49 170 2000001,Gerd Stein,nein rufen sie mich nie wieder an\n"
        "+49 170 2000002,Hanna Roth,ja | vier | ja | nichts\n"
    )
    first = voicebot("survey", "run", "--tenant", "marktblick", "--list",
                     str(tmp_path / "calls.csv"), data_dir=tmp_path / "var")  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert "Gerd Stein: declined" in first.stdout and "Hanna Roth: resolved" in first.stdout
    again = voicebot("survey", "run", "--tenant", "marktblick", "--list",
                     str(tmp_path / "calls.csv"), data_dir=tmp_path / "var")  # fmt: skip
    assert "Gerd Stein: skipped (do-not-call list)" in again.stdout, again.stdout
    assert "Hanna Roth: resolved" in again.stdout


@pytest.mark.parametrize("hesitant", ["Moment mal", "ich weiß nicht genau"])
def test_a_hesitant_reply_to_the_consent_question_does_not_end_the_call(services, hesitant):
    """The four survey intents take almost any sentence ("Moment mal" came out as keine_zeit
    at 0.95): waiting and not knowing are asked again, not taken as a no."""
    record, _, said = _survey(services, hesitant, "ja", "drei", "ja", "nichts")
    assert record.outcome == "resolved", said


@pytest.mark.parametrize(
    "comment",
    ["Die Hotline gibt keine zeitnahe Antwort",
     "ich hab keine Zeit für lange Warteschleifen, die sollen schneller rangehen"],
)  # fmt: skip
def test_a_comment_that_says_keine_zeit_is_kept_not_a_decline(services, comment):
    record, dialog, _ = _survey(services, "ja", "vier", "ja", comment)
    assert record.outcome == "resolved" and dialog.answers["kommentar"] == comment


@pytest.mark.parametrize("question", ["Wo haben Sie meine Nummer her?", "Ist das anonym?"])
def test_a_question_to_us_at_the_comment_is_answered_not_stored(services, question):
    """ "Wo haben Sie meine Nummer her?" at "Was sollte Ihr Anbieter besser machen?" was
    stored as the comment (session-12 probe): answered, and the question asked again."""
    record, dialog, said = _survey(services, "ja", "vier", "ja", question, "Mehr Tempo.")
    assert said[-2].endswith("Was sollte Ihr Anbieter besser machen?"), said
    assert "anonym" in said[-2] and dialog.answers["kommentar"] == "Mehr Tempo.", said
    assert record.outcome == "resolved"


@pytest.mark.parametrize(
    "said",
    [("Ich hab gar kein Internet.",), ("ja", "Wir haben überhaupt keinen Internetanschluss.")],
)
def test_a_person_without_what_the_survey_asks_about_is_thanked_and_let_go(services, said):
    """ "Ich hab gar kein Internet." to a survey on internet providers was asked for a rating
    twice (session-12 probe): the questions are not for them."""
    record, dialog, bot = _survey(services, *said)
    assert bot[-1].startswith("Dann sind die Fragen leider nicht für Sie"), bot
    assert record.outcome == "declined" and dialog.answers.get("zufriedenheit") is None


@pytest.mark.parametrize("reply", ["Ich habe keine Zeit.", "Da hab ich keine Meinung."])
def test_lacking_something_else_is_no_reason_to_end_the_survey(services, reply):
    _, _, bot = _survey(services, "ja", reply)
    assert not bot[-1].startswith("Dann sind die Fragen"), bot


@pytest.mark.parametrize(
    ("said", "asked", "then", "stored"),
    [("zwischen zwei und drei", "Eher 2 oder eher 3?", "eher drei", "3"),
     ("so drei bis vier", "Eher 3 oder eher 4?", "die vier", "4"),
     ("dreieinhalb", "Eher 3 oder eher 4?", "drei", "3")],
)  # fmt: skip
def test_a_rating_between_two_is_narrowed_to_one(services, said, asked, then, stored):
    """ "zwischen zwei und drei" got the whole scale explained again (session-12 probe)."""
    record, dialog, bot = _survey(services, "ja", said, then, "ja", "nichts")
    assert bot[2] == asked and dialog.answers["zufriedenheit"] == stored, bot
    assert record.outcome == "resolved"


def test_a_range_said_twice_is_no_rating(services):
    _, dialog, bot = _survey(services, "ja", "zwei bis drei", "zwei bis drei", "ja", "nichts")
    assert bot[2] == "Eher 2 oder eher 3?" and bot[3] == "Würden Sie ihn weiterempfehlen?", bot
    assert dialog.answers["zufriedenheit"] is None and dialog.answers["weiterempfehlung"] == "ja"


def test_what_was_the_question_at_the_comment_hears_it_again(services):
    """ "So, da bin ich wieder, was war die Frage?" was stored as the comment (probe)."""
    _, dialog, bot = _survey(
        services, "ja", "vier", "ja", "So, da bin ich wieder, was war die Frage?", "Mehr Tempo."
    )
    assert bot[-2] == "Was sollte Ihr Anbieter besser machen?", bot
    assert dialog.answers["kommentar"] == "Mehr Tempo."


def test_a_person_asked_for_is_told_there_is_none_then_the_call_ends(services):
    record, _, bot = _survey(
        services, "Ich möchte mit einem Menschen sprechen.", "Nein, ich will einen Mitarbeiter."
    )
    assert bot[1].startswith("Verbinden kann ich Sie leider nicht") and "zwei Minuten" in bot[1]
    assert record.outcome == "declined", bot


def test_a_person_asked_for_at_the_comment_is_no_comment(services):
    _, dialog, bot = _survey(
        services, "ja", "vier", "ja", "Können Sie mich mit jemandem verbinden?", "Mehr Tempo."
    )
    assert bot[-2].startswith("Verbinden kann ich Sie leider nicht"), bot
    assert dialog.answers["kommentar"] == "Mehr Tempo."


@pytest.mark.parametrize(
    "comment",
    ["Die Hotline sollte einen mit einem Menschen verbinden.", "Mehr Mitarbeiter an der Hotline."],
)
def test_wanting_people_at_the_providers_hotline_is_a_comment(services, comment):
    record, dialog, _ = _survey(services, "ja", "vier", "ja", comment)
    assert dialog.answers["kommentar"] == comment and record.outcome == "resolved"


def test_no_time_any_more_at_the_comment_ends_without_a_comment(services):
    record, dialog, _ = _survey(services, "ja", "vier", "ja", "Ich hab jetzt doch keine Zeit mehr.")
    assert dialog.answers.get("kommentar") is None and record.outcome == "hangup"


@pytest.mark.parametrize("comment", ["Warum kostet das so viel?", "Wieso fällt das ständig aus?"])
def test_a_question_about_the_provider_is_a_comment(services, comment):
    record, dialog, said = _survey(services, "ja", "vier", "ja", comment)
    assert dialog.answers["kommentar"] == comment and record.outcome == "resolved", said


def test_a_comment_said_where_yes_or_no_was_asked_is_no_no(services):
    """ "Würden Sie ihn weiterempfehlen?" - (unclear) - "Abends sollte das Netz nicht mehr so
    langsam sein": the bare "nicht" made it a stored "nein" and the comment question went
    unanswered (found on a spoken survey call). Unclear twice: no answer, and the comment
    question is asked."""
    comment = "Abends sollte das Netz nicht mehr so langsam sein."
    record, dialog, said = _survey(services, "ja", "drei", "naja", comment, comment)
    assert dialog.answers["weiterempfehlung"] is None, said
    assert dialog.answers["kommentar"] == comment and record.outcome == "resolved"


def test_never_call_again_in_the_comment_keeps_the_answers_and_blocks_the_number(services):
    comment = "weniger Werbeanrufe, rufen Sie mich nie wieder an"
    record, dialog, said = _survey(services, "ja", "zwei", "nein", comment)
    assert dialog.opted_out and dialog.answers["kommentar"] == "weniger Werbeanrufe"  # (the
    # request is no comment on the provider)
    assert record.outcome == "resolved" and said[-1].startswith("Ich habe Ihre Nummer gesperrt")


def test_a_respondent_gone_silent_is_a_break_off_not_a_completed_survey(services):
    dialog = services.dialog_stage()
    turns = [say("ja"), silence(), silence(), silence(), silence()]
    record = asyncio.run(run_call("marktblick", turns, services, dialog=dialog))
    said = [e.text for e in record.events if isinstance(e, BotSpeech)]
    assert record.outcome == "hangup" and "Vielen Dank für Ihre Antworten" not in " ".join(said)
    assert said[-1].startswith("Ich höre Sie leider nicht mehr"), said


@pytest.mark.parametrize(
    "grudging", ["na gut", "meinetwegen", "von mir aus", "wenn es schnell geht"]
)
def test_a_grudging_yes_is_consent(services, grudging):
    record, _, _ = _survey(services, grudging, "drei", "ja", "nichts")
    assert record.outcome == "resolved"


def test_a_school_grade_heard_as_a_rating_value_is_asked_again(services):
    """ "Eine glatte Eins" is the best school grade, not the worst rating: asked again (the
    survey checks the words before a recognised value, too)."""
    dialog = services.dialog_stage()
    turns = [say("ja"), say("eine glatte Eins"), say("fünf"), say("ja"), say("nichts")]
    record = asyncio.run(run_call("marktblick", turns, services, dialog=dialog))
    assert record.outcome == "resolved" and dialog.dialog.answers["zufriedenheit"] == "5"


@pytest.mark.parametrize("question", ["wie lange dauert das denn?", "was kostet mich das?"])
def test_questions_about_the_survey_itself_are_answered_before_consent(services, question):
    record, _, said = _survey(services, question, "ja", "vier", "ja", "nichts")
    assert said[1].startswith("Die Umfrage dauert etwa zwei Minuten"), said
    assert record.outcome == "resolved"


def test_a_question_about_the_scale_is_explained_not_stored(services):
    turns = [say("ja"), say("was heißt denn eins"), say("vier"), say("ja"), say("nichts")]
    record = asyncio.run(asyncio.wait_for(run_call("marktblick", turns, services), 60))
    bot = " | ".join(t["text"] for t in record.turns() if t["role"] == "bot")
    assert "1 heißt sehr unzufrieden" in bot and "Ja oder Nein" not in bot, bot
    assert record.outcome == "resolved"


@pytest.mark.parametrize(
    ("said", "blocked", "outcome"),
    [(["nein und rufen Sie hier nie wieder an"], True, "declined"),
     (["nee keine Lust und ich will auch nicht mehr angerufen werden"], True, "declined"),
     (["ja", "4", "nee und jetzt hören Sie auf mich anzurufen"], True, "hangup"),
     (["rufen Sie mich in einer Stunde zurück"], False, "declined"),
     (["geben Sie mir bitte eine Rückrufnummer"], False, "declined")],
)  # fmt: skip
def test_a_block_is_made_when_asked_for_and_never_claimed_otherwise(
    services, said, blocked, outcome
):
    """A callback request got "Ich habe Ihre Nummer gesperrt" with no block made; "nein, und
    rufen Sie nie wieder an" declined without the block (found by a probe of 397 calls)."""
    record, dialog, bot = _survey(services, *said)
    assert dialog.opted_out is blocked and record.outcome == outcome, bot
    assert ("gesperrt" in bot[-1]) is blocked


@pytest.mark.parametrize(
    ("consent", "started"),
    [("ja hab grad ne Minute", True), ("jaja, schießen Sie los", True),
     ("das ist schon der dritte Anruf diese Woche", False), ("auf gar keinen Fall", False)],
)  # fmt: skip
def test_consent_in_everyday_words(services, consent, started):
    """ "ne Minute" (eine) was a refusal, "schon der dritte Anruf" a consent."""
    _record, dialog, bot = _survey(services, consent, "4", "ja", "nichts")
    assert (dialog.answers.get("zufriedenheit") == "4") is started, bot


def test_the_comment_question_is_repeated_on_wie_bitte(services):
    _record, dialog, bot = _survey(services, "ja", "4", "nein doch ja", "wie bitte?", "mehr Tempo")
    assert dialog.answers == {"zufriedenheit": "4", "weiterempfehlung": "ja",
                              "kommentar": "mehr Tempo"}, bot  # fmt: skip


@pytest.mark.parametrize(
    ("said", "blocked", "started"),
    [(["Rufen Sie mich nie wieder hier an!"], True, False),
     (["Ja, aber rufen Sie mich bitte in einer Stunde zurück."], False, False),
     (["Ja, klar. Ich warte sowieso gerade auf einen Rückruf von meinem Anbieter.", "4", "ja",
       "Die sollen mich nicht mehr anrufen, um mir Verträge zu verkaufen."], False, True),
     (["ja", "4", "Nein, eigentlich schon.", "nichts"], False, True)],
)  # fmt: skip
def test_block_callback_and_comments_after_the_second_regression_probe(
    services, said, blocked, started
):
    """A comment about the provider ("Die sollen mich nicht mehr anrufen") is no opt-out; a
    callback asked for with a yes is a callback; "nie wieder hier an" blocks."""
    _record, dialog, bot = _survey(services, *said)
    assert dialog.opted_out is blocked, bot
    assert (dialog.answers.get("zufriedenheit") == "4") is started, bot
    if len(said) == 4 and said[2].startswith("Nein"):
        assert dialog.answers["weiterempfehlung"] == "ja"


@pytest.mark.parametrize(
    "said",
    [["ich möchte nicht dass sie mich nochmal anrufen"], ["sperren sie meine nummer"],
     ["nehmen sie mich bitte aus dem verteiler"], ["nein und bitte nie wieder anrufen"],
     ["ich will in zukunft nicht mehr kontaktiert werden"], ["hören sie auf mich zu belästigen"],
     ["ich bin auf der Robinsonliste"],
     ["ja", "4", "ja", "nichts und streichen sie bitte meine nummer"]],
)  # fmt: skip
def test_opt_outs_in_everyday_words_block_the_number(services, said):
    """Found by a probe: several were a decline without the block, one a callback."""
    _record, dialog, bot = _survey(services, *said)
    assert dialog.opted_out is True and "gesperrt" in bot[-1], bot


@pytest.mark.parametrize(
    "said",
    ["können sie in einer halben stunde wieder anrufen", "probieren sie es nächste woche nochmal"],
)
def test_a_later_call_asked_for_is_a_callback(services, said):
    record, dialog, bot = _survey(services, said)
    assert dialog.opted_out is False and record.outcome == "declined"
    assert "ein anderes Mal" in bot[-1], bot


@pytest.mark.parametrize(
    "stop", ["nee lass mal", "nein ich hab keine lust mehr", "ich will doch nicht mitmachen"]
)
def test_stopping_halfway_ends_the_survey_politely(services, stop):
    """It was asked for the rating again, or a 'nein' was stored as the recommendation."""
    record, dialog, bot = _survey(services, "ja", stop)
    assert record.outcome == "declined" and "weiterempfehlung" not in dialog.answers, bot


def test_a_question_withheld_is_skipped_not_a_no(services):
    _record, dialog, bot = _survey(services, "ja", "4", "das sag ich nicht", "schnelleres Netz")
    assert dialog.answers == {"zufriedenheit": "4", "weiterempfehlung": None,
                              "kommentar": "schnelleres Netz"}, bot  # fmt: skip


@pytest.mark.parametrize(
    ("said", "answers"),
    [(["Ja, klar.", "Lass mal überlegen, ich würde sagen drei.", "ja", "nichts"],
      {"zufriedenheit": "3", "weiterempfehlung": "ja", "kommentar": "nichts"}),
     (["Ja", "Drei, aber das sag ich nicht gern.", "ja", "nichts"],
      {"zufriedenheit": "3", "weiterempfehlung": "ja", "kommentar": "nichts"}),
     (["Ja", "2", "Nein, ich will nicht mehr bei denen bleiben.", "teuer"],
      {"zufriedenheit": "2", "weiterempfehlung": "nein", "kommentar": "teuer"}),
     (["ja", "4", "das sag ich Ihnen nicht", "schneller"],
      {"zufriedenheit": "4", "weiterempfehlung": None, "kommentar": "schneller"})],
)  # fmt: skip
def test_an_answer_is_read_before_words_of_stopping_or_withholding(services, said, answers):
    """ "lass mal", "will nicht mehr", "sag ich nicht" ended the survey or lost the answer."""
    _record, dialog, bot = _survey(services, *said)
    assert dialog.answers == answers and dialog.opted_out is False, bot


@pytest.mark.parametrize(
    "comment",
    ["Dass ich nie wieder da anrufen muss, weil alles funktioniert.",
     "Die sollten nie wieder anrufen, wenn ich nein gesagt habe, und den Preis senken.",
     "Keine nervigen Anrufe mehr mit Angeboten."],
)  # fmt: skip
def test_comments_about_calls_do_not_block_the_number(services, comment):
    _record, dialog, bot = _survey(services, "ja", "3", "ja", comment)
    assert dialog.opted_out is False and dialog.answers["kommentar"] == comment, bot


@pytest.mark.parametrize(
    "said",
    ["Oh, jetzt ist es gerade schlecht, rufen Sie später nochmal an", "Mir geht es gut, danke.",
     "Das ist schlecht zu sagen"],
)  # fmt: skip
def test_judgement_words_in_a_sentence_are_no_rating(services, said):
    """ "schlecht" in "jetzt ist es gerade schlecht" was stored as a 2."""
    _record, dialog, bot = _survey(services, "ja", said)
    assert dialog.answers.get("zufriedenheit") is None, bot


def test_a_callback_asked_for_during_the_survey_ends_it_politely(services):
    record, _dialog, bot = _survey(services, "ja", "Oh, jetzt ist es gerade schlecht, rufen Sie "
                                  "später nochmal an")  # fmt: skip
    assert "ein anderes Mal" in bot[-1] and record.outcome == "declined", bot


def test_a_comment_about_calling_back_said_early_is_no_callback_request(services):
    """A held-out call: the comment ('der Support sollte schneller zurückrufen') came one
    question early and ended the survey as a callback."""
    _record, _dialog, bot = _survey(services, "ja", "3", "der Support sollte schneller zurückrufen")
    assert "ein anderes Mal" not in " ".join(bot), bot


# ---- session 9 probes: consent after a hedge, data deletion, refusals, breaking off ----------
@pytest.mark.parametrize(
    "consent",
    ["Gut, fragen Sie.", "Na los.", "Wenn es sein muss.", "Ich hab nicht viel Zeit, aber okay.",
     "Wenn's nicht länger als zwei Minuten dauert, gern.",
     "Eigentlich nicht, aber ja, machen wir."],
)  # fmt: skip
def test_consent_after_a_hedge_starts_the_survey(services, consent):
    """These were 'declined' or asked again (the 'nicht' read as a no)."""
    record, dialog, said = _survey(services, consent, "vier", "ja", "nichts")
    assert record.outcome == "resolved" and dialog.answers["zufriedenheit"] == "4", said


@pytest.mark.parametrize("refusal", ["Nein danke, gut.", "Nein, keine Zeit."])
def test_a_no_before_agreeing_words_still_declines(services, refusal):
    record, _, said = _survey(services, refusal)
    assert record.outcome == "declined", said


@pytest.mark.parametrize(
    "turns",
    [("ja", "drei", "Ich möchte nicht, dass meine Daten gespeichert werden."),
     ("ja", "vier", "ja", "Löschen Sie bitte meine Antworten.")],
)  # fmt: skip
def test_asking_for_the_answers_to_be_deleted_clears_them_and_blocks_the_number(services, turns):
    _, dialog, said = _survey(services, *turns)
    assert dialog.answers == {} and dialog.opted_out, (said, dialog.answers)
    assert "Antworten gelöscht" in said[-1]


@pytest.mark.parametrize(
    "turns",
    [("Woher haben Sie meine Nummer? Löschen Sie die sofort!",),
     ("Das ist schon der dritte Anruf diese Woche, lassen Sie mich endlich in Ruhe!",),
     ("ja", "vier", "ja", "Nichts, und bitte rufen Sie mich nicht nochmal an.")],
)  # fmt: skip
def test_more_ways_of_asking_not_to_be_called_again_block_the_number(services, turns):
    _, dialog, said = _survey(services, *turns)
    assert dialog.opted_out, said


def test_refusing_to_answer_a_yes_no_question_stores_no_no(services):
    """'Das möchte ich nicht beantworten' was stored as weiterempfehlung=nein."""
    _, dialog, _ = _survey(services, "ja", "vier", "Das möchte ich nicht beantworten.", "nichts")
    assert dialog.answers["weiterempfehlung"] is None, dialog.answers


@pytest.mark.parametrize(
    ("turns", "kept"),
    [(("ja", "vier", "Nee, jetzt reicht's, ich leg auf."), {"zufriedenheit": "4"}),
     (("ja", "Ich hab jetzt keine Zeit mehr, tschüss."), {})],
)  # fmt: skip
def test_breaking_off_ends_the_survey_without_an_answer_from_it(services, turns, kept):
    record, dialog, said = _survey(services, *turns)
    assert dialog.answers == kept and record.outcome == "declined", (said, dialog.answers)


def test_a_short_comment_with_a_goodbye_is_a_comment(services):
    record, dialog, _ = _survey(services, "ja", "vier", "ja", "Nichts, danke, tschüss.")
    assert record.outcome == "resolved" and dialog.answers["kommentar"].startswith("Nichts")


@pytest.mark.parametrize(
    "turns",
    [("Sorry, muss los.",), ("Ich bin gerade beim Autofahren. Muss los.",),
     ("Kein Interesse. Machen Sie es gut.",), ("Jetzt nicht, vielleicht ein andermal, okay?",),
     ("Danke, schon gut.",)],
)  # fmt: skip
def test_refusals_with_agreeing_words_are_no_consent(services, turns):
    _, dialog, said = _survey(services, *turns, "vier")
    assert dialog.step < 0 and not dialog.answers, said


@pytest.mark.parametrize(
    "consent", ["Na gut, was wollen Sie wissen?", "Gerne, was möchten Sie wissen?"]
)
def test_consent_followed_by_a_question_starts_the_survey(services, consent):
    record, dialog, said = _survey(services, consent, "drei", "ja", "nichts")
    assert record.outcome == "resolved" and dialog.answers["zufriedenheit"] == "3", said


@pytest.mark.parametrize(
    ("turns", "answers"),
    [(("Werden meine Daten danach gelöscht?", "ja", "3", "ja", "nichts"), 3),
     (("ja", "Lassen Sie mich kurz in Ruhe überlegen.", "drei", "ja", "nichts"), 3),
     (("ja", "zwei", "nein", "Die lassen mich nie in Ruhe mit ihren Werbeanrufen."), 3),
     (("ja", "zwei", "nein", "Die haben meine Daten gelöscht und mein Vertrag war weg."), 3),
     (("ja", "zwei", "nein", "Der Techniker hatte keine Zeit mehr."), 3),
     (("ja", "zwei", "Nein, weil die Hotline meine Fragen nicht beantworten kann.", "schneller"),
      3)],
)  # fmt: skip
def test_words_about_data_rest_or_time_in_answers_are_answers(services, turns, answers):
    """Found by the regression probe: questions about deletion, 'in Ruhe überlegen', comments
    about the provider and reasons were read as opt-outs, deletions or break-offs."""
    record, dialog, said = _survey(services, *turns)
    assert not dialog.opted_out and record.outcome == "resolved", (said, dialog.answers)
    assert len([a for a in dialog.answers.values() if a is not None]) == answers, dialog.answers


@pytest.mark.parametrize(
    "comment",
    ["Die Hotline, da hängt man ewig, irgendwann denk ich mir, ich leg auf.",
     "Mehr Tempo. Ich leg jetzt auf.", "Die Techniker kommen nie pünktlich, ich leg auf.",
     "Ich hatte keine Zeit mehr zu warten.", "Ich habe keine Zeit mehr. Besserer Service."],
)  # fmt: skip
def test_a_comment_said_before_hanging_up_is_kept(services, comment):
    record, dialog, _ = _survey(services, "ja", "vier", "ja", comment)
    assert record.outcome == "resolved" and dialog.answers["kommentar"] == comment


@pytest.mark.parametrize(
    ("said", "stars", "recommend"),
    [("Drei, und weiterempfehlen würde ich ihn ehrlich gesagt nicht.", "3", "nein"),
     ("Vier, weiterempfehlen würde ich ihn auf jeden Fall.", "4", "ja")],
)  # fmt: skip
def test_the_next_question_answered_with_the_rating_is_stored(services, said, stars, recommend):
    """'Drei, und weiterempfehlen würde ich ihn nicht' was asked 'Würden Sie ihn
    weiterempfehlen?' again (session 9 probe)."""
    record, dialog, bot = _survey(services, "ja", said, "nichts")
    expected = {"zufriedenheit": stars, "weiterempfehlung": recommend, "kommentar": "nichts"}
    assert dialog.answers == expected and record.outcome == "resolved", bot


@pytest.mark.parametrize(
    ("said", "recommend"),
    [("Vier, und ich würde ihn auch weiterempfehlen", "ja"),
     ("Vier, und weiterempfehlen, naja, kommt drauf an", None),
     ("Vier, und weiterempfehlen würde ich ihn nur bedingt", None)],
)  # fmt: skip
def test_a_plain_statement_with_the_questions_word_answers_it_with_the_rating(
    services, said, recommend
):
    """A statement naming the next question's word ("ich würde ihn auch weiterempfehlen") is
    a yes without a yes word; hedged ("kommt drauf an", "nur bedingt") the question is asked."""
    _record, dialog, said_by_bot = _survey(services, "ja", said, "ja", "nichts")
    bot = " | ".join(said_by_bot)
    assert dialog.answers["zufriedenheit"] == "4", bot
    asked_again = "Würden Sie ihn weiterempfehlen?" in bot
    assert asked_again == (recommend is None), bot
    assert dialog.answers["weiterempfehlung"] == (recommend or "ja"), bot


@pytest.mark.parametrize(
    ("said", "recommend"),
    [("Ich würde ihn schon weiterempfehlen", "ja"), ("würde ich weiterempfehlen", "ja"),
     ("Den würde ich nicht weiterempfehlen", "nein"),
     ("Ich würde ihn keinem weiterempfehlen", "nein"),
     ("Weiterempfehlen? Hm.", None), ("Weiterempfehlen eher weniger", None),
     ("vielleicht", None)],
)  # fmt: skip
def test_the_yes_no_question_answered_by_a_statement_with_its_word(services, said, recommend):
    """ "Ich würde ihn schon weiterempfehlen" was 'Bitte antworten Sie mit Ja oder Nein'."""
    _record, dialog, said_by_bot = _survey(services, "ja", "4", said, "nichts", "nichts")
    bot = " | ".join(said_by_bot)
    if recommend is None:
        assert "Bitte antworten Sie mit Ja oder Nein" in bot, bot
    else:
        assert dialog.answers["weiterempfehlung"] == recommend, bot
        assert "Bitte antworten Sie mit Ja oder Nein" not in bot, bot


@pytest.mark.parametrize(
    "question",
    ["Moment, wer genau ruft da an?", "Warum rufen Sie mich an?", "Wieso rufen Sie an?"],
)
def test_a_question_at_consent_hears_who_calls_and_why(services, question):
    """'Wer genau ruft da an?' was asked for consent again without saying who calls; 'Warum
    rufen Sie mich an?' (an unsure nicht_mehr_anrufen) ended the call."""
    record, dialog, bot = _survey(services, question, "ja", "4", "ja", "nichts")
    assert "Marktblick" in bot[1] and "zwei Minuten" in bot[1], bot
    assert record.outcome == "resolved" and not dialog.opted_out, bot


def test_a_request_put_as_a_question_at_consent_is_no_question_for_information(services):
    record, _dialog, bot = _survey(services, "Können Sie mich bitte in Ruhe lassen?")
    assert record.outcome == "declined", bot
    assert " ".join(bot).count("Hätten Sie zwei Minuten") == 1, bot


def test_a_southern_yes_with_passt_scho_is_consent(services):
    record, dialog, bot = _survey(services, "Ähm, joa, passt scho.", "3", "ja", "nichts")
    assert record.outcome == "resolved" and dialog.answers["zufriedenheit"] == "3", bot


@pytest.mark.parametrize(
    ("said", "recommend"),
    [("Vier, und empfehlen würde ich ihn auch.", "ja"),
     ("Vier, und nein, empfehlen würde ich die keinem.", "nein")],
)  # fmt: skip
def test_the_next_question_answered_by_a_part_of_its_word(services, said, recommend):
    _record, dialog, bot = _survey(services, "ja", said, "nichts")
    assert dialog.answers == {"zufriedenheit": "4", "weiterempfehlung": recommend,
                              "kommentar": "nichts"}, bot  # fmt: skip


@pytest.mark.parametrize(
    "said",
    ["Ne Eins, also sehr gut, wie in der Schule.", "Ich hab 2 Anbieter, einer ist gut.",
     "Fünf, ganz schlecht eigentlich."],
)  # fmt: skip
def test_a_rating_the_words_contradict_or_a_count_is_asked_again(services, said):
    _record, dialog, bot = _survey(services, "ja", said, "3", "ja", "nichts")
    assert dialog.answers["zufriedenheit"] == "3", bot
    assert "Bitte nennen Sie eine Zahl" in " ".join(bot), bot


def test_a_rating_after_a_sum_of_money_is_the_rating(services):
    _record, dialog, bot = _survey(
        services, "ja", "Ich zahl 40 Euro im Monat und bin eigentlich zufrieden, vier.", "ja", "x"
    )
    assert dialog.answers["zufriedenheit"] == "4", bot


def test_yes_and_no_is_no_answer(services):
    _record, _dialog, bot = _survey(services, "ja", "3", "Ja und nein.", "nichts", "nichts")
    assert "Bitte antworten Sie mit Ja oder Nein." in bot, bot


@pytest.mark.parametrize(
    "said", ["Ach, wissen Sie was, ich hab doch keine Lust mehr. Tschüss.",
             "Ich muss jetzt los, tschüss."],
)  # fmt: skip
def test_leaving_at_the_comment_question_stores_no_comment(services, said):
    record, dialog, bot = _survey(services, "ja", "4", "ja", said)
    assert "kommentar" not in dialog.answers and record.outcome == "hangup", bot


@pytest.mark.parametrize(
    ("comment", "stored"),
    [("Keine Lust auf ewige Warteschleifen, das sollten die ändern.", None),
     ("Schnelleres Internet, tschüss.", "Schnelleres Internet"),
     ("Die Techniker haben nie Zeit und dann muss der gleich wieder los.", None),
     # session-15 round-2 probe: written without commas, the comment was lost (the survey
     # ended as left) and 'Kein Problem, entschuldigen Sie die Störung' said
     ("die sollen mal ihre hotline verbessern aber ich muss jetzt los tschüss",
      "die sollen mal ihre hotline verbessern"),
     ("bessere preise und danke tschüss", "bessere preise")],
)  # fmt: skip
def test_comments_with_words_of_leaving_are_comments(services, comment, stored):
    record, dialog, bot = _survey(services, "ja", "4", "ja", comment)
    assert dialog.answers["kommentar"] == (stored or comment), bot
    assert record.outcome == "resolved", bot


def test_stopping_the_survey_at_the_comment_is_no_comment(services):
    record, dialog, bot = _survey(services, "ja", "4", "ja", "ich hör jetzt auf die fragen nerven")
    assert "kommentar" not in dialog.answers and record.outcome == "hangup", bot
    assert dialog.answers["zufriedenheit"] == "4", dialog.answers


@pytest.mark.parametrize(
    ("said", "rating"),
    [("also mein mann sagt immer drei aber ich würde vier sagen", "4"),
     ("ich sag vier meine frau eher drei", "4"),
     ("mein mann sagt zwei und ich sag auch zwei", "2")],
)  # fmt: skip
def test_the_own_rating_beside_another_persons_is_stored(services, said, rating):
    # session-15 round-2 probe: two numbers heard, the rating was asked again and then lost
    _record, dialog, bot = _survey(services, "ja", said, "ja", "nichts")
    assert dialog.answers["zufriedenheit"] == rating, (dialog.answers, bot)


@pytest.mark.parametrize(
    ("first", "reply"),
    [("Wie meinen Sie das?", "Was sollte"), ("Moment, ich überleg mal.", "warte")],
)
def test_a_question_or_a_moment_at_the_comment_question_is_no_comment(services, first, reply):
    _record, dialog, bot = _survey(services, "ja", "4", "ja", first, "Mehr Tempo.")
    assert dialog.answers["kommentar"] == "Mehr Tempo." and reply in bot[-2], bot


@pytest.mark.parametrize("said", ["Geht das nächste Woche?", "Geht das auch morgen?"])
def test_asking_for_another_day_is_a_callback(services, said):
    record, _dialog, bot = _survey(services, said)
    assert record.outcome == "declined" and "anderes Mal" in bot[-1], bot


def test_na_schoen_is_consent(services):
    record, _dialog, bot = _survey(services, "Na schön.", "4", "ja", "nichts")
    assert record.outcome == "resolved", bot


@pytest.mark.parametrize(
    "said",
    ["Ich würde ihn ungern weiterempfehlen.", "Den würde ich meinem ärgsten Feind weiterempfehlen.",
     "Ich würde lieber meinen alten Anbieter weiterempfehlen."],
)  # fmt: skip
def test_a_reluctant_or_sarcastic_mention_of_recommending_is_no_yes(services, said):
    _record, dialog, bot = _survey(services, "ja", "3", said, "nichts", "nichts")
    assert dialog.answers.get("weiterempfehlung") != "ja", bot


@pytest.mark.parametrize(
    "said", ["Ja danke, schon gut.", "Wie oft wollen Sie mich denn noch anrufen?"]
)
def test_a_polite_refusal_or_annoyance_at_consent_ends_the_call(services, said):
    record, _dialog, bot = _survey(services, said, "ja", "4", "ja", "nichts")
    assert record.outcome == "declined" and len(bot) == 2, bot


def test_a_comment_about_unsubscribing_from_the_provider_does_not_block_the_number(services):
    record, dialog, bot = _survey(
        services, "ja", "4", "ja", "Ich hab mich bei denen vom Newsletter abgemeldet, der nervt."
    )
    assert not dialog.opted_out and record.outcome == "resolved", bot


def test_a_comment_about_leaving_the_provider_is_a_comment(services):
    record, dialog, bot = _survey(services, "ja", "4", "ja", "Ich muss weg von dem Anbieter.")
    assert dialog.answers["kommentar"] == "Ich muss weg von dem Anbieter.", bot
    assert record.outcome == "resolved", bot


def test_a_bavarian_passt_scho_at_consent_consents(services):
    record, _dialog, bot = _survey(services, "Passt scho.", "4", "ja", "nichts")
    assert record.outcome == "resolved", bot


@pytest.mark.parametrize(
    "consent",
    ["Ja, schon gut, legen Sie los.", "Na schön, aber ich hab nicht viel Zeit.",
     "Ja ja, schon gut, fragen Sie halt."],
)  # fmt: skip
def test_consent_with_schon_gut_or_a_hurry_starts_the_survey(services, consent):
    record, _dialog, bot = _survey(services, consent, "4", "ja", "nichts")
    assert record.outcome == "resolved", bot


def test_the_answer_to_the_next_question_said_at_the_second_ask_is_stored_there(services):
    """A probe call: the recommendation was asked twice ('Naja, die Schuhen.' was no yes or
    no), then came the comment; it was read as neither and the comment question asked twice."""
    record, dialog, bot = _survey(
        services, "ja", "drei", "Naja, die Schuhen.",
        "Abends sollte das Netz nicht mehr so langsam sein.",
    )  # fmt: skip
    assert dialog.answers == {
        "zufriedenheit": "3", "weiterempfehlung": None,
        "kommentar": "Abends sollte das Netz nicht mehr so langsam sein.",
    }, bot  # fmt: skip
    assert record.outcome == "resolved" and bot.count("Was sollte Ihr Anbieter besser machen?") == 0
    _record, dialog, bot = _survey(
        services, "ja", "Naja, mir als eine Zweikann ich nicht geben.", "Nein, würde ich nicht.",
        "Schnellere Hilfe wenn etwas kaputt ist.",
    )  # fmt: skip
    assert dialog.answers["weiterempfehlung"] == "nein", bot
    assert dialog.answers["kommentar"] == "Schnellere Hilfe wenn etwas kaputt ist.", bot


def test_a_lone_no_at_the_second_ask_of_a_rating_is_no_answer_to_the_next_question(services):
    _record, dialog, bot = _survey(services, "ja", "hm", "nein", "ja", "nichts")
    assert dialog.answers["zufriedenheit"] is None, bot
    assert dialog.answers["weiterempfehlung"] == "ja", bot


def test_a_range_said_twice_is_no_yes_to_the_next_question(services):
    """'na gut, zwei bis drei halt' at the rating's second ask was stored as a yes to the
    recommendation (its 'na gut'), which was then never asked."""
    _record, dialog, bot = _survey(
        services, "ja", "Zwischen zwei und drei", "na gut, zwei bis drei halt", "nein", "nichts"
    )
    assert dialog.answers["weiterempfehlung"] == "nein", bot
    assert "Würden Sie ihn weiterempfehlen?" in bot, bot


def test_doch_inside_a_sentence_is_no_consent(services):
    """ "Das ist doch illegal!" started the survey ("doch" read as a yes; session-12 probe)."""
    record, dialog, bot = _survey(
        services, "Das ist doch illegal!", "Nein, ich will nicht teilnehmen."
    )
    assert "Wie zufrieden" not in " ".join(bot) and record.outcome == "declined", bot
    assert not dialog.answers


def test_i_really_do_not_know_is_no_no(services):
    _, dialog, _ = _survey(services, "ja", "vier", "Ich weiß es wirklich nicht.", "nichts")
    assert dialog.answers["weiterempfehlung"] is None


@pytest.mark.parametrize(
    ("consent", "stars", "recommend"),
    [("Ja, klar. Also ich bin ziemlich zufrieden, würde sagen vier, und empfehlen würde ich ihn "
      "auch.", "4", "ja"),
     ("Ja, gerne, ich würde sagen drei.", "3", None)],
)  # fmt: skip
def test_answers_given_with_the_consent_are_not_asked_again(services, consent, stars, recommend):
    """The rating and recommendation said with the yes were asked for again (probe)."""
    _, dialog, bot = _survey(services, consent, *([] if recommend else ["ja"]), "Mehr Tempo.")
    assert dialog.answers["zufriedenheit"] == stars and "Wie zufrieden" not in " ".join(bot)
    assert dialog.answers["weiterempfehlung"] == (recommend or "ja")


def test_a_number_with_the_consent_that_is_no_rating_is_not_stored(services):
    _, dialog, bot = _survey(services, "Ja, zwei Minuten hab ich.", "vier", "ja", "nichts")
    assert bot[1].startswith("Wie zufrieden") and dialog.answers["zufriedenheit"] == "4"


# ---- session 14 probe: corrections later, consent, objections, outages, machines ------------
@pytest.mark.parametrize(
    ("turns", "rating", "asked"),
    [(("ja", "drei", "Nein, doch eher eine Zwei.", "nein", "x"), "2", "Würden Sie"),
     (("ja", "vier", "Moment, bei der ersten Frage wollte ich eigentlich zwei sagen.", "nein",
       "x"), "2", "Würden Sie"),
     (("ja", "zwei", "nein", "Ach, und ändern Sie meine Bewertung bitte auf eins.", "x"), "1",
      "Was sollte")],
)  # fmt: skip
def test_a_rating_corrected_at_a_later_question_changes_it_and_asks_that_question_again(
    services, turns, rating, asked
):
    """ "Nein, doch eher eine Zwei." at the recommendation was stored as its "nein"; the
    change at the comment as the comment (session-14 probe)."""
    record, dialog, bot = _survey(services, *turns)
    told = next(t for t in bot if "Bewertung auf" in t)
    assert f"auf {rating} geändert" in told and asked in told, bot
    assert dialog.answers["zufriedenheit"] == rating and record.outcome == "resolved", bot
    assert dialog.answers["weiterempfehlung"] == "nein" and dialog.answers["kommentar"] == "x"


@pytest.mark.parametrize(
    "comment",
    ["Zwei Techniker kamen nicht, eigentlich drei.", "Die sollten die Preise ändern, zwei Euro "
     "weniger."],
)  # fmt: skip
def test_numbers_in_a_comment_are_no_corrected_rating(services, comment):
    _, dialog, _ = _survey(services, "ja", "zwei", "nein", comment)
    assert dialog.answers["zufriedenheit"] == "2" and dialog.answers["kommentar"] == comment


def test_a_hedged_yes_or_no_at_the_second_ask_is_no_comment(services):
    """ "Vielleicht, kommt drauf an wem." was stored as the comment, which was never asked."""
    _, dialog, bot = _survey(
        services, "ja", "drei", "Vielleicht.", "Vielleicht, kommt drauf an wem.", "Mehr Tempo."
    )
    assert bot[-2] == "Was sollte Ihr Anbieter besser machen?", bot
    assert dialog.answers["weiterempfehlung"] is None
    assert dialog.answers["kommentar"] == "Mehr Tempo."


@pytest.mark.parametrize(
    "question",
    ["Ja, wer ist da bitte?", "Ja, aber wer bekommt die Ergebnisse?", "Ja, hallo, wer ist da?",
     "Ja, hallo?"],
)  # fmt: skip
def test_a_yes_followed_by_a_question_is_answered_before_consent(services, question):
    """ "Ja, wer ist da bitte?" started the survey at once (session-14 probe)."""
    record, dialog, bot = _survey(services, question, "ja", "vier", "ja", "nichts")
    assert "Marktblick" in bot[1] and bot[1].endswith("Hätten Sie zwei Minuten Zeit für drei "
                                                      "kurze Fragen?"), bot  # fmt: skip
    assert record.outcome == "resolved" and dialog.answers["zufriedenheit"] == "4", bot


@pytest.mark.parametrize("consent", ["Ja, was wollen Sie wissen?", "Ja klar, warum nicht?"])
def test_a_yes_with_a_question_to_start_is_consent(services, consent):
    _, dialog, bot = _survey(services, consent, "vier", "ja", "nichts")
    assert bot[1].startswith("Wie zufrieden") and dialog.answers["zufriedenheit"] == "4", bot


def test_jaja_schon_gut_machen_sie_schnell_is_consent(services):
    record, _, bot = _survey(services, "Jaja, schon gut, machen Sie schnell.", "4", "ja", "x")
    assert record.outcome == "resolved", bot


@pytest.mark.parametrize(
    "little", ["Ich hab nicht viel Zeit.", "Worum geht es? Ich hab nicht viel Zeit."]
)
def test_little_time_is_not_no_time(services, little):
    """ "Ich hab nicht viel Zeit" ended the call as keine Zeit: the consent, which says two
    minutes, is asked again."""
    record, _, bot = _survey(services, little, "Okay, dann schnell.", "4", "ja", "x")
    assert "zwei Minuten" in bot[1] and record.outcome == "resolved", bot


@pytest.mark.parametrize(
    "rude",
    ["Ich hab keinen Bock auf so was.", "Halt die Fresse, du Scheiß-Roboter.", "Verpiss dich."],
)
def test_a_rude_refusal_gets_a_polite_goodbye_at_once(services, rude):
    record, _, bot = _survey(services, rude, "ja")
    assert record.outcome == "declined" and len(bot) == 2 and "Wiederhören" in bot[1], bot


@pytest.mark.parametrize(
    "greeting",
    ["Hallo, hier ist der Anrufbeantworter von Familie Müller. Bitte hinterlassen Sie eine "
     "Nachricht nach dem Piepton.",
     "Herr Berg ist leider nicht erreichbar, hinterlassen Sie eine Nachricht.",
     "Der Teilnehmer ist zurzeit nicht erreichbar."],
)  # fmt: skip
def test_an_answering_machine_is_hung_up_on_without_a_message(services, greeting):
    record, _, bot = _survey(services, greeting)
    assert record.outcome == "no_answer" and len(bot) == 1, bot


@pytest.mark.parametrize(
    "turns",
    [("ja", "drei", "ja", "Ich widerspreche der Verarbeitung meiner Daten."),
     ("ja", "drei", "Widerspruch!"),
     ("Ich widerspreche der Speicherung meiner Daten.",)],
)  # fmt: skip
def test_an_objection_to_the_processing_deletes_the_answers_and_blocks(services, turns):
    """A GDPR objection at the comment was stored as the comment (session-14 probe)."""
    _, dialog, bot = _survey(services, *turns)
    assert dialog.answers == {} and dialog.opted_out, bot
    assert "Antworten gelöscht" in bot[-1]


def test_objecting_to_something_of_the_provider_is_a_comment(services):
    comment = "Ich widerspreche der Preiserhöhung."
    _, dialog, _ = _survey(services, "ja", "drei", "nein", comment)
    assert dialog.answers["kommentar"] == comment and not dialog.opted_out


def test_an_outage_at_the_rating_is_no_person_without_internet(services):
    """ "Seit drei Wochen hab ich kein Internet" ended the survey as 'not for you'."""
    record, dialog, bot = _survey(
        services, "ja", "Seit drei Wochen hab ich kein Internet und keiner kümmert sich!",
        "Eins natürlich.", "nein", "Endlich die Störung beheben.",
    )  # fmt: skip
    assert "Bitte nennen Sie eine Zahl" in bot[2], bot
    assert dialog.answers["zufriedenheit"] == "1" and record.outcome == "resolved", bot


# ---- session 14 probe round 2: a limited yes, a yes/no corrected at the comment -------------
@pytest.mark.parametrize(
    "said",
    ["Ja würde ich aber nicht jedem", "Ja, aber nicht jedem", "Klar, wenn jemand nicht viel surft",
     "Ja, nur nicht meiner Oma", "Schon, solange man nicht zockt"],
)  # fmt: skip
def test_a_yes_narrowed_by_a_nicht_is_a_yes(services, said):
    """ "Ja, aber nicht jedem" was stored as "nein": in a short answer any "nicht" beat the
    opening yes (session-14 probe round 2)."""
    record, dialog, bot = _survey(services, "ja", "vier", said, "nichts")
    assert dialog.answers["weiterempfehlung"] == "ja", bot
    assert record.outcome == "resolved" and dialog.answers["kommentar"] == "nichts", bot


@pytest.mark.parametrize(
    "said", ["Ja, aber eigentlich eher nicht", "Ja, wenn die Hotline besser wäre"]
)
def test_a_yes_taken_back_or_bound_to_an_unmet_condition_is_asked_again(services, said):
    _, dialog, bot = _survey(services, "ja", "vier", said, "nein", "nichts")
    assert bot[3] == "Bitte antworten Sie mit Ja oder Nein.", bot
    assert dialog.answers["weiterempfehlung"] == "nein", bot


@pytest.mark.parametrize(
    "said", ["Nein, aber die Preise sind okay", "Nein, nicht wenn die so weitermachen"]
)
def test_a_no_with_a_limit_stays_a_no(services, said):
    _, dialog, bot = _survey(services, "ja", "vier", said, "nichts")
    assert dialog.answers["weiterempfehlung"] == "nein", bot


def test_a_recommendation_corrected_at_the_comment_changes_it_and_keeps_the_comment(services):
    """ "Die Hotline. Ach und weiterempfehlen würde ich ihn doch eigentlich." left the "nein"
    and was stored whole as the comment (session-14 probe round 2)."""
    said = "Die Hotline. Ach und weiterempfehlen würde ich ihn doch eigentlich."
    record, dialog, bot = _survey(services, "ja", "drei", "nein", said)
    assert "Antwort auf ja geändert" in bot[-1], bot
    assert dialog.answers["weiterempfehlung"] == "ja", bot
    assert dialog.answers["kommentar"] == "Die Hotline." and record.outcome == "resolved", bot


def test_a_recommendation_corrected_alone_at_the_comment_asks_for_the_comment_again(services):
    said = "Empfehlen würde ich ihn doch eigentlich schon."
    record, dialog, bot = _survey(services, "ja", "drei", "nein", said, "Schnelleres Netz")
    assert "Antwort auf ja geändert. Was sollte" in bot[-2], bot
    assert dialog.answers["weiterempfehlung"] == "ja", bot
    assert dialog.answers["kommentar"] == "Schnelleres Netz" and record.outcome == "resolved"


def test_a_comment_that_says_when_it_would_recommend_changes_nothing(services):
    said = "Die Hotline verbessern, dann würde ich ihn auch weiterempfehlen"
    _, dialog, _ = _survey(services, "ja", "drei", "nein", said)
    assert dialog.answers["weiterempfehlung"] == "nein" and dialog.answers["kommentar"] == said


# ---- session 14 probe round 2: consent after a no, the phone answered, a suspicion ----------
@pytest.mark.parametrize(
    "said",
    ["Nein. Ach, doch, wissen Sie was, okay, ich mach mit.",
     "Nee. Na gut, weil Sie so freundlich sind.", "Nein, ach was soll's, fragen Sie"],
)  # fmt: skip
def test_a_no_followed_by_a_change_of_mind_is_consent(services, said):
    """ "Nein. Ach, doch, … ich mach mit." ended the call as declined (session-14 probe round
    2)."""
    record, dialog, bot = _survey(services, said, "vier", "ja", "nichts")
    assert record.outcome == "resolved" and dialog.answers["zufriedenheit"] == "4", bot


@pytest.mark.parametrize("said", ["Nein, doch nicht.", "Nein. Okay, tschüss."])
def test_a_no_kept_after_a_filler_is_declined(services, said):
    record, _, bot = _survey(services, said)
    assert record.outcome == "declined", bot


@pytest.mark.parametrize(
    "said",
    ["Ja, bitte?", "Hallo?", "Hallo? Hallo?",
     "Ja ja, ich kenn das, am Ende wollen Sie mir einen Vertrag andrehen"],
)  # fmt: skip
def test_the_phone_answered_or_a_mocking_yes_is_no_consent_and_hears_who_calls(services, said):
    """ "Ja, bitte?" (how people answer the phone) and a mocking "Ja ja, … Vertrag andrehen"
    started the survey; "Hallo?" heard only the consent question (session-14 probe round 2)."""
    record, dialog, bot = _survey(services, said, "ja gerne", "vier", "ja", "nichts")
    assert "Marktblick Instituts" in bot[1] and "Hätten Sie zwei Minuten" in bot[1], bot
    assert record.outcome == "resolved" and dialog.answers["zufriedenheit"] == "4", bot


def test_a_yes_on_the_condition_that_nothing_is_sold_is_consent(services):
    _, _, bot = _survey(services, "Ja gerne, solange Sie mir nichts verkaufen", "vier")
    assert bot[1].startswith("Wie zufrieden"), bot


# ---- session 15 probe (mb): leaving, conditions, changes asked for ---------------------------
@pytest.mark.parametrize(
    ("turns", "kept"),
    [(("ja", "zwei", "mir reichts jetzt wiederhören"), {"zufriedenheit": "2"}),
     (("ja", "vier", "ach das ist mir zu blöd tschüss"), {"zufriedenheit": "4"}),
     (("ja", "drei", "ich muss jetzt auflegen"), {"zufriedenheit": "3"}),
     (("ja", "das dauert mir zu lange tschüss"), {}),
     (("ja", "drei", "ja", "mir reichts tschüss"),
      {"zufriedenheit": "3", "weiterempfehlung": "ja"})],
)  # fmt: skip
def test_leaving_instead_of_an_answer_is_a_break_off_and_stores_no_answer(services, turns, kept):
    """ "Mir reicht's jetzt, wiederhören" at the recommendation was stored as its "nein" (a
    goodbye reads as no) and the call ended resolved; at the comment it was the comment."""
    record, dialog, bot = _survey(services, *turns)
    assert record.outcome == "hangup" and dialog.answers == kept, bot
    assert bot[-1].endswith("Auf Wiederhören."), bot


def test_a_plain_goodbye_at_the_comment_is_no_comment_and_the_survey_is_done(services):
    record, dialog, bot = _survey(services, "ja", "vier", "ja", "danke tschüss")
    assert record.outcome == "resolved" and dialog.answers["kommentar"] is None, bot


@pytest.mark.parametrize("said", ["nur wenn der preis stimmt", "Wenn der Preis stimmt."])
def test_a_condition_alone_is_no_yes_to_the_recommendation(services, said):
    """ "Nur wenn der Preis stimmt" was stored as "ja" (its "stimmt")."""
    _, dialog, bot = _survey(services, "ja", "drei", said, "nein", "nichts")
    assert bot[3] == "Bitte antworten Sie mit Ja oder Nein.", bot
    assert dialog.answers["weiterempfehlung"] == "nein", bot


def test_a_condition_with_an_answer_after_it_answers(services):
    _, dialog, _ = _survey(services, "ja", "vier", "wenn jemand schnelles internet braucht dann ja")
    assert dialog.answers["weiterempfehlung"] == "ja"


@pytest.mark.parametrize(
    "said",
    ["eigentlich würde ich doch eher drei sagen", "nein warten sie bei der ersten frage eher drei"],
)
def test_a_rating_corrected_at_the_comment_with_a_correcting_word_is_changed(services, said):
    """Both were stored as the comment, the rating staying 4 (session-15 probe)."""
    _, dialog, bot = _survey(services, "ja", "vier", "ja", said, "nichts")
    assert "Bewertung auf 3 geändert" in bot[4], bot
    assert dialog.answers["zufriedenheit"] == "3" and dialog.answers["kommentar"] == "nichts"


@pytest.mark.parametrize(
    ("turns", "answers"),
    [(("ja", "fünf", "ja", "kann ich die erste antwort nochmal ändern", "drei", "nichts"),
      {"zufriedenheit": "3", "weiterempfehlung": "ja", "kommentar": "nichts"}),
     (("ja", "fünf", "ja", "ich möchte meine antwort ändern", "nein", "nichts"),
      {"zufriedenheit": "5", "weiterempfehlung": "nein", "kommentar": "nichts"}),
     (("ja", "fünf", "ich möchte meine antwort ändern", "zwei", "nein", "nichts"),
      {"zufriedenheit": "2", "weiterempfehlung": "nein", "kommentar": "nichts"}),
     (("ja", "fünf", "ja", "ich möchte meine antwort ändern", "ach vergessen sie es", "nichts"),
      {"zufriedenheit": "5", "weiterempfehlung": "ja", "kommentar": "nichts"})],
)  # fmt: skip
def test_a_change_asked_for_without_the_new_answer_asks_for_it(services, turns, answers):
    """ "Kann ich die erste Antwort nochmal ändern?" was stored as the comment and the call
    ended (session-15 probe)."""
    record, dialog, bot = _survey(services, *turns)
    assert "Gern. Wie lautet Ihre neue Antwort?" in bot, bot
    assert record.outcome == "resolved" and dialog.answers == answers, bot


def test_a_comment_about_changing_prices_is_a_comment(services):
    _, dialog, _ = _survey(services, "ja", "vier", "ja", "die sollten mal ihre preise ändern")
    assert dialog.answers["kommentar"] == "die sollten mal ihre preise ändern"


@pytest.mark.parametrize(
    "said",
    ["am wochenende passt es besser", "heute abend wäre besser", "morgen um 18 uhr wär besser"],
)
def test_another_time_named_as_better_is_a_call_back_not_consent(services, said):
    """ "Am Wochenende passt es besser" started the survey (its "passt" read as yes)."""
    record, _, bot = _survey(services, said, "vier")
    assert bot[-1] == "Gern, dann versuchen wir es ein anderes Mal. Auf Wiederhören.", bot
    assert record.outcome == "declined"


@pytest.mark.parametrize(
    "said",
    ["ich versteh sie nicht sprechen sie lauter", "ich hör so schlecht was sagen sie", "hä"],
)
def test_a_person_who_cannot_hear_the_bot_hears_the_introduction_again(services, said):
    """ "Ich versteh Sie nicht, sprechen Sie lauter" ended the call as declined."""
    record, dialog, bot = _survey(services, said, "ja", "zwei", "nein", "nichts")
    assert bot[1] == bot[0], bot
    assert record.outcome == "resolved" and dialog.answers["zufriedenheit"] == "2", bot


def test_not_hearing_the_rating_question_asks_it_again_without_a_try_lost(services):
    _, dialog, bot = _survey(services, "ja", "ich verstehe sie so schlecht", "was", "vier")
    assert bot[2] == bot[1] == bot[3], bot
    assert dialog.answers["zufriedenheit"] == "4"


@pytest.mark.parametrize(
    ("said", "repeat"),
    [("sprechen Sie bitte lauter", True), ("können sie lauter sprechen", True),
     ("Ich hör so schlecht, was sagen Sie?", True), ("sorry I can't hear you", True),
     ("Hä?", True), ("Was?", True),
     ("ich verstehe nicht warum die rechnung so hoch ist", False),
     ("ich verstehe kein wort von der rechnung", False), ("was kostet das", False),
     ("mein internet ist so schlecht", False)],
)  # fmt: skip
def test_not_hearing_the_bot_is_a_request_to_repeat_and_a_concern_is_not(said, repeat):
    from voicebot.dialog.repeat_or_wait import asks_to_repeat

    assert asks_to_repeat(said) is repeat


@pytest.mark.parametrize(
    "turns",
    [("ich bin erst zwölf darf ich da mitmachen", "ja", "vier"),
     ("hier ist der paul ich bin neun",),
     ("hallo wer ist da", "meine mama ist nicht da"),
     ("ja", "ich bin erst fünfzehn ist das schlimm", "vier")],
)  # fmt: skip
def test_a_child_on_the_phone_is_not_surveyed_and_nothing_is_kept(services, turns):
    """ "Ich bin erst zwölf, darf ich da mitmachen?" - "ja" was surveyed (session-15 probe);
    the number is tried again (no_answer): no adult was reached."""
    record, dialog, bot = _survey(services, *turns)
    assert bot[-1].startswith("Vielen Dank! Die Umfrage richtet sich leider nur an Erwachsene")
    assert record.outcome == "no_answer" and dialog.answers == {}, bot


@pytest.mark.parametrize("said", ["ich bin vier", "ich bin zufrieden, ich gebe vier"])
def test_i_am_and_a_number_at_the_rating_question_is_a_rating(services, said):
    _, dialog, bot = _survey(services, "ja", said, "ja", "nichts")
    assert dialog.answers["zufriedenheit"] == "4", bot


def test_someone_else_out_hears_that_anyone_in_the_household_may_answer(services):
    """ "Mein Mann ist nicht da" ended the call as declined at once."""
    record, dialog, bot = _survey(services, "mein mann ist nicht da", "ja", "drei", "ja", "x")
    assert bot[1].startswith("Die Fragen kann gern auch jemand anderes aus dem Haushalt"), bot
    assert bot[1].endswith("Hätten Sie zwei Minuten Zeit für drei kurze Fragen?"), bot
    assert record.outcome == "resolved" and dialog.answers["zufriedenheit"] == "3"


@pytest.mark.parametrize("said", ["sorry i dont speak german", "do you speak english"])
def test_an_english_speaker_is_told_in_english_that_the_survey_is_german_only(services, said):
    """ "Sorry, I don't speak German" heard a German goodbye."""
    record, _, bot = _survey(services, said)
    assert bot[-1].startswith("Sorry, this is the digital assistant of Marktblick"), bot
    assert bot[-1].endswith("Thank you and goodbye.") and record.outcome == "declined"


def test_an_english_question_at_consent_is_answered_in_english_and_consent_asked(services):
    record, dialog, bot = _survey(services, "hello who is this", "yes okay", "four", "yes", "x")
    assert bot[1].endswith("Would you like to take part in German?"), bot
    assert record.outcome == "resolved" and dialog.answers["zufriedenheit"] == "4"


def test_the_phone_handed_over_is_waited_for_and_the_new_person_hears_who_calls(services):
    """ "Moment, ich hole meinen Mann" heard the consent question again at once and, after
    the silence of fetching him, a goodbye (declined; session-14 and -15 probes)."""
    dialog = services.dialog_stage()
    turns = [say("moment ich hole meinen mann"), silence(), say("ja hallo worum geht es"),
             say("ja gerne"), say("drei"), say("ja"), say("nichts")]  # fmt: skip
    record = asyncio.run(run_call("marktblick", turns, services, dialog=dialog))
    bot = [e.text for e in record.events if isinstance(e, BotSpeech)]
    assert bot[1] == "Gerne, ich warte." and bot[2] == bot[0], bot
    assert "zwei Minuten" in bot[3] and bot[3].endswith(
        "Hätten Sie zwei Minuten Zeit für drei kurze Fragen?"
    )
    assert record.outcome == "resolved" and dialog.dialog.answers["zufriedenheit"] == "3", bot


@pytest.mark.parametrize(
    ("turns", "second"),
    [(("ich geb ihnen mal meine frau", "ja hallo", "ja", "drei"), "intro"),
     (("einen augenblick bitte", "ja okay", "drei"), "rating")],
)  # fmt: skip
def test_a_moment_asked_for_at_consent_is_waited_for(services, turns, second):
    """The person handed the phone to hears who calls whatever they say first; the same
    person back after "einen Augenblick" answers the consent question."""
    _, dialog, bot = _survey(services, *turns)
    assert bot[1] == "Gerne, ich warte.", bot
    assert bot[2] == bot[0] if second == "intro" else bot[2].startswith("Wie zufrieden"), bot
    assert dialog.answers["zufriedenheit"] == "3", bot


@pytest.mark.parametrize(
    "said", ["ja hallo worum geht es", "ja wer ist da", "ja wie lange dauert das"]
)
def test_a_yes_before_a_question_without_punctuation_is_no_consent(services, said):
    _, _, bot = _survey(services, said, "ja", "vier")
    assert bot[1].endswith("Hätten Sie zwei Minuten Zeit für drei kurze Fragen?"), bot


def test_are_you_from_my_provider_hears_who_calls_and_why(services):
    """ "Sind Sie von der Telekom?" heard only the consent question again (a try lost)."""
    _, dialog, bot = _survey(services, "sind sie von der telekom", "ach so ja dann", "zwei")
    assert bot[1] == bot[0], bot
    assert dialog.answers["zufriedenheit"] == "2"


@pytest.mark.parametrize(
    ("said", "comment"),
    [("und rufen sie mich nie wieder an", None),
     ("Schnellere Reaktion bei Störungen. Und rufen Sie mich bitte nicht mehr an.",
      "Schnellere Reaktion bei Störungen")],
)  # fmt: skip
def test_an_opt_out_at_the_comment_is_no_part_of_the_comment(services, said, comment):
    """The request never to be called again was stored as (part of) the comment."""
    _, dialog, _ = _survey(services, "ja", "zwei", "nein", said)
    assert dialog.opted_out and dialog.answers["kommentar"] == comment


@pytest.mark.parametrize(
    ("turns", "at", "stored"),
    [(("ja", "eins mein internet ist seit einer woche kaputt können sie das weitergeben", "nein",
       "x"), 2, {"zufriedenheit": "1", "weiterempfehlung": "nein", "kommentar": "x"}),
     (("Können Sie meine Störung an die Telekom weitergeben?", "ja", "drei"), 1,
      {"zufriedenheit": "3"}),
     (("ja", "zwei", "nein", "ich will dass sie das an nordwelle weitergeben"), 4,
      {"zufriedenheit": "2", "weiterempfehlung": "nein",
       "kommentar": "ich will dass sie das an nordwelle weitergeben"})],
)  # fmt: skip
def test_a_message_for_the_provider_hears_that_nothing_is_passed_on(services, turns, at, stored):
    """ "Können Sie das weitergeben?" went unanswered (session-14 and -15 probes)."""
    _, dialog, bot = _survey(services, *turns)
    assert bot[at].startswith("Weitergeben kann ich leider nichts"), bot
    assert all(dialog.answers.get(k) == v for k, v in stored.items()), (dialog.answers, bot)


@pytest.mark.parametrize(
    "said", ["sie schon wieder", "Ach, Sie schon wieder!", "nicht schon wieder"]
)
def test_weariness_of_being_called_is_no_consent(services, said):
    """ "Sie schon wieder" started the survey (its "schon" read as a yes)."""
    record, dialog, bot = _survey(services, said, "nein")
    assert record.outcome == "declined" and dialog.answers == {}, bot


@pytest.mark.parametrize("said", ["keine ahnung", "dazu sag ich nichts", "weiß ich nicht"])
def test_no_comment_said_as_the_comment_is_none(services, said):
    _, dialog, _ = _survey(services, "ja", "drei", "ja", said)
    assert dialog.answers["kommentar"] is None


def test_nothing_to_improve_is_a_comment(services):
    _, dialog, _ = _survey(services, "ja", "drei", "ja", "nichts")
    assert dialog.answers["kommentar"] == "nichts"


@pytest.mark.parametrize(
    ("turns", "answers"),
    [(("ja", "drei tschüss"), {"zufriedenheit": "3"}),
     (("ja", "vier", "nein danke tschüss"), {"zufriedenheit": "4", "weiterempfehlung": "nein"})],
)  # fmt: skip
def test_an_answer_with_a_goodbye_is_kept_and_the_survey_ends(services, turns, answers):
    """ "Drei, tschüss" stored 3 and asked the next question of a person gone."""
    record, dialog, bot = _survey(services, *turns)
    assert record.outcome == "hangup" and dialog.answers == answers, bot
    assert bot[-1] == "Vielen Dank für Ihre Antworten! Auf Wiederhören.", bot


@pytest.mark.parametrize("said", ["ja aber nur meinen feinden", "Ja, meinem ärgsten Feind."])
def test_a_mocking_yes_is_no_recommendation(services, said):
    """ "Ja, aber nur meinen Feinden" was stored as "ja"."""
    _, dialog, bot = _survey(services, "ja", "drei", said, "nein", "nichts")
    assert bot[3] == "Bitte antworten Sie mit Ja oder Nein.", bot
    assert dialog.answers["weiterempfehlung"] == "nein"


@pytest.mark.parametrize("said", ["es geht", "geht"])
def test_a_statement_at_the_rating_is_no_question_about_the_survey(services, said):
    """ "Es geht." at the rating heard how long the survey takes (its intent read it so)."""
    _, dialog, bot = _survey(services, "ja", said, "drei")
    assert bot[2].startswith("Bitte nennen Sie eine Zahl von 1 bis 5"), bot
    assert dialog.answers["zufriedenheit"] == "3"


def test_a_question_about_the_survey_at_the_rating_is_still_answered(services):
    _, dialog, bot = _survey(services, "ja", "bin ich hier mit einem computer verbunden", "drei")
    assert bot[2].startswith("Die Umfrage dauert etwa zwei Minuten"), bot
    assert dialog.answers["zufriedenheit"] == "3"


@pytest.mark.parametrize("said", ["danke das wars", "nein das ist alles"])
def test_a_comment_that_only_closes_is_none(services, said):
    _, dialog, _ = _survey(services, "ja", "drei", "ja", said)
    assert dialog.answers["kommentar"] is None


def test_nothing_more_is_a_comment_like_nothing(services):
    _, dialog, _ = _survey(services, "ja", "drei", "ja", "Nichts weiter.")
    assert dialog.answers["kommentar"] == "Nichts weiter."


def test_a_moment_asked_for_at_the_rating_is_waited_for_once(services):
    """ "Warte mal kurz" at the rating was asked again as unclear (a try lost)."""
    _, dialog, bot = _survey(services, "ja", "warte mal kurz", "vier")
    assert bot[2] == "Gerne, ich warte.", bot
    assert dialog.answers["zufriedenheit"] == "4"


@pytest.mark.parametrize("said", ["moment wer ist da", "Ähm, ja, warum nicht."])
def test_a_pause_word_then_who_asks_and_a_yes_with_warum_nicht_consents(services, said):
    _, _, bot = _survey(services, said, "ja", "vier")
    asks = said.startswith("moment")
    assert (bot[1] == bot[0]) if asks else bot[1].startswith("Wie zufrieden"), bot


def test_someone_else_out_but_i_can_do_it_is_consent(services):
    _, dialog, bot = _survey(services, "mein mann ist nicht da aber ich kann das machen", "vier")
    assert bot[1].startswith("Wie zufrieden"), bot
    assert dialog.answers["zufriedenheit"] == "4"


def test_not_wanting_to_complain_is_no_complaint(services):
    _, dialog, bot = _survey(services, "ja", "ich will mich nicht beschweren aber so drei")
    assert not any(b.startswith("Weitergeben") for b in bot), bot
    assert dialog.answers["zufriedenheit"] == "3"


def test_someone_in_an_answer_to_the_recommendation_asks_for_no_person(services):
    """ "falls mich jemand fragt, würde ich ihn empfehlen" heard "Verbinden kann ich Sie leider
    nicht" (its "jemand" read as a person asked for)."""
    _, _, bot = _survey(services, "ja", "drei", "falls mich jemand fragt würde ich ihn empfehlen")
    assert not any(b.startswith("Verbinden kann ich") for b in bot), bot


@pytest.mark.parametrize(
    ("turns", "empty"),
    [(("ja", "ich hab gerade erst gewechselt kann ich noch nicht sagen", "ja", "x"),
      "zufriedenheit"),
     (("ja", "drei", "kann ich nicht beurteilen", "x"), "weiterempfehlung")],
)  # fmt: skip
def test_cannot_say_is_an_answer_of_its_own_like_dont_know(services, turns, empty):
    """ "…, kann ich noch nicht sagen" was asked again as unclear."""
    record, dialog, bot = _survey(services, *turns)
    assert dialog.answers[empty] is None and dialog.answers["kommentar"] == "x", bot
    assert record.outcome == "resolved"


@pytest.mark.parametrize("said", ["ja absolut tschüss", "ja tschüss", "ja klar wiederhören"])
def test_a_yes_said_with_a_goodbye_is_stored_as_yes(services, said):
    # session-15 round-2 probe: the goodbye was read as a no and 'nein' stored
    record, dialog, bot = _survey(services, "ja", "fünf", said)
    assert dialog.answers["weiterempfehlung"] == "ja", (dialog.answers, bot)
    assert record.outcome == "hangup", bot


def test_stopping_to_complain_is_a_comment_not_stopping_the_survey(services):
    said = "ich hör jetzt auf mich bei denen zu beschweren bringt ja nix"
    record, dialog, bot = _survey(services, "ja", "eins", "nein", said)
    assert dialog.answers["kommentar"] == said and record.outcome == "resolved", bot


def test_a_goodbye_with_thanks_for_the_call_is_no_comment(services):
    record, dialog, bot = _survey(services, "ja", "drei", "nein", "tschüss und danke für den anruf")
    assert dialog.answers.get("kommentar") is None and record.outcome == "resolved", bot


@pytest.mark.parametrize(
    "said",
    ["jaja machen sie schnell ich hab nicht viel zeit", "na los aber schnell ich hab wenig zeit"],
)
def test_consent_in_a_hurry_without_commas_starts_the_survey(services, said):
    # session-15 round-2 probe: the consent was asked again and the rating said next declined
    record, dialog, bot = _survey(services, said, "vier", "ja", "nichts")
    assert dialog.answers["zufriedenheit"] == "4" and record.outcome == "resolved", bot


@pytest.mark.parametrize(
    ("said", "rating"),
    [("also früher fünf jetzt nur noch zwei", "2"),
     ("am anfang war das eine vier aber mittlerweile eher drei", "3")],
)  # fmt: skip
def test_todays_rating_after_an_earlier_one_is_stored(services, said, rating):
    # session-15 round-2 probe: two numbers heard, the rating was asked again and then lost
    _record, dialog, bot = _survey(services, "ja", said, "ja", "nichts")
    assert dialog.answers["zufriedenheit"] == rating, (dialog.answers, bot)


@pytest.mark.parametrize(
    ("comment", "stored"),
    [("die sollen mal die störungen beheben tschüss", "die sollen mal die störungen beheben"),
     ("dass der kundenservice auch am wochenende erreichbar ist danke schön auf wiederhören",
      "dass der kundenservice auch am wochenende erreichbar ist"),
     ("mehr danke sagen", "mehr danke sagen")],
)  # fmt: skip
def test_a_comment_ending_in_a_goodbye_without_commas_is_stored_without_it(
    services, comment, stored
):
    # session-15 round-2 probe: the goodbye words were stored as part of the comment
    record, dialog, bot = _survey(services, "ja", "vier", "ja", comment)
    assert dialog.answers["kommentar"] == stored and record.outcome == "resolved", bot


@pytest.mark.parametrize(
    "credit",
    ["Untertitel der Amara.org-Community", "Untertitelung des ZDF, 2020", "Copyright WDR 2021",
     "Danke fürs Zuschauen!"],
)  # fmt: skip
def test_a_subtitle_credit_whisper_writes_on_silence_is_no_comment(services, credit):
    """Whisper base writes its training data's credits on a silent line: at the comment such a
    line was stored as the respondent's comment; it is silence (the question once more), and
    cut off a real comment."""
    _, dialog, said = _survey(services, "Ja.", "Vier.", "Ja.", credit, "schnellere Hotline")
    assert dialog.answers["kommentar"] == "schnellere Hotline", said
    assert said[-2] == said[-3]  # the comment question once more
    _, dialog, said = _survey(
        services, "Ja.", "Vier.", "Ja.", "Mehr Glasfaser. Untertitel der Amara.org-Community"
    )
    assert dialog.answers["kommentar"] == "Mehr Glasfaser.", said


@pytest.mark.parametrize("thanks", ["Vielen Dank.", "nein danke", "Danke schön!"])
def test_thanks_alone_at_the_comment_is_no_comment(services, thanks):
    """'Vielen Dank.' and 'nein danke' at 'Was sollte Ihr Anbieter besser machen?' were stored
    as the comment ('Vielen Dank.' is also what Whisper writes on a silent line)."""
    record, dialog, said = _survey(services, "Ja.", "Vier.", "Ja.", thanks)
    assert record.outcome == "resolved" and dialog.answers["kommentar"] is None, said


@pytest.mark.parametrize(
    ("said", "own", "rating"),
    [("mein mann würde sagen drei", "vier", "4"),
     ("meine tochter sagt immer fünf", "ich weiß nicht", None),
     ("meine frau meint vier", "ich sag auch vier", "4"),
     ("also wenn ich meinen sohn frage sagt der zwei", "drei", "3")],
)  # fmt: skip
def test_another_persons_rating_alone_is_not_stored_and_the_own_is_asked(
    services, said, own, rating
):
    # session-16 probe: 'mein Mann würde sagen drei' was stored as the person's own rating
    _record, dialog, bot = _survey(services, "ja", said, own, "ja", "nichts")
    assert "eigene Meinung" in bot[2], bot
    assert dialog.answers["zufriedenheit"] == rating, (dialog.answers, bot)
    assert dialog.answers["weiterempfehlung"] == "ja", (dialog.answers, bot)


@pytest.mark.parametrize(
    ("said", "rating"),
    [("mein mann sagt drei und ich auch", "3"),
     ("mein mann und ich sind uns einig fünf", "5"),
     ("mein nachbar hat gesagt die sind schlecht aber ich bin zufrieden vier", "4")],
)  # fmt: skip
def test_the_own_rating_said_with_another_persons_is_stored(services, said, rating):
    _record, dialog, bot = _survey(services, "ja", said, "ja", "nichts")
    assert dialog.answers["zufriedenheit"] == rating, (dialog.answers, bot)


@pytest.mark.parametrize(
    ("said", "own", "answer"),
    [("mein sohn würde ihn empfehlen", "ich nicht", "nein"),
     ("mein mann sagt nein", "ich würde eher ja sagen", "ja")],
)  # fmt: skip
def test_another_persons_recommendation_alone_is_not_stored(services, said, own, answer):
    _record, dialog, bot = _survey(services, "ja", "4", said, own, "nichts")
    assert "eigene Meinung" in bot[3], bot
    assert dialog.answers["weiterempfehlung"] == answer, (dialog.answers, bot)


def test_a_comment_told_from_another_person_is_kept(services):
    _record, dialog, _bot = _survey(services, "ja", "4", "ja",
                                    "mein mann meint die sollen billiger werden")  # fmt: skip
    assert dialog.answers["kommentar"] == "mein mann meint die sollen billiger werden"


@pytest.mark.parametrize(
    ("said", "rating"),
    [("keine ahnung vielleicht drei", "3"),  # (was stored as none: 'keine Ahnung')
     ("weiß nicht so genau so drei vielleicht", "3"),
     ("früher war es super jetzt nur noch zwei", "2"),  # (was asked again: 'super')
     ("keine ahnung", None),
     ("weiß ich nicht ich hab drei störungen gehabt", None)],
)  # fmt: skip
def test_a_rating_said_after_not_knowing_or_after_an_earlier_judgement_is_stored(
    services, said, rating
):
    _record, dialog, bot = _survey(services, "ja", said, "ja", "nichts")
    assert dialog.answers["zufriedenheit"] == rating, (dialog.answers, bot)
    assert dialog.answers["weiterempfehlung"] == "ja", (dialog.answers, bot)


def test_someone_else_who_wants_to_add_a_comment_is_waited_for(services):
    # session-16 probe: 'Moment, mein Mann will auch noch was sagen' was stored as the comment
    _record, dialog, bot = _survey(services, "ja", "4", "ja",
                                   "moment mein mann will auch noch was sagen",
                                   "die sollen die rechnung verständlicher machen")  # fmt: skip
    assert "warte" in bot[4], bot
    assert dialog.answers["kommentar"] == "die sollen die rechnung verständlicher machen"


@pytest.mark.parametrize(
    ("said", "answer"),
    [("mein nachbar sagt nein aber ich würde ihn empfehlen", "ja"),  # (was stored 'nein')
     ("meine frau würde nein sagen ich ja", "ja"),
     ("ich eher nicht aber mein mann würde ihn empfehlen", "nein")],
)  # fmt: skip
def test_the_own_recommendation_beside_another_persons_is_stored(services, said, answer):
    _record, dialog, bot = _survey(services, "ja", "4", said, "nichts")
    assert dialog.answers["weiterempfehlung"] == answer, (dialog.answers, bot)


def test_a_rating_for_oneself_and_the_family_is_stored(services):
    _record, dialog, bot = _survey(services, "ja", "also meine familie und ich würden sagen drei",
                                   "ja", "nichts")  # fmt: skip
    assert dialog.answers["zufriedenheit"] == "3", (dialog.answers, bot)


@pytest.mark.parametrize(
    ("turns", "key", "answer"),
    [(("ja", "4", "mein mann sagt ja", "ich auch", "nichts"), "weiterempfehlung", "ja"),
     (("ja", "mein mann würde sagen drei", "sehe ich genauso", "ja", "nichts"),
      "zufriedenheit", "3")],
)  # fmt: skip
def test_agreeing_with_another_persons_answer_makes_it_the_own(services, turns, key, answer):
    _record, dialog, bot = _survey(services, *turns)
    assert dialog.answers[key] == answer, (dialog.answers, bot)


@pytest.mark.parametrize(
    ("answer", "stored"),
    [("Ja, das war es schon.", "ja"), ("Ja. Das wars.", "ja"), ("Ja, das ist alles.", "ja"),
     ("Nein, das war's.", "nein")],
)  # fmt: skip
def test_a_that_is_all_beside_a_yes_is_no_no(services, answer, stored):
    """Session-17 probe: 'Ja, das war es schon.' to 'Würden Sie ihn weiterempfehlen?' was stored
    'nein' (the closing 'das war es' reads as a no at the inbound 'Kann ich sonst noch helfen?');
    beside a yes or no the caller is only done, the answer is the yes or no."""
    _, dialog, said = _survey(services, "ja", "vier", answer, "nichts")
    assert dialog.answers["weiterempfehlung"] == stored, (said, dialog.answers)


@pytest.mark.parametrize(
    "said", ["ich bin vierzehn meine eltern sind nicht da", "meine eltern sind gerade einkaufen"]
)
def test_a_child_telling_the_age_without_erst_or_the_parents_out_is_not_surveyed(services, said):
    """ "Ich bin vierzehn, meine Eltern sind nicht da" was told that anyone in the household may
    answer, 'zum Beispiel Sie' (session-17 probe)."""
    record, dialog, bot = _survey(services, said, "ja", "vier")
    assert bot[-1].startswith("Vielen Dank! Die Umfrage richtet sich leider nur an Erwachsene")
    assert record.outcome == "no_answer" and dialog.answers == {}, bot


@pytest.mark.parametrize(
    "said",
    [
        "gerade ganz schlecht in einer stunde gerne",
        "jetzt passt es nicht aber morgen gerne wieder",
        "im moment ungünstig ich koche gerade vielleicht heute abend",
    ],
)
def test_now_bad_and_a_later_time_is_a_call_back_not_consent(services, said):
    """ "Gerade ganz schlecht, in einer Stunde gerne" started the survey (its 'gerne')."""
    record, dialog, bot = _survey(services, said, "vier")
    assert bot[-1].startswith("Gern, dann versuchen wir es ein anderes Mal"), bot
    assert record.outcome == "declined" and not any(dialog.answers.values()), bot


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("zwei oder drei ach sagen wir drei", "3"),
        ("zwischen zwei und drei eher drei", "3"),
        ("das internet fällt drei oder vier mal im monat aus also zwei", "2"),
    ],
)
def test_a_rating_chosen_after_two_numbers_is_stored(services, said, stored):
    """ "Zwei oder drei, ach, sagen wir drei" was asked "Eher 2 oder eher 3?", "… drei oder vier
    Mal im Monat aus, also zwei" asked again (session-17 probe)."""
    _, dialog, bot = _survey(services, "ja", said, "nein", "nichts")
    assert dialog.answers["zufriedenheit"] == stored, bot
    assert bot[2] == "Würden Sie ihn weiterempfehlen?", bot


@pytest.mark.parametrize("question", ["wie lange dauert das noch", "wie viele fragen kommen noch"])
def test_how_long_it_still_takes_asked_at_the_comment_is_answered_not_stored(services, question):
    """ "Wie lange dauert das noch" was stored as the comment (session-17 probe)."""
    _, dialog, bot = _survey(services, "ja", "vier", "ja", question, "Mehr Tempo.")
    assert "zwei Minuten" in bot[-2] and bot[-2].endswith("besser machen?"), bot
    assert dialog.answers["kommentar"] == "Mehr Tempo.", bot


def test_how_long_the_provider_takes_is_a_comment(services):
    said = "wie lange dauert das noch bis die endlich glasfaser legen"
    _, dialog, bot = _survey(services, "ja", "vier", "ja", said)
    assert dialog.answers["kommentar"] == said, bot


@pytest.mark.parametrize(
    ("said", "yes_no", "comment"),
    [
        ("ja und besser machen könnten sie den kundenservice", "ja",
         "besser machen könnten sie den kundenservice"),
        ("nein aber besser machen sollten die vor allem die preise", "nein",
         "besser machen sollten die vor allem die preise"),
    ],
)  # fmt: skip
def test_the_comment_said_with_the_recommendation_is_stored_and_not_asked(
    services, said, yes_no, comment
):
    """ "Ja, und besser machen könnten sie den Kundenservice" stored the yes, then asked the
    comment question twice and lost the comment (session-17 probe)."""
    record, dialog, bot = _survey(services, "ja", "vier", said)
    assert dialog.answers["weiterempfehlung"] == yes_no, bot
    assert dialog.answers["kommentar"] == comment, bot
    assert record.outcome == "resolved" and bot[-1].startswith("Vielen Dank für Ihre Antworten")


def test_english_asked_for_at_a_question_is_told_in_english_the_survey_is_german_only(services):
    """ "Can we do this in English" at the rating question heard the German reprompt twice
    (session-17 probe); answers in English words ("four", "yes") are still taken."""
    record, dialog, bot = _survey(services, "ja", "vier", "sorry my german is not so good can "
                                  "we speak english")  # fmt: skip
    assert "German only" in bot[-1] and record.outcome == "hangup", bot
    assert dialog.answers["zufriedenheit"] == "4"


def test_a_recommendation_on_ones_own_advice_is_the_own_answer(services):
    """ "mein Bruder hat ihn auf meinen Rat genommen, also ja": 'meinen Rat' was read as the
    brother's view ('meinen', to think) and the own view asked for (session-17 probe)."""
    said = "mein bruder hat ihn auf meinen rat genommen also ja"
    _, dialog, bot = _survey(services, "ja", "fünf", said, "nichts")
    assert dialog.answers["weiterempfehlung"] == "ja" and "eigene Meinung" not in bot[3], bot


def test_a_question_about_data_protection_at_consent_is_answered(services):
    """ "Ist das überhaupt datenschutzkonform nach DSGVO?" heard only the consent question
    again (session-17 probe): the survey's answer about itself (anonymous), then consent."""
    record, dialog, bot = _survey(services, "ist das überhaupt datenschutzkonform nach dsgvo",
                                  "ok dann ja", "drei", "nein", "billiger")  # fmt: skip
    assert "anonym" in bot[1] and bot[1].endswith("Zeit für drei kurze Fragen?"), bot
    assert dialog.answers["zufriedenheit"] == "3" and record.outcome == "resolved"


@pytest.mark.parametrize(
    "said",
    ["ich bin nicht der anschlussinhaber das ist mein vater", "der vertrag läuft auf meinen mann"],
)
def test_not_the_contract_holder_hears_that_anyone_in_the_household_may_answer(services, said):
    """ "Ich bin nicht der Anschlussinhaber" heard only the consent question again (session-17
    probe)."""
    record, dialog, bot = _survey(services, said, "ja", "drei", "ja", "nichts")
    assert bot[1].startswith("Die Fragen kann gern auch jemand anderes"), bot
    assert dialog.answers["zufriedenheit"] == "3" and record.outcome == "resolved"


@pytest.mark.parametrize(
    ("said", "rating", "yes_no"),
    [
        ("ach nein bei der ersten frage eher drei und ja empfehlen schon", "3", "ja"),
        ("ändern sie meine bewertung bitte auf drei und nein weiterempfehlen würde ich ihn nicht",
         "3", "nein"),
    ],
)  # fmt: skip
def test_a_rating_corrected_with_the_answer_to_this_question_keeps_both(
    services, said, rating, yes_no
):
    """ "… bei der ersten Frage eher drei und ja, empfehlen schon": the rating was changed and
    the yes lost, the recommendation asked again (session-17 probe)."""
    _, dialog, bot = _survey(services, "ja", "vier", said, "nichts")
    assert dialog.answers["zufriedenheit"] == rating, bot
    assert dialog.answers["weiterempfehlung"] == yes_no, bot
    assert bot[3].endswith("Was sollte Ihr Anbieter besser machen?"), bot


@pytest.mark.parametrize(
    ("handed", "greeting"),
    [
        ("moment ich gebe sie mal meiner frau", "ja hallo"),
        ("Moment, ich geb Sie mal weiter an meinen Mann.", "Hallo, wer ist da?"),
    ],
)
def test_the_phone_handed_on_at_a_question_is_waited_for(services, handed, greeting):
    """ "Moment, ich gebe Sie mal meiner Frau" at the rating was a wrong rating (reprompt), the
    wife's "ja hallo" skipped the question and her "fünf" was no yes or no (session-18 probe):
    "Gerne, ich warte.", who calls and the question for the new person, her answer stored."""
    record, dialog, bot = _survey(services, "ja", handed, greeting, "fünf", "ja", "nichts")
    assert bot[2] == "Gerne, ich warte.", bot
    assert "Marktblick" in bot[3] and bot[3].endswith("von 1 bis 5?"), bot
    assert dialog.answers["zufriedenheit"] == "5" and record.outcome == "resolved", bot


@pytest.mark.parametrize("said", ["stopp", "Nein, stopp bitte!", "Schluss jetzt."])
def test_stopp_at_a_question_ends_the_survey_with_its_answers(services, said):
    """ "Stopp" at the recommendation heard "Bitte antworten Sie mit Ja oder Nein" (session-18
    probe); a comment about a connection that stops stays a comment."""
    record, dialog, bot = _survey(services, "ja", "drei", said)
    assert dialog.ended and record.outcome == "hangup", bot
    assert dialog.answers["zufriedenheit"] == "3", bot
    _, dialog, _ = _survey(services, "ja", "drei", "ja", "die verbindung stoppt ständig")
    assert dialog.answers["kommentar"] == "die verbindung stoppt ständig"


@pytest.mark.parametrize(
    ("said", "rating"),
    [
        ("meine tochter ist vierzehn die findet das internet super aber ich sag drei", "3"),
        ("mein mann hat fünfzig mal angerufen bei denen der sagt eins aber ich würde zwei sagen",
         "2"),
    ],
)  # fmt: skip
def test_an_own_rating_beside_another_persons_words_with_a_number_is_stored(services, said, rating):
    """ "meine Tochter ist vierzehn, die findet das Internet super, aber ich sag drei" was
    asked the scale again: the daughter's age made the turn hold two numbers (session-18
    probe); the own clause's rating is stored."""
    _, dialog, bot = _survey(services, "ja", said, "ja", "nichts")
    assert dialog.answers["zufriedenheit"] == rating, bot
    assert bot[2] == "Würden Sie ihn weiterempfehlen?", bot


def test_quitting_with_words_between_the_verbs_is_no_comment(services):
    """ "ach wissen Sie was, ich möchte doch nicht mehr mitmachen" at the comment was stored as
    the comment and thanked for the answers (session-18 probe): the survey ends without it; at
    the rating it declines. The provider's customers who will not go along stay a comment."""
    said = "ach wissen sie was ich möchte doch nicht mehr mitmachen"
    record, dialog, _ = _survey(services, "ja", "vier", "ja", said)
    assert dialog.answers.get("kommentar") is None and record.outcome == "hangup"
    said = "ich will jetzt eigentlich doch nicht mehr mitmachen"
    record, dialog, _ = _survey(services, "ja", said)
    assert dialog.ended and record.outcome == "declined"
    said = "die kunden wollen nicht mehr mitmachen bei den preiserhöhungen"
    _, dialog, _ = _survey(services, "ja", "drei", "ja", said)
    assert dialog.answers["kommentar"] == said


@pytest.mark.parametrize("step", [0, 2])
def test_who_the_survey_is_for_asked_is_answered_by_the_introduction(services, step):
    """ "ist das von der Telekom?" at consent heard only the consent question, at the
    recommendation 'Bitte antworten Sie mit Ja oder Nein' (no intent placed it; session-18
    probe): who calls and for whom (the introduction), then the question again."""
    before = ("ja", "vier")[:step]
    record, _, bot = _survey(services, *before, "moment mal ist das jetzt von der telekom",
                                  "ja", "vier", "ja", "nichts")  # fmt: skip
    assert "Marktblick" in bot[step + 1] and "Auftrag" in bot[step + 1], bot
    assert record.outcome == "resolved", bot


@pytest.mark.parametrize("said", ["hallo sind sie noch da", "hallo hören sie mich"])
def test_a_line_check_at_a_question_hears_yes_and_the_question(services, said):
    """ "hallo sind Sie noch da" at the recommendation heard "Bitte antworten Sie mit Ja oder
    Nein" (session-18 probe): that the bot hears them, then the question (no try counted)."""
    record, dialog, bot = _survey(services, "ja", "vier", said, "ja", "nichts")
    assert bot[3] == "Ja, ich höre Sie gut. Würden Sie ihn weiterempfehlen?", bot
    assert dialog.answers["weiterempfehlung"] == "ja" and record.outcome == "resolved", bot


def test_a_lone_goodbye_at_a_question_is_asked_again_once(services):
    """A lone 'Tschüss.' (Whisper on a silent line) right after the consent ended the survey
    with no answer stored (session-18 probe): the question is asked again; said twice, or
    silence after it, the respondent is let go."""
    record, dialog, said = _survey(services, "ja", "Tschüss.", "vier", "ja", "nichts")
    assert dialog.answers["zufriedenheit"] == "4" and record.outcome == "resolved", said
    record, dialog, said = _survey(services, "ja", "drei", "Tschüss.", "Tschüss.")
    assert record.outcome != "resolved" and "weiterempfehlung" not in dialog.answers, said
