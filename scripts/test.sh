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
# The tests' folders (SQLite files, indexes, uploads) on tmpfs when it has room (8 GB): thousands
# of small commits then wait for no disk flush. Removed after a green run; kept for a failed one.
basetemp=()
if [ -d /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR==2 {print $4}')" -gt 8000000 ]; then
  tmp=$(mktemp -d /dev/shm/kmapp-tests.XXXXXX)
  basetemp=(--basetemp "$tmp/run")
fi
# Two pytest-xdist workers (TEST_WORKERS=0: one process); tests/xdist_scheduling.py keeps the
# tests that share a seeded demo on one worker.
status=0
.venv/bin/python -m pytest -n "${TEST_WORKERS:-2}" "${basetemp[@]}" "$@" || status=$?
if [ -n "${tmp:-}" ]; then
  if [ "$status" = 0 ]; then rm -rf "$tmp"; else echo "test folders kept in $tmp"; fi
fi
exit "$status"
