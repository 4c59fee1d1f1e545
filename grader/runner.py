"""job -> sandbox -> Report: grade one submission against one kata.

In-process, one pytest run imports the submission (fast; for code the user trusts). Black-box, the
sandbox serves the submission with the launcher while the specs' pytest runs outside it, on the
grader's side, and reaches the app only through the launcher's sockets.
"""

import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from grader import job
from grader.catalog import Kata
from grader.channel import REQUEST_SECONDS, TOKEN_VARIABLE
from grader.collect import spec_index
from grader.intake import take_in
from grader.models import Limits, Report, SandboxRef
from grader.records import read_stream
from grader.results import build_report
from grader.sandbox import LaunchRequest, Outcome, ProcessSandbox, Sandbox, SandboxRequest
from grader.sandbox.base import worst_end
from grader.scratch import scratch_folder
from grader.shards import run_in_shares


def limits_for(kata: Kata) -> Limits:
    # CPU time adds up over threads and cores, so it gets more room than the wall clock.
    return Limits(wall_seconds=kata.config.timeout, cpu_seconds=kata.config.timeout * 2)


def _both_sides(specs: Outcome, app: Outcome) -> Outcome:
    """One outcome for a black-box run: the specs' exit, the worse of the two ends."""
    output = specs.output.strip()
    if app.output.strip():
        output += "\n--- the app's output ---\n" + app.output.strip()
    return Outcome(
        returncode=specs.returncode,
        run_end=worst_end(specs.run_end, app.run_end),
        duration=specs.duration,
        output=output,
        output_dropped=specs.output_dropped + app.output_dropped,
    )


def _run_blackbox(
    kata: Kata,
    workdir: job.Workdir,
    sandbox: Sandbox,
    specs_side: ProcessSandbox,
    limits: Limits,
    select: str | None,
) -> Outcome:
    token = secrets.token_urlsafe(32)
    workdir.sockets.mkdir()
    workdir.sockets.chmod(0o777)  # the sandbox's own user creates the sockets here
    stop = threading.Event()
    launch = sandbox.prepare(
        LaunchRequest(
            submission=workdir.submission,
            app=kata.config.app,
            harness=workdir.harness if kata.harness is not None else None,
            sockets=workdir.sockets,
            env=job.run_environment(workdir, kata),
            limits=limits,
            token=token,
        )
    )
    with ThreadPoolExecutor(max_workers=1) as pool:
        app_side = pool.submit(sandbox.launch, launch, stop)
        # Tells a spec side still waiting for the launcher's sockets that none will come.
        app_side.add_done_callback(lambda _: workdir.launcher_ended.touch())
        try:
            specs = specs_side.run(
                SandboxRequest(
                    argv=job.pytest_argv(
                        workdir,
                        kata,
                        mode="blackbox",
                        select=select,
                        # A hung request becomes that spec's timeout while the run goes on.
                        request_timeout=min(REQUEST_SECONDS, limits.wall_seconds / 2),
                        sockets=launch.sockets,
                    ),
                    cwd=workdir.scratch,
                    env={**job.run_environment(workdir, kata), TOKEN_VARIABLE: token},
                    limits=limits,
                )
            )
        finally:
            stop.set()
        return _both_sides(specs, app_side.result())


def grade(
    kata: Kata,
    project: Path,
    sandbox: Sandbox,
    *,
    mode: job.Mode = "inprocess",
    select: str | None = None,
    limits: Limits | None = None,
    specs_side: ProcessSandbox | None = None,
) -> Report:
    """Take the project in, run the kata's specs on it in the sandbox, and report.

    Black-box, the specs run on the grader's side in ``specs_side`` (a plain process by default;
    a warm worker saves their imports, since they are the grader's own code, never the learner's).
    """
    limits = limits or limits_for(kata)
    if kata.config.grading == "tests":  # the learner wrote tests: see grader.suitegrade
        from grader.suitegrade import grade_suite

        return grade_suite(kata, project, sandbox, mode=mode, select=select, limits=limits)
    index = spec_index(kata)
    with scratch_folder("run") as tmp:
        workdir = job.prepare(kata, tmp)
        submission = take_in(project, workdir.submission)
        started_at = datetime.now(UTC)
        if mode == "blackbox":
            outcome = _run_blackbox(
                kata, workdir, sandbox, specs_side or ProcessSandbox(), limits, select
            )
            stream = read_stream(workdir.results)
        elif select is None and (shares := min(sandbox.shares, len(index))) > 1:
            outcome, stream = run_in_shares(kata, workdir, sandbox, shares, limits)
        else:
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
        sandbox=SandboxRef(backend=sandbox.name, mode=mode, limits=limits, image=sandbox.image_id),
        started_at=started_at,
    )
