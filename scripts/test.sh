#!/usr/bin/env bash
# One command: install everything the tests need, then run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
# The browser tests drive Debian's Chromium (never a downloaded browser).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "warning: could not install chromium; browser tests will be skipped"
  fi
fi
# axe-core for the accessibility tests, at the version locked in tests/browser/package-lock.json.
if [ ! -f tests/browser/node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null 2>&1; then
  npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error \
    || echo "warning: npm ci failed; the accessibility tests will fail"
fi
# Prove the PostgreSQL path when a server is reachable on this machine.
if [ -z "${TEST_DATABASE_URL:-}" ] && command -v pg_isready >/dev/null 2>&1 \
   && pg_isready -q -h 127.0.0.1 -p 5432; then
  export TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:5432/test"
fi
exec .venv/bin/python -m pytest "$@"
