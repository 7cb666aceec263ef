#!/usr/bin/env bash
# Local stand-ins for AWS, for GAS's tests: dynalite (DynamoDB), fauxqs (SQS, SNS, S3) and maildev (SMTP),
# installed from npm (tools/emulators, pinned by its package-lock.json) and started on free loopback ports.
#
# As a library (CI):   source scripts/emulators.sh
#                      gas_emulators_install && gas_emulators_start     # exports GAS_TEST_* for the tests
#                      ... dotnet test ...
#                      gas_emulators_stop                              # e.g. from a trap on EXIT
# As a wrapper:        scripts/emulators.sh run dotnet test Gas.sln
# For a dev session:   scripts/emulators.sh env    # starts them and prints the exports; Ctrl+C stops them
#
# The tests read:
#   GAS_TEST_DYNAMODB_URL       http://127.0.0.1:PORT   (dynalite)
#   GAS_TEST_FAUXQS_URL         http://127.0.0.1:PORT   (fauxqs: SQS, SNS and S3 on one port)
#   GAS_TEST_MAILDEV_SMTP_PORT  PORT                    (maildev SMTP, 127.0.0.1, no TLS)
#   GAS_TEST_MAILDEV_API_URL    http://127.0.0.1:PORT   (maildev REST: /api/email)
# A test that needs one of them and finds its variable unset fails; it never skips.

GAS_EMULATORS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GAS_EMULATORS_DIR="$GAS_EMULATORS_ROOT/tools/emulators"
GAS_EMULATORS_PIDS=()

# npm ci, unless node_modules already matches the lock file (GAS_SKIP_INSTALL=1: only check that they are installed).
gas_emulators_install() {
  (
    cd "$GAS_EMULATORS_DIR" || exit 1
    if [[ "${GAS_SKIP_INSTALL:-0}" == 1 ]]; then
      if [[ -x node_modules/.bin/dynalite && -x node_modules/.bin/fauxqs && -x node_modules/.bin/maildev ]]; then
        exit 0
      fi
      echo "GAS_SKIP_INSTALL=1, but the emulators are not installed in $GAS_EMULATORS_DIR/node_modules" >&2
      echo "  run (cd tools/emulators && npm ci) or run without GAS_SKIP_INSTALL" >&2
      exit 1
    fi
    if [[ -f node_modules/.package-lock.json && node_modules/.package-lock.json -nt package-lock.json \
          && -x node_modules/.bin/dynalite && -x node_modules/.bin/fauxqs && -x node_modules/.bin/maildev ]]; then
      exit 0
    fi
    npm ci --no-audit --no-fund --loglevel=error
  )
}

# A TCP port nobody listens on right now (the kernel picks it).
gas_free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

# Waits until something accepts TCP connections on 127.0.0.1:$1 (max $2 seconds, default 180: node starts slowly on
# a busy machine; a healthy emulator answers in under a second).
gas_wait_for_port() {
  local port=$1 deadline=$((SECONDS + ${2:-180}))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      echo "emulators: nothing listening on port $port after ${2:-180}s" >&2
      return 1
    fi
    sleep 0.1
  done
}

# Starts one background process, logging to $GAS_EMULATORS_LOGS/$1.log; remembers its pid.
_gas_emulator_spawn() {
  local name=$1
  shift
  "$@" >"$GAS_EMULATORS_LOGS/$name.log" 2>&1 &
  GAS_EMULATORS_PIDS+=($!)
}

gas_emulators_start() {
  local bin="$GAS_EMULATORS_DIR/node_modules/.bin"
  if [[ ! -x "$bin/dynalite" || ! -x "$bin/fauxqs" || ! -x "$bin/maildev" ]]; then
    echo "emulators: not installed; run gas_emulators_install first" >&2
    return 1
  fi
  GAS_EMULATORS_LOGS="${GAS_EMULATORS_LOGS:-$(mktemp -d -t gas-emulators.XXXXXX)}"
  export GAS_EMULATORS_LOGS

  local dynamo_port fauxqs_port smtp_port web_port
  dynamo_port=$(gas_free_port) && fauxqs_port=$(gas_free_port) && smtp_port=$(gas_free_port) && web_port=$(gas_free_port) || return 1

  _gas_emulator_spawn dynalite "$bin/dynalite" --host 127.0.0.1 --port "$dynamo_port" --createTableMs 0 --deleteTableMs 0 --updateTableMs 0
  FAUXQS_PORT=$fauxqs_port FAUXQS_LOGGER=false _gas_emulator_spawn fauxqs "$bin/fauxqs"
  _gas_emulator_spawn maildev "$bin/maildev" --smtp "$smtp_port" --ip 127.0.0.1 --web "$web_port" --web-ip 127.0.0.1 --silent

  local port
  for port in "$dynamo_port" "$fauxqs_port" "$smtp_port" "$web_port"; do
    if ! gas_wait_for_port "$port"; then
      echo "emulators: failed to start; logs in $GAS_EMULATORS_LOGS:" >&2
      tail -n 20 "$GAS_EMULATORS_LOGS"/*.log >&2
      gas_emulators_stop
      return 1
    fi
  done

  export GAS_TEST_DYNAMODB_URL="http://127.0.0.1:$dynamo_port"
  export GAS_TEST_FAUXQS_URL="http://127.0.0.1:$fauxqs_port"
  export GAS_TEST_MAILDEV_SMTP_PORT="$smtp_port"
  export GAS_TEST_MAILDEV_API_URL="http://127.0.0.1:$web_port"
  echo "emulators: dynalite $GAS_TEST_DYNAMODB_URL, fauxqs $GAS_TEST_FAUXQS_URL, maildev smtp :$smtp_port api $GAS_TEST_MAILDEV_API_URL (logs $GAS_EMULATORS_LOGS)"
}

# Stops exactly the processes gas_emulators_start started.
gas_emulators_stop() {
  local pid
  for pid in "${GAS_EMULATORS_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${GAS_EMULATORS_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  GAS_EMULATORS_PIDS=()
  unset GAS_TEST_DYNAMODB_URL GAS_TEST_FAUXQS_URL GAS_TEST_MAILDEV_SMTP_PORT GAS_TEST_MAILDEV_API_URL
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -u
  case "${1:-}" in
    run)
      shift
      trap gas_emulators_stop EXIT
      gas_emulators_install && gas_emulators_start || exit 1
      "$@"
      status=$?
      gas_emulators_stop
      exit $status
      ;;
    env)
      trap gas_emulators_stop EXIT
      gas_emulators_install && gas_emulators_start || exit 1
      echo "export GAS_TEST_DYNAMODB_URL=$GAS_TEST_DYNAMODB_URL GAS_TEST_FAUXQS_URL=$GAS_TEST_FAUXQS_URL GAS_TEST_MAILDEV_SMTP_PORT=$GAS_TEST_MAILDEV_SMTP_PORT GAS_TEST_MAILDEV_API_URL=$GAS_TEST_MAILDEV_API_URL"
      echo "emulators: running until Ctrl+C" >&2
      wait
      ;;
    *)
      echo "usage: $0 run COMMAND... | env   (or: source $0, then gas_emulators_install; gas_emulators_start)" >&2
      exit 2
      ;;
  esac
fi
