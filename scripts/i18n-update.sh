#!/usr/bin/env bash
# Refresh the English catalogue after UI strings changed (Indonesian is the source language):
# extract, merge into kmapp/translations/en, then fill the new entries and compile.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o /tmp/kmapp-messages.pot . >/dev/null 2>&1
.venv/bin/pybabel update -i /tmp/kmapp-messages.pot -d kmapp/translations --no-fuzzy-matching -w 100 >/dev/null 2>&1
grep -c '^msgstr ""$' kmapp/translations/en/LC_MESSAGES/messages.po || true
