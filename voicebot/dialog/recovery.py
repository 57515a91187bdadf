"""When the bot did not understand or hear: reprompts, then the DTMF menu, then a person."""

from __future__ import annotations

from voicebot.dialog import menu
from voicebot.dialog.intent_choice import set_intent
from voicebot.dialog.lone_goodbye import left_after_goodbye
from voicebot.dialog.reply import BotReply
from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import TenantView


def no_match(tenant: TenantView, state: CallState, reply: BotReply) -> None:
    """Reprompt, reprompt with an example, the DTMF menu, then handoff with reason no_match."""
    prompts = tenant.prompts
    state.no_match += 1
    if state.awaiting == "menu" or state.no_match > 3:
        reply.handoff_default(reason="no_match")
    elif state.no_match == 3:
        offer_menu(tenant, state, reply)
    elif state.no_match == 2:
        example = menu.example_concern(tenant)
        reply.ask([prompts.say("no_match_again", example=example)], awaiting="concern")
    else:
        reply.ask([prompts.say("no_match")], awaiting="concern")


def offer_menu(tenant: TenantView, state: CallState, reply: BotReply) -> None:
    """Reads the tenant's DTMF menu (one key per queue or intent)."""
    prompts = tenant.prompts
    state.menu = menu.menu_items(tenant)
    options = ". ".join(
        prompts.say("menu_option", key=key, label=label)
        for key, label in menu.menu_labels(tenant, state.menu)
    )
    reply.ask(
        [prompts.say("menu", options=options)],
        awaiting="menu",
        expect=menu.menu_expect(tenant, state.menu),
    )


def no_input(tenant: TenantView, state: CallState, reply: BotReply) -> None:
    """Silence: the prompt once more, then a polite goodbye when the concern was served ("Kann
    ich sonst noch helfen?"), a handoff when a concern is known or likely (asked about), or the
    caller, not understood, got as far as the keypad menu (a person is there, maybe without
    keys), the keypad menu when the caller spoke but was not understood, else a goodbye."""
    prompts = tenant.prompts
    state.no_input += 1
    if state.no_input == 1:
        again = state.last_prompt
        if state.awaiting == "concern" and state.no_match:  # not "… nicht gehört. Leider
            again = prompts.say("ask_concern")  # habe ich Sie wieder nicht verstanden …"
        reply.ask(
            [prompts.say("no_input", prompt=again)],
            awaiting=state.awaiting,
            expect=state.last_expect,
            remember=False,
        )
    elif left_after_goodbye(state):  # "Tschüss." (taken as silence once), then silence: gone
        reply.end([prompts.say("goodbye")], reason="bot")
    elif state.awaiting == "anything_else" or (state.awaiting == "concern" and state.answered):
        reply.end([prompts.say("goodbye")], reason="bot")  # (served, "ok" to "anything else?",
        # then silent: a normal goodbye, not "Ich höre leider nichts. Bitte rufen Sie …")
    elif state.intent is not None or state.customer is not None:
        reply.handoff_for_intent([], reason="no_input")
    elif state.awaiting == "confirm_intent" and state.candidate is not None:
        likely = state.candidate  # "Is it about a card payment you do not recognise?" - silence:
        set_intent(state, likely, state.candidate_confidence, None)  # a person, with the likely
        state.intent_guessed, state.candidate = True, None  # concern named as such (its team
        urgent = likely.priority == "high" and likely.queue  # when urgent)
        queue = likely.queue if urgent else tenant.default_queue
        reply.handoff([], queue=queue, priority=likely.priority if urgent else "normal",
                      reason="no_input")  # fmt: skip
    elif state.awaiting == "menu":
        reply.handoff_default(reason="no_input")
    elif state.awaiting == "concern" and state.no_match:
        offer_menu(tenant, state, reply)  # said something not understood, then silent: the
        # keypad next (the order when not understood), never hung up on ("… ich hab echt die
        # Schnauze voll" - "nicht verstanden" - silence was "Bitte rufen Sie noch einmal an")
    else:
        reply.end([prompts.say("goodbye_no_input")], reason="bot")
