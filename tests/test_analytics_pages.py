"""/analytics and /inbox on a real server: tenant isolation over HTTP, pages in headless Chromium.

Screenshots: test-artifacts/analytics.png, inbox.png, inbox-assigned.png.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.plugins.browser import ARTIFACTS
from tests.test_analytics_support import (
    Call,
    add_token,
    in_thread,
    serve,
    six_calls,
    stop,
    write_mini_tenant,
)
from tests.test_inbox import NUMBER_PORTING, inbox_calls
from voicebot.analytics.derive import record_from_events
from voicebot.analytics.store import open_call_record_store
from voicebot.nlu.loader import load_tenant
from voicebot.nlu.understand import TenantNLU
from voicebot.settings import PROJECT_ROOT, Settings

SECRET = "zweitwelle geheimes anliegen zum testen"


async def _fill(settings: Settings) -> dict[str, str]:
    """Six calls and the inbox calls for testwelle, one call for zweitwelle; a token each."""
    store = open_call_record_store(settings)
    now = time.time()
    try:
        for i, events in enumerate(six_calls("testwelle")):
            await store.add(record_from_events(events, started_at=now - 7200 + i))
        for record in inbox_calls("testwelle"):
            await store.add(replace(record, started_at=now - 3600))
        other = (
            Call("z-1", tenant="zweitwelle").bot(0, "Hallo")
            .caller(500, 2500, SECRET, None, 0.2).bot(3000, "Wie bitte?").hangup(4000, "caller")
        )  # fmt: skip
        await store.add(record_from_events(other.events, started_at=now - 60))
    finally:
        await store.aclose()
    await _fill_survey(settings)
    return {t: await add_token(settings, t) for t in ("testwelle", "zweitwelle", "marktblick")}


async def _fill_survey(settings: Settings) -> None:
    """Three marktblick survey calls: ratings 4, 2, 5; recommend ja, nein, ja; two comments."""
    tenant, _ = load_tenant(settings.intents_dir / "marktblick")
    survey = tenant.survey
    q1, q2, q3 = survey.questions
    answers = [("vier", "ja", "schnelleres internet"), ("zwei", "nein", "weniger ausfälle"),
               ("fünf", "ja", "")]  # fmt: skip
    store = open_call_record_store(settings)
    try:
        for i, (rating, recommend, comment) in enumerate(answers):
            call = Call(f"s-{i}", tenant="marktblick").bot(0, f"{survey.intro} {survey.consent}")
            call.caller(9000, 9500, "ja gerne", None, 0.1).bot(9800, q1.prompt, expect="rating")
            call.caller(13000, 13500, rating, None, 0.1).bot(13800, q2.prompt, expect="yesno")
            call.caller(16000, 16400, recommend, None, 0.1).bot(16700, q3.prompt)
            if comment:
                call.caller(19000, 21000, comment, None, 0.1)
            call.bot(21300, survey.thanks, listen=False).hangup(21300, "bot", "resolved")
            record = record_from_events(call.events, tenant=tenant, started_at=time.time() - 600)
            await store.add(record)
    finally:
        await store.aclose()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Any, dict[str, str]]]:
    """The app with two mini tenants and their calls; yields (served, tokens)."""
    settings = Settings(data_dir=tmp_path / "var", intents_dir=tmp_path / "intents")
    write_mini_tenant(settings.intents_dir, "testwelle")
    write_mini_tenant(settings.intents_dir, "zweitwelle")
    shutil.copytree(PROJECT_ROOT / "intents" / "marktblick", settings.intents_dir / "marktblick")
    tokens = asyncio.run(_fill(settings))
    served, thread = serve(settings)
    yield served, tokens
    stop(served, thread)


def _get(served: Any, path: str, token: str | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.get(served.base_url + path, headers=headers, timeout=120)


def test_one_tenants_token_never_sees_another_tenants_analytics_or_inbox(server):
    served, tokens = server
    mine = _get(served, "/api/analytics?since=7d", tokens["testwelle"]).json()
    theirs = _get(served, "/api/analytics?since=7d", tokens["zweitwelle"]).json()
    assert (mine["tenant"], mine["calls"]) == ("testwelle", 6 + 11)
    assert (theirs["tenant"], theirs["calls"]) == ("zweitwelle", 1)
    for query in ("?tenant=testwelle", "?since=7d&tenant=testwelle"):  # no way to ask for another
        assert _get(served, "/api/analytics" + query, tokens["zweitwelle"]).json()["calls"] == 1
    inbox = _get(served, "/api/inbox", tokens["zweitwelle"]).json()
    assert [u["text"] for g in inbox["groups"] for u in g["utterances"]] == [SECRET]
    testwelle_inbox = _get(served, "/api/inbox", tokens["testwelle"]).json()
    assert SECRET not in str(testwelle_inbox)
    stolen = httpx.post(
        served.base_url + "/api/inbox/assign",
        json={"group": testwelle_inbox["groups"][0]["id"], "intent": "kuendigung"},
        headers={"Authorization": f"Bearer {tokens['zweitwelle']}"},
        timeout=120,
    )
    assert stolen.status_code == 400 and "not in the inbox of zweitwelle" in stolen.json()["detail"]
    for path in ("/api/analytics", "/api/inbox"):
        assert _get(served, path, None).status_code == 401
        assert _get(served, path, "vb_000000000000_notarealtoken000000000").status_code == 401
    assert _get(served, "/api/analytics?since=soon", tokens["testwelle"]).status_code == 400


def _log_in(page: Any, url: str, token: str) -> None:
    page.goto(url)
    page.get_by_label("Agent token of your tenant").fill(token)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector("body[data-loaded=yes]")


def test_analytics_page_shows_the_figures_as_charts(server, browser_page):
    from playwright.sync_api import expect

    served, tokens = server
    page = browser_page
    _log_in(page, served.base_url + "/analytics", tokens["testwelle"])
    expect(page.locator("#kpi-calls .value")).to_have_text("17")
    expect(page.locator("#kpi-handoffs .value")).to_have_text("4")
    expect(page.locator("#kpi-containment .value")).to_have_text("5.9 %")  # 1 of 17
    reasons = page.locator("#chart-reasons rect")
    expect(reasons).to_have_count(5)
    values = {r.get_attribute("data-label"): r.get_attribute("data-value") for r in reasons.all()}
    assert values == {"intent": "1", "asked for a person": "1", "not understood": "1",
                      "no input": "0", "error": "1"}  # fmt: skip
    expect(page.locator("#chart-queues rect")).to_have_count(2)
    expect(page.locator("#chart-daily svg")).to_be_visible()
    expect(page.locator("#chart-latency rect")).to_have_count(2)
    expect(page.locator("#survey-card")).to_be_hidden()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "analytics.png"), full_page=True)
    page.goto(served.base_url + "/analytics")  # the session cookie keeps the agent logged in
    expect(page.locator("#kpi-calls .value")).to_have_text("17")


def test_a_survey_tenant_sees_its_results_as_charts(server, browser_page):
    from playwright.sync_api import expect

    served, tokens = server
    page = browser_page
    _log_in(page, served.base_url + "/analytics", tokens["marktblick"])
    expect(page.locator("#kpi-calls .value")).to_have_text("3")
    card = page.locator("#survey-card")
    expect(card).to_be_visible()
    expect(card).to_contain_text("zufriedenheit (3 answers), mean 3.67")
    expect(card).to_contain_text("weiterempfehlung (3 answers), yes 66.7 %")
    expect(card.locator("li")).to_have_count(2)
    ratings = card.locator("svg").first.locator("rect")
    assert [r.get_attribute("data-value") for r in ratings.all()] == ["0", "1", "0", "1", "1"]
    card.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "analytics-survey.png"), full_page=True)


def test_inbox_page_assigns_a_group_and_shows_accuracy_before_and_after(
    server,
    browser_page,
):
    from playwright.sync_api import expect

    served, tokens = server
    page = browser_page
    _log_in(page, served.base_url + "/inbox", tokens["testwelle"])
    first = page.locator("section.group").first
    # the five porting phrasings, and call-3 of six_calls said it twice more in its own words
    expect(first.locator("li")).to_have_count(len(NUMBER_PORTING) + 2)
    expect(first).to_contain_text("die nummer soll zum neuen anbieter")
    expect(page.locator("#groups")).to_contain_text("******53")
    assert not re.search(r"\d{5,}", page.locator("#groups").inner_text())
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "inbox.png"), full_page=True)
    first.get_by_label("Assign to intent").fill("rufnummer_mitnahme")
    first.get_by_role("button", name="Assign").click()
    status = first.locator(".result")
    expect(status).to_contain_text("New intent")
    expect(status).to_contain_text("accuracy on 8 test phrases: 100.0 % → 100.0 %")
    page.screenshot(path=str(ARTIFACTS / "inbox-assigned.png"), full_page=True)
    folder = served.settings.intents_dir / "testwelle"
    tenant, problems = in_thread(_load(folder))
    assert problems == [] and "rufnummer_mitnahme" in tenant.intents
    page.reload()
    page.wait_for_selector("body[data-loaded=yes]")
    expect(page.locator("#groups")).not_to_contain_text(NUMBER_PORTING[0])


async def _load(folder: Path) -> tuple[Any, list[Any]]:
    tenant, problems = load_tenant(folder)
    if tenant is not None:
        TenantNLU(tenant)  # the retrained classifier loads
    return tenant, problems
