"""What the parts of the inbound dialog share: `InboundDialog` (dialog/engine.py) is made of
turn handlers in base classes of their own (yes/no answers, the customer number, slots, keys),
which read the dialog's tenant, prompts, state, reply and steps and call each other's handlers
through `self`; the concern steps (concern_steps.py) get the dialog as their first argument. This
base class declares those for the type checker, once; it adds nothing at run time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from voicebot.dialog.answering import IntentSteps
    from voicebot.dialog.prompts import Prompts
    from voicebot.dialog.reply import BotReply
    from voicebot.dialog.state import CallState
    from voicebot.dialog.tenant_view import TenantView
    from voicebot.events import Intent


class DialogParts:
    """The attributes and handlers InboundDialog provides to its turn handlers."""

    tenant: TenantView
    prompts: Prompts
    state: CallState
    reply: BotReply
    steps: IntentSteps

    if TYPE_CHECKING:

        def _on_concern(
            self, text: str, intent: Intent, value: str | None, before: Sequence[str] = ()
        ) -> None: ...
        def _on_yes_no(
            self, awaiting: str, text: str, intent: Intent, value: str | None
        ) -> None: ...
        def _on_slot(self, slot: str, text: str, intent: Intent, value: str | None) -> None: ...
        def _on_customer_number(self, text: str, intent: Intent, value: str | None) -> None: ...
        def _number_corrected(self, text: str, value: str | None, intent: Intent) -> bool: ...
        def _continue(self, parts: list[str]) -> None: ...
        def _ask_confirmation(self, parts: list[str]) -> None: ...
        def _urgent(self, event: Intent) -> bool: ...
        def _wait(self) -> None: ...
        def _taken_back(self) -> None: ...
        def _repeat(self) -> None: ...
