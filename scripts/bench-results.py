#!/usr/bin/env python3
"""Times the results pages of a running GAS in local mode (used by scripts/bench-results.sh).

Registers a user, uploads VCF through the real upload form, waits until the job is COMPLETED, reads the job's log
for the engine's and the index's times, then requests the summary page and filtered variant pages, printing medians.
Only ever talks to the loopback URL it is given. Prints figures; never fails on them.
"""
import http.cookiejar
import os
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import upload_form  # noqa: E402

base, vcf_path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
host = urllib.parse.urlsplit(base).hostname
if host not in ("127.0.0.1", "localhost", "::1"):
    sys.exit(f"bench-results: {base} is not a loopback address")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())


def request(path, data=None, headers=None):
    url = path if path.startswith("http") else base + path
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(req, timeout=600) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def token(html):
    return re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', html).group(1)


email = f"bench-{uuid.uuid4().hex[:8]}@example.org"
password = f"bench-{uuid.uuid4().hex}"  # strong enough for the zxcvbn rule
_, _, page = request("/Account/Register")
form = {"Input.Name": "Bench", "Input.Email": email, "Input.Password": password, "Input.ConfirmPassword": password,
        "__RequestVerificationToken": token(page.decode())}
status, _, _ = request("/Account/Register", urllib.parse.urlencode(form).encode())
assert status == 302, f"register: {status}"
# registering does not sign in (it answers the same whether or not the address is new): sign in as the new user
_, _, page = request("/Account/Login")
login = {"Input.Email": email, "Input.Password": password, "__RequestVerificationToken": token(page.decode())}
status, _, _ = request("/Account/Login", urllib.parse.urlencode(login).encode())
assert status == 302, f"sign in: {status}"

_, _, page = request("/annotate")
html = page.decode()
with open(vcf_path, "rb") as f:
    content = f.read()
action, body, content_type = upload_form.multipart(html, content)
started = time.time()
status, headers, _ = request(action, body, {"Content-Type": content_type})
assert status in (302, 303), f"upload: {status}"
status, headers, _ = request(headers["Location"])
job = headers["Location"].rsplit("/", 1)[1]
print(f"uploaded {len(content) / 1048576:.1f} MB in {time.time() - started:.1f} s; job {job}")

while True:
    _, _, status_json = request(f"/annotations/{job}?handler=Status")
    if b'"finished":true' in status_json:
        break
    if time.time() - started > 1800:
        sys.exit("bench-results: the job did not finish within 30 minutes")
    time.sleep(1)
print(f"job finished {time.time() - started:.1f} s after the upload: {status_json.decode()}")

_, _, log = request(f"/annotations/{job}/log")
log = log.decode()
engine = re.search(r"Elapsed: ([0-9.]+) s", log)
index = re.search(r"Results index: ([0-9,]+) alleles, built while annotating(?: \(([0-9.]+) CPU s on its own thread\))?, ready ([0-9.]+) s after the engine finished", log)
if engine and index:
    e, i = float(engine.group(1)), float(index.group(3))
    thread = f", its thread using {index.group(2)} CPU s" if index.group(2) else ""
    print(f"in the job: engine {e:.3f} s (indexing alongside), index ready {i:.3f} s after it ({i / e * 100:.0f} % added){thread}")

gene = re.search(r'variants\?gene=([^"&]+)"', request(f"/annotations/{job}")[2].decode())
gene = gene.group(1) if gene else "BRCA2"
pages = [
    ("job page with summary", f"/annotations/{job}"),
    ("variants, no filter", f"/annotations/{job}/variants"),
    ("func=exonic", f"/annotations/{job}/variants?func=exonic"),
    (f"gene={gene}", f"/annotations/{job}/variants?gene={gene}"),
    ("func=intronic&page=100", f"/annotations/{job}/variants?func=intronic&page=100"),
    ("chrom=1&known=0", f"/annotations/{job}/variants?chrom=1&known=0"),
    ("region=17:41000000-42000000", f"/annotations/{job}/variants?region=17:41000000-42000000"),
    ("gwas=1", f"/annotations/{job}/variants?gwas=1"),
    ("q=brca", f"/annotations/{job}/variants?q=brca"),
    ("sort=qual", f"/annotations/{job}/variants?sort=qual"),
]
print()
print(f"| page (HTTP, median of {runs}; first request apart) | first ms | median ms |")
print("|---|---:|---:|")
filtered = []
for name, path in pages:
    times = []
    for i in range(runs + 1):
        t = time.perf_counter()
        status, _, _ = request(path)
        times.append((time.perf_counter() - t) * 1000)
        assert status == 200, f"{path}: {status}"
    print(f"| {name} | {times[0]:.0f} | {statistics.median(times[1:]):.0f} |")
    if name == "job page with summary":
        summary_times = times[1:]
    if "?" in path:
        filtered.append(statistics.median(times[1:]))
print(f"\nsummary page median {statistics.median(summary_times):.0f} ms; filtered pages: median of medians {statistics.median(filtered):.0f} ms, "
      f"slowest median {max(filtered):.0f} ms")
