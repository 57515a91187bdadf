"""The figures of `/analytics`, `GET /api/analytics` and `voicebot analytics` for one period.

Definitions (so that a person can count them by hand):
- containment rate: calls with outcome `resolved` / all calls (solved without a person);
- handoffs by reason: the handoff context's `reason`; the five reasons always appear;
- intent mix: one intent per call (the handed-off intent, else the first one understood);
- reprompt rate: reprompts / questions (bot prompts that waited for an answer);
- turn latency: nearest-rank p50/p95 over caller turns, end of speech -> the bot's answer;
- survey: per question the answers given; ratings get mean and distribution, yes/no the share
  of yes, free text the latest comments (masked).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from voicebot.analytics.records import HANDOFF_REASONS, CallRecord
from voicebot.errors import UserError

OUTCOMES = ("handoff", "resolved", "hangup", "declined", "no_answer")
NO_INTENT = "(none)"
COMMENTS_SHOWN = 10
_SPAN = re.compile(r"^\s*(\d+)\s*(m|min|h|d|w)\s*$")
_UNIT_S = {"m": 60, "min": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


@dataclass(frozen=True, slots=True)
class Period:
    """[since, until) in epoch seconds."""

    since: float
    until: float


def parse_period(since: str, until: str | None = None, *, now: float) -> Period:
    """'7d', '24h', '90m', '2w' back from now, or an ISO date/time; UserError otherwise."""
    end = now if until is None else _instant(until, "--until", now)
    return Period(_instant(since, "--since", end), end)


def _instant(text: str, flag: str, now: float) -> float:
    match = _SPAN.match(text)
    if match:
        return now - int(match.group(1)) * _UNIT_S[match.group(2)]
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UserError(
            f"{flag} {text!r}: use a span like 7d, 24h, 90m, 2w or a date like 2026-01-31"
        ) from None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def nearest_rank(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile (share 0-1) of the values; None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def figures(records: Sequence[CallRecord], tenant: str, period: Period) -> dict[str, Any]:
    """All figures for the records of one tenant and period (the `/api/analytics` JSON)."""
    calls = len(records)
    outcomes = Counter(r.outcome for r in records)
    handed = [r for r in records if r.outcome == "handoff"]
    reasons = Counter(r.handoff_reason or "error" for r in handed)
    questions = sum(r.questions for r in records)
    reprompts = sum(r.reprompts for r in records)
    latencies = [t.latency_ms for r in records for t in r.turns if t.latency_ms is not None]
    durations = [r.duration_ms / 1000 for r in records]
    return {
        "tenant": tenant,
        "since": _iso(period.since),
        "until": _iso(period.until),
        "calls": calls,
        "outcomes": {name: outcomes.get(name, 0) for name in OUTCOMES},
        "containment_rate": _ratio(outcomes.get("resolved", 0), calls),
        "handoffs": len(handed),
        "handoffs_by_queue": dict(Counter(r.queue or "?" for r in handed).most_common()),
        "handoffs_by_reason": {
            **{reason: reasons.get(reason, 0) for reason in HANDOFF_REASONS},
            **{k: n for k, n in reasons.items() if k not in HANDOFF_REASONS},
        },
        "intent_mix": dict(Counter(r.intent or NO_INTENT for r in records).most_common()),
        "questions": questions,
        "reprompts": reprompts,
        "reprompt_rate": _ratio(reprompts, questions),
        "calls_with_reprompt": sum(1 for r in records if r.reprompts),
        "avg_call_s": round(sum(durations) / calls, 2) if calls else None,
        "turn_latency_ms": {
            "p50": nearest_rank(latencies, 0.5),
            "p95": nearest_rank(latencies, 0.95),
            "turns": len(latencies),
        },
        "errors": sum(1 for r in records if r.errors),
        "survey": survey_results(records),
        "daily": _daily(records),
    }


def survey_results(records: Sequence[CallRecord]) -> dict[str, Any] | None:
    """Per survey question: answers, and mean/distribution, share of yes, or comments."""
    answered = [r for r in records if r.survey]
    if not answered:
        return None
    ids = list(dict.fromkeys(q for r in answered for q in r.survey))
    questions: dict[str, Any] = {}
    for question in ids:
        values = [r.survey[question] for r in answered if r.survey.get(question) is not None]
        questions[question] = _question_result([str(v) for v in values])
    return {"calls": len(answered), "questions": questions}


def _question_result(values: list[str]) -> dict[str, Any]:
    if values and all(v in {"1", "2", "3", "4", "5"} for v in values):
        numbers = [int(v) for v in values]
        return {
            "kind": "rating",
            "answers": len(values),
            "mean": round(sum(numbers) / len(numbers), 2),
            "distribution": {str(k): numbers.count(k) for k in range(1, 6)},
        }
    if values and all(v in {"ja", "nein"} for v in values):
        yes = values.count("ja")
        return {
            "kind": "yesno",
            "answers": len(values),
            "yes": yes,
            "no": len(values) - yes,
            "yes_share": _ratio(yes, len(values)),
        }
    return {"kind": "free", "answers": len(values), "comments": values[-COMMENTS_SHOWN:]}


def _daily(records: Sequence[CallRecord]) -> list[dict[str, Any]]:
    """Calls, handoffs and resolved calls per UTC day, for the chart over time."""
    days: dict[str, Counter[str]] = {}
    for record in records:
        day = datetime.fromtimestamp(record.started_at, UTC).strftime("%Y-%m-%d")
        days.setdefault(day, Counter())["calls"] += 1
        days[day][record.outcome] += 1
    return [
        {"date": d, "calls": c["calls"], "handoffs": c["handoff"], "resolved": c["resolved"]}
        for d, c in sorted(days.items())
    ]


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds")


def to_text(data: dict[str, Any]) -> str:
    """The figures as a short terminal report."""
    pct = lambda v: "-" if v is None else f"{v:.1%}"  # noqa: E731
    latency = data["turn_latency_ms"]
    lines = [
        f"{data['tenant']}: {data['since']} .. {data['until']}",
        f"calls               {data['calls']}",
        f"containment rate    {pct(data['containment_rate'])}",
        f"handoffs            {data['handoffs']}",
        f"reprompt rate       {pct(data['reprompt_rate'])} "
        f"({data['reprompts']}/{data['questions']})",
        f"average call        {data['avg_call_s'] or 0:.1f} s",
        f"turn latency        p50 {latency['p50']} ms, p95 {latency['p95']} ms",
    ]
    for title, key in (("by queue", "handoffs_by_queue"), ("by reason", "handoffs_by_reason")):
        lines.append(f"handoffs {title}:")
        lines += [f"  {name:24} {n}" for name, n in data[key].items()]
    lines.append("intent mix:")
    lines += [f"  {name:24} {n}" for name, n in data["intent_mix"].items()]
    survey = data.get("survey")
    if survey:
        lines.append(f"survey ({survey['calls']} calls):")
        for qid, result in survey["questions"].items():
            detail = {
                "rating": lambda r: f"mean {r['mean']}",
                "yesno": lambda r: f"yes {pct(r['yes_share'])}",
            }.get(result["kind"], lambda r: f"{r['answers']} comments")(result)
            lines.append(f"  {qid:24} {result['answers']} answers, {detail}")
    return "\n".join(lines)
