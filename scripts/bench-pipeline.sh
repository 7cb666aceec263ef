#!/usr/bin/env bash
# The pipeline benchmark in local mode (Release): for each annotator concurrency (1, 2, 4) it starts GAS (web + util +
# annotator in one process) over a fresh data directory, floods it with `Gas.Annotator load --count N` and prints jobs/s;
# then upload → COMPLETED p50 for ../shared/samples/premium_2.vcf, one job at a time; then the archive sweep's reads at
# 100,000 stored jobs, none due and 100 due. Prints figures with the load average; never fails on speed (only when a
# job fails or the service does not start).
#
#   scripts/bench-pipeline.sh                       # 500 jobs per concurrency, 20 latency jobs
#   COUNT=100 LATENCY_JOBS=10 CONCURRENCIES="1 2" scripts/bench-pipeline.sh
#   NO_BUILD=1                                      # use the Release build already there
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
count=${COUNT:-500}
latency_jobs=${LATENCY_JOBS:-20}
concurrencies=${CONCURRENCIES:-1 2 4}
sample="$root/../shared/samples/premium_2.vcf"
web_dll=Gas.RazorPages/bin/Release/net10.0/Gas.RazorPages.dll
annotator_dll=Gas.Annotator/bin/Release/net10.0/Gas.Annotator.dll

if [ "${NO_BUILD:-0}" != 1 ]; then
    echo "bench-pipeline: building (Release)"
    dotnet build Gas.RazorPages/Gas.RazorPages.csproj -c Release -nologo -v quiet >/dev/null
    dotnet build Gas.Annotator/Gas.Annotator.csproj -c Release -nologo -v quiet >/dev/null
fi
[ -f "$sample" ] || { echo "bench-pipeline: $sample is missing" >&2; exit 2; }

work=$(mktemp -d)
service_pid=""
stop_service() {
    if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then
        kill "$service_pid" 2>/dev/null || true
        wait "$service_pid" 2>/dev/null || true
    fi
    service_pid=""
}
trap 'stop_service; rm -rf "$work"' EXIT

start_service() { # data-dir concurrency
    port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    url="http://127.0.0.1:$port"
    (cd Gas.RazorPages && Gas__Admin__Password='Bench-Admin-Marigold-58' ASPNETCORE_ENVIRONMENT=Production Gas__Engine__AutoFetch=false \
        Gas__Annotator__Concurrency="$2" exec dotnet "$root/$web_dll" --urls "$url" --Gas:Embedded:DataDirectory="$1") >"$1.log" 2>&1 &
    service_pid=$!
    local deadline=$((SECONDS + ${HEALTH_TIMEOUT:-300}))
    until curl -fsS --max-time 30 -o /dev/null "$url/health" 2>/dev/null; do
        if ! kill -0 "$service_pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
            tail -n 40 "$1.log" >&2
            echo "bench-pipeline: the service did not become healthy" >&2
            exit 1
        fi
        sleep 1
    done
}

echo "bench-pipeline: $(date -u +%FT%TZ), $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for c in $concurrencies; do
    data="$work/data-c$c"
    start_service "$data" "$c"
    result=$(dotnet "$annotator_dll" load --count "$count" --users 10 --wait --poll 1 --timeout 1800 \
        --Gas:Embedded:DataDirectory="$data" 2>/dev/null | grep -E "jobs/s" | tail -n 1)
    echo "bench-pipeline: concurrency $c: $result (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    stop_service
done

data="$work/data-latency"
start_service "$data" 1
dotnet "$annotator_dll" load --latency "$sample" --count "$latency_jobs" --Gas:Embedded:DataDirectory="$data" \
    | sed "s/\$/ (load average $(cut -d' ' -f1-3 /proc/loadavg); the load command is another process: the service notices its sends within its 50 ms poll)/"
stop_service

for due in 0 100; do
    echo "bench-pipeline: $(dotnet "$annotator_dll" bench-sweep --jobs 100000 --due "$due") (load average $(cut -d' ' -f1-3 /proc/loadavg))"
done
