"""Shared pieces of the analytics, inbox and records tests (no tests of its own).

- `Call`: builds a call's event list by hand, on the audio clock, as the pipeline records it;
- `write_mini_tenant`: a small German inbound tenant (4 intents, comments, test phrases) whose
  real classifier trains in seconds, so assign tests can retrain it twice;
- `serve`: the app with the agent, analytics and inbox routers on a real uvicorn;
"""

from __future__ import annotations

import asyncio
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.plugins.servers import free_port
from voicebot.events import (
    BotSpeech,
    CallError,
    CallEvent,
    CallStarted,
    Dtmf,
    Handoff,
    Hangup,
    Intent,
    SpeechStarted,
    SpeechStopped,
    Transcript,
)
from voicebot.nlu.prompts import DEFAULT_PROMPTS
from voicebot.settings import Settings


@dataclass
class Call:
    """A call written by hand: `Call("c1").bot(0, "Hallo").caller(3000, 5000, "…", None, 0.3)`."""

    call_id: str
    tenant: str = "nordwelle"
    events: list[CallEvent] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.events.append(
            CallStarted(call_id=self.call_id, at_ms=0, tenant=self.tenant, caller="+4930123456")
        )

    def bot(self, at_ms: int, text: str, *, listen: bool = True, expect: str | None = None) -> Call:
        self.events.append(
            BotSpeech(call_id=self.call_id, at_ms=at_ms, text=text, listen=listen, expect=expect)
        )
        return self

    def caller(
        self, start_ms: int, end_ms: int, text: str, intent: str | None, confidence: float,
        alternatives: tuple[tuple[str, float], ...] = (),
    ) -> Call:  # fmt: skip
        cid = self.call_id
        self.events += [
            SpeechStarted(call_id=cid, at_ms=start_ms),
            SpeechStopped(call_id=cid, at_ms=end_ms),
            Transcript(call_id=cid, at_ms=end_ms + 150, text=text, final=True, confidence=0.9),
            Intent(
                call_id=cid, at_ms=end_ms + 150, name=intent, confidence=confidence,
                alternatives=alternatives,
            ),
        ]  # fmt: skip
        return self

    def keys(self, at_ms: int, digits: str) -> Call:
        for i, key in enumerate(digits):
            self.events.append(Dtmf(call_id=self.call_id, at_ms=at_ms + 200 * i, key=key))  # type: ignore[arg-type]
        return self

    def handoff(self, at_ms: int, queue: str, reason: str, intent: str | None) -> Call:
        context: dict[str, Any] = {
            "reason": reason,
            "intent": {"id": intent, "confidence": 0.9} if intent else None,
        }
        self.events.append(
            Handoff(
                call_id=self.call_id, at_ms=at_ms, queue=queue, priority="normal", context=context
            )
        )
        return self.hangup(at_ms, "bot", "handoff")

    def error(self, at_ms: int, code: str) -> Call:
        self.events.append(CallError(call_id=self.call_id, at_ms=at_ms, code=code, message=code))
        return self

    def hangup(self, at_ms: int, reason: str = "bot", detail: str = "") -> Call:
        self.events.append(
            Hangup(call_id=self.call_id, at_ms=at_ms, reason=reason, detail=detail)  # type: ignore[arg-type]
        )
        return self


P = DEFAULT_PROMPTS["de"]
GREETING = "Willkommen bei Nordwelle! Wie kann ich helfen?"


def six_calls(tenant: str = "nordwelle") -> list[list[CallEvent]]:
    """Six nordwelle calls; the expected figures below are counted from these by hand."""
    return [
        # 1: fault, keyed customer number, handed off by intent. latencies 400, 300
        Call(tenant=tenant, call_id="call-1").bot(0, GREETING, expect="digits:8")
        .caller(5000, 7000, "mein internet geht nicht", "stoerung", 0.95)
        .bot(7400, P["ask_customer_number"], expect="digits:8")
        .keys(9400, "40817253#")  # last key at 11000
        .bot(11300, "Danke. Ich verbinde Sie.", listen=False)
        .handoff(11300, "stoerungsdienst", "intent", "stoerung").events,
        # 2: FAQ answered, caller says no more: resolved. latencies 200, 200
        Call(tenant=tenant, call_id="call-2").bot(0, GREETING)
        .caller(4000, 6000, "wann haben sie geöffnet", "faq_oeffnungszeiten", 0.97)
        .bot(6200, "Rund um die Uhr. " + P["anything_else"], expect="yesno")
        .caller(9000, 9500, "nein danke", None, 0.3)
        .bot(9700, P["goodbye"], listen=False)
        .hangup(9700, "bot", "resolved").events,
        # 3: not understood twice, then silence, caller hangs up. 3 reprompts; latencies 600, 500
        Call(tenant=tenant, call_id="call-3").bot(0, GREETING)
        .caller(3000, 5000, "ich möchte meine rufnummer mitnehmen", None, 0.41)
        .bot(5600, P["no_match"])
        .caller(8000, 9000, "die nummer soll zum neuen anbieter", None, 0.45)
        .bot(9500, P["no_match_again"].format(example="meine Rechnung ist falsch"))
        .bot(18000, P["no_input"].format(prompt=P["ask_concern"]))
        .hangup(20000, "caller").events,
        # 4: asks for a person. latency 500
        Call(tenant=tenant, call_id="call-4").bot(0, GREETING)
        .caller(3000, 4000, "ich will einen mitarbeiter", "mitarbeiter", 0.92)
        .bot(4500, "Einen Moment bitte.", listen=False)
        .handoff(4500, "allgemein", "agent_request", "mitarbeiter").events,
        # 5: two misses, keypad menu, unknown key: no_match handoff. 2 reprompts;
        #    latencies 800, 900, 500, then the key 200
        Call(tenant=tenant, call_id="call-5").bot(0, GREETING)
        .caller(2000, 3000, "äh", None, 0.2)
        .bot(3800, P["no_match"])
        .caller(6000, 7000, "hmm ja", None, 0.1)
        .bot(7900, P["no_match_again"].format(example="mein Internet geht nicht"))
        .caller(10000, 11000, "weiß nicht", None, 0.2)
        .bot(11500, P["menu"].format(options="Für Störungen drücken Sie die 1"), expect="list:1")
        .keys(13000, "9")
        .bot(13200, "Ich verbinde Sie.", listen=False)
        .handoff(13200, "allgemein", "no_match", None).events,
        # 6: speech synthesis fails after the concern: error handoff, no bot answer to time
        Call(tenant=tenant, call_id="call-6").bot(0, GREETING)
        .caller(2000, 3000, "mein internet ist kaputt", "stoerung", 0.9)
        .error(3400, "tts_failed")
        .handoff(3400, "stoerungsdienst", "error", "stoerung").events,
    ]  # fmt: skip


MINI_TENANT = """\
# Testwelle: a small inbound tenant for the inbox tests.
tenant: testwelle
name: Testwelle
language: de
direction: inbound
dialed: ["+49 800 1111111"]
queues:
  technik: die Technik   # faults
  buchhaltung: die Buchhaltung
  allgemein: einen Mitarbeiter
default_queue: allgemein
nlu:
  threshold: 0.6
  margin: 0.2
"""
MINI_INTENTS = {
    "stoerung": """\
# Faults of the line. Keep examples in callers' words.
intent: stoerung
description: Internet oder Telefon gestört
queue: technik        # the technicians
examples:
  - mein internet geht seit gestern nicht mehr
  - ich hab kein freizeichen mehr
  - das wlan ist den ganzen tag weg
  - mein router blinkt rot und nichts geht mehr
  - ich kann seit heute morgen nicht mehr telefonieren
  - die verbindung fällt dauernd aus
""",
    "rechnung": """\
intent: rechnung
description: Frage zur Rechnung
queue: buchhaltung
examples:
  - meine rechnung ist zu hoch
  - warum wurde so viel abgebucht
  - ich verstehe meine letzte rechnung nicht
  - wie hoch ist mein offener betrag
  - sie haben mir zweimal geld abgezogen
  - auf der abrechnung steht ein falscher betrag
""",
    "kuendigung": """\
intent: kuendigung
description: Vertrag kündigen
queue: allgemein
examples:
  - ich möchte meinen vertrag kündigen
  - ich will kündigen
  - wie kann ich meinen anschluss kündigen
  - ich möchte nicht mehr kunde sein
  - zum nächstmöglichen termin kündigen bitte
  - ich will aus dem vertrag raus
""",
    "mitarbeiter": """\
intent: mitarbeiter
description: Möchte mit einem Menschen sprechen
queue: allgemein
examples:
  - ich will einen menschen sprechen
  - verbinden sie mich bitte mit einem mitarbeiter
  - kann ich mit einer echten person reden
  - mitarbeiter bitte
  - geben sie mir einen kundenberater
  - stellen sie mich zu einem mitarbeiter durch
""",
}
MINI_TESTS = """\
# Labelled phrases, worded apart from the examples.
- {say: "das internet ist andauernd weg", expect: {intent: stoerung}}
- {say: "seit heute früh ist das netz tot", expect: {intent: stoerung}}
- {say: "die letzte rechnung stimmt nicht", expect: {intent: rechnung}}
- {say: "warum habt ihr mir so viel abgebucht", expect: {intent: rechnung}}
- {say: "ich will den vertrag beenden", expect: {intent: kuendigung}}
- {say: "ich möchte die kündigung einreichen", expect: {intent: kuendigung}}
- {say: "ich möchte mit einem menschen reden", expect: {intent: mitarbeiter}}
- {say: "bitte einen echten mitarbeiter", expect: {intent: mitarbeiter}}
"""


def write_mini_tenant(intents_dir: Path, tenant_id: str = "testwelle") -> Path:
    """Writes the mini tenant as `intents_dir/<tenant_id>/` and returns the folder."""
    folder = intents_dir / tenant_id
    (folder / "tests").mkdir(parents=True)
    dialed = (
        "+49 800 1111111"
        if tenant_id == "testwelle"
        else f"+49 800 {zlib.crc32(tenant_id.encode()) % 10**7:07d}"
    )
    text = MINI_TENANT.replace("testwelle", tenant_id).replace("+49 800 1111111", dialed)
    (folder / "tenant.yaml").write_text(text, encoding="utf-8")
    for name, text in MINI_INTENTS.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    (folder / "tests" / "phrases.yaml").write_text(MINI_TESTS, encoding="utf-8")
    return folder


@dataclass
class Served:
    base_url: str
    settings: Settings
    server: Any


def serve(settings: Settings) -> tuple[Served, threading.Thread]:
    """create_app with agent, analytics and inbox routers on uvicorn (127.0.0.1, free port)."""
    import uvicorn

    from voicebot.server.app import create_app

    routers = ("voicebot.server.agent_api", "voicebot.server.analytics_api",
               "voicebot.server.inbox_api")  # fmt: skip
    app = create_app(settings, routers=routers)
    config = uvicorn.Config(
        app, host="127.0.0.1", port=free_port(), log_level="warning", lifespan="on",
        timeout_graceful_shutdown=1,
    )  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-analytics", daemon=True)
    thread.start()
    for _ in range(800):
        if server.started:
            break
        if not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.025)
    return Served(f"http://127.0.0.1:{config.port}", settings, server), thread


def stop(served: Served, thread: threading.Thread) -> None:
    served.server.should_exit = True
    thread.join(timeout=10)


def in_thread(coro: Any) -> Any:
    """Runs a coroutine in its own thread and loop (Playwright's sync API owns this one)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


async def add_token(settings: Settings, tenant: str, name: str = "pat") -> str:
    from voicebot.handoff.tokens import open_agent_tokens

    tokens = open_agent_tokens(settings)
    try:
        return (await tokens.add(tenant, name))[1]
    finally:
        await tokens.aclose()
