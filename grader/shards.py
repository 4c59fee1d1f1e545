"""An in-process check split into shares that run side by side, one per core.

Once a warm worker has paid for the imports, a learner's re-check is mostly the specs' own work:
fresh apps, requests, password hashing. Split into shares, each a fork of the worker, that work
spreads over the machine's cores. The shares take the specs one at a time, each claiming the
next one nobody has (``--kata-claims``), so that they finish together however unevenly the
specs' costs fall. Each share has its own workdir with its own copy of the project, so that what
the app writes next to itself (a SQLite file in its folder) or in its temporary folder is never
shared; the shares' streams and outcomes are then merged as if one run had made them.
"""

import shutil
from concurrent.futures import ThreadPoolExecutor

from grader import job
from grader.catalog import Kata
from grader.models import Limits
from grader.records import Stream, merge_streams, read_stream
from grader.sandbox import Outcome, Sandbox, SandboxRequest
from grader.sandbox.base import worst_end


def _share_workdirs(kata: Kata, workdir: job.Workdir, count: int) -> list[job.Workdir]:
    """The check's own workdir for the first share; a copy beside it for each other one."""
    workdirs = [workdir]
    for number in range(2, count + 1):
        share = job.prepare(kata, workdir.root / f"share-{number}")
        shutil.copytree(workdir.submission, share.submission, symlinks=True)
        workdirs.append(share)
    return workdirs


def _merged(outcomes: list[Outcome]) -> Outcome:
    """One outcome for the check: it ended the worst way a share did, with a failing exit code
    if a share had one."""
    run_end = worst_end(*(outcome.run_end for outcome in outcomes))
    ended_so = [outcome for outcome in outcomes if outcome.run_end is run_end]
    chosen = next((outcome for outcome in ended_so if outcome.returncode != 0), ended_so[0])
    return Outcome(
        returncode=chosen.returncode,
        run_end=run_end,
        duration=max(outcome.duration for outcome in outcomes),
        output="\n".join(outcome.output.strip() for outcome in outcomes if outcome.output.strip()),
        output_dropped=sum(outcome.output_dropped for outcome in outcomes),
    )


def run_in_shares(
    kata: Kata, workdir: job.Workdir, sandbox: Sandbox, count: int, limits: Limits
) -> tuple[Outcome, Stream]:
    """Run the kata's specs on ``workdir``'s submission in ``count`` shares at once."""
    workdirs = _share_workdirs(kata, workdir, count)
    claims = workdir.root / "claims"
    claims.mkdir()

    def run_share(share: job.Workdir) -> Outcome:
        return sandbox.run(
            SandboxRequest(
                argv=job.pytest_argv(share, kata, claims=claims),
                cwd=share.submission,
                env=job.run_environment(share, kata),
                limits=limits,
            )
        )

    with ThreadPoolExecutor(max_workers=count) as pool:
        outcomes = list(pool.map(run_share, workdirs))
    return _merged(outcomes), merge_streams([read_stream(share.results) for share in workdirs])
