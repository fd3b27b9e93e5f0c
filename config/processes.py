"""The site and its background workers as one command, stopped together by Ctrl-C:

    python -m config.processes run [--port 8000]     # `make run`: runserver and a worker
    python -m config.processes serve [--port 8000]   # `make serve`: gunicorn, worker, beat

Without CELERY_BROKER_URL both use kombu's filesystem transport (a folder under var/), so that
documents are built by a worker, never inside a web request, with nothing else to install;
with it (redis://…) that broker. `serve` runs production-like: DEBUG off, the database
migrated and the static files collected (WhiteNoise's compressed manifest) first, gunicorn
with WEB_CONCURRENCY workers (the cores plus one by default) that keep their database
connections (CONN_MAX_AGE, 60 s by default), a Celery worker and Celery beat.
Without SECRET_KEY it keeps one in var/secret_key; without ALLOWED_HOSTS it answers on
127.0.0.1 and localhost.

A worker or beat that dies is started again (at most RESTARTS times); when the web server
stops, or on Ctrl-C (SIGINT) or SIGTERM, everything is stopped, each process given
STOP_SECONDS to finish before it is killed.
"""

import argparse
import contextlib
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
STOP_SECONDS = 20
RESTARTS = 5


def base_environment(*, production):
    env = dict(os.environ)
    if not env.get("CELERY_BROKER_URL"):
        env["CELERY_BROKER_URL"] = "filesystem://"
    if production:
        env["DEBUG"] = "0"
        env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
        # A sync worker keeps its database connection between requests (checked before reuse)
        # rather than opening one for each page: PostgreSQL starts a process per connection.
        env.setdefault("CONN_MAX_AGE", "60")
        if not env.get("SECRET_KEY"):
            env["SECRET_KEY"] = kept_secret_key()
    else:
        env["DEBUG"] = "1"
    return env


def kept_secret_key():
    """A random key made once and kept in var/secret_key (readable by its owner only)."""
    path = VAR / "secret_key"
    if not path.exists():
        VAR.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


def web_workers():
    """WEB_CONCURRENCY, or the cores plus one: a sync worker renders pages with the CPU, so
    one a core, and one more to fill the time another waits for the database."""
    return int(os.environ.get("WEB_CONCURRENCY") or (os.cpu_count() or 1) + 1)


def commands(mode, *, host, port):
    python = sys.executable
    celery = [python, "-m", "celery", "-A", "config"]
    worker = [*celery, "worker", "--loglevel=INFO", "--without-gossip", "--without-mingle"]
    if mode == "run":
        return {
            "web": [python, "manage.py", "runserver", f"{host}:{port}"],
            "worker": [*worker, "--concurrency=1"],
        }
    VAR.mkdir(parents=True, exist_ok=True)
    return {
        "web": [
            python, "-m", "gunicorn", "config.wsgi:application",
            "--bind", f"{host}:{port}",
            "--workers", str(web_workers()),
            "--timeout", "60", "--graceful-timeout", str(STOP_SECONDS - 5),
            "--max-requests", "2000", "--max-requests-jitter", "200",
            "--error-logfile", "-", "--no-control-socket",
        ],
        "worker": worker,
        "beat": [*celery, "beat", "--loglevel=INFO", "--schedule", str(VAR / "beat-schedule")],
    }  # fmt: skip


def prepare(env):
    """Migrate and collect the static files (compressed, with a manifest) before serving."""
    for step in (["migrate", "--noinput"], ["collectstatic", "--noinput", "--verbosity", "0"]):
        subprocess.run([sys.executable, "manage.py", *step], cwd=ROOT, env=env, check=True)


class Supervisor:
    def __init__(self, named_commands, env):
        self.commands = named_commands
        self.env = env
        self.processes = {}
        self.restarts = dict.fromkeys(named_commands, 0)
        self.stopping = False

    def start(self, name):
        print(f"[processes] starting {name}: {' '.join(self.commands[name])}", flush=True)
        # Its own process group, so that its children (runserver's reloader, gunicorn's and
        # Celery's workers) are signalled with it.
        self.processes[name] = subprocess.Popen(
            self.commands[name], cwd=ROOT, env=self.env, start_new_session=True
        )

    def stop(self, *_signal):
        self.stopping = True

    def run(self):
        signal.signal(signal.SIGINT, self.stop)
        signal.signal(signal.SIGTERM, self.stop)
        for name in self.commands:
            self.start(name)
        code = 0
        while not self.stopping:
            time.sleep(0.5)
            for name, process in list(self.processes.items()):
                if process.poll() is None:
                    continue
                if name == "web" or self.restarts[name] >= RESTARTS:
                    print(f"[processes] {name} exited ({process.returncode})", flush=True)
                    code = process.returncode or 1
                    self.stopping = True
                    break
                self.restarts[name] += 1
                print(f"[processes] {name} exited ({process.returncode}); again", flush=True)
                self.start(name)
        self.stop_all()
        return code

    def stop_all(self):
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()  # the main process stops its own workers
        deadline = time.monotonic() + STOP_SECONDS
        for name, process in self.processes.items():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                print(f"[processes] {name} did not stop: killed", flush=True)
                signal_group(process, signal.SIGKILL)
                process.wait()
            signal_group(process, signal.SIGKILL)  # what it left (runserver's reloaded child)
        print("[processes] stopped", flush=True)


def signal_group(process, number):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, number)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Run the site with its worker (and beat).")
    parser.add_argument("mode", choices=("run", "serve"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    env = base_environment(production=args.mode == "serve")
    if args.mode == "serve":
        prepare(env)
    supervisor = Supervisor(commands(args.mode, host=args.host, port=args.port), env)
    return supervisor.run()


if __name__ == "__main__":
    sys.exit(main())
