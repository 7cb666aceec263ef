#!/usr/bin/env python3
"""Prepares a running GAS in local mode for scripts/bench-web.sh.

  bench-web.py seed URL VCF COUNT     registers a user, uploads VCF COUNT times through the real upload form, waits until
                                      every job is COMPLETED; prints "EMAIL PASSWORD JOB_ID" (a job to bench the job page on)
  bench-web.py login URL EMAIL PASSWORD
                                      signs in and prints the browser's cookies as a Cookie header (a fresh sign-in for each run)
  bench-web.py check URL COOKIE PATH  prints the status of GET PATH with the cookie (no redirects followed)

Only ever talks to the loopback URL it is given. Never judges speed.
"""
import http.cookiejar
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import upload_form  # noqa: E402


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    def __init__(self, base):
        if urllib.parse.urlsplit(base).hostname not in ("127.0.0.1", "localhost", "::1"):
            sys.exit(f"bench-web: {base} is not a loopback address")
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def request(self, path, data=None, headers=None):
        url = path if path.startswith("http") else self.base + path
        req = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            with self.opener.open(req, timeout=120) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def post_form(self, path, fields):
        _, _, page = self.request(path)
        fields = dict(fields, __RequestVerificationToken=token(page.decode()))
        return self.request(path, urllib.parse.urlencode(fields).encode())

    def login(self, email, password):
        status, _, _ = self.post_form("/Account/Login", {"Input.Email": email, "Input.Password": password})
        if status != 302:
            sys.exit(f"bench-web: signing in answered {status}")


def token(html):
    return re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', html).group(1)


def upload(client, content):
    _, _, page = client.request("/annotate")
    html = page.decode()
    action, body, content_type = upload_form.multipart(html, content)
    status, headers, _ = client.request(action, body, {"Content-Type": content_type})
    if status not in (302, 303):
        sys.exit(f"bench-web: the upload answered {status}")
    status, headers, _ = client.request(headers["Location"])
    if status not in (302, 303):
        sys.exit(f"bench-web: creating the job answered {status}")
    return headers["Location"].rsplit("/", 1)[1]


def seed(base, vcf_path, count):
    client = Client(base)
    email = f"bench-{uuid.uuid4().hex[:8]}@example.org"
    password = f"bench-{uuid.uuid4().hex}"  # strong enough for the zxcvbn rule
    status, _, _ = client.post_form("/Account/Register", {
        "Input.Name": "Bench", "Input.Email": email, "Input.Password": password, "Input.ConfirmPassword": password})
    if status != 302:
        sys.exit(f"bench-web: registering answered {status}")
    client.login(email, password)
    with open(vcf_path, "rb") as f:
        content = f.read()
    jobs = [upload(client, content) for _ in range(count)]
    started = time.time()
    pending = list(jobs)
    while pending:
        _, _, answer = client.request(f"/annotations/{pending[0]}?handler=Status")
        if b'"finished":true' in answer:
            if b'"COMPLETED"' not in answer:
                sys.exit(f"bench-web: job {pending[0]} finished but did not complete: {answer.decode()}")
            pending.pop(0)
            continue
        if time.time() - started > 900:
            sys.exit(f"bench-web: {len(pending)} of {count} jobs did not finish within 15 minutes")
        time.sleep(0.5)
    print(email, password, jobs[len(jobs) // 2])


def login(base, email, password):
    client = Client(base)
    client.login(email, password)
    # the logout page holds a form: a browser that has seen one also has the antiforgery cookie
    client.request("/Account/Logout")
    print("; ".join(f"{c.name}={c.value}" for c in client.jar))


def check(base, cookie, path):
    status, _, _ = Client(base).request(path, headers={"Cookie": cookie})
    print(status)


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "seed":
        seed(args[0], args[1], int(args[2]))
    elif command == "login":
        login(*args)
    elif command == "check":
        check(*args)
    else:
        sys.exit(f"bench-web: unknown command {command}")
