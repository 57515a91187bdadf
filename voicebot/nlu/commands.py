"""Commands: `voicebot classify`, `voicebot intents check`, `voicebot intents test`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from voicebot.errors import UserError

TenantOption = Annotated[str, typer.Option("--tenant", help="tenant id, e.g. nordwelle")]
IntentsOption = Annotated[
    Path | None, typer.Option("--intents", help="intents directory (default: settings)")
]


def _intents_dir(override: Path | None) -> Path:
    from voicebot.settings import load_settings

    return override if override is not None else load_settings().intents_dir


def _tenant_nlu(tenant_id: str, intents: Path | None):  # type: ignore[no-untyped-def]
    """The NLU of one tenant folder; UserError when unknown or broken."""
    from voicebot.nlu.loader import load_tenant, tenant_folders
    from voicebot.nlu.source import did_you_mean
    from voicebot.nlu.understand import TenantNLU

    root = _intents_dir(intents)
    folder = root / tenant_id
    if not (folder / "tenant.yaml").is_file():
        known = [f.name for f in tenant_folders(root)] if root.is_dir() else []
        raise UserError(f"unknown tenant '{tenant_id}' in {root}{did_you_mean(tenant_id, known)}")
    tenant, problems = load_tenant(folder)
    if tenant is None:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise UserError(f"{problems[0]}{more}; run 'voicebot intents check'")
    return TenantNLU(tenant)


def classify(
    tenant: TenantOption,
    text: Annotated[
        str | None, typer.Argument(help="text to classify; stdin lines if absent")
    ] = None,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="read stdin lines (text or JSON with 'text')")
    ] = False,
    intents: IntentsOption = None,
) -> None:
    """Classify TEXT (or each stdin line): one JSON object per input."""
    nlu = _tenant_nlu(tenant, intents)
    lines = [text] if text is not None and not jsonl else sys.stdin.read().splitlines()
    for line in lines:
        if not line.strip():
            continue
        if jsonl and line.lstrip().startswith("{"):
            try:
                line = str(json.loads(line)["text"])
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise UserError(f"stdin: a JSON line needs a 'text' key ({exc})") from exc
        print(json.dumps(nlu.classify(line).to_json(), ensure_ascii=False), flush=True)


def check(
    directory: Annotated[Path | None, typer.Argument(help="intents directory")] = None,
) -> None:
    """Validate intent files: every problem as path:line: message; exit 1 when any."""
    from voicebot.nlu.loader import check_tenants, tenant_folders

    root = _intents_dir(directory)
    problems = check_tenants(root)
    for problem in problems:
        print(problem)
    if problems:  # UserError: cli.main ignores typer.Exit codes when not standalone
        raise UserError(f"{len(problems)} problem(s) in intent files under {root}")
    print(f"ok: {len(tenant_folders(root))} tenants in {root}", file=sys.stderr)


def test(
    tenant: TenantOption,
    file: Annotated[
        Path, typer.Argument(help="labelled phrases: .csv (text,intent), .jsonl, .yaml")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="machine-readable report")] = False,
    min_accuracy: Annotated[
        float | None, typer.Option("--min-accuracy", help="exit 1 below this accuracy (0-1)")
    ] = None,
    intents: IntentsOption = None,
) -> None:
    """Accuracy, per-intent precision/recall and most confused pairs for a labelled file."""
    from voicebot.nlu.evaluation import evaluate
    from voicebot.nlu.labelled import read_labelled

    if not file.is_file():
        raise UserError(f"{file}: labelled file not found")
    phrases, problems = read_labelled(file)
    if problems:
        raise UserError(
            f"{problems[0]}" + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else "")
        )
    if not phrases:
        raise UserError(f"{file}: no labelled phrases")
    report = evaluate(_tenant_nlu(tenant, intents).classify, phrases)
    print(
        json.dumps(report.to_json(), ensure_ascii=False, indent=2) if as_json else report.to_text()
    )
    if min_accuracy is not None and report.accuracy < min_accuracy:
        raise UserError(f"{file}: accuracy {report.accuracy:.1%} is below {min_accuracy:.1%}")


def register(app: typer.Typer) -> None:
    """Adds `classify` and the `intents` group (check, test) to the voicebot command."""
    app.command("classify")(classify)
    intents_app = typer.Typer(help="Intent files: check and test them.", no_args_is_help=True)
    intents_app.command("check")(check)
    intents_app.command("test")(test)
    app.add_typer(intents_app, name="intents")
