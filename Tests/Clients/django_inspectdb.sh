#!/usr/bin/env bash
# Runs django-salesforce's inspectdb, a real Salesforce client, over a folder of describe JSON
# (default: Generated/describe), offline, then imports the models it writes and runs Django's checks.
# Installs the client into a virtual environment in a temporary folder, removed afterwards.
# Usage: Tests/Clients/django_inspectdb.sh [DESCRIBE_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
describe_dir="$(cd "${1:-$here/../../Generated/describe}" && pwd)"

work="$(mktemp -d "${TMPDIR:-/tmp}/django-inspectdb.XXXXXX")"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
# django-salesforce 6.0 asks for a licence key with Django 5.2.15 and later.
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  'django-salesforce==6.0' 'Django>=5.2,<5.2.15'
"$work/venv/bin/python" -c 'import django, salesforce; print("Django", django.get_version(), "/ django-salesforce", salesforce.__version__)'

cd "$here"
"$work/venv/bin/python" django_inspectdb.py inspect "$describe_dir" "$work/models"
"$work/venv/bin/python" django_inspectdb.py check "$work/models"
