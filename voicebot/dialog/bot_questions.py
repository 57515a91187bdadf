"""Questions about the line itself rather than a concern: what the bot can do or whether it is a
machine ("Was können Sie denn überhaupt?", "sind Sie ein Roboter?"), and the opening hours where no
intent of the tenant answers them. Module-level functions taking the tenant, state and reply;
InboundDialog (dialog/engine.py) calls them before reading the turn for a concern.
"""

from __future__ import annotations

from voicebot.dialog import menu
from voicebot.dialog.intent_choice import is_new_concern
from voicebot.dialog.language_words import speaks_english
from voicebot.dialog.opening_hours import asks_opening_hours, hours_text, only_about_hours
from voicebot.dialog.question_words import asks_capabilities
from voicebot.dialog.reply import BotReply
from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.turn_clauses import parts_of
from voicebot.events import Intent


def tell_what_the_bot_does(tenant: TenantView, reply: BotReply, text: str) -> None:
    """What the bot is for, named by the concerns of the first menu keys ("Es kann zum
    Beispiel um eine Störung, Ihre Rechnung oder eine Kündigung gehen"), or that it is the
    digital assistant ("sind Sie ein Roboter?"); then the concern is asked for."""
    if asks_capabilities(text):
        items = menu.menu_items(tenant)  # the keypad menu's concerns, then answers
        specs = [items[k] for k in sorted(items) if k != "0"] + [
            s for s in tenant.intents.values() if s.action == "selfservice"
        ]
        topics = list(dict.fromkeys(s.topic for s in specs))[:4]
        joiner = " oder " if tenant.language == "de" else " or "
        listed = joiner.join([", ".join(topics[:-1]), topics[-1]] if len(topics) > 1 else topics)
        told = tenant.prompts.say("bot_capabilities", topics=listed)
    else:
        told = tenant.prompts.say("bot_is_assistant")
    reply.ask([told, tenant.prompts.say("ask_concern")], awaiting="concern")


def tells_opening_hours(
    tenant: TenantView, state: CallState, reply: BotReply, text: str, event: Intent
) -> bool:
    """ "Can you tell me your opening hours?" where no intent of the tenant answers it:
    told from the tenant's business hours, then "anything else?"."""
    if not asks_opening_hours(text) or tenant.answers_opening_hours:
        return False  # (a tenant with an intent of its own for it: Nordwelle's shops)
    if is_new_concern(tenant, event) and not (
        only_about_hours(text) and not event.slots.get("product")
    ):  # "Wann haben Sie geöffnet?" is no question about storing a product after opening
        return False
    for part in parts_of(text):  # anything else in the turn: read as usual ("My card
        if not asks_opening_hours(part) and not tenant.is_nonsense(part):  # was
            return False  # declined. When are you open?")
    language = "en" if speaks_english(text) else tenant.language
    now = reply.clock() if reply.clock else None
    told = hours_text(tenant.business_hours, language, now)
    if told is None:
        return False
    state.answered, state.last_answer = True, told
    reply.ask([told, tenant.prompts.say("anything_else")], "anything_else", "yesno")
    return True
