"""A goodbye alone on the line while the bot collects what a concern needs ("Mein Internet ist
seit heute früh weg." - number asked - "Tschüss."): Whisper writes a lone "Tschüss." or "Bye."
on a silent line, and a caller in the middle of a concern rarely leaves with one bare word.
The first such turn is taken as silence (the question asked again); a second one, silence
after it, or any goodbye with more words ("ok, dann ruf ich später an, tschüss") ends the call
as before. The same holds at the greeting before the caller said anything ("Bye." there is the
silence before the first words). The survey does the same at its questions (survey.py).
"""

from __future__ import annotations

import re

from voicebot.dialog.state import CallState
from voicebot.dialog.words import fold

_LONE_GOODBYE = re.compile(
    r"^(?:tsch(?:ue|u)s+(?:i)?|tschau|ciao|(?:auf )?wieder(?:hoeren|sehen)|bye(?: bye)?|"
    r"good ?bye)$"
)


def doubted_goodbye(state: CallState, text: str) -> bool:
    """The turn is a bare goodbye where the bot asked for the customer number or a slot of a
    concern it holds, or at the greeting before the caller said anything, and no goodbye was
    doubted before in this call (then it is marked)."""
    asking = state.awaiting == "customer_number" or state.awaiting.startswith("slot:")
    mid_concern = asking and state.intent is not None
    if not (mid_concern or at_the_greeting(state)) or state.goodbye_doubted:
        return False
    if not is_lone_goodbye(text):
        return False
    state.goodbye_doubted = True
    return True


def at_the_greeting(state: CallState) -> bool:
    """The greeting asked and the caller has said nothing yet: nobody rings a hotline to say
    only "Bye." (Whisper's words for the silence before the caller speaks)."""
    said = any(ln.role == "caller" for ln in state.lines)
    return state.awaiting == "concern" and state.intent is None and not said


def is_lone_goodbye(text: str) -> bool:
    """ "Tschüss.", "Bye.", "Auf Wiederhören.": a goodbye and nothing else."""
    return bool(_LONE_GOODBYE.match(" ".join(fold(text).split())))


def left_after_goodbye(state: CallState) -> bool:
    """Silence after the doubted goodbye, nothing said since: the caller did leave."""
    said = [ln.text for ln in state.lines if ln.role == "caller"]
    return state.goodbye_doubted and bool(said) and is_lone_goodbye(said[-1])
