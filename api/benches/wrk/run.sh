#!/bin/sh
# Runs the wrk matrix against a running `ruta serve`:
#   participants.lua at each of RUTA_LEVELS connections, then mixed.lua at RUTA_MIXED_LEVELS.
#
#   RUTA_URL=http://127.0.0.1:8080 RUTA_TOKEN=$(ruta token create --role staff --subject staff-bench) \
#     api/benches/wrk/run.sh
#
# Optional: RUTA_LEVELS (default "1 4 8 32 64 256"), RUTA_MIXED_LEVELS (default "64"),
# RUTA_DURATION (default 10s), RUTA_THREADS (default 2), RUTA_TIMEOUT (wrk's --timeout,
# default 2s: an answer later than that is a "timeout" socket error, not a latency).
# Beware: wrk reports nothing about requests still unanswered when the run ends; a server that
# stops answering shows as few "requests" and no errors. The Rust bench (`--bench load`) counts
# those too.
# Prints each wrk report after the machine's load average (`uptime`).
set -eu
: "${RUTA_URL:?set RUTA_URL, e.g. http://127.0.0.1:8080}"
: "${RUTA_TOKEN:?set RUTA_TOKEN to a staff token}"
export RUTA_TOKEN
here=$(cd "$(dirname "$0")" && pwd)
levels=${RUTA_LEVELS:-1 4 8 32 64 256}
mixed_levels=${RUTA_MIXED_LEVELS:-64}
duration=${RUTA_DURATION:-10s}
threads=${RUTA_THREADS:-2}
timeout=${RUTA_TIMEOUT:-2s}

run() {
  script=$1
  connections=$2
  t=$threads
  [ "$connections" -lt "$t" ] && t=$connections
  echo "=== $script, $connections connections, $duration ($(date -u +%H:%M:%S) UTC)"
  echo "load before: $(uptime)"
  wrk -t"$t" -c"$connections" -d"$duration" --timeout "$timeout" --latency \
    -s "$here/$script" "$RUTA_URL"
  echo "load after: $(uptime)"
  echo
}

# One request first, so a wrong token or URL fails loudly instead of as 10 s of 401s.
status=$(curl -s -o /dev/null -w '%{http_code}' "$RUTA_URL/api/v1/search/courses?q=contabilidad")
[ "$status" = 200 ] || { echo "search answered $status" >&2; exit 1; }

for c in $levels; do run participants.lua "$c"; done
for c in $mixed_levels; do run mixed.lua "$c"; done
