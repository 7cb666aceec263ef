#!/usr/bin/env bash
# Compares what building the results index adds to annotation in two revisions, alternating them round by round (A B A B)
# so that a change in the machine's load falls on both: each round runs `Gas.Annotator index bench` (BENCH_RUNS alternated
# pairs of the engine alone and the engine with the index, 1,000,000 variants) on one revision's Release build, then on the
# other's. Prints per round and revision the engine alone (wall / CPU s), what the index added (median of the pairs'
# differences, wall and CPU, and as % of the engine alone) and the index thread's own CPU, then each revision's median
# over the rounds. Never fails on the figures. On a 2-core VM one build's added % moves by about ±4 points from round to
# round, so read a difference between revisions only when it holds in most rounds.
#   usage: scripts/bench-index-ab.sh REV_A [REV_B, default the working tree]
#   BENCH_ROUNDS  rounds (default 3)    BENCH_RUNS  pairs per index bench (default 15)    BENCH_VARIANTS  (default 1000000)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
rev_a=${1:?usage: scripts/bench-index-ab.sh REV_A [REV_B]}
rev_b=${2:-}
rounds=${BENCH_ROUNDS:-3}
runs=${BENCH_RUNS:-15}
variants=${BENCH_VARIANTS:-1000000}
work=$(mktemp -d)
cleanup() {
    git worktree remove --force "$work/a" >/dev/null 2>&1 || true
    git worktree remove --force "$work/b" >/dev/null 2>&1 || true
    git worktree prune
    rm -rf "$work"
}
trap cleanup EXIT

# a revision's tree: a worktree of it in $work/NAME, or this one for the working tree; built in Release either way
dir_a=$work/a
git worktree add --detach "$dir_a" "$rev_a" >/dev/null
dir_b=$root
if [ -n "$rev_b" ]; then
    dir_b=$work/b
    git worktree add --detach "$dir_b" "$rev_b" >/dev/null
fi
for dir in "$dir_a" "$dir_b"; do
    (cd "$dir" && dotnet build Gas.Annotator/Gas.Annotator.csproj -c Release -nologo -v quiet >/dev/null)
done

reference="$work/reference"
# shellcheck source=scripts/lib/reference.sh
source "$root/scripts/lib/reference.sh"
link_reference bench-index-ab "$reference"

echo "== load before: $(uptime)"
echo "A = $rev_a ($(git rev-parse --short "$rev_a")), B = ${rev_b:-the working tree (HEAD $(git rev-parse --short HEAD) and its changes)}"
echo "| round | rev | alone wall s | alone CPU s | added wall s (%) | added CPU s (%) | index thread CPU s |"
echo "|---:|---|---:|---:|---:|---:|---:|"
for round in $(seq 1 "$rounds"); do
    for side in A B; do
        dir=$dir_a
        [ "$side" = B ] && dir=$dir_b
        (cd "$dir" && dotnet Gas.Annotator/bin/Release/net10.0/Gas.Annotator.dll index bench --variants "$variants" --runs "$runs" \
            --reference "$reference" --work "$work/bench-$side") >"$work/round.txt" 2>&1
        # the table rows of index bench: | label | wall | cpu |
        alone=$(grep -m1 '^| annotate (engine' "$work/round.txt" | awk -F'|' '{gsub(/ /, "", $3); gsub(/ /, "", $4); print $3, $4}')
        added=$(grep -m1 '^| added by the index' "$work/round.txt" | awk -F'|' '{print $3 "|" $4}')
        thread=$(grep -m1 "^| the index's own thread" "$work/round.txt" | awk -F'|' '{print $4}')
        read -r alone_wall alone_cpu <<<"$alone"
        echo "| $round | $side | $alone_wall | $alone_cpu | $(echo "$added" | cut -d'|' -f1 | xargs) | $(echo "$added" | cut -d'|' -f2 | xargs) | $(echo "$thread" | xargs) |" | tee -a "$work/rows.txt"
    done
done
echo
for side in A B; do
    grep "| $side |" "$work/rows.txt" | /usr/bin/python3 -c '
import re, statistics, sys
rows = [line.split("|") for line in sys.stdin]
wall = [float(re.search(r"\(([-0-9.]+) %\)", r[5]).group(1)) for r in rows]
cpu = [float(re.search(r"\(([-0-9.]+) %\)", r[6]).group(1)) for r in rows]
print(f"'"$side"': added by the index, median over {len(rows)} rounds: wall {statistics.median(wall):.1f} %, CPU {statistics.median(cpu):.1f} % (rounds: wall {wall}, CPU {cpu})")'
done
echo "== load after: $(uptime)"
