"""Survey results: counts, mean, distribution, share of yes; as CSV and HTML with SVG charts."""

from __future__ import annotations

import csv
import html
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from voicebot.dialog.survey_store import SurveyCall

OUTCOMES = ("resolved", "declined", "no_answer", "hangup")
RATINGS = ("1", "2", "3", "4", "5")
BAR_COLOUR = "#2f6f9f"


@dataclass(frozen=True)
class QuestionResult:
    """One question's answers over all calls that reached it."""

    id: str
    kind: str  # rating | yesno | free
    prompt: str
    answered: int  # calls with a clear answer
    unclear: int  # asked, but no clear answer
    distribution: dict[str, int] = field(default_factory=dict)  # rating 1-5 / ja, nein
    mean: float | None = None  # ratings only
    share_yes: float | None = None  # yes/no only, 0-1
    comments: tuple[str, ...] = ()  # free text only


@dataclass(frozen=True)
class SurveyReport:
    tenant: str
    calls: int
    outcomes: dict[str, int]
    questions: tuple[QuestionResult, ...]


def aggregate(tenant: str, survey: Any, calls: Sequence[SurveyCall]) -> SurveyReport:
    """The report of a tenant's survey (voicebot.nlu Survey) over its stored calls."""
    outcomes = Counter(call.outcome for call in calls)
    results = tuple(_question(q, calls) for q in survey.questions)
    return SurveyReport(tenant, len(calls), {o: outcomes.get(o, 0) for o in OUTCOMES}, results)


def _question(question: Any, calls: Sequence[SurveyCall]) -> QuestionResult:
    asked = [call.answers[question.id] for call in calls if question.id in call.answers]
    given = [a for a in asked if a]
    base = {
        "id": question.id,
        "kind": question.kind,
        "prompt": question.prompt,
        "answered": len(given),
        "unclear": len(asked) - len(given),
    }
    if question.kind == "rating":
        counts = Counter(given)
        mean = sum(int(a) for a in given) / len(given) if given else None
        return QuestionResult(
            **base, distribution={r: counts.get(r, 0) for r in RATINGS}, mean=mean
        )
    if question.kind == "yesno":
        counts = Counter(given)
        share = counts.get("ja", 0) / len(given) if given else None
        distribution = {"ja": counts.get("ja", 0), "nein": counts.get("nein", 0)}
        return QuestionResult(**base, distribution=distribution, share_yes=share)
    return QuestionResult(**base, comments=tuple(given))


def report_csv(report: SurveyReport) -> str:
    """One row per figure: `metric,question,value,count` (metric: outcome, distribution, ...)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["metric", "question", "value", "count"])
    for outcome, count in report.outcomes.items():
        writer.writerow(["outcome", "", outcome, count])
    for q in report.questions:
        for value, count in q.distribution.items():
            writer.writerow(["distribution", q.id, value, count])
        if q.mean is not None:
            writer.writerow(["mean", q.id, f"{q.mean:.2f}", q.answered])
        if q.share_yes is not None:
            writer.writerow(["share_yes", q.id, f"{q.share_yes:.3f}", q.answered])
        if q.kind == "free":
            writer.writerow(["comments", q.id, "", q.answered])
        writer.writerow(["unclear", q.id, "", q.unclear])
    return out.getvalue()


def bar_chart(counts: dict[str, int], title: str) -> str:
    """A horizontal bar chart as inline SVG (no scripts, no external files)."""
    width, row, label_w = 420, 26, 90
    top = max(counts.values(), default=0) or 1
    bars = []
    for i, (label, count) in enumerate(counts.items()):
        y = 28 + i * row
        length = round((width - label_w - 50) * count / top)
        bars.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{html.escape(label)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{length}" height="{row - 8}" '
            f'fill="{BAR_COLOUR}"/>'
            f'<text x="{label_w + length + 6}" y="{y + 15}">{count}</text>'
        )
    height = 36 + len(counts) * row
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{html.escape(title)}" font-family="sans-serif" font-size="13">'
        f'<text x="0" y="16" font-weight="bold">{html.escape(title)}</text>'
        + "".join(bars)
        + "</svg>"
    )


def report_html(report: SurveyReport) -> str:
    """A self-contained HTML page: outcome and per-question charts, mean, share of yes."""
    parts = [
        f"<h1>Umfrage {html.escape(report.tenant)}</h1>",
        f"<p>{report.calls} Anrufe</p>",
        bar_chart(report.outcomes, "Ergebnis der Anrufe"),
    ]
    for q in report.questions:
        parts.append(f"<h2>{html.escape(q.prompt)}</h2>")
        facts = [f"{q.answered} Antworten", f"{q.unclear} unklar"]
        if q.mean is not None:
            facts.append(f"Mittelwert {q.mean:.2f}")
        if q.share_yes is not None:
            facts.append(f"Anteil Ja {q.share_yes:.0%}")
        parts.append(f"<p>{' · '.join(facts)}</p>")
        if q.distribution:
            parts.append(bar_chart(q.distribution, q.id))
        if q.comments:
            items = "".join(f"<li>{html.escape(c)}</li>" for c in q.comments)
            parts.append(f"<ul>{items}</ul>")
    return (
        '<!doctype html><html lang="de"><head><meta charset="utf-8">'
        f"<title>Umfrage {html.escape(report.tenant)}</title>"
        "<style>body{font-family:sans-serif;max-width:720px;margin:2em auto}</style>"
        "</head><body>" + "\n".join(parts) + "</body></html>\n"
    )
