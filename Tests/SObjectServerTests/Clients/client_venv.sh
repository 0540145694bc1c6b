#!/bin/sh
# Makes a Python virtual environment holding exactly the pinned client packages of a requirements
# file (every dependency pinned too, installed with --no-deps), and prints its python. The venv is
# remade when the file changes; concurrent calls for one venv take turns. Usage: client_venv.sh VENV_DIR REQUIREMENTS_FILE
set -eu
venv="$1"
requirements="$2"
# Test cases run at once and may ask for the same venv: one makes it while the others wait.
mkdir -p "$(dirname "$venv")"
exec 9>"$venv.lock"
flock 9
if [ -x "$venv/bin/python" ] && cmp -s "$requirements" "$venv/pinned.txt"; then
  echo "$venv/bin/python"
  exit 0
fi
rm -rf "$venv"
python3 -m venv "$venv" >&2
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --requirement "$requirements" >&2
"$venv/bin/pip" check >&2
cp "$requirements" "$venv/pinned.txt"
echo "$venv/bin/python"
