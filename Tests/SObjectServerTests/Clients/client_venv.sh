#!/bin/sh
# Makes (once) a Python virtual environment with the client libraries the server tests drive, and
# prints its python. Usage: client_venv.sh VENV_DIR PACKAGE...
set -eu
venv="$1"; shift
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" >&2
fi
for package in "$@"; do
  module=$(echo "$package" | sed 's/-/_/g; s/==.*//')
  if ! "$venv/bin/python" -c "import $module" 2>/dev/null; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check "$package" >&2
  fi
done
echo "$venv/bin/python"
