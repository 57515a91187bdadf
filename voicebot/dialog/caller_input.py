"""Reads what the caller gave at a prompt: a customer number, a slot value, yes or no."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from voicebot.dialog.prompts import Prompts
from voicebot.dialog.words import digits_in, fold, yes_or_no
from voicebot.events import Intent

if TYPE_CHECKING:
    from voicebot.dialog.state import CallState
    from voicebot.dialog.tenant_view import TenantView

_ARTICLES = {
    "der",
    "die",
    "das",
    "dem",
    "den",
    "des",
    "ein",
    "eine",
    "einen",
    "einem",
    "the",
    "a",
    "an",
    "um",
    "es",
    "geht",
    "ist",
    "im",
    "in",
    "ihr",
    "ihre",
    "ihren",
    "mein",
    "meine",
    "meinen",
    "von",
    "ueber",
    "also",
    "aeh",
    "aehm",
    "ja",
    "aber",
}


def number_in(text: str, value: str | None, tenant: TenantView) -> str | None:
    """A customer number attempt: the recogniser's value, else digits spoken or written."""
    if value and value.isdigit() and len(value) >= tenant.customer_digits - 1:
        return value
    digits = digits_in(text)
    return digits if len(digits) >= tenant.customer_digits - 1 else None


def yes_no_value(text: str, value: str | None) -> bool | None:
    if value in ("true", "false"):
        return value == "true"
    return yes_or_no(text)


def slot_expect(slot: str) -> str | None:
    """What the prompt asking for `slot` expects, for expectation-aware recognition."""
    return {"postcode": "digits:5", "customer_number": "digits:8"}.get(slot)


def product_in(text: str, tenant: TenantView) -> str | None:
    """The catalog product named in `text` (by name or alias), or None."""
    words = f" {fold(text)} "
    best: tuple[int, str] | None = None
    for row in tenant.catalog:
        names = [row.get("name", ""), *(row.get("aliases") or "").split("|")]
        for name in names:
            folded = fold(name)
            if folded and f" {folded} " in words and (best is None or len(folded) > best[0]):
                best = (len(folded), row.get("product_id") or row.get("name", ""))
    return best[1] if best else None


def slot_in(
    slot: str, text: str, intent: Intent, value: str | None, tenant: TenantView
) -> str | None:
    """The value of `slot` in an answer to "which …?"; None when the answer holds none."""
    if intent.slots.get(slot):
        return str(intent.slots[slot])
    if slot == "postcode":
        digits = value if value and value.isdigit() else digits_in(text)
        return digits if len(digits) == 5 else None
    if slot == "product":
        named = product_in(text, tenant)
        if named:
            return named
        rest = [w for w in fold(text).split() if w not in _ARTICLES]
        return " ".join(rest) or None  # named, but not one of ours: answered as unknown
    if slot == "batch":
        code = re.sub(r"[^A-Za-z0-9]", "", value or text).upper()
        return code if re.search(r"\d", code) and len(code) >= 3 else None
    return text.strip() or None


def unknown_product_text(prompts: Prompts, product: str | None) -> str:
    if product:
        return prompts.say("unknown_product", product=product[:1].upper() + product[1:])
    return prompts.say("unknown_product_unnamed")


def fill_placeholders(text: str, state: CallState) -> str:
    """An answer text with `{slot}` and `{name}` filled from the call; missing ones dropped."""
    values = dict(state.slots)
    if state.customer is not None:
        values.setdefault("name", state.customer.get("name", ""))

    def fill(match: re.Match[str]) -> str:
        return str(values.get(match.group(1), ""))

    return re.sub(r"\{(\w+)\}", fill, text)
