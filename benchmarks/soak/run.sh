#!/usr/bin/env bash
# Soak benchmark: the bot (Release) on a loopback port with a fresh database, a short warm-up, then wrk with mixed
# traffic (mixed.lua) for DURATION; prints throughput, latency percentiles, answers by status, and the process's
# resident memory after the warm-up and at the end. Loopback only; the process is stopped on exit.
#   benchmarks/soak/run.sh [DURATION=60s] [CONNECTIONS=16] [THREADS=2]
# SOAK_POSTGRES=<connection string> runs it on PostgreSQL (see below).
# SOAK_KEEP_LIMITS=1 keeps the per-address rate limits (every virtual user shares 127.0.0.1, so expect 429s).
set -euo pipefail

DURATION=${1:-60s}
CONNECTIONS=${2:-16}
THREADS=${3:-2}
PORT=${SOAK_PORT:-5097}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${ACTIONMONTH_SHARED:-$ROOT/../shared}

command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install -y wrk)" >&2; exit 2; }
[ -d "$SHARED/corpus" ] || echo "warning: no official corpus at $SHARED/corpus (set ACTIONMONTH_SHARED); guides and FAQ only" >&2

WORK=$(mktemp -d)
PID=""
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

cd "$ROOT"
dotnet build -c Release src/ActionMonth.Bot -v quiet -nologo >/dev/null

export ASPNETCORE_URLS="http://127.0.0.1:$PORT"
export ASPNETCORE_ENVIRONMENT=Production
# SOAK_POSTGRES=<Npgsql connection string to an existing, empty database> soaks the PostgreSQL provider instead.
if [ -n "${SOAK_POSTGRES:-}" ]; then
  export Storage__Provider=Postgres Storage__ConnectionString="$SOAK_POSTGRES"
else
  export Storage__ConnectionString="Data Source=$WORK/soak.db"
fi
export Knowledge__IndexPath="$WORK/index"
export Knowledge__ExtraSources__0="$SHARED/corpus"
export Logging__LogLevel__Default=Warning
export Bot__RateLimit__Burst=1000000
METRICS_KEY=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
export Observability__MetricsApiKey="$METRICS_KEY"
if [ "${SOAK_KEEP_LIMITS:-0}" != 1 ]; then
  for policy in Messages Search; do
    export "Hardening__RateLimits__${policy}__Burst=1000000" "Hardening__RateLimits__${policy}__PerMinute=1000000"
  done
fi

dotnet src/ActionMonth.Bot/bin/Release/net10.0/ActionMonth.Bot.dll >"$WORK/bot.log" 2>&1 &
PID=$!
for _ in $(seq 1 180); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/bot.log" >&2; exit 1; }
  sleep 1
done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "the bot did not become healthy" >&2; exit 1; }

rss() { awk '/VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$PID/status"; }
# The managed heap after the last GC (from the runtime's own meter): tells heap growth from native or cached memory.
heap() {
  curl -fsS -H "Authorization: Bearer $METRICS_KEY" "http://127.0.0.1:$PORT/metrics" \
    | awk '/^dotnet_gc_last_collection_heap_size_bytes/ { sum += $NF } END { printf "%.0f MiB", sum / 1048576 }'
}
# With SOAK_GCDUMP=1 and dotnet-gcdump installed (dotnet tool install -g dotnet-gcdump): the live heap after a full
# collection, after the warm-up and at the end. The heap figure above includes garbage not yet collected.
live() {
  command -v dotnet-gcdump >/dev/null || { echo "dotnet-gcdump not installed"; return; }
  dotnet-gcdump collect -p "$PID" -o "$WORK/heap.gcdump" >/dev/null 2>&1 || { echo "gcdump failed"; return; }
  dotnet-gcdump report "$WORK/heap.gcdump" 2>/dev/null \
    | awk '/GC Heap bytes/ { gsub(",", "", $1); b = $1 } /GC Heap objects/ { gsub(",", "", $1); o = $1 } END { printf "%.1f MB in %d objects", b / 1e6, o }'
}
echo "warm-up 10 s…"
wrk -t "$THREADS" -c "$CONNECTIONS" -d 10s -s benchmarks/soak/mixed.lua "http://127.0.0.1:$PORT" >/dev/null
echo "memory after warm-up: resident $(rss), managed heap $(heap)"
[ "${SOAK_GCDUMP:-0}" = 1 ] && echo "live heap after a full collection, after the warm-up: $(live)"
echo "load before: $(uptime)"
LOG_START=$(wc -l <"$WORK/bot.log")
# Memory once a minute during the run: flat memory is a series that levels off, not two end points.
( elapsed=0; while sleep 60; do elapsed=$((elapsed + 60)); echo "  memory at ${elapsed} s: resident $(rss), managed heap $(heap)"; done ) &
SAMPLER=$!
wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --timeout 10s --latency -s benchmarks/soak/mixed.lua "http://127.0.0.1:$PORT"
kill "$SAMPLER" 2>/dev/null || true
echo "memory at the end: resident $(rss), managed heap $(heap)"
[ "${SOAK_GCDUMP:-0}" = 1 ] && echo "live heap after a full collection, at the end: $(live)"
echo "load after: $(uptime)"
echo "bot metrics:"
curl -fsS -H "Authorization: Bearer $METRICS_KEY" "http://127.0.0.1:$PORT/metrics" \
  | grep -E '^actionmonth_(activities_total|safety_assessments_total|escalations_total|rate_limit_rejections_total|outbox_pending|turn_duration_seconds_count)' || true
# Errors during the measured run only (the start-up probes before the index loads are expected).
tail -n +"$((LOG_START + 1))" "$WORK/bot.log" >"$WORK/run.log"
echo "errors logged during the run: $(grep -c -E '^(fail|crit)' "$WORK/run.log" || true)"
grep -E -A2 '^(fail|crit)' "$WORK/run.log" | head -20 || true
