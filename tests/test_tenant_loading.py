"""Tenant folders as the bot sees them: settings, dialed numbers, hours, data, hot reload."""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from voicebot.errors import UserError
from voicebot.nlu.loader import load_tenants, tenant_for_dialed
from voicebot.nlu.registry import TenantRegistry


def test_the_four_demo_tenants_load_with_their_contract_ids(tenants):
    assert sorted(tenants) == ["harbour-bank", "marktblick", "nordwelle", "sonnhof"]
    nordwelle = tenants["nordwelle"]
    assert {"stoerung", "rechnung", "tarifwechsel", "neuvertrag", "kuendigung", "umzug",
            "daten_aendern", "beschwerde", "mitarbeiter", "faq_oeffnungszeiten",
            "faq_router_neustart", "faq_rechnung_online"} == set(nordwelle.intents)  # fmt: skip
    assert nordwelle.intents["beschwerde"].priority == "high"
    assert nordwelle.intents["mitarbeiter"].queue == "allgemein"
    assert nordwelle.slot_types["customer_number"].length == 8
    assert nordwelle.customer("40817253")["name"] == "Petra Lindner"
    assert all(len(spec.examples) >= 10 for spec in nordwelle.intents.values())


def test_harbour_bank_holds_exactly_the_first_ten_train_phrases_per_label(
    tenants, datasets, spec_dir
):
    import csv

    first: dict[str, list[str]] = {}
    with (datasets / "banking77" / "train.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            first.setdefault(row["category"], [])
            if len(first[row["category"]]) < 10:
                first[row["category"]].append(row["text"].strip())
    bank = tenants["harbour-bank"]
    assert set(bank.intents) == set(first) | {"human_agent"}
    for label, phrases in first.items():
        assert [p.text for p in bank.intents[label].examples] == phrases
    routing = {r["intent"]: r for r in csv.DictReader((spec_dir / "bank-en-intents.csv").open())}
    for label, row in routing.items():
        spec = bank.intents[label]
        assert (spec.action, spec.priority) == (row["action"], row["priority"])
        assert spec.queue == row["queue"]  # a self-service intent's team takes who wants a person
        assert spec.action == "handoff" or spec.answer
    assert bank.intents["human_agent"].queue == "general"


def test_sonnhof_and_marktblick(tenants):
    sonnhof = tenants["sonnhof"]
    assert sonnhof.intents["reklamation"].needs == ("product", "batch")
    assert sonnhof.intents["reklamation"].priority == "high"
    assert sonnhof.product("knusper-muesli")["palm_oil"] == "ja"
    survey = tenants["marktblick"].survey
    assert tenants["marktblick"].direction == "outbound"
    assert [(q.id, q.kind) for q in survey.questions] == [
        ("zufriedenheit", "rating"),
        ("weiterempfehlung", "yesno"),
        ("kommentar", "free"),
    ]


def test_dialed_number_finds_its_tenant_ignoring_spaces(tenants):
    assert tenant_for_dialed(tenants, "+498006673935").id == "nordwelle"
    assert tenant_for_dialed(tenants, "+44 800 0147 7700").id == "harbour-bank"
    assert tenant_for_dialed(tenants, "+49 800 766 6463").id == "sonnhof"
    assert tenant_for_dialed(tenants, "+49 30 1234567") is None


@pytest.mark.parametrize(
    ("number", "tenant"),
    [
        ("0800 6673935", "nordwelle"),  # national, as a German PBX writes it
        ("0049 800 6673935", "nordwelle"),  # the international prefix
        ("498006673935", "nordwelle"),  # no '+', as many SIP trunks send it
        ("0800 0147 7700", "harbour-bank"),
        ("447700", None),  # too short to be anyone's
        ("0800 667393", None),  # a digit short
        ("06673935", None),  # not the whole national number
        ("0030 800 6673935", None),  # another country
    ],
)
def test_dialed_number_finds_its_tenant_in_national_and_trunk_forms(tenants, number, tenant):
    found = tenant_for_dialed(tenants, number)
    assert (found.id if found else None) == tenant


def test_business_hours(tenants):
    hours = tenants["sonnhof"].business_hours
    berlin = ZoneInfo("Europe/Berlin")
    assert hours.is_open(datetime(2026, 11, 24, 10, 0, tzinfo=berlin))  # Tuesday
    assert not hours.is_open(datetime(2026, 11, 24, 19, 0, tzinfo=berlin))
    assert not hours.is_open(datetime(2026, 11, 29, 10, 0, tzinfo=berlin))  # Sunday
    assert tenants["nordwelle"].business_hours.is_open(datetime(2026, 11, 29, 3, 0, tzinfo=berlin))


def test_tenant_prompts_override_the_language_defaults(tenants):
    prompts = tenants["nordwelle"].prompts
    assert prompts["goodbye"].startswith("Vielen Dank für Ihren Anruf bei Nordwelle")
    assert prompts["no_match"]  # a default the tenant did not override
    assert "{queue_name}" in prompts["handoff"]


def test_loading_a_broken_folder_is_one_line_user_error(tenant_copy):
    folder = tenant_copy("marktblick")
    (folder / "keine_zeit.yaml").write_text("intent: keine_zeit\nexamples: [\n")
    with pytest.raises(UserError, match=r"keine_zeit.yaml:\d+: bad YAML"):
        load_tenants(folder.parent)


def test_registry_reloads_a_good_edit_and_keeps_the_last_good_version_on_a_broken_one(
    tenant_copy, caplog
):
    folder = tenant_copy("marktblick")
    registry = TenantRegistry(folder.parent)
    assert registry.ids() == ["marktblick"]
    assert registry.reload() == []  # nothing changed

    (folder / "rueckruf.yaml").write_text(
        "intent: rueckruf\ndescription: Möchte einen Rückruf\nqueue: rueckfragen\nexamples:\n"
        "  - rufen sie mich bitte heute abend zurück\n  - können sie mich morgen zurückrufen\n"
    )
    assert registry.reload() == ["marktblick"]
    assert "rueckruf" in registry.tenant("marktblick").intents
    assert registry.nlu("marktblick").tenant is registry.tenant("marktblick")

    (folder / "rueckruf.yaml").write_text("intent: rueckruf\nqueue: nirgendwo\nexamples: [a\n")
    with caplog.at_level(logging.ERROR):
        assert registry.reload() == []
    live = registry.tenant("marktblick")
    assert "rueckruf" in live.intents and live.intents["rueckruf"].queue == "rueckfragen"
    assert any("rueckruf.yaml" in str(p) for p in registry.problems[folder])
    assert "rueckruf.yaml" in caplog.text and "last good version" in caplog.text

    with pytest.raises(UserError, match=r"unknown tenant 'marktblik'.*did you mean 'marktblick'"):
        registry.tenant("marktblik")


def test_harbour_bank_intents_are_named_for_callers_not_by_their_labels() -> None:
    """ "Is it about closing your account?", not "Is it about terminate account?"."""
    from voicebot.nlu.loader import load_tenants
    from voicebot.settings import PROJECT_ROOT

    bank = dict(load_tenants(PROJECT_ROOT / "intents"))["harbour-bank"]
    named = {i: spec.description for i, spec in bank.intents.items()}
    assert named["terminate_account"] == "closing your account"
    assert named["card_arrival"] == "a card that has not arrived"
    assert named["reverted_card_payment?"] == "a card payment that was reverted"
    assert not any("_" in text or "?" in text for text in named.values())
