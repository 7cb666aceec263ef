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
}

# The load check (scripts/load-local.sh, scripts/load-check.sh) drives the web tier with Debian's Locust.
install_load_packages() {
  apt_install python3-locust
}

start_services() {
  :
}

stop_services() {
  :
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
