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
  install_browser_test_packages
}

start_services() {
  start_postgres
}

stop_services() {
  stop_postgres
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
    if as_postgres "$bin/pg_ctl" -D "$GAS_PG_DIR/data" -l "$GAS_PG_DIR/server.log" -w \
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

# Prints "N passed, N failed" from the TRX files; fails when nothing ran.
summarize_trx() {
  local dir=$1 passed=0 failed=0 total=0 p f t
  shopt -s nullglob
  for trx in "$dir"/*.trx; do
    p=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*')
    f=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
    t=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' total="[0-9]*"' | grep -o '[0-9]*')
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); total=$((total + ${t:-0}))
  done
  if [ "$total" -eq 0 ]; then
    echo "0 passed, 1 failed"
    echo "no test results were found in $dir" >&2
    return 1
  fi
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
