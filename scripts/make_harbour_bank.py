"""Writes intents/harbour-bank/: the 77 Banking77 labels, 10-shot, from the shared datasets.

Exactly the first 10 train phrases per label of ../shared/datasets/banking77/train.csv (file
order) become each intent's examples (Banking77 is CC BY 4.0, PolyAI); queue, action and
priority come from ../shared/spec/bank-en-intents.csv. Test phrases never go into intent files.
Usage: .venv/bin/python scripts/make_harbour_bank.py [SHARED_DIR]
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = 10
ANSWERS = {
    "age_limit": "You need to be at least 18 to open a Harbour Bank account.",
    "atm_support": "You can withdraw cash with your Harbour card at any ATM showing the Visa or "
    "Mastercard sign.",
    "card_delivery_estimate": "A new card usually arrives within 5 to 7 working days.",
    "country_support": "Harbour Bank accounts are available to residents of the UK and the "
    "European Economic Area.",
    "exchange_rate": "We use the interbank exchange rate, shown in the app before you confirm.",
    "fiat_currency_support": "You can hold and exchange more than 30 currencies, including "
    "pounds, euros and dollars.",
    "supported_cards_and_currencies": "You can top up with Visa or Mastercard debit and credit "
    "cards in most major currencies.",
    "top_up_limits": "You can top up to 10,000 pounds per day and 30,000 pounds per month.",
    "visa_or_mastercard": "Harbour cards are Mastercard debit cards.",
    "why_verify_identity": "The law requires us to verify who you are to keep your money safe "
    "and prevent fraud.",
}
# How the bot names each intent to the caller ("Is it about a card that has not arrived?") and
# in the agent's summary; the label itself reads badly ("terminate account").
DESCRIPTIONS = {
    "Refund_not_showing_up": "a refund that has not shown up",
    "activate_my_card": "activating your card",
    "age_limit": "the minimum age for an account",
    "apple_pay_or_google_pay": "Apple Pay or Google Pay",
    "atm_support": "using cash machines",
    "automatic_top_up": "automatic top-ups",
    "balance_not_updated_after_bank_transfer": "a balance not updated after a bank transfer",
    "balance_not_updated_after_cheque_or_cash_deposit": "a balance not updated after a deposit",
    "beneficiary_not_allowed": "a payee that cannot be added",
    "cancel_transfer": "cancelling a transfer",
    "card_about_to_expire": "a card about to expire",
    "card_acceptance": "where your card is accepted",
    "card_arrival": "a card that has not arrived",
    "card_delivery_estimate": "when a new card will arrive",
    "card_linking": "linking a card to your account",
    "card_not_working": "a card that does not work",
    "card_payment_fee_charged": "a fee charged on a card payment",
    "card_payment_not_recognised": "a card payment you do not recognise",
    "card_payment_wrong_exchange_rate": "the exchange rate of a card payment",
    "card_swallowed": "a card kept by a cash machine",
    "cash_withdrawal_charge": "a charge for a cash withdrawal",
    "cash_withdrawal_not_recognised": "a cash withdrawal you do not recognise",
    "change_pin": "changing your PIN",
    "compromised_card": "a card that may be compromised",
    "contactless_not_working": "contactless payments not working",
    "country_support": "the countries we serve",
    "declined_card_payment": "a declined card payment",
    "declined_cash_withdrawal": "a declined cash withdrawal",
    "declined_transfer": "a declined transfer",
    "direct_debit_payment_not_recognised": "a direct debit you do not recognise",
    "disposable_card_limits": "limits of disposable cards",
    "edit_personal_details": "changing your personal details",
    "exchange_charge": "charges for exchanging money",
    "exchange_rate": "exchange rates",
    "exchange_via_app": "exchanging money in the app",
    "extra_charge_on_statement": "an extra charge on your statement",
    "failed_transfer": "a failed transfer",
    "fiat_currency_support": "the currencies we support",
    "get_disposable_virtual_card": "getting a disposable virtual card",
    "get_physical_card": "getting a physical card",
    "getting_spare_card": "getting a spare card",
    "getting_virtual_card": "getting a virtual card",
    "lost_or_stolen_card": "a lost or stolen card",
    "lost_or_stolen_phone": "a lost or stolen phone",
    "order_physical_card": "ordering a physical card",
    "passcode_forgotten": "a forgotten passcode",
    "pending_card_payment": "a pending card payment",
    "pending_cash_withdrawal": "a pending cash withdrawal",
    "pending_top_up": "a pending top-up",
    "pending_transfer": "a pending transfer",
    "pin_blocked": "a blocked PIN",
    "receiving_money": "receiving money",
    "request_refund": "asking for a refund",
    "reverted_card_payment?": "a card payment that was reverted",
    "supported_cards_and_currencies": "the cards and currencies you can top up with",
    "terminate_account": "closing your account",
    "top_up_by_bank_transfer_charge": "a charge for topping up by bank transfer",
    "top_up_by_card_charge": "a charge for topping up by card",
    "top_up_by_cash_or_cheque": "topping up with cash or a cheque",
    "top_up_failed": "a failed top-up",
    "top_up_limits": "top-up limits",
    "top_up_reverted": "a top-up that was reverted",
    "topping_up_by_card": "topping up by card",
    "transaction_charged_twice": "a payment charged twice",
    "transfer_fee_charged": "a fee charged on a transfer",
    "transfer_into_account": "transferring money into your account",
    "transfer_not_received_by_recipient": "a transfer the recipient has not received",
    "transfer_timing": "how long transfers take",
    "unable_to_verify_identity": "trouble verifying your identity",
    "verify_my_identity": "verifying your identity",
    "verify_source_of_funds": "proving where your money comes from",
    "verify_top_up": "verifying a top-up",
    "virtual_card_not_working": "a virtual card that does not work",
    "visa_or_mastercard": "whether our cards are Visa or Mastercard",
    "why_verify_identity": "why we verify your identity",
    "wrong_amount_of_cash_received": "the wrong amount of cash from a machine",
    "wrong_exchange_rate_for_cash_withdrawal": "the exchange rate of a cash withdrawal",
    "human_agent": "talking to a person",
}
HUMAN_AGENT = [
    "I want to talk to a person",
    "can I speak to a human please",
    "put me through to an agent",
    "I'd like to speak with someone from the bank",
    "connect me to a real person",
    "representative please",
    "is there a human I can talk to",
    "operator",
    "I need to speak to customer service staff",
    "let me talk to somebody",
]


def file_name(intent: str) -> str:
    """A file name for an intent id (Banking77 has 'reverted_card_payment?')."""
    return re.sub(r"[^A-Za-z0-9_]+", "", intent).lower() + ".yaml"


def intent_yaml(intent: str, row: dict[str, str], examples: list[str]) -> str:
    description = DESCRIPTIONS.get(intent, intent.replace("_", " "))
    lines = [f"intent: {json.dumps(intent)}", f"description: {json.dumps(description)}"]
    lines.append(f"action: {row['action']}")
    lines += [f"queue: {row['queue']}", f"priority: {row['priority']}"]  # a self-service
    if row["action"] != "handoff":  # intent's team takes the caller who still wants a person
        lines.append(f"answer: {json.dumps(ANSWERS[intent])}")
    lines.append("examples:")
    lines += [f"  - {json.dumps(text, ensure_ascii=False)}" for text in examples]
    return "\n".join(lines) + "\n"


def main(shared: Path) -> None:
    out = ROOT / "intents" / "harbour-bank"
    out.mkdir(parents=True, exist_ok=True)
    spec = {r["intent"]: r for r in csv.DictReader((shared / "spec/bank-en-intents.csv").open())}
    shots: dict[str, list[str]] = defaultdict(list)
    with (shared / "datasets/banking77/train.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if len(shots[row["category"]]) < SHOTS:
                shots[row["category"]].append(row["text"].strip())
    for old in out.glob("*.yaml"):
        if old.name != "tenant.yaml":
            old.unlink()
    header = (
        "# Generated by scripts/make_harbour_bank.py from Banking77 (CC BY 4.0). Do not edit.\n"
    )
    for intent, examples in shots.items():
        (out / file_name(intent)).write_text(header + intent_yaml(intent, spec[intent], examples))
    agent = {"action": "handoff", "queue": "general", "priority": "normal"}
    (out / "human_agent.yaml").write_text(header + intent_yaml("human_agent", agent, HUMAN_AGENT))
    print(f"wrote {len(shots) + 1} intents to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared")
