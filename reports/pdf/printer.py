"""The printing processes that print the parts of a long document side by side, one per core,
while the process that builds it renders the next part's HTML and then waits
(reports/pdf/render.py, `render_pdf_parts`).

A printing process is a plain child process running Python with Django set up, not
multiprocessing's (a Celery prefork worker's pool process is daemonic and may not have those).
It reads a job (a module-level function of this project and its arguments) from its stdin and
writes what it returns to its stdout, a pickled frame each, until its stdin is closed. It dies
with the process that started it (the kernel kills it when its parent goes, on Linux), so a
worker killed mid-document leaves no printer behind; a printer that fails or dies fails the
build with why.
"""

import contextlib
import ctypes
import importlib
import os
import pickle
import queue
import signal
import subprocess
import sys
import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PR_SET_PDEATHSIG = 1
# A printing process: Django set up first (the package reports.pdf imports the catalogue, and
# with it the models), then its loop.
CHILD = (
    "import sys, django; django.setup(); "
    "from reports.pdf import printer; printer.main(int(sys.argv[1]))"
)


class PrintingFailed(Exception):
    """A printing process failed to print a part, or stopped (its reason in the message)."""


class Printers:
    """Up to `count` printing processes running `function` (a module-level function), started
    from the calling thread by `start()` or the first `submit(*args)`, which is a Future of
    what the function returns, run by whichever process is free. With `count` ≤ 1 it runs in
    this process instead, as each is submitted. Used as a context manager: on the way out the
    processes are told to stop, or killed at once when the block failed (a build given up
    must not go on printing)."""

    def __init__(self, count, function):
        self.count = count
        self.function = function
        self.name = f"{function.__module__}:{function.__qualname__}"
        self.processes = []
        self.idle = queue.SimpleQueue()
        self.threads = None

    def start(self):
        """Start the processes now (they take a second to set Django up: a build starts them
        while it still reads its figures)."""
        if self.count > 1 and not self.processes:
            self.processes = [_start_process() for _ in range(self.count)]
            for process in self.processes:
                self.idle.put(process)
            self.threads = ThreadPoolExecutor(self.count)
        return self

    @property
    def size(self):
        """How many parts are printed at the same time."""
        return max(1, self.count)

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        self.close(kill=kind is not None)

    def submit(self, *args):
        if self.count > 1:
            self.start()
        if self.threads is None:
            future = Future()
            future.set_result(self.function(*args))
            return future
        return self.threads.submit(self._print, (self.name, args))

    def _print(self, job):
        process = self.idle.get()
        try:
            pickle.dump(job, process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            process.stdin.flush()
            status, value = pickle.load(process.stdout)
        except (EOFError, OSError, pickle.UnpicklingError) as error:
            code = process.poll()
            raise PrintingFailed(
                f"printing process {process.pid} stopped (exit code {code})"
            ) from error
        finally:
            # Back even when dead: the next part sent to it fails at once instead of waiting
            # for a process that will never be free.
            self.idle.put(process)
        if status != "ok":
            raise PrintingFailed(value)
        return value

    def close(self, *, kill=False):
        for process in self.processes:
            with contextlib.suppress(OSError):
                if kill:
                    process.kill()
                else:
                    process.stdin.close()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            for pipe in (process.stdin, process.stdout):
                with contextlib.suppress(OSError):
                    pipe.close()
        if self.threads is not None:
            self.threads.shutdown(wait=True, cancel_futures=True)


def _start_process():
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), environment.get("PYTHONPATH")])
    )
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(os.getpid())],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
        env=environment,
    )


def _die_with_parent(parent):
    """Ask the kernel to kill this process when its parent ends (Linux); end now if the
    parent is already gone."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        sys.exit(1)


def serve(requests, replies):
    """The printing process's loop: a job from `requests`, its PDF (or why it failed) to
    `replies`, until `requests` ends."""
    while True:
        try:
            job = pickle.load(requests)
        except EOFError:
            return
        name, args = job
        try:
            module, function = name.split(":")
            reply = ("ok", getattr(importlib.import_module(module), function)(*args))
        except Exception:
            reply = ("error", traceback.format_exc())
        pickle.dump(reply, replies, protocol=pickle.HIGHEST_PROTOCOL)
        replies.flush()


def main(parent):
    _die_with_parent(parent)
    # The replies go through a copy of stdout; anything printed goes to stderr instead.
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.stdin.buffer, replies)
