#!/usr/bin/env bash
# The signed-in pages under load: builds GAS in Release, starts it in local mode on a loopback port over a throwaway data
# directory (with the reference tables from ../shared/refdata), registers a user and submits JOBS jobs through the upload
# form (all COMPLETED by the annotator before measuring), then runs wrk against / anonymous (the framework's ceiling: no
# sign-in, no store), / signed in (the signed-in pipeline and layout alone), /annotations and /annotations/{id}, the
# signed-in ones each with a freshly signed-in browser's cookies (sign-in and antiforgery) that follow any re-issued one.
# Prints req/s, p50, p99, errors (answers other than 200 + socket errors), the ratio to anonymous / and the service's CPU
# time per request (steadier than req/s when other work shares the machine), with the load average.
# The service, seeding and wrk pieces live in scripts/lib/web-service.sh (shared with scripts/profile-web.sh).
# Fails only when a route answers something other than 200 or wrk reports errors; never on the figures.
#
#   CONNECTIONS (200)  THREADS (2)  DURATION (15s)  TIMEOUT (10s, wrk's per-request limit)  JOBS (50)  SHARED (../shared)  VCF ($SHARED/samples/test.vcf)
#   NO_BUILD=1         skip the Release build
#   WEB_DLL=PATH       measure that build instead (no build), e.g. a copy of main's Release output for a before/after
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
duration=${DURATION:-15s}
jobs=${JOBS:-50}
web_script=bench-web
source scripts/lib/web-service.sh
vcf=${VCF:-$web_shared/samples/test.vcf}
connections=$web_connections
threads=$web_threads

web_require_tools "$vcf"
web_build
web_start
web_seed "$jobs" "$vcf"
ticks=$(getconf CLK_TCK)

routes=("/" "/" "/annotations" "/annotations/$web_job")
names=("/ (anonymous)" "/" "/annotations" "/annotations/{id}")
status=0
results=()
for i in "${!routes[@]}"; do
    route=${routes[$i]}
    cookie=""
    [ "$i" -eq 0 ] || cookie=$(web_cookie "$route") || status=1
    # a short warm-up (JIT, caches), then the measured run
    web_wrk "$cookie" "$route" 3s >/dev/null
    cpu_before=$(web_cpu_ticks)
    line=$(web_wrk "$cookie" "$route" "$duration")
    results+=("${names[$i]} $line $(($(web_cpu_ticks) - cpu_before))")
done
load=$(uptime | sed 's/.*load average: //')

echo
echo "wrk: $connections connections, $threads threads, $duration per route; $jobs jobs; $(nproc) cores; load average after: $load"
echo
echo "| route | req/s | p50 ms | p99 ms | errors | vs anonymous / | service CPU ms/request |"
echo "|---|---:|---:|---:|---:|---:|---:|"
ceiling=""
for result in "${results[@]}"; do
    name=${result%% BENCH *}
    read -r rps p50 p99 not_ok socket total cpu <<<"${result#* BENCH }"
    [ -n "$ceiling" ] || ceiling=$rps
    errors=$((not_ok + socket))
    [ "$errors" -eq 0 ] || status=1
    printf '| `GET %s` | %.0f | %.1f | %.1f | %d | %.2f | %.3f |\n' "$name" "$rps" "$p50" "$p99" "$errors" \
        "$(awk -v a="$rps" -v b="$ceiling" 'BEGIN { print a / b }')" \
        "$(awk -v c="$cpu" -v t="$ticks" -v n="$total" 'BEGIN { print (n > 0 ? c * 1000 / t / n : 0) }')"
done
if grep -q "^fail: \|Unhandled exception" "$web_work/service.log"; then
    echo "bench-web: the service logged errors (first lines below):"
    grep -A 3 "^fail: \|Unhandled exception" "$web_work/service.log" | head -n 20
fi
[ "$status" -eq 0 ] || echo "bench-web: FAILED, a route answered something other than 200 (errors above)" >&2
exit "$status"
