"""Handoffs outside the tenant's business hours (`business_hours` in tenant.yaml).

Nobody works a queue at night: instead of "Ich leite Sie weiter … Sie sind an Position 1" the
caller is told that the team is not there now, when it is, and that the concern is noted (with
the whole context, in the queue as always, marked `out_of_hours` so the team takes it first when
it starts). Urgent handoffs (priority `high`: a stolen card, a product that hurt someone) are put
through at any hour: those teams are on call.

The hours are read by the clock the call's services give (`CallServices.clock`; the server's is
the wall clock). Offline tools (text calls, `voicebot call`, replay) have none, so a recorded case
replays the same on a Sunday as on a Monday; `voicebot call --at` and a case's `at:` fix the
moment (`clock_at`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from voicebot.dialog.opening_hours import hours_text
from voicebot.dialog.prompts import Prompts
from voicebot.nlu.prompts import DEFAULT_PROMPTS

Clock = Callable[[], datetime]


def clock_at(moment: datetime, business_hours: object) -> Clock:
    """A clock standing at `moment`, read in the tenant's time zone unless it names one."""
    if moment.tzinfo is None:
        from zoneinfo import ZoneInfo

        zone = getattr(business_hours, "timezone", None) or "UTC"
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    return lambda: moment


def closed_for(business_hours: object, clock: Clock | None, priority: str) -> bool:
    """True when a handoff of this priority would wait for a team that is not there now."""
    if clock is None or business_hours is None or priority == "high":
        return False
    is_open = getattr(business_hours, "is_open", None)
    return is_open is not None and not is_open(clock())


def closed_announcement(
    prompts: Prompts,
    business_hours: object,
    parts: list[str],
    queue_name: str,
    *,
    caller_language: str | None,
    concern_known: bool,
    reachable: bool,
    now: datetime | None = None,
) -> list[str]:
    """What the caller hears instead of "Ich leite Sie weiter": "Leider ist gerade niemand für
    Sie erreichbar. Unser Team ist montags bis freitags von 8 bis 18 Uhr für Sie da. Ich habe Ihr
    Anliegen für das Qualitätsteam notiert; wir melden uns dann bei Ihnen." A caller without a
    number to call back (a browser call, a withheld number) is asked to call again in those
    hours; one whose concern the bot did not learn is not told it was noted; a caller of the
    other language (an English caller at a German hotline) hears it all in their language,
    instead of "I am putting you through to a colleague"."""
    said_in = prompts.language
    if caller_language and caller_language != said_in and caller_language in DEFAULT_PROMPTS:
        other = prompts.say("other_language")
        kept = [part for part in parts if part != other]
        hours = hours_text(business_hours, caller_language, now) or ""
        return [*kept, prompts.say("other_language_closed", hours=hours)]
    hours = hours_text(business_hours, said_in, now) or ""
    if not concern_known:
        key = "handoff_closed_unknown"
    else:
        key = "handoff_closed" if reachable else "handoff_closed_call_again"
    return [*parts, prompts.say(key, hours=hours, queue_name=queue_name)]
