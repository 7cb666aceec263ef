#!/usr/bin/env bash
# Publishes the builds the instances install: self-contained linux-x64, so an instance needs no .NET
# runtime of its own (only ICU, which its user data installs).
#
#   scripts/publish-artifacts.sh [OUT_DIR]                 # default: artifacts/
#   GAS_ARTIFACTS=s3://my-bucket/releases/2026-11-01 scripts/publish-artifacts.sh
#
# OUT_DIR/web.tar.gz        Gas.RazorPages (the web and util roles) with its executable at the top
# OUT_DIR/annotator.tar.gz  Gas.Annotator
# With GAS_ARTIFACTS set, both are copied there with the aws CLI; deploy with the same location:
#   cdk deploy -c gas:artifacts=$GAS_ARTIFACTS ...
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(mkdir -p "${1:-$root/artifacts}" && cd "${1:-$root/artifacts}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1

publish() { # project archive
    dotnet publish "$root/$1/$1.csproj" -c Release -r linux-x64 --self-contained true \
        -p:DebugType=none -p:PublishDocumentationFile=false -p:PublishReferencesDocumentationFiles=false --nologo -v quiet -o "$work/$1"
    tar -czf "$out/$2" -C "$work/$1" .
    echo "publish: $out/$2 ($(du -h "$out/$2" | cut -f1))"
}

publish Gas.RazorPages web.tar.gz
publish Gas.Annotator annotator.tar.gz
git -C "$root" rev-parse HEAD >"$out/commit.txt" 2>/dev/null || true

if [ -n "${GAS_ARTIFACTS:-}" ]; then
    for file in web.tar.gz annotator.tar.gz commit.txt; do
        aws s3 cp --only-show-errors "$out/$file" "${GAS_ARTIFACTS%/}/$file"
    done
    echo "publish: uploaded to $GAS_ARTIFACTS"
fi
