"""The /call page in headless Chromium: a fake microphone (a WAV) calls nordwelle for real."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from tests.plugins.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, chromium_installed
from tests.test_websocket_calls import CallServer, call_server  # noqa: F401 (fixture)
from voicebot.audio.wav import write_wav

pytestmark = pytest.mark.skipif(not chromium_installed(), reason="chromium not installed")


def chromium_args(microphone: Path) -> list[str]:
    return [
        *CHROMIUM_ARGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={microphone}",
        "--autoplay-policy=no-user-gesture-required",
    ]


async def test_a_browser_call_shows_the_transcript_and_the_handoff(
    call_server: CallServer,  # noqa: F811
    say_pico: Callable[..., bytes],
    tmp_path: Path,
) -> None:
    from playwright.async_api import async_playwright

    words = np.frombuffer(
        say_pico("Ich möchte bitte mit einem Mitarbeiter sprechen.", "de", 16000), dtype="<i2"
    )
    pause = np.zeros(16000, dtype=np.int16)
    microphone = write_wav(
        tmp_path / "caller.wav", np.concatenate([pause, words, pause, pause, pause]), 16000
    )
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=chromium_args(microphone))
        page = await browser.new_page(viewport={"width": 1000, "height": 720})
        console: list[str] = []
        page.on("console", lambda msg: console.append(msg.text))
        page.on("pageerror", lambda err: console.append(str(err)))
        await page.goto(f"{call_server.http}/call")
        await page.wait_for_selector("#line option", state="attached")
        await page.select_option("#line", "+49 800 6673935")
        await page.click("#call")
        try:
            await page.wait_for_selector("#handoff:not([hidden])", timeout=90_000)
        finally:
            ARTIFACTS.mkdir(exist_ok=True)
            await page.screenshot(path=str(ARTIFACTS / "call-page.png"), full_page=True)
            levels = await page.evaluate(
                "[voicebotCall.peak, voicebotCall.sent, "
                "voicebotCall.ctx && voicebotCall.ctx.sampleRate]"
            )
            print("status:", await page.inner_text("#status"), "console:", console, levels)
        caller_lines = await page.locator("#transcript li.caller").all_inner_texts()
        bot_lines = await page.locator("#transcript li.bot").all_inner_texts()
        handoff = await page.inner_text("#handoff")
        await browser.close()
    assert any("arbeiter" in line.lower() for line in caller_lines), caller_lines
    assert "Nordwelle" in bot_lines[0]
    assert "allgemein" in handoff


def test_chromium_is_the_system_one() -> None:
    assert shutil.which("chromium") == CHROMIUM
