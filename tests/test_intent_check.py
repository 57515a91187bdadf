"""`voicebot intents check`: every mistake in tenant folders reported as path:line: message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from voicebot.nlu.loader import check_tenants


def _messages(intents: Path) -> list[str]:
    return [str(p) for p in check_tenants(intents)]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_tenants_have_no_problems(intents_dir):
    assert check_tenants(intents_dir) == []


def test_unknown_key_is_reported_with_line_and_suggestion(tenant_copy):
    folder = tenant_copy("nordwelle")
    _edit(folder / "umzug.yaml", "examples:", "exmaples:")
    messages = _messages(folder.parent)
    assert any(
        m.endswith("umzug.yaml:6: unknown key 'exmaples' in file (did you mean 'examples'?)")
        for m in messages
    ), messages


def test_intent_without_examples_is_reported(tenant_copy):
    folder = tenant_copy("nordwelle")
    (folder / "leer.yaml").write_text("intent: leer\nqueue: allgemein\nexamples: []\n")
    assert any(
        m.endswith("leer.yaml:3: intent 'leer' has no examples") for m in _messages(folder.parent)
    )


def test_duplicate_intent_names_both_files(tenant_copy):
    folder = tenant_copy("nordwelle")
    (folder / "umzug2.yaml").write_text(
        "intent: umzug\nqueue: vertragsservice\nexamples:\n  - ganz neuer umzugssatz\n"
    )
    messages = _messages(folder.parent)
    assert any(
        "umzug2.yaml:1: duplicate intent 'umzug' (also in umzug.yaml:1)" in m for m in messages
    ), messages


def test_undeclared_queue_suggests_the_closest(tenant_copy):
    folder = tenant_copy("nordwelle")
    _edit(folder / "stoerung.yaml", "queue: stoerungsdienst", "queue: stoerdienst")
    messages = _messages(folder.parent)
    assert any(
        m.endswith(
            "stoerung.yaml:4: queue 'stoerdienst' is not in tenant.yaml queues "
            "(did you mean 'stoerungsdienst'?)"
        )
        for m in messages
    ), messages


def test_example_claimed_by_two_intents_is_an_error(tenant_copy):
    folder = tenant_copy("nordwelle")
    _edit(
        folder / "rechnung.yaml",
        "  - wie viel muss ich noch bezahlen",
        "  - wie viel muss ich noch bezahlen\n  - Ich will kündigen!",
    )
    messages = _messages(folder.parent)
    assert any(
        "rechnung.yaml:" in m and "also claimed by intent 'kuendigung' (kuendigung.yaml:9)" in m
        for m in messages
    ), messages


def test_bad_yaml_gives_its_line(tenant_copy):
    folder = tenant_copy("nordwelle")
    (folder / "kaputt.yaml").write_text("intent: kaputt\nexamples:\n  - [nicht geschlossen\n")
    messages = _messages(folder.parent)
    assert any("kaputt.yaml:" in m and "bad YAML" in m for m in messages), messages


def test_unknown_slot_type_and_undeclared_need(tenant_copy):
    folder = tenant_copy("nordwelle")
    _edit(folder / "tenant.yaml", "postcode: {type: postcode}", "postcode: {type: postleitzahl}")
    messages = _messages(folder.parent)
    assert any("tenant.yaml:" in m and "'postleitzahl' is not allowed" in m for m in messages), (
        messages
    )
    folder2 = tenant_copy("sonnhof")
    _edit(folder2 / "reklamation.yaml", "needs: [product, batch]", "needs: [product, charge]")
    messages = _messages(folder2.parent)
    assert any(
        m.endswith("reklamation.yaml:7: needs slot 'charge' not declared in tenant.yaml slots")
        or "needs slot 'charge'" in m
        for m in messages
    ), messages


def test_missing_data_file_and_bad_csv_row(tenant_copy):
    folder = tenant_copy("nordwelle")
    (folder / "outages.csv").unlink()
    with (folder / "customers.csv").open("a") as handle:
        handle.write("4081,Zu Kurz\n")
    messages = _messages(folder.parent)
    assert any("tenant.yaml:" in m and "data file 'outages.csv' not found" in m for m in messages)
    assert any(m.endswith("customers.csv:8: row has 2 fields, header has 8") for m in messages), (
        messages
    )


def test_template_errors_and_unknown_template_slot(tenant_copy):
    folder = tenant_copy("nordwelle")
    _edit(
        folder / "umzug.yaml",
        '  - "ich (ziehe|zieh) um"',
        '  - "ich (ziehe|zieh um"\n  - "nach {stadt}"',
    )
    messages = _messages(folder.parent)
    assert any("umzug.yaml:" in m and "bad template" in m for m in messages), messages
    assert any("template slot 'stadt' has no list and no slot type" in m for m in messages), (
        messages
    )


def test_test_file_naming_an_unknown_intent(tenant_copy):
    folder = tenant_copy("marktblick")
    (folder / "tests" / "extra.csv").write_text("text,intent\nhallo,begruessung\n")
    messages = _messages(folder.parent)
    assert any(m.endswith("extra.csv:2: unknown intent 'begruessung'") for m in messages), messages


def test_all_problems_are_reported_at_once_and_the_command_exits_1(tenant_copy):
    folder = tenant_copy("nordwelle")
    _edit(folder / "umzug.yaml", "examples:", "exmaples:")
    _edit(folder / "stoerung.yaml", "queue: stoerungsdienst", "queue: stoerdienst")
    _edit(folder / "tenant.yaml", "direction: inbound", "direction: inbound\nfarbe: blau")
    run = subprocess.run(
        [sys.executable, "-m", "voicebot.cli", "intents", "check", str(folder.parent)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    # tenant.yaml problems stop the intent checks (they depend on it); fix it and see the rest
    assert "unknown key 'farbe'" in run.stdout
    _edit(folder / "tenant.yaml", "\nfarbe: blau", "")
    run = subprocess.run(
        [sys.executable, "-m", "voicebot.cli", "intents", "check", str(folder.parent)],
        capture_output=True,
        text=True,
    )
    lines = run.stdout.splitlines()
    assert run.returncode == 1 and len(lines) >= 2, run.stdout
    assert all(line.count(":") >= 2 for line in lines)
    assert "Traceback" not in run.stderr


def test_a_survey_intent_list_naming_no_intent_is_reported_with_its_line(tenant_copy):
    folder = tenant_copy("marktblick")
    _edit(folder / "tenant.yaml", "opt_out: [nicht_mehr_anrufen]", "opt_out: [nicht_mehr_anrufn]")
    messages = _messages(folder.parent)
    lines = (folder / "tenant.yaml").read_text().splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "opt_out:" in text)
    assert any(
        m.endswith(
            f"tenant.yaml:{line}: survey opt_out names no intent 'nicht_mehr_anrufn' "
            "(did you mean 'nicht_mehr_anrufen'?)"
        )
        for m in messages
    ), messages
