"""The ``process`` sandbox with a warm worker: the same limits, without the import time.

In-process checks of the learner's own code run through ``grader.warm``: a worker that has
already imported the heavy libraries forks for each run. What the run sees is what a fresh
``python -I -B -m pytest`` would see; only the start is faster. Anything the worker cannot do
(it failed to start) falls back to a cold start.
"""

import os
import time
from dataclasses import dataclass

from grader.job import PYTEST_PREFIX
from grader.sandbox.base import Outcome, Sandbox, SandboxRequest
from grader.sandbox.process import ProcessSandbox, rlimits_for, run_end_of
from grader.scratch import scratch_folder
from grader.warm import WarmWorker


class WarmProcessSandbox(ProcessSandbox):
    name = "process"

    def __init__(self, worker: WarmWorker | None = None, *, shares: int = 1) -> None:
        self.worker = worker or WarmWorker()
        self.shares = shares

    def run(self, request: SandboxRequest) -> Outcome:
        argv = list(request.argv)
        if argv[: len(PYTEST_PREFIX)] != PYTEST_PREFIX:
            return super().run(request)
        limits = request.limits
        started = time.monotonic()
        with scratch_folder("warm") as tmp:
            output_path = tmp / "output"
            try:
                returncode, timed_out = self.worker.run(
                    {
                        "args": argv[len(PYTEST_PREFIX) :],
                        "cwd": str(request.cwd),
                        "env": dict(request.env),
                        "rlimits": rlimits_for(limits),
                        "output": str(output_path),
                    },
                    started + limits.wall_seconds,
                )
            except (OSError, ValueError, KeyError):
                return super().run(request)
            limit = limits.output_kb * 1024
            raw = output_path.read_bytes() if output_path.exists() else b""
        dropped = max(0, len(raw) - limit)
        output = raw[:limit].decode("utf-8", errors="replace")
        if dropped:
            output += f"\n[... {dropped} more bytes of output dropped]"
        return Outcome(
            returncode=returncode,
            run_end=run_end_of(
                returncode if returncode is not None else -9, timed_out, False, output
            ),
            duration=time.monotonic() - started,
            output=output,
            output_dropped=dropped,
        )


MAX_SHARES = 4


@dataclass(frozen=True)
class WarmSetup:
    """Where a learner's check runs: the submission's sandbox, the specs' side of a black-box run,
    and the worker behind whichever of them is warm (for a caller that wants to stop it)."""

    sandbox: Sandbox
    specs_side: ProcessSandbox | None = None
    worker: WarmWorker | None = None


def keep_warm(sandbox: Sandbox, mode: str) -> WarmSetup:
    """A learner's check pays the imports once (unless KATA_WARM=0). In-process, the whole run
    goes through the warm worker, split into shares over the cores (grader.shards). Black-box,
    the specs' side does (it is the grader's own code; the submission still starts fresh in its
    sandbox)."""
    if os.environ.get("KATA_WARM") == "0":
        return WarmSetup(sandbox)
    if mode == "blackbox":
        specs_side = WarmProcessSandbox()
        return WarmSetup(sandbox, specs_side, specs_side.worker)
    if sandbox.name == "process":
        warm = WarmProcessSandbox(shares=default_shares())
        return WarmSetup(warm, None, warm.worker)
    return WarmSetup(sandbox)


def default_shares() -> int:
    """One share per core this process may use, up to four: past that, each share's own start
    (a fork, pytest's collection, the first import of the app) outweighs what it takes over."""
    usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    cores = len(usable) if usable else os.cpu_count() or 1
    return max(1, min(cores, MAX_SHARES))
