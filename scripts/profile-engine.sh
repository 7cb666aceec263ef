#!/usr/bin/env bash
# Profiles the annotation engine (Release) on a generated VCF over the hg19 genes (the results benchmark's input: rsIDs,
# multi-allelic records, GWAS positions): dotnet-trace's sampled thread-time profile of one `Gas.Annotator annotate` run,
# then the top frames by exclusive and inclusive share of the running samples (scripts/lib/speedscope-top.py). Shares, not
# times, are what it shows: they hold on a busy machine. Reads ../shared/refdata.
#
#   scripts/profile-engine.sh                      # 1,000,000 variants
#   VARIANTS=200000 TOP=30 NO_BUILD=1 scripts/profile-engine.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
variants=${VARIANTS:-1000000}
top=${TOP:-25}
annotator=Gas.Annotator/bin/Release/net10.0/Gas.Annotator.dll
if [ "${NO_BUILD:-0}" != 1 ]; then
    echo "profile-engine: building (Release)"
    dotnet build Gas.Annotator/Gas.Annotator.csproj -c Release -nologo -v quiet >/dev/null
fi
dotnet tool restore >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=scripts/lib/reference.sh
source "$root/scripts/lib/reference.sh"
link_reference profile-engine "$work/reference"

echo "profile-engine: generating $variants variants (and timing the index once: Gas.Annotator index bench)"
dotnet "$annotator" index bench --variants "$variants" --runs 1 --reference "$work/reference" --work "$work/bench" >"$work/bench.log"
echo "== load before: $(uptime)"
dotnet dotnet-trace collect -o "$work/engine.nettrace" -- \
    dotnet "$annotator" annotate --reference "$work/reference" "$work/bench/bench.vcf" "$work/annotated.vcf" >"$work/trace.log" 2>&1
echo "== load after: $(uptime)"
dotnet dotnet-trace convert "$work/engine.nettrace" --format Speedscope -o "$work/engine" >/dev/null
/usr/bin/python3 scripts/lib/speedscope-top.py "$work/engine.speedscope.json" "$top"
