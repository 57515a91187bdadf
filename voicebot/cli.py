"""The `voicebot` command. Each domain registers its own commands from `<domain>/commands.py`."""

from __future__ import annotations

import importlib
import sys

import click
import typer

from voicebot.errors import UserError

# Domains that contribute commands; each module has `register(app: typer.Typer) -> None` and
# keeps heavy imports (models, numpy) inside the command functions so `--help` stays fast.
COMMAND_MODULES = (
    "voicebot.asr.commands",
    "voicebot.nlu.commands",
    "voicebot.dialog.commands",
    "voicebot.handoff.commands",
    "voicebot.server.commands",
    "voicebot.fixtures.commands",
    "voicebot.analytics.commands",
)


def build_app() -> typer.Typer:
    app = typer.Typer(
        help="voicebot: offline voice bot and IVR for call centres.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
    )

    @app.callback()
    def _root() -> None:
        """voicebot: offline voice bot and IVR for call centres."""

    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that domain has no commands yet
                continue
            raise
        module.register(app)

    @app.command()
    def version() -> None:
        """Print the voicebot version."""
        from importlib.metadata import version as dist_version

        print(dist_version("voicebot"))

    return app


# typer >= 0.20 vendors its own click: its usage errors are not the installed click's classes.
_CLICK_ERRORS = tuple(
    {
        click.ClickException,
        *(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"),
    }
)
_EXITS = (click.exceptions.Exit, typer.Exit)
_ABORTS = (click.exceptions.Abort, typer.Abort)


def main(argv: list[str] | None = None) -> None:
    command = typer.main.get_command(build_app())
    try:
        # Without standalone mode click returns typer.Exit's code instead of exiting.
        code = command.main(args=argv, prog_name="voicebot", standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except UserError as exc:
        print(f"voicebot: error: {exc}", file=sys.stderr)
        sys.exit(1)
    except _EXITS as exc:
        sys.exit(exc.exit_code)
    except _ABORTS:
        print("voicebot: aborted", file=sys.stderr)
        sys.exit(130)
    except _CLICK_ERRORS as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
