"""A caller turn the recogniser cut in two at a pause.

Whisper's voice-activity filter ends a turn where the caller pauses for breath: "my card" …
"was declined at the shop". The first half names no concern; the bot asks about its best guess
("Is it about a lost or stolen card?"), and the second half, read alone, is another concern
("was declined at the shop": a declined transfer). Read together, the two halves say what the
caller means.
"""

from __future__ import annotations

from voicebot.dialog.intent_choice import is_new_concern, is_own_concern
from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import ANSWER_WORDS, fold, yes_or_no
from voicebot.events import Intent

HALF_TURN_WORDS = 3  # a first half is this short: "my card", "Ich möchte meine"


def continued_turn(
    tenant: TenantView, state: CallState, text: str, like: Intent
) -> tuple[str, Intent] | None:
    """The caller's last two turns read as one, with its concern, when the one before was a
    short half that named no concern, and this one answers no yes or no but goes on with it;
    None otherwise."""
    callers = [line.text for line in state.lines if line.role == "caller"]
    if len(callers) < 2 or callers[-1] != text:
        return None
    before = callers[-2]
    words = fold(before).split()
    if not words or len(words) > HALF_TURN_WORDS or set(words) <= ANSWER_WORDS:
        return None
    if yes_or_no(text, tenant.language) is not None or fold(text).split()[:1] == words[:1]:
        return None  # ("my card" - "my card was declined": said anew, read as it is)
    if is_new_concern(tenant, tenant.classify(before, like)):
        return None
    joined = f"{before.rstrip(' .,…')} {text}"
    read = tenant.classify(joined, like)
    return (joined, read) if is_own_concern(tenant, read) else None
