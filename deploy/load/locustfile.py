"""Load for the GAS web tier (specification exercise 13).

Two kinds of simulated user:

* ``AnonymousVisitor`` -- the only one that runs by default. It requests anonymous pages
  only (the home page; more with GAS_LOAD_PATHS=/,/other), as the specification insists
  for a real deployment: never drive sign-ins against an identity provider you do not own.

* ``SignedInUser`` -- registers its own account and signs in through the application's
  real forms (antiforgery token included), then reads its jobs list. It runs only when
  GAS_LOAD_AUTHENTICATED=1, and only against a loopback host (a local run of the service);
  pointed anywhere else it refuses to start.

    locust -f deploy/load/locustfile.py --host https://gas.example.org          # anonymous
    GAS_LOAD_AUTHENTICATED=1 locust -f deploy/load/locustfile.py --host http://127.0.0.1:5000
"""

import ipaddress
import itertools
import os
import re
import sys
import uuid
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task

HOME = "/"
JOBS = "/annotations"
LOGIN = "/Account/Login"
REGISTER = "/Account/Register"
PASSWORD = "Locust-Copper-Lantern-48"  # throwaway accounts on a local instance only

_TOKEN_INPUT = re.compile(r"<input[^>]*name=\"__RequestVerificationToken\"[^>]*>", re.IGNORECASE)
_VALUE = re.compile(r"value=\"([^\"]*)\"", re.IGNORECASE)
_accounts = itertools.count(1)


def _enabled(name):
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes")


def _is_loopback(url):
    host = urlsplit(url or "").hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def antiforgery_token(html):
    """The hidden __RequestVerificationToken of the first form on the page, or None."""
    field = _TOKEN_INPUT.search(html or "")
    if not field:
        return None
    value = _VALUE.search(field.group(0))
    return value.group(1) if value else None


def _path(response):
    return urlsplit(response.url).path.rstrip("/").lower()


@events.init.add_listener
def _refuse_authenticated_load_on_remote_hosts(environment, **_):
    # Checked before any user starts, so nothing is ever sent to a remote host's sign-in forms.
    host = environment.host or getattr(environment.parsed_options, "host", None)
    if _enabled("GAS_LOAD_AUTHENTICATED") and not _is_loopback(host):
        sys.stderr.write(f"GAS_LOAD_AUTHENTICATED=1 is for a local run only; {host} is not a loopback address.\n")
        sys.exit(2)


class AnonymousVisitor(HttpUser):
    """Anonymous pages only: safe to point at a real deployment."""

    weight = 4
    wait_time = between(1, 3)
    paths = [p.strip() for p in os.environ.get("GAS_LOAD_PATHS", HOME).split(",") if p.strip()]

    def on_start(self):
        # A local run may use the development certificate; a real deployment's is checked.
        self.client.verify = not _is_loopback(self.host)

    @task
    def anonymous_page(self):
        for path in self.paths:
            self.client.get(path, name=path)


class SignedInUser(HttpUser):
    """A registered user reading the jobs list; local runs only (GAS_LOAD_AUTHENTICATED=1)."""

    # Not a user class at all unless asked for: an anonymous run never touches the sign-in forms.
    abstract = not _enabled("GAS_LOAD_AUTHENTICATED")
    weight = 1
    wait_time = between(1, 3)

    def on_start(self):
        self.client.verify = not _is_loopback(self.host)
        self.email = f"locust-{next(_accounts)}-{uuid.uuid4().hex[:12]}@example.test"
        self.signed_in = self._register() and self._sign_in()

    def _post_form(self, path, fields, name):
        with self.client.get(path, name=f"{name} [form]", catch_response=True) as page:
            token = antiforgery_token(page.text)
            if page.status_code != 200 or token is None:
                page.failure(f"{path} gave {page.status_code} without an antiforgery token")
                return None
            page.success()
        return self.client.post(path, data={**fields, "__RequestVerificationToken": token},
                                name=name, catch_response=True)

    def _register(self):
        response = self._post_form(REGISTER, {
            "Input.Email": self.email,
            "Input.Password": PASSWORD,
            "Input.ConfirmPassword": PASSWORD,
        }, REGISTER)
        if response is None:
            return False
        with response:
            # Success redirects away from the form; a re-rendered form (200 on /Account/Register) is a refusal.
            if response.status_code >= 400 or _path(response) == REGISTER.lower():
                response.failure(f"registration refused ({response.status_code})")
                return False
            response.success()
        return True

    def _sign_in(self):
        response = self._post_form(LOGIN, {
            "Input.Email": self.email,
            "Input.Password": PASSWORD,
        }, LOGIN)
        if response is None:
            return False
        with response:
            if response.status_code >= 400 or _path(response) == LOGIN.lower():
                response.failure(f"sign-in refused ({response.status_code}); does the app require confirmed accounts?")
                return False
            response.success()
        return True

    @task(3)
    def jobs_list(self):
        if not self.signed_in:
            return
        with self.client.get(JOBS, name=JOBS, catch_response=True) as response:
            if response.status_code != 200 or _path(response) != JOBS:
                response.failure(f"jobs list answered {response.status_code} at {urlsplit(response.url).path}")

    @task(1)
    def home(self):
        self.client.get(HOME, name=HOME)
