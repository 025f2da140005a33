#!/usr/bin/env bash
# One command: install, create the database, load the demo programme, serve on :5000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export FLASK_APP=kmapp
.venv/bin/flask init-db
.venv/bin/flask seed-demo --if-empty
echo "Portal KM: http://127.0.0.1:5000  (login: admin / demo12345)"
exec .venv/bin/waitress-serve --listen=127.0.0.1:5000 --threads=8 --connection-limit=1000 --channel-timeout=60 --call kmapp:create_app
