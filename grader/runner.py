"""job -> sandbox -> Report: grade one submission against one kata."""

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from grader import job
from grader.catalog import Kata
from grader.collect import spec_index
from grader.intake import take_in
from grader.models import Limits, Report, SandboxRef
from grader.records import read_stream
from grader.results import build_report
from grader.sandbox import Sandbox, SandboxRequest


def limits_for(kata: Kata) -> Limits:
    # CPU time adds up over threads and cores, so it gets more room than the wall clock.
    return Limits(wall_seconds=kata.config.timeout, cpu_seconds=kata.config.timeout * 2)


def grade(
    kata: Kata,
    project: Path,
    sandbox: Sandbox,
    *,
    select: str | None = None,
    limits: Limits | None = None,
) -> Report:
    """Take the project in, run the kata's specs on it in the sandbox, and report."""
    limits = limits or limits_for(kata)
    index = spec_index(kata)
    with tempfile.TemporaryDirectory(prefix="kata-run-") as tmp:
        workdir = job.prepare(kata, Path(tmp))
        submission = take_in(project, workdir.submission)
        started_at = datetime.now(UTC)
        outcome = sandbox.run(
            SandboxRequest(
                argv=job.pytest_argv(workdir, kata, select=select),
                cwd=workdir.submission,
                env=job.run_environment(workdir, kata),
                limits=limits,
            )
        )
        stream = read_stream(workdir.results)
    return build_report(
        kata=kata,
        index=index,
        stream=stream,
        outcome=outcome,
        submission=submission,
        sandbox=SandboxRef(backend=sandbox.name, mode="inprocess", limits=limits),
        started_at=started_at,
    )
