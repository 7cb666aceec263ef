#!/usr/bin/env bash
# The results index at size: generates a VCF of BENCH_VARIANTS variants (default 1,000,000) over the hg19 genes, times the
# engine against building the results index and the index's queries in-process (Gas.Annotator index bench), then runs GAS
# in local mode, submits the same VCF as a job through the upload form and times the summary page and filtered variant
# pages over HTTP (scripts/bench-results.py). Prints annotation-only and annotation+index times (wall and CPU) with the
# overhead %, the query and page medians, and the load average before and after; never fails on the figures.
#   BENCH_VARIANTS  variants (default 1000000)    BENCH_RUNS  alternated runs of each side of the build (default 15: one
#   run's difference moves by ±0.1 s on a 2-core VM, the median of 15 by a few hundredths)    BENCH_PAGE_RUNS  repeats of each page (default 9)
#   NO_BUILD=1      skip the Release build
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
variants=${BENCH_VARIANTS:-1000000}
runs=${BENCH_RUNS:-15}
page_runs=${BENCH_PAGE_RUNS:-9}
work=$(mktemp -d)
service_pid=""
cleanup() {
    if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

if [ "${NO_BUILD:-0}" != 1 ]; then
    dotnet build Gas.RazorPages/Gas.RazorPages.csproj -c Release -nologo -v quiet >/dev/null
fi

reference="$work/reference"
# shellcheck source=scripts/lib/reference.sh
source "$root/scripts/lib/reference.sh"
link_reference bench-results "$reference"

echo "== load before: $(uptime)"
echo "== in-process: engine vs results index, and the index's queries ($variants variants)"
dotnet Gas.Annotator/bin/Release/net10.0/Gas.Annotator.dll index bench --variants "$variants" --runs "$runs" \
    --reference "$reference" --work "$work/bench"

echo
echo "== through the service in local mode"
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
(cd Gas.RazorPages && ASPNETCORE_ENVIRONMENT=Production Gas__Admin__Password="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')" exec dotnet "$root/Gas.RazorPages/bin/Release/net10.0/Gas.RazorPages.dll" \
    --urls "$url" --Gas:Embedded:DataDirectory="$work/data" --Gas:Roles=web,annotator \
    --Gas:Engine:ReferenceDirectory="$reference" --Gas:Retention:FreeMaxInputBytes=4000000000 \
    --Gas:Retention:FreeDownloadWindow=1.00:00:00 --Gas:Annotator:Lease=00:10:00 --Gas:Annotator:Limits:Free:MaxVariants=100000000 --Gas:Annotator:Limits:Free:MaxDecompressedBytes=4000000000 --Logging:LogLevel:Default=Warning) >"$work/service.log" 2>&1 &
service_pid=$!
deadline=$((SECONDS + 180))
launched=$(date +%s.%N)
until curl -fsS -o /dev/null "$url/health" 2>/dev/null; do
    if ! kill -0 "$service_pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
        tail -n 40 "$work/service.log" >&2
        echo "bench-results: the service did not become healthy at $url/health" >&2
        exit 1
    fi
    sleep 0.2
done
echo "service healthy $(awk -v a="$launched" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s after it was launched"
/usr/bin/python3 scripts/bench-results.py "$url" "$work/bench/bench.vcf" "$page_runs"
echo
echo "== load after: $(uptime)"
