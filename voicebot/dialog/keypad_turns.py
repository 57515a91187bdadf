"""Keys the caller presses: a number keyed digit by digit and ended with # or a pause, * to
start again, 0 for a person, 1/2 for yes/no, and a key of the keypad menu. `KeypadTurns` is the
part of InboundDialog (dialog/engine.py) that reads them; a keyed number goes where a said one
would (the customer number, a slot, the yes/no question).
"""

from __future__ import annotations

from dataclasses import replace

from voicebot.dialog.dialog_parts import DialogParts
from voicebot.dialog.identify import identify, needs_identity
from voicebot.dialog.intent_choice import reset_concern, set_intent
from voicebot.dialog.recovery import no_match
from voicebot.dialog.state import Line
from voicebot.events import Dtmf, Intent


class KeypadTurns(DialogParts):
    """The caller's keys (mixed into InboundDialog)."""

    def _keyed(self, event: Dtmf) -> None:
        state = self.state
        state.listening_since_ms = None
        last = state.lines[-1] if state.lines else None
        if last is not None and last.role == "dtmf" and not last.text.endswith("#"):
            state.lines[-1] = replace(last, text=last.text + event.key)  # one entry per number
        else:
            state.lines.append(Line("dtmf", event.key, event.at_ms))
        if state.awaiting == "menu" and event.key not in "#*":
            self._menu_key(event.key)
        elif event.key == "*":  # keys so far cleared; the question stands
            state.keys, state.listening_since_ms = "", event.at_ms
        elif event.key == "#":
            self._keys_done()
        else:
            state.keys += event.key
            state.last_key_ms = event.at_ms

    def _keys_done(self) -> None:
        """A keyed number ended with # or the inter-digit timeout."""
        state = self.state
        state.number_asked_again = False
        digits, state.keys = state.keys, ""
        if not digits:  # "#" alone: the question once more (the call fell silent before)
            self._repeat()
            return
        nothing = Intent(call_id=state.call_id, at_ms=state.now_ms, name=None, confidence=0.0)
        if digits == "0" and state.awaiting == "offer_agent":
            self.reply.handoff_for_intent([], reason="intent")  # the person offered
            return
        if digits == "0" and state.awaiting != "customer_number":
            self.reply.handoff_for_agent()  # the operator key of every phone menu
            return
        yes_no_states = ("confirm_intent", "offer_agent", "anything_else")
        if state.awaiting in yes_no_states and len(digits) == 1:
            key = {"1": "true", "2": "false"}.get(digits)  # another key: neither, asked again
            self._on_yes_no(state.awaiting, "", nothing, key)
            return
        if state.awaiting.startswith("slot:"):  # a postcode or batch number keyed in
            self._on_slot(state.awaiting.removeprefix("slot:"), digits, nothing, digits)
            return
        parts: list[str] = []
        short = len(digits) < self.tenant.customer_digits - 1 and state.awaiting == "concern"
        asked = state.awaiting in ("concern", "customer_number")  # "4081" keyed, a pause,
        first_part = asked and 4 <= len(digits) < self.tenant.customer_digits - 1  # "7253#":
        if needs_identity(self.tenant, state) and (first_part or state.partial_number):
            self._on_customer_number(digits, nothing, digits)  # the rest asked for and joined
            return  # to it (a key alone stays no number)
        if needs_identity(self.tenant, self.state) and not short:
            served = state.awaiting == "anything_else"  # keyed after an answer: for the next
            if identify(self.tenant, self.state, digits, parts) and served:  # concern, not the
                reset_concern(state)  # answer once more ("Danke, Klaus Hoffmann. Wie kann ich
                self.reply.ask([*parts, self.prompts.say("ask_concern")], awaiting="concern")
                return  # Ihnen helfen?")
            self._continue(parts)
        else:
            no_match(self.tenant, self.state, self.reply)  # (a key alone is no number)

    def _menu_key(self, key: str) -> None:
        state = self.state
        spec = state.menu.get(key)
        if spec is None:
            self.reply.handoff_default(reason="no_match")
            return
        state.via_menu = True
        set_intent(self.state, spec, 1.0, None)
        self.steps.advance([])
