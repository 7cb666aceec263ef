#!/bin/bash
# Installs (or re-installs) one GAS service from the published build in S3 and runs it under systemd.
# Written by the launch template's user data and run once at first boot; safe to run again by hand
# to move an instance onto a new build. Every setting comes from /etc/gas/boot.env.
set -euo pipefail
. /etc/gas/boot.env

retry() {
    local attempt
    for attempt in 1 2 3 4 5 6 7 8; do
        "$@" && return 0
        echo "gas-install: attempt $attempt of '$*' failed; retrying" >&2
        sleep $((attempt * 5))
    done
    return 1
}

# Self-contained .NET builds need only ICU from the OS; openssl makes Kestrel's certificate.
retry dnf install -y --setopt=install_weak_deps=False libicu openssl tar gzip python3 awscli-2

if ! id gas >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /var/lib/gas --no-create-home --shell /sbin/nologin gas
fi
install -d -m 0750 -o gas -g gas /var/lib/gas
install -d -m 0755 /opt/gas /opt/gas/releases

download=$(mktemp /tmp/gas-artifact.XXXXXX)
retry aws s3 cp --only-show-errors --region "$GAS_REGION" "$GAS_ARTIFACT" "$download"
release="/opt/gas/releases/$(date -u +%Y%m%dT%H%M%SZ)"
install -d -m 0755 "$release"
tar -xzf "$download" -C "$release" --no-same-owner
rm -f "$download"
# The service may read its build but never change it.
chown -R root:root "$release"
chmod -R u+rwX,go+rX,go-w "$release"
if [ ! -x "$release/$GAS_EXECUTABLE" ]; then
    echo "gas-install: $GAS_ARTIFACT has no executable $GAS_EXECUTABLE at its top level" >&2
    exit 1
fi
ln -sfn "$release" /opt/gas/current

if [ "${GAS_KESTREL_SELF_SIGNED:-false}" = true ] && [ ! -s /etc/gas/kestrel.pfx ]; then
    # The load balancer speaks HTTPS to 4433 but does not check the certificate: a self-signed one will do.
    work=$(mktemp -d)
    password=$(openssl rand -hex 24)
    openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=$GAS_SERVICE" \
        -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
    openssl pkcs12 -export -inkey "$work/key.pem" -in "$work/cert.pem" \
        -out /etc/gas/kestrel.pfx -passout "pass:$password"
    printf 'Kestrel__Certificates__Default__Path=/etc/gas/kestrel.pfx\nKestrel__Certificates__Default__Password=%s\n' \
        "$password" >/etc/gas/kestrel.env
    rm -rf "$work"
    chown root:gas /etc/gas/kestrel.pfx /etc/gas/kestrel.env
    chmod 0640 /etc/gas/kestrel.pfx /etc/gas/kestrel.env
fi

cat >"/etc/systemd/system/$GAS_SERVICE.service" <<UNIT
[Unit]
Description=GAS $GAS_SERVICE
Wants=network-online.target
After=network-online.target
# Never give up: a transient fault (secrets, database) must not leave the instance idle.
StartLimitIntervalSec=0

[Service]
Type=simple
User=gas
Group=gas
WorkingDirectory=/opt/gas/current
EnvironmentFile=/etc/gas/gas.env
EnvironmentFile=-/etc/gas/kestrel.env
EnvironmentFile=-/run/gas/secrets.env
RuntimeDirectory=gas
RuntimeDirectoryMode=0750
StateDirectory=gas
# '+': fetched as root at every start, so a rotated secret is picked up by a restart.
ExecStartPre=+/opt/gas/bin/gas-fetch-secrets /run/gas/secrets.env
ExecStart=/opt/gas/current/$GAS_EXECUTABLE
Restart=always
RestartSec=5
TimeoutStopSec=60
NoNewPrivileges=yes
PrivateTmp=yes
ProtectSystem=full
ProtectHome=yes

[Install]
WantedBy=multi-user.target
UNIT

systemctl daemon-reload
systemctl enable "$GAS_SERVICE.service"
# An unfilled application secret keeps the service from starting: fail the boot here, with the message naming the
# empty keys. systemd keeps retrying the start, so filling the secret brings the service up on this instance.
if ! /opt/gas/bin/gas-fetch-secrets --check; then
    systemctl --no-block restart "$GAS_SERVICE.service"
    echo "gas-install: $GAS_SERVICE will not start until the application secret is filled" >&2
    exit 1
fi
systemctl restart "$GAS_SERVICE.service"
echo "gas-install: $GAS_SERVICE running $GAS_ARTIFACT from $release"
