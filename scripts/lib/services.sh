# Shared by scripts/test.sh and .ci/run: system packages, test services, and the result summary.

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    if [ "$(id -u)" -eq 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
  fi
}

install_packages() {
  # tzdata: the local-time tests resolve IANA zones.
  apt_install tzdata
  install_load_packages
  install_bench_packages
}

# The engine benchmark compares GAS with bcftools annotate (and vcfanno where it installs).
install_bench_packages() {
  apt_install bcftools tabix time
  apt_install vcfanno 2>/dev/null || echo "vcfanno is not installable here; the benchmark runs without it"
}

# The load check (scripts/load-local.sh, scripts/load-check.sh) drives the web tier with Debian's Locust.
install_load_packages() {
  apt_install python3-locust
}

# shellcheck source=scripts/emulators.sh
source "$(dirname "${BASH_SOURCE[0]}")/../emulators.sh"

# The AWS family's contract and end-to-end tests need dynalite, fauxqs and maildev (npm); a failure here fails the run.
start_services() {
  gas_emulators_install
  gas_emulators_start
}

stop_services() {
  gas_emulators_stop
}

# Checks that are programs (synth, benchmark, load): each counts as one test in the closing line.
checks_passed=0
checks_failed=0
run_check() {
  local name=$1
  shift
  echo "== check: $name"
  if "$@"; then
    checks_passed=$((checks_passed + 1))
    echo "== check passed: $name"
  else
    checks_failed=$((checks_failed + 1))
    echo "== check FAILED: $name"
  fi
}

# Prints "N passed, N failed" from the TRX files and the checks; fails when no test ran or anything failed.
# The second argument is dotnet test's exit code: a failure the TRX files do not count (a crashed test host,
# a build error) still counts as one failure.
summarize_trx() {
  local dir=$1 runner_status=${2:-0} passed=$checks_passed failed=$checks_failed total=0 failed_tests=0 p f t
  shopt -s nullglob
  for trx in "$dir"/*.trx; do
    p=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*')
    f=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
    t=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' total="[0-9]*"' | grep -o '[0-9]*')
    passed=$((passed + ${p:-0})); failed_tests=$((failed_tests + ${f:-0})); total=$((total + ${t:-0}))
  done
  failed=$((failed + failed_tests))
  if [ "$runner_status" -ne 0 ] && [ "$failed_tests" -eq 0 ]; then
    echo "dotnet test exited with $runner_status although no test result failed" >&2
    failed=$((failed + 1))
  fi
  if [ "$total" -eq 0 ]; then
    echo "$checks_passed passed, $((checks_failed + 1)) failed"
    echo "no test results were found in $dir" >&2
    return 1
  fi
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
