"""Signed-in people of every role clicking through the main pages, 1–3 s between clicks (run by
bench/load.py; or `locust -f bench/locustfile.py --host http://127.0.0.1:8000`).

Each simulated person signs in once through the real login form as a demo user of their role
(the password of `seed_demo`), then opens the pages of their role at random. The server runs
production-like behind no TLS proxy here, so each request says X-Forwarded-Proto: https (as
the proxy would) and the Secure cookies are sent back by hand."""

import random
import re

from locust import HttpUser, between, task

PASSWORD = "demo-pass-2567"
PROXY = {"X-Forwarded-Proto": "https"}

PAGES = {
    "researcher@example.org": [
        "/dashboard/researcher/",
        "/proposals/",
        "/projects/",
        "/calls/",
        "/notifications/",
        "/documents/",
    ],
    "officer@example.org": [
        "/dashboard/funding_officer/",
        "/proposals/register/",
        "/reviews/calls/",
        "/projects/",
        "/programmes/SLC/dashboard/",
        "/reviews/pool/",
    ],
    "reviewer@example.org": ["/dashboard/reviewer/", "/reviews/my/", "/notifications/"],
    "manager@example.org": [
        "/dashboard/programme_manager/",
        "/programmes/SLC/dashboard/",
        "/municipalities/",
        "/projects/",
        "/programmes/",
        "/reviews/calls/",
    ],
    "admin@example.org": ["/dashboard/administrator/", "/people/users/", "/technologies/"],
}
# How many of a hundred people hold each role.
WEIGHTS = {
    "researcher@example.org": 50,
    "officer@example.org": 20,
    "reviewer@example.org": 15,
    "manager@example.org": 10,
    "admin@example.org": 5,
}  # fmt: skip


class Person(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        self.email = random.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
        origin = self.host.replace("http://", "https://")
        self.client.headers.update({**PROXY, "Referer": f"{origin}/accounts/login/"})
        page = self.client.get("/accounts/login/", name="/accounts/login/").text
        self.unsecure_cookies()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = {"csrfmiddlewaretoken": token, "login": self.email, "password": PASSWORD}
        with self.client.post(
            "/accounts/login/", data=form, allow_redirects=False, catch_response=True,
            name="/accounts/login/ (POST)",
        ) as response:  # fmt: skip
            if response.status_code != 302:
                response.failure(f"sign-in of {self.email} answered {response.status_code}")
        self.unsecure_cookies()

    def unsecure_cookies(self):
        """The session's cookies are Secure; over plain HTTP requests would drop them."""
        for cookie in self.client.cookies:
            cookie.secure = False

    @task
    def click(self):
        path = random.choice(PAGES[self.email])
        with self.client.get(path, catch_response=True, allow_redirects=False) as response:
            if response.status_code != 200:
                response.failure(f"{path} answered {response.status_code} to {self.email}")
