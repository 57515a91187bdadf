"""Where an unidentified caller lives, for the agent: the postcode said with the address ("ich
hab die Nummer nicht, aber ich wohne in der Mönckebergstraße 7 in 20095 Hamburg" reached the
Störungsdienst with nothing of it in the slots or the summary, so the agent asked again and
could not see the known outage at 20095)."""

from __future__ import annotations

import re

from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import fold

_LIVES_AT = re.compile(
    r"\b(?:ich wohne|wir wohnen|wohnhaft|(?:meine|unsere) adresse|(?:die|der) anschluss ist|"
    r"i live|my address)\b"
)
_POSTCODE = re.compile(r"(?<![\d,.])(\d(?: ?\d){4})(?![\d,.]| \d)")  # "20095", "2 0 0 9 5"


def postcode_told(tenant: TenantView, state: CallState) -> str | None:
    """The postcode an unidentified caller said with where they live, when the tenant has a
    postcode slot and none was taken; None otherwise."""
    kinds = getattr(tenant.tenant, "slot_types", None) or {}
    if state.customer is not None or "postcode" in state.slots or "postcode" not in kinds:
        return None
    for line in state.lines:
        said = fold(line.text)
        where = _LIVES_AT.search(said) if line.role == "caller" else None
        found = _POSTCODE.search(said, where.end()) if where else None
        if found:
            return found.group(1).replace(" ", "")
    return None
