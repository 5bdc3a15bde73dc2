#!/bin/sh
# Makes the project's virtual environment ready: `make build` and `make test` call this.
#
#   tools/venv.sh [EXTRA]     install the project (with the optional dependencies EXTRA, e.g. test)
#   tools/venv.sh --ensure    only check Python and (re)create the environment
#
# Environment: PYTHON (default python3), VENV (default .venv).
#
# It repairs what a first attempt can leave behind: an environment made by another Python (an
# older one, or one since upgraded or removed) or a broken one is made again. Two runs at once
# (two terminals, an editor and a terminal) take turns on a lock instead of breaking pip.
# Each extra has its own stamp in the environment, so `make build` installs only what building
# needs and the test tools come with `make test`.
set -eu

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
extra=${1:-}
LOCK="$VENV.lock"

say() { printf '%s\n' "$*" >&2; }

if [ -z "${STRATEGYKIT_VENV_LOCKED:-}" ]; then
    # One run at a time; the lock is beside the environment because the environment may be removed.
    mkdir -p "$(dirname "$VENV")"
    export STRATEGYKIT_VENV_LOCKED=1
    if command -v flock >/dev/null 2>&1; then
        exec flock "$LOCK" sh "$0" "$@"
    fi
    # No flock (macOS): a folder is made atomically, so it serves as the lock.
    waited=0
    until mkdir "$LOCK.d" 2>/dev/null; do
        if [ "$waited" -ge 600 ]; then
            say "Another set-up has been running for 10 minutes (or was killed): remove $LOCK.d and try again."
            exit 1
        fi
        [ "$waited" -eq 0 ] && say "Waiting for another set-up of $VENV to finish..."
        sleep 1
        waited=$((waited + 1))
    done
    trap 'rmdir "$LOCK.d"' EXIT
    trap 'exit 1' INT TERM
fi

if ! command -v "$PYTHON" >/dev/null 2>&1; then
    say "Python was not found as '$PYTHON'. Install Python 3.11 or newer (https://www.python.org/downloads/),"
    say "or name one: make build PYTHON=/path/to/python3.12"
    exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
    version=$("$PYTHON" -V 2>&1 || true)
    say "strategykit needs Python 3.11 or newer, but '$PYTHON' is ${version:-not a working Python}."
    say "Install a newer Python (https://www.python.org/downloads/), then name it: make build PYTHON=python3.12"
    exit 1
fi

stamp="$VENV/.installed${extra:+-$extra}"
[ "$extra" = "--ensure" ] && stamp="$VENV/.no-stamp"

# Which Python an environment was made by: its version and its base installation.
identity='import sys; print(sys.version, sys.base_prefix)'
want=$("$PYTHON" -c "$identity")
if [ -e "$VENV" ]; then
    have=$("$VENV/bin/python" -c "$identity" 2>/dev/null || true)
    if [ "$have" != "$want" ]; then
        if [ -z "$have" ]; then
            say "$VENV is broken (its python does not run); making it again."
        else
            say "$VENV was made by another Python; making it again with $("$PYTHON" -V 2>&1)."
        fi
        rm -rf "$VENV"
    elif [ ! -f "$stamp" ] && ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
        # (an installed stamp means pip worked; asking pip costs a second on every make)
        say "$VENV has no working pip; making it again."
        rm -rf "$VENV"
    fi
fi
if [ ! -e "$VENV" ]; then
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
fi
[ "$extra" = "--ensure" ] && exit 0

if [ -f "$stamp" ] && [ "$stamp" -nt pyproject.toml ]; then
    exit 0  # a run that waited for the lock finds the work done
fi
"$VENV/bin/python" -m pip install --quiet -e ".${extra:+[$extra]}"
# Bytecode now, so that a check stays fast where PYTHONDONTWRITEBYTECODE keeps Python from
# writing it later (pip already compiled the installed dependencies).
"$VENV/bin/python" -m compileall -q tools
touch "$stamp"
