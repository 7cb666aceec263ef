# The pieces scripts/bench-web.sh and scripts/profile-web.sh share: build GAS in Release, start it in local mode on a
# loopback port over a throwaway data directory (reference tables from ../shared/refdata), seed a user with jobs through
# the upload form, sign in for a run, and run wrk with the cookie-following script. Source it from a script run at the
# repository root; the caller's `set -euo pipefail` applies. Prefix for messages: $web_script (the caller's name).
#
#   web_require_tools             wrk present, the VCF present
#   web_build                     Release build unless NO_BUILD=1
#   web_start                     sets web_work, web_url, web_pid; stopped and removed on EXIT
#   web_seed JOBS VCF             sets web_email, web_password, web_job (all jobs COMPLETED)
#   web_cookie ROUTE              a fresh sign-in's Cookie header, after checking ROUTE answers 200 with it
#   web_wrk COOKIE ROUTE DURATION one wrk run; prints its "BENCH rps p50 p99 not_ok socket total" line

web_script=${web_script:-web}
web_shared=${SHARED:-$PWD/../shared}
# WEB_DLL: another build to measure (e.g. a copy of main's Release output, for a before/after in the same window).
web_dll=${WEB_DLL:-$PWD/Gas.RazorPages/bin/Release/net10.0/Gas.RazorPages.dll}
web_connections=${CONNECTIONS:-200}
web_threads=${THREADS:-2}
web_timeout=${TIMEOUT:-10s}
web_work=""
web_pid=""

web_require_tools() {
    command -v wrk >/dev/null || { echo "$web_script: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
    [ -f "$1" ] || { echo "$web_script: $1 is missing" >&2; exit 2; }
}

web_build() {
    if [ "${NO_BUILD:-0}" != 1 ] && [ -z "${WEB_DLL:-}" ]; then
        echo "$web_script: building (Release)"
        dotnet build Gas.RazorPages/Gas.RazorPages.csproj -c Release -nologo -v quiet >/dev/null
    fi
    [ -f "$web_dll" ] || { echo "$web_script: $web_dll is missing; build in Release first" >&2; exit 2; }
}

web_stop() {
    if [ -n "$web_pid" ] && kill -0 "$web_pid" 2>/dev/null; then kill "$web_pid"; wait "$web_pid" 2>/dev/null || true; fi
    [ -z "$web_work" ] || rm -rf "$web_work"
}

web_start() {
    web_work=$(mktemp -d)
    trap web_stop EXIT
    local reference="$web_work/reference" table port
    mkdir -p "$reference"
    for table in hg19_refFlat_2011.txt.gz hg19_cytoBand.txt.gz gwascatalog_2012-04.txt.gz; do
        [ -f "$web_shared/refdata/$table" ] || { echo "$web_script: $web_shared/refdata/$table is missing" >&2; exit 2; }
        ln -s "$web_shared/refdata/$table" "$reference/"
    done
    port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    web_url="http://127.0.0.1:$port"
    echo "$web_script: starting GAS in local mode at $web_url"
    # The free window is a day so no result is archived while measuring; logs at Warning so the console is not the bottleneck.
    (cd Gas.RazorPages && ASPNETCORE_ENVIRONMENT=Production Gas__Admin__Password="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')" \
        exec dotnet "$web_dll" --urls "$web_url" --Gas:Embedded:DataDirectory="$web_work/data" \
        --Gas:Engine:ReferenceDirectory="$reference" --Gas:Engine:AutoFetch=false --Gas:Retention:FreeDownloadWindow=1.00:00:00 \
        --Logging:LogLevel:Default=Warning) >"$web_work/service.log" 2>&1 &
    web_pid=$!
    local deadline=$((SECONDS + 300))
    until curl -fsS --max-time 30 -o /dev/null "$web_url/health" 2>/dev/null; do
        if ! kill -0 "$web_pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
            tail -n 40 "$web_work/service.log" >&2
            echo "$web_script: the service did not become healthy at $web_url/health" >&2
            exit 1
        fi
        sleep 1
    done
}

web_seed() {
    echo "$web_script: seeding $1 jobs ($(basename "$2")) through the upload form"
    read -r web_email web_password web_job < <(/usr/bin/python3 scripts/bench-web.py seed "$web_url" "$2" "$1") || true
    [ -n "${web_job:-}" ] || { tail -n 20 "$web_work/service.log" >&2; echo "$web_script: seeding failed" >&2; exit 1; }
}

# Prints the cookie; answers non-zero (after saying so) when ROUTE does not answer 200 with it.
web_cookie() {
    local cookie answer
    cookie=$(/usr/bin/python3 scripts/bench-web.py login "$web_url" "$web_email" "$web_password")
    answer=$(/usr/bin/python3 scripts/bench-web.py check "$web_url" "$cookie" "$1")
    echo "$cookie"
    if [ "$answer" != 200 ]; then
        echo "$web_script: GET $1 answered $answer before the run" >&2
        return 1
    fi
}

web_wrk() {
    BENCH_COOKIE=$1 wrk -t "$web_threads" -c "$web_connections" -d "$3" --timeout "$web_timeout" -s scripts/lib/bench-web.lua \
        "$web_url$2" | grep '^BENCH '
}

# The service's CPU time (user + system, in clock ticks) so far.
web_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$web_pid/stat"; }
