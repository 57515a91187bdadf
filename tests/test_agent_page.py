"""The /agent page in headless Chromium: log in, a call appears live, claim, read, close."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from tests.plugins.browser import ARTIFACTS
from tests.plugins.servers import AgentServer, make_context
from voicebot.handoff.store import QueueStore, open_queue_store
from voicebot.handoff.tokens import open_agent_tokens


def run(coro: object) -> object:
    """Runs store work in its own thread: Playwright's sync API owns this thread's loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()  # type: ignore[arg-type]


async def _add_token(server: AgentServer) -> str:
    tokens = open_agent_tokens(server.settings)
    try:
        return (await tokens.add("nordwelle", "anna"))[1]
    finally:
        await tokens.aclose()


async def _enqueue(
    server: AgentServer, call_id: str, queue: str, priority: str, **overrides: object
) -> None:
    store: QueueStore = open_queue_store(server.settings)
    try:
        ctx = make_context(call_id, queue=queue, priority=priority, **overrides)
        await store.enqueue(call_id, "nordwelle", queue, priority, ctx)
    finally:
        await store.aclose()


async def _call_state(server: AgentServer, call_id: str) -> tuple[str, str | None]:
    store = open_queue_store(server.settings)
    try:
        call = await store.get("nordwelle", call_id)
        return (call.state, call.result) if call else ("missing", None)
    finally:
        await store.aclose()


def test_an_agent_logs_in_sees_a_call_arrive_claims_reads_and_closes_it(
    agent_server: AgentServer, browser_page: object
) -> None:
    from playwright.sync_api import Page, expect

    page: Page = browser_page  # type: ignore[assignment]
    token = run(_add_token(agent_server))
    page.goto(f"{agent_server.base_url}/agent")
    page.get_by_label("Agent token").fill(token)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#who-name")).to_have_text("anna")
    expect(page.locator("#live-state")).to_have_text("live")
    expect(page.locator("#waiting-empty")).to_be_visible()

    run(_enqueue(agent_server, "call-page-0001", "stoerungsdienst", "normal"))
    run(
        _enqueue(
            agent_server,
            "call-page-0002",
            "beschwerde",
            "high",
            reason="intent",
            summary="Beschwerde über Techniker, Termin zweimal verpasst",
            intent={"id": "beschwerde", "confidence": 0.83, "alternatives": []},
            out_of_hours=True,  # the caller was told the team gets back to them
        )
    )
    rows = page.locator("#waiting-table tbody tr")
    expect(rows).to_have_count(2)  # arrived live over server-sent events, no reload
    expect(rows.first).to_contain_text("Beschwerde über Techniker")
    expect(rows.first.locator(".badge")).to_have_text("high")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "agent-waiting.png"), full_page=True)

    page.keyboard.press("n")  # claim next with the keyboard: the high-priority call first
    detail = page.locator("#call-detail")
    expect(detail).to_be_visible()
    expect(page.locator("#call-id")).to_have_text("call-page-0002")
    expect(page.locator("#call-concern")).to_contain_text("Call back")
    run(_enqueue(agent_server, "call-page-0003", "stoerungsdienst", "normal"))
    expect(rows).to_have_count(2)
    page.keyboard.press("Escape")
    page.locator("#tab-calls").focus()
    page.keyboard.press("n")  # one call at a time: N does nothing while a call is held
    expect(page.locator("#call-id")).to_have_text("call-page-0002")
    page.screenshot(path=str(ARTIFACTS / "agent-call.png"), full_page=True)

    page.get_by_role("button", name="Close call").click()  # the one call held closes
    expect(page.locator("#no-call")).to_be_visible()
    page.get_by_role("button", name="Claim next").click()
    expect(page.locator("#call-id")).to_have_text("call-page-0001")
    expect(page.locator("#call-customer")).to_contain_text("Erika Muster")
    expect(page.locator("#call-customer")).to_contain_text("40817253")
    expect(page.locator("#call-concern")).to_contain_text("stoerung (91 %)")
    expect(page.locator("#call-concern")).to_contain_text("rechnung (5 %)")
    expect(page.locator("#call-concern")).not_to_contain_text("Call back")
    expect(page.locator("#call-slots")).to_contain_text("customer number")
    expect(page.locator("#call-summary")).to_have_text(make_context("x")["summary"])
    transcript = page.locator("#call-transcript li")
    expect(transcript).to_have_count(3)
    expect(transcript.nth(1)).to_contain_text("mein internet geht seit gestern nicht")
    expect(transcript.nth(2)).to_contain_text("Keys")

    page.get_by_label("Follow-up needed").check()
    page.get_by_label("Note (optional)").fill("Techniker für Donnerstag gebucht")
    page.get_by_role("button", name="Close call").click()
    expect(page.locator("#no-call")).to_be_visible()
    assert run(_call_state(agent_server, "call-page-0001")) == ("closed", "follow_up")
    assert run(_call_state(agent_server, "call-page-0002")) == ("closed", "resolved")

    page.get_by_role("tab", name="Supervisor").click()
    stats_rows = page.locator("#stats-table tbody tr")
    expect(stats_rows.filter(has_text="Störungsdienst")).to_contain_text("1")
    expect(page.locator("#charts svg")).to_have_count(4)
    page.screenshot(path=str(ARTIFACTS / "agent-supervisor.png"), full_page=True)


def test_a_wrong_token_shows_a_readable_error(
    agent_server: AgentServer, browser_page: object
) -> None:
    from playwright.sync_api import Page, expect

    page: Page = browser_page  # type: ignore[assignment]
    page.goto(f"{agent_server.base_url}/agent")
    page.get_by_label("Agent token").fill("vb_000000000000_notarealtokennotarealtoken")
    page.keyboard.press("Enter")
    expect(page.locator("#login-error")).to_have_text("That token is not valid.")
