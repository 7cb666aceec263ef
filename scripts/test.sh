#!/usr/bin/env bash
# Installs what the tests need, starts the services they talk to, runs the whole suite,
# and ends with one line "N passed, N failed" read from the test results.
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

status=0
dotnet test Gas.sln --configuration Release \
  --logger "trx;LogFileName=gas.trx" --results-directory "$results" || status=$?

# The load check in reduced size, on the Release build dotnet test just made; a failure fails the run.
NO_BUILD=1 scripts/load-local.sh || status=1

summarize_trx "$results" || status=1
exit "$status"
