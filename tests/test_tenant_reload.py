"""Intent files edited while the server runs: a clean edit goes live for new calls, a broken
one is logged with its file and line and the last good version stays (README promise)."""

from __future__ import annotations

import asyncio
import logging
import shutil
from pathlib import Path

import pytest

from voicebot.dialog.textcall import CallServices, run_call, say
from voicebot.events import BotSpeech
from voicebot.nlu.loader import load_tenants
from voicebot.nlu.registry import TenantRegistry
from voicebot.server.live_calls import LiveCalls
from voicebot.settings import PROJECT_ROOT

OLD = "Willkommen beim Sonnhof Verbraucherservice."
NEW = "Hallo und herzlich willkommen bei Sonnhof."


async def _greeting(services: CallServices) -> str:
    record = await run_call("sonnhof", [say("tschüss")], services)
    return next(e.text for e in record.events if isinstance(e, BotSpeech))


async def _until(check, timeout_s: float = 20.0) -> None:
    async with asyncio.timeout(timeout_s):
        while not check():  # noqa: ASYNC110 (a file edit sets no event)
            await asyncio.sleep(0.05)


async def test_edited_intent_files_go_live_and_broken_edits_do_not(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    intents = tmp_path / "intents"
    shutil.copytree(PROJECT_ROOT / "intents" / "sonnhof", intents / "sonnhof")
    registry = TenantRegistry(intents, loaded_elsewhere=True)
    services = CallServices(load_tenants(intents))
    live = LiveCalls(services, decoder=None, prompts=None, tenant_files=registry)
    assert (await _greeting(services)).startswith(OLD)

    live.watch_tenant_files(interval_s=0.05)
    try:
        tenant_file = intents / "sonnhof" / "tenant.yaml"
        tenant_file.write_text(tenant_file.read_text().replace(OLD, NEW))
        await _until(lambda: services.tenants["sonnhof"].greeting.startswith(NEW))
        assert (await _greeting(services)).startswith(NEW)

        caplog.set_level(logging.ERROR, logger="voicebot.nlu.registry")
        broken = intents / "sonnhof" / "lob.yaml"
        broken.write_text(broken.read_text() + "\nexamples: [unclosed\n")
        await _until(lambda: any("lob.yaml" in r.getMessage() for r in caplog.records))
        message = next(r.getMessage() for r in caplog.records if "lob.yaml" in r.getMessage())
        assert "lob.yaml:" in message and "last good version stays" in message, message
        assert (await _greeting(services)).startswith(NEW)  # the last good version serves
    finally:
        live.close_watch()
