# Shared by scripts/test.sh and .ci/run: system packages, test services, and the result summary.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# GAS_SKIP_INSTALL=1 installs nothing (no apt-get, no npm): it only checks that what the tests need is there and
# fails naming what is missing. For a warm machine's inner loop.
gas_skip_install() {
  [ "${GAS_SKIP_INSTALL:-0}" = 1 ]
}

# Installs the Debian packages that are missing; the package lists are refreshed once per run, on first need.
apt_updated=""
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ] && gas_skip_install; then
    echo "GAS_SKIP_INSTALL=1, but these Debian packages are missing: ${missing[*]}" >&2
    echo "  install them (apt-get install -y ${missing[*]}) or run without GAS_SKIP_INSTALL" >&2
    return 1
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    if [ -z "$apt_updated" ]; then
      as_root apt-get update -qq
      apt_updated=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

install_packages() {
  # tzdata: the local-time tests resolve IANA zones.
  apt_install tzdata
  install_load_packages
  install_bench_packages
  install_browser_test_packages
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
# shellcheck source=scripts/oidc-provider.sh
source "$(dirname "${BASH_SOURCE[0]}")/../oidc-provider.sh"

# The AWS family's contract and end-to-end tests need dynalite, fauxqs and maildev (npm), the OIDC sign-in tests a
# real provider (oidc-provider, npm); a failure here fails the run.
start_services() {
  gas_emulators_install
  gas_emulators_start
  gas_oidc_install
  gas_oidc_start
  start_postgres
}

stop_services() {
  stop_postgres
  gas_oidc_stop
  gas_emulators_stop
}

# --- browser tests and PostgreSQL ------------------------------------------------------------

# chromium: the Playwright walk drives /usr/bin/chromium; postgresql: its second run (accounts + Hangfire).
install_browser_test_packages() {
  apt_install chromium postgresql
}

# Runs a command as the postgres user when we are root (initdb refuses root), else as ourselves.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

postgres_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$dir" ]; then
    echo "$dir"
  elif command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
  else
    echo "PostgreSQL server binaries (initdb, pg_ctl) not found" >&2
    return 1
  fi
}

# A throwaway cluster on a free loopback port under a temp dir; exports GAS_TEST_POSTGRES for the tests.
start_postgres() {
  if [ -n "${GAS_PG_DIR:-}" ] && [ -d "$GAS_PG_DIR" ]; then
    return 0
  fi
  local bin port attempt
  bin=$(postgres_bin) || return 1
  GAS_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/gas-pg.XXXXXX")
  export GAS_PG_DIR GAS_PG_BIN="$bin"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$GAS_PG_DIR"
  as_postgres "$bin/initdb" -D "$GAS_PG_DIR/data" --auth=trust -U postgres >"$GAS_PG_DIR/initdb.log" 2>&1 || {
    cat "$GAS_PG_DIR/initdb.log" >&2
    return 1
  }
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 20000))
    # Something already answers there: try another port.
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    # -t: wait minutes, not pg_ctl's default minute, for a server starting on a busy machine.
    if as_postgres "$bin/pg_ctl" -D "$GAS_PG_DIR/data" -l "$GAS_PG_DIR/server.log" -w -t 300 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $GAS_PG_DIR -c fsync=off" start >/dev/null 2>&1; then
      export GAS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
      return 0
    fi
  done
  echo "Could not start PostgreSQL (attempt $attempt); its log:" >&2
  cat "$GAS_PG_DIR/server.log" >&2 2>/dev/null
  return 1
}

stop_postgres() {
  if [ -z "${GAS_PG_DIR:-}" ]; then
    return 0
  fi
  if [ -d "$GAS_PG_DIR/data" ]; then
    as_postgres "$GAS_PG_BIN/pg_ctl" -D "$GAS_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$GAS_PG_DIR"
  unset GAS_PG_DIR GAS_PG_BIN GAS_TEST_POSTGRES
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
