#!/usr/bin/env bash
# Sets up everything the tests need (idempotent) and runs the whole test suite.
# Extra arguments go to pytest, e.g. `scripts/test.sh -k queue` or `scripts/test.sh --run-slow`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
exec .venv/bin/python -m pytest "$@"
