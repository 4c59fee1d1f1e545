"""Grade a learner's tests (a kata with ``grading = "tests"``): one suite run per app version.

The suite must pass on the correct app (the baseline spec) and fail on each hidden fault (one
spec per fault). Each version gets a fresh run, with nothing kept from the one before:

- in-process (the learner's own code, trusted): pytest runs their tests with ``client`` a
  TestClient on the version's app, imported into that run. The correct app goes first, so a
  suite that fails on it is told at once.
- black-box (anything untrusted): the launcher serves the version in one fresh sandbox; the
  learner's tests run with ``grader.suiterunner`` in a second fresh sandbox of the same backend,
  which shares only the sockets folder and never sees the app's files. Versions go in a shuffled
  order, each at the same paths with the same environment, so the suite can tell them apart by
  the app's behaviour alone.

Of each run the grader believes only whether it exited 0 within its limits: the one bit the suite
cannot know the right answer to. Its output is shown to the learner for the correct app only
(faults stay hidden), and never judged.
"""

import random
import secrets
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from grader import job
from grader.catalog import SUITE_FOLDER, Kata
from grader.channel import APP_ENDED
from grader.errors import UsageError
from grader.intake import take_in
from grader.job import PYTEST_PREFIX, Mode
from grader.models import Limits, Report, RunEnd, SandboxRef, SpecInfo
from grader.records import Collected, Finished, Stream
from grader.resources import templates_dir
from grader.results import build_report
from grader.sandbox import LaunchRequest, Outcome, Sandbox, SandboxRequest
from grader.scratch import scratch_folder
from grader.suitekata import BASELINE_ID, Version, build_version, suite_index, versions
from grader.suiterunner import INI, pytest_args

RUNNER = pytest_args.__module__  # the module the suite's sandbox runs: grader.suiterunner
OUTPUT_LINES = 15  # of the suite's output on the correct app, in the baseline's message
MAX_OUTPUT_CHARS = 4000
NO_TESTS = (
    f"the project has no test files: write them in {SUITE_FOLDER}/, as test_*.py or *_test.py"
)
BLOCKED = "blocked: the suite must pass on the correct app first (see that spec)"
MISSED = "every test passed on an app with this fault: no test of yours notices it"


@dataclass(frozen=True)
class SuiteRun:
    """The one folder every version's run uses in turn, so that all of them see the same paths."""

    root: Path

    @property
    def suite(self) -> Path:
        """The learner's tests/ and the grader's pytest.ini: what the suite's sandbox holds."""
        return self.root / "suite"

    @property
    def app(self) -> Path:
        """The version's app: what the app's sandbox holds (black-box) or imports (in-process)."""
        return self.root / "app"

    @property
    def workdir(self) -> job.Workdir:
        """For the parts a run shares with a spec run: sockets, scratch home and tmp."""
        return job.Workdir(self.root)


def _learner_tests(submission: Path) -> Path | None:
    """The submission's tests/ folder, if it holds any test file pytest would collect."""
    tests = submission / SUITE_FOLDER
    if any(tests.rglob("test_*.py")) or any(tests.rglob("*_test.py")):
        return tests
    return None


def _lay_out(run: SuiteRun, kata: Kata, tests: Path, version: Version) -> None:
    """A fresh run folder: the learner's tests without their conftest.py (the grader's `client`
    takes its place), the grader's pytest.ini, and the version's app."""
    shutil.rmtree(run.root, ignore_errors=True)
    shutil.copytree(
        tests,
        run.suite / SUITE_FOLDER,
        ignore=lambda folder, names: ["conftest.py"] if Path(folder) == tests else [],
    )
    shutil.copyfile(templates_dir() / "pytest.ini", run.suite / INI)
    build_version(kata, version, run.app)
    run.workdir.make_scratch()


def _run_inprocess(kata: Kata, run: SuiteRun, sandbox: Sandbox, limits: Limits) -> Outcome:
    options = ["--kata-suite-app-dir", str(run.app), "--kata-suite-app", kata.config.app]
    return sandbox.run(
        SandboxRequest(
            argv=[*PYTEST_PREFIX, *pytest_args(run.suite, *options)],
            cwd=run.suite,
            env=job.run_environment(run.workdir, kata),
            limits=limits,
        )
    )


def _run_blackbox(kata: Kata, run: SuiteRun, sandbox: Sandbox, limits: Limits) -> Outcome:
    """The app served in one sandbox, the suite in another; the suite's outcome."""
    sockets = run.workdir.sockets
    sockets.mkdir()
    sockets.chmod(0o777)  # the sandboxes' own users create and use the sockets here
    app_side = LaunchRequest(
        submission=run.app,
        app=kata.config.app,
        harness=None,
        sockets=sockets,
        env=job.run_environment(run.workdir, kata),
        limits=limits,
        token=secrets.token_urlsafe(32),
    )
    # The suite's sandbox holds the tests and the token, never the app.
    suite_side = replace(app_side, submission=run.suite, module=RUNNER)
    stop = threading.Event()
    with ThreadPoolExecutor(max_workers=1) as pool:
        served = pool.submit(sandbox.launch, app_side, stop)
        served.add_done_callback(lambda _: (sockets / APP_ENDED).touch())
        try:
            outcome = sandbox.launch(suite_side, threading.Event())
        finally:
            stop.set()
        app_outcome = served.result()
    if app_outcome.run_end is not RunEnd.finished and app_outcome.output.strip():
        # The correct app's own words (a fault's stay hidden: see _finished).
        outcome = replace(
            outcome, output=f"{outcome.output}\n--- the app's output ---\n{app_outcome.output}"
        )
    return outcome


def _passed(outcome: Outcome) -> bool:
    return outcome.returncode == 0 and outcome.run_end is RunEnd.finished


def _tail(text: str, lines: int) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _finished(spec: SpecInfo, outcome: Outcome | None, baseline_passed: bool) -> Finished:
    """One version's run as the spec it stands for."""
    if outcome is None or (not spec.baseline and not baseline_passed):
        return Finished(id=spec.id, outcome="failed", duration=0.0, message=BLOCKED)
    duration = round(outcome.duration, 3)
    passed = _passed(outcome)
    if spec.baseline:
        if passed:
            return Finished(id=spec.id, outcome="passed", duration=duration)
        why = "it ran out of time" if outcome.run_end is RunEnd.timed_out else "some test failed"
        return Finished(
            id=spec.id,
            outcome="timeout" if outcome.run_end is RunEnd.timed_out else "failed",
            duration=duration,
            message=f"your tests do not pass on the correct app ({why}); the end of their "
            f"output:\n{_tail(outcome.output, OUTPUT_LINES)}",
            output=outcome.output.strip()[-MAX_OUTPUT_CHARS:],
        )
    # A fault is caught when the suite does not pass on it; what it printed stays unseen.
    if passed:
        return Finished(id=spec.id, outcome="failed", duration=duration, message=MISSED)
    return Finished(id=spec.id, outcome="passed", duration=duration)


def _order(kata: Kata, mode: Mode) -> list[Version]:
    ordered = versions(kata)
    if mode == "blackbox":
        random.SystemRandom().shuffle(ordered)
    return ordered


def run_versions(
    kata: Kata, tests: Path, sandbox: Sandbox, mode: Mode, limits: Limits, root: Path
) -> dict[str, Outcome]:
    """Each version's suite outcome, by spec id; none after the correct app's run failed."""
    run = SuiteRun(root / "run")
    outcomes: dict[str, Outcome] = {}
    for version in _order(kata, mode):
        _lay_out(run, kata, tests, version)
        if mode == "blackbox":
            outcome = _run_blackbox(kata, run, sandbox, limits)
        else:
            outcome = _run_inprocess(kata, run, sandbox, limits)
        outcomes[version.spec_id] = outcome
        if version.spec_id == BASELINE_ID and not _passed(outcome):
            break  # every fault is blocked now: no run can change the report
    shutil.rmtree(run.root, ignore_errors=True)
    return outcomes


def grade_suite(
    kata: Kata,
    project: Path,
    sandbox: Sandbox,
    *,
    mode: Mode = "inprocess",
    select: str | None = None,
    limits: Limits,
) -> Report:
    """Take the project in, run its tests on every app version, and report."""
    if select:
        raise UsageError(
            f"-k selects specs, and {kata.id} grades your whole suite at once; run "
            f"`pytest -k {select}` to run some of your tests"
        )
    index = suite_index(kata)
    with scratch_folder("suite") as tmp:
        submission = take_in(project, tmp / "submission")
        started_at = datetime.now(UTC)
        tests = _learner_tests(tmp / "submission")
        outcomes = {}
        if tests is not None:
            outcomes = run_versions(kata, tests, sandbox, mode, limits, tmp)
    baseline = outcomes.get(BASELINE_ID)
    baseline_passed = baseline is not None and _passed(baseline)
    stream = Stream(
        collected=Collected(specs=index),
        started=[spec.id for spec in index if spec.id in outcomes],
        finished={
            spec.id: _finished(spec, outcomes.get(spec.id), baseline_passed) for spec in index
        },
    )
    if tests is None:
        stream.finished[BASELINE_ID] = Finished(
            id=BASELINE_ID, outcome="failed", duration=0.0, message=NO_TESTS
        )
    total = sum(outcome.duration for outcome in outcomes.values())
    summary = Outcome(
        returncode=baseline.returncode if baseline else None,
        run_end=baseline.run_end if baseline else RunEnd.finished,
        duration=total,
        output="",
    )
    report = build_report(
        kata=kata,
        index=index,
        stream=stream,
        outcome=summary,
        submission=submission,
        sandbox=SandboxRef(backend=sandbox.name, mode=mode, limits=limits, image=sandbox.image_id),
        started_at=started_at,
    )
    if not baseline_passed:
        first = stream.finished[BASELINE_ID].message.splitlines()[0]
        report = report.model_copy(update={"blocked_by": first})
    return report
