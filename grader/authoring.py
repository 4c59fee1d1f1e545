"""For kata authors: prove that a kata's specs tell right from wrong.

``verify`` grades the kata's own projects with its own specs: the solution must pass every spec,
the stub must fail every spec not marked ``baseline`` (and pass the baseline ones), and each
near-miss must fail every spec its ``near-miss.toml`` says catches it.
"""

import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from grader.catalog import NEAR_MISS_FILE, Kata, NearMiss
from grader.collect import spec_index
from grader.job import Mode
from grader.models import Report, ReportStatus, SpecInfo, SpecStatus
from grader.runner import grade
from grader.sandbox import Sandbox


@dataclass
class Check:
    """One expectation about one of a kata's projects, and what broke it."""

    kata: str
    subject: str
    expectation: str
    problems: list[str] = field(default_factory=list)
    run: str = ""  # the mode and sandbox it was graded in

    @property
    def ok(self) -> bool:
        return not self.problems


def _run_problems(report: Report) -> list[str]:
    return [f"could not grade: {error}" for error in report.errors] + [
        f"integrity finding: {finding}" for finding in report.integrity
    ]


def check_solution(kata: Kata, report: Report) -> Check:
    check = Check(kata.id, "solution", "passes every spec", _run_problems(report))
    for spec in report.specs:
        if spec.status is not SpecStatus.passed:
            first_line = next(iter(spec.message.splitlines()), "")
            check.problems.append(f"{spec.id} {spec.status.value}: {first_line}")
    return check


def check_stub(kata: Kata, report: Report, *, index: list[SpecInfo]) -> Check:
    check = Check(kata.id, "stub", "fails every non-baseline spec", _run_problems(report))
    baseline = {spec.id for spec in index if spec.baseline}
    for spec in report.specs:
        passed = spec.status is SpecStatus.passed
        if passed and spec.id not in baseline:
            check.problems.append(f"{spec.id} passes on the stub; fix it or mark it baseline")
        elif not passed and spec.id in baseline:
            check.problems.append(f"{spec.id} is marked baseline but does not pass on the stub")
    return check


def check_near_miss(kata: Kata, near_miss: NearMiss, report: Report) -> Check:
    check = Check(
        kata.id,
        f"near-miss {near_miss.name}",
        f"caught: {near_miss.config.mistake}",
        [] if report.status is not ReportStatus.error else _run_problems(report),
    )
    outcomes = {spec.id: spec.status for spec in report.specs}
    for spec_id in near_miss.config.caught_by:
        # A parametrized spec named without its parameters catches the mistake if any case does.
        cases = [case for case in outcomes if case == spec_id or case.startswith(spec_id + "[")]
        if not cases:
            check.problems.append(
                f"near-miss.toml names {spec_id}, which is not a spec of the kata"
            )
        elif all(outcomes[case] is SpecStatus.passed for case in cases):
            check.problems.append(f"{spec_id} passes, but should catch this mistake")
    return check


def near_miss_project(kata: Kata, near_miss: NearMiss, destination: Path) -> Path:
    """The solution with the near-miss's files laid over it.

    A near-miss folder holds only what differs from the solution (plus near-miss.toml), so that
    its one mistake is all it says and a fix to the solution reaches every near-miss.
    """
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", NEAR_MISS_FILE)
    shutil.copytree(kata.solution_dir, destination, ignore=skip)
    shutil.copytree(near_miss.path, destination, ignore=skip, dirs_exist_ok=True)
    return destination


def _grade(kata: Kata, project: Path | NearMiss, sandbox: Sandbox, mode: Mode) -> Report:
    if isinstance(project, Path):
        return grade(kata, project, sandbox, mode=mode)
    with tempfile.TemporaryDirectory(prefix="kata-near-miss-") as tmp:
        laid_over = near_miss_project(kata, project, Path(tmp) / project.name)
        return grade(kata, laid_over, sandbox, mode=mode)


def verify(
    katas: Iterable[Kata], runs: Sequence[tuple[Sandbox, Mode]], *, workers: int = 2
) -> list[Check]:
    """Every check of every kata in every (sandbox, mode) run, graded in parallel."""
    jobs: list[tuple[Callable[[], Report], Callable[[Report], Check], str]] = []
    for kata in katas:
        index = spec_index(kata)
        subjects: list[tuple[Path | NearMiss, Callable[[Report], Check]]] = [
            (kata.solution_dir, partial(check_solution, kata)),
            (kata.stub_dir, partial(check_stub, kata, index=index)),
            *((miss, partial(check_near_miss, kata, miss)) for miss in kata.near_misses()),
        ]
        for sandbox, mode in runs:
            for project, judge in subjects:
                run = partial(_grade, kata, project, sandbox, mode)
                jobs.append((run, judge, f"{mode}/{sandbox.name}"))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        reports = pool.map(lambda job: job[0](), jobs)
        checks = []
        for (_, judge, run_name), report in zip(jobs, reports, strict=True):
            check = judge(report)
            check.run = run_name
            checks.append(check)
        return checks
