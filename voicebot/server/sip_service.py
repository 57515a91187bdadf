"""SIP for `voicebot serve --sip HOST:PORT`: softphones and PBXs call the bot; surveys dial out.

The serve command puts the address on `app.state.sip_listen`; this module's lifespan then
loads the live-call runner and answers on that UDP address (RTP on ports from 20000 up on the
same host). Each call runs like any live call, with the bot speaking at 8 kHz.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Callable, Sequence

from aiosipua import SipDigestAuth
from fastapi import APIRouter, FastAPI

from voicebot.channels.sip import PbxRefused, SipServer, sip_account
from voicebot.channels.sip_line import SipLine
from voicebot.dialog.survey_run import CallListEntry
from voicebot.dialog.survey_store import SurveyCall, SurveyStore, phone_key
from voicebot.errors import UserError
from voicebot.privacy import mask
from voicebot.server.live_calls import LiveCalls, live_calls_for

log = logging.getLogger(__name__)
router = APIRouter()  # no HTTP endpoints: SIP has its own socket
SIP_RATE = 8000
UNREGISTER_WAIT_S = 1.0


def parse_listen(address: str, flag: str = "--sip") -> tuple[str, int]:
    """`127.0.0.1:5060` -> ("127.0.0.1", 5060); UserError naming the flag and fix otherwise."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise UserError(f"{flag} {address!r}: give HOST:PORT, e.g. {flag} 127.0.0.1:5060")
    return host, int(port)


def sip_server_for(live: LiveCalls, host: str, port: int) -> SipServer:
    """A SIP server whose calls run through `live` (dialed number -> tenant)."""

    async def on_call(line: SipLine) -> None:
        await live.run(line, SIP_RATE)

    return SipServer(host, port, tenant_for=live.tenant_for, on_call=on_call)


async def dial_call_list(
    server: SipServer,
    tenant: str,
    numbers: Sequence[str],
    peer: tuple[str, int],
    ring_s: float = 30.0,
    may_dial: Callable[[], bool] = lambda: True,
) -> dict[str, str]:
    """Outbound survey run: calls each number in turn through `peer` (a PBX or trunk), while
    `may_dial()` (the calling hours) allows it.

    Returns number -> `answered`, `no_answer` or `not_dialled` (the calling hours ended before
    its turn); what was said is in the live runner's records. When the PBX refuses to place
    calls for us (no or wrong credentials) that number and the rest are `refused 407 …`.
    """
    results: dict[str, str] = {}
    refused = ""
    for number in numbers:
        if refused or not may_dial():
            results[number] = refused or "not_dialled"
            continue
        try:
            answered = await server.call_out(number, tenant, peer, timeout_s=ring_s)
        except PbxRefused as exc:
            log.warning("the PBX at %s:%d refused to place calls: %s", *peer, exc)
            refused = results[number] = f"refused {exc}"
            continue
        results[number] = "answered" if answered else "no_answer"
    return results


async def dial_survey(
    live: LiveCalls,
    store: SurveyStore,
    tenant: str,
    entries: Sequence[CallListEntry],
    via: tuple[str, int],
    listen: tuple[str, int] = ("127.0.0.1", 0),
    ring_s: float = 30.0,
    may_dial: Callable[[], bool] = lambda: True,
    auth: SipDigestAuth | None = None,
    attempts: int = 3,
) -> list[SurveyCall]:
    """`voicebot survey dial`: a SIP user agent on `listen` calls the list through `via` (a PBX
    or trunk) with `dial_call_list`; each call's outcome and answers go into the survey store,
    a number that does not pick up is stored as `no_answer`. Once `may_dial()` says no (the
    calling hours are over) the rest is left for another run: returned as `not_dialled`, not
    stored; so are the numbers the PBX refused to call (`refused …`). A list dialled again
    skips the numbers already reached and those that did not answer `attempts` times (`done
    …`, not stored again). `auth`: our account at the PBX. Results in the list's order."""
    blocked = store.opted_out(tenant)  # the do-not-call list: never dialed again
    reached = already_reached(store, tenant, attempts)  # a list run again: only the others
    names = {e.phone: e.name for e in entries if phone_key(e.phone) not in blocked | reached.keys()}
    results: list[SurveyCall] = []
    for entry in entries:
        if phone_key(entry.phone) in blocked:
            log.info("survey: %s is on the do-not-call list, not dialed", mask(entry.phone))
        elif (why := reached.get(phone_key(entry.phone))) is not None:
            log.info("survey: %s not dialed again (%s)", mask(entry.phone), why)
            results.append(SurveyCall("", tenant, entry.phone, entry.name, f"done {why}", "", {}))

    async def on_call(line: SipLine) -> None:
        dialog = live.services.dialog_stage()
        await live.run(line, SIP_RATE, dialog=dialog)
        phone = line.started.dialed or ""
        done = _stored(store, line.call_id, tenant, phone, names.get(phone, ""), dialog.dialog)
        results.append(done)

    server = SipServer(listen[0], listen[1], tenant_for=live.tenant_for, on_call=on_call,
                       auth=auth)  # fmt: skip
    await server.start()
    try:
        rang = await dial_call_list(server, tenant, list(names), via, ring_s, may_dial)
    finally:
        await server.stop()
    for phone in (phone for phone, how in rang.items() if how == "no_answer"):
        call_id = f"sip-{uuid.uuid4().hex[:12]}"
        results.append(_stored(store, call_id, tenant, phone, names[phone], None))
    for phone, how in rang.items():  # left for another run: not stored
        if how == "not_dialled" or how.startswith("refused"):
            results.append(SurveyCall("", tenant, phone, names[phone], how, "", {}))
    order = {phone: index for index, phone in enumerate(names)}
    return sorted(results, key=lambda done: order.get(done.phone, len(order)))


def already_reached(store: SurveyStore, tenant: str, attempts: int) -> dict[str, str]:
    """Numbers (as phone_key) not to dial again, with why: a call that was answered (whatever
    its outcome: answered, declined, hung up), or `attempts` calls that were not."""
    unanswered: dict[str, int] = {}
    done: dict[str, str] = {}
    for call in store.calls(tenant):
        key = phone_key(call.phone)
        if call.outcome != "no_answer":
            done[key] = f"reached before: {call.outcome}"
        else:
            unanswered[key] = unanswered.get(key, 0) + 1
    for key, count in unanswered.items():
        if key not in done and count >= attempts:
            done[key] = f"no answer {count} times"
    return done


def _stored(
    store: SurveyStore, call_id: str, tenant: str, phone: str, name: str, dialog: object
) -> SurveyCall:
    """One survey call as stored: the dialog's outcome and answers (no dialog: no answer)."""
    from datetime import datetime

    done = SurveyCall(
        call_id=call_id,
        tenant=tenant,
        phone=phone,
        name=name,
        outcome=str(getattr(dialog, "outcome", "no_answer")),
        called_at=datetime.now().astimezone().isoformat(timespec="seconds"),
        answers=dict(getattr(dialog, "answers", {})),
        opted_out=bool(getattr(dialog, "opted_out", False)),
    )
    store.save(done)
    log.info("survey call %s to %s: %s", call_id, mask(phone), done.outcome)
    return done


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Starts SIP when `app.state.sip_listen` is set (models are loaded first); registers at the
    PBX on `app.state.sip_register` (HOST:PORT) when set, and unregisters at the end."""
    listen = getattr(app.state, "sip_listen", None)
    if not listen:
        yield
        return
    host, port = parse_listen(listen)
    live = await live_calls_for(app)
    server = sip_server_for(live, host, port)
    await server.start()
    app.state.sip_server = server
    app.state.sip_loop = asyncio.get_running_loop()  # outbound runs are scheduled on it
    registration = None
    if registrar := getattr(app.state, "sip_register", ""):
        from voicebot.channels.sip_registration import register_at

        account = sip_account(app.state.settings)
        registration = register_at(server, parse_listen(registrar, "--register"), account)
    try:
        yield
    finally:
        if registration is not None:
            registration.unregister()
            await asyncio.sleep(UNREGISTER_WAIT_S)  # its answer (or challenge) comes back
        await server.stop()
