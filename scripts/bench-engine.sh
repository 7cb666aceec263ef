#!/usr/bin/env bash
# Reduced-size benchmark of the annotation engine for CI: GAS against bcftools annotate (and vcfanno when installed)
# on a generated VCF over the hg19 refFlat genes. Prints the table; exits non-zero only when a tool writes the wrong
# number of records or GAS peaks at 300 MB or more. Rates and ratios depend on the machine and what else it runs, so
# they are never a gate: the goals live in the README's benchmark table. Needs the Debian packages bcftools, tabix and
# time (vcfanno optional). GAS runs with and without VCF validation (and on the header alone, for start-up); after the
# table comes the validation cost as a share of annotation CPU time.
#   BENCH_VARIANTS   number of variants (default 100000; the figures in docs/engine.md are for 1000000)
#   BENCH_REFERENCE  a reference directory (default: links to ../shared/refdata beside the repository)
#   NO_BUILD=1       use the Release build already there (scripts/test.sh has just built the solution): plain JIT, so
#                    its start-up is the unprecompiled one; without it the annotator is published ReadyToRun (linux-x64),
#                    as scripts/publish-artifacts.sh ships it
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
variants="${BENCH_VARIANTS:-100000}"

for tool in bcftools bgzip tabix; do
  command -v "$tool" >/dev/null || { echo "bench-engine: '$tool' is missing (apt-get install -y bcftools tabix time)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench-engine: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
reference="${BENCH_REFERENCE:-}"
if [ -z "$reference" ]; then
  shared="$root/../shared/refdata"
  for table in hg19_refFlat_2011.txt.gz hg19_cytoBand.txt.gz gwascatalog_2012-04.txt.gz; do
    [ -f "$shared/$table" ] || { echo "bench-engine: $shared/$table is missing (or set BENCH_REFERENCE)" >&2; exit 2; }
  done
  reference="$work/reference"
  mkdir -p "$reference"
  ln -s "$shared/hg19_refFlat_2011.txt.gz" "$shared/hg19_cytoBand.txt.gz" "$shared/gwascatalog_2012-04.txt.gz" "$reference/"
fi

annotator="$root/Gas.Annotator/bin/Release/net10.0/Gas.Annotator.dll"
if [ "${NO_BUILD:-0}" != 1 ]; then
  annotator="$root/Gas.Annotator/bin/Release/net10.0/linux-x64/publish/Gas.Annotator.dll"
  dotnet publish "$root/Gas.Annotator/Gas.Annotator.csproj" -c Release -r linux-x64 --self-contained false -nologo -v quiet \
    -o "$(dirname "$annotator")"
fi
dotnet "$annotator" bench \
  --variants "$variants" --reference "$reference" --work "$work/bench" --max-memory-mb 300
