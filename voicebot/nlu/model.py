"""What a tenant folder means once loaded: frozen, checked, ready for the dialog and NLU."""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Literal

Action = Literal["selfservice", "handoff"]
Priority = Literal["normal", "high"]
SlotKind = Literal["digits", "postcode", "product", "batch", "yesno", "rating", "free", "date"]
BUILTIN_ANSWERS = (
    "outage",
    "balance",
    "contract_end",
    "product_ingredients",
    "product_allergens",
    "product_vegan",
    "product_palm_oil",
    "product_storage",
    "product_price",
)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class Phrase:
    """An example or template as written, with its line in the intent file."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class SlotPhrase:
    """One entry of a template slot list: what callers say and the value it stands for."""

    say: str
    value: str


@dataclass(frozen=True, slots=True)
class SlotType:
    """A tenant-wide slot such as `customer_number: {type: digits, length: 8}`."""

    name: str
    kind: SlotKind
    length: int | None = None


AGENT_INTENTS = ("mitarbeiter", "human_agent", "agent")  # intent ids that ask for a person


@dataclass(frozen=True, slots=True)
class IntentSpec:
    """One intent file. `answer` is text with {slot} placeholders; `builtin_answer` names data."""

    id: str
    description: str
    action: Action
    queue: str | None
    priority: Priority
    needs: tuple[str, ...]
    answer: str | None
    builtin_answer: str | None
    examples: tuple[Phrase, ...]
    templates: tuple[Phrase, ...]
    slots: Mapping[str, tuple[SlotPhrase, ...]]
    file: Path
    confirm: str | None = None  # "Geht es um <confirm>?" when unsure (default: description)


@dataclass(frozen=True, slots=True)
class NluSettings:
    """Out of scope unless the best intent has `threshold` confidence and `margin` over the next."""

    threshold: float = 0.45
    margin: float = 0.1


@dataclass(frozen=True, slots=True)
class SurveyQuestion:
    """One outbound survey question; `kind` is the answer type (rating 1-5, yes/no, free text)."""

    id: str
    kind: Literal["rating", "yesno", "free"]
    prompt: str
    reprompt: str | None


@dataclass(frozen=True, slots=True)
class Survey:
    """The outbound script: introduction, consent question, questions, closing texts."""

    intro: str
    consent: str
    questions: tuple[SurveyQuestion, ...]
    thanks: str
    declined: str
    ends_call: tuple[str, ...] = ()  # intents whose answer ends the call (declined)
    opt_out: tuple[str, ...] = ()  # ... and puts the number on the do-not-call list


@dataclass(frozen=True, slots=True)
class BusinessHours:
    """Opening hours per weekday in the tenant's time zone; a missing day is closed."""

    timezone: str
    weekly: Mapping[str, tuple[time, time] | None]
    closed_days: frozenset[date] = frozenset()  # company days off (`closed:`), any weekday
    holidays: str | None = None  # public holidays of a country or state ("DE-BY", "GB-ENG"),
    # from the `holidays` library: closed all day

    def local(self, at: datetime) -> datetime:
        """`at` in the tenant's time zone (a naive datetime is taken as local already)."""
        if at.tzinfo is None:
            return at
        from zoneinfo import ZoneInfo

        return at.astimezone(ZoneInfo(self.timezone))

    def closed_all_day(self, at: datetime) -> bool:
        """`at` falls on a public holiday of `holidays` or one of the `closed` days."""
        day = self.local(at).date()
        return day in self.closed_days or (
            self.holidays is not None and day in public_holidays(self.holidays)
        )

    def is_open(self, at: datetime) -> bool:
        """True when `at` (any aware datetime, or naive local time) falls in the opening hours."""
        at = self.local(at)
        if self.closed_all_day(at):
            return False
        span = self.weekly.get(WEEKDAYS[at.weekday()])
        if span is None:
            return False
        start, end = span
        return start <= at.time() and (end == time(0) or at.time() < end)

    def next_opening(self, at: datetime, days: int = 14) -> datetime | None:
        """The first moment from `at` on (in the tenant's time zone) at which the hours are open:
        `at` itself when open now, else the start of the next open span; None when nothing opens
        within `days` days (a tenant closed all week)."""
        at = self.local(at)
        if self.is_open(at):
            return at
        for ahead in range(days + 1):
            day = at.date() + timedelta(days=ahead)
            span = self.weekly.get(WEEKDAYS[day.weekday()])
            if span is None or self.closed_all_day(datetime.combine(day, time(12), at.tzinfo)):
                continue
            opens = datetime.combine(day, span[0], at.tzinfo)
            if opens > at:
                return opens
        return None


@lru_cache(maxsize=16)
def public_holidays(region: str) -> Container[date]:
    """The public holidays of "DE", "DE-BY" or "GB-ENG" (country, then state), any year; raises
    NotImplementedError for a country or state the `holidays` library does not know."""
    import holidays

    country, _, state = region.partition("-")
    return holidays.country_holidays(country, subdiv=state or None)


Row = Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Tenant:
    """One client of the call centre, as loaded from `intents/<tenant>/`."""

    id: str
    name: str
    language: Literal["de", "en"]
    direction: Literal["inbound", "outbound"]
    dialed: tuple[str, ...]
    greeting: str
    queues: Mapping[str, str]
    default_queue: str | None
    intents: Mapping[str, IntentSpec]
    slot_types: Mapping[str, SlotType]
    prompts: Mapping[str, str]
    nlu: NluSettings
    folder: Path
    survey: Survey | None = None
    business_hours: BusinessHours | None = None
    dtmf_menu: Mapping[str, str] = field(default_factory=dict)
    customers: tuple[Row, ...] = ()
    outages: tuple[Row, ...] = ()
    catalog: tuple[Row, ...] = ()

    @property
    def tests_dir(self) -> Path:
        """Where the product team keeps labelled test phrases."""
        return self.folder / "tests"

    def customer(self, number: str) -> Row | None:
        """The customer row for a customer number, or None when unknown."""
        return next((row for row in self.customers if row.get("customer_number") == number), None)

    def product(self, product_id: str) -> Row | None:
        """The catalog row for a product id, or None."""
        return next((row for row in self.catalog if row.get("product_id") == product_id), None)


def dialed_key(number: str) -> str:
    """A dialed number without spaces, dashes, brackets: '+49 800 6673935' -> '+498006673935'."""
    return "".join(ch for ch in number if ch.isdigit() or ch == "+")


def dials(number: str, tenant_number: str) -> bool:
    """Whether a dialed number, as a line writes it, is the tenant's (E.164) number: with '+',
    with the international prefix 00, without either ('498006673935', as many SIP trunks send
    it), or national with the trunk prefix 0 ('0800 6673935': the tenant's country code, of 1
    to 3 digits, left out)."""
    key, own = dialed_key(number), dialed_key(tenant_number)
    if key == own:
        return True
    if not own.startswith("+") or len(key) < 5 or not key.isdigit():
        return False
    if key.startswith("00"):
        return "+" + key[2:] == own
    if key.startswith("0"):
        return own.endswith(key[1:]) and 2 <= len(own) - len(key) + 1 <= 4
    return "+" + key == own


def tenant_dialed(tenants: Iterable[Tenant], number: str) -> Tenant | None:
    """The tenant a dialed number reaches: the one whose number it is as written, else the only
    one it `dials` in another form (a national number two countries share reaches neither)."""
    tenants = list(tenants)
    key = dialed_key(number)
    exact = [t for t in tenants if key in map(dialed_key, t.dialed)]
    if exact:
        return exact[0]
    loose = [t for t in tenants if any(dials(number, own) for own in t.dialed)]
    return loose[0] if len(loose) == 1 else None
