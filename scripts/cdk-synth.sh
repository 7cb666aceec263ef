#!/usr/bin/env bash
# Synthesizes the GAS CloudFormation template offline (no AWS account, no credentials, no network
# beyond the package registries for a first install). CI calls it as is; an operator adds real values:
#
#   GAS_CERTIFICATE_ARN=arn:aws:acm:... GAS_ARTIFACTS=s3://bucket/releases/1 \
#   GAS_EMAIL_FROM=gas@example.org scripts/cdk-synth.sh -c gas:prefix=jdoe-
#
# Without them it uses clearly fake example values, enough to check that the app synthesizes.
# Extra arguments go to `cdk synth`. The template lands in deploy/cdk.out/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root/deploy"

export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
export CDK_DISABLE_VERSION_CHECK=true
export DOTNET_CLI_TELEMETRY_OPTOUT=1
configuration=${CONFIGURATION:-Debug}

if [ ! -x node_modules/.bin/cdk ]; then
    if [ "${GAS_SKIP_INSTALL:-0}" = 1 ]; then
        echo "cdk-synth: GAS_SKIP_INSTALL=1, but the CDK CLI is not installed (cd deploy && npm ci)" >&2
        exit 1
    fi
    npm ci --no-audit --no-fund --loglevel=error
fi

# NO_BUILD=1: Gas.Deploy is already built in $configuration (scripts/test.sh has just built the solution).
if [ "${NO_BUILD:-0}" != 1 ]; then
    dotnet build Gas.Deploy/Gas.Deploy.csproj -c "$configuration" --nologo -v quiet
fi

certificate=${GAS_CERTIFICATE_ARN:-arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000}
artifacts=${GAS_ARTIFACTS:-s3://gas-artifacts-example/releases/example}
email=${GAS_EMAIL_FROM:-gas@example.org}

rm -rf cdk.out
node_modules/.bin/cdk synth \
    --app "dotnet Gas.Deploy/bin/$configuration/net10.0/Gas.Deploy.dll" \
    --output cdk.out \
    --no-notices --no-version-reporting --no-lookups --quiet \
    -c "gas:certificateArn=$certificate" \
    -c "gas:artifacts=$artifacts" \
    -c "gas:emailFrom=$email" \
    "$@"

template=$(ls cdk.out/*.template.json)
resources=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["Resources"]))' "$template")
echo "cdk synth: $template ($resources resources)"
