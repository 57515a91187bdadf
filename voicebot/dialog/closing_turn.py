"""Whether the caller's turn, read where a concern is asked for, ends the call: a goodbye or a
wrong number without a concern besides it, giving up ("ach, vergessen Sie es"), or "nein
danke" after a concern was served. A module-level function taking the tenant and state;
InboundDialog (dialog/engine.py) says goodbye when it is true.
"""

from __future__ import annotations

import re

from voicebot.dialog.agent_requests import asks_for_agent
from voicebot.dialog.closing_words import (
    besides_dialled_wrong,
    closes_call,
    dialled_wrong,
    gives_up,
    leaves_now,
    only_thanks,
    says_goodbye,
)
from voicebot.dialog.harm_words import reports_problem
from voicebot.dialog.intent_choice import is_new_concern
from voicebot.dialog.question_words import is_question
from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import fold, yes_or_no
from voicebot.events import Intent


def wanted_us(tenant: TenantView, text: str) -> bool:
    """A caller who thinks they dialled wrong names whom they wanted, and it is us: the
    company or one of its teams ("ich hab mich verwählt, ich wollte eigentlich die
    Störungsstelle" reached the Störungsdienst; it was told goodbye)."""
    rest = besides_dialled_wrong(text).split()
    own = {fold(tenant.name)}
    for queue, name in tenant.queues.items():
        if queue != tenant.default_queue:
            own |= {w for w in fold(f"{queue.replace('_', ' ')} {name}").split() if len(w) >= 7}
    return any(w.startswith(o[:7]) or o.startswith(w[:7]) for w in rest if len(w) >= 7
               for o in own)  # fmt: skip


# Whom the caller wanted instead, said at the end of the turn ("ich wollte eigentlich meine
# Bank anrufen", "… wollte zur Sparkasse"): another, when it is not us (wanted_us)
_WANTED_ANOTHER = re.compile(
    r"\b(?:wollte|wollten|will|moechte)\b(?: \w+){1,5} (?:anrufen|erreichen|sprechen|telefonieren|"
    r"haben)(?: \w+){0,2}$|\b(?:wollte|wollten|will|moechte) (?:eigentlich |doch |ja )?(?:zu|zur|"
    r"zum|bei|an) (?:\w+ ){0,3}\w+$"
)


def wanted_another(tenant: TenantView, text: str) -> bool:
    """A caller who dialled wrong ends the turn naming whom they wanted, and it is not us
    ("oh, ich hab mich verwählt, ich wollte eigentlich meine Bank anrufen" was asked for the
    customer number and put through as a change of bank details)."""
    rest = besides_dialled_wrong(text)
    return bool(_WANTED_ANOTHER.search(rest)) and not wanted_us(tenant, text)


def done(tenant: TenantView, state: CallState, text: str, intent: Intent) -> bool:
    """ "Nein danke" (or "das war alles") when asked for a concern after one was served or a
    product named ("Was möchten Sie über ... wissen?" - "nein danke"): nothing more to ask.
    Before that, a "no" is a no match (the caller may still say what it is about); a
    goodbye ("Tschüss", "dann ruf ich später an", "schönen Tag noch") ends the call unless a
    concern is said with it."""
    if dialled_wrong(text) and wanted_us(tenant, text):
        return False  # "… verwählt, ich wollte eigentlich die Störungsstelle": that is us
    if dialled_wrong(text) and wanted_another(tenant, text):
        return True  # "… verwählt, ich wollte eigentlich meine Bank anrufen"
    if dialled_wrong(text) and not is_question(text):
        rest = besides_dialled_wrong(text)  # ("ich hab falsch gewählt, Entschuldigung" was
        if not is_new_concern(tenant, intent) or tenant.is_nonsense(rest):
            return True  # a complaint: nothing besides it) "Oh, Entschuldigung, dann bin
            # ich falsch." (no goodbye said)
    if says_goodbye(text) and not asks_for_agent(text):  # (unless it comes with a concern:
        clear = is_new_concern(tenant, intent) and intent.confidence >= 0.85
        wrong = dialled_wrong(text)  # "Sorry, wrong number. Bye." leaves; "Ich wurde
        if leaves_now(text) and not (clear or (reports_problem(text) and not wrong)):
            return True  # falsch verbunden, mein Internet geht nicht" and "Someone used
            # my card, I'll call back later, bye" are served
        if "?" in text:  # "Und die Nougatcreme, ist da Palmöl drin? Pfiat di.": answered
            return False
        return not is_new_concern(tenant, intent)
    if gives_up(text) and not is_new_concern(tenant, intent):
        return True  # "ach, vergessen Sie es": not "nicht verstanden" and the keypad menu
    if not (state.answered or state.slots.get("product")):
        return False
    bare_no = yes_or_no(text, tenant.language) is False and tenant.is_nonsense(text)
    thanked = state.answered and only_thanks(text)  # "Was möchten Sie über … wissen?" -
    return closes_call(text) or bare_no or thanked  # "danke" after an answer: done
