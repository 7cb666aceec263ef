#!/usr/bin/env bash
# Headless Locust run against a running GAS web tier; prints requests/s, p50/p99 and failures,
# and exits non-zero on any failure (or if nothing was measured).
#
#   scripts/load-check.sh http://127.0.0.1:5000             # local mode: home page + jobs list
#   USERS=50 DURATION=15s scripts/load-check.sh URL         # reduced size
#
# Against a loopback URL the simulated users also register, sign in and read /annotations
# (GAS_LOAD_AUTHENTICATED=1; set it to 0 for anonymous pages only). Against any other URL --
# your own deployment, never someone else's -- only anonymous pages are requested.
# Needs Debian's python3-locust (apt-get install -y python3-locust).
set -euo pipefail

url=${1:?usage: scripts/load-check.sh URL}
users=${USERS:-200}
spawn_rate=${SPAWN_RATE:-20}
duration=${DURATION:-30s}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if ! command -v locust >/dev/null 2>&1; then
    echo "load-check: locust not found; install Debian's python3-locust" >&2
    exit 2
fi

host=$(/usr/bin/python3 -c 'import sys; from urllib.parse import urlsplit; print(urlsplit(sys.argv[1]).hostname or "")' "$url")
case "$host" in
    localhost | 127.* | ::1) export GAS_LOAD_AUTHENTICATED=${GAS_LOAD_AUTHENTICATED:-1} ;;
    *) export GAS_LOAD_AUTHENTICATED=0 ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "load-check: $users users, spawning $spawn_rate/s, for $duration against $url (signed-in users: $GAS_LOAD_AUTHENTICATED)"
status=0
(cd "$work" && locust -f "$root/deploy/load/locustfile.py" --headless \
    --users "$users" --spawn-rate "$spawn_rate" --run-time "$duration" --stop-timeout 5 \
    --host "$url" --csv "$work/load" --only-summary --loglevel WARNING) >"$work/locust.log" 2>&1 || status=$?

if [ ! -s "$work/load_stats.csv" ]; then
    cat "$work/locust.log" >&2
    echo "load-check: locust produced no statistics (exit $status)" >&2
    exit 1
fi

/usr/bin/python3 - "$work/load_stats.csv" "$work/load_failures.csv" "$status" <<'PY'
import csv
import sys

stats_path, failures_path, locust_status = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = list(csv.DictReader(open(stats_path, newline="")))
total = next(row for row in rows if row["Name"] == "Aggregated")

def line(row, label):
    return (f"{label:<34} {int(row['Request Count']):>7} req  {float(row['Requests/s']):>8.1f} req/s"
            f"  p50 {row['50%']:>5} ms  p99 {row['99%']:>5} ms  {int(row['Failure Count'])} failed")

for row in rows:
    if row["Name"] != "Aggregated":
        print(line(row, f"{row['Type']} {row['Name']}"))
print(line(total, "TOTAL"))

requests, failures = int(total["Request Count"]), int(total["Failure Count"])
try:
    for failure in csv.DictReader(open(failures_path, newline="")):
        print(f"failure: {failure['Method']} {failure['Name']}: {failure['Error']} (x{failure['Occurrences']})")
except FileNotFoundError:
    pass

if requests == 0:
    sys.exit("load-check: FAILED, no request was made")
if failures or locust_status:
    sys.exit(f"load-check: FAILED, {failures} failed requests (locust exit {locust_status})")
print(f"load-check: OK, {requests} requests, {float(total['Requests/s']):.1f} req/s, "
      f"p50 {total['50%']} ms, p99 {total['99%']} ms, 0 failures")
PY
