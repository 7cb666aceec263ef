#!/usr/bin/env bash
# A cluster that survives kills: starts the seed's topology (2 web, 1 util, 2 annotator processes) on the AWS adapters
# against the emulators, with accounts and Hangfire on one PostgreSQL database, submits jobs through the web tier while it
# SIGKILLs a random web, util or annotator process every few seconds and restarts it, then checks that every job
# COMPLETED exactly once, with exactly one email, no orphan objects and every queue (dead-letter queues too) empty.
# Prints jobs, kills per role and the time taken; exits non-zero on any violation, listing them.
#
#   scripts/cluster-kill.sh                          # the CI size: 30 jobs, a kill every 3-5 s
#   JOBS=200 scripts/cluster-kill.sh                 # the full size
#   JOBS=50 USERS=10 KILL_EVERY=2-4 SEED=7 scripts/cluster-kill.sh
#
# JOBS, USERS, KILL_EVERY (seconds, "min-max"), KILLS (how many kills in all; default JOBS, at least 20: a budget counted in
# kills, so a busy machine gets the same disturbance rather than a process dying before it can finish anything), SEED,
# PHASE_MINUTES (how long each wait may last before it gives up, default 15) go to the driver (tools/ClusterKill). It reuses emulators and PostgreSQL that the caller started and
# exported (GAS_TEST_* as scripts/lib/services.sh exports them; scripts/test.sh does), else starts its own.
# NO_BUILD=1 skips the build (scripts/test.sh has just built everything in Release). KEEP_LOGS=1 keeps the work folder.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export CONFIGURATION=${CONFIGURATION:-Release}

if [ "${NO_BUILD:-0}" != 1 ]; then
    echo "cluster-kill: building ($CONFIGURATION)"
    for project in Gas.RazorPages/Gas.RazorPages.csproj Gas.Annotator/Gas.Annotator.csproj tools/ClusterKill/Gas.ClusterKill.csproj; do
        dotnet build "$project" -c "$CONFIGURATION" -nologo -v quiet >/dev/null
    done
fi

driver=tools/ClusterKill/bin/$CONFIGURATION/net10.0/Gas.ClusterKill.dll
if [ ! -f "$driver" ]; then
    echo "cluster-kill: $driver is missing; build in $CONFIGURATION first (or leave NO_BUILD unset)" >&2
    exit 1
fi

# shellcheck source=scripts/lib/services.sh
source scripts/lib/services.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/gas-cluster.XXXXXX")
started_services=""
database=""
cleanup() {
    # The driver stops its processes on exit; should it have been killed itself, stop what it left (pid files).
    local pidfile pid
    for pidfile in "$work"/logs/*.pid; do
        [ -f "$pidfile" ] || continue
        pid=$(cat "$pidfile")
        if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$root/Gas\."; then
            kill -9 "$pid" 2>/dev/null || true
        fi
    done
    if [ -n "$database" ]; then
        "$GAS_PG_BIN/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres \
            -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    if [ -n "$started_services" ]; then
        stop_services
    fi
    if [ "${KEEP_LOGS:-0}" = 1 ]; then
        echo "cluster-kill: logs kept in $work/logs"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

if [ -z "${GAS_TEST_FAUXQS_URL:-}" ] || [ -z "${GAS_TEST_POSTGRES:-}" ]; then
    apt_install postgresql
    start_services
    started_services=1
fi

# One database for accounts and Hangfire, shared by the web and util processes; dropped at the end.
pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$GAS_TEST_POSTGRES")
GAS_PG_BIN=${GAS_PG_BIN:-$(postgres_bin)}
database="gas_cluster_$$_$RANDOM"
"$GAS_PG_BIN/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "CREATE DATABASE $database" >/dev/null

CLUSTER_ROOT=$root CLUSTER_WORK=$work \
CLUSTER_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$database" \
    dotnet "$driver"
