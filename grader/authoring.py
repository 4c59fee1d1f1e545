"""For kata authors: prove that a kata's specs tell right from wrong.

``verify`` grades the kata's own projects with its own specs: the solution must pass every spec,
the stub must fail every spec not marked ``baseline`` (and pass the baseline ones), and each
near-miss must fail every spec its ``near-miss.toml`` says catches it.
"""

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from grader.catalog import Kata, NearMiss
from grader.collect import spec_index
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


def check_stub(kata: Kata, report: Report, index: list[SpecInfo]) -> Check:
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
        if spec_id not in outcomes:
            check.problems.append(
                f"near-miss.toml names {spec_id}, which is not a spec of the kata"
            )
        elif outcomes[spec_id] is SpecStatus.passed:
            check.problems.append(f"{spec_id} passes, but should catch this mistake")
    return check


def verify(katas: Iterable[Kata], sandbox: Sandbox, *, workers: int = 2) -> list[Check]:
    """Every check of every kata, graded in parallel."""
    jobs: list[tuple[Kata, Path, Callable[[Report], Check]]] = []
    for kata in katas:
        index = spec_index(kata)
        jobs.append((kata, kata.solution_dir, lambda report, k=kata: check_solution(k, report)))
        jobs.append((kata, kata.stub_dir, lambda report, k=kata, i=index: check_stub(k, report, i)))
        for near_miss in kata.near_misses():
            jobs.append(
                (
                    kata,
                    near_miss.path,
                    lambda report, k=kata, n=near_miss: check_near_miss(k, n, report),
                )
            )
    with ThreadPoolExecutor(max_workers=workers) as pool:
        reports = pool.map(lambda job: grade(job[0], job[1], sandbox), jobs)
        return [judge(report) for (_, _, judge), report in zip(jobs, reports, strict=True)]
