"""Products at the text level (sonnhof): asked for when none was named, "not one of ours" only
for a product-like word, and asked again, never read back, when it sounds like one of ours."""

from __future__ import annotations

import asyncio

import pytest

from voicebot.asr.expect import Expectation
from voicebot.dialog.textcall import CallServices, hang_up, run_call, say, silence
from voicebot.events import BotSpeech
from voicebot.nlu.slots import ProductCatalog
from voicebot.pipeline import CallRecord


@pytest.fixture(scope="module")
def services(tenants, tenant_nlu) -> CallServices:
    return CallServices(tenants, nlu_for=tenant_nlu)


def call(services: CallServices, *turns: object) -> CallRecord:
    return asyncio.run(run_call("sonnhof", list(turns), services))  # type: ignore[arg-type]


def bot_said(record: CallRecord) -> list[str]:
    return [e.text for e in record.events if isinstance(e, BotSpeech)]


def test_a_question_without_a_product_asks_which_one_is_meant(services):
    record = call(services, say("was kostet das denn"), say("die hafermilch"), say("nein"))
    said = bot_said(record)
    assert said[1] == services.view("sonnhof").prompts.say("ask_slot_product"), said
    assert "Denn" not in " ".join(said) and "keines unserer Produkte" not in " ".join(said)
    assert any("Hafer Drink" in t and "Euro" in t for t in said), said


UNSURE = ("hafer-drink-barista", "knusper-muesli")  # what recognition reports when unsure


def test_an_answer_between_two_products_is_asked_as_a_choice_of_two(services):
    record = call(
        services, say("was kostet das denn"), say("Die auf ihr Müs.", candidates=UNSURE),
        say("den Haferdrink"), say("nein danke"),
    )  # fmt: skip
    asked = [e for e in record.events if isinstance(e, BotSpeech)]
    choice = next(e for e in asked if e.text.startswith("Meinen Sie"))
    assert choice.text == "Meinen Sie Haferdrink oder Schokomüsli?", choice
    assert choice.expect == services.view("sonnhof").products_expect(UNSURE)
    assert Expectation.parse(choice.expect).items[1].value == "knusper-muesli"
    assert len(Expectation.parse(choice.expect).items) == 2
    assert any("Hafer Drink" in e.text and "Euro" in e.text for e in asked)
    assert record.outcome == "resolved"


def test_the_same_two_products_are_not_offered_twice(services):
    record = call(
        services, say("was kostet das denn"), say("Die auf ihr Müs.", candidates=UNSURE),
        say("Die Affirmüsse.", candidates=UNSURE), hang_up(),
    )  # fmt: skip
    said = bot_said(record)
    assert sum(t.startswith("Meinen Sie") for t in said) == 1, said
    assert said[-1].startswith("Welches Produkt meinen Sie?"), said


def test_products_we_do_not_sell_are_never_offered(services):
    record = call(
        services, say("was kostet das denn"),
        say("Leberwust", candidates=("leberwurst", UNSURE[0])), hang_up(),
    )  # fmt: skip
    said = bot_said(record)
    assert not any(t.startswith("Meinen Sie") for t in said), said


def test_a_three_letter_product_name_is_a_product():
    """ "Tee" is an alias of the green tea: too short for fuzzy matching, but said exactly."""
    catalog = ProductCatalog(
        [{"product_id": "tee", "name": "Sonnhof Grüner Tee Zitrone", "aliases": "Tee|Eistee"},
         {"product_id": "brot", "name": "Sonnhof Dinkelbrot", "aliases": "Brot"}],
        brand="Sonnhof",
    )  # fmt: skip
    assert catalog.match("was kostet ein tee").product_id == "tee"
    assert catalog.match("was kostet ein see") is None
    assert catalog.match("ist das teuer") is None


@pytest.mark.parametrize(
    "question",
    ["was kostet das eigentlich", "ist das wirklich vegan", "und was ist da so drin"],
)
def test_filler_words_are_never_taken_for_a_product(services, question):
    record = call(services, say(question), hang_up())
    said = bot_said(record)
    assert "keines unserer Produkte" not in " ".join(said), said
    assert record.handoff is None


def test_a_misheard_product_is_asked_for_again_not_read_back(services):
    record = call(
        services, say("was kostet das"), say("die affirmüß"), say("die hafermilch"), say("nein")
    )
    said = " ".join(bot_said(record))
    assert "Welches Produkt meinen Sie" in said and "ffirm" not in said
    assert "keines unserer Produkte" not in said and "Euro" in said


def test_a_product_we_do_not_sell_named_as_the_answer_is_not_ours(services):
    record = call(services, say("was kostet das"), say("die leberwurst"), say("nein"))
    assert "Leberwurst ist leider keines unserer Produkte" in " ".join(bot_said(record))
    assert record.outcome == "resolved"


@pytest.mark.parametrize("product", ["Salami", "Kekse", "Rasen"])
def test_a_product_sounding_like_ours_only_at_its_end_is_not_ours(services, product):
    """ "Salami" and "Rasen" were taken for "Brezeln" misheard (their sound keys share the
    end) and asked about again (session-12 probes)."""
    record = call(services, say(f"Was kostet die {product}?"), say("nein"))
    assert f"{product} ist leider keines unserer Produkte" in " ".join(bot_said(record))


@pytest.mark.parametrize(
    ("first", "then", "said"),
    [("Was ist im Müsli drin?", "Ist da Honig drin?", "enthält Honig"),
     ("Ist der Haferdrink laktosefrei?", "Und ist der glutenfrei?", "ist nicht glutenfrei"),
     ("Was ist in der Nougatcreme?", "Ist die glutenfrei?", "Nuss-Nougat-Creme ist glutenfrei")],
)  # fmt: skip
def test_what_is_in_the_product_talked_about_is_answered_for_it(services, first, then, said):
    """ "Ist da Honig drin?" after the Müsli was "Honig ist leider keines unserer Produkte";
    "Und ist der glutenfrei?" after the lactose answer repeated that answer (session-12
    probe)."""
    record = call(services, say(first), say(then), hang_up())
    reply = bot_said(record)[2]
    assert said in reply and "keines unserer" not in reply and "Noch einmal" not in reply, reply


@pytest.mark.parametrize(
    "bye", ["Ach, vergessen Sie es, tschüss.", "ach, vergessen sie es, tschüss"]
)
def test_a_goodbye_instead_of_the_product_ends_the_call(services, bye):
    """ "Vergessen ist leider keines unserer Produkte" (session-12 probe)."""
    record = call(services, say("Ist das glutenfrei?"), say(bye))
    said = bot_said(record)
    assert said[-1] == services.view("sonnhof").prompts.say("goodbye"), said
    assert record.handoff is None


def test_no_product_after_three_tries_goes_to_a_person_not_a_guess(services):
    record = call(services, say("was kostet das"), say("äh"), say("hm"), say("also"))
    said = " ".join(bot_said(record))
    assert "keines unserer Produkte" not in said and "Euro" not in said
    assert record.handoff is not None and record.handoff.context["reason"] == "no_match"


def test_free_answers_are_heard_with_products_and_concern_words_as_hints(services):
    assert {"Haferdrink", "Nougatcreme", "vegan", "Palmöl", "Zutaten"} <= set(
        services.view("sonnhof").hints
    )
    assert {"Tarif", "Router", "kündigen"} <= set(services.view("nordwelle").hints)
    assert services.view("harbour-bank").hints == ()  # English is heard well without


def test_that_was_all_instead_of_a_product_says_goodbye(services):
    record = call(services, say("was kostet das denn"), say("nein danke, das war alles"))
    said = bot_said(record)
    assert said[-1] == services.view("sonnhof").prompts.say("goodbye"), said
    assert record.handoff is None


def test_the_product_prompt_expects_one_of_the_catalog_by_name_and_alias(services):
    from voicebot.asr.expect import Expectation

    record = call(services, say("was kostet das denn"), hang_up())
    asked = [e for e in record.events if isinstance(e, BotSpeech) and e.expect]
    expectation = Expectation.parse(asked[-1].expect or "")
    items = {c.value: c.phrases for c in expectation.items}
    assert expectation.kind == "list" and len(items) == len(services.view("sonnhof").catalog)
    assert {"Hafermilch", "Haferdrink"} <= set(items["hafer-drink-barista"])


def test_the_recognisers_list_value_names_the_product_when_the_words_do_not(services):
    from voicebot.dialog.caller_input import slot_in
    from voicebot.events import Intent

    view = services.view("sonnhof")
    nothing = Intent(call_id="c", at_ms=0, name=None, confidence=0.0)
    heard = "Die auf ihr Müs."  # "die Hafermilch" by telephone
    assert slot_in("product", heard, nothing, "hafer-drink-barista", view) == "hafer-drink-barista"
    assert slot_in("product", heard, nothing, "leberwurst", view) != "leberwurst"
    assert slot_in("product", heard, nothing, None, view) is None


@pytest.mark.parametrize("correction", ["nein, das duschgel", "ich meinte das Duschgel"])
def test_a_product_named_after_not_ours_corrects_it_and_the_question_is_answered(
    services, correction
):
    """'das Duschgel' heard as 'Sohspin': the caller's correction gets the price, not the
    complaint path the classifier reads a bare product name as."""
    record = call(
        services, say("wie teuer ist eigentlich das sohspin"), say(correction), say("nein")
    )
    said = bot_said(record)
    assert "Sohspin ist leider keines unserer Produkte" in said[1]
    assert "Duschgel Meeresbrise kostet" in said[2] and "Chargennummer" not in " ".join(said)
    assert record.handoff is None and record.outcome == "resolved"


def test_a_new_question_after_not_ours_is_a_new_concern(services):
    record = call(services, say("was kostet die erdnussbutter"), say("ist die handcreme vegan"),
                  say("nein"))  # fmt: skip
    said = " ".join(bot_said(record))
    assert "Handcreme ist vegan" in said and "Euro" not in said


@pytest.mark.parametrize("opening", ["das duschgel", "ich hab mal eine frage zum duschgel"])
def test_only_a_product_named_asks_what_the_caller_wants_to_know(services, opening):
    """Not a guess: a bare product name was read as a complaint (batch number, quality queue)."""
    record = call(services, say(opening), say("was kostet das"), say("nein"))
    said = bot_said(record)
    assert said[1] == "Was möchten Sie über Sonnhof Duschgel Meeresbrise wissen?", said
    assert "Duschgel Meeresbrise kostet" in said[2] and "Chargennummer" not in " ".join(said)
    assert record.handoff is None and record.outcome == "resolved"


def test_the_product_of_the_call_carries_over_to_the_next_question(services):
    record = call(
        services, say("ist die hafermilch vegan"), say("ja, was kostet die denn"),
        say("ja, noch zur handcreme"), say("ist die vegan"), say("nein"),
    )  # fmt: skip
    said = bot_said(record)
    assert "Hafer Drink Barista ist vegan" in said[1]
    assert "Hafer Drink Barista kostet" in said[2], said
    assert said[3] == "Was möchten Sie über Sonnhof Sensitiv Handcreme wissen?", said
    assert "Sensitiv Handcreme ist vegan" in said[4], said
    assert not any("Um welches" in line or "Welches Produkt" in line for line in said)


def test_no_thanks_after_what_about_the_product_ends_the_call(services):
    record = call(services, say("das duschgel"), say("nein danke"))
    said = bot_said(record)
    assert said[-1] == services.view("sonnhof").prompts.say("goodbye")
    assert not any("nicht verstanden" in line for line in said)


@pytest.mark.parametrize(
    "opening", ["ich rufe wegen dem Duschgel an", "hallo äh ich ruf an wegen der Handcreme",
                "ich hab ihre Zahnpasta gekauft"],
)  # fmt: skip
def test_calling_about_a_product_asks_what_about_it_not_for_a_batch_number(services, opening):
    """The classifier read "ich rufe wegen dem Duschgel an" as a complaint (0.99): the caller
    was asked for a batch number and sent to the quality team."""
    record = call(services, say(opening), say("nein danke"))
    said = bot_said(record)
    assert "Was möchten Sie über" in said[1] and "Chargennummer" not in " ".join(said)


@pytest.mark.parametrize(
    ("question", "answers"),
    [("ist die Hafermilch vegan und enthält sie Palmöl", ["ist vegan", "enthält kein Palmöl"]),
     ("was kostet die Handcreme und ist die vegan", ["2,95 Euro", "Handcreme ist vegan"])],
)  # fmt: skip
def test_two_questions_joined_by_und_are_both_answered(services, question, answers):
    """Only the first was answered (or neither: "Geht es um die Frage, ob …?")."""
    record = call(services, say(question), say("nein danke"))
    said = " ".join(bot_said(record))
    assert all(a in said for a in answers) and "Geht es um" not in said, said


@pytest.mark.parametrize(
    ("question", "answer"),
    [("Was kostet die Handcreme, äh nein, das Duschgel?", "Duschgel Meeresbrise kostet 1,29"),
     ("Was kostet die Handcreme, nein, eigentlich meine ich das Duschgel.", "Duschgel Meeresbrise"),
     ("Ist die Nougatcreme, nein, ich meine die Hafermilch, vegan?", "Hafer Drink Barista ist")],
)  # fmt: skip
def test_a_product_corrected_in_passing_is_the_one_answered_for(services, question, answer):
    """The first product named was answered for ("Handcreme kostet 2,95 Euro")."""
    record = call(services, say(question), say("nein danke"))
    assert answer in bot_said(record)[1], bot_said(record)


def test_a_compound_ending_in_one_of_our_products_names_it(tenant_nlu):
    """Whisper writes "Tiefkühlbrezeln" as one word; the alias is "Brezeln"."""
    found = tenant_nlu("sonnhof").slots.catalog.match("ich habe ihre Tiefkühlbrezeln gekauft")
    assert found is not None and found.product_id == "laugenbrezel-tk"
    assert tenant_nlu("sonnhof").slots.catalog.match("die Erdnussbutter") is None


def test_a_product_we_do_not_sell_is_named_by_the_first_run_of_unknown_words(tenant_nlu):
    slots = tenant_nlu("sonnhof").slots
    assert slots.unknown_product("in meinem Joghurt war ein Haar") == "joghurt"
    assert slots.unknown_product("ist die Leberwurst vegan") == "leberwurst"
    assert slots.unknown_product("was kostet das denn") is None


@pytest.mark.parametrize(
    ("text", "product"),
    [("Wo wird das hergestellt?", None), ("Wo kann ich das kaufen?", None),
     ("Habt ihr auch Erdnussbutter?", "erdnussbutter"), ("Leberwurst.", "leberwurst"),
     ("Ist die Leberwurst vegan?", "leberwurst"),
     ("Ich hätte mal eine Frage zu den Inhaltsstoffen", None)],  # "Inhaltsstoffe": our word
)  # fmt: skip
def test_a_product_we_do_not_sell_is_a_noun_where_the_text_is_cased(tenant_nlu, text, product):
    """The recogniser writes German nouns with a capital: "hergestellt" and "kaufen" were taken
    for products ("Hergestellt ist leider keines unserer Produkte")."""
    assert tenant_nlu("sonnhof").slots.unknown_product(text) == product


@pytest.mark.parametrize(
    ("question", "variant"),
    [("Ist in dem Früchte Müsli Gluten?", "Früchte Müsli"),
     ("Ist der Pfefferminz Tee vegan?", "Pfefferminz Tee"),
     ("Was kostet das Duschgel Lavendel?", "Duschgel Lavendel")],
)  # fmt: skip
def test_a_variant_of_ours_that_we_do_not_sell_is_never_answered_for_ours(
    services, question, variant
):
    """ "Pfefferminz Tee" got the answer for our green tea: a guess (TENANTS.md: never)."""
    said = " | ".join(bot_said(call(services, say(question), say("nein danke"))))
    assert f"{variant} ist leider keines unserer Produkte" in said, said


@pytest.mark.parametrize(
    ("question", "answer"),
    [("Ist die Nougatcreme laktosefrei?", "Nuss-Nougat-Creme ist nicht laktosefrei"),
     ("Ist der grüne Tee vegan?", "Grüner Tee Zitrone ist vegan"),
     ("Sind in der Schokocreme Nüsse drin?", "Nuss-Nougat-Creme enthält Nüsse")],
)  # fmt: skip
def test_our_products_with_a_property_beside_them_are_still_ours(services, question, answer):
    said = " | ".join(bot_said(call(services, say(question), say("nein danke"))))
    assert answer in said, said


def test_a_reported_reaction_goes_to_the_quality_team_not_the_allergen_answer(services):
    record = asyncio.run(run_call("sonnhof", [
        say("ich habe mich an der handcreme allergisch reagiert, mein arm ist ganz rot"),
        say("L 1 2 3 4")], services))  # fmt: skip
    assert record.handoff is not None and record.handoff.queue == "qualitaet", record.turns()
    assert record.handoff.context["priority"] == "high"


@pytest.mark.parametrize(
    ("said", "harm"),
    [
        ("meine tochter hat von der zahnpasta einen ausschlag bekommen, welche allergene sind drin",
         True),
        ("ist in der handcreme etwas drin, worauf man allergisch reagiert", False),
    ],
)  # fmt: skip
def test_harm_done_is_never_answered_by_the_bot_but_a_question_about_it_is(services, said, harm):
    record = asyncio.run(run_call("sonnhof", [say(said), say("L 1 2 3 4")], services))
    handed = record.handoff is not None and record.handoff.queue == "qualitaet"
    assert handed is harm, record.turns()


@pytest.mark.parametrize(
    ("question", "said"),
    [("Enthält das Müsli Erdnüsse?", "enthält keine Erdnüsse"),
     ("Hat die Tomatensauce Knoblauch?", "enthält Knoblauch"),
     ("Enthalten die Spätzle Muskat?", "enthält Muskat"),
     ("Hat die Nougatcreme Kakao?", "enthält Kakao")],
)  # fmt: skip
def test_a_verb_first_question_about_what_a_product_holds_is_answered(services, question, said):
    """'Enthält das Müsli Erdnüsse?' was 'Müsli Erdnüsse ist leider keines unserer Produkte'
    (the noun after the product read as a variant of it)."""
    text = " | ".join(bot_said(call(services, say(question))))
    assert said in text and "keines unserer Produkte" not in text, text


@pytest.mark.parametrize(
    ("question", "said"),
    [("Wir haben Zöliakie in der Familie, welche Produkte von Ihnen sind glutenfrei?",
      "Glutenfrei sind von unseren Produkten"),  # (was "Um welches Sonnhof-Produkt")
     ("Ich habe Zöliakie. Ist das Dinkelbrot für mich geeignet?", "enthält Gluten")],
)  # fmt: skip
def test_a_condition_named_is_no_product(services, question, said):
    """'Zöliakie ist leider keines unserer Produkte' (an unknown noun taken for a product)."""
    text = " | ".join(bot_said(call(services, say(question))))
    assert said in text and "keines unserer Produkte" not in text, text


def test_a_complaint_about_a_product_not_ours_asks_which_of_ours(services):
    """'Mein Nutella ist ranzig' was handed to the quality team with product '?nutella'."""
    record = call(services, say("Mein Nutella ist ranzig."),
                  say("Ach so, nein, ich meine Ihre Nougatcreme."), say("L 1 2 3 4 M"))  # fmt: skip
    assert "Nutella ist leider keines unserer Produkte" in bot_said(record)[1], bot_said(record)
    assert record.handoff is not None and record.handoff.context["slots"]["product"] == (
        "nuss-nougat-creme"
    )


def test_a_complaint_about_a_product_named_again_is_handed_off_with_it(services):
    record = call(services, say("In meinem Joghurt war ein Haar."),
                  say("Das ist von Ihnen, Sonnhof Joghurt."), say("L 1 2 3 4 M"))  # fmt: skip
    assert record.handoff is not None and record.handoff.queue == "qualitaet", bot_said(record)
    assert record.handoff.context["slots"]["product"] == "?joghurt"


@pytest.mark.parametrize(
    ("question", "said"),
    [("Kann ich das Müsli essen, wenn ich Zöliakie habe?", "enthält Gluten"),
     ("Ich vertrage keine Laktose, kann ich die Käsespätzle essen?", "enthält Laktose")],
)  # fmt: skip
def test_a_question_naming_a_health_condition_gets_the_allergen_answer(services, question, said):
    """'… wenn ich Zöliakie habe?' was answered with the Müsli's storage (read at 0.75)."""
    text = " | ".join(bot_said(call(services, say(question))))
    assert said in text and "Lagerung" not in text, text


def test_a_complaint_announced_names_no_product(services):
    """'Ich habe eine Beschwerde.' was 'Beschwerde ist leider keines unserer Produkte'."""
    record = call(services, say("Ich habe eine Beschwerde."), say("Die Nougatcreme"),
                  say("L 1 2 3 4 M"))  # fmt: skip
    assert bot_said(record)[1] == "Um welches Sonnhof-Produkt geht es?", bot_said(record)
    assert record.handoff is not None and record.handoff.context["slots"]["product"] == (
        "nuss-nougat-creme"
    )


def test_the_product_corrected_at_the_batch_prompt_is_handed_over(services):
    complaint = "Ich hab eine Beschwerde über die Tomatensoße, da war ein Haar drin."
    corrected = "Oh Moment, Entschuldigung, ich hab mich vertan, es waren die Käsespätzle."
    record = call(services, say(complaint), say(corrected), say("L 4 4 0 1"))
    assert record.handoff is not None and record.handoff.context["slots"] == {
        "product": "kaese-spaetzle",
        "batch": "L4401",
    }, bot_said(record)


@pytest.mark.parametrize(
    ("question", "said"),
    [("Ist die Tomatensauce vegan und glutenfrei?",
      ("Tomatensauce Basilikum ist vegan", "Tomatensauce Basilikum ist glutenfrei")),
     ("Ist das Duschgel vegan und ohne Palmöl?", ("ist vegan", "enthält kein Palmöl")),
     ("Ist die Nougatcreme glutenfrei, und sind da Spuren von Erdnüssen drin?",
      ("ist glutenfrei", "enthält keine Erdnüsse")),
     ("Wieviel kostet die Hafermilch und ist die vegan?", ("ist vegan", "kostet 2,29"))],
)  # fmt: skip
def test_each_thing_asked_about_one_product_is_answered(services, question, said):
    """Only the first was answered ('… ist vegan. Kann ich sonst noch helfen?'); the price
    and 'ist die vegan' asked for the product again."""
    text = " | ".join(bot_said(call(services, say(question))))
    assert all(s in text for s in said) and "Um welches" not in text, text


def test_the_products_own_name_asks_about_no_allergen(services):
    text = " | ".join(bot_said(call(services, say("Was ist in der Nuss-Nougat-Creme drin?"))))
    assert "enthält Nüsse" not in text and text.count("Nuss-Nougat-Creme enthält") == 1, text


@pytest.mark.parametrize(
    ("turn", "answer"),
    [("Ich habe gestern die Nougatcreme gekauft. Ist da Palmöl drin?", "Palmöl"),
     ("Ich hab die Packung nicht da. Ist im Müsli Gluten?", "Gluten"),
     ("Meine Nachbarin hat mir von der Hafermilch erzählt. Ist die vegan?", "vegan"),
     ("Jetzt sind die Brezeln aufgetaut. Kann ich die wieder einfrieren?", "einfrieren")],
)  # fmt: skip
def test_a_lead_in_before_a_product_question_is_no_complaint(services, turn, answer):
    """The lead-in alone reads as a complaint (reklamation, high priority): it asked for the
    batch and handed the caller to the quality team (session 10 probe)."""
    record = call(services, say(turn), say("nein"))
    said = " ".join(bot_said(record))
    assert answer in said and "Chargennummer" not in said and "Reklamation" not in said, said
    assert record.outcome == "resolved", said


@pytest.mark.parametrize(
    "turn",
    ["Die Nougatcreme war schimmelig. Ist da eigentlich Palmöl drin?",
     "Ist die Hafermilch vegan? Außerdem war in meinem Müsli ein Stein."],
)  # fmt: skip
def test_a_complaint_said_with_a_product_question_still_reaches_the_quality_team(services, turn):
    record = call(services, say(turn), say("L 1 2 3 4 A"))
    said = " ".join(bot_said(record))
    assert "Chargennummer" in said, said
    assert record.handoff is not None and record.handoff.queue == "qualitaet", said


def test_the_product_corrected_to_keeps_the_question(services):
    """ "Ach nee, doch lieber die Handcreme" was read as praise (Lob) and the price lost."""
    record = call(
        services, say("Was kostet das Duschgel? Ach nee, doch lieber die Handcreme."), say("nein")
    )
    said = " ".join(bot_said(record))
    assert "Handcreme kostet" in said and "Lob" not in said and "Duschgel" not in said, said


@pytest.mark.parametrize(
    ("turn", "answers"),
    [("Sind die Brezeln und die Spätzle vegan?", ("Laugenbrezeln", "Käsespätzle")),
     ("Was kostet die Handcreme und das Duschgel?", ("Handcreme kostet", "Meeresbrise kostet")),
     ("Ist in der Nougatcreme oder im Müsli Palmöl?", ("Nuss-Nougat-Creme", "Knusper-Müsli"))],
)  # fmt: skip
def test_each_product_one_question_names_is_answered(services, turn, answers):
    """Only one of the products was answered (session 10 probe)."""
    said = " ".join(bot_said(call(services, say(turn), say("nein"))))
    assert all(a in said for a in answers), said


@pytest.mark.parametrize(
    ("turn", "product", "other"),
    [("Ich habe die Brezeln gekauft. Was kostet das Müsli?", "Knusper-Müsli", "Brezeln"),
     ("Wie lange hält sich die Marmelade, ach nee, ich meine die Tomatensauce, nach dem Öffnen?",
      "Tomatensauce", "Fruchtaufstrich"),
     ("Ist das Duschgel vegan? Ach nee, doch lieber die Handcreme.", "Handcreme", "Duschgel")],
)  # fmt: skip
def test_the_product_of_the_question_or_the_correction_is_answered(services, turn, product, other):
    said = " ".join(bot_said(call(services, say(turn), say("nein"))))
    assert product in said and other not in said, said


@pytest.mark.parametrize(
    "turn",
    ["Die Hafermilch ist geronnen, obwohl sie noch zwei Monate haltbar ist. Ist die vegan?",
     "Die Hafermilch ist total dickflüssig geworden. Ist die vegan?"],
)  # fmt: skip
def test_a_spoiled_product_said_before_a_question_is_a_complaint(services, turn):
    said = " ".join(bot_said(call(services, say(turn), say("L 1 2 3 4 A"))))
    assert "Chargennummer" in said, said


@pytest.mark.parametrize(
    "turn", ["Das Müsli hat ranzig geschmeckt.", "Meine Kollegin hat in Ihrem Müsli eine Motte"
             " gefunden."],
)  # fmt: skip
def test_a_product_gone_wrong_said_as_a_statement_is_a_complaint(services, turn):
    """'Das Müsli hat ranzig geschmeckt.' was asked 'Geht es um ein Lob?' (round 5)."""
    record = call(services, say(turn), say("L 1 2 3 4 A"))
    assert record.handoff is not None and record.handoff.queue == "qualitaet", bot_said(record)


def test_praise_about_a_products_smell_is_praise(services):
    """'Das Duschgel riecht so gut!' was read as a complaint (noticed in session 9)."""
    record = call(services, say("Das Duschgel riecht so gut!"), say("nein"))
    said = " ".join(bot_said(record))
    assert "Lob" in said and "Chargennummer" not in said and record.handoff is None, said


def test_another_product_said_with_a_no_at_the_batch_prompt_corrects_it(services):
    record = call(
        services, say("Die Nougatcreme ist ranzig."),
        say("Äh, nein, es war die Marmelade, die Nummer ist M 3 3 0 1."),
    )  # fmt: skip
    assert record.handoff is not None
    assert record.handoff.context["slots"]["product"] == "erdbeer-fruchtaufstrich"


def test_a_product_named_after_the_callers_name_is_asked_about(services):
    record = call(
        services, say("Hier ist Frau Krüger, ich hab eine Frage zum Müsli."),
        say("Ist das vegan?"), say("nein danke"),
    )  # fmt: skip
    said = bot_said(record)
    assert said[1] == "Was möchten Sie über Sonnhof Knusper-Müsli Schoko wissen?", said
    assert "ist nicht vegan" in said[2], said


@pytest.mark.parametrize(
    ("sentence", "unsaid"),
    [("Ich benutze die Handcreme jeden Tag.", True), ("Ich hab gerade die Brezeln im Ofen.", True),
     ("Die Spätzle waren lecker.", False), ("Ihre Nougatcreme ist die beste.", False),
     ("Das Müsli schmeckt mir nicht so gut.", True)],
)  # fmt: skip
def test_a_side_sentence_read_as_praise_needs_words_of_praise(services, sentence, unsaid):
    """'Ich benutze die Handcreme jeden Tag. Ist die vegan?' was thanked for its praise."""
    from voicebot.dialog.product_reading import praise_unsaid
    from voicebot.events import Intent

    read = Intent(call_id="c", at_ms=0, name="lob", confidence=0.9)
    assert praise_unsaid(services.view("sonnhof"), read, sentence) == unsaid
    other = Intent(call_id="c", at_ms=0, name="produkt_preis", confidence=0.9)
    assert not praise_unsaid(services.view("sonnhof"), other, sentence)


def test_thanks_after_an_answer_close_the_call_and_are_no_praise(services):
    record = call(services, say("Was kostet die Handcreme?"), say("Alles klar, danke."))
    said = bot_said(record)
    assert "Lob" not in " ".join(said), said
    assert (
        record.outcome == "resolved" and said[-1] == "Vielen Dank für Ihren Anruf. Auf Wiederhören!"
    )


@pytest.mark.parametrize(
    "thanks", ["Toll, danke schön!", "Wunderbar, vielen Dank!", "Schade. Danke trotzdem."]
)
def test_thanks_with_a_word_of_praise_after_an_answer_end_the_call(services, thanks):
    record = call(services, say("Ist das Duschgel vegan?"), say(thanks))
    said = bot_said(record)
    assert "Lob" not in " ".join(said) and record.outcome == "resolved", said


@pytest.mark.parametrize(
    "question", ["Ist im Duschgel Mikroplastik?", "ist im duschgel mikroplastik?"]
)
def test_a_question_what_a_product_holds_is_no_complaint(services, question):
    """Read as a complaint (0.64), the batch number was asked for (session-12 probe)."""
    record = call(services, say(question), hang_up())
    said = " ".join(bot_said(record))
    assert "Chargennummer" not in said and "Duschgel Meeresbrise enthält" in said, said


def test_a_complaint_turned_down_at_the_batch_prompt_is_the_question_said_instead(services):
    record = call(services, say("Im Duschgel ist was Komisches."),
                  say("Nein, ich will nichts reklamieren, ich will nur wissen, ob da Mikroplastik "
                      "drin ist."), hang_up())  # fmt: skip
    said = bot_said(record)
    assert "Duschgel Meeresbrise enthält" in said[-1] or "Duschgel Meeresbrise enthält" in said[-2]
    assert record.handoff is None


@pytest.mark.parametrize(
    ("question", "said"),
    [("Habt ihr auch Kekse?", "Kekse ist leider keines unserer Produkte"),
     ("Verkaufen Sie auch Salami?", "Salami ist leider keines unserer Produkte"),
     ("Haben Sie die Nougatcreme?", "Ja, das gehört zu unseren Produkten. Was möchten Sie über "
      "Sonnhof Nuss-Nougat-Creme wissen?"),
     ("Haben Sie das Duschgel auch mit Lavendel?",
      "Diese Sorte haben wir leider nicht, nur Sonnhof Duschgel Meeresbrise.")],
)  # fmt: skip
def test_whether_a_product_is_sold_is_answered(services, question, said):
    """ "Habt ihr auch Kekse?" was not understood (session-12 probe)."""
    record = call(services, say(question), hang_up())
    assert said in bot_said(record)[1], bot_said(record)
    assert record.handoff is None


def test_a_kind_of_a_product_asked_without_something_is_a_content_question(services):
    record = call(services, say("Gibt es die Hafermilch auch ohne Zucker?"), hang_up())
    said = bot_said(record)[1]  # (session 16: told from the list, which it reads too)
    assert "Hafer Drink Barista ohne zugesetzten Zucker" in said and "Zutaten sind" in said


def test_an_ingredient_of_the_product_talked_about_is_answered(services):
    """ "Ist da Butter drin?" after the Brezeln' ingredients was asked "Geht es um Palmöl?"
    (session-12 probe)."""
    record = call(services, say("Was ist in den Brezeln drin?"), say("Ist da Butter drin?"),
                  hang_up())  # fmt: skip
    assert "enthält Butter" in bot_said(record)[2], bot_said(record)


def test_thanks_to_is_it_about_after_an_answer_ends_the_call(services):
    """ "danke" to "Geht es um die Frage, ob ein Produkt vegan ist?" after an answer was
    asked for a yes or a no, twice, and handed to a person (session-12 probe)."""
    record = call(services, say("Sind eure Käsespätzle vegetarisch?"), say("Also ohne Fleisch?"),
                  say("danke"))  # fmt: skip
    said = bot_said(record)
    assert said[-1] == services.view("sonnhof").prompts.say("goodbye"), said
    assert record.handoff is None


@pytest.mark.parametrize(
    "said",
    ["Meine Tochter hat eine halbe Tube Kinderzahnpasta gegessen. Ist das gefährlich?",
     "Mein Sohn hat Duschgel getrunken, muss er zum Arzt?",
     "mein sohn hat die handcreme gegessen ist die gefährlich für kinder"],
)  # fmt: skip
def test_something_swallowed_names_the_poison_centre_and_puts_through_at_once(services, said):
    """The batch number was asked for a child who ate toothpaste (session-12 probe)."""
    record = call(services, say(said))
    assert "Giftnotruf" in bot_said(record)[1] and "Chargennummer" not in bot_said(record)[1]
    assert record.handoff is not None and record.handoff.priority == "high"


@pytest.mark.parametrize(
    "turns",
    [("mein kind hat von der zahnpasta gegessen", "ungefähr eine halbe tube",
      "ist das gefährlich"),
     ("In dem Müsli war ein Glassplitter.", "und meine Tochter hat schon davon gegessen")],
)  # fmt: skip
def test_a_risk_completed_at_the_batch_prompt_names_the_help_at_once(services, turns):
    """'mein Kind hat von der Zahnpasta gegessen' (batch asked) - 'ist das gefährlich' was
    asked for the batch number twice more, the poison centre never named (session-18 probe)."""
    record = call(services, *(say(t) for t in turns))
    said = bot_said(record)
    assert "Giftnotruf" in said[-1] or "112" in said[-1], said
    assert record.handoff is not None and record.handoff.priority == "high"


def test_a_risk_told_after_an_answer_reaches_the_urgent_team_as_such(services):
    """'mein Sohn hat die Handcreme gegessen' (ingredients told) - 'was soll ich jetzt machen'
    named the poison centre, but the agent read 'Allergene eines Produkts' (session-18 probe)."""
    record = call(services, say("mein sohn hat die handcreme gegessen"),
                  say("was soll ich jetzt machen"))  # fmt: skip
    assert record.handoff is not None and record.handoff.priority == "high"
    summary = str(record.handoff.context["summary"])
    assert "Vergiftung" in summary and "Handcreme" in summary, summary
    assert "Allergene" not in summary


@pytest.mark.parametrize(
    "said",
    ["und in der letzten packung war schimmel",
     "ich möchte mit jemandem sprechen weil in der letzten packung schimmel war"],
)  # fmt: skip
def test_a_complaint_about_which_pack_keeps_the_product_talked_about(services, said):
    """After 'ist die Hafermilch vegan': 'in der letzten Packung war Schimmel' was 'Letzten ist
    leider keines unserer Produkte', and with a person asked for the agent got no product
    (session-18 probe)."""
    record = call(services, say("ist die hafermilch vegan"), say(said), say("L 1 2 3 4"))
    assert not any("Letzten" in s for s in bot_said(record))
    assert record.handoff is not None and record.handoff.queue == "qualitaet"
    assert record.handoff.context["slots"].get("product") == "hafer-drink-barista"


def test_a_misheard_product_alone_read_as_praise_asks_what_about_it(services):
    """'Lietumaten Sauce' (Whisper for 'Die Tomatensauce', benchmarks/results) was thanked for
    its praise (session-18 probe)."""
    record = call(services, say("Lietumaten Sauce"), hang_up())
    assert "Was möchten Sie über Sonnhof Bio Tomatensauce" in bot_said(record)[1]


def test_a_risk_denied_at_the_batch_prompt_is_no_emergency(services):
    record = call(services, say("In dem Müsli war ein Glassplitter."),
                  say("nein gegessen hat noch keiner davon"), say("L 2 3 4 5"))  # fmt: skip
    assert not any("112" in s or "Giftnotruf" in s for s in bot_said(record))
    summary = str(record.handoff.context["summary"]) if record.handoff else ""
    assert "verzehrt" not in summary  # it was "Problem: Glassplitter, verzehrt; Gesundheit:
    # Fremdkörper verzehrt" (session-18 probe)


def test_a_product_eaten_with_pleasure_is_no_emergency(services):
    record = call(services, say("Ich habe die Nougatcreme gegessen, die war lecker."), hang_up())
    assert "Giftnotruf" not in " ".join(bot_said(record))


@pytest.mark.parametrize(
    ("turns", "said"),
    [(("Ist in dem Duschgel Parfum?",), "Duschgel Meeresbrise enthält Parfum"),
     (("Ich wollte was über die Handcreme wissen.", "Ist die parfümfrei?"), "ohne Parfum")],
)  # fmt: skip
def test_whether_an_ingredient_is_in_a_product_is_answered(services, turns, said):
    """ "Ist in dem Duschgel Parfum?" got "Geht es um die Allergene …?", "Ist die
    parfümfrei?" after the hand cream "Ja oder Nein?" (session-12 probe)."""
    record = call(services, *map(say, turns), hang_up())
    assert said in bot_said(record)[len(turns)], bot_said(record)


@pytest.mark.parametrize(
    ("question", "said"),
    [("Gibt es das Müsli auch ohne Palmöl?", "Nein, Sonnhof Knusper-Müsli Schoko enthält Palmöl."),
     ("Ist die Nougatcreme ohne Palmöl?", "Ja, Sonnhof Nuss-Nougat-Creme enthält kein Palmöl."),
     ("Ist in der Nougatcreme Palmöl?", "Nein, Sonnhof Nuss-Nougat-Creme enthält kein Palmöl.")],
)  # fmt: skip
def test_palm_oil_asked_the_other_way_round_gets_the_right_yes_or_no(services, question, said):
    """ "Gibt es das auch ohne Palmöl?" was answered "Ja, … enthält Palmöl." (probe)."""
    record = call(services, say(question), hang_up())
    assert bot_said(record)[1].startswith(said), bot_said(record)


def test_why_not_after_not_vegan_reads_the_ingredients(services):
    """ "Warum nicht?" after "… ist nicht vegan" got "Was kann ich sonst für Sie tun?"."""
    record = call(services, say("Sind die Laugenbrezeln vegan?"), say("Warum nicht?"), hang_up())
    assert "Butter" in bot_said(record)[2], bot_said(record)


def test_praise_the_classifier_was_unsure_of_is_no_complaint(services):
    """ "… dass Ihre Barista-Hafermilch super im Kaffee schäumt" was asked "Geht es um eine
    Reklamation?" (complaint 0.58, praise 0.42; session-12 probe)."""
    record = call(services, say("Ich wollte nur loswerden, dass Ihre Barista-Hafermilch super im "
                                "Kaffee schäumt."), hang_up())  # fmt: skip
    assert "Lob" in bot_said(record)[1] and "Reklamation" not in bot_said(record)[1]


def test_the_number_on_the_pack_is_no_product(services):
    """ "Nummer ist leider keines unserer Produkte" for an EAN read off the pack (probe)."""
    record = call(services, say("Ich habe hier die Nummer 4006381333986 auf der Packung. Ist das "
                                "Produkt vegan?"), hang_up())  # fmt: skip
    assert "keines unserer Produkte" not in bot_said(record)[1]
    assert bot_said(record)[1] == "Um welches Sonnhof-Produkt geht es?"


@pytest.mark.parametrize(
    ("question", "heard", "ours"),
    [
        ("ist ihr eistee pfirsich vegan", "Eistee pfirsich", "Grüner Tee Zitrone"),
        ("Haben Sie auch einen Eistee Pfirsich? Ist der vegan?", "Eistee Pfirsich", "Grüner Tee"),
        ("ist ihre himbeermarmelade vegan", "Himbeermarmelade", "Erdbeer Fruchtaufstrich"),
        ("Was kostet die Sonnencreme?", "Sonnencreme", "Sensitiv Handcreme"),
        ("welchen lichtschutzfaktor hat die sonnencreme", "Sonnencreme", "Sensitiv Handcreme"),
        ("ist in der zahnpasta für erwachsene fluorid", "Zahnpasta für erwachsene", "Kinder-Zahn"),
    ],
)
def test_a_generic_name_with_a_qualifier_of_another_kind_is_not_one_of_ours(
    services, question, heard, ours
):
    said = " ".join(bot_said(call(services, say(question), say("nein danke"))))
    assert f"{heard} ist leider keines unserer Produkte. Wir haben nur Sonnhof {ours}" in said
    assert "vegan." not in said and "Euro" not in said and "enthält" not in said, said


@pytest.mark.parametrize(
    ("named", "product"),
    [
        ("die Tiefkühlbrezeln", "laugenbrezel-tk"),  # the category "Tiefkühl"
        ("der eistee zitrone", "gruener-tee-zitrone"),  # its own flavour
        ("die Kinderzahnpasta für meinen Sohn", "kinder-zahnpasta"),
        ("die Schokocreme", "nuss-nougat-creme"),
        ("Hafermilch", "hafer-drink-barista"),
        ("das Duschgel", "duschgel-meeresbrise"),
    ],
)
def test_a_qualifier_the_product_has_keeps_it_ours(services, named, product):
    assert services.view("sonnhof").read_slot("product", f"was kostet {named}") == product


def test_a_question_about_another_kind_is_not_served_after_not_ours(services):
    record = call(services, say("Haben Sie auch einen Eistee Pfirsich? Ist der vegan?"), hang_up())
    said = " ".join(bot_said(record))
    assert "Eistee Pfirsich ist leider keines unserer Produkte" in said
    assert "vegan" not in said and "Um welches" not in said, said


@pytest.mark.parametrize(
    ("question", "about", "not_said"),
    [
        ("Ist die Tomatensoße bio?", "zur Bio-Qualität", "vegan"),
        ("bei wie viel grad back ich die brezeln auf und wie lange?", "zur Zubereitung", "-18"),
        ("wird die zahnpasta an tieren getestet", "zu Tierversuchen", "vegan"),
        ("Wie viele Kalorien hat die Nougatcreme?", "zu Nährwerten", "enthält"),
    ],
)
def test_a_property_the_catalog_has_no_field_for_is_no_other_fields_answer(
    services, question, about, not_said
):
    said = bot_said(call(services, say(question), say("nein danke")))
    answer = next(t for t in said if about in t)
    assert "leider nicht" in answer and "Mitarbeiter" in answer, said
    assert not_said not in " ".join(said), said


@pytest.mark.parametrize(
    ("question", "field", "about"),
    [
        ("ist die zahnpasta tierversuchsfrei und vegan", "ist vegan", "zu Tierversuchen"),
        ("Wie lange hält die Marmelade? Und in der Mikrowelle?", "Lagerung", "zur Zubereitung"),
    ],
)
def test_the_field_named_beside_an_unlisted_property_is_answered_too(
    services, question, field, about
):
    said = " ".join(bot_said(call(services, say(question), hang_up())))
    assert field in said and f"{about} habe ich" in said, said


@pytest.mark.parametrize(
    ("question", "about"),
    [
        ("wo kann ich denn ihre nougatcreme kaufen ich find die bei uns im edeka nicht mehr",
         "zu Verkaufsstellen"),
        ("ich find die laugenbrezeln nicht mehr im laden habt ihr die aus dem sortiment genommen",
         "zu Verkaufsstellen"),
        ("kann man den haferdrink aufschäumen", "zur Verwendung"),
        ("kann ich die tomatensauce auch für eine lasagne nehmen", "zur Verwendung"),
        ("gibt es die käsespätzle auch in einer größeren packung für die ganze familie",
         "zu Packungsgrößen"),
        ("wir sind ein kindergarten und wollen die kinderzahnpasta bestellen gibt es die in "
         "großpackungen", "zu Packungsgrößen"),
        ("ich hab da die tomatensoße gekauft und mein mann sagt die ist nicht bio stimmt das",
         "zur Bio-Qualität"),
    ],
)  # fmt: skip
def test_a_question_no_catalog_field_answers_is_said_so_not_asked_about_or_complained(
    services, question, about
):
    said = bot_said(call(services, say(question), say("ja bitte")))
    assert about in said[1] and "leider nicht" in said[1], said
    joined = " ".join(said)
    assert "Geht es um" not in joined and "Chargennummer" not in joined, said
    record = call(services, say(question), say("ja bitte"))
    assert record.handoff is not None and record.handoff.queue == "verbraucherservice"
    summary = str(record.handoff.context["summary"])
    assert summary.startswith(f"Frage nach Angaben {about}"), summary


def test_a_defect_beside_an_unlisted_question_stays_a_complaint(services):
    said = bot_said(call(services, say("die nougatcreme war verschimmelt wo kann man die sonst "
                                       "kaufen"), hang_up()))  # fmt: skip
    assert "Chargennummer" in said[1], said


def test_a_product_name_holding_bio_is_no_unlisted_question(services):
    said = " ".join(bot_said(call(services, say("ist die bio tomatensauce vegan"), hang_up())))
    assert "Ja, Sonnhof Bio Tomatensauce Basilikum ist vegan." in said, said


@pytest.mark.parametrize(
    ("report", "advice", "health"),
    [
        ("in der nougatcreme war ein glassplitter und meine tochter hat schon davon gegessen",
         "ärztlich abklären", "Fremdkörper verzehrt"),
        ("meine tochter hat von der kinderzahnpasta so rote flecken um den mund bekommen",
         "ärztlich abklären", "Beschwerden"),
        ("Mein Sohn hat eine halbe Tube Zahnpasta gegessen, ist das gefährlich?",
         "Giftnotruf", "Vergiftung"),
    ],
)  # fmt: skip
def test_harm_after_eating_or_using_is_urgent_without_asking_if_it_is_dangerous(
    services, report, advice, health
):
    record = call(services, say(report))
    assert advice in bot_said(record)[1], bot_said(record)
    assert record.handoff is not None and record.handoff.priority == "high"
    summary = str(record.handoff.context["summary"])
    assert "Gesundheit: " in summary and health in summary.split("Gesundheit: ")[1], summary


@pytest.mark.parametrize(
    ("report", "problem"),
    [
        ("Die Nougatcreme riecht total ranzig, obwohl die noch lange haltbar ist.", "ranzig"),
        ("In Ihren Laugenbrezeln war ein Stück Draht drin!", "Draht"),
        ("ich hab schimmel im dinkelbrot gefunden", "schimmel"),
    ],
)
def test_the_complaint_summary_carries_the_callers_problem(services, report, problem):
    record = call(services, say(report), say("L 1 2 3 4 A"))
    summary = str(record.handoff.context["summary"])
    assert f"Problem: {problem}" in summary and "total" not in summary, summary


@pytest.mark.parametrize(
    "question",
    [
        "ich hab ein paar fragen zur tomatensoße. ist die eigentlich bio?",
        "Hallo, ich bin schwanger und wollte wissen, ob in Ihren Käsespätzle Rohmilchkäse ist.",
        "ihr duschgel meeresbrise riecht einfach herrlich! gibts das auch in ner großen flasche?",
    ],
)
def test_a_question_is_never_thanked_for_as_praise(services, question):
    said = " ".join(bot_said(call(services, say(question), say("nein danke"))))
    assert "Lob" not in said and "leider nicht" in said, said


@pytest.mark.parametrize(
    ("said", "told"),
    [("die hafermilch, die noch zu ist, stand die ganze nacht draußen. kann ich die noch trinken?",
      "Lagerung ungekühlt bis zum Öffnen"),
     ("ich hab die brezeln 3 stunden im auto vergessen, kann ich die noch essen",
      "Lagerung tiefgekühlt")],
)  # fmt: skip
def test_whether_a_product_can_still_be_used_is_a_storage_question(services, said, told):
    """An unopened oat drink left out overnight ("kann ich die noch trinken?") was taken as a
    complaint: the batch number asked, the quality team at high priority (session-14 probe)."""
    record = call(services, say(said), say("nein danke"))
    assert told in bot_said(record)[1] and "Chargennummer" not in " ".join(bot_said(record))
    assert record.handoff is None


@pytest.mark.parametrize(
    "asked", ["Ich hätte mal eine Frage zu den Inhaltsstoffen", "was da so alles drinne is"]
)
def test_a_question_about_contents_without_a_product_asks_which_one(services, asked):
    """ "eine Frage zu den Inhaltsstoffen" was asked "Geht es um die Zutaten?" (the area rule),
    and "drinne" was taken for a product that is not ours (session 14)."""
    record = call(services, say(asked), say("Die Zahnpasta für Kinder mit Erdbeergeschmack."))
    assert bot_said(record)[1] == "Um welches Sonnhof-Produkt geht es?"
    assert "Sorbitol" in bot_said(record)[2]


@pytest.mark.parametrize(
    ("question", "not_ours"),
    [("Was kostet die Sauce Hollandaise?", "Sauce Hollandaise"),
     ("was kostet die sauce bolognese", "Sauce bolognese"),
     ("ist die creme fraiche laktosefrei", "Creme fraiche"),
     ("ist der kakao drink vegan", "Kakao drink"),
     ("ich hab hier ne hafermilch von alnatura ist die glutenfrei", "Hafermilch von alnatura"),
     ("Ist der Haferdrink von Oatly vegan?", "Haferdrink von Oatly"),
     ("Ist die Alnatura Hafermilch vegan?", "Alnatura Hafermilch")],
)  # fmt: skip
def test_a_name_beside_our_generic_word_or_another_maker_is_not_ours(services, question, not_ours):
    """ "Sauce Hollandaise" got the Tomatensauce's price, "Creme fraîche" the Handcreme's
    lactose answer and the Hafermilch "von Alnatura" our gluten answer (session-14 probe)."""
    said = " ".join(bot_said(call(services, say(question), hang_up())))
    assert f"{not_ours} ist leider keines unserer Produkte" in said, said
    assert "Euro" not in said and "vegan." not in said and "frei." not in said, said


@pytest.mark.parametrize(
    ("question", "answer"),
    [("ist die Nougatcreme laktosefrei", "Nuss-Nougat-Creme ist nicht laktosefrei"),
     ("was kostet die creme", "Handcreme kostet"),
     ("ist der drink glutenfrei", "Hafer Drink Barista ist nicht glutenfrei"),
     ("ist die handcreme parfümfrei", "ohne Parfum"),
     ("hat die sauce knoblauch", "enthält Knoblauch"),
     ("ist die nougatcreme von ihnen vegan", "Nuss-Nougat-Creme ist nicht vegan"),
     ("was kostet die Tomatensoße", "Tomatensauce Basilikum kostet"),
     ("die spätzle schmecken nach seife", "Chargennummer"),
     ("die creme riecht komisch", "Chargennummer")],
)  # fmt: skip
def test_our_loose_names_with_ordinary_words_beside_them_stay_ours(services, question, answer):
    said = " ".join(bot_said(call(services, say(question), hang_up())))
    assert answer in said and "keines unserer" not in said, said


def test_a_follow_up_naming_another_kind_of_sauce_is_not_answered_for_ours(services):
    record = call(
        services, say("was kostet die tomatensauce"), say("und die sauce hollandaise"), hang_up()
    )
    reply = bot_said(record)[2]
    assert "Sauce hollandaise ist leider keines unserer Produkte" in reply, reply


@pytest.mark.parametrize(
    ("question", "said"),
    [("mein kind verträgt keine nüsse und keine kerne ist das dinkelbrot okay",
      ["keine Nüsse", "Sonnenblumenkerne"]),
     ("ist im dinkelbrot sesam oder sonnenblumenkerne", ["Spuren", "Sonnenblumenkerne"]),
     ("ist in der nougatcreme zucker und milch", ["enthält Milch", "Zucker"])],
)  # fmt: skip
def test_an_allergen_question_answers_every_ingredient_it_names(services, question, said):
    """ "keine Nüsse und keine Kerne … Dinkelbrot" got only "enthält keine Nüsse" though the
    bread holds Sonnenblumenkerne (session-14 probe)."""
    reply = bot_said(call(services, say(question), hang_up()))[1]
    assert all(part in reply for part in said), reply


@pytest.mark.parametrize(
    "question",
    ["ist die handcreme nussfrei", "sind in der handcreme nüsse",
     "ich hab ne nussallergie kann ich die handcreme benutzen"],
)  # fmt: skip
def test_a_nut_question_about_a_product_with_shea_butter_is_never_a_plain_no(services, question):
    """The Handcreme holds Shea Butter (from the shea nut) and lists no allergens: it was
    called "nussfrei" (session-14 probe)."""
    reply = bot_said(call(services, say(question), hang_up()))[1]
    assert "Shea Butter" in reply and "Arzt" in reply, reply
    assert "ist nussfrei" not in reply and "enthält keine Nüsse." not in reply, reply


@pytest.mark.parametrize(
    ("question", "also"),
    [("kann ich die sensitiv handcreme auch für mein baby nehmen das ist sechs monate alt", ""),
     ("darf mein zweijähriger die kinderzahnpasta schon benutzen oder ist da zu viel fluorid drin",
      "500 ppm Fluorid"),
     ("ist die handcreme für ein kleinkind geeignet", "")],
)  # fmt: skip
def test_a_baby_or_a_toddlers_age_is_answered_as_no_information(services, question, also):
    """ "… für mein Baby nehmen" got the Handcreme's storage, "darf mein Zweijähriger …" the
    ingredient list with the age part dropped (session-14 probe)."""
    reply = bot_said(call(services, say(question), hang_up()))[1]
    assert "Angaben zur Eignung" in reply and also in reply, reply
    assert "Lagerung" not in reply, reply


@pytest.mark.parametrize(
    ("question", "second"),
    [("ist der fruchtaufstrich eigentlich vegan und was ist mit den käsespätzle",
      "Käsespätzle Fertiggericht ist nicht vegan"),
     ("was kostet das müsli und wie sieht es mit dem haferdrink aus",
      "Hafer Drink Barista kostet 2,29 Euro")],
)  # fmt: skip
def test_what_about_another_product_in_the_same_turn_asks_the_same_question(
    services, question, second
):
    """ "… vegan und was ist mit den Käsespätzle" read the Käsespätzle's ingredients as a
    second concern instead of saying whether they are vegan (session-14 probe)."""
    reply = bot_said(call(services, say(question), hang_up()))[1]
    assert second in reply and "außerdem" not in reply, reply


@pytest.mark.parametrize(
    ("question", "answer"),
    [("ich hab die nougatcreme in den kühlschrank gestellt jetzt ist sie steinhart ist das schlimm",
      "trocken, nicht über 25 °C"),
     ("Die Nougatcreme ist im Kühlschrank hart geworden, ist das normal?",
      "trocken, nicht über 25 °C"),
     ("ich hab ne nussallergie und die sensitiv handcreme hat doch sheabutter ist das ein problem",
      "Shea Butter"),
     ("ich hab eine fruktoseintoleranz ist in der marmelade fruchtzucker", "Rohrzucker")],
)  # fmt: skip
def test_a_question_about_keeping_or_a_condition_is_no_complaint(services, question, answer):
    """They were taken as complaints: the batch number asked, then the quality team at high
    priority (session-14 probe)."""
    record = call(services, say(question), hang_up())
    reply = bot_said(record)[1]
    assert answer in reply and "Chargennummer" not in reply and "Reklamation" not in reply, reply
    assert record.handoff is None


@pytest.mark.parametrize(
    "report",
    ["ich hab die hafermilch im kühlschrank und jetzt ist schimmel drauf ist das normal",
     "in den brezeln war ein stein"],
)  # fmt: skip
def test_something_wrong_besides_how_it_was_kept_stays_a_complaint(services, report):
    reply = bot_said(call(services, say(report), hang_up()))[1]
    assert "Chargennummer" in reply, reply


MOULD = "die erdbeermarmelade hat geschimmelt obwohl das glas noch zu war"


@pytest.mark.parametrize(
    ("then", "batch"),
    [(["moment L 3 3", "4 1 A"], "L3341A"),
     (["moment L 3 3", "nein da kommt noch 4 1 A"], "L3341A"),
     (["moment L 3 3", "L 3 3 4 1 A"], "L3341A"),
     (["äh moment, L 3 3", "ja das ist alles"], "L33"),
     (["moment, L 3 3 4 1 A"], "L3341A"),
     (["L 3 3"], "L33")],
)  # fmt: skip
def test_a_short_code_after_a_pause_word_waits_for_the_rest(services, then, batch):
    """ "Moment, L 3 3" was taken as the batch L33 and the call handed over at once, so the
    rest "4 1 A" was never heard (session-14 probe)."""
    record = call(services, say(MOULD), *(say(t) for t in then), hang_up())
    assert record.handoff is not None and record.handoff.context["slots"]["batch"] == batch
    if len(then) == 2:
        assert "Ich habe L 3 3. Ist das die ganze Nummer" in bot_said(record)[2]


@pytest.mark.parametrize(
    "first", ["ist ihre pfefferminz zahnpasta vegan", "ist die hafermilch vegan"]
)
def test_ach_so_after_an_answer_is_not_asked_about_as_praise(services, first):
    """ "ach so" after "… keines unserer Produkte" was asked "Geht es um ein Lob?", then
    handed to the Verbraucherservice on silence (session-14 probe)."""
    record = call(services, say(first), say("ach so"), hang_up())
    reply = bot_said(record)[2]
    assert "Lob" not in reply, reply
    assert record.handoff is None


def test_a_complaint_about_two_products_names_both_for_the_agent(services):
    """ "das Dinkelbrot war verschimmelt und die Hafermilch war auch schon sauer" handed over
    the bread only (session-14 probe)."""
    record = call(
        services,
        say("das dinkelbrot war verschimmelt und die hafermilch war auch schon sauer"),
        say("beim brot L 1 1 2 2 A"),
    )
    summary = str(record.handoff.context["summary"]) if record.handoff else ""
    assert "Dinkel-Vollkornbrot" in summary and "weitere Produkte: Sonnhof Hafer Drink" in summary


def test_ach_so_ok_after_an_answer_asks_what_else(services):
    """ "Ach so, ok." after "… keines unserer Produkte" was read as a concern of its own
    ("Geht es um ein Lob?"; session-14 probe)."""
    record = call(
        services, say("Haben Sie auch einen Eistee Pfirsich? Ist der vegan?"), say("Ach so, ok."),
        hang_up(),
    )  # fmt: skip
    assert bot_said(record)[2] == services.view("sonnhof").prompts.say("ask_concern_again")


@pytest.mark.parametrize(
    "report",
    [
        "mein opa hat mich gebeten anzurufen er hat die handcreme benutzt und seine haut ist "
        "jetzt ganz rot",
        "nach dem duschgel brennen mir die augen total",
    ],
)
def test_a_body_part_that_reacted_is_a_health_case_for_the_quality_team(services, report):
    record = call(services, say(report), hang_up())
    said = " ".join(bot_said(record))
    assert "ärztlich abklären" in said and "nicht verstanden" not in said, said
    assert record.handoff is not None and record.handoff.queue == "qualitaet"
    assert record.handoff.priority == "high"
    assert "Beschwerden" in str(record.handoff.context["summary"])


def test_asking_whether_skin_may_redden_reports_no_reaction(services):
    said = " ".join(bot_said(call(services, say("kann die haut von der handcreme rot werden"),
                                  hang_up())))  # fmt: skip
    assert "ärztlich" not in said, said


@pytest.mark.parametrize(
    ("turn", "answer"),
    [
        ("ihr duschgel riecht so toll was ist da für ein duft drin", "Parfum"),
        ("die nougatcreme ist so lecker wie viel kostet die eigentlich", "3,49 Euro"),
    ],
)
def test_a_question_run_on_after_praise_is_answered_not_only_thanked(services, turn, answer):
    said = " ".join(bot_said(call(services, say(turn), hang_up())))
    assert answer in said, said


def test_an_unsure_question_naming_a_condition_and_our_product_gets_the_allergens(services):
    said = bot_said(
        call(
            services,
            say(
                "ich bin pflegekraft im seniorenheim wir haben bewohner "
                "mit zöliakie können die die käsespätzle essen"
            ),
            hang_up(),
        )
    )
    assert "Käsespätzle Fertiggericht enthält Gluten" in said[1], said


@pytest.mark.parametrize("question", ["habt ihr auch müsliriegel", "ja hallo habt ihr auch kekse"])
def test_asking_if_we_sell_a_product_without_a_question_mark_is_answered(services, question):
    said = bot_said(call(services, say(question), hang_up()))
    assert "keines unserer Produkte" in said[1], said


def test_the_summary_notes_no_unlisted_question_the_caller_was_never_told_about(services):
    asked = "hallo ich hab hier ein Sonnhof Bio Knäckebrot, ist das glutenfrei?"
    record = call(services, say(asked), say("danke"), silence(), silence())
    assert record.handoff is not None
    assert "Bio-Qualität" not in str(record.handoff.context["summary"]), record.handoff.context


def test_a_caller_who_cannot_find_the_batch_number_is_told_where_and_waited_for(services):
    record = call(
        services, say("ich möchte die nougatcreme reklamieren die ist ganz ölig und getrennt"),
        say("ich weiß nicht wo die nummer ist"), say("ah hier L 1 7 7 2"),
    )  # fmt: skip
    said = bot_said(record)
    assert "neben dem Mindesthaltbarkeitsdatum" in said[2] and "ich warte" in said[2], said
    assert record.handoff is not None and record.handoff.context["slots"]["batch"] == "L1772"


def test_a_short_product_name_alone_is_asked_about_not_misunderstood(services):
    said = bot_said(call(services, say("ich hab da ne frage zu dem tee"),
                         say("wie viel zucker ist da drin"), hang_up()))  # fmt: skip
    assert said[1] == "Was möchten Sie über Sonnhof Grüner Tee Zitrone wissen?", said
    assert "Zucker" in said[2], said


def test_thanks_after_an_answer_at_the_next_question_is_a_goodbye(services):
    record = call(services, say("ist die handcreme vegan"), say("die handcreme"), say("danke"))
    said = bot_said(record)
    assert said[-1].endswith("Auf Wiederhören!") and "nicht verstanden" not in " ".join(said)
    assert record.outcome == "resolved"


def test_a_sour_na_toll_after_an_answer_is_no_praise(services):
    said = bot_said(call(services, say("warum ist der preis für das duschgel so gestiegen"),
                         say("na toll"), say("tschüss")))  # fmt: skip
    assert not any("Lob" in t for t in said), said


@pytest.mark.parametrize(
    ("question", "about"),
    [
        ("Guten Tag. Wo kann ich Ihre Produkte eigentlich kaufen?", "zu Verkaufsstellen"),
        ("Ich möchte eine Spende für unseren Kindergarten anfragen.", "zu Sponsoring"),
        ("Verkaufen Sie Ihre Sachen auch online?", "zu Verkaufsstellen"),
    ],
)
def test_a_company_question_without_a_product_is_no_product_question(services, question, about):
    record = call(services, say(question), say("ja bitte"))
    said = bot_said(record)
    assert f"Auskünfte {about}" in said[1], said
    assert "keines unserer Produkte" not in said[1] and "Geht es um" not in said[1], said
    assert record.handoff is not None and record.handoff.queue == "verbraucherservice"


def test_a_complaint_given_up_at_the_batch_prompt_ends_the_call(services):
    record = call(services, say("ich möchte die brezeln reklamieren"), say("ach vergessen sie es"))
    assert record.handoff is None and bot_said(record)[-1].endswith("Auf Wiederhören!")


def test_a_batch_number_forgotten_is_still_no_goodbye(services):
    record = call(services, say("ich möchte die brezeln reklamieren"),
                  say("die nummer hab ich vergessen"))  # fmt: skip
    assert record.handoff is not None and record.handoff.queue == "qualitaet"


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("können sie mir die zutaten von der nougatcreme per email schicken", "Haselnüsse"),
        ("Können Sie mir das schriftlich geben, dass die Nougatcreme kein Palmöl enthält?",
         "kein Palmöl"),
    ],
)  # fmt: skip
def test_an_answer_asked_for_in_writing_is_told_and_a_person_offered(services, question, answer):
    record = call(services, say(question), say("ja bitte"))
    said = bot_said(record)
    assert answer in said[1] and "Schriftlich kann ich Ihnen das" in said[1], said
    assert said[1].endswith("Möchten Sie mit einem Mitarbeiter sprechen?"), said
    assert record.handoff is not None
    assert "schriftlich gewünscht" in str(record.handoff.context["summary"])


@pytest.mark.parametrize(
    ("question", "about"),
    [
        ("wie viele brezeln sind in einer packung", "zu Packungsgrößen"),
        ("Das Duschgel gibt es bei uns im dm nicht mehr. Wird das noch hergestellt?",
         "zu Verkaufsstellen"),
        ("kann man das duschgel auch für die haare nehmen", "zur Verwendung"),
        ("wie viel inhalt hat die flasche haferdrink", "zu Packungsgrößen"),
        # session-15 round-2 probe: the air fryer got the storage text
        ("ich hab gelesen das müsli ist mit mineralöl belastet stimmt das",
         "zu Rückständen und Schadstoffen"),
        ("kann man die brezeln in der heißluftfritteuse machen", "zur Zubereitung"),
    ],
)  # fmt: skip
def test_more_ways_to_ask_what_no_catalog_field_says(services, question, about):
    said = bot_said(call(services, say(question), hang_up()))
    assert f"Angaben {about}" in said[1] and "Herkunft" not in said[1], said


def test_feeling_sick_after_eating_an_expired_product_is_a_health_case(services):
    record = call(services, say("ich hab ihre käsespätzle gekauft und die waren schon abgelaufen "
                                "und dann hab ich die gegessen und mir war die ganze nacht "
                                "schlecht"), hang_up())  # fmt: skip
    assert "ärztlich abklären" in " ".join(bot_said(record))
    summary = str(record.handoff.context["summary"]) if record.handoff else ""
    assert "abgelaufen" in summary and "Beschwerden" in summary, summary


def test_a_defect_word_said_negated_is_no_problem_in_the_summary(services):
    record = call(
        services,
        say("die hafermilch war schon sauer obwohl das datum noch lange nicht abgelaufen ist"),
        say("die packung hab ich leider schon weggeworfen"),
    )
    summary = str(record.handoff.context["summary"]) if record.handoff else ""
    assert "Problem: sauer;" in summary, summary


def test_a_second_question_no_field_answers_is_told_once_not_read_as_another(services):
    said = bot_said(call(services, say("Was kosten die Laugenbrezeln und wie viele sind in "
                                       "einer Packung?"), say("Danke."), hang_up()))  # fmt: skip
    assert "2,49 Euro" in said[1] and "Angaben zu Packungsgrößen" in said[1], said
    assert not any("enthält" in t for t in said), said


@pytest.mark.parametrize(
    ("turns", "notes", "not_noted"),
    [
        (("ich will mein geld zurück die brezeln waren total verbrannt ich hab den kassenbon "
          "noch", "L 4 4 2 1 A"), ["Problem: verbrannt", "Erstattung gewünscht",
                                   "Kassenbon vorhanden"], []),
        (("die käsespätzle waren abgelaufen ich will mein geld zurück aber den kassenbon hab "
          "ich nicht mehr", "weiß ich nicht"), ["Erstattung gewünscht"], ["Kassenbon"]),
    ],
)  # fmt: skip
def test_a_refund_wish_and_a_receipt_are_noted_for_the_quality_team(
    services, turns, notes, not_noted
):
    record = call(services, *map(say, turns))
    summary = str(record.handoff.context["summary"]) if record.handoff else ""
    assert all(n in summary for n in notes), summary
    assert not any(n in summary for n in not_noted), summary


def test_an_unsure_question_what_is_in_it_is_no_complaint(services):
    said = bot_said(call(services, say("ich hab eine frage zum grünen tee ist da koffein drin"),
                         hang_up()))  # fmt: skip
    assert "Grüner Tee Zitrone enthält: Wasser" in said[1], said


def test_praise_then_a_kind_we_do_not_sell_is_thanked_and_told_not_that_kind(services):
    said = bot_said(
        call(
            services,
            say(
                "Hallo, ich wollte nur sagen, Ihre Brezeln sind super. "
                "Gibt es die auch als Laugenstangen?"
            ),
            hang_up(),
        )
    )
    assert said[1].startswith("Das freut uns sehr!"), said
    assert "Diese Sorte haben wir leider nicht, nur Sonnhof Laugenbrezeln" in said[1], said
    assert "enthält" not in said[1], said


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Ich achte sehr auf Palmöl. Welche von Ihren Produkten haben denn Palmöl?",
         "Palmöl enthält von unseren Produkten nur Schokomüsli."),
        ("gibt es bei ihnen auch glutenfreie produkte", "Glutenfrei sind von unseren Produkten "
         "Nougatcreme, Erdbeermarmelade, Tomatensauce und grüner Tee."),
        ("welche produkte von ihnen sind vegan", "Vegan sind von unseren Produkten Haferdrink,"),
        # every one or any one of the range (session-15 round-2 probe): was 'Um welches
        # Sonnhof-Produkt geht es?' and 'Irgendeins ist leider keines unserer Produkte'
        ("sind alle ihre produkte vegan", "Vegan sind von unseren Produkten Haferdrink,"),
        ("ist irgendeins von ihren produkten glutenfrei", "Glutenfrei sind von unseren Produkten"),
        ("sind eure sachen alle laktosefrei", "Laktosefrei sind von unseren Produkten"),
    ],
)  # fmt: skip
def test_a_question_over_the_whole_range_is_answered_from_the_catalog(services, question, answer):
    said = bot_said(call(services, say(question), say("nein danke")))
    assert said[1].startswith(answer), said
    assert "Um welches" not in " ".join(said) and "keines unserer Produkte" not in said[1]


def test_a_written_confirmation_of_what_no_field_says_is_noted_for_the_agent(services):
    record = call(services, say("ich hätte gern eine schriftliche bestätigung dass die handcreme "
                                "ohne tierversuche hergestellt wird"), say("ja"))  # fmt: skip
    assert record.handoff is not None
    assert "schriftlich gewünscht" in str(record.handoff.context["summary"])


def test_a_short_follow_up_after_a_catalog_wide_answer_asks_over_the_catalog(services):
    said = bot_said(call(services, say("haben sie auch laktosefreie produkte?"),
                         say("und vegane?"), say("danke")))  # fmt: skip
    assert said[2].startswith("Vegan sind von unseren Produkten"), said


def test_a_follow_up_on_an_earlier_complaint_is_not_asked_the_batch_again(services):
    record = call(services, say("ich hab letzte woche hier angerufen wegen schimmel im brot und "
                                "noch keine antwort bekommen"), hang_up())  # fmt: skip
    assert not any("Chargennummer" in t for t in bot_said(record)), bot_said(record)
    assert record.handoff is not None and record.handoff.queue == "qualitaet"
    assert "Nachfrage zu einer früheren Meldung" in str(record.handoff.context["summary"])


@pytest.mark.parametrize(
    "question",
    [
        "ich hab die nougatcreme im angebot gekauft für 1 euro 99 ist das normal",
        "warum ist der preis für das duschgel so gestiegen",
    ],
)
def test_a_price_met_in_a_shop_is_told_shops_set_their_own(services, question):
    said = bot_said(call(services, say(question), hang_up()))
    assert "unverbindliche Preisempfehlung. Die Verkaufspreise im Handel" in said[1], said


def test_a_plain_price_question_gets_no_word_on_shops(services):
    said = bot_said(call(services, say("was kostet die handcreme"), hang_up()))
    assert "Händler" not in said[1], said


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # session-15 round-2 probe: 'Ja, … enthält zucker.' to a question asked the other way
        ("gibt es den eistee auch ohne zucker", "Nein, Sonnhof Grüner Tee Zitrone enthält Zucker."),
        # read as vegan (sure): 'Ja, Sonnhof Bio Tomatensauce Basilikum ist vegan.'
        ("ist die tomatensauce ohne knoblauch",
         "Nein, Sonnhof Bio Tomatensauce Basilikum enthält Knoblauch."),
        ("ist das müsli ohne honig", "Nein, Sonnhof Knusper-Müsli Schoko enthält Honig."),
    ],
)  # fmt: skip
def test_a_product_asked_to_be_without_an_ingredient_it_holds_is_told_no(
    services, question, answer
):
    said = bot_said(call(services, say(question), hang_up()))
    assert said[1].startswith(answer), said
    assert "vegan" not in said[1], said


@pytest.mark.parametrize("question", ["hat das duschgel mikroplastik", "haben die brezeln hefe"])
def test_a_question_whether_a_product_has_something_is_no_complaint(services, question):
    # session-15 round-2 probe: 'hat das Duschgel Mikroplastik' was put through to the quality
    # team with high priority after the batch number was asked for
    said = bot_said(call(services, say(question), hang_up()))
    assert "Chargennummer" not in said[1] and "enthält" in said[1], said


@pytest.mark.parametrize(
    "question",
    ["ist das duschgel für die haut gut", "ist die zahnpasta gut für die zähne",
     "die sensitiv handcreme ist die für neurodermitis geeignet", "ist das müsli gesund"],
)  # fmt: skip
def test_a_question_about_effects_on_skin_or_health_is_told_no_information(services, question):
    # session-15 round-2 probe: 'für die Haut gut' got the price, Neurodermitis the ingredients
    said = bot_said(call(services, say(question), hang_up()))
    assert "Angaben zu Verträglichkeit und Wirkung" in said[1], said
    assert "Euro" not in said[1], said


@pytest.mark.parametrize(
    "question",
    ["sonnhof ist ja eine tolle firma wie viele mitarbeiter haben sie eigentlich",
     "ich finde ihre produkte super sind sie ein familienunternehmen"],
)  # fmt: skip
def test_praise_with_a_question_about_the_company_is_thanked_and_told(services, question):
    # session-15 round-2 probe: only thanked, the question was lost
    said = bot_said(call(services, say(question), hang_up()))
    assert said[1].startswith("Das freut uns sehr!"), said
    assert "Auskünfte zum Unternehmen kann ich Ihnen hier leider nicht geben" in said[1], said


def test_a_condition_asked_about_gets_the_ingredients_and_no_claim(services):
    said = bot_said(call(services, say("ist der eistee auch für diabetiker geeignet"), hang_up()))
    assert "Grüner Tee Zitrone enthält: Wasser" in said[1], said
    assert "Angaben zu Verträglichkeit und Wirkung" in said[1], said


def test_a_condition_told_as_background_is_no_question_about_effects(services):
    said = bot_said(call(services, say("ich hab neurodermitis. was ist besser, die handcreme oder "
                                       "das duschgel, wegen duftstoffen?"), hang_up()))  # fmt: skip
    assert "Duschgel Meeresbrise enthält: Aqua" in said[1], said
    assert "Verträglichkeit" not in said[1], said


@pytest.mark.parametrize("question", ["is the oat milk vegan", "does your muesli contain nuts"])
def test_a_short_english_product_question_is_told_german_only_and_put_through(services, question):
    # session-15 round-2 probe: 'Milk ist leider keines unserer Produkte' (two English words,
    # no German one, were not read as English)
    record = call(services, say(question), hang_up())
    said = bot_said(record)
    assert said[1].startswith("Sorry, this automated service speaks German only."), said
    assert "keines unserer Produkte" not in said[1], said
    assert record.handoff is not None
    assert "Englisch" in str(record.handoff.context["summary"])


@pytest.mark.parametrize(
    ("asked", "answer"),
    [("was kostet die Nugat-Creme", "Nuss-Nougat-Creme kostet 3,49"),
     ("ist in der Nugat Creme Palmöl", "Nuss-Nougat-Creme enthält kein Palmöl"),
     ("ist in den Kese Spetzle Ei drin", "Käsespätzle Fertiggericht enthält Ei"),
     ("sind in den Laugen Bretzeln Milch", "Laugenbrezeln tiefgekühlt enthält Milch")],
)  # fmt: skip
def test_a_misheard_compound_product_name_is_answered_for_that_product(services, asked, answer):
    """Whisper splits and misspells compounds: the hand cream's price was told for 'Nugat-Creme'
    and 'Kese Spetzle' was 'leider keines unserer Produkte. Wir haben nur … Käsespätzle'."""
    said = bot_said(call(services, say(asked)))
    assert answer in said[1] and "keines unserer" not in said[1], said


@pytest.mark.parametrize(
    "asked",
    ["ich wollte fragen ob in der Nougatcreme Milch drin ist",
     "ähm ja also ich ich wollte fragen ob ob in der Nougatcreme Milch drin ist"],
)  # fmt: skip
def test_a_question_announced_before_it_is_asked_or_stuttered_is_answered(services, asked):
    """'ich wollte fragen ob …' written without its comma, and words Whisper wrote twice ('ich
    ich', 'ob ob'), took the question below the threshold: 'Geht es um die Allergene eines
    Produkts?' for a plain question."""
    said = bot_said(call(services, say(asked)))
    assert "Nuss-Nougat-Creme enthält Milch" in said[1], said


@pytest.mark.parametrize(
    ("asked", "answer"),
    [("ist die Tomatensauce Gluten-frei", "Tomatensauce Basilikum ist glutenfrei"),
     ("ist die Nougatcreme Lactose-frei", "Nuss-Nougat-Creme ist nicht laktosefrei"),
     ("ist das Brot Gluten frei", "Dinkel-Vollkornbrot ist nicht glutenfrei"),
     ("Ist die Nougatcreme Palmöl-frei?", "Nuss-Nougat-Creme enthält kein Palmöl")],
)  # fmt: skip
def test_a_free_of_question_the_recogniser_wrote_in_two_words_is_answered(services, asked, answer):
    """'Gluten-frei', 'Laktose frei', 'Lactose': 'Um welches Sonnhof-Produkt geht es?' or
    'Nougatcreme Palmöl-frei ist leider keines unserer Produkte' for a product named plainly."""
    said = bot_said(call(services, say(asked)))
    assert answer in said[1] and "keines unserer" not in said[1], said


def test_a_question_read_as_praise_is_not_answered_by_an_unlikely_runner_up(services):
    """'Ist das Müsli viel an?' (Whisper's 'vegan' at the text level, where no audio rescores
    it) was read as praise, and as a question it took the price (0.07) as sure: '… kostet 3,99
    Euro' for a question about something else. Now it is not understood and asked again."""
    said = bot_said(call(services, say("Ist das Müsli viel an?"), say("Ist das Müsli vegan?")))
    assert "Euro" not in said[1], said
    assert any("nicht vegan" in s for s in said), said


@pytest.mark.parametrize("asked", ["ist die Hafer Milch viel an", "ist die Hafer Milch vegan"])
def test_a_word_of_a_split_product_name_is_no_allergen_asked_about(services, asked):
    """'Hafer Milch' (Whisper splits 'Hafermilch'): its 'Milch' was read as the allergen asked
    about, and 'Hafer Drink Barista enthält keine Milch' answered (or was added to) a question
    about something else ('viel an' is Whisper's 'vegan')."""
    said = bot_said(call(services, say(asked)))
    assert "keine Milch" not in said[1], said


@pytest.mark.parametrize(
    "said",
    [
        "die kinderzahnpasta schmeckt meinen kindern nicht",
        "also der duft von dem duschgel ist mir echt zu stark",
        "die nougatcreme ist mir viel zu süß",  # (was thanked as praise)
        "mir ist der tee zu sauer",
        "ich mag den geruch von der handcreme nicht",
        "die käsespätzle schmecken mir zu fad",
    ],
)
def test_a_product_the_caller_does_not_like_is_feedback_not_a_complaint(services, said):
    """A dislike (session-16 probe): thanked and passed on, no batch asked, no quality alarm at
    high priority, no 'Das freut uns sehr!'."""
    record = call(services, say(said), say("nein danke"))
    told = bot_said(record)
    assert "Rückmeldung" in told[1] and "nicht zusagt" in told[1], told
    assert not any("Chargennummer" in t or "freut uns" in t for t in told), told
    assert record.handoff is None and record.outcome == "resolved"


@pytest.mark.parametrize(
    "said",
    [
        "die zahnpasta schmeckt auf einmal ganz komisch so nach seife",
        "die hafermilch ist sauer geworden obwohl sie noch nicht abgelaufen ist",
        "die brezeln schmecken mir nicht die sind total verbrannt",
        "mir ist die nougatcreme zu süß und mir ist danach schlecht geworden",
    ],
)
def test_a_dislike_with_a_defect_or_harm_stays_a_complaint(services, said):
    record = call(services, say(said), say("L 2 3 4 5 B"), hang_up())
    assert record.handoff is not None and record.handoff.queue == "qualitaet", bot_said(record)
    assert not any("nicht zusagt" in t for t in bot_said(record))


def test_a_dislike_with_a_refund_wish_offers_a_person_at_normal_priority(services):
    record = call(services, say("das müsli schmeckt uns überhaupt nicht ich möchte mein geld "
                                "zurück"), say("ja"))  # fmt: skip
    told = bot_said(record)
    assert "nicht zusagt" in told[1] and "Erstattung" in told[1], told
    assert record.handoff is not None and record.handoff.queue == "verbraucherservice"
    assert record.handoff.priority == "normal"
    summary = str(record.handoff.context["summary"])
    assert "sagt nicht zu" in summary and "Erstattung gewünscht" in summary, summary


def test_a_question_after_a_dislike_is_answered_after_the_thanks(services):
    told = bot_said(call(services, say("das duschgel riecht mir zu künstlich ist da parfum drin"),
                         say("danke")))  # fmt: skip
    assert "nicht zusagt" in told[1] and "Parfum" in told[1].split("weiter.")[1], told
    assert not any("Chargennummer" in t for t in told), told


def test_a_question_whether_a_product_is_too_sweet_is_no_dislike(services):
    told = bot_said(call(services, say("ist die marmelade zu süß für diabetiker"), hang_up()))
    assert not any("nicht zusagt" in t for t in told), told


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("welche produkte sind ohne zucker", "Laut Zutatenliste ohne zugesetzten Zucker sind von "
         "unseren Lebensmitteln: Haferdrink, Dinkelbrot, Käsespätzle, Tomatensauce und Brezeln."),
        ("hallo ich hätte mal eine frage welche sind bei ihnen zuckerfrei",
         "Laut Zutatenliste ohne zugesetzten Zucker sind"),
        ("mein mann ist diabetiker welche von ihren sachen haben keinen zucker",
         "Laut Zutatenliste ohne zugesetzten Zucker sind"),
        ("welche produkte sind ohne hefe", "Laut Zutatenliste ohne Hefe sind von unseren "
         "Lebensmitteln: Nougatcreme, Haferdrink, Erdbeermarmelade, Käsespätzle,"),
        ("welche von ihren produkten sind ohne nüsse", "Laut Zutatenliste ohne Nüsse sind von "
         "unseren Lebensmitteln: Haferdrink, Dinkelbrot, Erdbeermarmelade, Käsespätzle, "
         "Tomatensauce, grüner Tee und Brezeln."),  # (not the Müsli: traces of nuts)
        ("welche produkte sind ohne parfum", "Laut Zutatenliste ohne Parfum sind von unseren "
         "Kosmetikprodukten: Zahnpasta und Handcreme."),  # ("ohne Parfum" in its list)
        ("welche produkte haben kein gluten", "Glutenfrei sind von unseren Produkten"),
    ],
)  # fmt: skip
def test_a_question_which_products_are_without_an_ingredient_is_answered_from_the_lists(
    services, question, answer
):
    """Session-16 probe: 'welche Produkte sind ohne Zucker' got 'Um welches Sonnhof-Produkt geht
    es?', 'welche sind zuckerfrei' 'Geht es um die Zutaten?', 'ohne Hefe' 'Hefe ist leider
    keines unserer Produkte'. Worded as the lists say it, never 'zuckerfrei'."""
    said = bot_said(call(services, say(question), say("nein danke")))
    assert said[1].startswith(answer), said
    assert "zuckerfrei" not in said[1].lower()
    if "Zucker" in answer:
        assert "Angaben zum Zuckergehalt habe ich leider nicht" in said[1], said


def test_a_catalog_wide_question_about_what_no_list_names_is_not_answered_from_the_lists(
    services,
):
    said = bot_said(call(services, say("sind in ihren produkten konservierungsstoffe"), hang_up()))
    assert not any("Laut Zutatenliste" in t for t in said), said


def test_two_fields_asked_over_the_catalog_are_both_answered(services):
    said = bot_said(call(services, say("welche produkte sind vegan und ohne palmöl"), hang_up()))
    assert "Vegan sind von unseren Produkten" in said[1] and "Palmöl" in said[1], said


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("gibt es die hafermilch auch ohne zucker",
         "Laut Zutatenliste ist Sonnhof Hafer Drink Barista ohne zugesetzten Zucker."),
        ("ist die tomatensauce ohne zucker",  # (was 'Ja, … ist vegan')
         "Laut Zutatenliste ist Sonnhof Bio Tomatensauce Basilikum ohne zugesetzten Zucker."),
        ("ist die marmelade ohne zucker",  # (was 'Geht es um die Zutaten eines Produkts?')
         "Nein, Sonnhof Erdbeer Fruchtaufstrich enthält Rohrzucker."),
        ("ist die handcreme ohne parfum", "Laut Zutatenliste ist Sonnhof Sensitiv Handcreme "
         "ohne Parfum."),
        ("ist das duschgel ohne parfum", "Nein, Sonnhof Duschgel Meeresbrise enthält"),
    ],
)  # fmt: skip
def test_one_product_asked_to_be_without_an_ingredient_is_told_from_its_list(
    services, question, answer
):
    said = bot_said(call(services, say(question), hang_up()))
    assert said[1].startswith(answer), said


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("ihre hafermilch ist super lecker gibt es die auch ohne zucker",
         "ohne zugesetzten Zucker"),
        ("ich liebe ihr schokomüsli gibt es das auch ohne schokolade", "Diese Sorte haben wir"),
        ("die nougatcreme ist der hammer die gibts nicht zufällig auch in groß",
         "Angaben zu Packungsgrößen"),
        ("die brezeln sind echt toll gibt es die auch als bio", "Angaben zur Bio-Qualität"),
        ("die käsespätzle sind lecker wie lange halten die im kühlschrank", "Lagerung"),
    ],
)  # fmt: skip
def test_praise_with_a_question_run_on_is_thanked_and_the_question_answered(services, said, answer):
    """Session-16 probe: Whisper writes praise and the question after it as one sentence; the
    caller was only thanked ('gibt es die auch ohne Zucker' unanswered) or only answered."""
    told = bot_said(call(services, say(said), hang_up()))
    assert told[1].startswith("Das freut uns sehr!"), told
    assert answer in told[1].split("weiter.", 1)[1], told


def test_praise_with_a_defect_after_it_stays_a_complaint(services):
    told = bot_said(call(services, say("ihr müsli ist super aber da war ein stein drin"),
                         hang_up()))  # fmt: skip
    assert "Chargennummer" in told[1], told


@pytest.mark.parametrize(
    ("said", "advice"),
    [
        ("mein sohn hat die handcreme gegessen was soll ich tun", "Giftnotruf"),
        ("was ist in dem duschgel drin ich hab so ausschlag bekommen", "ärztlich abklären"),
    ],
)
def test_a_health_risk_said_with_a_question_gets_the_advice_at_once(services, said, advice):
    """Session-16 probe: a child who ate the hand cream got 'Geht es um eine Reklamation?' and
    the batch number asked; a rash said after a question got the batch asked, no advice."""
    record = call(services, say(said), hang_up())
    assert advice in bot_said(record)[1], bot_said(record)
    assert record.handoff is not None and record.handoff.priority == "high"
    assert not any("Chargennummer" in t for t in bot_said(record))


def test_a_rash_only_asked_about_gets_no_advice(services):
    said = bot_said(call(services, say("kann man von der handcreme ausschlag bekommen"),
                         hang_up()))  # fmt: skip
    assert not any("ärztlich" in t or "Giftnotruf" in t for t in said), said


@pytest.mark.parametrize(
    ("turns", "answer"),
    [
        (["ist die nougatcreme gesund für kinder"],
         "Angaben zu Verträglichkeit und Wirkung habe ich für Sonnhof Nuss-Nougat-Creme"),
        (["ich hab die brezeln gekauft", "wie lange muss ich die backen"],
         "Angaben zur Zubereitung habe ich für Sonnhof Laugenbrezeln"),
    ],
)  # fmt: skip
def test_a_word_asking_how_to_prepare_or_what_it_does_is_no_product_name(services, turns, answer):
    """Session-16 probe: 'Nougatcreme gesund ist leider keines unserer Produkte', 'Backen ist
    leider keines unserer Produkte'."""
    said = bot_said(call(services, *[say(t) for t in turns], hang_up()))
    assert said[len(turns)].startswith(answer), said
    assert not any("keines unserer Produkte" in t for t in said), said


def test_praise_with_a_broken_product_after_it_is_a_complaint(services):
    record = call(services, say("ich wollte nur sagen die brezeln sind top aber letztes mal waren "
                                "zwei zerbrochen"), say("L 3 3 1"))  # fmt: skip
    assert record.handoff is not None and record.handoff.queue == "qualitaet", bot_said(record)
    assert "zerbrochen" in str(record.handoff.context["summary"])


def test_praise_in_words_unlike_the_examples_is_thanked(services):
    """'tolle Firma, danke für die guten Produkte' was 'nicht verstanden' twice (praise at 0.99
    but unlike its examples)."""
    said = bot_said(call(services, say("tolle firma danke für die guten produkte"), hang_up()))
    assert said[1].startswith("Das freut uns sehr!"), said


@pytest.mark.parametrize(
    "said",
    [
        "ich mag die brezeln nicht mehr essen die sind seit einer woche hart",  # (was thanked)
        "das müsli ist zu süß und ich möchte mich beschweren",  # ('Das freut uns sehr!' first)
    ],
)
def test_a_dislike_with_a_complaint_is_never_thanked_as_praise(services, said):
    record = call(services, say(said), say("L 1 2 3"))
    told = bot_said(record)
    assert not any("freut uns" in t for t in told), told
    assert record.handoff is not None and record.handoff.queue == "qualitaet", told
    assert "Lob" not in str(record.handoff.context["summary"])


def test_two_dislikes_in_one_turn_are_feedback(services):
    told = bot_said(call(services, say("der tee schmeckt meinem mann nicht der ist ihm zu sauer "
                                       "was kann man da machen"), hang_up()))  # fmt: skip
    assert "nicht zusagt" in told[1] and not any("Chargennummer" in t for t in told), told


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("ich suche was ohne milch für mein kind was können sie empfehlen",
         "Laut Zutatenliste ohne Milch sind von unseren Lebensmitteln:"),
        ("welche produkte sind ohne gentechnik",  # (was 'Gentechnik ist leider keines …')
         "Angaben zur Gentechnik habe ich für unsere Produkte leider nicht."),
    ],
)  # fmt: skip
def test_more_ways_to_ask_over_the_catalog(services, said, answer):
    told = bot_said(call(services, say(said), hang_up()))
    assert told[1].startswith(answer), told


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("die käsespätzle sind echt lecker wann gibt es die wieder im laden",
         "Angaben zu Verkaufsstellen und Verfügbarkeit"),
        ("ich habe ihre handcreme geschenkt bekommen und wollte fragen ob die auch für männer ist",
         "Angaben zur Verwendung"),  # (was the price)
    ],
)  # fmt: skip
def test_more_questions_no_field_answers(services, said, answer):
    told = bot_said(call(services, say(said), hang_up()))
    assert answer in told[1], told
    assert "Euro" not in told[1], told


def test_earlier_praise_before_a_question_is_not_thanked_for(services):
    told = bot_said(call(services, say("die nougatcreme war früher super ist die jetzt mit "
                                       "palmöl"), hang_up()))  # fmt: skip
    assert told[1].startswith("Nein, Sonnhof Nuss-Nougat-Creme enthält kein Palmöl"), told


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("ist irgendwas von ihnen ohne zucker und vegan", "Laut Zutatenliste ohne zugesetzten"),
        ("mein kind ist allergisch gegen ei welche produkte kann es essen",
         "Laut Zutatenliste ohne Ei sind von unseren Lebensmitteln:"),
    ],
)  # fmt: skip
def test_an_allergy_or_two_wishes_over_the_catalog_are_answered_from_the_lists(
    services, said, answer
):
    told = bot_said(call(services, say(said), hang_up()))
    assert answer in told[1], told


def test_a_dislike_with_praise_of_another_product_thanks_for_both(services):
    told = bot_said(call(services, say("ich wollte nur sagen dass die brezeln meinen kindern "
                                       "nicht schmecken aber die hafermilch ist super"),
                         hang_up()))  # fmt: skip
    assert "freut uns" in told[1] and "Laugenbrezeln tiefgekühlt nicht zusagt" in told[1], told


def test_traces_are_told_as_traces_when_a_product_is_asked_to_be_without_it(services):
    told = bot_said(call(services, say("ist die tomatensauce ohne sellerie"), hang_up()))
    assert "Spuren" in told[1] and "enthält Sellerie." not in told[1], told


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("ist die zahnpasta ohne fluorid", "Nein, Sonnhof Kinder-Zahnpasta Erdbeere enthält "
         "Sodium Fluoride."),
        ("ist das müsli ohne zucker", "Nein, Sonnhof Knusper-Müsli Schoko enthält Zucker und "
         "Honig."),
        ("sind die brezeln ohne salz", "Nein, Sonnhof Laugenbrezeln tiefgekühlt enthält Salz und "
         "Hagelsalz."),
    ],
)  # fmt: skip
def test_what_a_product_asked_to_be_without_holds_is_named_as_its_list_writes_it(
    services, question, answer
):
    said = bot_said(call(services, say(question), hang_up()))
    assert said[1].startswith(answer), said


@pytest.mark.parametrize(
    "question",
    ["Schneckt in Euren Schokomüsli eigentlich einem Fett",  # "Steckt … eigentlich Palmfett"
     "Stickt im Duschgel eigentlich Parfum"],
)  # fmt: skip
def test_a_misheard_question_read_as_a_complaint_without_a_problem_is_asked_about(
    services, question
):
    """Session-17 probe: a question Whisper misheard was read as the complaint at 0.71-0.75
    (no word of a problem in it): the caller was asked for a batch number and put through to
    the quality team at high priority. Now 'Geht es um eine Reklamation?'; a no lets the caller
    say the question again, a yes takes the complaint."""
    said = bot_said(call(services, say(question), say("nein ich wollte wissen ob Palmfett im "
                                                          "Müsli ist"), hang_up()))  # fmt: skip
    assert said[1] == "Geht es um eine Reklamation?", said
    assert "Chargennummer" not in " ".join(said) and "Palmöl" in said[2], said
    record = call(services, say(question), say("ja"), say("L 1 2 3"))
    assert record.handoff is not None and record.handoff.queue == "qualitaet"


@pytest.mark.parametrize("half", ["Ist die Nougatcreme", "Sind die Brezeln …", "Hat das Müsli?"])
def test_a_question_cut_off_after_the_product_asks_what_about_it(services, half):
    """Session-17 probe: Whisper cut the turn at a pause ('Ist die Nougatcreme' … 'vegan'), and
    the half was answered with a guess (the allergens at 0.75). Nothing is asked yet: 'Was möchten
    Sie über … wissen?', and the rest said next is answered."""
    said = bot_said(call(services, say(half), say("vegan"), hang_up()))
    assert said[1].startswith("Was möchten Sie über"), said
    assert "vegan" in said[2] and "Allergene" not in " ".join(said), said


@pytest.mark.parametrize(
    "said",
    [
        "die nougatcreme ist nicht zu süß genau richtig",
        "ich wollte nur mal sagen die käsespätzle sind gar nicht zu salzig nicht so wie bei "
        "anderen marken",
        "die handcreme ist überhaupt nicht fettig und zieht super schnell ein",
        "der eistee ist nicht so süß wie andere das ist gut so",
        "ich kann nicht sagen dass die spätzle schlecht sind im gegenteil",  # (session 18)
        "die brezeln sind gar nicht schlecht",
    ],
)
def test_a_criticism_denied_is_praise_not_a_complaint(services, said):
    """'nicht zu süß', 'gar nicht zu salzig' (session-17 probe): thanked for, no batch asked,
    no quality alarm (it was a complaint at high priority)."""
    record = call(services, say(said), say("nein danke"))
    told = bot_said(record)
    assert "freut uns" in told[1], told
    assert not any("Chargennummer" in t for t in told), told
    assert record.handoff is None and record.outcome == "resolved"


@pytest.mark.parametrize(
    "said",
    [
        "die spätzle sind nicht zu salzig aber die schmecken nicht gut",
        "die marmelade ist nicht zu süß sondern total sauer geworden",
        "die marmelade ist nicht zu süß aber leider war diesmal schimmel drin",
        "die brezeln sind nicht schlecht aber da war ein haar drin",
        "ich will nicht sagen dass die marmelade zu süß ist aber sie war schimmelig",
    ],
)
def test_a_criticism_denied_beside_something_wrong_stays_a_complaint(services, said):
    record = call(services, say(said), say("L 2 3 4 5 B"), hang_up())
    assert not any("freut uns" in t for t in bot_said(record)), bot_said(record)
    assert record.handoff is not None and record.handoff.queue == "qualitaet", bot_said(record)


def test_a_question_after_a_criticism_denied_is_answered_after_the_thanks(services):
    told = bot_said(call(services, say("die brezeln sind überhaupt nicht zu salzig wie lange "
                                       "halten die im gefrierfach"), say("nein")))  # fmt: skip
    assert "freut uns" in told[1] and "-18" in told[1], told


@pytest.mark.parametrize(
    "said",
    [
        "ich betreibe ein café und würde gern ihre hafermilch im großhandel beziehen",
        "ich bin influencerin und würde gern mit sonnhof kooperieren",
        "wir haben einen hofladen und würden gern ihre marmelade verkaufen",
    ],
)
def test_a_business_enquiry_is_no_complaint_nor_praise_a_person_is_offered(services, said):
    """Wholesale with a product named was a complaint (batch asked, qualitaet high), a
    cooperation was thanked as praise (session-17 probe)."""
    record = call(services, say(said), say("ja"))
    told = bot_said(record)
    assert "Auskünfte zu Großhandel und Kooperationen" in told[1], told
    assert not any("Chargennummer" in t or "freut uns" in t for t in told), told
    assert record.handoff is not None and record.handoff.queue == "verbraucherservice"
    assert record.handoff.priority == "normal"


@pytest.mark.parametrize(
    ("said", "told"),
    [
        ("ich betreibe ein café ist die hafermilch vegan", "ist vegan"),
        ("ich betreibe ein café und die hafermilch war sauer", "Chargennummer"),
    ],
)
def test_a_business_caller_with_a_product_question_or_complaint_is_served_as_one(
    services, said, told
):
    assert told in bot_said(call(services, say(said), hang_up()))[1]


@pytest.mark.parametrize(
    "said",
    [
        "in welche tonne gehört das glas von der nougatcreme",
        "gibt es den eistee auch in der dose",
        "wohin mit dem deckel von der marmelade",
        "haben sie auch produkte ohne plastikverpackung",
    ],
)
def test_a_question_about_packaging_or_its_disposal_is_no_complaint(services, said):
    """'In welche Tonne gehört das Glas …' was a complaint at high priority, 'ohne
    Plastikverpackung' was 'Plastikverpackung ist leider keines unserer Produkte', 'in der Dose'
    'Diese Sorte haben wir leider nicht' (session-17 probe)."""
    told = bot_said(call(services, say(said), say("nein")))
    assert "Angaben zur Verpackung" in told[1], told
    assert not any("Chargennummer" in t for t in told), told


def test_a_general_taste_before_a_question_is_no_dislike_of_the_product(services):
    """ "ich mag keine zu süßen Sachen wie viel Zucker ist in der Marmelade" was thanked as
    feedback ('Schade, dass Ihnen … nicht zusagt') and the question left (session-17 probe)."""
    told = bot_said(call(services, say("ich mag keine zu süßen sachen wie viel zucker ist in "
                                       "der marmelade"), say("nein")))  # fmt: skip
    assert "Rohrzucker" in told[1] and "zusagt" not in told[1], told


@pytest.mark.parametrize(
    ("said", "about"),
    [
        ("ich bin schwanger darf ich ihren grünen tee trinken wegen dem koffein",
         "Schwangerschaft"),
        ("die käsespätzle sind zu trocken geworden in der mikrowelle wie macht man die richtig",
         "Zubereitung"),
    ],
)  # fmt: skip
def test_a_question_no_field_answers_asked_inside_the_turn_says_so(services, said, about):
    """Asked after a statement without a mark ('… darf ich …', '… wie macht man die richtig'):
    was 'Geht es um die Lagerung oder Haltbarkeit eines Produkts?' (session-17 probe)."""
    told = bot_said(call(services, say(said), say("nein")))
    assert f"Angaben zur {about}" in told[1] or about in told[1], told


def test_a_dislike_with_a_question_the_bot_cannot_place_keeps_the_thanks(services):
    """ "meine Tochter mag den Geschmack von der Zahnpasta nicht, gibt es die auch in einer
    anderen Sorte": the question alone was 'nicht verstanden' twice, the keypad menu, and the
    thanks lost (session-17 probe): thanked, and asked what else."""
    said = "meine tochter mag den geschmack von der zahnpasta nicht gibt es die auch in einer "
    told = bot_said(call(services, say(said + "anderen sorte"), say("nein")))
    assert "nicht zusagt" in told[1] and "Kann ich sonst noch helfen?" in told[1], told
    assert not any("nicht verstanden" in t for t in told), told


@pytest.mark.parametrize(
    ("said", "about"),
    [
        ("kann man die zahnpasta auch bei kindern unter zwei jahren benutzen", "nach Alter"),
        ("ab wann dürfen kinder die zahnpasta nehmen", "nach Alter"),
        ("darf mein hund die nougatcreme essen", "für Haustiere"),
        ("ist die handcreme giftig für katzen", "für Haustiere"),
        ("kann ich das duschgel auch für die haare nehmen", "zur Verwendung"),
        ("ist die tomatensauce scharf", "zum Geschmack"),
        ("wie schmeckt der eistee eigentlich", "zum Geschmack"),
        # was 'Geht es um die Frage, ob ein Produkt vegan ist?' (session-18 ag6 probe)
        ("ist die handcreme gefährlich für kinder wenn die das anfassen", "nach Alter"),
        ("ist das duschgel für kinder ok", "nach Alter"),
        # (session-18 sm6 probe: 'Geht es um die Allergene?', the ingredients read out)
        ("kann man mit dem duschgel auch haare waschen", "zur Verwendung"),
        ("wie viel zucker ist im müsli", "zu Nährwerten"),
        ("welches von beiden hat weniger zucker das müsli oder die nougatcreme", "zu Nährwerten"),
    ],
)
def test_a_question_about_age_pets_or_another_use_says_there_is_no_information(
    services, said, about
):
    """'… bei Kindern unter zwei Jahren benutzen' and 'ab wann dürfen Kinder …' got the storage
    text (its 'Jahren', 'ab wann'), 'darf mein Hund die Nougatcreme essen' was asked 'Geht es
    um die Lagerung?', 'ist die Tomatensauce scharf' 'Geht es um die Allergene?' (session-18
    probe): no catalog field says it, a person is offered."""
    told = bot_said(call(services, say(said), say("nein")))
    assert "Angaben" in told[1] and about in told[1], told
    assert "Lagerung" not in told[1] and "Chargennummer" not in told[1], told


def test_a_question_asked_after_the_label_read_out_is_what_is_answered(services):
    """'ich lese Ihnen mal vor … Haferflocken Zucker Palmfett Schokolade ist da jetzt Nuss
    drin' was asked 'Geht es um Palmöl in einem Produkt?' (the words read out; session-18
    probe): the question after the reading is answered (traces of nuts)."""
    told = bot_said(
        call(
            services,
            say(
                "ich lese ihnen mal vor was auf der packung steht sonnhof knusper müsli schoko "
                "haferflocken zucker palmfett schokolade ist da jetzt nuss drin"
            ),
            say("nein"),
        )
    )
    assert "Spuren" in told[1] and "Nüsse" in told[1], told
    assert not told[1].startswith("Geht es um"), told


def test_the_best_before_date_at_the_batch_number_hears_where_the_batch_is(services):
    """'mindestens haltbar bis zwölften Oktober' at the batch number heard the same prompt
    again (session-18 probe): where the batch number is printed (beside that date), waited for,
    then taken."""
    record = call(
        services,
        say("in der marmelade war schimmel"),
        say("mindestens haltbar bis zwölften oktober"),
        say("ah hier L 4 7 1 1 B"),
    )
    told = bot_said(record)
    assert "meist direkt neben dem Mindesthaltbarkeitsdatum" in told[2], told
    assert record.handoff is not None and record.handoff.context["slots"]["batch"] == "L4711B", told


@pytest.mark.parametrize(
    "said", ["mindesthaltbar bis zwölf zwanzig sechsundzwanzig",
             "das mhd ist zwölf null drei zwei tausend sechs und zwanzig"]
)  # fmt: skip
def test_a_best_before_date_in_number_words_is_no_batch_number(services, said):
    """'mindesthaltbar bis zwölf zwanzig sechsundzwanzig' at the batch number was stored as
    batch 122026 (session-18 probe): the date's digits are no code; where the batch number is
    printed is said, then the code taken. A batch named beside it ('Charge 4 4 5 1') or said
    before the date ('da steht 4 4 1 7 und daneben mindestens haltbar bis …') stays."""
    record = call(services, say("das müsli ist voller käfer"), say(said), say("L 0 9 8 7"))
    told = bot_said(record)
    assert "meist direkt neben dem Mindesthaltbarkeitsdatum" in told[2], told
    assert record.handoff is not None and record.handoff.context["slots"]["batch"] == "L0987", told
    for code, said in (
        ("4451", "charge 4 4 5 1 mindesthaltbar bis zwölf"),
        ("4417", "da steht 4 4 1 7 und daneben mindestens haltbar bis 12 03 2026"),
    ):
        record = call(services, say("das müsli ist voller käfer"), say(said))
        assert record.handoff is not None and record.handoff.context["slots"]["batch"] == code


@pytest.mark.parametrize(
    "said", ["ich finde keine", "die ist unleserlich",
             "da steht keine chargennummer nur mindestens haltbar bis märz"]
)  # fmt: skip
def test_no_batch_number_found_on_the_pack_is_not_asked_again(services, said):
    """'ich finde keine' at the batch number heard the prompt again (session-18 probe): noted
    as unknown, the complaint put through."""
    record = call(services, say("die marmelade war schimmelig"), say(said))
    told = bot_said(record)
    assert told[2].startswith("Kein Problem."), told
    assert record.handoff is not None, told
    assert record.handoff.context["slots"]["batch"] == "unbekannt", told


@pytest.mark.parametrize(
    "first, said",
    [("ab welchem alter ist die zahnpasta", None),
     ("wie viel kostet die zahnpasta", "ab welchem alter ist die zahnpasta"),
     ("wie viel kostet die zahnpasta", "und ab welchem alter ist die"),
     ("ist die zahnpasta vegan", "und bis wann kann man die nach dem öffnen noch nehmen")],
)  # fmt: skip
def test_a_question_word_after_its_preposition_asks_what_no_field_says(services, first, said):
    """'ab welchem Alter ist die Zahnpasta' was asked 'Geht es um die Zutaten?', at 'Kann ich
    sonst noch helfen?' 'und ab welchem alter ist die' heard 'Bitte antworten Sie mit Ja oder
    Nein' (session-18 probe): the question word after its preposition asks; no information on
    the age said. A question a field holds ('bis wann … nach dem öffnen') keeps its answer."""
    turns = [say(first)] + ([say(said)] if said else []) + [say("nein")]
    told = bot_said(call(services, *turns))
    answer = told[2] if said else told[1]
    if said and "öffnen" in said:
        assert "12 Monate" in answer, told
    else:
        assert "Angaben zur Eignung" in answer and "nach Alter" in answer, told


def test_a_pet_only_named_beside_a_question_is_no_question_about_pets(services):
    told = bot_said(call(services, say("unser hund heißt bello und ich wollte fragen was die "
                                       "handcreme kostet"), say("nein")))  # fmt: skip
    assert "2,95" in told[1] and "Haustiere" not in told[1], told


def test_praise_with_a_how_do_i_question_run_on_answers_the_question(services):
    """'die Brezeln sind super, aber wie backt man die am besten auf' was thanked and the
    question lost (session-18 probe): thanked, then the question answered (no information on
    preparation, a person offered)."""
    told = bot_said(call(services, say("die brezeln sind super aber wie backt man die am besten "
                                       "auf"), say("nein")))  # fmt: skip
    assert "freut uns" in told[1] and "Angaben zur Zubereitung" in told[1], told


@pytest.mark.parametrize(
    "said",
    [
        "mein hund hat die ganze nougatcreme gefressen was soll ich tun",
        "meine katze hat an der handcreme geleckt ist das schlimm",
    ],
)
def test_a_pet_that_ate_a_product_hears_to_call_the_vet(services, said):
    """'mein Hund hat die ganze Nougatcreme gefressen, was soll ich tun' was a complaint with
    the batch number asked (session-18 probe): the vet named, the quality team at once."""
    record = call(services, say(said), say("nein"))
    told = bot_said(record)
    assert "Tierarzt" in told[1] and "Chargennummer" not in told[1], told
    assert record.handoff is not None and record.handoff.context["priority"] == "high", told


def test_a_pet_that_ate_a_product_without_worry_is_no_emergency(services):
    said = "mein hund hat die brezel gefressen und jetzt ist mir eingefallen wie lange halten die"
    told = bot_said(call(services, say(said), say("nein")))
    assert "Tierarzt" not in told[1] and "-18" in told[1], told


@pytest.mark.parametrize(
    "said",
    [
        "gibt es die tomatensauce auch mild",
        "die tomatensauce ist mir zu scharf gibt es die auch mild",
        "gibt es die brezeln auch in leicht",
    ],
)
def test_a_strength_of_a_product_asked_for_is_a_kind_we_do_not_sell(services, said):
    """'gibt es die Tomatensauce auch mild' read out the ingredients (session-18 probe): the
    kind is not sold, only ours named."""
    told = bot_said(call(services, say(said), say("nein")))
    assert "Diese Sorte haben wir leider nicht" in told[1] and "enthält:" not in told[1], told


def test_how_a_product_is_asked_after_an_answer_names_no_product(services):
    """ "wie lange hält die Hafermilch" - answer - "mein Kühlschrank geht nicht, ist die jetzt
    schlecht" heard "Schlecht ist leider keines unserer Produkte" (session-18 ag6 probe)."""
    told = bot_said(call(services, say("wie lange hält die hafermilch"),
                         say("mein kühlschrank geht nicht ist die jetzt schlecht")))  # fmt: skip
    assert not any("keines unserer Produkte" in t for t in told), told
    assert "Nach dem Öffnen" in told[2], told
