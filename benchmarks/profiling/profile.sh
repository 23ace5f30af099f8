#!/bin/bash
# Profiles one target of the load benchmark under wrk load with perf, then breaks the server's samples down by stage.
# usage: benchmarks/profiling/profile.sh OUT_DIR [echo|bot] [messages=160000] [seconds=20]
# Needs perf and wrk; run from the repository root after a Release build of benchmarks/ActionMonth.Bot.Benchmarks.
set -euo pipefail
OUT=$1; TARGET=${2:-bot}; MESSAGES=${3:-160000}; SECONDS_RECORDED=${4:-20}
mkdir -p "$OUT"
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
dotnet benchmarks/ActionMonth.Bot.Benchmarks/bin/Release/net10.0/ActionMonth.Bot.Benchmarks.dll profile "$TARGET" "$MESSAGES" > "$OUT/$TARGET.log" 2>&1 &
RUN=$!
for _ in $(seq 1 300); do grep -q "profile window," "$OUT/$TARGET.log" && break; sleep 1; done
PID=$(grep -o "^pid [0-9]*" "$OUT/$TARGET.log" | cut -d' ' -f2)
# A few seconds into the window, so the first round's start is not in it.
sleep 3
perf record -F 1999 -g -p "$PID" -o "$OUT/$TARGET.data" -- sleep "$SECONDS_RECORDED" > /dev/null 2>&1
wait $RUN
perf script -i "$OUT/$TARGET.data" 2> /dev/null > "$OUT/$TARGET.stacks.txt"
grep "msg/s" "$OUT/$TARGET.log"
python3 "$(dirname "$0")/stages.py" "$OUT/$TARGET.stacks.txt"
