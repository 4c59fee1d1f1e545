"""Sample submissions graded exactly as expected: each status, each score, each finding."""

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.catalog import Kata
from grader.models import Report, ReportStatus, RunEnd
from grader.runner import grade, limits_for
from grader.sandbox import BACKENDS, ProcessSandbox, Sandbox
from grader.sandbox.available import bwrap_available, image_present
from grader.sandbox.warm import WarmProcessSandbox
from grader.warm import WarmWorker

from .conftest import SUBMISSIONS, require

P, F, E, T, N = "passed", "failed", "error", "timeout", "not_run"
SPECS = [
    "test_greeter.py::test_hello",
    "test_greeter.py::test_hello_name",
    "test_greeter.py::test_count_starts_at_one",
    "test_greeter.py::test_count_counts",
    "test_greeter.py::test_whoami",
    "test_greeter.py::test_openapi",
]
STUB = [F, F, F, F, F, P]
SOLUTION = [P, P, P, P, P, P]
HALF = [P, P, F, F, F, P]

# name: (spec statuses in order, score, run end, words every integrity finding list must hold)
EXPECTED = {
    "stub": (STUB, 1, RunEnd.finished, []),
    "solution": (SOLUTION, 8, RunEnd.finished, []),
    "half": (HALF, 4, RunEnd.finished, []),
    "syntax_error": ([E] * 6, 0, RunEnd.finished, []),
    "no_app": ([E] * 6, 0, RunEnd.finished, []),
    "never_returns": ([P, T, N, N, N, N], 2, RunEnd.timed_out, []),
    "exits_halfway": ([P, P, E, N, N, N], 3, RunEnd.finished, []),
    "conftest_forces_pass": (STUB, 1, RunEnd.finished, []),
    "pytest_ini_deselects": (HALF, 4, RunEnd.finished, []),
    "sitecustomize": (STUB, 1, RunEnd.finished, []),
    "json_module": (SOLUTION, 8, RunEnd.finished, []),
    "patches_pytest": (SOLUTION, 0, RunEnd.finished, ["Function.runtest"]),
    "gc_hook": (SOLUTION, 0, RunEnd.finished, ["hook (pytest_runtest_makereport)", "app/main.py"]),
}


# Black-box, the submission never shares the specs' process: its tricks on pytest reach nothing,
# a hung request is one spec's timeout, and a process that exits leaves the later specs errors.
BLACK_BOX = {
    **EXPECTED,
    "never_returns": ([P, T, P, P, P, P], 7, RunEnd.finished, []),
    "exits_halfway": ([P, P, E, E, E, E], 3, RunEnd.finished, []),
    "patches_pytest": (STUB, 1, RunEnd.finished, []),
    "gc_hook": (STUB, 1, RunEnd.finished, []),
}
# Split into shares that take the specs as they go (a learner's warm check), a spec that hangs or
# exits ends only its own share's run: the other shares run the specs that are left.
IN_SHARES = {
    **EXPECTED,
    "never_returns": ([P, T, P, P, P, P], 7, RunEnd.timed_out, []),
    "exits_halfway": ([P, P, E, E, N, N], 3, RunEnd.finished, []),  # both shares reach /count
}
RUNS = {
    "inprocess/process": ("process", "inprocess", EXPECTED),
    "inprocess/process, warm, in shares": ("process", "inprocess", IN_SHARES),
    "blackbox/process": ("process", "blackbox", BLACK_BOX),
    "blackbox/bwrap": ("bwrap", "blackbox", BLACK_BOX),
    "blackbox/docker": ("docker", "blackbox", BLACK_BOX),
    # What a batch keeps between submissions must change no result: docker containers started
    # ahead of their runs, and the specs' side forked from a warm worker.
    "blackbox/docker, started ahead": ("docker", "blackbox", BLACK_BOX),
    "blackbox/process, warm specs' side": ("process", "blackbox", BLACK_BOX),
}
KEPT_BETWEEN_RUNS = (
    "inprocess/process, warm, in shares",
    "blackbox/docker, started ahead",
    "blackbox/process, warm specs' side",
)


def _project(kata: Kata, name: str) -> Path:
    return {"stub": kata.stub_dir, "solution": kata.solution_dir}.get(name, SUBMISSIONS / name)


def _sandbox(name: str) -> Sandbox:
    if name == "bwrap":
        require(bwrap_available(), "bubblewrap cannot run here")
    if name == "docker":
        require(image_present() is not None, "no Docker engine with the sandbox image")
    return BACKENDS[name]()


_reports: dict[tuple[str, str], Report] = {}
# The runs' sandboxes that keep something between submissions, made once for all samples.
_kept: dict[str, tuple[Sandbox, ProcessSandbox | None]] = {}


@pytest.fixture(scope="module", autouse=True)
def _close_kept() -> Iterator[None]:
    yield
    for sandbox, specs_side in _kept.values():
        sandbox.close()
        for warm in (sandbox, specs_side):
            if isinstance(warm, WarmProcessSandbox):
                warm.worker.stop()
                shutil.rmtree(warm.worker.socket_path.parent, ignore_errors=True)


def _sandboxes(run: str) -> tuple[Sandbox, ProcessSandbox | None]:
    backend = RUNS[run][0]
    if run not in KEPT_BETWEEN_RUNS:
        return _sandbox(backend), None
    if run not in _kept:
        sandbox = _sandbox(backend)
        sandbox.start_ahead(1)
        if backend != "process":
            _kept[run] = sandbox, None
            return _kept[run]
        worker = WarmWorker(Path(tempfile.mkdtemp(prefix="kata-test-warm-")))
        if RUNS[run][1] == "inprocess":
            _kept[run] = WarmProcessSandbox(worker, shares=2), None
        else:
            _kept[run] = sandbox, WarmProcessSandbox(worker)
    return _kept[run]


def _grade(kata: Kata, name: str, run: str = "inprocess/process") -> Report:
    """Grade a sample once per test session; several tests read the same Report."""
    if (name, run) not in _reports:
        mode = RUNS[run][1]
        # A short wall clock keeps the sample that never returns from holding the suite up.
        limits = limits_for(kata).model_copy(update={"wall_seconds": 20})
        project = _project(kata, name)
        sandbox, specs_side = _sandboxes(run)
        _reports[name, run] = grade(
            kata, project, sandbox, mode=mode, limits=limits, specs_side=specs_side
        )
    return _reports[name, run]


def test_every_sample_submission_has_an_expectation() -> None:
    assert {path.name for path in SUBMISSIONS.iterdir()} == set(EXPECTED) - {"stub", "solution"}


@pytest.mark.parametrize("run", RUNS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_is_graded_as_expected(greeter: Kata, name: str, run: str) -> None:
    statuses, score, run_end, findings = RUNS[run][2][name]
    report = _grade(greeter, name, run)

    assert [(spec.id, spec.status.value) for spec in report.specs] == list(
        zip(SPECS, statuses, strict=True)
    )
    assert report.score == score
    assert report.max_score == 8
    assert report.run_end is run_end
    assert report.errors == []
    assert (report.sandbox.backend, report.sandbox.mode) == RUNS[run][:2]
    if findings:
        assert report.status is ReportStatus.failed
        assert any(all(word in found for word in findings) for found in report.integrity)
    else:
        assert report.integrity == []
        expected_status = ReportStatus.passed if statuses == SOLUTION else ReportStatus.failed
        assert report.status is expected_status


@pytest.mark.parametrize("run", ["inprocess/process", "blackbox/process"])
def test_syntax_error_names_file_and_line_once_in_both_modes(greeter: Kata, run: str) -> None:
    report = _grade(greeter, "syntax_error", run)
    assert report.blocked_by.startswith("SyntaxError in app/main.py, line 7")
    assert "def hello(:" in report.blocked_by
    for spec in report.specs:
        assert spec.message == "blocked: the app could not be loaded (the error above)"


def test_black_box_says_why_a_spec_lost_its_app(greeter: Kata) -> None:
    hung = _grade(greeter, "never_returns", "blackbox/process")
    assert hung.specs[1].message == "the app did not answer GET /hello/Ada within 10 seconds"
    exited = _grade(greeter, "exits_halfway", "blackbox/process")
    assert "stopped answering during POST /count" in exited.specs[2].message
    assert exited.blocked_by.endswith("no app is left to test")
    assert exited.specs[3].message.startswith("blocked:")


def test_missing_app_says_where_it_was_looked_for(greeter: Kata) -> None:
    report = _grade(greeter, "no_app")
    assert "app/main.py defines no 'app'" in report.blocked_by


def test_timeout_and_early_exit_say_why_the_run_ended(greeter: Kata) -> None:
    timed_out = _grade(greeter, "never_returns")
    assert timed_out.specs[1].message == "the run hit its time limit during this spec"
    exited = _grade(greeter, "exits_halfway")
    assert exited.specs[2].message == "the run ended (exit code 0) during this spec"
    assert exited.specs[3].message.startswith("not run:")


@pytest.mark.parametrize("run", ["inprocess/process", "blackbox/process"])
def test_missing_routes_are_named_before_the_specs(greeter: Kata, run: str) -> None:
    assert _grade(greeter, "solution", run).routes == []
    assert _grade(greeter, "half", run).routes == ["GET /whoami: no such route in the app"]
    assert len(_grade(greeter, "stub", run).routes) == 4
    assert _grade(greeter, "syntax_error", run).routes == []  # no app, nothing to compare


@pytest.mark.parametrize("run", ["inprocess/process", "blackbox/process"])
def test_a_failure_shows_the_last_request_and_response(greeter: Kata, run: str) -> None:
    counts = _grade(greeter, "half", run).specs[3]
    request, _, exchange = counts.message.partition("The last request and what came back:\n")
    assert request.startswith("assert {'count': 0} == {'count': 2}")
    assert exchange.splitlines()[:2] == ["POST /count", "-> 200 OK"]
    assert "content-type: application/json" in exchange
    assert exchange.splitlines()[-1].strip() == '{"count":0}'
    assert "x-kata-client-address" not in exchange


def test_failures_carry_message_and_first_hint(greeter: Kata) -> None:
    report = _grade(greeter, "half")
    counts = report.specs[3]
    assert counts.message.startswith("assert {'count': 0} == {'count': 2}")
    assert "Use -v" not in counts.message
    assert counts.hint == "Keep counting across calls."
    assert report.specs[0].hint == "Add a GET /hello route."
    stub = _grade(greeter, "stub")
    words = stub.specs[0].message.partition("\n\nThe last request")[0]
    assert words == "expected 200, got 404"  # the spec's words, not pytest's


def test_report_records_what_was_graded(greeter: Kata) -> None:
    report = _grade(greeter, "half")
    again = _grade(greeter, "pytest_ini_deselects")
    assert report.duration > 0
    assert report.kata.id == "greeter"
    assert report.kata.version == greeter.version
    assert report.submission.name == "half"
    assert len(report.submission.content_hash) == 64
    assert report.submission.content_hash != again.submission.content_hash
    assert report.sandbox.backend == "process"
    assert report.sandbox.mode == "inprocess"
    assert Report.model_validate_json(report.model_dump_json()) == report
