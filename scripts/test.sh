#!/usr/bin/env bash
# Installs what the tests need, starts the services they talk to (emulators, PostgreSQL), runs the whole
# suite, then the checks that are programs rather than unit tests (CDK synth, engine benchmark, load check and
# the kill-survival cluster run), and ends with one line "N passed, N failed": the test results plus one count per check.
# GAS_SKIP_INSTALL=1 skips the apt and npm installs (it fails naming anything missing).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

# shellcheck source=scripts/lib/services.sh
source scripts/lib/services.sh
trap stop_services EXIT
install_packages
start_services

runner=0
dotnet test Gas.sln --configuration Release \
  --logger "trx;LogFileName=gas.trx" --results-directory "$results" || runner=$?

# Each check runs on the Release build dotnet test just made; a failure fails the run.
run_check "cdk synth (offline)" env CONFIGURATION=Release NO_BUILD=1 scripts/cdk-synth.sh
run_check "engine benchmark vs bcftools (reduced size): output and memory" env NO_BUILD=1 scripts/bench-engine.sh
run_check "load check: Locust + annotator load generator (reduced size)" env NO_BUILD=1 scripts/load-local.sh
# Fails only on a broken invariant (a job not COMPLETED once, a second email, an orphan object, a message left) or when
# a phase gives up after its generous bound (PHASE_MINUTES, 15 by default); never on how long it took. Its kills are a
# budget (KILLS, default 30 here), not a rate kept up until every job is done, so a busy machine gets the same
# disturbance rather than one it cannot finish under. On by default since a fresh-clone CI run passed with it at load 37
# (601 s); GAS_CLUSTER_CHECK=0 leaves it out of a local run.
if [[ "${GAS_CLUSTER_CHECK:-1}" == 1 ]]; then
  # builds its driver (tools/ClusterKill, which dotnet test does not build) and reuses the rest of the Release build
  run_check "cluster survives kills (reduced size: 30 jobs)" env JOBS=30 scripts/cluster-kill.sh
else
  echo "cluster survives kills: not run (GAS_CLUSTER_CHECK=0)"
fi

summarize_trx "$results" "$runner"
