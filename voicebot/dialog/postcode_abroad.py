"""A move abroad said at the postcode prompt ("ich ziehe ins Ausland nach Österreich"): there is
no German postcode to give, and the prompt came back until the caller fell silent. Noted as
abroad (with the country, when named) for the contract team, not asked again."""

from __future__ import annotations

import re

from voicebot.dialog.words import fold

_COUNTRIES = {
    "oesterreich": "Österreich", "schweiz": "Schweiz", "frankreich": "Frankreich",
    "spanien": "Spanien", "italien": "Italien", "polen": "Polen", "niederlande": "Niederlande",
    "holland": "Niederlande", "daenemark": "Dänemark", "belgien": "Belgien", "tuerkei": "Türkei",
    "england": "Großbritannien", "usa": "USA", "amerika": "USA", "portugal": "Portugal",
    "griechenland": "Griechenland", "kroatien": "Kroatien", "tschechien": "Tschechien",
    "schweden": "Schweden", "norwegen": "Norwegen", "luxemburg": "Luxemburg",
}  # fmt: skip
_ABROAD = re.compile(r"\b(?:ins|in das) ausland\b|\bauswander\w*|\bausgewandert\b")
_TO_COUNTRY = re.compile(r"\b(?:nach|in die) (" + "|".join(_COUNTRIES) + r")\b")


def abroad_said(text: str) -> str | None:
    """ "Ausland (Österreich)" for a move abroad said ("ins Ausland", "nach Österreich"), "Ausland"
    without a country; None for none."""
    said = fold(text)
    country = _TO_COUNTRY.search(said)
    if country is not None:
        return f"Ausland ({_COUNTRIES[country.group(1)]})"
    return "Ausland" if _ABROAD.search(said) else None
