#!/usr/bin/env bash
# Create .venv with the pinned dependencies and compile the translations.
# Usage: scripts/setup.sh [--test]   (--test adds the test tools: pytest, BeautifulSoup, Playwright,
# hypothesis, bandit, and locust for bench/reliability/load.py)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
extras=""
[ "${1:-}" = "--test" ] && extras="[test,load]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".${extras}"
.venv/bin/pybabel compile --use-fuzzy -d kmapp/translations >/dev/null 2>&1 || .venv/bin/pybabel compile -d kmapp/translations
