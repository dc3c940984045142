#!/usr/bin/env bash
# Schemathesis over the Open311 and open-data OpenAPI descriptions with every check (not only
# "no server error"), a fixed seed, against the app served the production way: gunicorn sync
# workers, settings.local (DEBUG off), a fresh SQLite in its own var directory. Exit 1 on any
# failed check. Run by .ci/run; kept to about two minutes on the project's 2-core machines.
set -euo pipefail
cd "$(dirname "$0")/.."
SEED="${SCHEMATHESIS_SEED:-22}"
EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-30}"
var="$(mktemp -d)"
port="$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export DJANGO_SETTINGS_MODULE=giamngheo.settings.local GIAMNGHEO_VAR_DIR="$var" PYTHONUNBUFFERED=1
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$var"
}
trap cleanup EXIT

.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py collectstatic --noinput -v 0
.venv/bin/gunicorn giamngheo.wsgi:application --preload --worker-class sync --workers 2 \
  --bind "127.0.0.1:${port}" --timeout 60 --error-logfile "$var/gunicorn.log" &
pid=$!
base="http://127.0.0.1:${port}"
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$base/open311/v2/services.json" 2>/dev/null && break
  sleep 1
done

status=0
# Both descriptions gate CI. On this fresh database the open-data calls mostly meet "no such unit
# / no data" (404, JSON problem body); the same run against a database with `load_demo` loaded also
# passes (issue 22: 250 cases, 0 failures, seed 22) — do that by hand when the open data change.
for spec in ${SCHEMATHESIS_SPECS:-/open311/v2/openapi.json /du-lieu-mo/api/openapi.json}; do
  echo "-- schemathesis $spec (seed $SEED, $EXAMPLES examples an operation)"
  .venv/bin/st run "$base$spec" --url "$base" --checks all --seed "$SEED" \
    --max-examples "$EXAMPLES" --workers 2 --generation-deterministic \
    --request-timeout 20 || status=$?
done
exit "$status"
