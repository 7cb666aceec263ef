# shellcheck shell=bash
# link_reference NAME DIR: links the hg19 tables from ../shared/refdata (beside the repository) into DIR, for the scripts
# that annotate a generated VCF; NAME prefixes the message when a table is missing (exit 2).
link_reference() {
    local name=$1 dir=$2 root table
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    mkdir -p "$dir"
    for table in hg19_refFlat_2011.txt.gz hg19_cytoBand.txt.gz gwascatalog_2012-04.txt.gz; do
        [ -f "$root/../shared/refdata/$table" ] || { echo "$name: ../shared/refdata/$table is missing" >&2; exit 2; }
        ln -s "$root/../shared/refdata/$table" "$dir/"
    done
}
