"""The printing processes of a long document (reports/pdf/printer.py): they run a function of
the project and hand back what it returns, in whichever process is free; a failure in one
comes back with its traceback, a process that dies fails its part with why; a build that
fails kills them, and they die with the process that started them (a worker killed with
SIGKILL leaves no printer behind)."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from django.conf import settings

from reports.pdf.printer import Printers, PrintingFailed


def where(number):
    """The number and the process that saw it (a job of the tests' printers)."""
    return number, os.getpid()


def fails(number):
    raise ValueError(f"no part {number}")


def dies(number):
    os.kill(os.getpid(), signal.SIGKILL)


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is dead
        return stat.read().split(")")[-1].split()[0] != "Z"


def test_the_parts_are_printed_side_by_side_in_other_processes():
    with Printers(2, where) as printers:
        futures = [printers.submit(number) for number in range(6)]
        results = [future.result(timeout=120) for future in futures]
        processes = [process.pid for process in printers.processes]
    assert [number for number, _pid in results] == list(range(6))
    assert {pid for _number, pid in results} <= set(processes)
    assert os.getpid() not in {pid for _number, pid in results}
    assert not any(alive(pid) for pid in processes)


def test_one_process_prints_in_this_one():
    with Printers(1, where) as printers:
        assert printers.submit(7).result() == (7, os.getpid())
        assert printers.processes == []


def test_a_failure_comes_back_with_its_traceback_and_the_processes_are_killed():
    printers = Printers(2, fails)
    processes = list(printers.start().processes)
    with pytest.raises(PrintingFailed, match="no part 3"), printers:
        printers.submit(3).result(timeout=120)
    assert all(process.poll() is not None for process in processes)


def test_a_process_that_dies_fails_its_part_with_why():
    """…and the parts after it fail too, rather than wait for a process that never frees."""
    with Printers(2, dies) as printers:
        futures = [printers.submit(number) for number in range(3)]
        for future in futures:
            with pytest.raises(PrintingFailed, match="stopped"):
                future.result(timeout=120)


@pytest.mark.skipif(sys.platform != "linux", reason="the kernel kills orphans on Linux only")
def test_the_printers_die_with_the_process_that_started_them(tmp_path):
    """A build's process killed with SIGKILL (no clean-up runs): its printers end too."""
    pids = tmp_path / "pids"
    script = textwrap.dedent(
        f"""
        import django, time
        django.setup()
        from reports.pdf.printer import Printers
        from tests.reports.test_pdf_printer import where
        printers = Printers(2, where)
        printers.submit(1).result()
        with open({str(pids)!r}, "w") as out:
            out.write(" ".join(str(process.pid) for process in printers.processes))
        time.sleep(600)
        """
    )
    build = subprocess.Popen([sys.executable, "-c", script], cwd=settings.BASE_DIR)
    try:
        deadline = time.monotonic() + 120
        while not (pids.exists() and pids.read_text()) and time.monotonic() < deadline:
            time.sleep(0.2)
        printers = [int(pid) for pid in pids.read_text().split()]
        assert len(printers) == 2 and all(alive(pid) for pid in printers)
    finally:
        build.kill()
        build.wait(timeout=30)
    deadline = time.monotonic() + 30
    while any(alive(pid) for pid in printers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(pid) for pid in printers)
