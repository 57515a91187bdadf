"""Short answers and what else they carry, at the text level: a new concern at a yes/no
prompt, closing words, greetings, and requests for a person that are none."""

from __future__ import annotations

import asyncio

import pytest

from voicebot.dialog.textcall import CallServices, hang_up, keys, run_call, say, silence
from voicebot.events import BotSpeech
from voicebot.pipeline import CallRecord

# a bill concern the classifier is unsure of: answered with "Geht es um Ihre Rechnung?" ("Rechnung."
# alone names the concern by its topic word and is not confirmed)
UNSURE_BILL = "Auf meiner Rechnung steht eine falsche Nummer."


@pytest.fixture(scope="module")
def services(tenants, tenant_nlu) -> CallServices:
    return CallServices(tenants, nlu_for=tenant_nlu)


def call(services: CallServices, tenant: str, *turns: object) -> CallRecord:
    return asyncio.run(run_call(tenant, list(turns), services))  # type: ignore[arg-type]


def bot_said(record: CallRecord) -> list[str]:
    return [e.text for e in record.events if isinstance(e, BotSpeech)]


# ---- a new concern where the bot asked yes or no ---------------------------------------------
def test_no_and_a_new_concern_after_the_confirmation_question_serves_the_new_concern(services):
    record = call(
        services,
        "nordwelle",
        say("es geht um eine abbuchung"),
        say("nein, ich will kündigen"),
        keys("40817253#"),
    )
    assert any(t.startswith("Geht es um") for t in bot_said(record))
    assert record.handoff is not None and record.handoff.queue == "kundenbindung"


def test_a_new_concern_without_no_after_is_it_about_is_not_read_as_no(services):
    record = call(
        services,
        "harbour-bank",
        say("something is wrong with my account"),
        say("my card is not working"),
    )
    assert any(t.startswith("Is it about") for t in bot_said(record)), bot_said(record)
    assert (
        record.handoff is not None and record.handoff.context["intent"]["id"] == "card_not_working"
    )


def test_naming_the_guessed_concern_again_confirms_it(services):
    record = call(
        services,
        "nordwelle",
        say("sind sie morgen da"),
        say("ja, die öffnungszeiten"),
        say("nein"),
    )
    assert any("9 bis 20 Uhr" in t for t in bot_said(record)), bot_said(record)


def test_no_and_a_new_concern_at_anything_else_is_served_not_ended(services):
    record = call(
        services,
        "nordwelle",
        say("wann haben ihre shops geöffnet"),
        say("nein, aber mein internet geht nicht mehr"),
        keys("40817261#"),
    )
    assert record.handoff is not None and record.handoff.queue == "stoerungsdienst"


def test_a_bare_yes_at_anything_else_asks_for_the_concern_and_is_no_praise(services):
    record = call(services, "sonnhof", say("was kostet die handcreme"), say("ja"), hang_up())
    said = bot_said(record)
    assert "Vielen Dank, wir geben Ihr Lob" not in " ".join(said)
    assert said[-1] == services.view("sonnhof").prompts.say("ask_concern_again")


@pytest.mark.parametrize("closing", ["Nein, danke, das war alles.", "Mein Dankes, das war alles."])
def test_that_was_all_ends_the_call_even_when_misheard(services, closing):
    record = call(services, "sonnhof", say("was kostet die handcreme"), say(closing))
    assert record.outcome == "resolved" and record.handoff is None


# ---- an agent request needs a sure classification or the words themselves -------------------
@pytest.mark.parametrize("off_topic", ["2 4 6 8", "go forward ten meters", "hello"])
def test_off_topic_words_are_reprompted_not_handed_to_an_agent(services, off_topic):
    record = call(services, "harbour-bank", say(off_topic), hang_up())
    assert record.handoff is None, bot_said(record)
    prompts = services.view("harbour-bank").prompts
    expected = prompts.say("ask_concern" if off_topic == "hello" else "no_match")  # greeted back
    assert bot_said(record)[1] == expected


def test_yes_please_at_the_greeting_is_no_request_for_a_person(services):
    record = call(services, "nordwelle", say("ja bitte"), hang_up())
    assert record.handoff is None, bot_said(record)


@pytest.mark.parametrize(
    ("tenant", "asked", "queue"),
    [
        ("harbour-bank", "can I speak to someone", "general"),
        ("harbour-bank", "is there someone I can talk to", "general"),
        ("nordwelle", "ich möchte mit jemandem sprechen", "allgemein"),
        ("sonnhof", "verbinden sie mich bitte", "verbraucherservice"),
    ],
)
def test_a_request_for_a_person_in_other_words_still_hands_off(services, tenant, asked, queue):
    record = call(services, tenant, say(asked))
    assert record.handoff is not None and record.handoff.queue == queue
    assert record.handoff.context["reason"] == "agent_request"


def test_that_was_all_to_the_confirmation_question_says_goodbye(services):
    record = call(
        services, "nordwelle", say("es geht um eine abbuchung"), say("nein danke, das war alles")
    )
    said = bot_said(record)
    assert said[-1] == services.view("nordwelle").prompts.say("goodbye"), said
    assert record.handoff is None and len(said) == 3


# ---- found by probing whole calls at the text level ------------------------------------------
def test_a_new_sentence_at_is_it_about_is_the_concern_told_anew(services):
    record = call(services, "nordwelle", say("wie ist das wetter morgen"),
                  say("mein internet geht nicht"), keys("40817253#"), say("ja"))  # fmt: skip
    said = " | ".join(bot_said(record))
    assert "Geht es um" in said and "Ja oder Nein" not in said, said
    assert record.handoff is not None and record.handoff.queue == "stoerungsdienst"


def test_yes_with_a_question_at_anything_else_serves_the_question(services):
    record = call(services, "nordwelle", say("wie starte ich den router neu"),
                  say("ja, und wann haben die shops geöffnet"), say("nein danke"))  # fmt: skip
    said = " | ".join(bot_said(record))
    assert "9 bis 20 Uhr" in said and "Was kann ich sonst" not in said, said
    assert record.outcome == "resolved"


@pytest.mark.parametrize(
    ("tenant", "turns", "queue"),
    [
        ("harbour-bank", [say("press zero"), keys("0#")], "general"),
        ("nordwelle", [say("ich will meine kundennummer nicht sagen, verbinden sie mich einfach")],
         "allgemein"),
    ],
)  # fmt: skip
def test_zero_or_a_bare_transfer_asks_for_a_person(services, tenant, turns, queue):
    record = call(services, tenant, *turns)
    assert record.handoff is not None and record.handoff.queue == queue, bot_said(record)
    assert record.handoff.context["reason"] == "agent_request"


def test_a_single_key_at_the_first_prompt_is_no_customer_number(services):
    record = call(services, "nordwelle", say("blabla"), keys("1#"), hang_up())
    said = " | ".join(bot_said(record))
    assert "Endziffern" not in said and "nicht verstanden" in said, said


# ---- session 9 probes ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "turn",
    ["Nein, dann warte ich. Und mein Telefon geht auch nicht.",
     "Nein. Mein Telefon geht aber auch nicht."],
)  # fmt: skip
def test_another_service_down_at_the_agent_offer_after_an_outage_is_served(services, turn):
    """The same intent (a fault) with another slot (the telephone, the outage is the
    Internet's) is a concern of its own, not a no to the offer."""
    record = call(services, "nordwelle", say("Mein Internet geht seit gestern nicht."),
                  say("40817253"), say(turn))  # fmt: skip
    assert record.handoff is not None and record.handoff.queue == "stoerungsdienst"
    assert record.handoff.context["slots"]["service"] == "telefon"


def test_no_with_the_same_fault_at_the_agent_offer_is_still_a_no(services):
    record = call(services, "nordwelle", say("Mein Internet geht seit gestern nicht."),
                  say("40817253"), say("Nein, dann warte ich, das Internet geht ja eh nicht."),
                  say("nein danke"))  # fmt: skip
    assert record.handoff is None and "Kann ich sonst noch helfen?" in bot_said(record)[-2]


@pytest.mark.parametrize(
    ("turns", "product"),
    [(("Ist in der Nougatcreme Gluten?", "und die war verschimmelt"), "nuss-nougat-creme"),
     (("Die war verschimmelt.", "Das Müsli"), "knusper-muesli")],
)  # fmt: skip
def test_a_complaint_in_words_the_intents_never_use_is_understood(services, turns, product):
    """'verschimmelt' is in no example, but the NLU places the sentence surely: no nonsense
    (it was 'Ja oder Nein?' after an answer and 'nicht verstanden' at the greeting)."""
    record = call(services, "sonnhof", *(say(t) for t in turns), say("L 1 2 3 4 M"))
    assert record.handoff is not None and record.handoff.queue == "qualitaet", bot_said(record)
    assert record.handoff.context["slots"]["product"] == product


@pytest.mark.parametrize(
    ("tenant", "turns"),
    [("nordwelle", ("Internet geht nicht", "40817253", "Ach so, okay, danke für die Info.")),
     ("nordwelle", ("Rechnung", "ja", "40817287",
                    "Ah ja, stimmt, hab ich vergessen zu überweisen. Danke!")),
     ("nordwelle", ("Rechnung", "ja", "40817287", "Gut zu wissen, danke.")),
     ("harbour-bank", ("What is the exchange rate?", "Oh okay, thanks for letting me know."))],
)  # fmt: skip
def test_an_answer_taken_note_of_with_thanks_needs_no_agent(services, tenant, turns):
    """'Ach so, okay, danke für die Info' to 'Möchten Sie mit einem Mitarbeiter sprechen?' put
    the caller through (the 'okay' read as a yes)."""
    record = call(services, tenant, *(say(t) for t in turns), say("nein"))
    assert record.handoff is None and record.outcome == "resolved", bot_said(record)


@pytest.mark.parametrize(
    "turn",
    ["Okay danke, verbinden Sie mich trotzdem bitte.", "Ja, danke.",
     "ok danke, aber ich möchte trotzdem mit jemandem sprechen"],
)  # fmt: skip
def test_thanks_with_a_yes_or_a_request_still_puts_through(services, turn):
    record = call(services, "nordwelle", say(UNSURE_BILL), say("ja"), say("40817287"), say(turn))
    assert record.handoff is not None and record.handoff.queue == "abrechnung", bot_said(record)


def test_ok_thanks_one_more_question_asks_for_it(services):
    """It repeated the bill's answer (the turn was read as the same concern)."""
    record = call(services, "nordwelle", say(UNSURE_BILL), say("ja"), say("40817287"),
                  say("nein"), say("ok danke, ich hab noch eine Frage"),
                  say("mein Internet geht nicht"))  # fmt: skip
    assert "Was kann ich sonst für Sie tun?" in bot_said(record), bot_said(record)
    assert record.handoff is not None and record.handoff.queue == "stoerungsdienst"


@pytest.mark.parametrize(
    ("tenant", "question", "closing"),
    [("sonnhof", "Ist die Hafermilch vegan?", "Okay, vielen Dank, schönen Tag"),
     ("sonnhof", "Ist die Hafermilch vegan?", "Mhm, okay. Dann bis zum nächsten Mal."),
     ("sonnhof", "Ist die Hafermilch vegan?", "Super, dann weiß ich Bescheid. Danke!"),
     ("sonnhof", "Ist die Hafermilch vegan?", "Gut, das wollt ich nur wissen."),
     ("sonnhof", "Ist die Hafermilch vegan?", "Alles klar, schönen Tag noch!"),
     ("harbour-bank", "How long will it take for my new card to arrive?",
      "Right, that's fine then."),
     ("harbour-bank", "How long will it take for my new card to arrive?",
      "Lovely, have a nice day!")],
)  # fmt: skip
def test_a_farewell_or_closing_after_an_answer_ends_the_call(services, tenant, question, closing):
    """These were praise ('Super, dann weiß ich Bescheid'), 'Geht es um ein Lob?' or 'not
    understood' after the answer."""
    record = call(services, tenant, say(question), say(closing))
    assert record.outcome == "resolved" and len(bot_said(record)) == 3, bot_said(record)


def test_a_farewell_wish_said_with_a_concern_serves_the_concern(services):
    record = call(services, "harbour-bank", say("Hi, have a nice day, I lost my card"))
    assert record.handoff is not None and record.handoff.queue == "fraud", bot_said(record)


@pytest.mark.parametrize(
    ("first", "asked"),
    [("Mein Internet geht nicht.", "Ach, geben Sie mir einfach einen Mitarbeiter."),
     ("Kündigung", "Verbinden Sie mich mit einem Kollegen"),
     ("Rechnung", "Können Sie mich bitte verbinden?")],
)  # fmt: skip
def test_a_person_asked_for_at_the_number_prompt_or_a_confirmation_is_put_through(
    services, first, asked
):
    """TENANTS.md: a person is valid at any point; these repeated the number prompt or were not
    understood."""
    record = call(services, "nordwelle", say(first), say(asked))
    assert record.handoff is not None, bot_said(record)
    assert record.handoff.context["reason"] == "agent_request" and len(bot_said(record)) == 3


@pytest.mark.parametrize(
    "question", ["Bin ich hier mit einem Computer verbunden?", "Rede ich hier mit einer Maschine?"]
)
def test_asking_whether_the_bot_is_a_machine_is_answered(services, question):
    record = call(services, "nordwelle", say(question), say("Mein Internet geht nicht."))
    assert "digitale Assistent" in bot_said(record)[1], bot_said(record)


def test_a_correction_after_a_pause_word_gives_what_is_meant(services):
    """'nein warten Sie, ich meine, ich ziehe um' was handed to retention as a cancellation."""
    record = call(services, "nordwelle",
                  say("Ich möchte kündigen, nein warten Sie, ich meine, ich ziehe um."),
                  say("40817253"), say("20095"))  # fmt: skip
    assert record.handoff is not None and record.handoff.queue == "vertragsservice"
    assert record.handoff.context["slots"]["postcode"] == "20095"


@pytest.mark.parametrize(
    ("before", "correction", "asked"),
    [((), "Ach Quatsch, falsche Nummer, das ist die von meiner Frau. Meine ist 40817287.",
      "Wie kann ich Ihnen helfen?"),
     (("Rechnung",), "Nein, Moment, das ist nicht meine Nummer. Meine ist 40817287.",
      "Auf Ihrem Kundenkonto sind derzeit 84,50 Euro offen. Möchten Sie mit einem Mitarbeiter "
      "sprechen?")],
)  # fmt: skip
def test_the_callers_own_number_after_someone_elses_identifies_the_caller(
    services, before, correction, asked
):
    """The wife's number was kept (her 'Frau' read as another person's number), or the
    correction was read as a change of details."""
    record = call(services, "nordwelle", *(say(t) for t in before), say("40817253"),
                  say(correction), hang_up())  # fmt: skip
    assert bot_said(record)[-1] == f"Danke, Klaus Hoffmann. {asked}", bot_said(record)


def test_a_number_of_someone_else_is_still_no_correction(services):
    wife = "Nein, die richtige Nummer ist die von meiner Frau, 40817287"
    record = call(services, "nordwelle", say("40817253"), say(wife), hang_up())
    assert "Klaus Hoffmann" not in " ".join(bot_said(record)), bot_said(record)


# Found by the session's regression probe (the first versions of the rules above misfired)
@pytest.mark.parametrize(
    ("tenant", "turns", "queue"),
    [("harbour-bank", ("How long will it take for my new card to arrive?",
                       "Okay thanks, yes, there's one other thing.",
                       "My card got declined at Tesco yesterday."), "payments"),
     ("nordwelle", ("Mein Internet geht seit heute Morgen nicht.", "40817253",
                    "Ok danke, ja bitte."), "stoerungsdienst"),
     ("nordwelle", ("Internet geht nicht", "40817253",
                    "Ja bitte, das geht ja schon seit gestern nicht."), "stoerungsdienst"),
     ("nordwelle", ("Ich ziehe um", "40817279", "50667, danke, und schönen Tag noch."),
      "vertragsservice"),
     ("sonnhof", ("Ich habe eine Reklamation.", "Die Tomatensauce.",
                  "L 2 3 4 5 B. Schönen Tag noch."), "qualitaet"),
     ("harbour-bank", ("Is it Visa or Mastercard?",
                       "Have a nice day. Oh wait, actually, I lost my card."), "fraud")],
)  # fmt: skip
def test_thanks_or_a_farewell_with_more_said_is_not_the_end(services, tenant, turns, queue):
    record = call(services, tenant, *(say(t) for t in turns), hang_up())
    assert record.handoff is not None and record.handoff.queue == queue, bot_said(record)


@pytest.mark.parametrize(
    ("tenant", "turns"),
    [("nordwelle", ("Ja, schönen Tag, ich hätte eine Frage.",)),
     ("nordwelle", ("Schönen Tag, meine Kundennummer ist 40817253.",)),
     ("harbour-bank", ("Take care of my card please.",)),
     ("nordwelle", ("Wann haben Ihre Shops eigentlich offen?",
                    "Dann weiß ich Bescheid. Und wie starte ich meinen Router neu?")),
     ("harbour-bank", ("What's the top up limit?",
                       "Okay thanks, but I already tried that and it didn't work."))],
)  # fmt: skip
def test_a_greeting_or_more_to_come_does_not_end_the_call(services, tenant, turns):
    record = call(services, tenant, *(say(t) for t in turns), hang_up())
    assert record.events[-1].reason == "caller", bot_said(record)


@pytest.mark.parametrize(
    ("tenant", "text"),
    [("sonnhof", "Meine Kollegin möchte wissen, ob die Handcreme vegan ist."),
     ("nordwelle", "Ich brauche für meinen Sachbearbeiter eine Kopie der letzten Rechnung.")],
)  # fmt: skip
def test_someone_of_the_callers_own_is_no_request_for_a_person(services, tenant, text):
    record = call(services, tenant, say(text), hang_up())
    handoff = record.handoff
    assert handoff is None or handoff.context["reason"] != "agent_request", bot_said(record)


@pytest.mark.parametrize("text", ["Can I pay in bitcoin?", "My bankcard is knackered."])
def test_unknown_words_read_unsurely_stay_not_understood(services, text):
    """Relaxing the unknown-words rule for sure readings must not act on 0.5 guesses."""
    record = call(services, "harbour-bank", say(text), hang_up())
    assert record.handoff is None, bot_said(record)


# ---- customer numbers, names and other numbers (session 9 probes) ----------------------------
def test_a_customer_number_of_another_name_reads_out_nothing(services):
    """'hier ist Petra Lindner, meine Kundennummer ist 40817261' read out Jonas Berger's name
    and open amount."""
    record = call(services, "nordwelle",
                  say("Hallo, hier ist Petra Lindner, meine Kundennummer ist 40817261. "
                      "Wie hoch ist meine offene Rechnung?"), say("40817253"))  # fmt: skip
    said = " | ".join(bot_said(record))
    assert "Jonas Berger" not in said and "39,98" not in said, said
    assert "passt leider nicht zu dem Namen" in bot_said(record)[1]
    assert "Danke, Petra Lindner" in bot_said(record)[2]


def test_the_customers_own_name_with_the_number_identifies(services):
    record = call(services, "nordwelle", say("Hoffmann hier."), say("40817287"), hang_up())
    assert bot_said(record)[1:] == ["Wie kann ich Ihnen helfen?", "Danke, Klaus Hoffmann. Wie "
                                    "kann ich Ihnen helfen?"], bot_said(record)  # fmt: skip


@pytest.mark.parametrize(
    "turn",
    ["Ich ziehe in drei Wochen um, in die Schillerstraße 4 in 80331 München.",
     "Kundennummer weiß ich nicht, aber meine Telefonnummer ist 040 1234567"],
)  # fmt: skip
def test_other_numbers_are_no_customer_number(services, turn):
    """A postcode among other numbers, a telephone number: 'Endziffern 31 nicht gefunden'."""
    record = call(services, "nordwelle", say(turn), hang_up())
    assert "Endziffern" not in " ".join(bot_said(record)), bot_said(record)


def test_a_postcode_after_a_house_number_is_read(services):
    record = call(services, "nordwelle", say("Umzug"), say("40817253"),
                  say("Nach Berlin, Invalidenstraße 12, 10115."))  # fmt: skip
    assert record.handoff is not None and record.handoff.context["slots"]["postcode"] == "10115"


def test_not_knowing_the_number_at_the_greeting_goes_on_without(services):
    said = "Ich weiß meine Kundennummer nicht, ich heiße Klaus Hoffmann."
    record = call(services, "nordwelle", say(said), hang_up())
    assert bot_said(record)[1].startswith("Kein Problem, dann geht es ohne Kundennummer")


def test_a_number_not_found_in_the_first_turn_is_asked_for_once(services):
    """The re-ask and the standard number prompt were both said."""
    record = call(services, "nordwelle",
                  say("Meine Kundennummer ist 40817299, wie hoch ist meine offene Rechnung?"),
                  hang_up())  # fmt: skip
    assert bot_said(record)[1].count("Bitte nennen Sie") == 1, bot_said(record)


# Found by the session's second regression probe
@pytest.mark.parametrize(
    "first",
    ["Der Router hier blinkt nur noch rot, meine Kundennummer ist 40817279.",
     "Hier ist Funkstille seit heute morgen, Kundennummer 40817253.",
     "Schultze hier, meine Kundennummer ist 40817295, ich möchte meinen Tarif wechseln.",
     "Hier ist Anna Becker, ich rufe für meine Mutter Petra Lindner an. Ihr Internet geht "
     "nicht. Kundennummer 40817253."],
)  # fmt: skip
def test_words_that_are_no_name_or_the_customers_name_said_identify(services, first):
    """'Router hier', 'hier ist Funkstille' were taken for the caller's name; 'Schultze' is
    how the recogniser may spell Schulte; a daughter naming her mother is calling for her."""
    record = call(services, "nordwelle", say(first), hang_up())
    assert bot_said(record)[1].startswith("Danke, "), bot_said(record)


def test_a_relative_naming_no_customer_is_told_no_details_once_then_goes_on(services):
    record = call(services, "nordwelle",
                  say("Guten Tag, hier spricht Sabine Krause, ich rufe für meinen Vater an."),
                  say("40817287"), say("40817287"), hang_up())  # fmt: skip
    said = bot_said(record)
    assert "passt leider nicht" in said[2] and "keine Auskunft" in said[3], said
    assert "Klaus Hoffmann" not in " ".join(said) and "84,50" not in " ".join(said)


@pytest.mark.parametrize(
    "question",
    ["Kann ich meinen Vertrag kündigen?", "Wie kündige ich?", "Kündigung, wie geht das?"],
)
def test_how_to_cancel_asked_as_a_question_still_hands_off(services, question):
    record = call(services, "nordwelle", say(question), say("40817253"))
    assert record.handoff is not None and record.handoff.queue == "kundenbindung", bot_said(record)


def test_when_the_contract_ends_asked_offers_a_person(services):
    record = call(services, "nordwelle", say("Wann endet eigentlich mein Vertrag?"),
                  say("40817287"), say("nein danke"), say("nein"))  # fmt: skip
    assert record.handoff is None and "Möchten Sie mit einem Mitarbeiter" in bot_said(record)[2]


@pytest.mark.parametrize(
    "no",
    ["Nein danke, ich brauche keinen Techniker.", "Nein, ich brauche keinen Techniker, danke."],
)
def test_no_technician_wanted_is_a_no(services, no):
    record = call(services, "nordwelle", say("Internet geht nicht"), say("40817253"), say(no))
    assert record.handoff is None, bot_said(record)


def test_a_question_before_the_farewell_is_answered(services):
    record = call(services, "sonnhof", say("Ist die Nougatcreme vegan?"),
                  say("Und was kostet die? Danke, schönen Tag."), hang_up())  # fmt: skip
    assert "3,49" in bot_said(record)[-1], bot_said(record)


@pytest.mark.parametrize(
    ("tenant", "turns"),
    [("harbour-bank", ("What's the age limit?", "Right, thanks, that doesn't really help me.")),
     ("nordwelle", ("Wie starte ich den Router neu?", "Okay danke, das bringt mir nichts."))],
)  # fmt: skip
def test_thanks_with_a_complaint_that_it_did_not_help_is_no_goodbye(services, tenant, turns):
    record = call(services, tenant, *(say(t) for t in turns), hang_up())
    assert record.events[-1].reason == "caller", bot_said(record)


def test_a_partial_correction_completes_the_sentence(services):
    """'top up by card, no wait, I mean by bank transfer' kept only 'by bank transfer…'."""
    record = call(services, "harbour-bank",
                  say("I need to top up by card, no wait, I mean by bank transfer, is there a "
                      "charge?"), hang_up())  # fmt: skip
    assert record.handoff is not None and record.handoff.queue == "topup_cash", bot_said(record)


def test_not_knowing_the_number_by_heart_and_fetching_it_is_waited_for(services):
    record = call(services, "nordwelle",
                  say("Ich weiß die Nummer nicht auswendig, Moment, ich schau nach."),
                  say("40817253"), hang_up())  # fmt: skip
    assert bot_said(record)[2].startswith("Danke, Petra Lindner"), bot_said(record)


# Found by the session's third regression probe
def test_the_cancellation_asked_about_at_the_agent_offer_hands_off(services):
    record = call(services, "nordwelle", say("Wann endet mein Vertrag?"), say("40817253"),
                  say("Und wie kündige ich dann?"))  # fmt: skip
    assert record.handoff is not None and record.handoff.queue == "kundenbindung"


# Found by the session's fourth regression probe
@pytest.mark.parametrize(
    "first",
    ["Kunde hier. Ich hab eine Frage zur Rechnung. 40817287",
     "Mama hier. Mein Internet geht nicht. 40817253",
     "Hier ist Montag Abend und immer noch kein Internet. 40817253",
     "So, hier, meine Kundennummer ist 40817253, mein Internet geht nicht.",
     "Hier ist Chaos, mein Router blinkt nur noch rot. 40817253",
     "Internet hier, das geht seit gestern nicht. 40817253"],
)  # fmt: skip
def test_a_noun_is_no_name_that_refuses_the_number(services, first):
    """German nouns are capitalised: 'Kunde hier', 'Hier ist Montag Abend' refused the customer
    ('passt leider nicht zu dem Namen'); a name after 'hier ist' needs a known first name
    (third and fourth regression probes)."""
    record = call(services, "nordwelle", say(first), hang_up())
    assert "passt leider nicht" not in " ".join(bot_said(record)), bot_said(record)


def test_naming_the_customer_after_a_mismatch_identifies_with_the_number_given(services):
    father = "Das ist die Nummer von meinem Vater, Klaus Hoffmann."
    record = call(services, "nordwelle", say("Mein Name ist Müller."), say(UNSURE_BILL),
                  say("ja"), say("40817287"), say(father), hang_up())  # fmt: skip
    assert "Danke, Klaus Hoffmann" in bot_said(record)[-1], bot_said(record)


@pytest.mark.parametrize(
    "question", ["Kann ich früher raus?", "Verlängert der sich automatisch?",
                 "Und was kostet es, wenn ich vorher kündige?"]
)  # fmt: skip
def test_a_question_after_the_contract_end_goes_to_retention(services, question):
    record = call(services, "nordwelle", say("Wann endet mein Vertrag?"), say("40817253"),
                  say(question))  # fmt: skip
    assert record.handoff is not None and record.handoff.queue == "kundenbindung", bot_said(record)


def test_another_concern_after_the_contract_end_is_served(services):
    record = call(services, "nordwelle", say("Wann ist mein Vertragsende?"), say("40817253"),
                  say("Danke. Und wo finde ich meine Rechnungen online?"), hang_up())  # fmt: skip
    assert "Kundenportal" in bot_said(record)[-1] and record.handoff is None, bot_said(record)


# ---- session 10: closings in plain and southern German; corrections of the concern ----------
@pytest.mark.parametrize(
    "closing",
    ["Nichts mehr, danke", "nix mehr, danke", "des wars, servus", "na, des wars, pfiat eana",
     "Danke, des wollt i nur wissen", "na, passt scho", "Na, nix mehr, pfiat di"],
)  # fmt: skip
def test_a_closing_after_an_answer_ends_the_call(services, closing):
    """'Nichts mehr, danke' got the thanks for praise; 'des wars' was not understood and
    handed to an agent (session 10 probe)."""
    record = call(services, "sonnhof", say("Ist die Hafermilch vegan?"), say(closing))
    said = bot_said(record)
    assert record.outcome == "resolved" and record.handoff is None, said
    assert said[-1] == services.view("sonnhof").prompts.say("goodbye"), said


@pytest.mark.parametrize(
    "turns",
    [("Wie sind Ihre Öffnungszeiten?", "Da geht gar nichts mehr, mein Internet", "40817253"),
     ("Servus", "mei Internet geht nimmer", "40817253")],
)  # fmt: skip
def test_words_of_closing_inside_a_concern_or_a_greeting_do_not_end_the_call(services, turns):
    record = call(services, "nordwelle", *(say(t) for t in turns))
    assert record.handoff is not None and record.handoff.queue == "stoerungsdienst", bot_said(
        record
    )


def test_a_correction_after_a_pause_word_replaces_the_concern(services):
    record = call(
        services, "nordwelle", keys("40817279#"),
        say("Ich möchte meine Bankverbindung ändern. Ach nee, Moment, ich will eigentlich"
            " kündigen."),
    )  # fmt: skip
    assert record.handoff is not None and record.handoff.queue == "kundenbindung"


def test_a_request_for_a_person_taken_back_is_no_request(services):
    record = call(
        services, "nordwelle", keys("40817279#"),
        say("Können Sie mich mit jemandem verbinden? Ach nee, lassen Sie, ich will nur wissen,"
            " wie ich den Router neu starte."),
        say("nein"),
    )  # fmt: skip
    said = " ".join(bot_said(record))
    assert "Router neu" in said and record.handoff is None, said


@pytest.mark.parametrize(
    ("tenant", "wait_s", "said"),
    [("nordwelle", 70.0, "Sie sind an Position 2, die Wartezeit beträgt etwa eine Minute."),
     ("nordwelle", 150.0, "Sie sind an Position 2, die Wartezeit beträgt etwa 2 Minuten."),
     ("harbour-bank", 40.0, "You are number 2 in the queue, the wait is about a minute.")],
)  # fmt: skip
def test_the_wait_in_the_queue_is_said_in_good_grammar(services, tenant, wait_s, said):
    """ "etwa 1 Minuten" (contract audit, session 10)."""
    from voicebot.dialog.engine import InboundDialog

    assert InboundDialog(services.view(tenant)).waiting_text(2, wait_s) == said


# ---- session 10: leaving, a concern beside the request for a person, two concerns ----------
@pytest.mark.parametrize(
    "turn", ["Sorry, wrong number. Bye.", "Actually, I'll do it in the app. Bye."]
)
def test_a_turn_ending_in_goodbye_without_a_clear_concern_ends_the_call(services, turn):
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is None and record.outcome == "hangup", bot_said(record)


@pytest.mark.parametrize(
    ("tenant", "turns", "queue"),
    [("nordwelle", ("Mein Internet geht nicht, tschüss", "40817253"), "stoerungsdienst"),
     ("harbour-bank", ("My card was stolen. Bye.",), "fraud")],
)  # fmt: skip
def test_a_clear_concern_said_before_a_goodbye_is_served(services, tenant, turns, queue):
    record = call(services, tenant, *(say(t) for t in turns))
    assert record.handoff is not None and record.handoff.queue == queue, bot_said(record)


def test_a_question_said_before_a_goodbye_is_answered(services):
    record = call(services, "sonnhof", say("Ist die Hafermilch vegan? Danke, tschüss."))
    assert any("vegan" in t for t in bot_said(record)) and record.handoff is None


def test_a_concern_in_its_own_sentence_before_the_request_for_a_person_reaches_the_agent(
    services,
):
    record = call(
        services,
        "harbour-bank",
        say("My card was declined at the supermarket. Can I talk to a human?"),
    )
    assert record.handoff is not None
    assert record.handoff.context["intent"]["id"] == "declined_card_payment"
    assert "declined" in record.handoff.context["summary"]


def test_a_question_announced_after_a_concern_is_named_for_the_agent(services):
    record = call(
        services, "nordwelle", say("Ich will kündigen und hab eine Frage zur Rechnung"),
        keys("40817287#"),
    )  # fmt: skip
    assert record.handoff is not None and record.handoff.queue == "kundenbindung"
    assert "außerdem: Frage zur Rechnung" in record.handoff.context["summary"]


def test_two_questions_joined_by_und_bis_wann_are_both_answered(services):
    """The contract end asked with the balance was lost; served later, it read only the
    'nein' and handed the caller to retention."""
    record = call(
        services, "nordwelle", keys("40817261#"),
        say("Was ist bei mir offen und bis wann läuft mein Vertrag?"), say("nein"), say("nein"),
    )  # fmt: skip
    said = " ".join(bot_said(record))
    assert "offen" in said and "bis zum 31.12.2026" in said, said  # (läuft, or lief later)
    assert record.handoff is None and record.outcome == "resolved", said


def test_the_callers_introduction_is_no_second_concern(services):
    """'mein Name ist Aylin Demir' alone reads as a change of name (daten_aendern)."""
    record = call(
        services, "nordwelle",
        say("Guten Tag, mein Name ist Aylin Demir und ich habe eine Frage zu meiner Rechnung."),
        keys("40817279#"), say("Nein danke."), say("nein"),
    )  # fmt: skip
    said = " ".join(bot_said(record))
    assert "Bankverbindung" not in said and record.handoff is None, said


def test_a_concern_asked_about_but_never_confirmed_is_named_as_likely_for_the_agent(services):
    record = call(services, "nordwelle", say(UNSURE_BILL), keys("40817287#"))
    assert record.handoff is not None, bot_said(record)
    summary = record.handoff.context["summary"]
    assert summary.startswith("Anliegen unklar (vermutlich: ") and "Rechnung" in summary


# ---- session 10, regression round: guards for the rules above ------------------------------
@pytest.mark.parametrize(
    ("tenant", "turns", "queue"),
    [("nordwelle", ("Ich wurde falsch verbunden, mein Internet geht nicht.", "40817253"),
      "stoerungsdienst"),
     ("harbour-bank", ("I entered the wrong number on a transfer, can I cancel it?",), "transfers"),
     ("harbour-bank", ("My card isn't working. Bye.",), "cards"),
     ("harbour-bank", ("My transfer didn't arrive, bye.",), "transfers")],
)  # fmt: skip
def test_wrong_number_or_goodbye_words_beside_a_clear_concern_do_not_end_the_call(
    services, tenant, turns, queue
):
    record = call(services, tenant, *(say(t) for t in turns))
    assert record.handoff is not None and record.handoff.queue == queue, bot_said(record)


def test_a_follow_up_question_with_a_goodbye_is_answered(services):
    record = call(
        services, "sonnhof", say("Ist die Hafermilch vegan?"), say("Und die Nougatcreme? Pfiat di.")
    )
    said = bot_said(record)
    assert any("Nuss-Nougat-Creme" in t for t in said), said


@pytest.mark.parametrize(
    "turn",
    ["Die Handcreme ist ausgelaufen. Was ist da drin?",
     "Die Hafermilch war klumpig. Ist die vegan?",
     "Der Tee hat komisch geschmeckt. Was ist da drin?",
     "Die Brezeln sind nicht aufgegangen. Wie lagere ich die richtig?"],
)  # fmt: skip
def test_a_problem_said_before_a_product_question_is_a_complaint(services, turn):
    record = call(services, "sonnhof", say(turn), say("L 1 2 3 4 A"))
    assert record.handoff is not None and record.handoff.queue == "qualitaet", bot_said(record)


@pytest.mark.parametrize(
    "turn",
    ["Somebody took 500 pounds out of a cash machine with my card and it wasn't me.",
     "There's 89 pounds gone from my account to Amazon and I didn't buy anything.",
     "My account's been emptied!", "I don't recognise a transaction on my statement.",
     "I didn't authorise this payment.",
     "There's a payment on my account I didn't make. How do I get a refund?",
     "I see a charge from a shop I've never been to. Can I get a refund?",
     "i nearly had a heart attack when i saw my balance, theres 600 pounds gone that i didn't "
     "spend",
     # Whisper without the apostrophe (session-18 probe: the payments team)
     "hi yes my card ending 4471 has a payment i dont know about",
     "theres three transfers on my account i didnt make"],
)  # fmt: skip
def test_money_or_a_card_used_without_the_caller_reaches_the_fraud_team(services, turn):
    """Banking77's ten examples per intent do not know these words: the payments team, the
    account team or 'not understood' (session 10 probe)."""
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None, bot_said(record)
    assert (record.handoff.queue, record.handoff.priority) == ("fraud", "high")


@pytest.mark.parametrize(
    "turn",
    ["somebody has got into my online banking, they changed my email address and my phone "
     "number and now i cant get in",
     "i cant log in to the app and i think someone has changed my password",
     "someone has hacked into my banking app"],
)  # fmt: skip
def test_someone_else_in_the_callers_online_banking_reaches_the_fraud_team(services, turn):
    """An account taken over was asked 'Is it about changing your personal details?' or went to
    the account team as a forgotten passcode (session-18 probe)."""
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None, bot_said(record)
    assert (record.handoff.queue, record.handoff.priority) == ("fraud", "high")


@pytest.mark.parametrize(
    ("turn", "said", "kept"),
    [("my card number is 4929 1234 5678 9012 and it has been stolen", "4929 1234", "**** 9012"),
     ("the long number on my card is four five five six, seven seven eight eight, one two three"
      " four, nine nine zero zero, it keeps getting declined", "five five six", "**** 9900"),
     ("my pin is 4 3 2 1 and it won't work at the cash machine", "4 3 2 1", "my pin is ****")],
)  # fmt: skip
def test_a_card_number_or_pin_read_out_is_masked_for_the_agent_and_warned_about(
    services, turn, said, kept
):
    """The handoff transcript held the whole card number or the PIN (PCI DSS: never stored),
    and nobody told the caller not to say them (session 15 probe)."""
    record = call(services, "harbour-bank", say(turn), say("yes"))
    assert record.handoff is not None, bot_said(record)
    heard = " ".join(line["text"] for line in record.handoff.context["transcript"])
    assert said not in heard and kept in heard, heard
    assert "never tell anyone your PIN" in bot_said(record)[1], bot_said(record)
    assert sum("never tell anyone" in s for s in bot_said(record)) == 1


def test_a_card_number_read_out_alone_is_warned_about(services):
    """A card number read out alone at the greeting ('four five three nine …', before the
    concern) was masked for the agent but never warned about: 'card' was not named
    (session-18 probe). Its check digit (Luhn) tells it from a phone or account number."""
    record = call(services, "harbour-bank",
                  say("four five three nine one four eight eight zero three four three six four "
                      "six seven"), say("my card has been stolen"))  # fmt: skip
    assert "never tell anyone" in bot_said(record)[1], bot_said(record)
    heard = " ".join(line["text"] for line in record.handoff.context["transcript"])
    assert "**** 6467" in heard and "three nine" not in heard, heard
    plain = call(services, "harbour-bank", say("my new phone number is 07700 900123"))
    assert not any("never tell anyone" in s for s in bot_said(plain))


def test_a_customer_number_stays_in_the_agents_transcript(services):
    record = call(services, "nordwelle", say("Meine Kundennummer ist 40817253, mein Internet "
                                             "geht nicht."), say("ja"))  # fmt: skip
    assert record.handoff is not None
    assert "40817253" in record.handoff.context["transcript"][1]["text"]
    assert not any("niemandem" in s for s in bot_said(record))


@pytest.mark.parametrize(
    "turn",
    ["I've been scammed, I transferred two thousand pounds to someone pretending to be from the "
     "bank.",
     "i got a text saying my account was locked and i clicked the link and put in my details",
     "I think my mum has been conned, she sent money to a man claiming to be from the police.",
     "i want to report a scam, i paid 400 pounds for a puppy that doesnt exist",
     # posing as a relative, no scam word (session-18 probe: not understood)
     "i got a message on whatsapp from my daughter saying shes got a new number and needs 400 "
     "pounds for a bill, i sent it, and now i found out it wasnt her"],
)  # fmt: skip
def test_a_caller_who_was_scammed_reaches_the_fraud_team(services, turn):
    """A scam (a payment the caller made when tricked, phishing) was asked about as 'a balance
    not updated after a bank transfer?' or not understood (session 15 probe)."""
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None, bot_said(record)
    assert (record.handoff.queue, record.handoff.priority) == ("fraud", "high")
    # the agent reads that a scam was reported, the card intent ranked first only as a guess
    # ('a lost or stolen card' for a puppy paid for; session-17 probe)
    assert record.handoff.context["summary"].startswith("scam reported; possibly: ")


@pytest.mark.parametrize(
    "turn",
    ["i got a text saying my account is frozen and to click a link is that you",
     "I had a call this morning from a number saying it was about my card, was that really you?",
     "i had a call from your fraud team about a payment and i want to check it was really you"],
)  # fmt: skip
def test_a_message_the_caller_asks_if_it_was_from_the_bank_reaches_the_fraud_team(services, turn):
    """A text or call claiming to be the bank, asked about ('… click a link, is that you'), got
    'Is it about closing your account?' (session 15 round 2 probe)."""
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None, bot_said(record)
    assert (record.handoff.queue, record.handoff.priority) == ("fraud", "high")


@pytest.mark.parametrize(
    ("turn", "queue"),
    [("the cash point ate my card this morning", "cards"),
     ("the hole in the wall swallowed my card", "cards"),
     ("it wont let me add a new payee", "transfers"),
     ("the hole in the wall gave me twenty quid less than i asked for", "topup_cash"),
     ("some bloke nicked my card on the bus", "fraud")],
)  # fmt: skip
def test_british_and_colloquial_words_are_read_as_the_examples_words(services, turn, queue):
    """Banking77's examples never say 'cash point', 'hole in the wall', 'payee' or 'quid': 'the
    cash point ate my card' went to the top-up team as a deposit not in the balance, the others
    were asked about or not understood (session-16 probe)."""
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None and record.handoff.queue == queue, bot_said(record)


@pytest.mark.parametrize(
    ("turn", "topic"),
    [("i want to set up a standing order", "standing order: set up"),
     ("how do i cancel a standing order", "standing order: cancel"),
     ("can you change the amount on my standing order to my landlord please",
      "standing order: change"),
     ("i want to cancel a direct debit", "direct debit: cancel"),
     ("yes hi um its about my direct debit to british gas it bounced", "direct debit: failed"),
     ("i want to change my direct debit date", "direct debit: change")],
)  # fmt: skip
def test_a_standing_order_or_direct_debit_request_reaches_a_person_with_it_noted(
    services, turn, topic
):
    """Banking77 has no intent for standing orders or direct debits set up, changed or
    cancelled: 'I want to set up a standing order' was not understood twice, 'I want to cancel
    a direct debit' went to the fraud team at high priority (session-16 probe)."""
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None, bot_said(record)
    assert (record.handoff.queue, record.handoff.priority) == ("general", "normal")
    assert record.handoff.context["summary"].startswith(topic)


def test_a_standing_order_of_someone_who_died_gets_condolences_and_both_noted(services):
    """'my wife died last year and theres still a direct debit going out for her gym' went to
    the fraud team at high priority (session-16 probe)."""
    turn = "my wife died last year and theres still a direct debit going out"
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None, bot_said(record)
    assert (record.handoff.queue, record.handoff.priority) == ("general", "normal")
    assert "sorry for your loss" in bot_said(record)[1]
    summary = record.handoff.context["summary"]
    assert summary.startswith("bereavement") and "direct debit: still being paid" in summary


@pytest.mark.parametrize(
    "turn",
    ["theres a direct debit on my statement i dont recognise",
     "i want to cancel a direct debit that i didn't set up",
     "someone has set up a direct debit on my account",
     "theres a standing order going out of my account that i never set up",
     "a direct debit went out to a company ive never heard of",
     "there's a standing order on my account that i don't know about"],
)  # fmt: skip
def test_a_direct_debit_or_standing_order_the_caller_doubts_stays_with_the_fraud_team(
    services, turn
):
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None, bot_said(record)
    assert (record.handoff.queue, record.handoff.priority) == ("fraud", "high")


@pytest.mark.parametrize(
    ("turn", "topic"),
    [("can i speak to someone about cancelling a direct debit", "direct debit: cancel"),
     ("i need to talk to a person about my standing order", "standing order")],
)  # fmt: skip
def test_a_person_asked_for_about_a_standing_order_or_direct_debit_gets_it_noted(
    services, turn, topic
):
    """'can i speak to someone about cancelling a direct debit' went to the fraud team at high
    priority; 'about my standing order' reached the agent as 'talking to a person' only."""
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None, bot_said(record)
    assert (record.handoff.queue, record.handoff.priority) == ("general", "normal")
    assert record.handoff.context["summary"].startswith(topic)


def test_a_direct_debit_request_added_to_a_yes_is_no_fraud(services):
    """'Is it about topping up by card?' - 'yes and i also want to cancel a direct debit' went
    to the fraud team at high priority, the top-up noted beside it (session-16 probe)."""
    record = call(services, "harbour-bank", say("i want to top up"),
                  say("yes and i also want to cancel a direct debit"))  # fmt: skip
    assert record.handoff is not None, bot_said(record)
    assert (record.handoff.queue, record.handoff.priority) == ("topup_cash", "normal")


@pytest.mark.parametrize(
    ("turn", "noted"),
    [("my card isnt working and i also want to set up a standing order",
      "also: standing order: set up"),
     ("i need to cancel a direct debit and also my card is not working",
      "also: direct debit: cancel")],
)  # fmt: skip
def test_a_standing_order_beside_a_sure_concern_keeps_that_concern(services, turn, noted):
    """The routine request beside another concern is no fraud: 'I need to cancel a direct
    debit and also my card is not working' went to the fraud team at high priority; the
    request is noted for the card team."""
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None and record.handoff.queue == "cards", bot_said(record)
    assert noted in record.handoff.context["summary"]


def test_a_message_told_of_without_doubt_is_no_scam(services):
    from voicebot.dialog.money_reading import scam_reported

    assert not scam_reported("i got a text saying my new card has been sent")
    assert not scam_reported("how do i get a text message when i spend")


@pytest.mark.parametrize(
    "turn",
    ["my pin is blocked. i also think someone has my card details",
     "my pin is blocked and i also think someone has my card details"],
)  # fmt: skip
def test_a_fraud_worry_beside_a_routine_concern_reaches_the_fraud_team(services, turn):
    """A second sentence that fears the card details are known went unheard beside a blocked
    PIN (read as a lead-in, as 'I bought the Nougatcreme yesterday.' is): the card team at
    normal priority, nothing noted (session 15 round 2 probe)."""
    record = call(services, "harbour-bank", say(turn), say("yes"))
    assert record.handoff is not None, bot_said(record)
    assert (record.handoff.queue, record.handoff.priority) == ("fraud", "high")
    assert "PIN" in record.handoff.context["summary"]


def test_a_payment_said_with_its_shop_and_amount_that_is_not_mine_reaches_the_fraud_team(
    services,
):
    """'theres a payment at sainsburys for 84 pounds 20 that isnt mine' went to the payments
    team as an exchange-rate question: the shop and the amount put 'not mine' too far from
    'payment' (session-15 round 2 probe)."""
    turn = "theres a payment at sainsburys for 84 pounds 20 that isnt mine"
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None, bot_said(record)
    assert (record.handoff.queue, record.handoff.priority) == ("fraud", "high")


def test_the_story_of_a_concern_is_no_second_concern_for_its_team(services):
    """'i got my new card in the post and how do i activate it' was noted for the card team
    as 'also: a card that has not arrived' (session-15 round 2 probe)."""
    record = call(services, "harbour-bank",
                  say("hello right so i got my new card in the post and how do i activate it"),
                  say("yes"))  # fmt: skip
    assert record.handoff is not None and record.handoff.queue == "cards", bot_said(record)
    assert "also" not in record.handoff.context["summary"], record.handoff.context["summary"]


@pytest.mark.parametrize(
    "turn",
    ["i made a transfer on friday and when will it arrive",
     "i ordered a new card last week and when will it arrive"],
)  # fmt: skip
def test_a_question_pointing_back_at_a_handed_on_concern_is_no_second_concern(services, turn):
    """'… and when will it arrive' asks the team of the concern; it was noted for the agent
    as 'also: when a new card will arrive' (session 15 round 2 probe)."""
    record = call(services, "harbour-bank", say(turn), say("yes"))
    assert record.handoff is not None, bot_said(record)
    assert "also" not in record.handoff.context["summary"], record.handoff.context["summary"]


@pytest.mark.parametrize(
    "turn",
    ["What happens if I get scammed?",
     "I clicked the link in the app and nothing happened, I can't top up."],
)  # fmt: skip
def test_a_question_about_scams_is_no_report_of_one(services, turn):
    record = call(services, "harbour-bank", say(turn), say("yes"))
    assert record.handoff is None or record.handoff.priority == "normal", bot_said(record)


@pytest.mark.parametrize(
    ("tenant", "turns", "queue"),
    [("harbour-bank", ("My transfer didn't arrive, the money left my account but my friend didn't"
                       " get it.",), "transfers"),
     ("harbour-bank", ("I don't recognise the exchange rate you used.",), "payments"),
     ("nordwelle", ("40817287", "Da ist eine Abbuchung auf meiner Rechnung, die kenne ich nicht."),
      "abrechnung")],
)  # fmt: skip
def test_near_misses_of_the_fraud_words_keep_their_team(services, tenant, turns, queue):
    record = call(services, tenant, *(say(t) for t in turns), say("ja"))
    assert record.handoff is not None and record.handoff.queue == queue, bot_said(record)


@pytest.mark.parametrize(
    ("turn", "queue"),
    [("I don't recognise the exchange rate you used for my card payment in Turkey.", "payments"),
     ("I've never been to one of your branches, how do I verify my identity?", "account"),
     ("I didn't make the payment to my credit card on time, will I be charged a fee?", None),
     ("I didn't order a physical card, can I get one?", "cards"),
     ("It wasn't me who opened the account, it was my dad, but I want to add my details.", None),
     ("I didn't make a transfer yet because I don't know the fees. What are they?", None)],
)  # fmt: skip
def test_ordinary_bank_questions_with_words_of_not_me_do_not_reach_the_fraud_team(
    services, turn, queue
):
    """Round 2 of the session-10 regression probe: each went to the fraud team."""
    record = call(services, "harbour-bank", say(turn), say("yes"))
    handoff = record.handoff
    assert handoff is None or handoff.queue != "fraud", bot_said(record)
    if queue is not None:
        assert handoff is not None and handoff.queue == queue, bot_said(record)


@pytest.mark.parametrize(
    "turn",
    ["Someone used my card, I'll call back later, bye.", "Someone's taken money out of my savings.",
     "There's a purchase on my card that is not one of mine."],
)  # fmt: skip
def test_fraud_said_with_a_goodbye_or_in_other_words_still_reaches_the_fraud_team(services, turn):
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None and record.handoff.queue == "fraud", bot_said(record)


def test_a_request_for_a_person_taken_back_in_english_is_none(services):
    record = call(
        services, "harbour-bank",
        say("Can I speak to a person? Actually no, I just want to know how to top up."),
    )  # fmt: skip
    assert record.handoff is None or record.handoff.queue != "general", bot_said(record)


def test_an_english_caller_at_a_german_hotline_is_told_in_english_and_put_through(services):
    """German reprompts they cannot follow, then 'Anliegen unklar' (session 10 probe)."""
    record = call(
        services, "nordwelle",
        say("Hi, sorry, I don't speak German. I'd like to cancel my contract."),
    )  # fmt: skip
    said = bot_said(record)
    assert said[1].startswith("Sorry, this automated service speaks German only."), said
    assert record.handoff is not None and record.handoff.context["language"] == "en"
    assert "Anrufer spricht Englisch" in record.handoff.context["summary"]


@pytest.mark.parametrize(
    "turn", ["Hallo, sorry, mein Router geht nicht", "Ich möchte meine Rechnung sehen, please"]
)
def test_german_with_an_english_word_is_german(services, turn):
    record = call(services, "nordwelle", say(turn), keys("40817253#"))
    assert not any(t.startswith("Sorry, this automated") for t in bot_said(record))


# ---- session 10, regression round 3 guards ----------------------------------------------------
@pytest.mark.parametrize(
    "turn",
    ["I never make card payments abroad, so what would the fee be if I did?",
     "I never buy anything online, do I really need a virtual card?",
     "The machine in the shop did not recognise the contactless payment, I had to put my PIN in.",
     "I sent a transfer to the wrong account, it's not mine, I typed one digit wrong. How do I get"
     " it back?",
     "I want my savings account emptied into my current account, how do I do that?",
     "There's a restaurant I've never been to in Paris, will my card work there?",
     "If somebody else used my card, would I get the money back? Just wondering.",
     "I used my card in a shop and the payment went through twice, that wasn't me being careless.",
     "Do you do Apple Pay? I've got an iPhone."],
)  # fmt: skip
def test_plans_habits_and_hypotheticals_are_no_fraud_report(services, turn):
    record = call(services, "harbour-bank", say(turn), say("yes"))
    assert record.handoff is None or record.handoff.queue != "fraud", bot_said(record)


@pytest.mark.parametrize(
    "turn",
    ["In den Brezeln war ein Fingernagel. Was ist da alles drin?",
     "Die Spätzle schmecken nach Seife. Was ist da drin?"],
)  # fmt: skip
def test_how_a_product_was_before_a_question_stays_a_complaint(services, turn):
    record = call(services, "sonnhof", say(turn), say("L 1 2 3 4 A"))
    assert record.handoff is not None and record.handoff.queue == "qualitaet", bot_said(record)


@pytest.mark.parametrize(
    ("tenant", "turn"),
    [("harbour-bank", "I got the wrong number on my transfer, it went to the wrong person. Bye."),
     ("harbour-bank", "It doesn't matter how, I just need a new card. Bye.")],
)  # fmt: skip
def test_a_concern_with_words_like_wrong_number_or_no_matter_is_served(services, tenant, turn):
    assert call(services, tenant, say(turn)).handoff is not None


def test_a_follow_up_product_in_the_same_turn_gets_the_same_answer(services):
    record = call(services, "sonnhof", say("Sind die Brezeln vegan? Und die Spätzle?"), say("no"))
    said = " ".join(bot_said(record))
    assert "Laugenbrezeln" in said and "Käsespätzle Fertiggericht ist nicht vegan" in said, said


# ---- session 10, regression round 4 guards ----------------------------------------------------
@pytest.mark.parametrize(
    ("turn", "first", "second"),
    [("Sind in der Nougatcreme Nüsse? Und die Spätzle?", "Nuss-Nougat-Creme enthält Nüsse",
      "Käsespätzle"),
     ("Ist im Müsli Gluten? Und die Spätzle?", "Knusper-Müsli Schoko enthält Gluten",
      "Käsespätzle")],
)  # fmt: skip
def test_an_allergen_question_and_a_follow_up_product_are_both_answered_in_order(
    services, turn, first, second
):
    """Only the follow-up product was answered: a nut-allergic caller never heard that the
    Nougatcreme holds nuts (round 4)."""
    said = " ".join(bot_said(call(services, "sonnhof", say(turn), say("nein"))))
    assert first in said and second in said and said.index(first) < said.index(second), said


@pytest.mark.parametrize(
    ("tenant", "turn", "queue"),
    [("nordwelle", "Die Techniker sind nie gekommen. Wann kommt jemand?", "beschwerde"),
     ("nordwelle", "Ich warte seit zwei Wochen auf den Techniker. Wann kommt der endlich?",
      "beschwerde")],
)  # fmt: skip
def test_a_complaint_before_a_when_question_stays_a_complaint(services, tenant, turn, queue):
    record = call(services, tenant, say(turn))
    assert record.handoff is not None and record.handoff.queue == queue, bot_said(record)


def test_a_concern_with_an_hours_question_is_no_hours_question(services):
    record = call(services, "harbour-bank", say("My card was declined. When are you open?"))
    assert not any(t.startswith("Our team is available") for t in bot_said(record))


def test_products_only_bought_are_not_answered_about(services):
    record = call(
        services, "sonnhof",
        say("Ich habe die Brezeln und die Nougatcreme gekauft. Ist die Nougatcreme vegan?"),
    )  # fmt: skip
    said = " ".join(bot_said(record))
    assert "Nuss-Nougat-Creme ist nicht vegan" in said and "Laugenbrezeln" not in said, said


def test_an_english_caller_with_a_clear_concern_reaches_its_team(services):
    """Round 5: 'Hello, my internet is not working.' went to the agents as 'Anliegen unklar'."""
    record = call(services, "nordwelle", say("Hello, my internet is not working."))
    assert record.handoff is not None and record.handoff.queue == "stoerungsdienst"
    assert record.handoff.context["language"] == "en"
    assert record.handoff.context["intent"]["id"] == "stoerung"


@pytest.mark.parametrize(
    ("said", "name"),
    [("Ich rufe für meinen Vater an, seine Kundennummer ist 40817287.", "Klaus Hoffmann"),
     ("Meine Mutter hat kein Internet, ihre Kundennummer ist 40817253.", "Petra Lindner")],
)  # fmt: skip
def test_a_caller_for_someone_else_is_not_thanked_by_their_name(services, said, name):
    """ "Danke, Klaus Hoffmann." to his daughter (session-12 probe): the account is named."""
    record = call(services, "nordwelle", say(said), hang_up())
    found = next(line for line in bot_said(record) if name in line)
    assert found.startswith(f"Danke, ich habe das Kundenkonto von {name} gefunden."), found


def test_a_caller_for_themself_is_thanked_by_name(services):
    record = call(services, "nordwelle", say("Meine Kundennummer ist 40817287."), hang_up())
    assert any(line.startswith("Danke, Klaus Hoffmann.") for line in bot_said(record))


@pytest.mark.parametrize(
    ("tenant", "said", "queue", "priority"),
    [("harbour-bank",
      "some shop in Leeds took money from me and I have never been there",
      "fraud", "high"),
     ("nordwelle", "Auf meiner Rechnung steht eine falsche Nummer.", "allgemein", "normal")],
)  # fmt: skip
def test_silence_after_is_it_about_hands_the_likely_concern_to_a_person(
    services, tenant, said, queue, priority
):
    """A suspected fraud went silent at "Is it about a card payment you do not recognise?"
    and was hung up on (session-12 probe): a person, the likely concern named as such (its
    own team when urgent)."""
    record = call(services, tenant, say(said), silence(), silence())
    handoff = record.handoff
    assert handoff is not None and (handoff.queue, handoff.priority) == (queue, priority)
    assert handoff.context["reason"] == "no_input" and handoff.context["intent"] is not None
    assert handoff.context["summary"].startswith(("possibly:", "vermutlich:"))


@pytest.mark.parametrize(
    "said",
    ["Ich spreche kein Englisch. Karte gestohlen. Bitte helfen.", "Hallo, sprechen Sie Deutsch?",
     "Guten Tag, meine Karte wurde gestohlen."],
)  # fmt: skip
def test_a_german_caller_at_the_english_bank_is_put_through(services, said):
    """ "Ich spreche kein Englisch. Karte gestohlen." got "Sorry, I did not understand" and a
    goodbye (session-12 probe): told in English and put through, the language noted."""
    record = call(services, "harbour-bank", say(said))
    assert record.handoff is not None and record.handoff.context["language"] == "de"
    assert "speaks English only" in bot_said(record)[-1]


def test_english_with_a_german_word_is_still_english(services):
    record = call(services, "harbour-bank", say("Hi, I lost my card in München yesterday."))
    assert record.handoff is not None and record.handoff.context["language"] == "en"


@pytest.mark.parametrize(
    ("said", "queue"),
    [("Ich kenn meine Kundennummer nicht, es geht um meine Rechnung.", "abrechnung"),
     ("Meine Kundennummer hab ich nicht da, aber mein Internet geht nicht.", "stoerungsdienst")],
)  # fmt: skip
def test_a_concern_said_with_no_number_at_hand_is_served_without_asking_for_it(
    services, said, queue
):
    """The number was asked for twice although the caller had said they do not know it
    (session-12 probe)."""
    record = call(services, "nordwelle", say(said))
    assert all("Kundennummer, Ziffer" not in line for line in bot_said(record)), bot_said(record)
    assert record.handoff is not None and record.handoff.queue == queue
    assert "nicht identifiziert" in record.handoff.context["summary"]


def test_more_of_the_concern_asked_about_confirms_it(services):
    """ "Is it about a card that has not arrived?" - "it's been two weeks already" dropped the
    likely concern and was not understood (session-12 probe)."""
    record = call(services, "harbour-bank", say("when will my new card arrive?"),
                  say("it's been two weeks already"))  # fmt: skip
    assert record.handoff is not None and record.handoff.context["intent"]["id"] == "card_arrival"
    assert "did not understand" not in " ".join(bot_said(record))


def test_guesses_that_miss_count_towards_the_keypad_menu(services):
    """Four turns of off-topic talk got guess after guess and never the keypad menu the
    tenant files promise after two reprompts (session-12 probe)."""
    record = call(services, "nordwelle", say("wie spät ist es bei ihnen"),
                  say("was kostet ein döner"), say("blablabla"), say("hm"))  # fmt: skip
    assert any("Telefontastatur" in line for line in bot_said(record)[:5]), bot_said(record)


def test_a_number_of_too_few_digits_is_told_so(services):
    """ "Endziffern 23 nicht gefunden" for seven digits heard (session-12 probe)."""
    record = call(services, "nordwelle", say("Rechnung"),
                  say("vierzig acht siebzehn zweiundfünfzig drei"), say("40817253"))  # fmt: skip
    said = bot_said(record)
    assert said[2].startswith("Ich habe 7 Ziffern verstanden, Ihre Kundennummer hat 8."), said
    assert said[3].startswith("Danke, Petra Lindner.")


@pytest.mark.parametrize(
    "reply", ["Das hab ich schon dreimal gemacht, hilft nix.", "Bringt nix, schon probiert."]
)
def test_an_answer_that_did_not_help_offers_a_person(services, reply):
    """ "Das hab ich schon dreimal gemacht, hilft nix." after the router answer was asked
    "Geht es um eine Beschwerde?" and went to the complaints team (session-12 probe)."""
    record = call(services, "nordwelle", say("Wie starte ich den Router neu?"), say(reply),
                  say("ja"))  # fmt: skip
    assert "Das tut mir leid. Möchten Sie mit einem Mitarbeiter sprechen?" in bot_said(record)
    assert record.handoff is not None and record.handoff.queue != "beschwerde"


@pytest.mark.parametrize(
    ("now", "runs"), [("2026-11-30T12:00", "läuft"), ("2026-12-05T09:00", "lief")]
)
def test_a_contract_end_gone_by_is_told_in_the_past(now, runs):
    """ "Ihr Vertrag läuft bis zum 30.11.2026" was said on 5 December (session-12 probe)."""
    from datetime import datetime

    from voicebot.dialog.answers import AnswerFacts, contract_end

    facts = AnswerFacts(customer={"contract_end": "2026-11-30"}, now=datetime.fromisoformat(now))
    answer = contract_end(facts)
    assert answer is not None and answer.text == f"Ihr Vertrag {runs} bis zum 30.11.2026."


def test_a_person_asked_for_in_a_sentence_of_its_own_is_put_through(services):
    """ "Das dauert mir alles viel zu lange. Mitarbeiter!" was not understood (probe)."""
    record = call(services, "nordwelle", say("Das dauert mir alles viel zu lange. Mitarbeiter!"))
    assert record.handoff is not None and record.handoff.context["reason"] == "agent_request"


def test_a_question_the_answer_cannot_hold_at_the_agent_offer_is_no_yes_or_no(services):
    """ "Und wofür sind die knapp vierzig Euro?" after the balance got "Bitte antworten Sie mit
    Ja oder Nein" (session-12 probe)."""
    record = call(services, "nordwelle", keys("40817261#"), say("Was ist bei mir offen?"),
                  say("Und wofür sind die knapp vierzig Euro?"), say("ja"))  # fmt: skip
    said = bot_said(record)
    assert said[3].startswith("Genauer kann ich es Ihnen leider nicht sagen."), said
    assert record.handoff is not None and record.handoff.queue == "abrechnung"


def test_a_wish_added_with_auch_is_kept_for_the_agent(services):
    """ "Ich ziehe um und will bei der Gelegenheit auch gleich einen schnelleren Tarif." lost
    the move (session-12 probe): both reach the agent."""
    record = call(services, "nordwelle", say("Ich ziehe um und will bei der Gelegenheit auch "
                                             "gleich einen schnelleren Tarif."),
                  keys("40817253#"))  # fmt: skip
    summary = record.handoff.context["summary"] if record.handoff else ""
    assert "Umzug" in summary and "Tarif" in summary, summary


@pytest.mark.parametrize(
    "said", ["Oh, Entschuldigung, dann bin ich falsch.", "Da bin ich wohl falsch."]
)
def test_a_caller_at_the_wrong_company_is_let_go(services, said):
    """ "Ist da die Firma Sonnenhof Gartenbau?" - "… dann bin ich falsch." got "nicht
    verstanden" twice (session-12 probe)."""
    record = call(services, "sonnhof", say("Ist da die Firma Sonnenhof Gartenbau?"), say(said))
    assert bot_said(record)[-1] == "Vielen Dank für Ihren Anruf. Auf Wiederhören!"
    assert record.handoff is None


@pytest.mark.parametrize(
    ("tenant", "question", "reply"),
    [
        ("harbour-bank", "What's the exchange rate for euros?", "no, that's not what I asked"),
        ("harbour-bank", "What's the exchange rate for euros?", "no, I mean the actual rate today"),
        ("nordwelle", "Wie starte ich meinen Router neu?", "Nein, das meinte ich nicht."),
    ],
)
def test_an_answer_to_another_question_is_no_goodbye(services, tenant, question, reply):
    """ "no, that's not what I asked, I mean what is it today" to "Anything else?" after the
    exchange-rate answer ended the call as resolved (session-14 probe): sorry, and a person."""
    yes = "ja" if tenant == "nordwelle" else "yes"
    record = call(services, tenant, say(question), say(reply), say(yes))
    assert record.outcome == "handoff"
    assert record.handoff is not None and record.handoff.context["reason"] == "intent"


def test_a_plain_no_after_an_answer_still_ends_the_call(services):
    record = call(services, "harbour-bank", say("What's the exchange rate for euros?"), say("no"))
    assert record.outcome == "resolved"


@pytest.mark.parametrize(
    "opening",
    ["I have a question about my account", "I'm calling about my account please",
     "there's a problem with a payment"],
)  # fmt: skip
def test_a_concern_named_by_its_area_alone_is_asked_about(services, opening):
    """ "I have a question about my account" was put through to the account team as "closing
    your account", no question asked (session-14 probe)."""
    record = call(services, "harbour-bank", say(opening), say("no"))
    assert bot_said(record)[1].startswith("Is it about")
    assert record.handoff is None or record.handoff.context["reason"] != "intent"


@pytest.mark.parametrize(
    ("tenant", "opening", "queue"),
    [("harbour-bank", "I want to close my account", "account"),
     ("nordwelle", "Ich hab eine Frage zu meiner Rechnung", "abrechnung")],
)  # fmt: skip
def test_a_concern_said_or_named_by_its_own_topic_is_taken(services, tenant, opening, queue):
    record = call(services, tenant, say(opening), keys("40817287#"), say("ja"))
    assert not bot_said(record)[1].startswith(("Is it about", "Geht es um"))
    assert record.handoff is not None and record.handoff.queue == queue


def test_the_topic_named_with_a_request_for_a_person_reaches_the_agent(services):
    """ "Ich möchte mit einem Mitarbeiter über meine Rechnung sprechen" reached the agent as
    "Möchte mit einem Menschen sprechen": "Rechnung" alone was under the threshold."""
    said = "Ich möchte mit einem Mitarbeiter über meine Rechnung sprechen."
    record = call(services, "nordwelle", say(said))
    assert record.handoff is not None and record.handoff.context["reason"] == "agent_request"
    assert record.handoff.context["intent"]["id"] == "rechnung"
    plain = call(services, "nordwelle", say("Verbinden Sie mich bitte mit einem Mitarbeiter."))
    assert plain.handoff is not None and plain.handoff.context["intent"]["id"] == "mitarbeiter"


@pytest.mark.parametrize(
    "asked",
    ["ich wollt nur wissen wie lang mein vertrag noch läuft nicht kündigen nur wissen",
     "na gut dann äh wann läuft mein vertrag aus",
     "bis wann bin ich eigentlich noch an meinen vertrag gebunden"],
)  # fmt: skip
def test_the_contract_end_asked_without_a_question_mark_offers_a_person(services, asked):
    """Whisper often writes no "?": "bis wann läuft mein vertrag" was put through to retention
    as "Vertrag kündigen", and so was "… nicht kündigen nur wissen" (session-14 probe)."""
    record = call(services, "nordwelle", say(asked), keys("40817279#"), say("nein danke"),
                  say("nein"))  # fmt: skip
    assert record.handoff is None, bot_said(record)
    assert "läuft bis zum 31.1.2028. Möchten Sie mit einem Mitarbeiter" in bot_said(record)[2]


def test_silence_after_turns_not_understood_leads_to_the_keypad_not_a_goodbye(services):
    """An angry caller not understood twice, then silent, was told "Bitte rufen Sie noch einmal
    an" (session-14 probe): the keypad menu comes next, then a person."""
    record = call(services, "nordwelle", say("blubb blubb blubb"), say("pizza mit salami"),
                  silence(), silence(), silence())  # fmt: skip
    assert any("Telefontastatur" in text for text in bot_said(record))
    assert record.outcome == "handoff"


@pytest.mark.parametrize(
    "said",
    ["ich hab die nummer nicht zur hand aber ich bin die petra lindner aus hamburg zwanzig null "
     "fünfundneunzig und das internet geht nicht",
     "meine frau hat den vertrag kundennummer 40817253 das internet geht nicht"],
)  # fmt: skip
def test_a_concern_in_a_clause_of_an_unpunctuated_turn_is_served(services, said):
    """The fault said after a name, a postcode or "meine Frau hat den Vertrag" in one turn
    without sentence marks was lost: "Wie kann ich Ihnen helfen?" (session-14 probe)."""
    record = call(services, "nordwelle", say(said), say("ja"))
    assert record.handoff is not None and record.handoff.queue == "stoerungsdienst"
    assert "Wie kann ich Ihnen helfen" not in bot_said(record)[1]


@pytest.mark.parametrize(
    "said",
    ["Meine Frau hat den Vertrag, Kundennummer 40817253, das Internet geht nicht.",
     "Hier ist Gerd Lindner, Kundennummer 40817253, das Internet geht nicht."],
)  # fmt: skip
def test_a_relative_of_the_customer_is_not_thanked_by_the_customers_name(services, said):
    record = call(services, "nordwelle", say(said), say("nein danke"), say("nein"))
    assert "Kundenkonto von Petra Lindner gefunden" in bot_said(record)[1]
    own = call(services, "nordwelle", say(said.replace("Gerd", "Petra")), say("nein"), say("nein"))
    if "Gerd" in said:
        assert bot_said(own)[1].startswith("Danke, Petra Lindner.")


def test_a_question_without_its_question_mark_at_the_agent_offer_is_heard(services):
    """ "krieg ich dafür eigentlich eine gutschrift" after the outage got "Bitte antworten Sie
    mit Ja oder Nein" (session-14 probe: Whisper often writes no "?")."""
    record = call(services, "nordwelle", say("Mein Internet geht nicht"), keys("40817253#"),
                  say("krieg ich dafür eigentlich eine gutschrift"), say("ja"))  # fmt: skip
    assert not any("Ja oder Nein" in text for text in bot_said(record))
    assert record.handoff is not None and record.handoff.queue == "stoerungsdienst"


@pytest.mark.parametrize("yes", ["mm-hmm", "Mhm.", "uh-huh"])
def test_a_murmured_yes_confirms(services, yes):
    record = call(services, "harbour-bank", say("can I keep money in dollars on the account?"),
                  say(yes), say("no"))  # fmt: skip
    assert "30 currencies" in bot_said(record)[2]


def test_a_served_caller_who_goes_quiet_is_said_goodbye_to(services):
    """ "ok" to "Kann ich sonst noch helfen?", then silence: "Ich höre leider nichts. Bitte
    rufen Sie noch einmal an." to a caller whose question was answered (session-14 probe)."""
    record = call(services, "sonnhof", say("Ist der Haferdrink vegan?"), say("ok"), silence(),
                  silence())  # fmt: skip
    assert bot_said(record)[-1].startswith("Vielen Dank für Ihren Anruf")
    assert record.outcome == "resolved"


@pytest.mark.parametrize(
    ("said", "intent"),
    [("Guten Tag, ich habe eine Abbuchung auf meinem Konto, die ich nicht kenne",
      "card_payment_not_recognised"),
     ("Meine Karte wurde gestohlen, bitte sperren Sie sie.", "lost_or_stolen_card")],
)  # fmt: skip
def test_an_urgent_matter_said_in_german_at_the_bank_reaches_the_fraud_team(services, said, intent):
    """A stolen card said in German went to the general queue at normal priority, told in
    English only (session-14 probe): told in German too, and the fraud team at once."""
    record = call(services, "harbour-bank", say(said))
    assert record.handoff is not None
    assert (record.handoff.queue, record.handoff.priority) == ("fraud", "high")
    assert record.handoff.context["intent"]["id"] == intent
    assert "spricht nur Englisch" in bot_said(record)[1]


@pytest.mark.parametrize(
    ("tenant", "said", "told"),
    [("harbour-bank", "hello, is this harbour bank?", "Yes, this is Harbour Bank."),
     ("harbour-bank", "Is this Barclays?", "No, this is Harbour Bank."),
     ("nordwelle", "ist da die sparkasse", "Nein, hier ist Nordwelle."),
     ("nordwelle", "Hallo, bin ich hier richtig bei Nordwelle?", "Ja, hier ist Nordwelle.")],
)  # fmt: skip
def test_a_caller_asking_whom_they_reached_is_told(services, tenant, said, told):
    """ "hello, is this harbour bank?" got "Sorry, I did not understand" (session-14 probe)."""
    record = call(services, tenant, say(said))
    assert bot_said(record)[1].startswith(told)


@pytest.mark.parametrize(
    "said", ["Ist das Internet bei Ihnen gestört?", "ist da die Störungsstelle"]
)
def test_a_question_about_something_else_is_no_question_whom_they_reached(services, said):
    record = call(services, "nordwelle", say(said))
    assert not bot_said(record)[1].startswith(("Ja, hier ist", "Nein, hier ist"))


def test_the_missing_digit_said_alone_completes_the_number(services):
    """ "vier null acht eins sieben zwei fünf" got "7 Ziffern"; the caller said just the
    missing "drei", which started a new number (session-14 probe)."""
    seven = say("vier null acht eins sieben zwei fünf")
    record = call(services, "nordwelle", say("Meine Rechnung ist zu hoch"), seven, say("drei"))
    assert bot_said(record)[3].startswith("Danke, Petra Lindner.")


def test_no_mobile_reception_is_told_no_internet_outage(services):
    """ "mein handy hat kein netz" is read as service=internet ("Netz"): at an address with an
    internet outage it would be told that outage (session-14 probe)."""
    record = call(services, "nordwelle", say("mein handy hat kein netz"), keys("40817253#"))
    assert record.handoff is not None
    assert "Störung bekannt" not in " ".join(bot_said(record))


@pytest.mark.parametrize(
    ("tenant", "said"),
    [("harbour-bank", "sorry, can you hold on one second"),
     ("nordwelle", "Moment, ich hol mal eben meine Unterlagen")],
)  # fmt: skip
def test_a_caller_asking_the_bot_to_hold_on_is_waited_for(services, tenant, said):
    """ "sorry, can you hold on one second" at the greeting got "Sorry, I did not understand"
    (session-14 probe)."""
    record = call(services, tenant, say(said))
    assert bot_said(record)[1] in ("Sure, I'll wait.", "Gerne, ich warte.")


def test_a_number_keyed_after_an_answer_opens_the_next_concern(services):
    """The number keyed at "Kann ich sonst noch helfen?" after the online-bills answer got
    "Danke, Klaus Hoffmann." and the whole answer again (session-14 probe)."""
    record = call(services, "nordwelle", say("Wo finde ich meine Rechnungen online?"),
                  keys("40817287#"), say("Wie viel ist offen?"))  # fmt: skip
    assert bot_said(record)[2] == "Danke, Klaus Hoffmann. Wie kann ich Ihnen helfen?"
    assert "84,50 Euro offen" in bot_said(record)[3]


def test_a_second_service_down_is_told_apart_from_the_known_outage(services):
    """Internet and TV down in Leipzig, where only a TV outage is known: only the TV outage
    was told, the internet fault lost if the caller declined a person (session-14 probe)."""
    both = say("Unser Internet geht nicht und das Fernsehen auch nicht")
    record = call(services, "nordwelle", both, keys("40817309#"), say("nein"))
    told = bot_said(record)[2]
    assert "Betroffen ist das Fernsehen" in told and "Für das Internet ist keine Störung" in told


def test_a_caller_who_is_not_the_customer_named_is_identified_again(services):
    """ "nein nein das bin ich nicht ich bin stefan wagner ich hab mich versprochen …" after
    "Danke, Klaus Hoffmann" went to the complaints team as Hoffmann (session-14 probe)."""
    corrected = say("nein nein das bin ich nicht ich bin stefan wagner ich hab mich versprochen "
                    "vier null acht eins sieben drei null neun")  # fmt: skip
    record = call(services, "nordwelle", say("Ich ziehe um"), say("40817287"), corrected,
                  say("04109"))  # fmt: skip
    assert bot_said(record)[3].startswith("Danke, Stefan Wagner.")
    assert record.handoff is not None and record.handoff.queue == "vertragsservice"
    assert record.handoff.context["customer"]["name"] == "Stefan Wagner"
    bare = call(services, "nordwelle", say("Ich ziehe um"), say("40817287"),
                say("nein nein das bin ich nicht"))  # fmt: skip
    assert "Kundennummer noch einmal" in bot_said(bare)[3]


@pytest.mark.parametrize(
    "again", ["sorry I didn't catch that can you say it again", "Sorry, what was that?"]
)
def test_a_request_to_hear_it_again_repeats_the_answer(services, again):
    """ "sorry what was that" after the top-up limits got "did not understand" and then a
    goodbye (session-14 probe round 2)."""
    record = call(services, "harbour-bank", say("what's the top up limit"), say(again))
    assert bot_said(record)[2] == bot_said(record)[1]


def test_a_goodbye_instead_of_the_number_ends_the_call(services):
    """ "ich ruf später nochmal an tschüss" at the number prompt got the prompt again and a
    handoff with nothing known (session-14 probe round 2)."""
    record = call(services, "nordwelle", say("meine Rechnung ist falsch"),
                  say("ich ruf später nochmal an tschüss"))  # fmt: skip
    assert record.handoff is None and bot_said(record)[-1].startswith("Vielen Dank")


def test_a_concern_after_i_need_in_an_unpunctuated_turn_is_served(services):
    """ "where's your nearest branch in leeds I need to pay some cash in" was not understood
    (session-14 probe round 2): the clause "I need to pay some cash in" says it surely."""
    said = say("where's your nearest branch in leeds I need to pay some cash in")
    record = call(services, "harbour-bank", said)
    assert record.handoff is not None
    assert record.handoff.context["intent"]["id"] == "top_up_by_cash_or_cheque"


def test_a_known_outage_is_told_by_the_postcode_said_without_a_number(services):
    """A caller at their mother's in Leipzig gave the postcode but no customer number: the
    TV outage there was not told (session-14 probe round 2)."""
    record = call(services, "nordwelle",
                  say("ich bin bei meiner mutter in leipzig postleitzahl null vier eins null neun "
                      "und das fernsehen geht nicht"),
                  say("die kundennummer hab ich nicht"), say("nein danke"))  # fmt: skip
    assert "Im Gebiet 04109 ist eine Störung bekannt" in " ".join(bot_said(record))


def test_a_time_asked_after_an_answer_with_spelt_out_figures_repeats_it(services):
    """ "und wie lange muss ich dann warten bis das internet wieder geht" after the router answer
    ("Nach etwa drei Minuten …") got only "Genauer kann ich es Ihnen leider nicht sagen"."""
    asked = say("und wie lange muss ich dann warten bis das internet wieder geht")
    record = call(services, "nordwelle", say("wie kann ich meinen router neu starten"), asked)
    assert "etwa drei Minuten" in bot_said(record)[2]


def test_a_complaint_with_a_promise_is_no_denial_of_identity(services):
    """ "Ich bin echt sauer, mir wurde … ein Rückruf versprochen …" after "Danke, Marie
    Schulte" was read as "ich hab mich versprochen" (not the customer): the number asked again
    (replay of the probe calls, session 14)."""
    record = call(services, "nordwelle", keys("40817295#"),
                  say("Ich bin echt sauer, mir wurde vor drei Wochen ein Rückruf versprochen und "
                      "es hat sich keiner gemeldet."), say("ja"))  # fmt: skip
    assert "Kundennummer noch einmal" not in " ".join(bot_said(record))
    assert record.handoff is not None and record.handoff.queue == "beschwerde"


@pytest.mark.parametrize(
    ("tenant", "said", "turns", "also"),
    [("nordwelle", "Ich ziehe nach Bremen und wo ich Sie gerade dran habe, meine Rechnung ist zu "
      "hoch", ("40817287#", "28195"), "außerdem: Frage zur Rechnung"),
     ("harbour-bank", "I need to change my address, and while I'm on, has my card arrived yet",
      (), "also:")],
)  # fmt: skip
def test_a_second_concern_brought_up_while_on_the_line_is_kept(services, tenant, said, turns, also):
    """ "…, and while I'm on, how long does a transfer to France take" lost its second concern
    (session-14 probe round 2)."""
    rest = [keys(t) if t.endswith("#") else say(t) for t in turns]
    record = call(services, tenant, say(said), *rest)
    assert record.handoff is not None and also in record.handoff.context["summary"]


@pytest.mark.parametrize(
    ("tenant", "question", "noted"),
    [("sonnhof", "Ist der Haferdrink vegan?", "Ach so."),
     ("harbour-bank", "what's the top up limit", "I see.")],
)  # fmt: skip
def test_words_that_only_take_note_get_the_question_again_not_a_yes_or_no_order(
    services, tenant, question, noted
):
    """ "Ach so." to "Kann ich sonst noch helfen?" got "Bitte antworten Sie mit Ja oder Nein,
    oder drücken Sie die 1 …" (session-14 probe round 2)."""
    record = call(services, tenant, say(question), say(noted))
    assert bot_said(record)[2] == services.view(tenant).prompts.say("anything_else")


@pytest.mark.parametrize("fix", ["nein die letzte ist eine 3", "die letzte Ziffer ist eine drei",
                                 "nicht neun sondern drei am Ende", "drei statt neun",
                                 "nein moment die achte stelle ist eine drei"])  # fmt: skip
def test_one_digit_corrected_changes_that_digit_of_the_number_said(services, fix):
    """ "nein, die letzte ist eine 3" after "Endziffern 59 nicht gefunden" was taken as one
    digit of a new number ("Und die weiteren Ziffern?"): the number said with that digit
    changed is the number meant (session-15 probe)."""
    record = call(services, "nordwelle", say("mein internet geht nicht"),
                  say("4 0 8 1 7 2 5 9"), say(fix), say("ja"))  # fmt: skip
    assert bot_said(record)[3].startswith("Danke, Petra Lindner.")
    assert record.handoff is not None and record.handoff.context["customer"]["number"] == "40817253"


def test_a_digit_corrected_after_the_name_was_read_identifies_again(services):
    """ "nein, die letzte ist eine 9" after "Danke, Petra Lindner" was read as "nein" to the
    agent offer: the number with that digit is looked up (here: not a customer, asked again)."""
    record = call(services, "nordwelle", say("mein internet geht nicht"),
                  say("4 0 8 1 7 2 5 3"), say("nein die letzte ist eine 9"))  # fmt: skip
    assert "Endziffern 59" in bot_said(record)[3]


def test_a_place_word_without_a_digit_corrects_no_number(services):
    """ "die letzte Rechnung war zu hoch" names no digit: the bill concern, no number change."""
    record = call(services, "nordwelle", say("4 0 8 1 7 2 5 9"),
                  say("die letzte rechnung war zu hoch"))  # fmt: skip
    assert "Petra Lindner" not in " ".join(bot_said(record))


def test_no_customer_number_at_the_greeting_is_no_fault_of_the_line(services):
    """ "ich hab keine kundennummer" as the first words was put through to the fault team
    (the classifier read it like "ich hab kein Freizeichen", 0.92): on without the number, the
    concern asked for (session-15 probe)."""
    record = call(services, "nordwelle", say("ich hab keine kundennummer"),
                  say("meine rechnung ist zu hoch"))  # fmt: skip
    assert "ohne Kundennummer" in bot_said(record)[1] and "Wie kann ich" in bot_said(record)[1]
    assert record.handoff is not None and record.handoff.queue == "abrechnung"
    told = call(
        services,
        "nordwelle",
        say("die kundennummer hab ich grad nicht aber mein telefon geht nicht"),
    )
    assert told.handoff is not None and told.handoff.queue == "stoerungsdienst"


def test_no_customer_number_to_a_confirmation_asks_it_again(services):
    """ "ich hab keine kundennummer" to "Geht es um Ihre Rechnung?" went to the fault team:
    on without the number, the same question again."""
    record = call(services, "nordwelle", say(UNSURE_BILL), say("ich hab keine kundennummer"),
                  say("ja"))  # fmt: skip
    assert bot_said(record)[2] == ("Kein Problem, dann geht es ohne Kundennummer weiter. "
                                   "Geht es um Ihre Rechnung?")  # fmt: skip
    assert record.handoff is not None and record.handoff.queue == "abrechnung"


@pytest.mark.parametrize(
    "asked",
    [
        "ich will wissen wann es wieder geht",
        "ich möchte gerne wissen ob das heute noch behoben wird",
    ],
)
def test_a_question_asked_as_a_wish_to_know_is_a_question_about_the_answer(services, asked):
    """ "ich will wissen wann es wieder geht" after the outage (Whisper writes no "?") got
    "Bitte antworten Sie mit Ja oder Nein": sorry, no more known, and a person offered."""
    record = call(services, "nordwelle", say("internet kaputt"), say("40817253"), say(asked))
    assert bot_said(record)[3].startswith("Genauer kann ich es Ihnen leider nicht sagen.")


@pytest.mark.parametrize("told", [
    "es geht um den vertrag meines vaters der möchte kündigen",
    "ich rufe an wegen meiner mutter die hat bei ihnen einen vertrag sie möchte kündigen",
])  # fmt: skip
def test_a_caller_for_a_relative_is_told_the_account_was_found(services, told):
    """ "ich rufe an wegen meiner Mutter, die hat bei Ihnen einen Vertrag" was thanked by the
    holder's name ("Danke, Klaus Hoffmann") as if the caller were him (session-15 probe)."""
    record = call(services, "nordwelle", say(told), say("ja"), say("40817287"))
    said = " ".join(bot_said(record))
    assert "Kundenkonto von Klaus Hoffmann" in said and "Danke, Klaus Hoffmann" not in said


@pytest.mark.parametrize(
    ("first", "rest"),
    [
        ("meine kundennummer ist 4 0 8 1 7 2", "5 3"),
        ("vier null acht eins sieben", "zwei fünf drei"),
    ],
)
def test_part_of_the_number_as_the_first_words_asks_for_the_rest(services, first, rest):
    """ "meine kundennummer ist 4 0 8 1 7 2" at the greeting got "nicht verstanden" and the
    digits were lost; the rest of the number is asked for, as at the number prompt."""
    record = call(services, "nordwelle", say(first), say(rest), say("mein internet geht nicht"))
    assert bot_said(record)[1] == "Und die weiteren Ziffern?"
    assert bot_said(record)[2].startswith("Danke, Petra Lindner.")


def test_a_concern_taken_back_at_the_postcode_prompt_is_replaced(services):
    """ "ach nein, ich will doch nicht umziehen, ich will kündigen" at "Wie lautet die
    Postleitzahl Ihrer neuen Adresse?" got the postcode question again and the move went to
    the contract service: the new concern is served (session-15 probe)."""
    record = call(services, "nordwelle", say("ich will umziehen"), say("40817253"),
                  say("ach nein ich will doch nicht umziehen ich will kündigen"))  # fmt: skip
    assert record.handoff is not None and record.handoff.queue == "kundenbindung"
    assert "31.3.2027" in bot_said(record)[3]


def test_a_question_back_about_the_concern_is_no_second_concern(services):
    """ "kann ich meinen Tarif wechseln und was kostet das" noted a bill question for the
    agent ("außerdem: Frage zur Rechnung"): "was kostet das" asks about the tariff change."""
    record = call(services, "nordwelle", say("kann ich meinen tarif wechseln und was kostet das"),
                  say("40817261"))  # fmt: skip
    assert record.handoff is not None and record.handoff.queue == "verkauf"
    assert "außerdem" not in record.handoff.context["summary"]


@pytest.mark.parametrize(
    ("tenant", "turn", "queue"),
    [("harbour-bank", "i'm ringing about my late mother's account, she passed away last week and"
                      " i need to let you know", "general"),
     ("harbour-bank", "i need to report a death", "general"),
     ("harbour-bank", "I want to speak to someone about closing my late fathers account",
      "general"),
     ("harbour-bank", "my wife has died and her card is still being charged for netflix",
      "payments"),
     ("harbour-bank", "My husband died last month and somebody has been using his card, there "
                      "are payments we didn't make.", "fraud"),
     ("nordwelle", "Mein Mann ist letzte Woche verstorben, ich möchte seinen Vertrag kündigen.",
      "kundenbindung")],
)  # fmt: skip
def test_a_death_reported_gets_condolences_and_its_note_for_the_agent(
    services, tenant, turn, queue
):
    """'Sorry, I did not understand' twice and the keypad menu for a widow (session 15 probe);
    a concern said with it is served as usual, the death noted first for the agent."""
    record = call(services, tenant, say(turn), say("40817287"))
    assert record.handoff is not None and record.handoff.queue == queue, bot_said(record)
    assert any(w in bot_said(record)[1] for w in ("sorry for your loss", "Beileid"))
    summary = record.handoff.context["summary"]
    assert summary.startswith(("bereavement", "Todesfall")) and "unclear" not in summary, summary


@pytest.mark.parametrize(
    "turn", ["my phone died so I couldn't pay", "what happens to my account if I die?",
             "I lost my husband's card"],
)  # fmt: skip
def test_a_death_not_of_a_person_is_no_bereavement(services, turn):
    record = call(services, "harbour-bank", say(turn), say("yes"))
    assert not any("sorry for your loss" in s for s in bot_said(record)), bot_said(record)


@pytest.mark.parametrize(
    "turn", ["mein Router ist gestorben, der geht gar nicht mehr an",
             "das Handy ist mir gestern gestorben, ich hab kein Netz"],
)  # fmt: skip
def test_a_device_that_died_is_no_bereavement_in_german(services, turn):
    """'mein router ist gestorben' got 'Mein herzliches Beileid' and 'Todesfall gemeldet' for
    the fault team (session-15 round-2 probe): a thing named before 'gestorben' is no death."""
    record = call(services, "nordwelle", say(turn), say("40817279"))
    assert not any("Beileid" in s for s in bot_said(record)), bot_said(record)
    assert record.handoff is not None and record.handoff.queue == "stoerungsdienst"
    assert not record.handoff.context["summary"].startswith("Todesfall")


@pytest.mark.parametrize(
    ("turns", "queue"),
    [(("I want to make a complaint",), "general"),
     (("the way I was treated in your branch was disgusting", "it was just terrible service"),
      "general"),
     (("I want to complain. Somebody took 300 pounds from my account and it wasn't me.",),
      "fraud")],
)  # fmt: skip
def test_a_complaint_no_intent_takes_gets_an_apology_and_a_person(services, turns, queue):
    """Harbour Bank (Banking77) has no complaint intent: 'Sorry, I did not understand' twice
    and an example about activating a card (session 15 probe)."""
    record = call(services, "harbour-bank", *(say(t) for t in turns), say("yes"))
    assert record.handoff is not None and record.handoff.queue == queue, bot_said(record)
    assert "sorry to hear" in bot_said(record)[len(turns)]
    assert record.handoff.context["summary"].startswith("complaint")


@pytest.mark.parametrize(
    "turn",
    ["no complaints really i just want to know when my new card will arrive",
     "ive got no complaints at all, how long does a new card take to arrive"],
)  # fmt: skip
def test_no_complaints_said_before_a_concern_is_no_complaint(services, turn):
    """'no complaints really …' was taken as a complaint: 'I am sorry to hear that' and the
    general queue for a card-delivery question the bot answers itself (session-16 probe)."""
    record = call(services, "harbour-bank", say(turn), say("no thanks"))
    assert "sorry to hear" not in bot_said(record)[1], bot_said(record)
    assert record.handoff is None or record.handoff.queue == "cards", bot_said(record)


def test_a_complaint_at_a_tenant_with_a_complaint_intent_keeps_it(services):
    record = call(services, "nordwelle", say("Ich möchte mich beschweren, der Techniker war "
                                             "unverschämt."), say("ja"))  # fmt: skip
    assert record.handoff is not None and record.handoff.queue == "beschwerde", bot_said(record)


def test_displeasure_with_a_concern_is_asked_about_before_it_counts_as_a_complaint(services):
    """'… you want my payslips, this is my own money, it's outrageous' is a concern the bot asks
    about (the account team), not yet a complaint for the agents."""
    record = call(services, "harbour-bank",
                  say("you've frozen my account and now you want my payslips this is my own "
                      "money it's outrageous"),
                  say("no it's not that, you want proof of where my money comes from"))  # fmt: skip
    assert record.handoff is not None and record.handoff.queue == "account", bot_said(record)


@pytest.mark.parametrize(
    ("turns", "queue"),
    [(("hello is anyone there", "yes i want to check if my transfer to my landlord went through"),
      "transfers"),
     (("yeah hi so i want to check if my transfer to my landlord went through",), "transfers")],
)  # fmt: skip
def test_a_concern_after_yes_or_a_greeting_is_read_without_them(services, turns, queue):
    """'Yes, I can hear you. How can I help you?' - 'yes i want to check if my transfer …' was
    not understood: the leading 'yes' took the transfer below the threshold (session 15)."""
    record = call(services, "harbour-bank", *(say(t) for t in turns))
    assert record.handoff is not None and record.handoff.queue == queue, bot_said(record)


@pytest.mark.parametrize("check", ["hello? hello? is this thing working", "are you there?"])
def test_a_caller_checking_the_line_is_told_the_bot_hears_them(services, check):
    """'is this thing working' was asked about as 'contactless payments not working?'."""
    record = call(services, "harbour-bank", say(check), say("my card was stolen last night"))
    assert bot_said(record)[1].startswith("Yes, I can hear you"), bot_said(record)
    assert record.handoff is not None and record.handoff.queue == "fraud"


def test_a_cloned_card_reaches_the_fraud_team_at_once(services):
    """Asked about as 'a lost or stolen card?' before (session 15 probe)."""
    record = call(services, "harbour-bank",
                  say("i'm in portugal and my card's been cloned, there's loads of money gone, "
                      "i've no cash and i'm stuck"))  # fmt: skip
    assert record.handoff is not None, bot_said(record)
    assert (record.handoff.queue, record.handoff.priority) == ("fraud", "high")
    assert len(bot_said(record)) == 2


def test_an_adult_caller_telling_their_age_gets_no_age_limit_answer(services):
    """'I'm 82 and …' was answered 'You need to be at least 18 …' and the call ended as
    resolved (session 15 probe); the concern is read from the rest of the turn."""
    record = call(services, "harbour-bank",
                  say("i'm 82 and my grandson set up this app thing and i can't make head nor "
                      "tail of it, i just want to know if my pension has arrived"))  # fmt: skip
    assert "at least 18" not in bot_said(record)[1], bot_said(record)
    record = call(services, "harbour-bank",
                  say("I am 70 years old and I cannot work the app, my card payment is still "
                      "pending"))  # fmt: skip
    assert record.handoff is not None and record.handoff.queue == "payments", bot_said(record)


@pytest.mark.parametrize(
    "turn", ["I'm 17, can I open an account?", "how old do you have to be to open an account"]
)
def test_an_age_asked_about_still_gets_the_age_limit_answer(services, turn):
    record = call(services, "harbour-bank", say(turn), say("no thanks"))
    assert "at least 18" in bot_said(record)[1], bot_said(record)


@pytest.mark.parametrize(
    "turn",
    ["my card is not working and i want to know the exchange rate",
     "right, first thing, my card is not working, second thing, i want to know the exchange rate",
     "i want to know the exchange rate and my card is not working"],
)  # fmt: skip
def test_two_concerns_in_one_sentence_without_marks_are_both_served(services, turn):
    """Only the exchange rate was answered; the card that does not work was lost, and 'yes' at
    'anything else?' got 'What else can I do for you?' (session 15 probe)."""
    record = call(services, "harbour-bank", say(turn), say("yes"))
    assert "interbank" in bot_said(record)[1], bot_said(record)
    assert record.handoff is not None and record.handoff.queue == "cards", bot_said(record)


def test_repeating_a_piece_of_the_guessed_concern_confirms_it(services):
    """'Is it about topping up by card?' - 'by card' was asked about as 'a charge for topping
    up by card?' (session 15 probe)."""
    record = call(services, "harbour-bank", say("i want to top up"), say("by card"))
    assert record.handoff is not None and record.handoff.queue == "topup_cash", bot_said(record)
    assert record.handoff.context["intent"]["id"] == "topping_up_by_card"
    assert len(bot_said(record)) == 3


def test_a_death_reported_in_german_at_the_english_hotline_is_noted(services):
    turn = "Mein Vater ist verstorben und ich brauche Hilfe mit seinem Konto"
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None and record.handoff.queue == "general", bot_said(record)
    summary = record.handoff.context["summary"]
    assert summary.startswith("bereavement") and "German" in summary, summary


@pytest.mark.parametrize(
    ("tenant", "turn", "asked"),
    [("harbour-bank", "can you help me", "How can I help you?"),
     ("harbour-bank", "hello, I was wondering if you could help me", "How can I help you?"),
     ("nordwelle", "Können Sie mir helfen?", "Wie kann ich Ihnen helfen?")],
)  # fmt: skip
def test_help_asked_for_without_a_concern_gets_the_concern_asked(services, tenant, turn, asked):
    """'can you help me' was 'Sorry, I did not understand' (session 15 probe)."""
    record = call(services, tenant, say(turn), hang_up())
    assert bot_said(record)[1] == asked, bot_said(record)


def test_hang_on_at_a_yes_no_question_is_waited_for(services):
    """'hang on a sec' to 'anything else?' got 'Please answer yes or no, or press 1 …'."""
    record = call(services, "harbour-bank", say("whats the exchange rate"), say("hang on a sec"),
                  say("no thats all"))  # fmt: skip
    assert "wait" in bot_said(record)[2] and "yes or no" not in bot_said(record)[2]
    assert record.outcome == "resolved", bot_said(record)


@pytest.mark.parametrize(
    ("tenant", "turns", "told"),
    [("harbour-bank", ("can you call me back later", "yes please"), "cannot arrange a call back"),
     ("nordwelle", ("Können Sie mich bitte zurückrufen?", "ja"), "Rückruf")],
)  # fmt: skip
def test_a_call_back_asked_for_is_declined_and_a_person_offered(services, tenant, turns, told):
    """'can you call me back later' was 'Sorry, I did not understand' twice (session 15)."""
    record = call(services, tenant, *(say(t) for t in turns))
    assert told in bot_said(record)[1], bot_said(record)
    assert record.handoff is not None, bot_said(record)


def test_a_call_back_about_a_concern_serves_the_concern(services):
    turn = "i asked for a callback about my refund last week and nobody called"
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None and record.handoff.queue == "payments", bot_said(record)


@pytest.mark.parametrize(
    "turns",
    [("my card was declined online", "entschuldigung ich verstehe nicht, sprechen sie deutsch"),
     ("whats the exchange rate", "ich verstehe kein englisch")],
)  # fmt: skip
def test_german_at_a_yes_no_question_is_put_through_with_the_language_noted(services, turns):
    """A caller switching to German at 'Is it about …?' or 'Anything else?' got 'Please answer
    yes or no, or press 1 for yes and 2 for no' in English (session 15 probe)."""
    record = call(services, "harbour-bank", *(say(t) for t in turns))
    assert "Entschuldigung" in bot_said(record)[2], bot_said(record)
    assert record.handoff is not None and "German" in record.handoff.context["summary"]


@pytest.mark.parametrize(
    ("tenant", "turn", "noted"),
    [("harbour-bank", "can you get me someone who speaks german please", "caller speaks German"),
     ("nordwelle", "Verbinden Sie mich bitte mit jemandem, der Englisch spricht.",
      "Anrufer spricht Englisch")],
)  # fmt: skip
def test_a_person_asked_for_in_another_language_is_noted_for_the_agent(
    services, tenant, turn, noted
):
    """'someone who speaks German' reached the agents as 'talking to a person' only."""
    record = call(services, tenant, say(turn))
    assert record.handoff is not None and noted in record.handoff.context["summary"]


@pytest.mark.parametrize(
    ("reply", "asked"),
    [("not exactly it was the cash machine", "cash machines"),
     ("not really its more that it got swallowed by the cash machine", "kept by a cash machine")],
)  # fmt: skip
def test_a_hedged_no_to_the_guess_tells_the_concern_anew(services, reply, asked):
    """'Is it about a declined card payment?' - 'not exactly it was the cash machine' got
    'Sorry, I still did not understand' (the first miss of the call), 'not really, it's more
    …' got 'How can I help you?' and the caller had to say it again (session-15 round 2)."""
    record = call(services, "harbour-bank",
                  say("i was at boots and my card was declined but i have money in the account"),
                  say(reply))  # fmt: skip
    said = bot_said(record)
    assert said[1] == "Is it about a declined card payment?" and asked in said[2], said
    assert not any("did not understand" in line for line in said)


def test_a_sure_concern_after_a_no_is_kept_when_the_no_was_its_runner_up(services):
    """'Is it about topping up by card?' - 'not really, i want to know how much i can top up'
    (the top-up limits at 0.99, topping up by card the runner-up) was 'Sorry, I did not
    understand': leaving out the intent said no to dropped the sure one (session-16 probe)."""
    record = call(services, "harbour-bank", say("i want to top up"),
                  say("not really, i want to know how much i can top up"))  # fmt: skip
    said = bot_said(record)
    assert said[1] == "Is it about topping up by card?" and "10,000 pounds" in said[2], said


def test_a_hedged_no_alone_asks_for_the_concern(services):
    from voicebot.dialog.correction_words import hedged_no

    record = call(services, "harbour-bank",
                  say("i was at boots and my card was declined but i have money in the account"),
                  say("well yes and no"))  # fmt: skip
    assert bot_said(record)[2] == "How can I help you?", bot_said(record)
    assert hedged_no("no that's right") is None and hedged_no("not yet") is None


def test_a_complaint_the_caller_denies_is_no_complaint(services):
    """'ich möchte mich nicht beschweren ich will nur wissen wann das internet wieder geht' went
    to the complaints team with high priority (its first clause read as a complaint; session-15
    round-2 probe): the concern is read from the rest."""
    turn = "ich möchte mich nicht beschweren ich will nur wissen wann das internet wieder geht"
    record = call(services, "nordwelle", say(turn), say("40817253"), say("ja"), say("nein"))
    assert record.handoff is None or record.handoff.queue != "beschwerde", bot_said(record)
    assert any("Störung" in line for line in bot_said(record)[1:3])  # (asked about, or since
    # session 16 read surely as a question when the fault ends: the known outage told)


@pytest.mark.parametrize(
    "turn", ["nee lassen sie mal das wart ich ab", "nein lassen Sie mal", "das warten wir mal ab"]
)
def test_a_no_said_as_waiting_it_out_declines_the_agent(services, turn):
    """'nee lassen sie mal das wart ich ab' to 'Möchten Sie mit einem Mitarbeiter sprechen?'
    after the outage went to the complaints team with high priority (session-15 round-2 probe)."""
    record = call(services, "nordwelle", say("mein internet geht nicht"), say("40817253"),
                  say(turn), say("nein danke"))  # fmt: skip
    assert record.handoff is None, record.handoff.queue
    assert "sonst noch helfen" in bot_said(record)[3]


@pytest.mark.parametrize(
    ("turn", "why"),
    [("welche nummer meinen sie die auf dem vertrag oder die auf der rechnung", False),
     ("welche kundennummer die von meinem mann oder meine eigene", False),
     ("warum wollen sie das wissen", True), ("wozu brauchen sie die", True), ("warum", True)],
)  # fmt: skip
def test_a_question_back_about_the_number_asked_for_is_answered(services, turn, why):
    """'welche Nummer meinen Sie', 'wozu brauchen Sie die' at the number prompt got 'Ich habe
    keine Kundennummer verstanden' (session-15 round-2 probe): told where it is (and why it is
    needed), then the number asked for again and taken."""
    record = call(services, "nordwelle", say("ich möchte meinen tarif wechseln"), say(turn),
                  say("40817253"))  # fmt: skip
    told = bot_said(record)[2]
    assert "steht auf jeder Rechnung" in told and ("finde ich Ihren Vertrag" in told) == why
    assert record.handoff is not None and record.handoff.queue == "verkauf"
    assert record.handoff.context["customer"]["number"] == "40817253"


def test_a_question_that_names_no_hours_is_not_told_the_opening_hours(services):
    """'wann kommt denn jetzt der Techniker, der sollte heute zwischen acht und zwölf kommen' was
    told the shops' opening hours and 'Kann ich sonst noch helfen?' (the classifier's
    faq_oeffnungszeiten; session-15 round-2 probe): no opening hours said, the caller asked."""
    turn = "wann kommt denn jetzt der techniker der sollte heute zwischen acht und zwölf kommen"
    record = call(services, "nordwelle", say(turn))
    assert "Shops" not in bot_said(record)[1], bot_said(record)
    for asked in ("hat der shop am sonntag auf", "wie lange habt ihr heute noch"):
        record = call(services, "nordwelle", say(asked))
        assert "Shops" in bot_said(record)[1], asked


def test_a_call_back_asked_for_at_the_agent_offer_is_declined_and_a_person_offered(services):
    """'können Sie mich zurückrufen, wenn das wieder geht' after the outage was told 'Genauer
    kann ich es Ihnen leider nicht sagen' (session-15 round-2 probe), as if it asked the fix
    time: the bot cannot call back, a person is offered again."""
    record = call(services, "nordwelle", say("mein internet geht nicht"), say("40817253"),
                  say("können sie mich zurückrufen wenn das wieder geht"), say("ja"))  # fmt: skip
    assert "Rückruf" in bot_said(record)[3], bot_said(record)
    assert record.handoff is not None and record.handoff.queue == "stoerungsdienst"


@pytest.mark.parametrize(
    "turn", ["was meinen sie damit", "wie meinen sie das", "was meinen sie mit mitarbeiter"]
)
def test_a_caller_asking_what_the_bot_means_hears_the_question_again(services, turn):
    """'was meinen Sie damit' as the first words got 'Geht es um Ihre Rechnung?'; 'wie meinen
    Sie das' to the agent offer got 'Genauer kann ich es Ihnen leider nicht sagen' (session-15
    round-2 probe): the question is said again, as for 'wie bitte'."""
    record = call(services, "nordwelle", say(turn))
    assert bot_said(record)[1] == bot_said(record)[0], bot_said(record)
    record = call(services, "nordwelle", say("mein internet geht nicht"), say("40817253"),
                  say(turn), say("ja"))  # fmt: skip
    assert bot_said(record)[3].endswith("Möchten Sie mit einem Mitarbeiter sprechen?")
    assert "Genauer" not in bot_said(record)[3]
    assert record.handoff is not None and record.handoff.queue == "stoerungsdienst"


def test_a_letter_read_out_before_the_concern_leaves_the_concern_understood(services):
    """A caller reading a letter aloud and then saying the concern ('… da steht sehr geehrte
    Frau Lindner zum ersten Januar erhöht sich der Preis Ihres Tarifs um fünf Euro ich will dann
    kündigen') was not understood: the whole guessed a tariff change, the cancellation second;
    the last clause surely says it (session-15 round-2 probe)."""
    turn = ("ja guten tag ich hab hier einen brief von ihnen da steht sehr geehrte frau lindner"
            " zum ersten januar erhöht sich der preis ihres tarifs um fünf euro ich will dann"
            " kündigen")  # fmt: skip
    record = call(services, "nordwelle", say(turn), say("40817253"))
    assert record.handoff is not None and record.handoff.queue == "kundenbindung", bot_said(record)


def test_when_something_is_to_come_is_not_answered_with_steps_of_another_question(services):
    """'wann kommt mein neuer Router' was told how to restart the router (session-15 round-2
    probe): a self-service answer none of whose examples asks when is no sure concern."""
    record = call(services, "nordwelle", say("wann kommt mein neuer router"))
    assert "Stromstecker" not in bot_said(record)[1], bot_said(record)
    record = call(services, "nordwelle", say("wie starte ich meinen router neu"))
    assert "Stromstecker" in bot_said(record)[1]


def test_a_yes_that_calls_itself_incorrect_is_asked_again(services):
    """'Yes, that's incorrect' (Whisper by telephone for 'Yes, that is correct', SPEECH_NOTES)
    to 'Is it about a declined transfer?' was read as a no and the concern asked anew: neither
    is known, so the question is asked again with the keypad."""
    record = call(
        services, "harbour-bank", say("my card was declined"), say("Yes, that's incorrect."),
        say("no"), say("my card payment was declined"),
    )  # fmt: skip
    said = bot_said(record)
    assert said[2] == "Please answer yes or no, or press 1 for yes and 2 for no.", said
    assert record.handoff is not None and record.handoff.queue == "payments"


@pytest.mark.parametrize(
    ("tenant", "turn", "taken_back"),
    [("harbour-bank", "I need to change my pin, sorry no, I mean I forgot the postcode for the "
      "app.", "cards"),  # ('passcode' misheard, benchmarks/results/beam.json)
     ("nordwelle", "ich will umziehen, nein sorry, ich meine mein Anschluss hat so ein Rauschen "
      "im Telefon", "vertragsservice")],
)  # fmt: skip
def test_a_concern_taken_back_for_words_not_understood_is_not_served(
    services, tenant, turn, taken_back
):
    """Session-17 probe: the corrected part was misheard (or in words the NLU cannot place), so
    the concern the caller had just taken back was put through (change_pin to the card team;
    the move, with its postcode asked). Now the words meant are asked about or asked again."""
    record = call(services, tenant, say(turn), hang_up())
    assert record.handoff is None or record.handoff.queue != taken_back, bot_said(record)
    said = bot_said(record)
    assert "Postleitzahl" not in " ".join(said) and "card team" not in " ".join(said), said


def test_a_turn_cut_in_two_is_read_as_one_at_the_guess_of_its_first_half(services):
    """Session-17 probe: Whisper ended the turn at a pause ('my card' … 'was declined at the
    shop'); the bot asked about its guess for the half ('Is it about a lost or stolen card?')
    and read the rest alone as a declined transfer (the transfers team). The halves are one
    sentence: a declined card payment."""
    record = call(services, "harbour-bank", say("my card"), say("was declined at the shop"))
    assert record.handoff is not None, bot_said(record)
    assert record.handoff.context["intent"]["id"] == "declined_card_payment", bot_said(record)
    record = call(services, "harbour-bank", say("my card"), say("yes"))
    assert record.handoff is not None and record.handoff.queue == "fraud"  # (a yes stays one)


@pytest.mark.parametrize(
    ("turns", "intent"),
    [(("its about my card", "yes kind of, its been declined"), "declined_card_payment"),
     (("its about my card", "yes kind of, i lost it yesterday"), "lost_or_stolen_card"),
     (("i got charged for something", "sort of, it was charged twice actually"),
      "transaction_charged_twice")],
)  # fmt: skip
def test_a_half_yes_going_on_about_it_is_read_with_the_first_turn(services, turns, intent):
    """'its about my card' - 'Is it about a lost or stolen card?' - 'yes kind of, its been
    declined' went to the transfers team: the rest was read alone, a declined transfer
    (session-18 probe). What it says of 'it' is read with the first turn's card."""
    record = call(services, "harbour-bank", *(say(t) for t in turns))
    assert record.handoff is not None, bot_said(record)
    assert record.handoff.context["intent"]["id"] == intent, bot_said(record)


# ---- session-17 probe (harbour-bank) ----------------------------------------------------------
@pytest.mark.parametrize(
    ("turn", "queue", "intent"),
    [("the atm keeps declining my card", "topup_cash", "declined_cash_withdrawal"),
     ("the machine at tesco just kept my card", "cards", "card_swallowed")],
)  # fmt: skip
def test_a_cash_machine_that_kept_doing_something_did_not_keep_the_card(
    services, turn, queue, intent
):
    """'the atm keeps declining my card' was put through to the card team as a card kept by
    the machine: plain_words read any 'machine … keeps' as swallowed (session-17 probe)."""
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None, bot_said(record)
    assert (record.handoff.queue, record.handoff.context["intent"]["id"]) == (queue, intent)


def test_plain_words_read_a_machine_keeping_only_the_card_as_swallowed():
    from voicebot.nlu.plain_words import plain_english

    assert "swallowed" in plain_english("the cash machine kept my card")
    assert "swallowed" in plain_english("the hole in the wall has eaten it")
    assert "swallowed" not in plain_english("the cash machine kept saying my pin was wrong")
    assert "swallowed" not in plain_english("the machine kept my money")


def test_a_sure_concern_beside_a_standing_order_question_is_not_lost(services):
    """'i lost my card yesterday, also … a standing order …, is that still going out' reached
    the general queue at normal priority as 'standing order: still being paid', the lost card
    dropped (the question run on to the rest of the turn left it unsure; session-17 probe)."""
    turn = (
        "i lost my card yesterday, also i had a standing order going to my old landlord,"
        " is that still going out"
    )
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None, bot_said(record)
    assert (record.handoff.queue, record.handoff.priority) == ("fraud", "high")
    assert "also: standing order" in record.handoff.context["summary"]


def test_a_direct_debit_that_went_out_fine_is_no_request(services):
    """'my direct debit to the gym went out fine but my card got declined at lunch' reached the
    general queue as 'direct debit: failed' (the card's 'declined' read as the direct debit's)."""
    turn = "my direct debit to the gym went out fine but my card got declined at lunch"
    record = call(services, "harbour-bank", say(turn), say("yes"))
    assert record.handoff is not None, bot_said(record)
    assert record.handoff.queue == "payments"
    assert "direct debit" not in record.handoff.context["summary"]


def test_a_question_whether_one_can_pay_by_direct_debit_is_no_fraud(services):
    """'can i pay my credit card bill by direct debit' went to the fraud team at high priority
    as a direct debit not recognised (session-17 probe)."""
    record = call(services, "harbour-bank", say("can i pay my credit card bill by direct debit"))
    assert record.handoff is not None, bot_said(record)
    assert (record.handoff.queue, record.handoff.priority) == ("general", "normal")
    assert record.handoff.context["summary"].startswith("direct debit: question")


@pytest.mark.parametrize(
    ("turn", "topic", "queue"),
    [("hello i wanted to ask about remortgaging my house", "mortgage", "general"),
     ("i want to extend my overdraft please", "overdraft", "general"),
     ("can i borrow 5000 pounds for a new kitchen", "loan", "general"),
     ("my loan repayment bounced this month and now theyre charging me a fee", "loan", "general"),
     ("my mortgage payment bounced", "mortgage", "general"),
     ("hi i run a small business and i want to open a business account", "business account",
      "general"),
     ("i have power of attorney for my mum and i need to manage her account",
      "power of attorney", "account"),
     ("my account has been frozen and i cant pay for anything", "account frozen or blocked",
      "account"),
     ("id like to open a current account with you", "opening an account", "account"),
     ("can i speak to someone about a mortgage please", "mortgage", "general"),
     ("how do i get a statement of my card payments", "statement", "general"),
     ("i cant log in to the app since i got a new phone", "app or log-in problem", "general"),
     ("can i add my wife to my account", "joint account", "general"),
     ("i want to open a dispute about a payment", "dispute", "general")],
)  # fmt: skip
def test_a_banking_request_no_intent_serves_reaches_a_person_with_it_noted(
    services, turn, topic, queue
):
    """Banking77 has no mortgages, loans, overdrafts, business accounts, power of attorney,
    frozen accounts or opening an account: remortgaging was asked 'Is it about changing your
    personal details?', the business account and power of attorney were told the minimum age,
    a frozen account reached the account team as closing it, an overdraft was not understood,
    'how do i get a statement of my card payments' went to the fraud team at high priority
    (session-17 probe). Now a person (the account team for the account itself), normal
    priority, the request named."""
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None, bot_said(record)
    assert (record.handoff.queue, record.handoff.priority) == (queue, "normal")
    assert record.handoff.context["summary"].startswith(topic)


@pytest.mark.parametrize(
    ("turn", "queue", "noted"),
    [("my card isnt working and i also want to ask about a loan", "cards", "also: loan"),
     ("i lost my card and i need to talk about my overdraft", "fraud", "also: overdraft"),
     ("how old do you have to be to open an account", None, None),
     ("i forgot my passcode and now i cant log in", "account", None),
     ("can i top up my account using a credit card", "topup_cash", None),
     ("someone took out a loan in my name", "fraud", None),
     ("i cant log in to the app since i lost my phone", "fraud", None),
     ("i have an overdraft and my card got declined at tesco even though i had money",
      "payments", None),
     # a mortgage or loan only what a payment gone wrong was for (session-18 probe: a person)
     ("my mortgage payment went out twice this month", "payments", "no: mortgage"),
     ("i got a loan from another company and the repayment was declined on my card",
      "payments", "no: loan")],
)  # fmt: skip
def test_a_banking_request_no_intent_serves_leaves_a_served_concern_alone(
    services, turn, queue, noted
):
    """Another clause's clear concern stays first (the request noted), the minimum age is
    still answered, a weak word (log in, a credit card) beside a sure concern leaves it, a loan
    taken out in the caller's name is fraud, and an overdraft only had is background."""
    record = call(services, "harbour-bank", say(turn), say("yes"))
    if queue is None:
        assert record.handoff is None and "at least 18" in bot_said(record)[1], bot_said(record)
        return
    assert record.handoff is not None and record.handoff.queue == queue, bot_said(record)
    if noted and noted.startswith("no: "):  # (nor noted beside it as a request)
        assert noted[4:] not in record.handoff.context["summary"]
    elif noted:
        assert noted in record.handoff.context["summary"]


def test_a_direct_debit_said_fine_but_pointed_back_at_stays_noted(services):
    """'… went out fine but i was charged twice for it': the direct debit is what went wrong,
    still noted for the agent beside the double charge."""
    turn = "my direct debit went out fine but i was charged twice for it"
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None and record.handoff.queue == "payments", bot_said(record)
    assert "direct debit" in record.handoff.context["summary"]


@pytest.mark.parametrize(
    ("tenant", "turns", "queue", "intent"),
    [("harbour-bank", ("can i use my card in japan",
                       "and i want to speak to someone about a payment i dont recognise"),
      "fraud", "card_payment_not_recognised")],
)  # fmt: skip
def test_a_concern_beside_the_request_for_a_person_after_an_answer_is_taken(
    services, tenant, turns, queue, intent
):
    """'… speak to someone about a payment I don't recognise' after the country answer went to
    the general queue at normal priority as 'the countries we serve' (session-18 probe)."""
    record = call(services, tenant, *(say(t) for t in turns))
    assert record.handoff is not None
    assert record.handoff.queue == queue
    assert record.handoff.context["intent"]["id"] == intent


def test_a_person_asked_for_after_an_answer_that_did_not_help_keeps_the_answer_named(services):
    record = call(services, "nordwelle", say("wie starte ich den router neu"),
                  say("hab ich schon gemacht, ich will jemanden sprechen"))  # fmt: skip
    assert record.handoff is not None
    assert record.handoff.context["intent"]["id"] == "faq_router_neustart"


def test_a_question_pointing_back_at_the_concern_is_no_second_concern(services):
    """'My bank transfer is still pending. Why is it taking so long?' reached the agent as 'a
    pending transfer; also: a pending top-up' (session-18 probe): the question is about the
    transfer."""
    record = call(services, "harbour-bank",
                  say("My bank transfer is still pending. Why is it taking so long?"))  # fmt: skip
    assert record.handoff is not None and record.handoff.queue == "transfers"
    assert "also" not in str(record.handoff.context["summary"])


@pytest.mark.parametrize(
    ("turn", "queue", "summary"),
    [("i need to cancel my card i think ive left it in a taxi", "fraud", "a lost or stolen card"),
     ("good morning madam, kindly do the needful and block my debit card, it is misplaced",
      "fraud", "a lost or stolen card"),
     ("right so basically i was on the train yesterday and i must have dropped my purse, when i "
      "got home it was gone and i had my debit card in it so i need to cancel it", "fraud",
      "a lost or stolen card"),
     # nothing gone or misused: a routine request of the card team
     ("can you cancel my card please", "cards", "cancelling a card"),
     ("I want to cancel my card, thank you.", "cards", "cancelling a card"),
     # a payment or transfer named: cancelling it, as read
     ("i want to cancel a transfer i made this morning", "transfers", "cancelling a transfer"),
     ("i need to stop a payment i sent to the wrong person", "transfers",
      "cancelling a transfer")],
)  # fmt: skip
def test_a_card_to_cancel_or_block_is_no_transfer_or_direct_debit(services, turn, queue, summary):
    """Banking77 says 'cancel' only of transfers and 'debit' only of direct debits: 'can you
    cancel my card please' went to the transfers team as cancelling a transfer, a misplaced
    debit card to block reached the fraud team as 'a direct debit you do not recognise'
    (session-18 probe). The card's concern, the caller's own words kept for the agent; a card
    only to cancel is no urgent matter."""
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None and record.handoff.queue == queue, bot_said(record)
    assert record.handoff.context["summary"].startswith(summary)
    assert record.handoff.context["transcript"][1]["text"] == turn


@pytest.mark.parametrize(
    "turn",
    ["i transferred 500 pounds to the wrong sort code and account number, can i get it back",
     "i paid the wrong account by mistake",
     "i think i put the wrong account number in when i sent money to my landlord"],
)  # fmt: skip
def test_money_sent_to_the_wrong_account_reaches_the_transfers_team(services, turn):
    """Told in other words than the one example that knows it, a payment to the wrong account
    was not understood or guessed as an exchange rate (session-18 probe)."""
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None, bot_said(record)
    assert (record.handoff.queue, record.handoff.priority) == ("transfers", "normal")


def test_money_sent_to_the_wrong_account_as_a_scam_stays_with_the_fraud_team(services):
    turn = "i sent money to a man who said he was from the bank and it went to the wrong account"
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None and record.handoff.queue == "fraud", bot_said(record)


# ---- session-18 probe, round 6 (harbour-bank): after a self-service answer -------------------
@pytest.mark.parametrize(
    ("first", "closing"),
    [("how long does delivery take for a card", "ok brilliant thats all"),
     ("whats the exchange rate", "no thats everything thanks"),
     ("whats the top up limit", "great thats all")],
)  # fmt: skip
def test_thats_all_written_without_the_apostrophe_ends_the_call(services, first, closing):
    """'ok brilliant thats all' after an answer was 'Sorry, I did not understand' (Whisper
    leaves the apostrophe out; the closing phrases say "that s all"); 'no thats everything'
    too (session-18 probe)."""
    record = call(services, "harbour-bank", say(first), say(closing))
    assert record.handoff is None
    assert "Goodbye" in bot_said(record)[-1], bot_said(record)


def test_not_that_and_what_was_meant_after_an_answer_is_the_next_concern(services):
    """'whats the top up limit' - answer - 'no thats not what i asked, i want to know how long
    a transfer takes' was 'I can't tell you more'; 'no not that, i was charged a fee …' was
    told goodbye: the concern said after the rejection is read (session-18 probe)."""
    record = call(
        services,
        "harbour-bank",
        say("whats the top up limit"),
        say("no thats not what i asked, i want to know how long a transfer takes"),
    )
    assert record.handoff is not None, bot_said(record)
    assert record.handoff.context["intent"]["id"] == "transfer_timing"
    record = call(
        services,
        "harbour-bank",
        say("i have a question about exchange rates"),
        say("no not that, i was charged a fee for paying in euros"),
    )
    assert "Goodbye" not in " ".join(bot_said(record)), bot_said(record)
    record = call(services, "harbour-bank", say("whats the exchange rate"), say("no not that"))
    assert "Goodbye" not in " ".join(bot_said(record)), bot_said(record)


@pytest.mark.parametrize(
    "turn",
    [
        "no its not lost, its been stolen",
        "no not lost, stolen",
        "no its not stolen, i just lost it",
    ],
)
def test_a_no_that_corrects_one_word_of_the_guess_is_the_guess(services, turn):
    """'its about my card' - 'Is it about a lost or stolen card?' - 'no its not lost, its been
    stolen' reached the fraud team as 'a lost or stolen phone' (the no's rest read alone);
    'no not lost, stolen' was asked 'How can I help you?' (session-18 probe). A no that takes
    back a word of the guess and says the other is read with the first turn."""
    record = call(services, "harbour-bank", say("its about my card"), say(turn))
    assert record.handoff is not None, bot_said(record)
    assert record.handoff.context["intent"]["id"] == "lost_or_stolen_card", bot_said(record)
    assert record.handoff.priority == "high"


@pytest.mark.parametrize(
    ("turn", "queue"),
    [("hello i paid the wrong amount to my plumber, i meant 50 and sent 500", "transfers"),
     ("i transferred too much money to my landlord by mistake, can i get some back", "transfers"),
     ("i sent the wrong amount to my son", "transfers"),
     ("the cash machine gave me the wrong amount", "topup_cash")],
)  # fmt: skip
def test_the_wrong_amount_sent_to_someone_reaches_the_transfers_team(services, turn, queue):
    """'i paid the wrong amount to my plumber …' went to the top-up and cash team as the wrong
    amount of cash from a machine; 'i transferred too much money to my landlord' was not
    understood (session-18 probe). Cash from a machine stays with its team."""
    record = call(services, "harbour-bank", say(turn))
    assert record.handoff is not None, bot_said(record)
    assert record.handoff.queue == queue, bot_said(record)
