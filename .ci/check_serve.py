"""CI: ask a running `make serve` for /healthz, then sign in as a demo user through the real
login form and open their dashboard, as a browser behind the TLS proxy would (the proxy's
X-Forwarded-Proto header, the session and CSRF cookies sent back by hand: they are Secure).

    python .ci/check_serve.py PORT [--wait SECONDS] [--log FILE]

Exits non-zero, saying why, on anything unexpected. With --log, also checks that the server
wrote one line per request (method, path, status, milliseconds)."""

import argparse
import http.client
import json
import re
import sys
import time
from urllib.parse import urlencode

EMAIL = "researcher@example.org"
PASSWORD = "demo-pass-2567"


class Browser:
    def __init__(self, port):
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies = {}

    def request(self, method, path, form=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "Accept-Encoding": "identity",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = f"{self.origin}{path}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _equals, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        connection.close()
        return response.status, response.getheader("Location", ""), content


def fail(message):
    print(f"check_serve: FAILED: {message}")
    sys.exit(1)


def wait_for_health(port, seconds):
    deadline = time.monotonic() + seconds
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/healthz", headers={"Host": f"127.0.0.1:{port}"})
            response = connection.getresponse()
            return response.status, json.loads(response.read())
        except (OSError, ValueError):
            if time.monotonic() > deadline:
                fail(f"nothing answered /healthz on port {port} within {seconds} s")
            time.sleep(2)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("--wait", type=float, default=300)
    parser.add_argument("--log")
    args = parser.parse_args()

    status, health = wait_for_health(args.port, args.wait)
    print(f"check_serve: /healthz {status} {json.dumps(health)}")
    if status != 200 or not health.get("ok"):
        fail("/healthz is not healthy")
    for part in ("database", "cache", "broker"):
        if not health.get(part, {}).get("ok"):
            fail(f"/healthz: the {part} is not ok")

    browser = Browser(args.port)
    status, _location, page = browser.request("GET", "/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or not token:
        fail(f"the login page answered {status} without a form")
    form = {"csrfmiddlewaretoken": token.group(1), "login": EMAIL, "password": PASSWORD}
    status, location, _page = browser.request("POST", "/accounts/login/", form)
    if status != 302 or "sessionid" not in browser.cookies:
        fail(f"signing in as {EMAIL} answered {status} (to {location!r}), no session")
    path = "/dashboard/"
    for _hop in range(3):
        status, location, page = browser.request("GET", path)
        if status != 302:
            break
        path = location
    if status != 200 or 'action="/accounts/logout/"' not in page:
        fail(f"the signed-in page {path} answered {status} (or without a way to sign out)")
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page)
    if not stylesheet:
        fail("the page links no static file by its hashed name (collectstatic's manifest)")
    status, _location, _css = browser.request("GET", stylesheet.group(1))
    if status != 200:
        fail(f"the static file {stylesheet.group(1)} answered {status}")
    print(f"check_serve: signed in as {EMAIL}; {path} 200; {stylesheet.group(1)} 200")

    if args.log:
        with open(args.log, encoding="utf-8", errors="replace") as handle:
            log = handle.read()
        if not re.search(r"GET /healthz 200 \d+\.\dms", log):
            fail(f"no request line for /healthz in {args.log}")
        print("check_serve: one log line per request, with its time")
    print("check_serve: ok")


if __name__ == "__main__":
    main()
