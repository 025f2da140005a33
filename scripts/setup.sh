#!/usr/bin/env bash
# Create .venv with the pinned dependencies and compile the translations.
# Usage: scripts/setup.sh [--test]   (--test adds the test tools: pytest, BeautifulSoup, Playwright,
# hypothesis, bandit, and locust for bench/reliability/load.py)
set -euo pipefail
cd "$(dirname "$0")/.."
# Text recognition of scans (kmapp/ocr) uses Debian's Tesseract with Indonesian and English
# data; as root on Debian/Ubuntu it is installed here. Without it the portal works and says so.
if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -qx ind; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng >/dev/null) \
      || echo "warning: could not install tesseract; scans will not be recognised (see README)"
  else
    echo "note: tesseract-ocr with Indonesian data is not installed; scans will not be recognised (see README)"
  fi
fi
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
extras=""
[ "${1:-}" = "--test" ] && extras="[test,load]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".${extras}"
.venv/bin/pybabel compile --use-fuzzy -d kmapp/translations >/dev/null 2>&1 || .venv/bin/pybabel compile -d kmapp/translations
