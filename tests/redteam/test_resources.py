"""Attacks on the machine's resources: CPU, time, processes, memory, disk, output.

Each is graded in the runs whose limits can stop it, and afterwards nothing the attack started
may still be alive. Left out, and why:

- the fork bomb runs in docker only: the process and bwrap sandboxes limit processes with
  RLIMIT_NPROC, which does not apply to root (the grader runs as root here), so on this machine
  nothing would stop it;
- the disk fill runs in docker only: bwrap writes the submission's copy on a host folder with no
  size cap, and the process sandbox caps only the size of each file (RLIMIT_FSIZE);
- the daemon (a process in a session of its own) runs in bwrap and docker only: the process
  sandbox kills the run's process group, which such a process has left, so it survives.
"""

import re
import time
from pathlib import Path

import pytest

from grader.models import RunEnd
from grader.plugin import MAX_OUTPUT_CHARS
from grader.results import MAX_RUN_OUTPUT_CHARS

from .support import (
    ALL_RUNS,
    BLACK_BOX_PROCESS,
    BWRAP,
    DOCKER,
    HONEST_STUB,
    IN_PROCESS,
    ISOLATED_RUNS,
    STUB_SCORE,
    E,
    Expect,
    F,
    N,
    P,
    T,
    all_output,
    check_report,
    compose,
    grade_in,
    markers_on_host,
    no_hostile_processes,
)

pytestmark = pytest.mark.slow

# In-process, a spec that never returns holds the whole run until its wall clock, so those runs
# get a short one. Black-box, a hung request is that spec's timeout (after half the wall clock,
# at most 15 s) and the run goes on, so those get room to finish the other specs on a busy host.
HUNG_IN_PROCESS = Expect([P, P, T] + [N] * 9, STUB_SCORE, RunEnd.timed_out)
HUNG_BLACK_BOX = Expect([P, P, T] + [F] * 9, STUB_SCORE)
HANG_WALL = {IN_PROCESS: 30.0, BLACK_BOX_PROCESS: 90.0, BWRAP: 90.0, DOCKER: 90.0}


@pytest.mark.parametrize("run", ALL_RUNS)
def test_an_endless_loop_costs_one_spec(run: str, tmp_path: Path) -> None:
    """`while True: pass` on the first 6th request: that spec times out, nothing spins on."""
    report = grade_in(run, compose("cpu_loop", tmp_path), wall_seconds=HANG_WALL[run])

    check_report(report, HUNG_IN_PROCESS if run == IN_PROCESS else HUNG_BLACK_BOX, run)
    assert no_hostile_processes() == []  # the kata-rt-spin thread went with its process


@pytest.mark.parametrize("run", ALL_RUNS)
def test_a_sleep_costs_one_spec_and_its_child_goes_too(run: str, tmp_path: Path) -> None:
    """`sleep(3723)` on the first 6th request, and a `sleep 3723` child started at import."""
    report = grade_in(run, compose("sleeper", tmp_path), wall_seconds=HANG_WALL[run])

    check_report(report, HUNG_IN_PROCESS if run == IN_PROCESS else HUNG_BLACK_BOX, run)
    assert no_hostile_processes() == []


@pytest.mark.parametrize("run", ISOLATED_RUNS)
def test_a_daemon_does_not_outlive_its_run(run: str, tmp_path: Path) -> None:
    """A setsid daemon that ignores SIGTERM and keeps rewriting a host file and every results
    file it can find: it dies with the sandbox, and nothing it wrote reaches the host."""
    report = grade_in(run, compose("daemon", tmp_path))
    time.sleep(1.5)  # a daemon that survived would have written its marker again by now

    check_report(report, HONEST_STUB, run)
    assert "REDTEAM-DAEMON started" in report.output
    assert no_hostile_processes() == []
    assert markers_on_host() == []


@pytest.mark.parametrize("run", [DOCKER])
def test_a_fork_bomb_hits_the_process_limit(run: str, tmp_path: Path) -> None:
    """A fork bomb on the first 6th request stops at the container's process limit; the app goes
    on serving, and no bomb process is left once the run is over."""
    report = grade_in(run, compose("fork_bomb", tmp_path), processes=64)

    check_report(report, HONEST_STUB, run)
    assert "REDTEAM-FORK-REFUSED" in report.output
    assert no_hostile_processes() == []


# With RLIMIT_AS (process, bwrap) the allocation fails inside the app and the request gets a
# 500; docker's memory cgroup kills the app instead, and the Report says it ran out of memory.
MEMORY = {
    IN_PROCESS: HONEST_STUB,
    BLACK_BOX_PROCESS: HONEST_STUB,
    BWRAP: HONEST_STUB,
    DOCKER: Expect([P, P] + [E] * 10, STUB_SCORE, RunEnd.out_of_memory),
}


@pytest.mark.parametrize("run", ALL_RUNS)
def test_a_memory_bomb_is_stopped_at_the_memory_limit(run: str, tmp_path: Path) -> None:
    """32 MiB chunks, touched and kept, from the 6th request on, under a 256 MiB limit."""
    report = grade_in(run, compose("memory_bomb", tmp_path), memory_mb=256)

    check_report(report, MEMORY[run], run)
    assert "REDTEAM-MEMORY-BOMB starting" in all_output(report)
    assert no_hostile_processes() == []


@pytest.mark.parametrize("run", [DOCKER])
def test_a_disk_fill_stops_at_the_sandbox_caps(run: str, tmp_path: Path) -> None:
    """Every writable place filled, file after file, until the disk says no: each place stops at
    its 64 MiB cap, and the app goes on serving."""
    report = grade_in(run, compose("disk_fill", tmp_path))

    check_report(report, HONEST_STUB, run)
    refusals = re.findall(r"REDTEAM-DISK-REFUSED (\S+): (\d+) MiB, then (\w+)", report.output)
    assert {place for place, _, _ in refusals} == {"/tmp", "/work/submission"}
    for place, megabytes, why in refusals:
        assert int(megabytes) <= 64, f"{place} took {megabytes} MiB"
        assert why in ("ENOSPC", "EFBIG", "EDQUOT"), f"{place}: {why}"


@pytest.mark.parametrize("run", ALL_RUNS)
def test_an_output_flood_is_capped(run: str, tmp_path: Path) -> None:
    """16 MiB of lines on stdout and stderr and a 4 MiB line: the run goes on, and the Report
    keeps only its capped share of it."""
    report = grade_in(run, compose("stdout_flood", tmp_path))

    check_report(report, HONEST_STUB, run)
    assert len(report.output) <= MAX_RUN_OUTPUT_CHARS + 100
    for spec in report.specs:
        assert len(spec.output) <= MAX_OUTPUT_CHARS + 100
    assert len(report.model_dump_json()) < 100_000
