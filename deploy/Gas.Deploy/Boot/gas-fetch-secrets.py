#!/usr/bin/env python3
"""Writes the GAS service's secrets into a systemd environment file.

Run as root by the unit's ExecStartPre=+ at every start. Reads the secret ARNs from
/etc/gas/boot.env; the database secret becomes ConnectionStrings__Accounts and
ConnectionStrings__Hangfire, and the application secret's JSON keys are configuration
keys already (Stripe__SecretKey, Gas__Email__Smtp__Password, ...). Empty values are skipped.
"""
import json
import os
import re
import subprocess
import sys
import time

KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


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


def main(target):
    boot = read_env("/etc/gas/boot.env")
    region = boot["GAS_REGION"]
    lines = {}
    if boot.get("GAS_DB_SECRET_ARN"):
        db = secret(boot["GAS_DB_SECRET_ARN"], region)
        connection = ";".join(f"{key}={connection_value(value)}" for key, value in (
            ("Host", db["host"]), ("Port", db["port"]), ("Database", db.get("dbname") or "gas"),
            ("Username", db["username"]), ("Password", db["password"]), ("SSL Mode", "Require")))
        lines["ConnectionStrings__Accounts"] = connection
        lines["ConnectionStrings__Hangfire"] = connection
    if boot.get("GAS_APP_SECRET_ARN"):
        for key, value in secret(boot["GAS_APP_SECRET_ARN"], region).items():
            if not KEY.match(key):
                raise SystemExit(f"gas-fetch-secrets: '{key}' is not a configuration key")
            if value not in (None, ""):
                lines[key] = value
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
