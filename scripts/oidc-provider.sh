#!/usr/bin/env bash
# A real OpenID Connect provider for GAS's OIDC sign-in tests: oidc-provider from npm (tools/oidc, pinned by its
# package-lock.json), started on a free loopback port with one client whose redirect URIs are the tests' callbacks.
#
# As a library (CI):   source scripts/oidc-provider.sh
#                      gas_oidc_install && gas_oidc_start     # exports GAS_TEST_OIDC* for the tests
#                      ... dotnet test ...
#                      gas_oidc_stop
# As a wrapper:        scripts/oidc-provider.sh run dotnet test Gas.Tests --filter FullyQualifiedName~OidcSignIn
#
# The tests read:
#   GAS_TEST_OIDC                 http://127.0.0.1:PORT   (the issuer, i.e. the authority)
#   GAS_TEST_OIDC_CLIENT_ID       the client the provider knows
#   GAS_TEST_OIDC_CLIENT_SECRET   its secret
# A test that needs the provider and finds GAS_TEST_OIDC unset fails; it never skips.

GAS_OIDC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tools/oidc"
GAS_OIDC_PID=""
# The test factory's own address (https://localhost) and the public name the forwarded-headers test uses.
GAS_OIDC_REDIRECT_URIS="https://localhost/signin-oidc,https://gas.example.org/signin-oidc"

gas_oidc_install() {
  (
    cd "$GAS_OIDC_DIR" || exit 1
    if [[ -f node_modules/.package-lock.json && node_modules/.package-lock.json -nt package-lock.json \
          && -d node_modules/oidc-provider ]]; then
      exit 0
    fi
    if [[ "${GAS_SKIP_INSTALL:-0}" == 1 ]]; then
      echo "GAS_SKIP_INSTALL=1, but oidc-provider is not installed in $GAS_OIDC_DIR/node_modules" >&2
      echo "  run (cd tools/oidc && npm ci) or run without GAS_SKIP_INSTALL" >&2
      exit 1
    fi
    npm ci --no-audit --no-fund --loglevel=error
  )
}

# Starts the provider and waits (up to 180 s on a busy machine) for its "ready <issuer>" line.
gas_oidc_start() {
  local port log deadline
  port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});') || return 1
  log=$(mktemp -t gas-oidc.XXXXXX.log)
  GAS_OIDC_LOG=$log
  GAS_OIDC_CLIENT_SECRET_VALUE="gas-test-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  node "$GAS_OIDC_DIR/provider.js" --port "$port" --client-id gas-test \
    --client-secret "$GAS_OIDC_CLIENT_SECRET_VALUE" \
    $(IFS=,; for uri in $GAS_OIDC_REDIRECT_URIS; do printf -- '--redirect-uri %s ' "$uri"; done) >"$log" 2>&1 &
  GAS_OIDC_PID=$!
  deadline=$((SECONDS + 180))
  until grep -q '^ready ' "$log"; do
    if ! kill -0 "$GAS_OIDC_PID" 2>/dev/null || ((SECONDS >= deadline)); then
      echo "oidc-provider did not start; its log ($log):" >&2
      cat "$log" >&2
      gas_oidc_stop
      return 1
    fi
    sleep 0.1
  done
  export GAS_TEST_OIDC GAS_TEST_OIDC_CLIENT_ID=gas-test GAS_TEST_OIDC_CLIENT_SECRET="$GAS_OIDC_CLIENT_SECRET_VALUE"
  GAS_TEST_OIDC=$(sed -n 's/^ready //p' "$log" | head -n 1)
  echo "oidc-provider: $GAS_TEST_OIDC (log $log)"
}

# Stops exactly the process gas_oidc_start started.
gas_oidc_stop() {
  if [[ -n "$GAS_OIDC_PID" ]]; then
    kill "$GAS_OIDC_PID" 2>/dev/null || true
    wait "$GAS_OIDC_PID" 2>/dev/null || true
  fi
  GAS_OIDC_PID=""
  unset GAS_TEST_OIDC GAS_TEST_OIDC_CLIENT_ID GAS_TEST_OIDC_CLIENT_SECRET
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -u
  case "${1:-}" in
    run)
      shift
      trap gas_oidc_stop EXIT
      gas_oidc_install && gas_oidc_start || exit 1
      "$@"
      status=$?
      gas_oidc_stop
      exit $status
      ;;
    *)
      echo "usage: $0 run COMMAND...   (or: source $0, then gas_oidc_install; gas_oidc_start)" >&2
      exit 2
      ;;
  esac
fi
