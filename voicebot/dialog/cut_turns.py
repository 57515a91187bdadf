"""A caller turn the recogniser cut in two at a pause.

Whisper's voice-activity filter ends a turn where the caller pauses for breath: "my card" …
"was declined at the shop". The first half names no concern; the bot asks about its best guess
("Is it about a lost or stolen card?"), and the second half, read alone, is another concern
("was declined at the shop": a declined transfer). Read together, the two halves say what the
caller means.
"""

from __future__ import annotations

import re

from voicebot.dialog.intent_choice import is_new_concern, is_own_concern
from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import ANSWER_WORDS, fold, fold_spoken, yes_or_no
from voicebot.events import Intent

HALF_TURN_WORDS = 3  # a first half is this short: "my card", "Ich möchte meine"


def continued_turn(
    tenant: TenantView, state: CallState, text: str, like: Intent
) -> tuple[str, Intent] | None:
    """The caller's last two turns read as one, with its concern, when the one before was a
    short half that named no concern, and this one answers no yes or no but goes on with it;
    None otherwise."""
    before = _turn_before(state, text)
    if before is None:
        return None
    words = fold(before).split()
    if not words or len(words) > HALF_TURN_WORDS or set(words) <= ANSWER_WORDS:
        return None
    if yes_or_no(text, tenant.language) is not None or fold(text).split()[:1] == words[:1]:
        return None  # ("my card" - "my card was declined": said anew, read as it is)
    if is_new_concern(tenant, tenant.classify(before, like)):
        return None
    return _read_as_one(tenant, before, text, like)


# A half yes, then what the caller's first words meant, said of "it": "its about my card" - "Is it
# about a lost or stolen card?" - "yes kind of, its been declined" (read alone: a declined
# transfer; with the card: a declined card payment)
_HALF_YES = re.compile(
    r"^(?:(?:well|um|uh|er|erm|oh)\s+)*(?:(?:yes|yeah|yep)\s+)?(?:kind of|kinda|sort of|"
    r"sorta|partly|in a way|more or less|something like that)\b\s*(?:but\s+)?"
)
_OF_IT = re.compile(r"^(?:it s|its|it is|it was|it has|it got|it keeps|it won t|it doesn t|it)\b")
HALF_YES_BEFORE_WORDS = 6  # the first turn this short: "its about my card"


def refined_after_half_yes(
    tenant: TenantView, state: CallState, text: str, like: Intent
) -> tuple[str, Intent] | None:
    """The caller's short first turn and what a half yes goes on to say of it, read as one,
    with its concern (see above); None otherwise."""
    if tenant.language[:2] != "en":
        return None
    before = _turn_before(state, text)
    if before is None:
        return None
    said = fold_spoken(text)
    half = _HALF_YES.match(said)
    rest = said[half.end() :] if half else ""
    if not rest or not _OF_IT.match(rest) or len(before.split()) > HALF_YES_BEFORE_WORDS:
        return None
    return _read_as_one(tenant, before, rest, like)


# A no that takes back one word of the guess and says what it was instead: "its about my card" -
# "Is it about a lost or stolen card?" - "no its not lost, its been stolen" (read alone: a lost
# or stolen phone; with the card: a stolen card)
_NOT_THE_WORD = re.compile(
    r"^(?:(?:no|nope|nah|well|um|uh)\s+)+(?:(?:it s|its|it is|it was|it)\s+)?(?:not|wasn t|isn t)"
    r"\s+(\w+)\s+(?:but\s+)?(.+)$"
)


def corrected_word_of_guess(
    tenant: TenantView, state: CallState, text: str, like: Intent
) -> tuple[str, Intent] | None:
    """The caller's short first turn and what a no says instead of a word of the guess, read
    as one, with its concern (see above); None otherwise (the word not the guess's own)."""
    candidate = state.candidate
    if tenant.language[:2] != "en" or candidate is None:
        return None
    before = _turn_before(state, text)
    if before is None:
        return None
    found = _NOT_THE_WORD.match(fold_spoken(text))
    if found is None or len(before.split()) > HALF_YES_BEFORE_WORDS:
        return None
    word, rest = found.groups()
    if word not in fold(candidate.topic).split() or word in rest.split():
        return None
    return _read_as_one(tenant, before, rest, like)


def _turn_before(state: CallState, text: str) -> str | None:
    """The caller's turn before `text`, when `text` is the caller's latest turn."""
    callers = [line.text for line in state.lines if line.role == "caller"]
    return callers[-2] if len(callers) >= 2 and callers[-1] == text else None


def _read_as_one(
    tenant: TenantView, before: str, rest: str, like: Intent
) -> tuple[str, Intent] | None:
    """The turn before and what the caller says now, read as one turn, when that names a
    concern of the tenant's own."""
    joined = f"{before.rstrip(' .,…')} {rest}"
    read = tenant.classify(joined, like)
    return (joined, read) if is_own_concern(tenant, read) else None
