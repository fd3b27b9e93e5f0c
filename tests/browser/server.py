"""The demo site for the browser tests: a real server in a process of its own, on a SQLite
database of its own loaded with `seed_demo`, so that the pages hold what a person sees after
`make run` and the rest of the suite keeps its empty test database."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


class DemoServer:
    """`python manage.py runserver` on a free port of 127.0.0.1 over a freshly seeded database."""

    def __init__(self, folder):
        # DEMO_SERVER_PORT keeps the server on a port of one's own on a shared machine.
        self.port = int(os.environ.get("DEMO_SERVER_PORT") or free_port())
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.browser.settings",
            "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}",
            "MEDIA_ROOT": str(folder / "media"),
            "CELERY_BROKER_URL": "",
            "CACHE_URL": "",
        }
        self.process = None

    def start(self):
        _manage(self.env, "migrate", "--noinput")
        _manage(self.env, "seed_demo")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/calls/", timeout=2)
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("the demo server stopped while starting") from None
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("the demo server did not answer within 60 s")

    def manage(self, *args):
        """Run a management command on the demo's database (the server keeps running)."""
        _manage(self.env, *args)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def run_in_site(server, code):
    """Run Python `code` against the demo site's database (for the steps of a test that are not
    what it tests, such as moving a proposal to the state its journey starts from)."""
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=server.env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
