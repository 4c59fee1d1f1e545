"""The sandbox interface: what a backend is asked to run, and what it reports back.

Two kinds of run. ``run`` executes a command to completion: the in-process mode's pytest, which
imports the submission, so only the ``process`` backend offers it. ``launch`` serves a submission
with the black-box launcher until the specs' side is done; every backend offers it, and the
specs never enter the sandbox.
"""

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, ClassVar

from grader.errors import UsageError
from grader.models import Limits, RunEnd

# How long a launcher gets to exit on its own once the specs are done, before it is killed.
STOP_GRACE_SECONDS = 5.0


@dataclass(frozen=True)
class SandboxRequest:
    """One command to run under limits, in a working folder, with exactly this environment."""

    argv: Sequence[str]
    cwd: Path
    env: Mapping[str, str]
    limits: Limits
    stdin: bytes = b""


@dataclass(frozen=True)
class LaunchRequest:
    """Black-box: serve this submission's app until ``stop`` is set or the wall clock runs out."""

    submission: Path
    app: str
    harness: Path | None
    sockets: Path  # the host folder the launcher creates its sockets in
    env: Mapping[str, str]
    limits: Limits
    token: str
    # What the sandbox runs, with the launcher's command line: the launcher itself, or the runner
    # of a learner's tests (grader.suiterunner), which reaches a launcher in another sandbox.
    module: str = "grader.launcher"


@dataclass(frozen=True)
class Outcome:
    """What came of a run. Never judged by its exit code alone: the results file is the truth."""

    returncode: int | None
    run_end: RunEnd
    duration: float
    output: str
    output_dropped: int = 0


# When the runs that make one check end differently, the check ended the worst of their ways.
_SEVERITY = [RunEnd.finished, RunEnd.killed, RunEnd.out_of_memory, RunEnd.timed_out]


def worst_end(*ends: RunEnd) -> RunEnd:
    return max(ends, key=_SEVERITY.index)


class Sandbox(ABC):
    name: ClassVar[str]
    image_id: str | None = None  # what the run's environment was built from, where that varies
    # Into how many shares an in-process check may be split, to run side by side (grader.shards):
    # worth it only where a run starts for little, as from a warm worker.
    shares: int = 1

    def run(self, request: SandboxRequest) -> Outcome:
        """Run a command to completion or to its wall-clock limit, leaving nothing behind."""
        raise UsageError(
            f"the {self.name} sandbox runs submissions black-box only; use --mode blackbox"
        )

    def start_ahead(self, count: int) -> None:
        """Keep up to ``count`` sandboxes started ahead of the runs, where the backend can (a
        batch asks for one per job slot); each run still gets a fresh one of its own."""
        return

    def prepare(self, request: LaunchRequest) -> LaunchRequest:
        """Called before the specs' side starts. A backend that starts sandboxes ahead hands one
        over here: the request that comes back names that sandbox's sockets folder."""
        return request

    @abstractmethod
    def launch(self, request: LaunchRequest, stop: threading.Event) -> Outcome:
        """Serve the submission with the launcher until ``stop``; always clean up after it."""

    def close(self) -> None:
        """Release what the backend keeps between runs (nothing, unless it starts some ahead)."""
        return


def wait_for_end(
    wait_exit: Callable[[float], bool], stop: threading.Event | None, deadline: float
) -> bool:
    """Wait until the run exits, its deadline passes, or ``stop`` is set (then a grace period).

    ``wait_exit(seconds)`` waits at most that long and says whether the run has exited. Returns
    True when the deadline ended the run.
    """
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return True
        if stop is not None and stop.is_set():
            wait_exit(min(STOP_GRACE_SECONDS, left))
            return False
        if wait_exit(min(left, 0.05)):
            return False


class CappedReader:
    """Drain a pipe in a thread, keeping only the first ``limit`` bytes.

    The pipe is always read to its end, so a program that floods its output never blocks on a
    full pipe; what is over the cap is counted, not kept.
    """

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self._stream = stream
        self._limit = limit
        self._kept = bytearray()
        self.dropped = 0
        self._thread = threading.Thread(target=self._drain, daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        with self._stream:
            while chunk := self._stream.read(65536):
                room = self._limit - len(self._kept)
                self._kept += chunk[:room]
                self.dropped += max(0, len(chunk) - room)

    def text(self, timeout: float = 5.0) -> str:
        self._thread.join(timeout)
        text = self._kept.decode("utf-8", errors="replace")
        if self.dropped:
            text += f"\n[... {self.dropped} more bytes of output dropped]"
        return text
