import subprocess
import sys


def test_voicebot_command_prints_help_and_version():
    out = subprocess.run(
        [sys.executable, "-m", "voicebot.cli", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "version" in out
    ver = subprocess.run(
        [sys.executable, "-m", "voicebot.cli", "version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ver.strip() == "0.1.0"


def test_typer_exit_codes_reach_the_shell():
    import typer

    from voicebot import cli

    app = typer.Typer()

    @app.command()
    def fail() -> None:
        raise typer.Exit(3)

    @app.command()
    def ok() -> None:
        pass

    original = cli.build_app
    cli.build_app = lambda: app
    try:
        import pytest

        with pytest.raises(SystemExit) as exc:
            cli.main(["fail"])
        assert exc.value.code == 3
        cli.main(["ok"])  # exit code 0: no SystemExit
    finally:
        cli.build_app = original


def test_a_missing_argument_prints_usage_not_a_traceback():
    for args in (["classify"], ["intents", "test", "--tenant", "nordwelle"], ["replay", "--jobs"]):
        run = subprocess.run(
            [sys.executable, "-m", "voicebot.cli", *args], capture_output=True, text=True
        )
        assert run.returncode == 2, (args, run.stderr)
        assert "Error:" in run.stderr, run.stderr
        assert "Traceback" not in run.stderr, run.stderr
