#!/usr/bin/env bash
# The load check in local mode: builds GAS, starts it (web + util + annotator in one process) on a free
# loopback port over a throwaway data directory, runs the headless Locust check against it, then floods the
# job-request queue with the annotator load generator and waits for every job to be COMPLETED. Prints
# requests/s, p50/p99 and failures, then jobs/s; exits non-zero on any failed request or any job not COMPLETED.
#
#   scripts/load-local.sh                                  # 200 users, 20/s, 30 s; 50 jobs
#   USERS=50 DURATION=15s JOBS=20 scripts/load-local.sh    # smaller
#   JOBS=500 JOB_TIMEOUT=1800 scripts/load-local.sh        # the README's full-size annotator run
#
# USERS, SPAWN_RATE, DURATION go to scripts/load-check.sh; JOBS, JOB_USERS, JOB_TIMEOUT (s) to
# `Gas.Annotator load`; ANNOTATOR_CONCURRENCY sets Gas:Annotator:Concurrency (default: the app's, 1);
# NO_BUILD=1 skips the build (scripts/test.sh has just built everything in Release).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

jobs=${JOBS:-50}
job_users=${JOB_USERS:-10}
job_timeout=${JOB_TIMEOUT:-600}
web_dll=Gas.RazorPages/bin/Release/net10.0/Gas.RazorPages.dll
annotator_dll=Gas.Annotator/bin/Release/net10.0/Gas.Annotator.dll

if [ "${NO_BUILD:-0}" != 1 ]; then
    echo "load-local: building (Release)"
    dotnet build Gas.RazorPages/Gas.RazorPages.csproj -c Release -nologo -v quiet >/dev/null
    dotnet build Gas.Annotator/Gas.Annotator.csproj -c Release -nologo -v quiet >/dev/null
fi

for dll in "$web_dll" "$annotator_dll"; do
    if [ ! -f "$dll" ]; then
        echo "load-local: $dll is missing; build in Release first (or leave NO_BUILD unset)" >&2
        exit 1
    fi
done

work=$(mktemp -d)
data="$work/data"
log="$work/service.log"
service_pid=""
stop_service() {
    if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then
        kill "$service_pid" 2>/dev/null || true
        wait "$service_pid" 2>/dev/null || true
    fi
    service_pid=""
}
cleanup() {
    stop_service
    rm -rf "$work"
}
trap cleanup EXIT

port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
if [ -n "${ANNOTATOR_CONCURRENCY:-}" ]; then
    export Gas__Annotator__Concurrency=$ANNOTATOR_CONCURRENCY
fi

echo "load-local: starting GAS in local mode at $url (data in $data)"
# Run from the project folder so the content root (wwwroot, appsettings.json) is the project's.
# Gas__Engine__AutoFetch=false: offline, no first-run download of hg19 (the load check measures the service, not UCSC).
(cd Gas.RazorPages && Gas__Admin__Password='Load-Admin-Marigold-58' ASPNETCORE_ENVIRONMENT=Production Gas__Engine__AutoFetch=false \
    exec dotnet "$root/$web_dll" --urls "$url" --Gas:Embedded:DataDirectory="$data") >"$log" 2>&1 &
service_pid=$!

# Minutes, not seconds: a JIT start-up on a busy machine is slow (it answers in about 30 s at load 10 on 2 cores).
started=$SECONDS
health_timeout=${HEALTH_TIMEOUT:-300}
deadline=$((SECONDS + health_timeout))
until curl -fsS --max-time 30 -o /dev/null "$url/health" 2>/dev/null; do
    if ! kill -0 "$service_pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
        tail -n 40 "$log" >&2
        echo "load-local: FAILED, the service did not become healthy at $url/health within ${health_timeout} s (its log's tail above)" >&2
        exit 1
    fi
    sleep 1
done
echo "load-local: healthy after $((SECONDS - started)) s"

status=0
echo "load-local: web tier"
"$root/scripts/load-check.sh" "$url" || status=1

echo "load-local: annotator tier, $jobs jobs for $job_users test users"
dotnet "$annotator_dll" load --count "$jobs" --users "$job_users" --wait --timeout "$job_timeout" \
    --Gas:Embedded:DataDirectory="$data" || status=1

if ! kill -0 "$service_pid" 2>/dev/null; then
    echo "load-local: FAILED, the service stopped during the run" >&2
    status=1
fi
if grep -q " fail: \|^fail: \|Unhandled exception" "$log"; then
    echo "load-local: the service logged errors (first lines below):"
    grep -A 3 "^fail: \|Unhandled exception" "$log" | head -n 20
fi
stop_service

if [ "$status" -eq 0 ]; then
    echo "load-local: OK"
else
    echo "load-local: FAILED" >&2
fi
exit "$status"
