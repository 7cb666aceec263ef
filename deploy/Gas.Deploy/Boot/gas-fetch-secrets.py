#!/usr/bin/env python3
"""Writes the GAS service's secrets into a systemd environment file.

Run as root by the unit's ExecStartPre=+ at every start. Reads the secret ARNs from
/etc/gas/boot.env; the database secret becomes ConnectionStrings__Accounts and
ConnectionStrings__Hangfire, and the application secret's JSON keys are configuration
keys already (Stripe__SecretKey, Gas__Email__Smtp__Password, ...).

Every key in GAS_APP_SECRET_KEYS must have a value: the stack creates the application
secret with empty ones, and a service started on them would take no payments (or, before
GAS refused it, let anyone upgrade for free). Until an operator fills them this exits 1,
naming the empty keys, so the service does not start and the boot log says why.
With --check it only reads and checks the application secret and writes nothing.
"""
import json
import os
import re
import subprocess
import sys
import time

KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
BOOT_ENV = os.environ.get("GAS_BOOT_ENV", "/etc/gas/boot.env")


def read_env(path):
    values = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                values[key] = value.strip('"')
    return values


def secret(arn, region):
    for attempt in range(1, 9):
        result = subprocess.run(
            ["aws", "secretsmanager", "get-secret-value", "--region", region, "--secret-id", arn,
             "--query", "SecretString", "--output", "text"],
            capture_output=True, text=True, check=False)
        if result.returncode == 0:
            return json.loads(result.stdout)
        print(f"gas-fetch-secrets: attempt {attempt} for {arn} failed: {result.stderr.strip()}", file=sys.stderr)
        time.sleep(attempt * 3)
    raise SystemExit(f"gas-fetch-secrets: could not read {arn}")


def connection_value(value):
    """A connection-string value, double-quoted (quotes doubled) when it holds ; ' " or edge spaces."""
    text = str(value)
    if any(c in text for c in ";'\"") or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def quoted(value):
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def app_settings(boot, region):
    """The application secret's values, refusing one whose required keys are missing or empty."""
    arn = boot["GAS_APP_SECRET_ARN"]
    values = secret(arn, region)
    for key in values:
        if not KEY.match(key):
            raise SystemExit(f"gas-fetch-secrets: '{key}' is not a configuration key")
    required = [key for key in boot.get("GAS_APP_SECRET_KEYS", "").split(",") if key]
    empty = [key for key in required if values.get(key) in (None, "")]
    if empty:
        raise SystemExit(
            f"gas-fetch-secrets: the application secret {arn} has no value for {', '.join(empty)}; "
            "GAS will not start until they are filled (aws secretsmanager put-secret-value, see deploy/README.md)")
    return {key: value for key, value in values.items() if value not in (None, "")}


def main(target):
    boot = read_env(BOOT_ENV)
    region = boot["GAS_REGION"]
    if target == "--check":
        if boot.get("GAS_APP_SECRET_ARN"):
            app_settings(boot, region)
        return
    lines = {}
    if boot.get("GAS_DB_SECRET_ARN"):
        db = secret(boot["GAS_DB_SECRET_ARN"], region)
        connection = ";".join(f"{key}={connection_value(value)}" for key, value in (
            ("Host", db["host"]), ("Port", db["port"]), ("Database", db.get("dbname") or "gas"),
            ("Username", db["username"]), ("Password", db["password"]), ("SSL Mode", "Require")))
        lines["ConnectionStrings__Accounts"] = connection
        lines["ConnectionStrings__Hangfire"] = connection
    if boot.get("GAS_APP_SECRET_ARN"):
        lines.update(app_settings(boot, region))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    temporary = target + ".tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        for key, value in lines.items():
            handle.write(f"{key}={quoted(value)}\n")
    try:
        import grp
        os.chown(temporary, 0, grp.getgrnam("gas").gr_gid)
    except KeyError:
        pass
    os.replace(temporary, target)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/run/gas/secrets.env")
