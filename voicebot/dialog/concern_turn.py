"""A caller's turn at the open question ("Wie kann ich Ihnen helfen?") as the concern steps
(concern_steps.py) read it: each step either rewrites the turn (what is meant, which concern it
says) or answers the caller and ends it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from voicebot.dialog.concern_class import ClassRead
    from voicebot.dialog.dialog_parts import DialogParts
    from voicebot.events import Intent


@dataclass(slots=True)
class ConcernTurn:
    """What the steps so far have read of one turn; later steps see what earlier ones wrote."""

    text: str  # the words; cut to what is meant by some steps (a correction, "no number")
    intent: Intent  # the concern as read so far
    value: str | None  # digits keyed or recognised beside the words
    parts: list[str]  # said before the answer (a name corrected to, thanks, "customer_skipped")
    number_asked: bool = False  # the customer number is still needed
    number: str | None = None  # the customer number said in the turn (read only when asked)
    sure: bool = False  # the concern is sure enough to be taken as a new one
    said_apart: list[tuple[Intent, str]] = field(default_factory=list)  # concerns in clauses
    talked_about: str | None = None  # the call's product before this turn
    sentences: list[str] = field(default_factory=list)  # the turn cut at sentence marks
    pieces: list[Intent] = field(default_factory=list)  # each sentence's concern (2 or more)
    klass: ClassRead | None = None  # a contract hotline's concern read by its class
    found: bool | None = None  # the number said identified the caller (None: no number)


# A step reads the turn with the dialog's tenant, state and reply. True: it answered the caller
# and the turn ends; None or False: the next step reads on.
ConcernStep = Callable[["DialogParts", ConcernTurn], bool | None]
