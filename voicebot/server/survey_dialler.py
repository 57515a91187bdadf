"""`voicebot survey dial`: an outbound survey calls its list over SIP through a PBX or trunk.

`plan_survey` decides whom to call before any model is loaded: the do-not-call list and the
numbers reached in an earlier run are left out. `dial_survey` then calls the rest one by one
(`dial_call_list`) while the tenant's calling hours allow, and stores each call's outcome and
answers. Every number of the list comes back as one `Dialled`: its stored call, or why it was
not called this time (nothing of that is stored, so a later run picks it up).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from aiosipua import SipDigestAuth

from voicebot.channels.sip import PbxRefused, SipServer
from voicebot.channels.sip_line import SipLine
from voicebot.dialog.survey_run import CallListEntry
from voicebot.dialog.survey_store import SurveyCall, SurveyStore, phone_key
from voicebot.privacy import mask
from voicebot.server.live_calls import LiveCalls
from voicebot.server.sip_service import SIP_RATE

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Dialled:
    """One number of a call list after a run: the call stored for it, or why it was not called.

    `skipped`: "" (called: see `call`), "hours" (the calling hours ended before its turn),
    "refused" (the PBX would not place our calls; `why` is its answer), "done" (reached in an
    earlier run, or rang out `attempts` times; `why` says which) or "broken" (answered, but the
    call failed on our side: logged, not stored, so the next run calls again)."""

    phone: str
    name: str
    call: SurveyCall | None = None
    skipped: str = ""
    why: str = ""


@dataclass
class DialPlan:
    """Whom a run calls (`to_dial`) and who is done already (`done`); `order`: the numbers not
    blocked, in the list's order."""

    to_dial: list[CallListEntry] = field(default_factory=list)
    done: list[Dialled] = field(default_factory=list)
    order: list[str] = field(default_factory=list)


@dataclass
class ListRun:
    """How `dial_call_list` went: number -> answered | no_answer | not_dialled | refused."""

    rang: dict[str, str]
    refusal: str = ""  # the PBX's answer when it refused to place our calls ("403 Forbidden")


def plan_survey(
    store: SurveyStore, tenant: str, entries: Sequence[CallListEntry], attempts: int
) -> DialPlan:
    """The numbers of `entries` still to call: not on the do-not-call list (left out silently,
    as `survey run` does) and not done in an earlier run (`already_reached`)."""
    blocked = store.opted_out(tenant)
    reached = already_reached(store, tenant, attempts)
    plan, listed = DialPlan(), set()
    for entry in entries:
        key = phone_key(entry.phone)
        if key in blocked:
            log.info("survey: %s is on the do-not-call list, not dialed", mask(entry.phone))
            continue
        if entry.phone in listed:  # a row listed twice: one call
            continue
        listed.add(entry.phone)
        plan.order.append(entry.phone)
        if key in reached:
            log.info("survey: %s not dialed again (%s)", mask(entry.phone), reached[key])
            plan.done.append(Dialled(entry.phone, entry.name, skipped="done", why=reached[key]))
        else:
            plan.to_dial.append(entry)
    return plan


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


async def dial_call_list(
    server: SipServer,
    tenant: str,
    numbers: Sequence[str],
    peer: tuple[str, int],
    ring_s: float = 30.0,
    may_dial: Callable[[], bool] = lambda: True,
) -> ListRun:
    """Calls each number in turn through `peer` (a PBX or trunk) while `may_dial()` (the
    calling hours) allows it. What was said is in the live runner's records. Once the PBX
    refuses to place calls for us (no or wrong credentials), that number and the rest are
    `refused`: they would be refused too."""
    run = ListRun(rang={})
    for number in numbers:
        if run.refusal or not may_dial():
            run.rang[number] = "refused" if run.refusal else "not_dialled"
            continue
        try:
            answered = await server.call_out(number, tenant, peer, timeout_s=ring_s)
        except PbxRefused as exc:
            log.warning("the PBX at %s:%d refused to place calls: %s", *peer, exc)
            run.refusal, run.rang[number] = str(exc), "refused"
            continue
        run.rang[number] = "answered" if answered else "no_answer"
    return run


async def dial_survey(
    live: LiveCalls,
    store: SurveyStore,
    tenant: str,
    plan: DialPlan,
    via: tuple[str, int],
    listen: tuple[str, int] = ("127.0.0.1", 0),
    ring_s: float = 30.0,
    may_dial: Callable[[], bool] = lambda: True,
    auth: SipDigestAuth | None = None,
) -> list[Dialled]:
    """A SIP user agent on `listen` calls `plan.to_dial` through `via` with `dial_call_list`;
    each answered call's outcome and answers go into the survey store, a number that does not
    pick up is stored as `no_answer`. Numbers left because the hours ended or the PBX refused
    are returned, not stored. `auth`: our account at the PBX. Results in the list's order, the
    plan's `done` numbers among them."""
    names = {entry.phone: entry.name for entry in plan.to_dial}
    stored: dict[str, SurveyCall] = {}

    async def on_call(line: SipLine) -> None:
        dialog = live.services.dialog_stage()
        await live.run(line, SIP_RATE, dialog=dialog)
        phone = line.started.dialed or ""
        stored[phone] = _stored(
            store, line.call_id, tenant, phone, names.get(phone, ""), dialog.dialog
        )

    server = SipServer(listen[0], listen[1], tenant_for=live.tenant_for, on_call=on_call,
                       auth=auth)  # fmt: skip
    await server.start()
    try:
        run = await dial_call_list(server, tenant, list(names), via, ring_s, may_dial)
    finally:
        await server.stop()
    results = {dialled.phone: dialled for dialled in plan.done}
    for phone, how in run.rang.items():
        if how == "no_answer":
            stored[phone] = _stored(
                store, f"sip-{uuid.uuid4().hex[:12]}", tenant, phone, names[phone], None
            )
        if phone in stored:
            results[phone] = Dialled(phone, names[phone], call=stored[phone])
        elif how == "refused":
            results[phone] = Dialled(phone, names[phone], skipped="refused", why=run.refusal)
        elif how == "not_dialled":
            results[phone] = Dialled(phone, names[phone], skipped="hours")
        else:  # answered, but the call broke off before its dialog ended: nothing stored
            results[phone] = Dialled(phone, names[phone], skipped="broken")
    return [results[phone] for phone in plan.order if phone in results]


def _stored(
    store: SurveyStore, call_id: str, tenant: str, phone: str, name: str, dialog: object
) -> SurveyCall:
    """One survey call as stored: the dialog's outcome and answers (no dialog: no answer)."""
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
