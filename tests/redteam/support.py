"""What every red-team test shares: the kata, the runs, the hostile projects, the exact Report
expected, and the checks that the host came out of a run unharmed.

Each hostile submission lives in ``submissions/<name>/`` as only the files that differ from the
project it is built on (the rate-limiter kata's stub, which passes the 2 baseline specs of 12,
or its solution), so a cheat that works shows as extra passes. ``compose`` lays those files over
a copy of that project.

A submission cannot be given arguments, so the attacks aim at fixed, distinctive host paths
(``/tmp/kata-redteam-<attack>-marker``) and name the processes they start distinctively, so
that a test can tell whether anything reached the host or outlived the run.
"""

import functools
import os
import shutil
import signal
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from grader.catalog import load_kata
from grader.models import Report, ReportStatus, RunEnd
from grader.resources import builtin_catalog_dir
from grader.runner import grade, limits_for
from grader.sandbox import BACKENDS, Sandbox
from grader.sandbox.available import bwrap_available, image_present

from ..conftest import require

SUBMISSIONS = Path(__file__).parent / "submissions"
RATE_LIMITER = load_kata(builtin_catalog_dir() / "rate-limiter", builtin=True)

P, F, E, T, N, S = "passed", "failed", "error", "timeout", "not_run", "skipped"
SPECS = [
    "test_baseline.py::test_health_answers_ok",
    "test_baseline.py::test_items_answer_correctly",
    "test_clients.py::test_addresses_have_separate_budgets",
    "test_clients.py::test_api_key_identifies_the_client",
    "test_clients.py::test_health_is_exempt",
    "test_limit.py::test_sixth_request_in_window_gets_429",
    "test_limit.py::test_rate_limit_headers_count_down",
    "test_limit.py::test_retry_after_is_seconds_left_rounded_up",
    "test_limit.py::test_budget_shared_across_items_routes",
    "test_window.py::test_budget_comes_back_after_window",
    "test_window.py::test_budget_not_back_before_window_ends",
    "test_window.py::test_refused_requests_do_not_count",
]
MAX_SCORE = 20
STUB = [P, P] + [F] * 10  # what the untouched stub deserves: the 2 baseline specs, 2 points
STUB_SCORE = 2
ALL_PASSED = [P] * 12

IN_PROCESS = "inprocess/process"
BLACK_BOX_PROCESS = "blackbox/process"
BWRAP = "blackbox/bwrap"
DOCKER = "blackbox/docker"
RUNS = {
    IN_PROCESS: ("process", "inprocess"),
    BLACK_BOX_PROCESS: ("process", "blackbox"),
    BWRAP: ("bwrap", "blackbox"),
    DOCKER: ("docker", "blackbox"),
}
ALL_RUNS = tuple(RUNS)
BLACK_BOX_RUNS = (BLACK_BOX_PROCESS, BWRAP, DOCKER)
ISOLATED_RUNS = (BWRAP, DOCKER)  # the sandboxes that are a boundary: not the process one

# A run that ends on its own never waits for its wall clock, so a long one costs nothing and keeps
# the exact Reports steady on a busy machine; attacks that hang choose their own, shorter one.
WALL_SECONDS = 60.0
MARKER_DIR = Path("/tmp")
MARKER_GLOB = "kata-redteam-*-marker*"


def marker(attack: str) -> Path:
    """The host path an attack tries to write; it must never exist after a run."""
    return MARKER_DIR / f"kata-redteam-{attack}-marker"


def remove_markers() -> None:
    for path in MARKER_DIR.glob(MARKER_GLOB):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def markers_on_host() -> list[Path]:
    return sorted(MARKER_DIR.glob(MARKER_GLOB))


# --- hostile projects -------------------------------------------------------------------------


def compose(name: str, destination: Path, base: str = "stub") -> Path:
    """The project of submission ``name``: its files laid over a copy of the kata's stub (or
    solution)."""
    origin = {"stub": RATE_LIMITER.stub_dir, "solution": RATE_LIMITER.solution_dir}[base]
    project = destination / name
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(origin, project, ignore=ignore)
    overlay = SUBMISSIONS / name
    if overlay.is_dir():
        shutil.copytree(overlay, project, ignore=ignore, dirs_exist_ok=True)
    return project


# --- running ----------------------------------------------------------------------------------


@functools.cache
def _bwrap_ready() -> bool:
    return bwrap_available()


@functools.cache
def _docker_ready() -> bool:
    return image_present() is not None


@functools.cache
def _sandbox(backend: str) -> Sandbox:
    """One sandbox per backend for the session: a docker one holds a client of the engine."""
    return BACKENDS[backend]()


def open_sandbox(run: str) -> Sandbox:
    backend, _ = RUNS[run]
    if backend == "bwrap":
        require(_bwrap_ready(), "bubblewrap cannot run here")
    if backend == "docker":
        require(_docker_ready(), "no Docker engine with the sandbox image")
    return _sandbox(backend)


def grade_in(run: str, project: Path, **limits: float) -> Report:
    """Grade ``project`` in ``run``, as the kata's limits say but for the wall clock and CPU time
    (``limits`` overrides any limit)."""
    sandbox = open_sandbox(run)
    update = {"wall_seconds": WALL_SECONDS, "cpu_seconds": 60, **limits}
    chosen = limits_for(RATE_LIMITER).model_copy(update=update)
    return grade(RATE_LIMITER, project, sandbox, mode=RUNS[run][1], limits=chosen)


# --- what is expected -------------------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    """The exact Report facts of one run: per-spec statuses (in SPECS order), score, why the run
    ended, and words that one integrity finding must all contain (none: no finding at all).

    ``evident`` is for in-process cheats the grader does not catch yet, where more than one fix
    is right: the Report must then either name a finding and score 0 (tamper-evident), or be
    exactly what the stub underneath deserves (neutralised). Either way, never a pass.
    """

    statuses: Sequence[str]
    score: int
    run_end: RunEnd = RunEnd.finished
    finding: Sequence[str] = ()
    errors: Sequence[str] = field(default=())
    evident: bool = False


HONEST_STUB = Expect(STUB, STUB_SCORE)
CAUGHT_OR_NEUTRALISED = Expect(STUB, STUB_SCORE, evident=True)


def all_output(report: Report) -> str:
    """Everything a reader of the Report sees that came from the run's output."""
    parts = [report.output, *report.errors, *report.integrity]
    for spec in report.specs:
        parts += [spec.message, spec.output]
    return "\n".join(parts)


def check_report(report: Report, expect: Expect, run: str) -> None:
    """The Report holds exactly the facts ``expect`` names."""
    if expect.evident and report.integrity:
        assert [spec.id for spec in report.specs] == SPECS
        assert report.score == 0, _summary(report)
        assert report.status is ReportStatus.failed, _summary(report)
        assert report.errors == [], report.errors
        return
    got = [(spec.id, spec.status.value) for spec in report.specs]
    assert got == list(zip(SPECS, expect.statuses, strict=True)), _summary(report)
    assert report.score == expect.score, _summary(report)
    assert report.max_score == MAX_SCORE
    assert report.run_end is expect.run_end, _summary(report)
    assert (report.sandbox.backend, report.sandbox.mode) == RUNS[run]
    if expect.errors:
        assert len(report.errors) == 1, report.errors
        assert all(word in report.errors[0] for word in expect.errors), report.errors
        assert report.status is ReportStatus.error
    else:
        assert report.errors == [], report.errors
    if expect.finding:
        assert any(all(word in found for word in expect.finding) for found in report.integrity), (
            f"no integrity finding with {list(expect.finding)}: {_summary(report)}"
        )
        assert report.score == 0
        assert report.status is ReportStatus.failed
    else:
        assert report.integrity == [], _summary(report)
        if not expect.errors:
            everything = expect.statuses == ALL_PASSED
            assert report.status is (ReportStatus.passed if everything else ReportStatus.failed)


def check_one_of(report: Report, expects: Sequence[Expect], run: str) -> None:
    """The Report holds exactly the facts of one of ``expects`` (where more than one fix of the
    grader is right, and each gives a Report of its own)."""
    for expect in expects:
        try:
            check_report(report, expect, run)
        except AssertionError:
            continue
        return
    raise AssertionError(f"the Report matches none of the expected ones: {_summary(report)}")


def _summary(report: Report) -> str:
    """What a failed assertion shows: the whole verdict, one line per spec."""
    lines = [
        f"status={report.status.value} score={report.score} run_end={report.run_end.value}",
        f"integrity={report.integrity}",
        f"errors={report.errors}",
    ]
    lines += [f"  {spec.status.value:8} {spec.id}: {spec.message[:160]}" for spec in report.specs]
    lines.append("output (tail): " + report.output[-1500:])
    return "\n".join(lines)


# --- the host after a run ---------------------------------------------------------------------

# What the attacks' processes and threads carry, so that nothing else on the machine matches: a
# whole command line (`sleep 3723`), an argv element, or a thread name (/proc/<pid>/task/*/comm).
SLEEP_ARGV = ("sleep", "3723")
DAEMON_ARGV = "kata-rt-daemon"
HOSTILE_COMMS = frozenset({"kata-rt-bomb", "kata-rt-spin", "kata-rt-sleep", "kata-rt-daemon"})


def _argv(pid: str) -> list[str]:
    try:
        raw = Path("/proc", pid, "cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def _comms(pid: str) -> set[str]:
    names = set()
    try:
        tasks = list(Path("/proc", pid, "task").iterdir())
    except OSError:
        return names
    for task in tasks:
        try:
            names.add((task / "comm").read_text().strip())
        except OSError:
            continue
    return names


def _is_hostile(argv: Sequence[str], comms: Iterable[str]) -> bool:
    if HOSTILE_COMMS.intersection(comms) or DAEMON_ARGV in argv:
        return True
    return len(argv) == 2 and (Path(argv[0]).name, argv[1]) == SLEEP_ARGV


def hostile_processes() -> list[str]:
    """Processes (and processes with threads) that an attack started and that are still alive."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or entry.name == str(os.getpid()):
            continue
        argv, comms = _argv(entry.name), _comms(entry.name)
        if _is_hostile(argv, comms):
            found.append(f"{entry.name}: {' '.join(argv)[:120]} {sorted(comms)}")
    return found


def no_hostile_processes(grace: float = 2.0) -> list[str]:
    """The hostile processes still alive after ``grace`` seconds (a kill takes a moment to land)."""
    deadline = time.monotonic() + grace
    while True:
        left = hostile_processes()
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


def kill_leftovers() -> None:
    """Kill what an attack of this suite left running (only those: matched by their tokens)."""
    for line in hostile_processes():
        pid = int(line.split(":", 1)[0])
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            continue
