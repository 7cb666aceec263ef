#!/usr/bin/env bash
# Where a signed-in page's time goes: starts GAS and seeds it as scripts/bench-web.sh does (scripts/lib/web-service.sh),
# puts one route under wrk and, meanwhile, samples the service's managed stacks with dotnet-trace (the project's local
# tool, .config/dotnet-tools.json); then prints the top frames by exclusive and by inclusive share of the busy samples
# (scripts/lib/speedscope-top.py: samples of threads parked in a wait are set aside and counted separately).
# Prints figures only; fails only when the route does not answer 200 or a tool fails.
#
#   ROUTE (/annotations; space-separated for several, each traced in turn; "job" = /annotations/{id} of a seeded job,
#          "/" signed in, "anonymous" = / without a cookie)
#   DURATION (20s, traced)  TOP (25)  JOBS (50)  CONNECTIONS (200)  THREADS (2)  SHARED (../shared)  VCF
#   TRACE (a folder to keep the traces in, web-<route>.nettrace and .speedscope.json; otherwise they go with the service)  NO_BUILD=1  skip the Release build
#   WEB_DLL=PATH  profile that build instead (no build)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
duration=${DURATION:-20s}
top=${TOP:-25}
jobs=${JOBS:-50}
web_script=profile-web
source scripts/lib/web-service.sh
vcf=${VCF:-$web_shared/samples/test.vcf}

web_require_tools "$vcf"
dotnet tool restore >/dev/null
web_build
web_start
web_seed "$jobs" "$vcf"

status=0
for route in ${ROUTE:-/annotations}; do
    cookie=""
    case "$route" in
        anonymous) route="/" ;;
        job) route="/annotations/$web_job"; cookie=$(web_cookie "$route") ;;
        *) cookie=$(web_cookie "$route") ;;
    esac
    name=$(echo "$route" | tr -c 'A-Za-z0-9\n' '-' | sed 's/^-*//; s/^$/home/')
    trace="${TRACE:-$web_work}/web-$name.nettrace"
    seconds=${duration%s}
    web_wrk "$cookie" "$route" 3s >/dev/null
    echo "$web_script: tracing GET $route for $duration under wrk ($web_connections connections)"
    dotnet dotnet-trace collect -p "$web_pid" --profile dotnet-sampled-thread-time -o "$trace" \
        --duration "$(printf '00:00:%02d:%02d' $((seconds / 60)) $((seconds % 60)))" >"$web_work/trace.log" 2>&1 &
    tracer=$!
    sleep 1
    line=$(web_wrk "$cookie" "$route" "$duration")
    wait "$tracer" || { cat "$web_work/trace.log" >&2; echo "$web_script: dotnet-trace failed" >&2; exit 1; }
    load=$(uptime | sed 's/.*load average: //')
    read -r _ rps p50 p99 not_ok socket _ <<<"$line"
    echo "$web_script: GET $route: $rps req/s, p50 $p50 ms, p99 $p99 ms, $((not_ok + socket)) errors (slowed by tracing); load average after: $load"
    # convert names its output <name>.speedscope.json after the -o it is given, less its extension
    dotnet dotnet-trace convert "$trace" --format Speedscope -o "${trace%.nettrace}" >/dev/null
    /usr/bin/python3 scripts/lib/speedscope-top.py "${trace%.nettrace}.speedscope.json" "$top"
    [ $((not_ok + socket)) -eq 0 ] || { echo "$web_script: GET $route answered errors under load" >&2; status=1; }
done
exit "$status"
