#!/usr/bin/env bash
# Profiles the pipeline in local mode (Release): starts GAS (web + util + annotator in one process) over a fresh data
# directory, attaches dotnet-trace (the tool manifest's version; the default sampled thread-time profile), floods it with
# `Gas.Annotator load --count N`, and prints the top frames by exclusive and inclusive samples. Threads parked in a wait
# (idle pollers, the thread pool's idle workers) are counted apart, so the tables show where running time goes.
#
#   scripts/profile-pipeline.sh                 # 500 jobs at concurrency 2
#   COUNT=200 CONCURRENCY=4 TOP=30 SECONDS_TRACED=40 scripts/profile-pipeline.sh   # the trace covers the run's first 40 s
#   NO_BUILD=1 KEEP=/tmp/pipeline.nettrace      # use the Release build there; keep the trace
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
count=${COUNT:-500}
concurrency=${CONCURRENCY:-2}
top=${TOP:-25}
traced=${SECONDS_TRACED:-30}
web_dll=Gas.RazorPages/bin/Release/net10.0/Gas.RazorPages.dll
annotator_dll=Gas.Annotator/bin/Release/net10.0/Gas.Annotator.dll

if [ "${NO_BUILD:-0}" != 1 ]; then
    echo "profile-pipeline: building (Release)"
    dotnet build Gas.RazorPages/Gas.RazorPages.csproj -c Release -nologo -v quiet >/dev/null
    dotnet build Gas.Annotator/Gas.Annotator.csproj -c Release -nologo -v quiet >/dev/null
fi
dotnet tool restore >/dev/null

work=$(mktemp -d)
service_pid=""
trace_pid=""
cleanup() {
    if [ -n "$trace_pid" ] && kill -0 "$trace_pid" 2>/dev/null; then kill "$trace_pid" 2>/dev/null || true; fi
    if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then
        kill "$service_pid" 2>/dev/null || true
        wait "$service_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

data="$work/data"
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
(cd Gas.RazorPages && Gas__Admin__Password='Bench-Admin-Marigold-58' ASPNETCORE_ENVIRONMENT=Production Gas__Engine__AutoFetch=false \
    Gas__Annotator__Concurrency="$concurrency" exec dotnet "$root/$web_dll" --urls "$url" --Gas:Embedded:DataDirectory="$data") >"$work/service.log" 2>&1 &
service_pid=$!
deadline=$((SECONDS + ${HEALTH_TIMEOUT:-300}))
until curl -fsS --max-time 30 -o /dev/null "$url/health" 2>/dev/null; do
    if ! kill -0 "$service_pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
        tail -n 40 "$work/service.log" >&2
        echo "profile-pipeline: the service did not become healthy" >&2
        exit 1
    fi
    sleep 1
done

trace="$work/pipeline.nettrace"
echo "profile-pipeline: $(date -u +%FT%TZ), $(nproc) cores, concurrency $concurrency, $count jobs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# A fixed duration rather than a signal: a background job of a script ignores SIGINT.
duration=$(printf '00:%02d:%02d:%02d' $((traced / 3600)) $((traced % 3600 / 60)) $((traced % 60)))
dotnet dotnet-trace collect -p "$service_pid" -o "$trace" --duration "$duration" </dev/null >"$work/trace.log" 2>&1 &
trace_pid=$!
until grep -q "Process" "$work/trace.log" 2>/dev/null || ! kill -0 "$trace_pid" 2>/dev/null; do sleep 0.2; done
dotnet "$annotator_dll" load --count "$count" --users 10 --wait --poll 1 --timeout 1800 --Gas:Embedded:DataDirectory="$data" 2>/dev/null \
    | grep -E "jobs/s" | sed 's/^/profile-pipeline: /'
wait "$trace_pid" || true
trace_pid=""
[ -s "$trace" ] || { cat "$work/trace.log" >&2; echo "profile-pipeline: no trace was written" >&2; exit 1; }
[ -n "${KEEP:-}" ] && cp "$trace" "$KEEP"

dotnet dotnet-trace convert "$trace" --format Speedscope -o "$work/pipeline" >/dev/null
/usr/bin/python3 "$root/scripts/lib/speedscope-top.py" "$work/pipeline.speedscope.json" "$top"
