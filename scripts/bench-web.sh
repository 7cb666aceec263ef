#!/usr/bin/env bash
# The signed-in pages under load: builds GAS in Release, starts it in local mode on a loopback port over a throwaway data
# directory (with the reference tables from ../shared/refdata), registers a user and submits JOBS jobs through the upload
# form (all COMPLETED by the annotator before measuring), then runs wrk against / (the framework's ceiling: no sign-in,
# no store), /annotations and /annotations/{id}, each with a freshly signed-in browser's cookies (sign-in and antiforgery)
# that follow any re-issued one.
# Prints req/s, p50, p99, errors (answers other than 200 + socket errors), the ratio to / and the service's CPU time per
# request (steadier than req/s when other work shares the machine), with the load average.
# Fails only when a route answers something other than 200 or wrk reports errors; never on the figures.
#
#   CONNECTIONS (200)  THREADS (2)  DURATION (15s)  TIMEOUT (10s, wrk's per-request limit)  JOBS (50)  SHARED (../shared)  VCF ($SHARED/samples/test.vcf)
#   NO_BUILD=1         skip the Release build
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
connections=${CONNECTIONS:-200}
threads=${THREADS:-2}
duration=${DURATION:-15s}
timeout=${TIMEOUT:-10s}
jobs=${JOBS:-50}
shared=${SHARED:-$root/../shared}
vcf=${VCF:-$shared/samples/test.vcf}
web_dll=Gas.RazorPages/bin/Release/net10.0/Gas.RazorPages.dll

command -v wrk >/dev/null || { echo "bench-web: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[ -f "$vcf" ] || { echo "bench-web: $vcf is missing" >&2; exit 2; }
if [ "${NO_BUILD:-0}" != 1 ]; then
    echo "bench-web: building (Release)"
    dotnet build Gas.RazorPages/Gas.RazorPages.csproj -c Release -nologo -v quiet >/dev/null
fi
[ -f "$web_dll" ] || { echo "bench-web: $web_dll is missing; build in Release first" >&2; exit 2; }

work=$(mktemp -d)
service_pid=""
cleanup() {
    if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

reference="$work/reference"
mkdir -p "$reference"
for table in hg19_refFlat_2011.txt.gz hg19_cytoBand.txt.gz gwascatalog_2012-04.txt.gz; do
    [ -f "$shared/refdata/$table" ] || { echo "bench-web: $shared/refdata/$table is missing" >&2; exit 2; }
    ln -s "$shared/refdata/$table" "$reference/"
done

port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
echo "bench-web: starting GAS in local mode at $url"
# The free window is a day so no result is archived while measuring; logs at Warning so the console is not the bottleneck.
(cd Gas.RazorPages && ASPNETCORE_ENVIRONMENT=Production Gas__Admin__Password="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')" \
    exec dotnet "$root/$web_dll" --urls "$url" --Gas:Embedded:DataDirectory="$work/data" \
    --Gas:Engine:ReferenceDirectory="$reference" --Gas:Engine:AutoFetch=false --Gas:Retention:FreeDownloadWindow=1.00:00:00 \
    --Logging:LogLevel:Default=Warning) >"$work/service.log" 2>&1 &
service_pid=$!
deadline=$((SECONDS + 300))
until curl -fsS --max-time 30 -o /dev/null "$url/health" 2>/dev/null; do
    if ! kill -0 "$service_pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
        tail -n 40 "$work/service.log" >&2
        echo "bench-web: the service did not become healthy at $url/health" >&2
        exit 1
    fi
    sleep 1
done

echo "bench-web: seeding $jobs jobs ($(basename "$vcf")) through the upload form"
read -r email password job < <(/usr/bin/python3 scripts/bench-web.py seed "$url" "$vcf" "$jobs") || true
[ -n "${job:-}" ] || { tail -n 20 "$work/service.log" >&2; echo "bench-web: seeding failed" >&2; exit 1; }

# The service's CPU time (user + system, in clock ticks) so far: CPU per request holds up better than req/s on a busy machine.
service_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$service_pid/stat"; }
ticks=$(getconf CLK_TCK)

routes=("/" "/annotations" "/annotations/$job")
names=("/" "/annotations" "/annotations/{id}")
status=0
results=()
for i in "${!routes[@]}"; do
    route=${routes[$i]}
    cookie=$(/usr/bin/python3 scripts/bench-web.py login "$url" "$email" "$password")
    answer=$(/usr/bin/python3 scripts/bench-web.py check "$url" "$cookie" "$route")
    if [ "$answer" != 200 ]; then
        echo "bench-web: GET $route answered $answer before the run" >&2
        status=1
    fi
    # a short warm-up (JIT, caches), then the measured run
    BENCH_COOKIE=$cookie wrk -t "$threads" -c "$connections" -d 3s --timeout "$timeout" -s scripts/lib/bench-web.lua "$url$route" >/dev/null
    cpu_before=$(service_cpu_ticks)
    line=$(BENCH_COOKIE=$cookie wrk -t "$threads" -c "$connections" -d "$duration" --timeout "$timeout" -s scripts/lib/bench-web.lua "$url$route" | grep '^BENCH ')
    results+=("${names[$i]} $line $(($(service_cpu_ticks) - cpu_before))")
done
load=$(uptime | sed 's/.*load average: //')

echo
echo "wrk: $connections connections, $threads threads, $duration per route; $jobs jobs; $(nproc) cores; load average after: $load"
echo
echo "| route | req/s | p50 ms | p99 ms | errors | vs / | service CPU ms/request |"
echo "|---|---:|---:|---:|---:|---:|---:|"
ceiling=""
for result in "${results[@]}"; do
    read -r name _ rps p50 p99 not_ok socket total cpu <<<"$result"
    [ -n "$ceiling" ] || ceiling=$rps
    errors=$((not_ok + socket))
    [ "$errors" -eq 0 ] || status=1
    printf '| `GET %s` | %.0f | %.1f | %.1f | %d | %.2f | %.3f |\n' "$name" "$rps" "$p50" "$p99" "$errors" \
        "$(awk -v a="$rps" -v b="$ceiling" 'BEGIN { print a / b }')" \
        "$(awk -v c="$cpu" -v t="$ticks" -v n="$total" 'BEGIN { print (n > 0 ? c * 1000 / t / n : 0) }')"
done
if grep -q "^fail: \|Unhandled exception" "$work/service.log"; then
    echo "bench-web: the service logged errors (first lines below):"
    grep -A 3 "^fail: \|Unhandled exception" "$work/service.log" | head -n 20
fi
[ "$status" -eq 0 ] || echo "bench-web: FAILED, a route answered something other than 200 (errors above)" >&2
exit "$status"
